"""`advisor serve`: one FastAPI app hosting the JSON API, the OpenAI-compatible API and the Gradio UI."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.errors import AdvisorError
from advisor.serve.security import error_body

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from advisor.core import Advisor


def error(status: int, kind: str, message: str, **extra: Any) -> JSONResponse:
    """An error response in the one JSON error shape."""
    return JSONResponse(error_body(kind, message, **extra), status_code=status)


class BodyLimit:
    """Refuses API request bodies over a size with 413 before anything reads them (header or stream)."""

    def __init__(self, app: ASGIApp, limit: int, prefixes: tuple[str, ...] = ("/api", "/v1")) -> None:
        self.app, self.limit, self.prefixes = app, limit, prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_big = error(413, "payload_too_large", f"Request body is larger than {self.limit:,} bytes.")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await too_big(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await too_big(scope, receive, send)


class _TooLarge(Exception):
    pass


def create_app(adv: Advisor, ui: bool = True) -> FastAPI:
    """Compose the server around one Advisor. Routes are thin; errors map to HTTP here, in one place."""
    from advisor.serve.api import build_api
    from advisor.serve.openai_api import build_openai
    from advisor.serve.security import OriginGuard, RateLimit, SecurityHeaders
    from advisor.serve.widget import build_widget

    app = FastAPI(title="Career advisor", version="0.1.0",
                  description="Grounded, cited career answers from a corpus of guides.")

    @app.exception_handler(AdvisorError)
    async def advisor_error(request: Request, exc: AdvisorError) -> JSONResponse:
        return error(exc.http_status, type(exc).__name__, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)  # the trace goes to the log, not the user
        return error(500, "internal_error", "Something went wrong on our side; please try again.")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
        return error(422, "validation_error", "The request does not match the API schema.", details=details)

    app.include_router(build_api(adv))
    app.include_router(build_openai(adv))
    app.include_router(build_widget())
    s = adv.settings
    # Outermost last: headers on everything, then origin checks, then rate limits, then body size.
    app.add_middleware(BodyLimit, limit=s.max_body_bytes)
    app.add_middleware(RateLimit, per_ip=s.rate_limit_ip, per_session=s.rate_limit_session,
                       trusted_proxies=s.proxies)
    app.add_middleware(OriginGuard, allowed=s.origins)
    app.add_middleware(SecurityHeaders, allowed=s.origins)
    if ui:
        import gradio as gr

        from advisor.serve.ui import CSS, HEAD, ChatUI

        app = gr.mount_gradio_app(app, ChatUI(adv).build(), path="/", allowed_paths=[], show_error=False,
                                  enable_monitoring=False, ssr_mode=False, css=CSS, head=HEAD)
    return app


def serve(adv: Advisor, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run the server (blocking)."""
    import uvicorn

    uvicorn.run(create_app(adv), host=host, port=port, log_level="info", proxy_headers=False)
