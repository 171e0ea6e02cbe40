"""Thumbs up/down with an optional comment, kept in SQLite under the data dir. No IP addresses, ever."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    chunk_ids TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT ''
)
"""
FIELDS = ("id", "created_at", "question", "answer", "chunk_ids", "rating", "comment")
TEXT_FIELDS = ("question", "answer", "chunk_ids", "comment")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(text: str) -> str:
    """A spreadsheet runs a cell that starts like a formula (=HYPERLINK(...), +cmd|...): quote it as text."""
    if text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class FeedbackStore:
    """A small SQLite table; one connection guarded by a lock (the web server calls from threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:  # opened on first use: building an Advisor touches no file
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, check_same_thread=False)
            self._conn.execute(SCHEMA)
        return self._conn

    def add(self, question: str, answer: str, chunk_ids: list[str], rating: int, comment: str = "") -> int:
        """Store one rating; returns its id."""
        with self._lock:
            db = self._db()
            cur = db.execute(
                "INSERT INTO feedback (created_at, question, answer, chunk_ids, rating, comment) VALUES (?,?,?,?,?,?)",
                (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), question, answer, json.dumps(chunk_ids),
                 1 if rating > 0 else -1, comment))
            db.commit()
            return int(cur.lastrowid or 0)

    def comment(self, feedback_id: int, comment: str) -> bool:
        """Attach (or replace) the comment of a stored rating."""
        with self._lock:
            db = self._db()
            cur = db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment, feedback_id))
            db.commit()
            return cur.rowcount == 1

    def rows(self) -> list[dict[str, Any]]:
        with self._lock:
            cur = self._db().execute(f"SELECT {', '.join(FIELDS)} FROM feedback ORDER BY id")
            return [dict(zip(FIELDS, r, strict=True)) | {"chunk_ids": json.loads(r[4])} for r in cur.fetchall()]

    def export(self, fmt: str) -> str:
        """All feedback as CSV or JSON Lines."""
        rows = self.rows()
        if fmt == "jsonl":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if fmt != "csv":
            raise ValueError("format must be csv or jsonl")
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FIELDS)
        writer.writeheader()
        for r in rows:
            row = r | {"chunk_ids": " ".join(r["chunk_ids"])}
            writer.writerow(row | {k: csv_safe(str(row[k])) for k in TEXT_FIELDS})
        return buf.getvalue()
