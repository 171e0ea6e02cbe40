"""Header size and count, slow clients and the connection limit, over a real uvicorn socket."""

from __future__ import annotations

import contextlib
import socket
import time
from pathlib import Path

import httpx

from tests.helpers import wait_until
from tests.security.policy_helpers import client, is_error, serving, up


def _refused(port: int, head: bytes) -> bool:
    """The server answers 400/431 at once, cutting the connection while the oversized head is still coming."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(5)
        with contextlib.suppress(ConnectionError):
            sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + head + b"\r\n")
        answer = sock.recv(64)
    return answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 431")) and time.monotonic() - started < 3


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """The server closes the connection (or answers and closes) within `seconds`."""
    sock.settimeout(seconds)
    try:
        while sock.recv(65_536):
            pass
        return True
    except TimeoutError:
        return False
    except ConnectionError:
        return True


def test_header_count_and_size_get_431(tmp_path: Path) -> None:
    c = client(tmp_path, max_headers=64, max_header_bytes=16_384)
    many = {f"x-h{i}": "1" for i in range(200)}
    assert is_error(c.get("/api/health", headers=many), 431, "headers_too_large")
    assert is_error(c.get("/api/health", headers={"x-big": "a" * 20_000}), 431, "headers_too_large")
    assert c.get("/api/health", headers={"x-small": "a" * 1000}).status_code == 200


def test_huge_and_numerous_headers_are_refused_by_the_server(tmp_path: Path) -> None:
    with serving(tmp_path) as (url, port):
        assert _refused(port, b"x-big: " + b"a" * 8_000_000 + b"\r\n")
        assert _refused(port, b"".join(b"x-h%d: 1\r\n" % i for i in range(20_000)))
        assert httpx.get(f"{url}/api/health", timeout=5).status_code == 200


def test_slow_headers_are_cut_off(tmp_path: Path) -> None:
    with serving(tmp_path, header_timeout=1.0) as (_, port):
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        started = time.monotonic()
        assert _closed_within(slow, 5.0), "a client trickling headers kept its connection"
        assert time.monotonic() - started < 4.0
        slow.close()
        idle = socket.create_connection(("127.0.0.1", port))  # connects and sends nothing at all
        assert _closed_within(idle, 5.0)
        idle.close()


def test_slow_body_gets_408(tmp_path: Path) -> None:
    with serving(tmp_path, request_timeout=1.0) as (_, port):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"message\": ")
        sock.settimeout(5.0)
        head = sock.recv(65_536)
        sock.close()
        assert head.startswith(b"HTTP/1.1 408") and b'"request_timeout"' in head


def test_connection_limit_holds_and_frees(tmp_path: Path) -> None:
    with serving(tmp_path, max_connections=4, header_timeout=2.0) as (url, port):
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
        for s in held:
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        time.sleep(0.3)
        assert httpx.get(f"{url}/api/health", timeout=5).status_code == 503
        assert wait_until(lambda: up(url), seconds=10), "slots were not freed after the head deadline"
        for s in held:
            s.close()
