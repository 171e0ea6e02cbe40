"""Question hygiene (instructions aimed at the advisor are stripped) and the decline text."""

from __future__ import annotations

from advisor.clean import INJECTION
from advisor.schema import Answer

__all__ = ["INJECTION", "decline", "strip_injection"]


def strip_injection(question: str) -> str:
    """Remove sentences that try to instruct the advisor; what remains is the question, if any."""
    return " ".join(INJECTION.sub(" ", question).split())


def decline(coverage: str, closest: tuple[str, ...], topic: str = "", handoff_url: str | None = None,
            handoff_text: str = "") -> Answer:
    """The honest 'not covered' answer: what was asked, what the guides cover, the nearest questions they answer."""
    text = f"My guides don't cover {topic}." if topic else "My guides don't cover that."
    text += f" They are about {coverage}."
    if closest:
        text += " Closest questions they do answer: " + "; ".join(f"“{q}”" for q in closest[:3])
    if handoff_url:  # plain text: every renderer escapes answers, and the URL was validated as http(s)
        text += f"\n\nIf you'd like to {handoff_text}: {handoff_url}"
    return Answer(text=text, refused=True, follow_ups=closest[:3])
