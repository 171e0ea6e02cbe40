"""The Gradio paths get the same policy as the API: rate limits, origins, body size, no uploads, Host checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tests.security.policy_helpers import PARTNER, client, event, fn_index, is_error


def test_ui_events_are_rate_limited_per_ip(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True, rate_limit_ui=5)
    fn = fn_index(c, "passage")
    # A new session per request, as a script would do: the per-IP budget still holds.
    codes = [c.post("/gradio_api/queue/join", json=event(fn, [None], f"s{i}")).status_code for i in range(8)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3
    r = c.post("/gradio_api/queue/join", json=event(fn, [None], "other"))
    assert is_error(r, 429, "rate_limited") and int(r.headers["retry-after"]) >= 1


def test_ui_events_are_rate_limited_per_session_across_ips(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True, rate_limit_ui=3, trusted_proxies="testclient")
    fn = fn_index(c, "passage")
    codes = [c.post("/gradio_api/queue/join", json=event(fn, [None], "same"),
                    headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_gradio_api_calls_share_the_chat_budget(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True, rate_limit_ip=2, rate_limit_session=0)
    codes = [c.post("/gradio_api/call/passage", json={"data": [None]}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert c.post("/api/chat", json={"message": "Do I need a degree?"}).status_code == 429


def test_gradio_cors_follows_the_allowlist(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True)
    for path in ("/config", "/gradio_api/info"):
        local = c.get(path, headers={"Origin": "http://localhost:9999"})
        assert is_error(local, 403, "origin_not_allowed"), path
        assert "access-control-allow-origin" not in local.headers
        assert "access-control-allow-credentials" not in local.headers
        ok = c.get(path, headers={"Origin": PARTNER})
        assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == PARTNER
        assert "access-control-allow-credentials" not in ok.headers  # never credentials
    pre = c.options("/gradio_api/queue/join", headers={"Origin": "http://127.0.0.1:1234",
                                                       "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 403 and "access-control-allow-origin" not in pre.headers
    fn = fn_index(c, "passage")
    evil = c.post("/gradio_api/queue/join", json=event(fn, [None]), headers={"Origin": "https://evil.example"})
    assert is_error(evil, 403, "origin_not_allowed")


def test_ui_event_body_is_bounded(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True, max_ui_body_bytes=100_000)
    fn = fn_index(c, "passage")
    big = event(fn, ["x" * 10_000_000])
    assert is_error(c.post("/gradio_api/queue/join", json=big), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:
        for _ in range(200):
            yield b"x" * 65_536  # no Content-Length: the policy counts the stream

    r = c.post("/gradio_api/queue/join", content=chunks(), headers={"Content-Type": "application/json"})
    assert is_error(r, 413, "payload_too_large")


def test_uploads_and_file_routes_are_off(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True)
    r = c.post("/gradio_api/upload", files={"files": ("big.bin", b"\0" * 200_000)})
    assert is_error(r, 404, "not_found") and "/tmp" not in r.text and "big.bin" not in r.text
    # Cross-site multipart needs no preflight: refused all the same.
    cross = c.post("/gradio_api/upload", files={"files": ("a.txt", b"a")}, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    for path in ("/gradio_api/file=/etc/passwd", "/gradio_api/file/etc/passwd", "/file=/etc/passwd",
                 "/gradio_api/upload_progress?upload_id=x", "/gradio_api/proxy=http://127.0.0.1/"):
        assert is_error(c.get(path), 404, "not_found"), path


def test_bad_ui_events_get_json_4xx(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True)
    fn = fn_index(c, "passage")
    assert is_error(c.post("/gradio_api/queue/join", json=event(999, [None])), 422, "invalid_text")
    assert is_error(c.post("/gradio_api/queue/join", json=event(fn, [None], "")), 422)
    assert is_error(c.post("/gradio_api/queue/join", json=[1, 2]), 422)
    surrogate = b'{"data": ["\\ud800"], "fn_index": %d, "session_hash": "s", "trigger_id": null}' % fn
    r = c.post("/gradio_api/queue/join", content=surrogate, headers={"Content-Type": "application/json"})
    assert is_error(r, 422, "invalid_text") and "surrogate" in r.json()["error"]["message"]
    assert c.post("/gradio_api/queue/join", json=event(fn, [None], "fine")).status_code == 200


def test_host_header_is_checked_and_forwarded_host_ignored(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True)
    for path in ("/", "/config", "/api/health", "/widget.js"):
        r = c.get(path, headers={"Host": "evil.example"})
        assert is_error(r, 400, "host_not_allowed") and "ADVISOR_ALLOWED_HOSTS" in r.text, path
    # DNS rebinding: a page on evil.example resolving to us sends Host: evil.example and its own Origin.
    r = c.post("/api/chat", json={"message": "Do I need a degree?"},
               headers={"Host": "evil.example", "Origin": "http://evil.example"})
    assert is_error(r, 400, "host_not_allowed")
    # No trusted proxy configured: X-Forwarded-Host cannot set Gradio's root URL (cache poisoning).
    page = c.get("/", headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"})
    config = c.get("/config", headers={"X-Forwarded-Host": "evil.example"})
    assert page.status_code == 200 and config.status_code == 200
    assert "evil.example" not in page.text and "evil.example" not in config.text
    assert "advisor.test" in config.json()["root"]


def test_forwarded_host_is_believed_from_a_trusted_proxy(tmp_path: Path) -> None:
    c = client(tmp_path, ui=True, trusted_proxies="testclient")
    config = c.get("/config", headers={"X-Forwarded-Host": "advisor.test:8443"})
    assert config.json()["root"].startswith("http://advisor.test:8443")
    refused = c.get("/config", headers={"X-Forwarded-Host": "evil.example"})
    assert is_error(refused, 400, "host_not_allowed")


def test_host_forms(tmp_path: Path) -> None:
    c = client(tmp_path, allowed_hosts="advisor.test,::1")
    for host in ("advisor.test", "advisor.test:8080", "ADVISOR.test", "[::1]:7860", "[::1]"):
        assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
    for host in ("advisor.test.evil.example", "evil.example:advisor.test", "[::2]", ""):
        assert is_error(c.get("/api/health", headers={"Host": host}), 400, "host_not_allowed"), host


def test_one_client_cannot_fill_the_ui_queue(tmp_path: Path) -> None:
    # The TestClient runs no lifespan, so Gradio's queue never starts: every event joined stays waiting,
    # like long jobs on a busy server.
    c = client(tmp_path, ui=True, ui_queue_per_client=3, queue_size=64, trusted_proxies="testclient")
    fn = fn_index(c, "passage")
    me = {"X-Forwarded-For": "203.0.113.7"}
    codes = [c.post("/gradio_api/queue/join", json=event(fn, [None], f"s{i}"), headers=me).status_code
             for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    r = c.post("/gradio_api/queue/join", json=event(fn, [None], "x"), headers=me)
    assert is_error(r, 429, "queue_share_exceeded")
    other = c.post("/gradio_api/queue/join", json=event(fn, [None], "y"), headers={"X-Forwarded-For": "198.51.100.2"})
    assert other.status_code == 200  # everyone else still gets a place


def test_a_new_session_per_request_does_not_escape_the_ip_budget(tmp_path: Path) -> None:
    c = client(tmp_path, rate_limit_ip=3, rate_limit_session=100)
    codes = [c.post("/api/chat", json={"message": "Do I need a degree?"},
                    headers={"X-Session-Id": f"fresh-{i}"}).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
