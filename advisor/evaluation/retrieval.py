"""Retrieval evaluation: hit@1, hit@5 and MRR@10 for our retriever, its parts and the tutorial baseline."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.core import Advisor
from advisor.evaluation.questions import Answerable

METRICS = ("hit@1", "hit@5", "MRR@10")
AIMS = {"hit@1": 0.85, "hit@5": 0.97, "MRR@10": 0.90}
OURS, BASELINE = "advisor (hybrid)", "LangChain tutorial baseline"


@dataclass
class SystemResult:
    """One system's rank of the first relevant passage per question id (None: not in the top 10)."""

    name: str
    ranks: dict[str, int | None] = field(default_factory=dict)
    top: dict[str, str] = field(default_factory=dict)  # the first passage returned, for the misses list
    seconds: float = 0.0

    def metric(self, name: str, ids: Sequence[str] | None = None) -> float | None:
        """The metric over the given ids (all by default); None when there are none to score."""
        if name not in METRICS:
            raise ValueError(f"unknown metric {name!r}; choose one of {', '.join(METRICS)}")
        ranks = [self.ranks[i] for i in (list(self.ranks) if ids is None else ids)]
        if not ranks:
            return None
        if name == "hit@1":
            return sum(r == 1 for r in ranks) / len(ranks)
        if name == "hit@5":
            return sum(r is not None and r <= 5 for r in ranks) / len(ranks)
        if name == "MRR@10":
            return sum(1.0 / r for r in ranks if r is not None and r <= 10) / len(ranks)
        raise ValueError(f"unknown retrieval metric {name!r}")


def normalize(text: str) -> str:
    """Case, quotes, markdown emphasis and whitespace do not decide relevance."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("*", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def first_relevant(texts: list[str], answers: Sequence[str]) -> int | None:
    """1-based rank of the first text containing any answer phrase, or None."""
    phrases = [normalize(a) for a in answers]
    for rank, text in enumerate(texts, 1):
        t = normalize(text)
        if any(p in t for p in phrases):
            return rank
    return None


def scored(questions: Sequence[Answerable]) -> list[Answerable]:
    """The questions retrieval can be scored on: those that name relevant phrases."""
    return [q for q in questions if q.answers]


def evaluate(name: str, questions: Sequence[Answerable], search: Callable[[Answerable], list[str]]) -> SystemResult:
    """Run one system over every question that has answer phrases."""
    result = SystemResult(name)
    start = time.perf_counter()
    for q in scored(questions):
        texts = search(q)[:10]
        result.ranks[q.id] = first_relevant(texts, q.answers)
        result.top[q.id] = texts[0] if texts else ""
    result.seconds = time.perf_counter() - start
    return result


def retrieval_systems(adv: Advisor) -> dict[str, Callable[[Answerable], list[str]]]:
    """Our hybrid retriever, its two halves, and the LangChain tutorial baseline (same loaded model)."""
    from advisor.evaluation.baseline import TutorialBaseline

    def ours(mode: Any) -> Callable[[Answerable], list[str]]:
        return lambda q: [p.text for p in adv.retrieve(q.question, k=10, history=q.turns, mode=mode)]

    baseline = TutorialBaseline(Path(adv.settings.corpus_dir), adv.embeddings)
    return {
        OURS: ours("hybrid"),
        "dense only": ours("dense"),
        "BM25 only": ours("bm25"),
        BASELINE: lambda q: baseline.search(q.question),  # the tutorial has no history
    }
