"""Fit the answerability thresholds (ScopeRule) on the dev split only, and print the trade-off.

Usage: .venv/bin/python scripts/fit_scope.py  (needs an index: `advisor ingest`). Prints the best rule by
cost = false answers (unanswerable answered plainly) + 2 x wrong declines + 0.5 x partial answers to
answerable questions, each as a rate on dev; then dev and test figures for it. Record what you adopt in
eval/tuned.yaml (fitted_on: dev).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from advisor import build_advisor
from advisor.answerability import Evidence, ScopeRule, needs_detail, strip_persona
from advisor.evaluation.questions import load_questions
from advisor.retrieve import as_question, contextualize

GRID = {"min_sentence": [0.5, 0.55, 0.6], "min_dense": [0.5, 0.55, 0.6, 9.0], "min_heading": [0.5, 0.55, 9.0],
        "max_unknown": [0.1, 0.12, 0.14, 0.16, 0.2], "partial_sentence": [0.45, 0.55],
        "hedge_sentence": [0.35, 0.45]}


def gather() -> list[tuple[str, str, Evidence]]:
    """(split, label, evidence) per question: label is answered, partial or no (the guides don't answer it)."""
    adv = build_advisor()
    qs = load_questions(Path(__file__).resolve().parent.parent / "eval" / "questions")
    rows = []
    items = [(q, q.expect) for q in qs.answerable] + [(q, "no") for q in qs.unanswerable]
    for q, label in items:
        if needs_detail(q.question, bool(q.history)):
            continue
        question = as_question(strip_persona(q.question))
        passages = adv._whole_section(adv.retriever.retrieve(question, k=adv.settings.answer_passages,
                                                             history=q.turns))
        thread = contextualize(question, q.turns)  # folded as the advisor folds it (Advisor._judge)
        rows.append((q.split, label, adv.answerability.evidence(thread.text, passages, adv.profile(),
                                                                folded=thread.used_history)))
    return rows


def rates(rule: ScopeRule, rows: list[tuple[str, str, Evidence]]) -> dict[str, float]:
    out = {"false": 0, "wrong": 0, "hedge": 0, "no": 0, "answered": 0}
    for _, label, ev in rows:
        scope = rule.decide(ev).scope
        if label == "no":
            out["no"] += 1
            out["false"] += scope == "answered"
        elif label == "answered":
            out["answered"] += 1
            out["wrong"] += scope == "declined"
            out["hedge"] += scope == "partial"
    return {"false answers": out["false"] / max(out["no"], 1), "wrong declines": out["wrong"] / max(out["answered"], 1),
            "partial for answerable": out["hedge"] / max(out["answered"], 1)}


def cost(r: dict[str, float]) -> float:
    return r["false answers"] + 2 * r["wrong declines"] + 0.5 * r["partial for answerable"]


def main() -> None:
    rows = gather()
    dev = [r for r in rows if r[0] == "dev"]
    rules = (replace(ScopeRule(), **dict(zip(GRID, vals, strict=True))) for vals in itertools.product(*GRID.values()))
    best = min(rules, key=lambda rule: cost(rates(rule, dev)))
    print("best on dev:", best)
    for split in ("dev", "test"):
        print(split, {k: round(v, 3) for k, v in rates(best, [r for r in rows if r[0] == split]).items()})


if __name__ == "__main__":
    main()
