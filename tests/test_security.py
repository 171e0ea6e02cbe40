"""Origin allowlist, rate limits and security headers (TestClient; fake embeddings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor import build_advisor
from advisor.config import Settings
from advisor.serve.app import create_app
from advisor.serve.security import SlidingWindow

ALLOWED = "https://partner.example"
CHAT = {"message": "How much is tuition for out-of-state students?"}


@pytest.fixture
def make_client(corpus_copy: Path, make_settings: Callable[..., Settings]) -> Callable[..., TestClient]:
    def make(ui: bool = False, **overrides: object) -> TestClient:
        adv = build_advisor(make_settings(allowed_origins=ALLOWED, **overrides))
        adv.ingest()
        return TestClient(create_app(adv, ui=ui), base_url="http://advisor.test")

    return make


def test_cors_only_for_allowlisted_origins(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    ok = client.post("/api/chat", json=CHAT, headers={"Origin": ALLOWED})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == ALLOWED
    pre = client.options("/api/chat", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type,x-session-id"})
    assert pre.status_code == 204 and "x-session-id" in pre.headers["access-control-allow-headers"].lower()
    bad = client.post("/api/chat", json=CHAT, headers={"Origin": "https://evil.example"})
    assert bad.status_code == 403 and bad.json()["error"]["type"] == "origin_not_allowed"
    assert "ADVISOR_ALLOWED_ORIGINS" in bad.json()["error"]["message"]
    null = client.post("/api/chat", json=CHAT, headers={"Origin": "null"})
    assert null.status_code == 403 and "access-control-allow-origin" not in null.headers
    assert client.options("/v1/models", headers={"Origin": "https://evil.example"}).status_code == 403
    same = client.post("/api/chat", json=CHAT, headers={"Origin": "http://advisor.test"})
    assert same.status_code == 200 and "access-control-allow-origin" not in same.headers
    assert client.post("/api/chat", json=CHAT).status_code == 200  # no Origin: not a browser


def test_rate_limit_per_ip_with_retry_after(make_client: Callable[..., TestClient]) -> None:
    client = make_client(rate_limit_ip=3, rate_limit_session=0)
    codes = [client.post("/api/chat", json=CHAT).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = client.post("/api/chat", json=CHAT)
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and r.json()["error"]["type"] == "rate_limited"
    assert client.get("/api/health").status_code == 200  # cheap reads are not limited


def test_forwarded_for_is_only_believed_from_trusted_proxies(make_client: Callable[..., TestClient]) -> None:
    untrusted = make_client(rate_limit_ip=2, rate_limit_session=0)
    codes = [untrusted.post("/api/chat", json=CHAT, headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code
             for i in range(3)]
    assert codes[-1] == 429  # spoofed headers do not buy new quota
    trusted = make_client(rate_limit_ip=2, rate_limit_session=0, trusted_proxies="testclient")
    codes = [trusted.post("/api/chat", json=CHAT, headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
             for i in range(3)]
    assert codes == [200, 200, 200]  # behind a trusted proxy each client has its own quota


def test_rate_limit_per_session(make_client: Callable[..., TestClient]) -> None:
    client = make_client(rate_limit_ip=0, rate_limit_session=2)
    a = [client.post("/api/chat", json=CHAT, headers={"X-Session-Id": "aaa"}).status_code for _ in range(3)]
    b = client.post("/api/chat", json=CHAT, headers={"X-Session-Id": "bbb"}).status_code
    assert a == [200, 200, 429] and b == 200


def test_sliding_window_recovers() -> None:
    w = SlidingWindow(2, window=10)
    assert w.hit("k", now=0) == 0 and w.hit("k", now=1) == 0
    assert w.hit("k", now=2) == pytest.approx(8)
    assert w.hit("k", now=10.5) == 0


def test_security_headers(make_client: Callable[..., TestClient]) -> None:
    client = make_client(ui=True)
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "unsafe-eval" not in policy and f"frame-ancestors 'self' {ALLOWED}" in policy
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["referrer-policy"]
    api = client.get("/api/health")
    assert api.headers["x-content-type-options"] == "nosniff"
    js = client.get("/widget.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert client.get("/widget.css").headers["content-type"].startswith("text/css")


def test_same_origin_only_by_default(corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings())
    adv.ingest()
    client = TestClient(create_app(adv, ui=True), base_url="http://advisor.test")
    assert client.post("/api/chat", json=CHAT, headers={"Origin": "https://partner.example"}).status_code == 403
    page = client.get("/")
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "SAMEORIGIN"
