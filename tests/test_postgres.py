"""Shared state against a real PostgreSQL (Debian's postgresql package), started here on a free loopback port."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import ValidationError

from advisor.config import Settings
from advisor.errors import IngestLockedError
from advisor.factory import build_advisor
from advisor.feedback import FeedbackStore
from advisor.locks import shared_ingest_lock
from tests.helpers import free_port


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; the Debian package creates a postgres user to run them.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        pytest.skip("PostgreSQL is not installed: apt-get install postgresql")
    bindir = Path(bins[-1]).parent
    tmp = Path(tempfile.mkdtemp(prefix="advisor-pg-"))
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
    port = free_port()
    data = tmp / "data"
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "advisor",
                                 "--no-sync"]), check=True, capture_output=True)
    subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"), "-w", "-t", "60",
                                 "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://advisor@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def test_feedback_is_shared_by_replicas_through_postgres(pg_url: str, make_settings: Callable[..., Settings]) -> None:
    one = build_advisor(make_settings(database_url=pg_url)).feedback
    other = FeedbackStore(pg_url)  # a second replica: another process, same database
    before = len(other.rows())
    fid = one.add("What do ML engineers earn?", "About US$ 156,000 [1].", ["c1", "c2"], 1)
    assert other.comment(fid, "clear, thanks")
    rows = other.rows()[before:]
    assert [(r["id"], r["rating"], r["chunk_ids"], r["comment"]) for r in rows] == [(fid, 1, ["c1", "c2"],
                                                                                       "clear, thanks")]
    assert "clear, thanks" in one.export("csv") and '"rating": 1' in one.export("jsonl")
    assert one.add("q", "a", [], -5) > fid  # any negative rating is stored as -1
    assert other.rows()[-1]["rating"] == -1


def test_an_older_feedback_table_gains_reasons_and_the_gap_log_works(pg_url: str) -> None:
    FeedbackStore(pg_url).add("Kept?", "a", [], 1)
    with sa.create_engine(pg_url).begin() as conn:  # as a version before reasons left it
        conn.execute(sa.text("ALTER TABLE feedback DROP COLUMN reason"))
    replicas = [FeedbackStore(pg_url) for _ in range(2)]
    assert replicas[0].rows()[-1]["question"] == "Kept?" and replicas[0].rows()[-1]["reason"] is None  # adds it
    assert replicas[1].rows()[-1]["question"] == "Kept?"  # finds it there
    fid = replicas[0].add("Can I retrain as a pilot?", "a", [], -1, reason="missing")
    assert replicas[1].rows()[-1]["reason"] == "missing" and replicas[1].set_reason(fid, "wrong")
    assert ("Can I retrain as a pilot?", "thumbs_down") in [(g["question"], g["reason"])
                                                            for g in replicas[1].gap_rows()]
    later = FeedbackStore(pg_url, clock=lambda: time.time() + 91 * 86400)
    assert later.gap_rows() == []  # past the retention: purged


def test_two_machines_never_ingest_at_once(pg_url: str, corpus_copy: Path, tmp_path: Path,
                                           make_settings: Callable[..., Settings]) -> None:
    # Two machines: separate data dirs (their file locks cannot see each other), one shared database.
    first = make_settings(database_url=pg_url, corpus_dir=corpus_copy, data_dir=tmp_path / "a")
    second = build_advisor(make_settings(database_url=pg_url, corpus_dir=corpus_copy, data_dir=tmp_path / "b"))
    with shared_ingest_lock(first), pytest.raises(IngestLockedError, match="Another machine is ingesting"):
        second.ingest()
    assert second.ingest().added > 0  # released when the holder is done
    # A different index (another collection) is not blocked by this one's lock.
    with shared_ingest_lock(first):
        assert build_advisor(make_settings(database_url=pg_url, corpus_dir=corpus_copy, data_dir=tmp_path / "c",
                                           collection="other")).ingest().added > 0


def test_a_malformed_database_url_is_refused_with_an_example() -> None:
    with pytest.raises(ValidationError, match="postgresql"):
        Settings(database_url="not a url")
