"""Vectors of the guides' short texts (quotable sentences, heading paths), saved by ingest beside the index."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

POINTER = "current.json"


def text_key(text: str) -> int:
    """A 64-bit hash of a text: the row key (a collision among a million texts has odds of about 1 in 10^7)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


class TextVectors:
    """One float32 row per distinct text, memory-mapped, keyed by text_key.

    At the scale corpus, embedding the sentences of each answer's passages on first sight made up most of
    an answer's time (scripts/profile_requests.py); `advisor ingest` embeds them once instead, and the
    query-time cache embeds only what is not here. A generation is written whole and then named in
    current.json (an atomic rename), so readers never see half of one. Replicas that do not share the
    data folder embed on demand as before: this is a cache, never the source of truth.
    """

    def __init__(self, folder: Path, check_every: float = 1.0) -> None:
        self.folder = folder
        self.check_every = check_every
        self._lock = threading.Lock()
        self._checked = 0.0
        self._stamp: tuple[int, int] | None = None
        self._table: tuple[dict[int, int], np.ndarray, str] | None = None

    def _pointer(self) -> Path:
        return self.folder / POINTER

    def _current(self) -> tuple[dict[int, int], np.ndarray, str] | None:
        """The newest generation, looked up on disk at most once per check_every seconds."""
        now = time.monotonic()
        with self._lock:
            if now - self._checked < self.check_every:
                return self._table
            self._checked = now
            try:
                st = self._pointer().stat()
                stamp = (st.st_mtime_ns, st.st_size)
                if stamp != self._stamp:
                    info = json.loads(self._pointer().read_text("utf-8"))
                    keys = np.load(self.folder / info["keys"])
                    rows = np.load(self.folder / info["rows"], mmap_mode="r")
                    self._table = ({int(k): i for i, k in enumerate(keys)}, rows, str(info.get("revision", "")))
                    self._stamp = stamp
            except (OSError, ValueError, KeyError):  # none written yet, or a damaged one: embed on demand
                self._table, self._stamp = None, None
            return self._table

    def revision(self) -> str:
        """The index revision the saved generation was made for ('' when there is none)."""
        table = self._current()
        return table[2] if table else ""

    def lookup(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Saved rows of those texts that have one (copied out of the map)."""
        table = self._current()
        if table is None or not texts:
            return {}
        index, rows = table[0], table[1]
        found = {t: index[k] for t in dict.fromkeys(texts) if (k := text_key(t)) in index}
        order = sorted(set(found.values()))  # one read of the map, in file order
        block = np.asarray(rows[order], dtype=np.float32) if order else np.zeros((0, 0), dtype=np.float32)
        where = {i: n for n, i in enumerate(order)}
        return {t: block[where[i]] for t, i in found.items()}

    def update(self, texts: Sequence[str], embed: Callable[[list[str]], np.ndarray], revision: str,
               bar: Callable[[int], Any] | None = None, batch: int = 512) -> int:
        """Save a generation holding exactly these texts: rows already saved are kept, the rest embedded
        (longest first, so encoder batches carry little padding). `bar(n)` makes a progress bar for the n
        texts to embed. Returns how many were embedded."""
        wanted = list(dict.fromkeys(texts))
        old = self.lookup(wanted)
        new = sorted((t for t in wanted if t not in old), key=len, reverse=True)
        made: dict[str, np.ndarray] = {}
        progress = bar(len(new)) if bar is not None else None
        for i in range(0, len(new), batch):
            part = new[i:i + batch]
            made.update(zip(part, np.asarray(embed(part), dtype=np.float32), strict=True))
            if progress is not None:
                progress.update(len(part))
        if progress is not None:
            progress.close()
        both = {**old, **made}
        dim = next((len(v) for v in both.values()), 0)
        rows = np.stack([both[t] for t in wanted]) if wanted else np.zeros((0, dim), dtype=np.float32)
        keys = np.array([text_key(t) for t in wanted], dtype=np.uint64)
        self._write(keys, rows, revision)
        return len(new)

    def _write(self, keys: np.ndarray, rows: np.ndarray, revision: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        gen = uuid.uuid4().hex[:12]
        names = {"keys": f"keys-{gen}.npy", "rows": f"rows-{gen}.npy"}
        np.save(self.folder / names["keys"], keys)
        np.save(self.folder / names["rows"], rows.astype(np.float32, copy=False))
        tmp = self.folder / f".{POINTER}.{gen}"
        tmp.write_text(json.dumps({**names, "revision": revision}), "utf-8")
        os.replace(tmp, self._pointer())
        for old in self.folder.glob("*.npy"):  # readers that mapped an old generation keep their open file
            if old.name not in names.values():
                old.unlink(missing_ok=True)
        with self._lock:
            self._checked = 0.0  # this process sees its own write at once
