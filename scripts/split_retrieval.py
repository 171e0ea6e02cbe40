"""Our retriever's hit@1 / hit@5 / MRR@10 on the answerable questions of each split, on the existing index.

Usage: .venv/bin/python scripts/split_retrieval.py [dev|test ...] [--source NAME]  (needs an index). Unlike
`advisor eval` it builds no tutorial baseline, so it runs in seconds on a large prebuilt index, e.g. the
guides among the scale corpus: ADVISOR_DATA_DIR=... ADVISOR_CORPUS_DIR=... [ADVISOR_SUBJECT=...].
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from advisor import build_advisor
from advisor.evaluation.questions import Split, load_questions
from advisor.evaluation.retrieval import METRICS, evaluate, scored


def main(argv: list[str]) -> None:
    source = argv[argv.index("--source") + 1] if "--source" in argv else ""
    splits = [a for a in argv if a in ("dev", "test")] or ["dev", "test"]
    adv = build_advisor()
    adv.warm_up()
    adv.retriever.wait_until_prepared(timeout=1800)
    print(f"subject: {adv.settings.subject or '(none)'}")
    for split in splits:
        every = load_questions(Path(__file__).resolve().parent.parent / "eval" / "questions").only(cast(Split, split))
        qs = (every.sources(source) if source else every).answerable
        result = evaluate("ours", qs, lambda q: [p.text for p in adv.retrieve(q.question, k=10, history=q.turns)])
        figures = ", ".join(f"{m} {result.metric(m):.3f}" for m in METRICS if result.metric(m) is not None)
        print(f"{split}{' ' + source if source else ''}: {len(scored(qs))} questions; {figures or 'none scored'}")


if __name__ == "__main__":
    main(sys.argv[1:])
