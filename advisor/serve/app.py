"""`advisor serve`: one FastAPI app hosting the JSON API, the OpenAI-compatible API and the Gradio UI."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from advisor.errors import AdvisorError, error_body

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from advisor.core import Advisor


def error(status: int, kind: str, message: str, **extra: Any) -> JSONResponse:
    """An error response in the one JSON error shape."""
    return JSONResponse(error_body(kind, message, **extra), status_code=status)


class ErrorBody(BaseModel):
    type: str
    message: str


class ErrorOut(BaseModel):
    """Every refusal, from a route or from the request policy."""

    error: ErrorBody


# The request policy answers these on every operation (see advisor/serve/policy.py), so the schema says so.
ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut, "description": why} for status, why in {
    400: "Host not allowed", 403: "Origin not allowed", 408: "Body too slow", 413: "Body too large",
    422: "Invalid request or text", 429: "Rate limited", 431: "Headers too large"}.items()}


def create_app(adv: Advisor, ui: bool = True) -> FastAPI:
    """Compose the server around one Advisor. Routes are thin; errors map to HTTP here, in one place."""
    from advisor.serve.api import build_api
    from advisor.serve.gradio_queue import pending_counter
    from advisor.serve.limiter import build_limiter
    from advisor.serve.openai_api import build_openai
    from advisor.serve.policy import RequestPolicy
    from advisor.serve.widget import build_widget

    app = FastAPI(title="Career advisor", version="0.1.0",
                  description="Grounded, cited career answers from a corpus of guides.", responses=ERRORS)

    @app.exception_handler(AdvisorError)
    async def advisor_error(request: Request, exc: AdvisorError) -> JSONResponse:
        return error(exc.http_status, type(exc).__name__, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)  # the trace goes to the log, not the user
        return error(500, "internal_error", "Something went wrong on our side; please try again.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = "not_found" if exc.status_code == 404 else "bad_request"
        return error(exc.status_code, kind, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
        return error(422, "validation_error", "The request does not match the API schema.", details=details)

    app.include_router(build_api(adv))
    app.include_router(build_openai(adv))
    app.include_router(build_widget())
    blocks = None
    if ui:
        from advisor.serve.ui import ChatUI

        blocks = ChatUI(adv).build()
    # One policy in front of every path, the mounted Gradio app included (middleware wraps the router).
    app.add_middleware(RequestPolicy, settings=adv.settings, limiter=build_limiter(adv.settings),
                       ui_events=frozenset(blocks.fns) if blocks is not None else frozenset(),
                       ui_pending=pending_counter(blocks, adv.settings.proxies) if blocks is not None else None)
    if blocks is not None:
        import gradio as gr

        from advisor.serve.ui import CSS, HEAD

        # No file access, no upload size beyond a byte (uploads are refused by the policy anyway).
        app = gr.mount_gradio_app(app, blocks, path="/", allowed_paths=[], show_error=False,
                                  enable_monitoring=False, ssr_mode=False, css=CSS, head=HEAD, max_file_size=1)
    return app


def serve(adv: Advisor, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run the server (blocking)."""
    from advisor.serve.server import run

    run(create_app(adv), adv.settings, host, port)
