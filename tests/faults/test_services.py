"""Services failing mid-session: the Chroma server stops and comes back; the LLM is down, hangs or is cut off."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor import build_advisor
from advisor.answer import UNAVAILABLE
from advisor.config import Settings
from advisor.serve.app import create_app
from tests.helpers import free_port, port_open, wait_until
from tests.openai_standin import StandIn

QUESTION = "Do I need a degree to become a machine learning engineer?"


class ChromaServer:
    """`chroma run` on a fixed loopback port and folder, which can be stopped and started again."""

    def __init__(self, path: Path) -> None:
        self.path, self.port = path, free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")

    def start(self) -> None:
        assert self.chroma, "the chroma CLI ships with the chromadb package"
        self.proc = subprocess.Popen([self.chroma, "run", "--path", str(self.path), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_until(lambda: port_open(self.port)), "chroma server did not start"

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=30)
            self.proc = None


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path / "server")
    server.start()
    yield server
    server.stop()


@pytest.mark.integration
def test_chroma_server_stopped_and_restarted_mid_session(chroma: ChromaServer, corpus_copy: Path,
                                                          make_settings: Callable[..., Settings]) -> None:
    # revision_ttl=0: the index is asked on every request. (Within the default second, a server answers from
    # the chunks and vectors it holds in memory, and meets the outage at its next look.)
    adv = build_advisor(make_settings(chroma_host="127.0.0.1", chroma_port=chroma.port, revision_ttl=0))
    adv.ingest()
    client = TestClient(create_app(adv, ui=False))
    assert client.post("/api/chat", json={"message": QUESTION}).json()["citations"]
    chroma.stop()
    r = client.post("/api/chat", json={"message": QUESTION})
    assert r.status_code == 503 and "Chroma server" in r.json()["error"]["message"]
    assert client.get("/api/health").status_code == 503
    streamed = client.post("/api/chat", json={"message": QUESTION, "stream": True}).text
    assert "event: error" in streamed and "Chroma server" in streamed
    chroma.start()
    deadline = time.time() + 30
    while client.post("/api/chat", json={"message": QUESTION}).status_code != 200 and time.time() < deadline:
        time.sleep(0.5)
    r = client.post("/api/chat", json={"message": QUESTION})
    assert r.status_code == 200 and r.json()["citations"], "the advisor should reconnect by itself"


@pytest.fixture
def standin() -> Iterator[StandIn]:
    s = StandIn()
    yield s
    s.close()


@pytest.mark.parametrize("mode", ["down", "error", "hang", "cut"])
def test_llm_failures_fall_back_to_quoting_within_the_timeout(mode: str, standin: StandIn, corpus_copy: Path,
                                                              make_settings: Callable[..., Settings]) -> None:
    base = standin.base_url
    if mode == "down":
        standin.close()  # nothing listens there any more: connection refused
    standin.mode = mode
    adv = build_advisor(make_settings(llm_provider="openai", llm_base_url=base, llm_timeout=2))
    adv.ingest()
    client = TestClient(create_app(adv, ui=False))
    started = time.time()
    data = client.post("/api/chat", json={"message": QUESTION}).json()
    assert data["citations"] and data["notice"] == UNAVAILABLE, data
    streamed = client.post("/api/chat", json={"message": QUESTION, "stream": True}).text
    final = json.loads(streamed.split("event: final\ndata: ", 1)[1].split("\n", 1)[0])
    assert final["citations"] and final["notice"] == UNAVAILABLE
    assert time.time() - started < 20, "two answers should each come within about the 2 s timeout"
