"""advisor: grounded, cited career advice from a corpus of guides. Importing this package is cheap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.schema import IngestReport, Passage, Turn

if TYPE_CHECKING:
    from advisor.config import Settings
    from advisor.core import Advisor
    from advisor.factory import build_advisor

__all__ = ["Advisor", "IngestReport", "Passage", "Settings", "Turn", "build_advisor"]


def __getattr__(name: str) -> Any:
    # Heavy modules load on first use, never at import.
    if name == "build_advisor":
        from advisor.factory import build_advisor

        return build_advisor
    if name == "Advisor":
        from advisor.core import Advisor

        return Advisor
    if name == "Settings":
        from advisor.config import Settings

        return Settings
    raise AttributeError(name)
