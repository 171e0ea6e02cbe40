"""Thumbs up/down with an optional comment, in any SQLAlchemy database (SQLite file by default). No IP addresses."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

FIELDS = ("id", "created_at", "question", "answer", "chunk_ids", "rating", "comment")
_META = sa.MetaData()
# The same columns the SQLite-only version created, so existing feedback files keep working.
TABLE = sa.Table(
    "feedback", _META,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("answer", sa.Text, nullable=False),
    sa.Column("chunk_ids", sa.Text, nullable=False),
    sa.Column("rating", sa.Integer, sa.CheckConstraint("rating IN (-1, 1)"), nullable=False),
    sa.Column("comment", sa.Text, nullable=False, server_default=""),
)


def database_url(target: Path | str) -> str:
    """A SQLAlchemy URL: a path means a SQLite file there."""
    return target if isinstance(target, str) else f"sqlite:///{target}"


TEXT_FIELDS = ("question", "answer", "chunk_ids", "comment")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(text: str) -> str:
    """A spreadsheet runs a cell that starts like a formula (=HYPERLINK(...), +cmd|...): quote it as text."""
    if text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class FeedbackStore:
    """One table; the engine is built on first use, so building an Advisor opens no connection."""

    def __init__(self, target: Path | str) -> None:
        self.path = target if isinstance(target, Path) else None
        self.url = database_url(target)
        self._engine: sa.Engine | None = None
        self._lock = threading.Lock()

    def _db(self) -> sa.Engine:
        with self._lock:
            if self._engine is None:
                if self.path is not None:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                engine = sa.create_engine(self.url, pool_pre_ping=True)
                _META.create_all(engine)
                self._engine = engine
            return self._engine

    def add(self, question: str, answer: str, chunk_ids: list[str], rating: int, comment: str = "") -> int:
        """Store one rating; returns its id."""
        row = {"created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "question": question,
               "answer": answer, "chunk_ids": json.dumps(chunk_ids), "rating": 1 if rating > 0 else -1,
               "comment": comment}
        with self._db().begin() as conn:
            return int(conn.execute(TABLE.insert().values(**row).returning(TABLE.c.id)).scalar_one())

    def comment(self, feedback_id: int, comment: str) -> bool:
        """Attach (or replace) the comment of a stored rating."""
        with self._db().begin() as conn:
            done = conn.execute(TABLE.update().where(TABLE.c.id == feedback_id).values(comment=comment))
            return done.rowcount == 1

    def rows(self) -> list[dict[str, Any]]:
        with self._db().connect() as conn:
            result = conn.execute(sa.select(*(TABLE.c[f] for f in FIELDS)).order_by(TABLE.c.id))
            return [dict(zip(FIELDS, r, strict=True)) | {"chunk_ids": json.loads(r[4])} for r in result]

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
