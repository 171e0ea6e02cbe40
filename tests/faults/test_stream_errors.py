"""Failures after a stream has begun reach the client as a last event; a client that leaves stops the work."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from fastapi.testclient import TestClient

from advisor import build_advisor
from advisor.config import Settings
from advisor.core import Advisor
from advisor.serve.app import create_app
from tests.helpers import running
from tests.openai_standin import StandIn


def events(text: str) -> list[tuple[str, Any]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines.get("event", ""), json.loads(lines["data"]) if lines["data"] != "[DONE]" else None))
    return out


@pytest.fixture
def empty(make_settings: Callable[..., Settings]) -> TestClient:
    return TestClient(create_app(build_advisor(make_settings()), ui=False))


def test_empty_index_while_streaming_is_a_final_error_event(empty: TestClient) -> None:
    r = empty.post("/api/chat", json={"message": "Do I need a degree?", "stream": True})
    assert r.status_code == 200
    kind, data = events(r.text)[-1]
    assert kind == "error" and data["type"] == "IndexMissingError" and "advisor ingest" in data["message"]


def test_empty_index_on_v1_streaming_is_an_openai_error_chunk(empty: TestClient) -> None:
    r = empty.post("/v1/chat/completions", json={"model": "advisor", "stream": True,
                                                 "messages": [{"role": "user", "content": "Do I need a degree?"}]})
    last = [d for _, d in events(r.text) if d is not None][-1]
    assert "advisor ingest" in last["error"]["message"]


def test_the_openai_sdk_raises_the_message(make_settings: Callable[..., Settings]) -> None:
    with running(create_app(build_advisor(make_settings()), ui=False)) as url:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
        with pytest.raises(openai.APIError, match="advisor ingest"):
            for _ in client.chat.completions.create(model="advisor", stream=True,
                                                    messages=[{"role": "user", "content": "Do I need a degree?"}]):
                pass


def test_unexpected_failure_mid_stream_is_generic_and_after_the_deltas(
        corpus_copy: Path, make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch) -> None:
    adv = build_advisor(make_settings())
    adv.ingest()

    def broken(question: str, passages: Any, said: Any = ()) -> Iterator[str]:
        yield "A first piece."
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(adv.answerer, "stream", broken)
    r = TestClient(create_app(adv, ui=False)).post("/api/chat", json={"message": "Do I need a degree?",
                                                                     "stream": True})
    got = events(r.text)
    kinds = [k for k, _ in got]
    assert kinds[-1] == "error" and "delta" in kinds and set(kinds[:-1]) == {"delta"}
    assert got[-1][1]["type"] == "internal_error" and "secret" not in r.text


@pytest.fixture
def slow_llm(corpus_copy: Path, make_settings: Callable[..., Settings]) -> Iterator[tuple[StandIn, Advisor]]:
    standin = StandIn()
    standin.mode, standin.slow_chunks, standin.slow_delay = "slow", 60, 0.15
    adv = build_advisor(make_settings(llm_provider="openai", llm_base_url=standin.base_url))
    adv.ingest()
    yield standin, adv
    standin.close()


@pytest.mark.parametrize("path", ["/api/chat", "/v1/chat/completions"])
def test_a_client_that_leaves_stops_the_model_stream(slow_llm: tuple[StandIn, Advisor], path: str) -> None:
    standin, adv = slow_llm
    body: dict[str, Any] = ({"message": "Do I need a degree?", "stream": True} if path == "/api/chat" else
                            {"stream": True, "messages": [{"role": "user", "content": "Do I need a degree?"}]})
    with running(create_app(adv, ui=False)) as url:
        with httpx.Client(timeout=30) as client, client.stream("POST", url + path, json=body) as r:
            started = time.time()
            for _ in r.iter_bytes():
                if time.time() - started > 1.0 and standin.sent >= 3:
                    break  # the reader goes away after about a second
        time.sleep(2.5)
        at_leave = standin.sent
        time.sleep(2.0)
        assert standin.sent == at_leave, "the server kept pulling from the model after the client left"
        assert at_leave < 40, f"{at_leave} of 60 chunks were pulled"


@pytest.mark.integration
def test_the_widget_shows_the_error_event(make_settings: Callable[..., Settings], browser: Any) -> None:
    with running(create_app(build_advisor(make_settings()), ui=False)) as url:
        page = browser.new_page()
        host = (f"<!doctype html><html><body><script src='{url}/widget.js' data-open='true' defer></script>"
                "</body></html>")
        page.route(f"{url}/host", lambda r: r.fulfill(status=200, content_type="text/html", body=host))
        page.goto(f"{url}/host")
        page.locator(".career-advisor-widget textarea").fill("Do I need a degree?")
        page.locator(".career-advisor-widget button.send").click()
        error = page.locator(".career-advisor-widget .msg.bot.error")
        error.wait_for(timeout=30000)
        assert "advisor ingest" in error.inner_text()  # the server's reason, not a generic failure
        page.close()
