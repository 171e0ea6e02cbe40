"""Follow-up suggestions: questions the guides answer, taken from their own (question-shaped) headings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from advisor.lexical import tokenize
from advisor.schema import Passage

QUESTION_HEADING = re.compile(r"^(what|how|why|do|does|can|should|is|are|which|who|when|where)\b.*\?$", re.I)


def _as_question(heading: str) -> str | None:
    """A heading as a question a user could ask, or None when it does not read as one."""
    h = re.sub(r"^(step \d+:|\d+\.)\s*", "", heading.strip(), flags=re.I)
    if QUESTION_HEADING.match(h):
        return h
    return None


@lru_cache(maxsize=50_000)
def _terms(text: str) -> frozenset[str]:
    """A heading's or question's distinct terms (cached: the pool's headings are ranked on every answer)."""
    return frozenset(tokenize(text))


def _similar(a: str, b: str) -> bool:
    x, y = _terms(a), _terms(b)
    return bool(x and y) and len(x & y) / len(x | y) >= 0.6


def suggest(question: str, passages: list[Passage], pool: Sequence[str], limit: int = 3,
            answered: tuple[Passage, ...] = ()) -> tuple[str, ...]:
    """Up to `limit` next questions: headings of nearby passages first, then the corpus-wide pool.

    Headings of the sections the answer already quotes (`answered`) are not suggested again.
    """
    out: list[str] = []
    done = {_key(h) for p in answered for h in p.section.split(" > ")}
    # The pool is ordered by what this conversation is about (its question and the passages found for it),
    # so the suggestion follows from it rather than being the corpus's first question-shaped heading.
    about = Counter(tokenize(question) * 3 + [t for p in passages for t in set(tokenize(p.text))])
    ranked = sorted(pool, key=lambda h: -sum(about[t] for t in _terms(h)) / (1 + len(_terms(h))))
    candidates = [*(s for p in passages for s in p.section.split(" > ")), *ranked]
    for heading in candidates:
        q = _as_question(heading)
        if q and _key(heading) not in done and not _similar(q, question) and not any(_similar(q, o) for o in out):
            out.append(q)
        if len(out) == limit:
            break
    return tuple(out)


def _key(heading: str) -> str:
    """A heading however its guide capitalised or spaced it ("What Does a ..." / "What does a ...")."""
    return " ".join(heading.casefold().split())


@lru_cache(maxsize=4)
def question_pool(sections: tuple[str, ...]) -> tuple[str, ...]:
    """Question-shaped headings of the whole corpus, in a stable order (cached: the corpus rarely changes)."""
    seen: dict[str, str] = {}  # one question however its guide capitalised it ("What Does a ..." / "What does a ...")
    for section in sections:
        for heading in section.split(" > "):
            q = _as_question(heading)
            if q:
                seen.setdefault(_key(q), q)
    return tuple(seen.values())
