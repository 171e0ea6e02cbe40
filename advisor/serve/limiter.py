"""Rate-limit storage: in process by default, or Redis (ADVISOR_REDIS_URL) so replicas share one budget."""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING, Any

from advisor.serve.security import MemoryLimiter

if TYPE_CHECKING:
    from advisor.config import Settings
    from advisor.serve.policy import Limiter

log = logging.getLogger(__name__)


class RedisLimiter:
    """Moving-window limits kept in Redis (the `limits` library), so every replica spends the same budget.

    If Redis cannot be reached, limits fall back to this process's own windows (logged) rather than
    turning every visitor away or letting everyone through.
    """

    def __init__(self, url: str) -> None:
        from limits.storage import storage_from_string
        from limits.strategies import MovingWindowRateLimiter

        self.url = url
        self._strategy = MovingWindowRateLimiter(storage_from_string(url, socket_timeout=1.0,
                                                                     socket_connect_timeout=1.0))
        self._fallback = MemoryLimiter()
        self._items: dict[int, Any] = {}
        self._warned = 0.0

    def _hit(self, bucket: str, key: str, limit: int) -> float:
        from limits import RateLimitItemPerMinute

        item = self._items.setdefault(limit, RateLimitItemPerMinute(limit, namespace="advisor"))
        if self._strategy.hit(item, bucket, key):
            return 0.0
        reset = self._strategy.get_window_stats(item, bucket, key).reset_time
        return max(1.0, reset - time.time())

    async def hit(self, bucket: str, key: str, limit: int) -> float:
        """0 if allowed (and counted), else seconds to wait; `limit` events per minute per bucket and key."""
        import anyio.to_thread

        try:
            # redis-py is blocking; a worker thread keeps the event loop free (and works under any loop).
            return await anyio.to_thread.run_sync(self._hit, bucket, key, limit)
        except Exception as exc:  # any Redis failure: connection refused, timeout, auth
            if time.monotonic() - self._warned > 60:
                self._warned = time.monotonic()
                where = re.sub(r"//[^@/]*@", "//", self.url)  # never log a password
                log.warning("rate limits: Redis at %s unavailable (%s); limiting per process", where,
                            type(exc).__name__)
            return await self._fallback.hit(bucket, key, limit)


def build_limiter(settings: Settings) -> Limiter:
    """The limiter the settings ask for."""
    if settings.redis_url:
        return RedisLimiter(settings.redis_url)
    return MemoryLimiter()
