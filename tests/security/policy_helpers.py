"""Helpers for the request-policy tests: an app around a fake-embedding advisor, and Gradio event bodies."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from advisor import build_advisor
from advisor.config import Settings
from advisor.serve.app import create_app
from advisor.serve.server import config
from tests.helpers import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
HOST = "advisor.test"
BASE = f"http://{HOST}"
PARTNER = "https://partner.example"


def settings(tmp: Path, **overrides: Any) -> Settings:
    """Settings under tmp (fake embeddings, the shipped corpus copied), answering to advisor.test."""
    corpus = tmp / "corpus"
    if not corpus.exists():
        shutil.copytree(ROOT / "corpus", corpus)
    base: dict[str, Any] = {"data_dir": tmp / "data", "corpus_dir": corpus, "embedding_model": "fake",
                            "allowed_hosts": HOST, "allowed_origins": PARTNER}
    return Settings(**(base | overrides))


def app(tmp: Path, ui: bool = False, **overrides: Any) -> FastAPI:
    adv = build_advisor(settings(tmp, **overrides))
    adv.ingest()
    return create_app(adv, ui=ui)


def client(tmp: Path, ui: bool = False, **overrides: Any) -> TestClient:
    return TestClient(app(tmp, ui, **overrides), base_url=BASE, raise_server_exceptions=False)


def fn_index(c: TestClient, api_name: str) -> int:
    """The Gradio event id of a named endpoint, read from /config as the browser does."""
    config = c.get("/config").json()
    return next(int(d["id"]) for d in config["dependencies"] if d.get("api_name") == api_name)


def event(fn: int, data: list[Any], session: str = "s1") -> dict[str, Any]:
    """A queue/join body as Gradio's JavaScript client sends it."""
    return {"data": data, "fn_index": fn, "session_hash": session, "trigger_id": None, "event_data": None}


def is_error(response: Any, status: int, kind: str | None = None) -> bool:
    """The response is the one JSON error shape {"error": {"type", "message"}} with this status."""
    if response.status_code != status or not response.headers.get("content-type", "").startswith("application/json"):
        return False
    body = response.json()
    return isinstance(body.get("error"), dict) and bool(body["error"].get("message")) and \
        (kind is None or body["error"].get("type") == kind)


@contextlib.contextmanager
def serving(tmp: Path, **overrides: Any) -> Iterator[tuple[str, int]]:
    """The app served by advisor.serve.server's uvicorn configuration on a free loopback port."""
    port = free_port()
    overrides = overrides | {"allowed_hosts": "127.0.0.1"}
    served = app(tmp, False, **overrides)
    srv = uvicorn.Server(config(served, settings(tmp, **overrides), "127.0.0.1", port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    assert wait_until(lambda: up(url)), "server did not start"
    try:
        yield url, port
    finally:
        srv.should_exit = True
        thread.join(timeout=30)


def up(url: str) -> bool:
    """The server answers its health check."""
    try:
        return httpx.get(f"{url}/api/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
