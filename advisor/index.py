"""The Chroma index: opens an embedded or server client, syncs chunks by content hash, guards writes."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from advisor.config import Settings
from advisor.datadir import guarded
from advisor.embeddings import model_label
from advisor.errors import AdvisorError, ConfigError, IndexMissingError, IngestLockedError, StoreUnavailableError
from advisor.schema import Chunk

WRITE_BATCH = 256
T = TypeVar("T")


# Bump when embedding_text changes: the collection name includes it, so old vectors are never mixed in.
EMBED_FORMAT = "v2"


def embedding_text(title: str, section: str, text: str) -> str:
    """What gets embedded: the section path gives a chunk its context (the guide title adds only noise)."""
    return f"{section}\n\n{text}" if section else f"{title}\n\n{text}"


def heading_text(title: str, section: str) -> str:
    """The heading path of a chunk: matched on its own, since many guide headings are questions."""
    return f"{title} > {section}" if section else title


def open_client(settings: Settings) -> Any:
    """A Chroma client: HTTP when ADVISOR_CHROMA_HOST is set, else embedded under the data dir."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                       settings=chroma_settings)
        except Exception as exc:
            raise ConfigError(
                f"Cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} ({exc}). "
                "Start it with `chroma run --path DIR --port PORT`, or unset ADVISOR_CHROMA_HOST to use "
                "the embedded index."
            ) from exc
    path = settings.data_dir / "chroma"
    with guarded(settings.data_dir):
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


@dataclass(frozen=True)
class SyncCounts:
    """What a sync changed."""

    added: int
    unchanged: int
    removed: int
    updated: int


