"""Failures of the data folder (read-only, full, damaged index) as messages that say how to fix them."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from advisor.errors import AdvisorError, DataDirError

READ_ONLY = ("readonly", "read-only", "permission denied", "not permitted")
FULL = ("disk is full", "no space left", "quota exceeded")
CORRUPT = ("not a database", "malformed", "corrupt", "no such table", "no such column", "disk i/o error",
           "error returned from database", "unsupported file format")


def _kind(exc: BaseException) -> str:
    """'read_only', 'full', 'corrupt' or '' (not a data-folder problem) for an exception."""
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR):
        return "read_only"
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "full"
    text = str(exc).lower()
    from_store = isinstance(exc, sqlite3.Error) or type(exc).__module__.split(".")[0] == "chromadb"
    for kind, needles in (("read_only", READ_ONLY), ("full", FULL), ("corrupt", CORRUPT)):
        if (from_store or kind != "corrupt") and any(n in text for n in needles):
            return kind
    return ""


def explain(exc: BaseException, data_dir: Path) -> DataDirError | None:
    """The actionable error for a data-folder failure, or None when exc is something else."""
    kind = _kind(exc)
    detail = " ".join(str(exc).split())[:200]
    if kind == "read_only":
        return DataDirError(
            f"The data folder {data_dir} is not writable ({detail}). The index needs write access even to "
            "answer. Make it writable (chown/chmod), or set ADVISOR_DATA_DIR to a writable folder and run "
            "`advisor ingest`.")
    if kind == "full":
        return DataDirError(
            f"The disk holding {data_dir} is full ({detail}). Free some space and run the command again; "
            "an interrupted ingest resumes where it stopped.")
    if kind == "corrupt":
        return DataDirError(
            f"The index in {data_dir} is damaged ({detail}). Move {data_dir / 'chroma'} aside (or delete it) "
            "and run `advisor ingest` to rebuild it from the corpus; `advisor doctor` checks it.")
    return None


@contextlib.contextmanager
def guarded(data_dir: Path) -> Iterator[None]:
    """Turn read-only, full and corrupt data-folder failures inside the block into DataDirError."""
    try:
        yield
    except AdvisorError:
        raise
    except Exception as exc:
        err = explain(exc, data_dir)
        if err is None:
            raise
        raise err from exc
