"""What the guides miss: logged questions grouped by topic (embeddings, greedy centroid clustering in numpy)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from advisor.feedback import FeedbackStore

DEFAULT_SIMILARITY = 0.5  # cosine to a group's centre at or above which a question joins the group
EXAMPLES = 3
BATCH = 256  # questions embedded per call


@dataclass(frozen=True)
class GapTopic:
    """A group of logged questions about one thing."""

    label: str  # the question nearest the group's centre
    count: int  # logged questions in the group, repeats included
    examples: tuple[str, ...]  # up to three other questions of the group, most asked first
    reasons: dict[str, int] = field(default_factory=dict)  # declined / partial / thumbs_down -> count

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"examples": list(self.examples)}


@dataclass(frozen=True)
class GapReport:
    """The grouped gap log: what `advisor gaps` prints."""

    days: int  # the window looked at
    logging: bool  # whether questions are being logged now (ADVISOR_GAP_LOG)
    total: int  # logged questions in the window
    topics: tuple[GapTopic, ...]  # after --min-count and --limit
    groups: int  # topics found before --min-count and --limit

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"topics": [t.to_dict() for t in self.topics]}


def _key(question: str) -> str:
    """Repeats of one question differ only in case, spacing and end punctuation."""
    return " ".join(question.casefold().split()).rstrip("?!. ")


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)


def group(vectors: np.ndarray, weights: Sequence[int], similarity: float) -> list[int]:
    """A group index per vector: each joins the nearest group centre if close enough, else starts a group.

    Vectors should come most-weighted first, so frequent questions found the groups. A second pass moves
    each vector to its nearest final centre (undoing the first pass's dependence on order).
    """
    vecs = _unit(np.asarray(vectors, dtype=np.float64))
    sums = np.zeros_like(vecs)
    centres = np.zeros_like(vecs)
    n = 0
    for v, w in zip(vecs, weights, strict=True):
        sims = centres[:n] @ v
        j = int(np.argmax(sims)) if n and sims.max() >= similarity else n
        n = max(n, j + 1)
        sums[j] += w * v
        centres[j] = _unit(sums[j])
    if not n:
        return []
    return [int(i) for i in np.argmax(vecs @ centres[:n].T, axis=1)]


def cluster(rows: Sequence[dict[str, Any]], embeddings: Embeddings,
            similarity: float = DEFAULT_SIMILARITY) -> list[GapTopic]:
    """Gap-log rows ({question, reason}) as topics, largest first."""
    asked: dict[str, Counter[str]] = {}  # key -> how often each spelling was asked
    reasons: dict[str, Counter[str]] = {}
    for r in rows:
        k = _key(r["question"])
        if k:
            asked.setdefault(k, Counter())[r["question"].strip()] += 1
            reasons.setdefault(k, Counter())[r["reason"]] += 1
    keys = sorted(asked, key=lambda k: -sum(asked[k].values()))
    if not keys:
        return []
    shown = {k: asked[k].most_common(1)[0][0] for k in keys}
    weights = [sum(asked[k].values()) for k in keys]
    texts = [shown[k] for k in keys]
    vectors = _unit(np.asarray([v for i in range(0, len(texts), BATCH)
                                for v in embeddings.embed_documents(texts[i:i + BATCH])], dtype=np.float64))
    members: dict[int, list[int]] = {}
    for i, g in enumerate(group(vectors, weights, similarity)):
        members.setdefault(g, []).append(i)
    topics = []
    for idx in members.values():
        centre = _unit(vectors[idx].T @ np.asarray([weights[i] for i in idx], dtype=np.float64))
        central = max(idx, key=lambda i: (float(vectors[i] @ centre), weights[i]))
        others = sorted((i for i in idx if i != central), key=lambda i: (-weights[i], -float(vectors[i] @ centre)))
        why: Counter[str] = sum((reasons[keys[i]] for i in idx), Counter())
        topics.append(GapTopic(label=texts[central], count=sum(weights[i] for i in idx),
                               examples=tuple(texts[i] for i in others[:EXAMPLES]), reasons=dict(why.most_common())))
    return sorted(topics, key=lambda t: (-t.count, t.label))


def find_gaps(store: FeedbackStore, embeddings: Embeddings, days: int | None = None, min_count: int = 1,
              limit: int = 20, similarity: float = DEFAULT_SIMILARITY) -> GapReport:
    """The store's logged questions of the last `days` days (default: all kept), grouped by topic."""
    window = min(days or store.retention_days, store.retention_days)
    rows = store.gap_rows(window)
    topics = cluster(rows, embeddings, similarity)
    kept = [t for t in topics if t.count >= min_count][:limit]
    return GapReport(days=window, logging=store.gap_log, total=len(rows), topics=tuple(kept), groups=len(topics))
