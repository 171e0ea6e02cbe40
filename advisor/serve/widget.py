"""Serves the embeddable widget's static files (plain JS and CSS, no build step)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent / "static"


def build_widget() -> APIRouter:
    """/widget.js and /widget.css, cacheable for an hour."""
    router = APIRouter(tags=["widget"])
    headers = {"Cache-Control": "public, max-age=3600", "Cross-Origin-Resource-Policy": "cross-origin"}

    @router.get("/widget.js", include_in_schema=False)
    def script() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript; charset=utf-8", headers=headers)

    @router.get("/widget.css", include_in_schema=False)
    def style() -> FileResponse:
        return FileResponse(STATIC / "widget.css", media_type="text/css; charset=utf-8", headers=headers)

    return router
