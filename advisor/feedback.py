"""Thumbs up/down with an optional comment and reason, in any SQLAlchemy database (SQLite file by default).

The same database keeps the gap log: the text of questions the guides missed (declined, partly covered or
rated down), nothing else, for `advisor gaps`. No IP addresses anywhere.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from advisor.schema import FEEDBACK_REASONS, GapReason

log = logging.getLogger(__name__)
FIELDS = ("id", "created_at", "question", "answer", "chunk_ids", "rating", "comment", "reason")
GAP_FIELDS = ("id", "created_at", "question", "reason")
MAX_GAP_CHARS = 2000  # a question longer than the advisor accepts tells nothing more about a topic
STAMP = "%Y-%m-%dT%H:%M:%SZ"  # sorts as text in time order, so the retention purge compares strings
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
    sa.Column("reason", sa.String(32), nullable=True),  # newer than the table: older files get it by ALTER
)
ADDED_COLUMNS = (TABLE.c.reason,)
GAPS = sa.Table(
    "gaps", _META,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.Text, nullable=False, index=True),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("reason", sa.String(16), nullable=False),
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


def _add_missing_columns(engine: sa.Engine) -> None:
    """Give a feedback table made by an older version the columns added since (nullable, so rows stay valid)."""
    def columns() -> set[str]:
        return {c["name"] for c in sa.inspect(engine).get_columns(TABLE.name)}

    for column in ADDED_COLUMNS:
        if column.name in columns():
            continue
        ddl = f"ALTER TABLE {TABLE.name} ADD COLUMN {column.name} {column.type.compile(engine.dialect)}"
        try:
            with engine.begin() as conn:
                conn.execute(sa.text(ddl))
        except sa.exc.DBAPIError:
            if column.name not in columns():  # not a replica that added it first: a real failure
                raise


class FeedbackStore:
    """Feedback and gap-log tables; the engine is built on first use, so building an Advisor opens no connection.

    gap_log=False writes nothing to the gap log; retention_days bounds how long a logged question is kept.
    clock returns the time in seconds (tests pass a fake one).
    """

    def __init__(self, target: Path | str, *, gap_log: bool = True, retention_days: int = 90,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = target if isinstance(target, Path) else None
        self.url = database_url(target)
        self.gap_log = gap_log
        self.retention_days = retention_days
        self.clock = clock
        self._engine: sa.Engine | None = None
        self._lock = threading.Lock()

    def _db(self) -> sa.Engine:
        with self._lock:
            if self._engine is None:
                if self.path is not None:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                engine = sa.create_engine(self.url, pool_pre_ping=True)
                _META.create_all(engine)
                _add_missing_columns(engine)
                self._engine = engine
            return self._engine

    def _stamp(self, seconds_ago: float = 0.0) -> str:
        return time.strftime(STAMP, time.gmtime(self.clock() - seconds_ago))

    def add(self, question: str, answer: str, chunk_ids: list[str], rating: int, comment: str = "",
            reason: str | None = None) -> int:
        """Store one rating (a thumbs down may say why: a FEEDBACK_REASONS code); returns its id.

        A thumbs down also logs the question as a gap: every surface rates through here.
        """
        rating = 1 if rating > 0 else -1
        _check_reason(reason, rating)
        row = {"created_at": self._stamp(), "question": question, "answer": answer,
               "chunk_ids": json.dumps(chunk_ids), "rating": rating, "comment": comment, "reason": reason}
        with self._db().begin() as conn:
            feedback_id = int(conn.execute(TABLE.insert().values(**row).returning(TABLE.c.id)).scalar_one())
        if rating < 0:
            self.log_gap(question, "thumbs_down")
        return feedback_id

    def set_reason(self, feedback_id: int, reason: str) -> bool:
        """Say why a stored thumbs down was given (the UI asks after the click); False if there is no such one."""
        _check_reason(reason, -1)
        with self._db().begin() as conn:
            done = conn.execute(TABLE.update().where(TABLE.c.id == feedback_id, TABLE.c.rating == -1)
                                .values(reason=reason))
            return done.rowcount == 1

    def log_gap(self, question: str, reason: GapReason) -> None:
        """Log the text of a question the guides missed; never raises (an answer must not fail over a log)."""
        if not self.gap_log or not question.strip():
            return
        try:
            with self._db().begin() as conn:
                self._purge(conn)
                conn.execute(GAPS.insert().values(created_at=self._stamp(), question=question[:MAX_GAP_CHARS],
                                                  reason=reason))
        except Exception as exc:  # a full disk, a read-only data dir, a database that went away
            log.warning("could not log a question for `advisor gaps`: %s", exc)

    def _purge(self, conn: sa.Connection) -> int:
        cutoff = self._stamp(self.retention_days * 86400)
        return int(conn.execute(GAPS.delete().where(GAPS.c.created_at < cutoff)).rowcount or 0)

    def gap_rows(self, days: int | None = None) -> list[dict[str, Any]]:
        """Logged questions of the last `days` days (default: all kept), oldest first; drops expired ones first."""
        with self._db().begin() as conn:
            self._purge(conn)
            query = sa.select(*(GAPS.c[f] for f in GAP_FIELDS)).order_by(GAPS.c.id)
            if days is not None:
                query = query.where(GAPS.c.created_at >= self._stamp(days * 86400))
            return [dict(zip(GAP_FIELDS, r, strict=True)) for r in conn.execute(query)]

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
            writer.writerow(row | {k: csv_safe(str(row[k])) for k in TEXT_FIELDS} | {"reason": r["reason"] or ""})
        return buf.getvalue()


def _check_reason(reason: str | None, rating: int) -> None:
    if reason is None:
        return
    if reason not in FEEDBACK_REASONS:
        raise ValueError(f"reason must be one of {', '.join(FEEDBACK_REASONS)} (got {reason!r})")
    if rating > 0:
        raise ValueError("a reason goes with a thumbs down (rating -1) only")
