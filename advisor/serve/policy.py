"""One request policy in front of every path (UI, /gradio_api, /api, /v1, static), as ASGI middleware."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.serve.edge import BadText, check_gradio_event, check_json
from advisor.serve.security import client_ip, csp, json_error, own_origin

if TYPE_CHECKING:
    from advisor.config import Settings

log = logging.getLogger(__name__)

API_PREFIXES = ("/api/", "/v1/")
# The app has no upload, file, proxy, media-stream or MCP feature: Gradio's routes for them are off.
BLOCKED = ("/gradio_api/upload", "/gradio_api/file", "/gradio_api/proxy=", "/gradio_api/stream",
           "/gradio_api/run-history", "/gradio_api/mcp", "/gradio_api/dev", "/file=", "/proxy=", "/upload")
CHAT_PATHS = ("/api/chat", "/v1/chat/completions", "/gradio_api/call/", "/gradio_api/run/", "/gradio_api/api/")
UI_EVENT = "/gradio_api/queue/join"
FORWARDED = (b"x-forwarded-host", b"x-forwarded-proto", b"x-forwarded-for", b"x-gradio-server", b"forwarded")


class Limiter(Protocol):
    """Rate-limit storage: in process, or shared by replicas (Redis)."""

    async def hit(self, bucket: str, key: str, limit: int) -> float: ...


class _Refused(Exception):
    def __init__(self, status: int, kind: str, message: str, headers: tuple[tuple[str, str], ...] = (),
                 cors: str = "") -> None:
        super().__init__(message)
        self.status, self.kind, self.message, self.headers, self.cors = status, kind, message, headers, cors


def _host_name(host: str) -> str:
    """'example.org:8080' -> 'example.org'; '[::1]:7860' -> '::1'."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class RequestPolicy:
    """Host allowlist, header limits, origin allowlist (CORS), rate limits, body size, time and text checks,
    and security headers: checked here, in this order, for every request, before any route sees it."""

    def __init__(self, app: ASGIApp, settings: Settings, limiter: Limiter, ui_events: frozenset[int] = frozenset(),
                 ui_pending: Callable[[str], int] | None = None) -> None:
        self.app, self.s, self.limiter, self.ui_events = app, settings, limiter, ui_events
        self.ui_pending = ui_pending
        self.policy = csp(settings.origins)
        # Old browsers ignore frame-ancestors; X-Frame-Options can only say "same origin", so it is sent
        # only when no other origin may frame the app.
        self.frame_options = not settings.origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        try:
            scope = self._trusted_headers(scope)
            self._check_head(scope)
            origin = self._check_origin(scope)
            if scope["type"] == "websocket":
                await self.app(scope, receive, send)
                return
            if origin and scope["method"] == "OPTIONS":
                await self._preflight(send, origin)
                return
            await self._rate_limit(scope, "")
            receive = await self._read_body(scope, receive)
        except _Refused as no:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await json_error(self._secured(send, no.cors), no.status, no.kind, no.message, no.headers)
            return
        await self._call(scope, receive, self._secured(send, origin))

    async def _call(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            log.error("unexpected error on %s", scope.get("path"), exc_info=True)
            if not started:
                await json_error(send, 500, "internal_error", "Something went wrong on our side; please try again.")

    def _trusted_headers(self, scope: Scope) -> Scope:
        """Drop forwarding headers unless the socket is a trusted proxy (Gradio builds its root URL from them)."""
        peer = str((scope.get("client") or ("", 0))[0])
        if peer in self.s.proxies:
            return scope
        headers = [(k, v) for k, v in scope.get("headers") or [] if k.lower() not in FORWARDED]
        return {**scope, "headers": headers}

    def _check_head(self, scope: Scope) -> None:
        raw = scope.get("headers") or []
        if len(raw) > self.s.max_headers:
            raise _Refused(431, "headers_too_large", f"More than {self.s.max_headers} request headers.")
        if sum(len(k) + len(v) for k, v in raw) > self.s.max_header_bytes:
            raise _Refused(431, "headers_too_large", f"Request headers exceed {self.s.max_header_bytes:,} bytes.")
        hosts = self.s.hosts
        if "*" in hosts:
            return
        headers = Headers(scope=scope)
        # X-Forwarded-Host is still here only when a trusted proxy sent it; Gradio prefers it to Host.
        forwarded = headers.get("x-forwarded-host")
        for host in (headers.get("host", ""), *([forwarded.split(",")[0]] if forwarded is not None else [])):
            host = host.strip().lower()
            if _host_name(host) not in hosts:
                raise _Refused(400, "host_not_allowed", f"This server does not answer to the host {host[:100]!r}; "
                               "its operator can add it to ADVISOR_ALLOWED_HOSTS.")

    def _check_origin(self, scope: Scope) -> str:
        """The foreign (allowlisted) origin to answer with CORS, '' for same origin or no browser; else refuse."""
        origin = Headers(scope=scope).get("origin")
        own = own_origin(scope)
        if scope["type"] == "websocket":
            own = own.replace("ws", "http", 1)
        if origin is None or origin == own:
            return ""
        if origin in self.s.origins:
            return origin
        # The widget on a page that is not allowed can still read why, and say "not allowed here".
        readable = origin if origin != "null" and scope["path"].startswith(API_PREFIXES) else ""
        raise _Refused(403, "origin_not_allowed", f"This advisor is not enabled for {origin[:200]}. Its operator "
                       "can add the site to ADVISOR_ALLOWED_ORIGINS.", cors=readable)

    async def _preflight(self, send: Send, origin: str) -> None:
        allow = [("access-control-allow-origin", origin), ("vary", "Origin"),
                 ("access-control-allow-methods", "GET, POST, OPTIONS"),
                 ("access-control-allow-headers", "Content-Type, X-Session-Id"), ("access-control-max-age", "600")]
        raw = [(k.encode(), v.encode()) for k, v in allow] + [(b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 204, "headers": raw})
        await send({"type": "http.response.body", "body": b""})

    async def _rate_limit(self, scope: Scope, body_session: str = "") -> None:
        """Chat, UI events and feedback each have their own budget, per client IP and per session.

        Called before the body is read (per IP, and per X-Session-Id for chat), then again with the session
        a UI event's body names.
        """
        if scope["method"] != "POST":
            return
        path, s = scope["path"], self.s
        if path.startswith(CHAT_PATHS):
            bucket, per_ip, per_session = "chat", s.rate_limit_ip, s.rate_limit_session
            session = Headers(scope=scope).get("x-session-id", "")[:64]
        elif path.rstrip("/") == UI_EVENT:
            bucket, per_ip, per_session, session = "ui", s.rate_limit_ui, s.rate_limit_ui, body_session
        elif path.rstrip("/") == "/api/feedback":
            bucket, per_ip, per_session, session = "feedback", s.rate_limit_feedback, 0, ""
        else:
            return
        wait = 0.0
        if not body_session and per_ip:
            wait = await self.limiter.hit(bucket + ":ip", client_ip(scope, s.proxies), per_ip)
        if not wait and session and per_session:
            wait = await self.limiter.hit(bucket + ":session", session, per_session)
        if wait:
            retry = str(max(1, math.ceil(wait)))
            raise _Refused(429, "rate_limited", f"Too many requests; try again in {retry} s.",
                           (("retry-after", retry),))

    def _check_queue_share(self, scope: Scope) -> None:
        """One client may hold only a few places in the UI's queue, so it cannot fill it for everyone."""
        bound = self.s.ui_queue_per_client
        if bound and self.ui_pending is not None and self.ui_pending(client_ip(scope, self.s.proxies)) >= bound:
            raise _Refused(429, "queue_share_exceeded", f"You already have {bound} requests waiting; wait for them "
                           "to finish.", (("retry-after", "5"),))

    async def _read_body(self, scope: Scope, receive: Receive) -> Receive:
        """Read the whole (bounded) body within the time limit and check its text; then replay it to the app."""
        path = scope["path"]
        if path.startswith(BLOCKED):
            raise _Refused(404, "not_found", "This server has no upload or file routes.")
        headers = Headers(scope=scope)
        if scope["method"] in ("GET", "HEAD", "OPTIONS") and not headers.get("content-length") \
                and not headers.get("transfer-encoding"):
            return receive
        limit = self.s.max_body_bytes if path.startswith(API_PREFIXES) else self.s.max_ui_body_bytes
        too_big = _Refused(413, "payload_too_large", f"Request body is larger than {limit:,} bytes.")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        body = bytearray()
        try:
            async with asyncio.timeout(self.s.request_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        raise _Refused(400, "disconnected", "The client went away.")
                    body += message.get("body", b"")
                    if len(body) > limit:
                        raise too_big
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            raise _Refused(408, "request_timeout",
                           f"The request body took over {self.s.request_timeout:g} s.") from None
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if body and (not kind or kind == "application/json" or kind.endswith("+json")):
            try:
                value = check_json(bytes(body))
                ui_event = scope["method"] == "POST" and path.rstrip("/") == UI_EVENT
                session = check_gradio_event(value, self.ui_events) if ui_event else ""
            except BadText as exc:
                raise _Refused(422, "invalid_text", str(exc)) from None
            if session:
                await self._rate_limit(scope, session)
                self._check_queue_share(scope)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        return replay

    def _secured(self, send: Send, origin: str) -> Send:
        """Our security headers and CORS on every response; the app's own CORS (Gradio's) is dropped."""
        replaced = False

        async def wrapped(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name in [k for k in headers if k.startswith("access-control-")]:
                    del headers[name]
                if origin:
                    headers["access-control-allow-origin"] = origin
                    headers.append("vary", "Origin")
                headers["x-content-type-options"] = "nosniff"
                headers["referrer-policy"] = "strict-origin-when-cross-origin"
                kind = headers.get("content-type", "")
                if kind.startswith("text/html"):
                    headers["content-security-policy"] = self.policy
                    if self.frame_options:
                        headers["x-frame-options"] = "SAMEORIGIN"
                if message["status"] >= 500 and "json" not in kind and "event-stream" not in kind:
                    replaced = True  # a plain-text 500 from a mounted app becomes the JSON error shape
                    await json_error(send, 500, "internal_error", "Something went wrong on our side; please try again.",
                                     [(k, v) for k, v in headers.items() if k.startswith(("x-", "referrer"))])
                    return
            elif replaced:
                return
            await send(message)

        return wrapped