class ChunkIndex:
    """Chunks in a Chroma collection (through langchain-chroma), keyed by content-hash ids."""

    def __init__(self, settings: Settings, embeddings: Embeddings, client: Any) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.client = client
        # One collection per embedding model: switching models never mixes vector spaces.
        label = model_label(settings)
        key = f"{label}|{EMBED_FORMAT}"
        self.name = f"{settings.collection}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"
        self.store = self._store(client)
        self._seen: tuple[float, str, int] | None = None  # (when, revision, size): see _state

    def _store(self, client: Any) -> Any:
        from langchain_chroma import Chroma

        return Chroma(collection_name=self.name, embedding_function=self.embeddings, client=client,
                      collection_configuration={"hnsw": {"space": "cosine"}},
                      collection_metadata={"model": model_label(self.settings)})

    def reopen(self) -> None:
        """Drop this process's view of an embedded index and read it from disk again.

        An embedded Chroma caches its segments; when another process (`advisor ingest`) rewrote them,
        reads fail until the client is opened anew.
        """
        close = getattr(self.client, "close", None)
        if callable(close):
            close()
        self.client = open_client(self.settings)
        self.store = self._store(self.client)
        self._seen = None

    def _read(self, fn: Callable[[], T]) -> T:
        """Run a read; if an embedded index changed under us, reopen it once and retry."""
        try:
            return fn()
        except Exception as exc:
            if self.settings.chroma_host and not isinstance(exc, AdvisorError):
                s = self.settings
                raise StoreUnavailableError(
                    f"The Chroma server at {s.chroma_host}:{s.chroma_port} is not answering ({type(exc).__name__}). "
                    "Start it again (`chroma run --path DIR --port PORT`); the advisor reconnects by itself."
                ) from exc
            if type(exc).__module__.split(".")[0] != "chromadb":
                raise
        with guarded(self.settings.data_dir):  # still failing after a reopen: a damaged or read-only folder
            self.reopen()
            return fn()

    @property
    def collection(self) -> Any:
        return self.store._collection

    def count(self) -> int:
        return int(self._read(lambda: self.collection.count()))

    def _state(self) -> tuple[str, int]:
        """(revision, size), read from Chroma at most once per `revision_ttl` seconds.

        A request asks several times (retrieval, the corpus statistics, the section list); on a Chroma
        server each look was two round trips. This process's own sync forgets it at once.
        """
        seen, now = self._seen, time.monotonic()
        if seen is not None and now - seen[0] < self.settings.revision_ttl:
            return seen[1], seen[2]
        meta = self._read(lambda: self.client.get_collection(self.name).metadata) or {}
        state = (str(meta.get("revision", "")), self.count())
        self._seen = (now, *state)
        return state

    def revision(self) -> str:
        """Changes whenever a sync changes the collection, in this process or another (within revision_ttl)."""
        rev, n = self._state()
        return f"{rev}:{n}"

    def require(self) -> None:
        """Raise a helpful error when there is nothing to search."""
        if self._state()[1] == 0:
            raise IndexMissingError(
                "The index is empty: no guides have been ingested yet. Run `advisor ingest` "
                "(or `make run`, which builds it) and try again."
            )

    def stored(self) -> dict[str, dict[str, Any]]:
        """id -> metadata of every stored chunk."""
        out: dict[str, dict[str, Any]] = {}
        for ids, metas, _ in self._pages(include=["metadatas"]):
            out.update(zip(ids, metas, strict=True))
        return out

    def all_chunks(self) -> list[Chunk]:
        """Every stored chunk (for the lexical index and passage lookups)."""
        chunks: list[Chunk] = []
        for ids, metas, docs in self._pages(include=["metadatas", "documents"]):
            for cid, meta, doc in zip(ids, metas, docs, strict=True):
                chunks.append(chunk_from_record(cid, doc, meta))
        return chunks

    def get(self, ids: list[str]) -> list[Chunk]:
        res = self._read(lambda: self.collection.get(ids=ids, include=["metadatas", "documents"]))
        return [chunk_from_record(i, d, m) for i, d, m in
                zip(res["ids"], res["documents"], res["metadatas"], strict=True)]

    def _pages(self, include: list[str], size: int = 5000) -> Iterator[tuple[list[str], list[Any], list[Any]]]:
        offset = 0
        while True:
            res = self._page(include, size, offset)
            ids = res["ids"]
            if not ids:
                return
            yield ids, res.get("metadatas") or [None] * len(ids), res.get("documents") or [None] * len(ids)
            offset += len(ids)

    def vectors(self, ids: list[str]) -> dict[str, Any]:
        """Stored embeddings by chunk id (to score candidates found by other means)."""
        try:
            res = self._read(lambda: self.collection.get(ids=ids, include=["embeddings"]))
            return dict(zip(res["ids"], res["embeddings"], strict=True))
        except AdvisorError:
            raise
        except Exception:  # an ingest killed mid-write can leave rows whose vectors were never flushed
            return self._vectors_one_by_one(ids)

    def _vectors_one_by_one(self, ids: list[str], embed: bool = True) -> dict[str, Any]:
        """Stored vectors where readable (a batch at a time, then singly); the others embedded again."""
        out: dict[str, Any] = {}
        missing: list[str] = []
        def read(part: list[str]) -> bool:
            try:
                res = self.collection.get(ids=part, include=["embeddings"])
            except Exception:
                return False
            out.update(zip(res["ids"], res["embeddings"], strict=True))
            return True

        for batch in [ids[i:i + 500] for i in range(0, len(ids), 500)]:
            if not read(batch):
                missing.extend(i for i in batch if not read([i]))
        if missing and embed:
            chunks = self.get(missing)
            texts = [embedding_text(c.title, c.section, c.text) for c in chunks]
            out.update(zip([c.chunk_id for c in chunks], self.embeddings.embed_documents(texts), strict=True))
        return out

    def unreadable(self) -> set[str]:
        """Ids whose vectors cannot be read (left by a killed ingest); sync writes them again."""
        ids = [i for page, _, _ in self._pages(include=[]) for i in page]
        return set(ids) - set(self._vectors_one_by_one(ids, embed=False)) if ids else set()

    def matrix(self, ids: list[str], page: int = 5000) -> np.ndarray:
        """Stored vectors of these chunks as one float32 matrix, rows in the order given (a read per page).

        For a background thread: a plain read that raises on any trouble (a missing or unreadable row, an
        index rewritten meanwhile) and never reopens the client under the requests using it.
        """
        rows = []
        for i in range(0, len(ids), page):
            part = ids[i:i + page]
            res = self.collection.get(ids=part, include=["embeddings"])
            got = dict(zip(res["ids"], res["embeddings"], strict=True))
            rows.append(np.asarray([got[c] for c in part], dtype=np.float32))
        return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def _page(self, include: list[str], limit: int, offset: int) -> Any:
        # self.collection is looked up inside the lambda: after a reopen the retry uses the new one.
        return self._read(lambda: self.collection.get(include=include, limit=limit, offset=offset))

    def search(self, vector: list[float], k: int) -> list[tuple[Document, float]]:
        """Nearest chunks to a query vector, with cosine distances."""
        # Chroma returns fewer hits when k exceeds the collection; no count() round trip needed.
        return self._read(lambda: self.store.similarity_search_by_vector_with_relevance_scores(vector, k=k))

    def _embed_and_write(self, new: list[Chunk], bar: Any) -> None:
        """Embed in length-sorted slabs and write each slab in one batch, on a thread, while the next encodes.

        Sorting by length keeps padding low inside every encoder batch; Chroma's cost is mostly per call
        (2,048 vectors: 18 s in batches of 16, 3.7 s in batches of 256 on the 2-core box), so writes are large.
        """
        texts = {c.chunk_id: embedding_text(c.title, c.section, c.text) for c in new}
        new = sorted(new, key=lambda c: len(texts[c.chunk_id]), reverse=True)
        step = self.settings.write_batch_size
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-write") as writer:
            pending: Future[None] | None = None
            for i in range(0, len(new), step):
                batch = new[i:i + step]
                vectors = self.embeddings.embed_documents([texts[c.chunk_id] for c in batch])
                if pending is not None:
                    pending.result()  # at most one write in flight: memory stays bounded, errors surface here
                pending = writer.submit(self._write, batch, vectors)
                bar.update(len(batch))
            if pending is not None:
                pending.result()
        bar.close()

    def _write(self, batch: list[Chunk], vectors: list[list[float]]) -> None:
        self.collection.upsert(ids=[c.chunk_id for c in batch], embeddings=vectors,
                               documents=[c.text for c in batch], metadatas=[c.metadata() for c in batch])
        if self.settings.write_pause:  # throttle on a shared machine; tests use it to kill mid-way
            time.sleep(self.settings.write_pause)

    def sync(self, chunks: list[Chunk], keep_docs: frozenset[str] = frozenset(),
             progress: bool = False) -> SyncCounts:
        """Make the collection hold exactly these chunks; embed only new ones.

        Order matters for crash safety: add new chunks first, then fix offsets, then delete stale ones,
        so an interrupted run leaves a searchable index and the next run finishes the job.
        Chunks of documents in keep_docs (files that failed to load this time) are never deleted.
        """
        stored = self.stored()
        # After an ingest was killed, rows whose vectors never landed are written again.
        marker = self.settings.data_dir / "ingest.incomplete"
        broken = self.unreadable() if marker.exists() and not self.settings.chroma_host else set()
        if not self.settings.chroma_host:
            marker.touch()
        wanted = {c.chunk_id: c for c in chunks}
        new = [c for cid, c in wanted.items() if cid not in stored or cid in broken]
        moved = [c for cid, c in wanted.items() if cid in stored and cid not in broken and stored[cid] != c.metadata()]
        stale = [cid for cid, meta in stored.items()
                 if cid not in wanted and meta.get("doc_id") not in keep_docs]
        self._embed_and_write(new, progress_bar(len(new), progress))
        for i in range(0, len(moved), WRITE_BATCH):
            batch = moved[i:i + WRITE_BATCH]
            self.collection.update(ids=[c.chunk_id for c in batch],
                                   metadatas=[c.metadata() for c in batch])
        for i in range(0, len(stale), WRITE_BATCH):
            self.collection.delete(ids=stale[i:i + WRITE_BATCH])
        if new or moved or stale:
            meta = {"model": model_label(self.settings), "revision": uuid.uuid4().hex}
            self.collection.modify(metadata=meta)
        marker.unlink(missing_ok=True)
        self._seen = None  # this process sees its own ingest at once
        return SyncCounts(added=len(new), unchanged=len(wanted) - len(new) - len(moved),
                          removed=len(stale), updated=len(moved))


