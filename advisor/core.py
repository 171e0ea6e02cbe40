"""The Advisor: the one object every surface (CLI, API, UI) calls."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from advisor.config import Settings
from advisor.embeddings import LazyEmbeddings, model_label
from advisor.errors import InvalidQuestionError
from advisor.index import ChunkIndex, ingest_lock
from advisor.ingest import doc_id_for, read_corpus
from advisor.retrieve import HybridRetriever, Mode
from advisor.schema import IngestReport, Passage, Turn


class Advisor:
    """Ingests guides and answers retrieval requests; built by build_advisor()."""

    def __init__(self, settings: Settings, embeddings: LazyEmbeddings, index: ChunkIndex,
                 retriever: HybridRetriever) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.index = index
        self.retriever = retriever

    def _check(self, question: str, history: Sequence[Turn] | None) -> str:
        if not isinstance(question, str) or not question.strip():
            raise InvalidQuestionError(
                "The question is empty. Ask something like: how do I become a machine learning engineer?")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise InvalidQuestionError(
                f"The question is {len(question):,} characters long; the limit is {limit:,}. Shorten it.")
        for turn in history or []:
            if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant") \
                    or not isinstance(turn.get("content"), str):
                raise InvalidQuestionError(
                    "Each history entry must be {\"role\": \"user\"|\"assistant\", \"content\": str}.")
        return question.strip()

    def retrieve(self, question: str, k: int = 10, history: Sequence[Turn] | None = None,
                 mode: Mode = "hybrid") -> list[Passage]:
        """The k passages that best answer the question (history resolves follow-ups)."""
        if not 1 <= k <= 100:
            raise InvalidQuestionError(f"k must be between 1 and 100 (got {k}).")
        return self.retriever.retrieve(self._check(question, history), k=k, history=history, mode=mode)

    def ingest(self, corpus_dir: Path | None = None, progress: bool = False) -> IngestReport:
        """Sync the index with the corpus folder: embed new chunks, drop removed ones."""
        root = Path(corpus_dir or self.settings.corpus_dir)
        started = time.perf_counter()
        with ingest_lock(self.settings.data_dir):
            corpus = read_corpus(root)
            chunks = corpus.chunks(self.settings.chunk_chars)
            # A guide that fails to load keeps its previous chunks rather than vanishing from answers.
            keep = frozenset(doc_id_for(root / path, root) for path, _ in corpus.failures)
            counts = self.index.sync(chunks, keep_docs=keep, progress=progress)
        return IngestReport(documents=len(corpus.docs), chunks=len(chunks), added=counts.added,
                            unchanged=counts.unchanged, removed=counts.removed, updated=counts.updated,
                            seconds=time.perf_counter() - started, failures=tuple(corpus.failures))

    def health(self) -> dict[str, Any]:
        """Status for monitoring: chunk count and configuration."""
        count = self.index.count()
        return {"status": "ok" if count else "empty", "chunks": count,
                "model": model_label(self.settings), "collection": self.index.name}
