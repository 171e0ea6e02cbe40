"""How many events one client has waiting or running in Gradio's queue (for a per-client bound)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from advisor.serve.security import client_ip

log = logging.getLogger(__name__)


def pending_counter(blocks: Any, proxies: frozenset[str]) -> Callable[[str], int]:
    """A function: client IP -> its events queued or running. Gradio has one queue-wide max_size only.

    This reads Gradio's queue (`Blocks._queue`, not public API); if its shape changes the count is 0
    (the per-client bound is off, the rate limits still hold) and a warning is logged once.
    """
    warned = False

    def count(ip: str) -> int:
        nonlocal warned
        try:
            queue = blocks._queue
            events = [e for q in queue.event_queue_per_concurrency_id.values() for e in q.queue]
            events += [e for job in queue.active_jobs if job for e in job]
            return sum(1 for e in events if client_ip(e.request.scope, proxies) == ip)
        except Exception as exc:  # Gradio internals moved: degrade, do not break the UI
            if not warned:
                warned = True
                log.warning("per-client UI queue bound is off: cannot read Gradio's queue (%s)", exc)
            return 0

    return count
