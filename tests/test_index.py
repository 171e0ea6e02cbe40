"""Index sync by content hash: idempotent, incremental, safe under concurrent and interrupted ingests."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor import build_advisor
from advisor.config import Settings
from advisor.embeddings import LazyEmbeddings
from advisor.errors import IndexMissingError, IngestLockedError
from advisor.index import ingest_lock
from advisor.ingest import read_corpus

ROOT = Path(__file__).resolve().parent.parent


def test_reingest_of_unchanged_corpus_embeds_nothing(corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    first = build_advisor(settings).ingest()
    assert first.added == first.chunks > 50 and first.removed == 0
    adv = build_advisor(settings)
    second = adv.ingest()
    assert (second.added, second.removed, second.updated, second.unchanged) == (0, 0, 0, first.chunks)
    assert isinstance(adv.embeddings, LazyEmbeddings) and not adv.embeddings.loaded  # the model was never loaded
    assert adv.index.count() == first.chunks


def test_edited_guide_reembeds_only_changed_chunks(corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    adv = build_advisor(settings)
    base = adv.ingest()
    guide = corpus_copy / "machine-learning-career-guide-simplilearn.md"
    text = guide.read_text()
    guide.write_text(text.replace("LeetCode-style questions", "LeetCode-style puzzles"))
    report = adv.ingest()
    assert report.added == 1 and report.removed == 1
    assert report.unchanged + report.updated == base.chunks - 1
    hits = adv.retrieve("LeetCode-style puzzles", k=3, mode="bm25")
    assert "LeetCode-style puzzles" in hits[0].text


def test_inserting_text_relocates_later_chunks_without_reembedding(
        corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings())
    adv.ingest()
    guide = corpus_copy / "what-is-a-machine-learning-engineer-and-how-to-become-one.md"
    text = guide.read_text()
    guide.write_text(text.replace("## Career Summary", "A new opening paragraph.\n\n## Career Summary", 1))
    report = adv.ingest()
    assert report.added == 1 and report.removed == 1  # only the intro chunk changed
    assert report.updated > 10  # later chunks moved: offsets fixed, no re-embedding
    [p] = [p for p in adv.retrieve("national average salary Forbes", k=10, mode="bm25") if "$59,428" in p.text][:1]
    doc = next(d for d in read_corpus(corpus_copy).docs if d.doc_id == p.doc_id)
    assert doc.text[p.start:p.end] == p.text


def test_deleted_guide_is_removed(corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings())
    adv.ingest()
    (corpus_copy / "machine-learning-engineer-career-ucsd.md").unlink()
    report = adv.ingest()
    assert report.removed > 0 and report.added == 0
    assert all(p.publisher != "UCSD Extended Studies" for p in adv.retrieve("machine learning engineer", k=50))


def test_guide_that_breaks_keeps_its_previous_chunks(corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings())
    base = adv.ingest()
    (corpus_copy / "machine-learning-engineer-career-ucsd.md").write_bytes(b"\xff\xfe broken \x00 bytes")
    report = adv.ingest()
    assert [p for p, _ in report.failures] == ["machine-learning-engineer-career-ucsd.md"]
    assert report.removed == 0 and adv.index.count() == base.chunks


def test_second_ingest_is_refused_while_one_holds_the_lock(
        corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    adv = build_advisor(settings)
    with ingest_lock(settings.data_dir), pytest.raises(IngestLockedError, match="already running"):
        adv.ingest()
    assert adv.ingest().added > 0  # released afterwards


def test_retrieve_before_ingest_says_how_to_fix(make_settings: Callable[..., Settings]) -> None:
    with pytest.raises(IndexMissingError, match="advisor ingest"):
        build_advisor(make_settings()).retrieve("how do I become an ML engineer?")


def test_killed_ingest_leaves_a_working_index_and_the_next_run_finishes(
        corpus_copy: Path, make_settings: Callable[..., Settings], tmp_path: Path) -> None:
    settings = make_settings()
    env = {**os.environ, "ADVISOR_DATA_DIR": str(settings.data_dir), "ADVISOR_CORPUS_DIR": str(corpus_copy),
           "ADVISOR_EMBEDDING_MODEL": "fake", "ADVISOR_WRITE_BATCH_SIZE": "8", "ADVISOR_WRITE_PAUSE": "0.3"}
    proc = subprocess.Popen([sys.executable, "-m", "advisor.cli", "ingest"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Watch progress through SQLite directly: an embedded Chroma client must not be shared across processes.
    db = settings.data_dir / "chroma" / "chroma.sqlite3"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with sqlite3.connect(db) as conn:
                if conn.execute("SELECT count(*) FROM embeddings_queue").fetchone()[0] >= 16:
                    break
        except sqlite3.Error:
            pass
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    adv = build_advisor(settings)
    partial = adv.index.count()
    assert 16 <= partial < 85, "the ingest should have been killed part-way"
    assert adv.retrieve("machine learning", k=3)  # still answers
    report = build_advisor(settings).ingest()
    assert report.added == report.chunks - partial and report.removed == 0
    assert build_advisor(settings).index.count() == report.chunks


def test_a_running_advisor_sees_an_ingest_made_by_another_process(
        corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    server = build_advisor(settings)  # like `advisor serve`: a long-lived process with the index open
    server.ingest()
    assert server.retrieve("LeetCode-style questions", k=1, mode="bm25")
    guide = corpus_copy / "machine-learning-career-guide-simplilearn.md"
    guide.write_text(guide.read_text().replace("LeetCode-style questions", "LeetCode-style riddles"))
    env = {**os.environ, "ADVISOR_DATA_DIR": str(settings.data_dir), "ADVISOR_CORPUS_DIR": str(corpus_copy),
           "ADVISOR_EMBEDDING_MODEL": "fake"}
    done = subprocess.run([sys.executable, "-m", "advisor.cli", "ingest"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "1 added" in done.stdout
    # The embedded store changed under the running advisor: it must reopen it, not fail.
    for mode in ("hybrid", "dense", "bm25"):
        assert server.retrieve("LeetCode-style riddles", k=3, mode=mode)
    [top] = server.retrieve("LeetCode-style riddles", k=1, mode="bm25")
    assert "riddles" in top.text


def test_the_revision_is_read_once_per_ttl_and_an_own_ingest_shows_at_once(
        corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    server = build_advisor(make_settings(revision_ttl=60))
    server.ingest()
    before = server.index.revision()
    guide = corpus_copy / "machine-learning-career-guide-simplilearn.md"
    guide.write_text(guide.read_text().replace("LeetCode-style questions", "LeetCode-style riddles"))
    build_advisor(make_settings(revision_ttl=60)).ingest()  # another replica's ingest
    assert server.index.revision() == before  # trusted for revision_ttl seconds: no Chroma round trip
    changed = build_advisor(make_settings(revision_ttl=0)).index.revision()
    assert changed != before  # a view that always asks sees the new revision
    guide.write_text(guide.read_text().replace("LeetCode-style riddles", "LeetCode-style puzzles"))
    server.ingest()
    assert server.index.revision() not in (before, changed)  # its own ingest shows at once