def chunk_from_record(cid: str, text: str | None, meta: dict[str, Any] | None) -> Chunk:
    m = meta or {}
    return Chunk(chunk_id=cid, doc_id=str(m.get("doc_id", "")), text=text or "", title=str(m.get("title", "")),
                 section=str(m.get("section", "")), publisher=str(m.get("publisher", "unknown")),
                 url=str(m.get("url", "")), start=int(m.get("start", 0)), end=int(m.get("end", 0)),
                 as_of=str(m.get("as_of", "")))  # indexes built before as_of existed have none


class _NoBar:
    def update(self, n: int) -> None: ...
    def close(self) -> None: ...


def progress_bar(total: int, enabled: bool, unit: str = "chunk", desc: str = "Embedding") -> Any:
    if not enabled or total == 0:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc=desc, leave=False)


@contextlib.contextmanager
def ingest_lock(data_dir: Path) -> Iterator[None]:
    """Only one ingest writes at a time; the OS drops the lock if the holder dies."""
    path = data_dir / "ingest.lock"
    with guarded(data_dir):
        data_dir.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+")  # noqa: SIM115  (closed below, after the lock is released)
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise IngestLockedError(
                f"Another ingest is already running (pid {holder}, lock {path}). Wait for it to finish "
                "and run `advisor ingest` again; re-running is safe and only does what is left."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
