"""Building blocks of the request policy: JSON errors, client addresses, rate-limit windows, the CSP."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.types import Scope, Send

from advisor.errors import error_body


async def json_error(send: Send, status: int, kind: str, message: str, headers: Iterable[tuple[str, str]] = ()) -> None:
    """Send the JSON error shape straight from ASGI middleware."""
    body = json.dumps(error_body(kind, message)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def own_origin(scope: Scope) -> str:
    """The origin this request was addressed to (scheme and Host header)."""
    host = Headers(scope=scope).get("host", "")
    return f"{scope.get('scheme', 'http')}://{host}"


class SlidingWindow:
    """At most `limit` events per `window` seconds per key (thread-safe, bounded memory)."""

    def __init__(self, limit: int, window: float = 60.0, max_keys: int = 100_000) -> None:
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, key: str, now: float | None = None) -> float:
        """Record an event; returns 0 if allowed, else seconds until the next one would be."""
        if self.limit <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._events) > self.max_keys:
                self._events.clear()
            q = self._events[key]
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                return q[0] + self.window - now
            q.append(now)
            return 0.0


def client_ip(scope: Scope, proxies: frozenset[str]) -> str:
    """The socket address, or X-Forwarded-For's client when the socket is one of our trusted proxies."""
    peer = str((scope.get("client") or ("unknown", 0))[0])
    forwarded = Headers(scope=scope).get("x-forwarded-for")
    if forwarded and peer in proxies:
        # The right-most address not added by one of our proxies is the client.
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        for hop in reversed(hops):
            if hop not in proxies:
                return hop
    return peer


class MemoryLimiter:
    """Rate-limit buckets kept in this process (one replica)."""

    def __init__(self) -> None:
        self._windows: dict[tuple[str, int], SlidingWindow] = {}
        self._lock = threading.Lock()

    async def hit(self, bucket: str, key: str, limit: int) -> float:
        """0 if allowed (and counted), else seconds to wait; `limit` events per minute per bucket and key."""
        with self._lock:
            window = self._windows.setdefault((bucket, limit), SlidingWindow(limit))
        return window.hit(key)


def csp(allowed: frozenset[str]) -> str:
    """Content-Security-Policy for our HTML: no eval, no remote content, framing only by allowed origins."""
    ancestors = " ".join(["'self'", *sorted(allowed)])
    return ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
            f"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}")
