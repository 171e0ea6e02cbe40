"""The gap log (what the guides miss), feedback reasons and `advisor gaps` (fake embeddings, no browser)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import gradio as gr
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from langchain_core.embeddings import Embeddings

from advisor import build_advisor
from advisor.cli import main
from advisor.config import Settings, get_settings
from advisor.core import Advisor
from advisor.feedback import FeedbackStore
from advisor.gaps import DEFAULT_SIMILARITY, cluster
from advisor.schema import FEEDBACK_REASONS, FeedbackReason
from advisor.serve.app import create_app
from advisor.serve.ui import ChatUI

from .helpers import ROOT

DAY = 86400.0
DECLINED = "How do I become an airline pilot?"  # not in the shipped guides
ANSWERED = "How much does tuition cost for out-of-state students?"
OLD_SCHEMA = """CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,
  question TEXT NOT NULL, answer TEXT NOT NULL, chunk_ids TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating IN (-1, 1)), comment TEXT NOT NULL DEFAULT '')"""


class Clock:
    """A settable time, in seconds."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def gap_count(path: Path) -> int:
    """Rows in the gaps table, read straight from the file (not through the store under test)."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM gaps").fetchone()[0])


# Storage


def test_an_old_feedback_file_keeps_working_and_gains_reasons(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(OLD_SCHEMA)
        db.execute("INSERT INTO feedback (created_at, question, answer, chunk_ids, rating, comment) "
                   "VALUES ('2024-01-01T00:00:00Z', 'old q', 'old a', '[\"c1\"]', -1, 'meh')")
        db.commit()
    store = FeedbackStore(path)
    [old] = store.rows()
    assert old["question"] == "old q" and old["comment"] == "meh" and old["reason"] is None
    new_id = store.add("new q", "new a", [], -1, reason="out_of_date")
    assert store.rows()[-1]["reason"] == "out_of_date"
    assert FeedbackStore(path).rows()[-1]["id"] == new_id  # a second open finds the column already there
    [header, first, second] = list(csv.reader(io.StringIO(store.export("csv"))))
    assert header[-1] == "reason" and first[-1] == "" and second[-1] == "out_of_date"
    assert [json.loads(line)["reason"] for line in store.export("jsonl").splitlines()] == [None, "out_of_date"]


def test_reasons_are_checked_and_set_only_on_a_thumbs_down(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    with pytest.raises(ValueError, match="reason must be one of"):
        store.add("q", "a", [], -1, reason="rude")
    with pytest.raises(ValueError, match="thumbs down"):
        store.add("q", "a", [], 1, reason="wrong")
    up, down = store.add("q", "a", [], 1), store.add("q", "a", [], -1)
    assert not store.set_reason(up, "wrong") and store.set_reason(down, "missing")
    assert [r["reason"] for r in store.rows()] == [None, "missing"]


def test_the_gap_table_holds_the_question_and_nothing_about_the_person(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.add("Can I retrain as a pilot?", "SECRET ANSWER TEXT", ["c9"], -1, "my comment", reason="missing")
    store.log_gap("How do I become a nurse?", "declined")
    columns = {c["name"] for c in sa.inspect(sa.create_engine(store.url)).get_columns("gaps")}
    assert columns == {"id", "created_at", "question", "reason"}
    assert [(r["question"], r["reason"]) for r in store.gap_rows()] == [
        ("Can I retrain as a pilot?", "thumbs_down"), ("How do I become a nurse?", "declined")]
    with contextlib.closing(sqlite3.connect(store.path or "")) as db:
        logged = str(db.execute("SELECT * FROM gaps").fetchall())
    assert "SECRET ANSWER" not in logged and "my comment" not in logged and "c9" not in logged


def test_retention_purges_old_questions_on_write_and_on_read(tmp_path: Path) -> None:
    clock = Clock()
    store = FeedbackStore(tmp_path / "fb.sqlite3", retention_days=90, clock=clock)
    store.log_gap("first", "declined")
    clock.now += 30 * DAY
    store.log_gap("second", "partial")
    clock.now += 61 * DAY  # "first" is now 91 days old, "second" 61
    assert gap_count(tmp_path / "fb.sqlite3") == 2  # nothing deleted until the next write or read
    store.log_gap("third", "declined")
    assert gap_count(tmp_path / "fb.sqlite3") == 2  # the write purged "first"
    assert [r["question"] for r in store.gap_rows(days=7)] == ["third"]
    clock.now += 30 * DAY  # "second" is 91 days old
    assert [r["question"] for r in store.gap_rows()] == ["third"]
    assert gap_count(tmp_path / "fb.sqlite3") == 1  # the read purged it from the file too


def test_the_off_switch_writes_nothing(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3", gap_log=False)
    store.log_gap("How do I become a nurse?", "declined")
    store.add("q", "a", [], -1, reason="wrong")  # the rating itself is still kept
    assert gap_count(tmp_path / "fb.sqlite3") == 0 and len(store.rows()) == 1
    settings = Settings(data_dir=tmp_path / "d", embedding_model="fake", gap_log=False, gap_retention_days=7)
    built = build_advisor(settings).feedback
    assert built.gap_log is False and built.retention_days == 7


def test_a_failing_log_warns_and_does_not_raise(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    store = FeedbackStore(tmp_path / "a-file" / "fb.sqlite3")  # its folder cannot be created
    with caplog.at_level(logging.WARNING, logger="advisor.feedback"):
        store.log_gap("How do I become a nurse?", "declined")
    assert "could not log a question" in caplog.text


# One definition of the reasons


def test_reason_codes_are_defined_once_and_the_widget_copy_matches() -> None:
    assert list(get_args(FeedbackReason)) == list(FEEDBACK_REASONS)
    js = (ROOT / "advisor" / "serve" / "static" / "widget.js").read_text("utf-8")
    table = re.search(r"var REASONS = (\[.*?\]\]);", js, re.S)
    assert table, "widget.js has no REASONS table"
    assert json.loads(table.group(1).replace("'", '"')) == [[k, v] for k, v in FEEDBACK_REASONS.items()]


# The Advisor logs declined and partial questions, once, on both paths


@pytest.fixture
def adv(corpus_copy: Path, make_settings: Callable[..., Settings]) -> Advisor:
    a = build_advisor(make_settings())
    a.ingest()
    return a


def test_a_declined_question_is_logged_once_by_ask_and_by_stream(adv: Advisor) -> None:
    assert adv.ask(DECLINED).scope == "declined"
    assert [(r["question"], r["reason"]) for r in adv.feedback.gap_rows()] == [(DECLINED, "declined")]
    *_, final = adv.stream("I am 45 and from Spain. " + DECLINED)
    assert getattr(final, "scope", None) == "declined"
    # Logged once more, without the facts about the person.
    assert [r["question"] for r in adv.feedback.gap_rows()] == [DECLINED, DECLINED]
    assert adv.ask(ANSWERED).scope == "answered"
    assert len(adv.feedback.gap_rows()) == 2  # answered questions are not gaps


def test_a_broken_gap_log_never_breaks_an_answer(adv: Advisor, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> Any:
        raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(adv.feedback, "_db", broken)
    answer = adv.ask(DECLINED)
    assert answer.scope == "declined" and answer.text


# The API takes a reason


def test_api_feedback_reason_is_validated_and_stored(adv: Advisor) -> None:
    client = TestClient(create_app(adv, ui=False))
    base = {"question": "Can I retrain as a pilot?", "answer": "a", "rating": -1}
    for bad in ({"reason": "rude"}, {"reason": 3}, {"reason": "wrong", "rating": 1}):
        r = client.post("/api/feedback", json=base | bad)
        assert r.status_code == 422 and r.json()["error"]["type"] == "validation_error", bad
        assert r.json()["error"]["details"]
    assert adv.feedback.rows() == []
    r = client.post("/api/feedback", json=base | {"reason": "not_relevant"})
    assert r.status_code == 200
    [row] = adv.feedback.rows()
    assert row["id"] == r.json()["id"] and row["reason"] == "not_relevant" and row["rating"] == -1
    assert client.post("/api/feedback", json=base | {"reason": None}).status_code == 200  # a reason is optional
    assert [(g["question"], g["reason"]) for g in adv.feedback.gap_rows()] == [
        ("Can I retrain as a pilot?", "thumbs_down")] * 2


# The UI offers the reasons after a thumbs down


def test_ui_offers_reasons_after_a_thumbs_down_and_stores_the_choice(adv: Advisor) -> None:
    ui = ChatUI(adv)
    turns = [{"question": "q", "answer": "a", "chunk_ids": []}]
    *_, offered = ui.like(turns, gr.LikeData(None, {"index": 1, "value": "a", "liked": True}))
    assert offered["visible"] is False  # a thumbs up has no reasons to give
    fid, *_, offered = ui.like(turns, gr.LikeData(None, {"index": 1, "value": "a", "liked": False}))
    assert offered["visible"] is True
    demo = ui.build()
    radio = next(b for b in demo.blocks.values() if isinstance(b, gr.Radio) and b.elem_id == "reasons")
    assert [c[1] for c in radio.choices] == list(FEEDBACK_REASONS)
    assert [c[0] for c in radio.choices] == list(FEEDBACK_REASONS.values())
    assert ui.reason(fid, "biased") == ({"__type__": "update", "visible": False, "value": None},
                                        "Noted: Biased. Thank you!")
    assert "thumbs down first" in ui.reason(fid, "<b>nope</b>")[1]
    assert [r["reason"] for r in adv.feedback.rows()] == [None, "biased"]


# `advisor gaps`


class TopicEmbedding(Embeddings):
    """One axis per topic, found by any of its words: paraphrases that share no word still match."""

    TOPICS = (("pilot", "aviation", "fly", "airline"), ("nurse", "nursing", "hospital"), ("layoff", "job market"))

    def _vec(self, text: str) -> list[float]:
        low = text.lower()
        return [float(any(w in low for w in words)) for words in self.TOPICS] + [0.1]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


def test_cluster_groups_paraphrases_and_counts_repeats() -> None:
    asked = ["How do I become a pilot?", "how do i become a pilot", "Is aviation a good career?",
             "What does an airline want from me?", "Do hospitals hire without a degree?", "nursing school cost",
             "Are there layoffs right now?"]
    rows = [{"question": q, "reason": "thumbs_down" if "aviation" in q else "declined"} for q in asked]
    topics = cluster(rows, TopicEmbedding())
    assert [(t.count, t.label) for t in topics] == [(4, "How do I become a pilot?"),
                                                    (2, "Do hospitals hire without a degree?"),
                                                    (1, "Are there layoffs right now?")]
    assert set(topics[0].examples) == {"Is aviation a good career?", "What does an airline want from me?"}
    assert topics[0].reasons == {"declined": 3, "thumbs_down": 1}
    assert cluster([], TopicEmbedding()) == []


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADVISOR_EMBEDDING_MODEL", "fake")  # word-hash: questions sharing words are alike
    return tmp_path


PILOT = ["How do I become an airline pilot?", "Becoming an airline pilot: what training?",
         "airline pilot training cost"]
NURSE = ["What does a registered nurse earn?", "registered nurse earnings"]


def seed(questions: list[str]) -> None:
    store = build_advisor().feedback
    for q in questions:
        store.log_gap(q, "declined")


def test_gaps_cli_groups_paraphrases_and_separates_topics(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed([*PILOT, *NURSE, "Is a chocolate cake hard to bake?"])
    assert main(["gaps", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"] == 6 and report["logging"] is True and report["days"] == 90 and report["groups"] == 3
    groups = [{t["label"], *t["examples"]} for t in report["topics"]]
    assert groups == [set(PILOT), set(NURSE), {"Is a chocolate cake hard to bake?"}]
    assert main(["gaps", "--min-count", "2", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "6 logged question(s)" in out and "3 topic(s)" in out and "showing 1" in out
    assert re.search(r"^\s+3  .*airline pilot", out, re.M) and "(3 declined)" in out
    assert "nurse" not in out


def test_gaps_cli_says_when_nothing_is_logged_or_logging_is_off(env: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps"]) == 0
    assert "No questions logged in the last 90 days" in capsys.readouterr().out
    monkeypatch.setenv("ADVISOR_GAP_LOG", "false")
    get_settings.cache_clear()
    seed(PILOT)  # off: not recorded
    assert main(["gaps", "--days", "7"]) == 0
    captured = capsys.readouterr()
    assert "gap log is off" in captured.err and "last 7 days" in captured.out
    with pytest.raises(SystemExit):
        main(["gaps", "--days", "0"])
    assert "at least 1" in capsys.readouterr().err


def test_gaps_help_names_the_default_similarity(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["gaps", "--help"])
    assert f"default {DEFAULT_SIMILARITY}" in " ".join(capsys.readouterr().out.split())
