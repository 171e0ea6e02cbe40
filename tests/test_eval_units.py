"""Evaluation arithmetic without a model: metrics from ranks."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.evaluation.retrieval import SystemResult


def test_metrics_from_ranks_and_unknown_names_rejected() -> None:
    r = SystemResult("s", ranks={"a": 1, "b": 2, "c": None, "d": 11})
    assert r.metric("hit@1") == 0.25 and r.metric("hit@5") == 0.5
    assert r.metric("MRR@10") == pytest.approx((1 + 0.5) / 4)
    assert r.metric("hit@1", ["a"]) == 1.0
    with pytest.raises(ValueError, match="unknown metric 'mrr'"):
        r.metric("mrr")  # a typo used to be scored as MRR@10 without a word


def test_the_report_names_tuned_yaml_without_this_machines_path(tmp_path: Path) -> None:
    from advisor.evaluation.questions import QuestionSet
    from advisor.evaluation.run import _notes

    (tmp_path / "eval" / "questions").mkdir(parents=True)
    (tmp_path / "eval" / "tuned.yaml").write_text("constants: []\n", "utf-8")
    notes = _notes(QuestionSet(), tmp_path / "eval" / "questions")
    assert notes == ["Tuned constants: 0 recorded in eval/tuned.yaml, all fitted on dev and matching the code."]
    assert str(tmp_path) not in " ".join(notes)
