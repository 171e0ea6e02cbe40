"""Streams an Advisor generator to an HTTP client: errors become a last event, a disconnect stops the work."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

from starlette.concurrency import run_in_threadpool

from advisor.errors import AdvisorError

log = logging.getLogger(__name__)
_DONE = object()
GENERIC = "Something went wrong on our side while answering; please try again."


class Pull:
    """Steps a blocking generator from worker threads; cancel() closes it as soon as no step is running.

    Closing the generator raises GeneratorExit inside it, which closes the model's HTTP stream too.
    """

    def __init__(self, gen: Iterator[Any]) -> None:
        self.gen = gen
        self.lock = threading.Lock()
        self.cancelled = False

    def step(self) -> Any:
        with self.lock:
            piece = _DONE if self.cancelled else next(self.gen, _DONE)
        if self.cancelled:  # cancelled while this step ran: the step that holds the lock closes
            self.close()
        return piece

    def cancel(self) -> None:
        self.cancelled = True
        self.close()

    def close(self) -> None:
        if self.lock.acquire(blocking=False):
            try:
                close = getattr(self.gen, "close", None)  # plain iterators have nothing to close
                if callable(close):
                    close()
            finally:
                self.lock.release()


def error_info(exc: BaseException) -> dict[str, str]:
    """{"type", "message"} for a failure mid-stream: an AdvisorError's own message, else a generic one."""
    if isinstance(exc, AdvisorError):
        return {"type": type(exc).__name__, "message": str(exc)}
    log.error("unexpected error while streaming", exc_info=exc)  # the trace goes to the log, not the user
    return {"type": "internal_error", "message": GENERIC}


async def pieces(gen: Iterator[Any]) -> AsyncIterator[Any]:
    """The generator's items, pulled in a thread one at a time; stops (and closes it) when the client leaves.

    A failure is yielded as the exception object itself (after whatever was already sent), never raised:
    the response has started, so the caller turns it into a last event.
    """
    pull = Pull(gen)
    try:
        while True:
            try:
                piece = await run_in_threadpool(pull.step)
            except Exception as exc:
                yield exc
                return
            if piece is _DONE:
                return
            yield piece
    finally:  # also runs when Starlette cancels the response because the client disconnected
        pull.cancel()
