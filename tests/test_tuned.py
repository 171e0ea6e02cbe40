"""eval/tuned.yaml: every tuned constant was fitted on dev and still has the value recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.evaluation.questions import QuestionFileError
from advisor.evaluation.tuned import Tuned, current_value, load_tuned, problems

from .conftest import ROOT

TUNED = ROOT / "eval" / "tuned.yaml"


def test_every_tuned_constant_was_fitted_on_dev_and_matches_the_code() -> None:
    records = load_tuned(TUNED)
    assert problems(records) == []
    assert all(r.fitted_on == "dev" for r in records)
    named = {f"{r.module}.{r.name}" for r in records}
    assert {"advisor.config.Settings.weight_dense", "advisor.answerability.ScopeRule.min_dense",
            "advisor.retrieve.EXPANSIONS", "advisor.extractive.PRIOR_WEIGHT"} <= named


def test_constants_resolve_from_modules_classes_and_settings_fields() -> None:
    from advisor.answerability import ScopeRule
    from advisor.config import Settings
    from advisor.retrieve import EXPANSIONS

    assert current_value("advisor.config", "Settings.weight_bm25") == Settings().weight_bm25
    assert current_value("advisor.answerability", "ScopeRule.min_heading") == ScopeRule().min_heading
    assert current_value("advisor.retrieve", "EXPANSIONS") is EXPANSIONS


def test_fitted_on_test_drift_and_vanished_constants_are_problems() -> None:
    from advisor.answerability import ScopeRule

    value = ScopeRule().min_dense
    found = problems([Tuned("advisor.answerability", "ScopeRule.min_dense", value, "test", "grid"),
                      Tuned("advisor.answerability", "ScopeRule.min_heading", 0.123, "dev", "grid"),
                      Tuned("advisor.answerability", "ScopeRule.gone", 1.0, "dev", "grid"),
                      Tuned("advisor.nowhere", "X", 1.0, "dev", "grid"),
                      Tuned("advisor.retrieve", "EXPANSIONS", {"ml": "machine learning"}, "dev", "grid")])
    assert len(found) == 5
    assert "fitted on 'test'" in found[0] and "0.123" in found[1] and "not in the code" in found[2]
    assert "not in the code" in found[3] and "EXPANSIONS" in found[4]
    assert problems([Tuned("advisor.answerability", "ScopeRule.min_dense", value, "dev", "grid")]) == []


def test_a_malformed_record_is_named(tmp_path: Path) -> None:
    path = tmp_path / "tuned.yaml"
    path.write_text("constants:\n  - {module: advisor.scope, name: ScopeRule.min_dense, value: 0.19}\n")
    with pytest.raises(QuestionFileError, match="entry 1 needs exactly the fields"):
        load_tuned(path)
