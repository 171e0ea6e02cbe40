"""uvicorn with the connection limits the request policy cannot set: header size and time, concurrency."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

if TYPE_CHECKING:
    import uvicorn
    from starlette.types import ASGIApp

    from advisor.config import Settings


class HeadDeadline(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline for each request's head: a client trickling headers is cut off.

    uvicorn only times out idle keep-alive connections; a slow-headers client would otherwise hold a
    connection (and a slot of the concurrency limit) forever.
    """

    head_timeout = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm()  # a new request head has started (or a keep-alive one is on its way)
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.head_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def config(app: ASGIApp, settings: Settings, host: str, port: int, **extra: Any) -> uvicorn.Config:
    """uvicorn's configuration for `app` with the limits from settings."""
    import uvicorn

    protocol = type("AdvisorHTTP", (HeadDeadline,), {"head_timeout": settings.header_timeout})
    options: dict[str, Any] = {"log_level": "info", **extra}
    return uvicorn.Config(app, host=host, port=port, proxy_headers=False, http=protocol,
                          # h11 refuses (400) a request head larger than this; the policy checks the exact limit.
                          h11_max_incomplete_event_size=settings.max_header_bytes + 1024,
                          limit_concurrency=settings.max_connections, timeout_keep_alive=5, **options)


def run(app: ASGIApp, settings: Settings, host: str, port: int) -> None:
    """Serve `app` (blocking) with the limits from settings."""
    import uvicorn

    uvicorn.Server(config(app, settings, host, port)).run()
