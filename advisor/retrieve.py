"""Question (+ history) -> ranked Passages: dense (Chroma) and BM25 fused by reciprocal rank, de-duplicated."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from langchain_core.embeddings import Embeddings

from advisor.config import Settings
from advisor.index import ChunkIndex, chunk_from_record, embedding_text
from advisor.lexical import BM25, tokenize
from advisor.schema import Chunk, Passage, Turn

Mode = Literal["hybrid", "dense", "bm25"]

# Words that make a question lean on the one before it ("and for seniors?", "how long does that take?").
FOLLOW_UP_CUE = re.compile(
    r"^\s*(and|but|also|what about|how about|what if|so|then|for|in|same|ok(ay)?|really|why)\b|"
    r"\b(it|its|that|this|those|these|they|them|there|he|she|one)\b",
    re.I,
)
# Abbreviations the guides spell out (and the other way round), so BM25 sees both forms.
EXPANSIONS = {
    "ml": "machine learning", "ai": "artificial intelligence", "cs": "computer science",
    "nlp": "natural language processing", "pay": "salary", "earn": "salary", "paid": "salary",
    "make": "salary", "wage": "salary", "compensation": "salary", "uni": "university",
    "college": "university degree", "job": "career", "jobs": "career opportunities",
}


@dataclass(frozen=True)
class Query:
    """The text actually searched for, and whether history was folded into it."""

    text: str
    used_history: bool


def is_follow_up(question: str) -> bool:
    """Heuristic: short, or leaning on a pronoun or a connective."""
    return bool(FOLLOW_UP_CUE.search(question)) or len(tokenize(question)) <= 2


def contextualize(question: str, history: Sequence[Turn] | None) -> Query:
    """Fold the previous user question into a follow-up so it can be searched on its own."""
    previous = [t["content"] for t in (history or []) if t.get("role") == "user" and t.get("content", "").strip()]
    if not previous or not is_follow_up(question):
        return Query(question, False)
    return Query(f"{previous[-1].strip()} {question.strip()}", True)


def expand(query: str) -> str:
    """Append spelled-out forms of abbreviations for the lexical side."""
    words = set(re.findall(r"[a-z]+", query.lower()))
    extra = [EXPANSIONS[w] for w in sorted(words) if w in EXPANSIONS]
    return " ".join([query, *extra])


def _shingles(text: str) -> set[str]:
    toks = tokenize(text)
    return {" ".join(toks[i:i + 3]) for i in range(max(len(toks) - 2, 1))}


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    """Jaccard similarity of word 3-grams at or above threshold."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return a.strip() == b.strip()
    return len(sa & sb) / len(sa | sb) >= threshold


class HybridRetriever:
    """Dense + lexical retrieval over one ChunkIndex; the lexical index is rebuilt when the index changes."""

    def __init__(self, index: ChunkIndex, embeddings: Embeddings, settings: Settings) -> None:
        self.index = index
        self.embeddings = embeddings
        self.settings = settings
        self._lock = threading.Lock()
        self._lexical: tuple[str, BM25, list[Chunk]] | None = None

    def _bm25(self) -> tuple[BM25, list[Chunk]]:
        rev = self.index.revision()
        with self._lock:
            if self._lexical is None or self._lexical[0] != rev:
                chunks = self.index.all_chunks()
                bm25 = BM25([embedding_text(c.title, c.section, c.text) for c in chunks])
                self._lexical = (rev, bm25, chunks)
            return self._lexical[1], self._lexical[2]

    def dense(self, query: str, n: int) -> list[tuple[Chunk, float]]:
        """Nearest chunks with cosine similarity."""
        vector = self.embeddings.embed_query(query)
        hits = self.index.search(vector, n)
        return [(chunk_from_record(str(d.id), d.page_content, d.metadata), 1.0 - float(dist))
                for d, dist in hits]

    def lexical(self, query: str, n: int) -> list[tuple[Chunk, float]]:
        """Best BM25 chunks with their scores."""
        bm25, chunks = self._bm25()
        return [(chunks[i], s) for i, s in bm25.top(expand(query), n)]

    def retrieve(self, question: str, k: int = 10, history: Sequence[Turn] | None = None,
                 mode: Mode = "hybrid") -> list[Passage]:
        """Top-k passages for the question, resolved against history when it is a follow-up."""
        self.index.require()
        query = contextualize(question, history)
        n = max(self.settings.candidates, k)
        dense = self.dense(query.text, n) if mode in ("hybrid", "dense") else []
        lexical = self.lexical(query.text, n) if mode in ("hybrid", "bm25") else []
        fused: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        signals: dict[str, dict[str, float]] = {}
        for name, hits in (("dense", dense), ("bm25", lexical)):
            for rank, (chunk, score) in enumerate(hits):
                fused[chunk.chunk_id] = fused.get(chunk.chunk_id, 0.0) + 1.0 / (self.settings.rrf_k + rank + 1)
                chunks[chunk.chunk_id] = chunk
                sig = signals.setdefault(chunk.chunk_id, {})
                sig[name] = score
                sig[f"{name}_rank"] = float(rank + 1)
        ranked = sorted(fused, key=lambda cid: -fused[cid])
        passages: list[Passage] = []
        for cid in ranked:
            c = chunks[cid]
            if any(near_duplicate(c.text, p.text) for p in passages):
                continue
            passages.append(Passage(chunk_id=cid, text=c.text, title=c.title, section=c.section,
                                    publisher=c.publisher, url=c.url, doc_id=c.doc_id, score=fused[cid],
                                    start=c.start, end=c.end, signals=signals[cid]))
            if len(passages) == k:
                break
        return passages
