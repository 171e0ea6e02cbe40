"""Origin allowlist (CORS), per-client and per-session rate limits, and security headers: ASGI middleware."""

from __future__ import annotations

import json
import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_PREFIXES = ("/api", "/v1")
LIMITED_PATHS = ("/api/chat", "/api/feedback", "/v1/chat/completions")


def error_body(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one JSON error shape of every API refusal: {"error": {"type", "message", ...}}."""
    return {"error": {"type": kind, "message": message, **extra}}


async def _json(send: Send, status: int, kind: str, message: str, headers: Iterable[tuple[str, str]] = ()) -> None:
    body = json.dumps(error_body(kind, message)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def own_origin(scope: Scope) -> str:
    """The origin this request was addressed to (scheme and Host header)."""
    host = Headers(scope=scope).get("host", "")
    return f"{scope.get('scheme', 'http')}://{host}"


class OriginGuard:
    """CORS for allowlisted origins only. Other origins (and 'null') get 403 with a JSON error.

    A refusal still carries Access-Control-Allow-Origin for a real origin, so the widget on a page that is
    not allowed can read why and say "not allowed here"; it reveals nothing else.
    """

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIXES):
            await self.app(scope, receive, send)
            return
        origin = Headers(scope=scope).get("origin")
        if origin is None or origin == own_origin(scope):
            await self.app(scope, receive, send)  # same origin, or not a browser
            return
        if origin not in self.allowed:
            cors = [("access-control-allow-origin", origin), ("vary", "Origin")] if origin != "null" else []
            await _json(send, 403, "origin_not_allowed",
                        f"This advisor is not enabled for {origin}. Its operator can add the site to "
                        "ADVISOR_ALLOWED_ORIGINS.", cors)
            return
        cors_headers = [("access-control-allow-origin", origin), ("vary", "Origin")]
        if scope["method"] == "OPTIONS":  # preflight
            allow = [*cors_headers, ("access-control-allow-methods", "GET, POST, OPTIONS"),
                     ("access-control-allow-headers", "Content-Type, X-Session-Id"),
                     ("access-control-max-age", "600")]
            raw = [(k.encode(), v.encode()) for k, v in allow] + [(b"content-length", b"0")]
            await send({"type": "http.response.start", "status": 204, "headers": raw})
            await send({"type": "http.response.body", "body": b""})
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in cors_headers:
                    headers[k] = v
            await send(message)

        await self.app(scope, receive, with_cors)


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


class RateLimit:
    """429 with Retry-After when a client IP or a widget session asks too often."""

    def __init__(self, app: ASGIApp, per_ip: int, per_session: int, trusted_proxies: frozenset[str]) -> None:
        self.app, self.proxies = app, trusted_proxies
        self.ip, self.session = SlidingWindow(per_ip), SlidingWindow(per_session)

    def client_ip(self, scope: Scope) -> str:
        peer = (scope.get("client") or ("unknown", 0))[0]
        forwarded = Headers(scope=scope).get("x-forwarded-for")
        if forwarded and peer in self.proxies:
            # The right-most address not added by one of our proxies is the client.
            hops = [h.strip() for h in forwarded.split(",") if h.strip()]
            for hop in reversed(hops):
                if hop not in self.proxies:
                    return hop
        return str(peer)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in LIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        wait = self.ip.hit(self.client_ip(scope))
        session = Headers(scope=scope).get("x-session-id", "")[:64]
        if not wait and session:
            wait = self.session.hit(session)
        if wait:
            retry = str(max(1, math.ceil(wait)))
            await _json(send, 429, "rate_limited", f"Too many requests; try again in {retry} s.",
                        [("retry-after", retry)])
            return
        await self.app(scope, receive, send)


def csp(allowed: frozenset[str]) -> str:
    """Content-Security-Policy for our HTML: no eval, no remote content, framing only by allowed origins."""
    ancestors = " ".join(["'self'", *sorted(allowed)])
    return ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
            f"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}")


class SecurityHeaders:
    """nosniff and a Referrer-Policy on every response; the CSP on every HTML response."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app, self.policy = app, csp(allowed)
        # Old browsers ignore frame-ancestors; X-Frame-Options can only say "same origin", so it is sent
        # only when no other origin may frame the app.
        self.frame_options = not allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["x-content-type-options"] = "nosniff"
                headers["referrer-policy"] = "strict-origin-when-cross-origin"
                if headers.get("content-type", "").startswith("text/html"):
                    headers["content-security-policy"] = self.policy
                    if self.frame_options:
                        headers["x-frame-options"] = "SAMEORIGIN"
            await send(message)

        await self.app(scope, receive, add)
