"""`advisor eval`: every retriever and answerer over eval/questions, dev and test side by side, one run."""

from __future__ import annotations

import contextlib
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from advisor.core import Advisor
from advisor.evaluation.questions import SPLITS, QuestionSet, Split, load_questions
from advisor.evaluation.report import answers_chart, answers_markdown, retrieval_chart, retrieval_markdown
from advisor.evaluation.retrieval import evaluate, retrieval_systems


def with_provider(adv: Advisor, provider: str) -> Advisor:
    """The same advisor (loaded model, index, retriever, scope rule) answering through another provider."""
    from advisor.factory import build_advisor

    return build_advisor(adv.settings, embeddings=adv.embeddings, llm_provider=provider)


@contextlib.contextmanager
def with_distractors(adv: Advisor, extra: Sequence[Path]) -> Iterator[Advisor]:
    """The same advisor over a temporary index of its guides plus other folders; removed afterwards.

    Measures whether the guides' questions still find their passages among thousands of other chunks.
    """
    from advisor.evaluation.bench import copy_corpus
    from advisor.factory import build_advisor

    # The deployment stays about its guides' subject: other folders are material indexed beside them, and
    # their titles must not decide what "this career" means.
    settings = adv.settings.model_copy(update={"subject": adv.subject()})
    with tempfile.TemporaryDirectory(prefix="advisor-eval-") as tmp:
        root = Path(tmp) / "corpus"
        copy_corpus([Path(settings.corpus_dir), *extra], root, quick=False)
        collection = f"eval-{uuid.uuid4().hex[:8]}"  # never touches the real collection on a shared server
        fresh = build_advisor(settings, embeddings=adv.embeddings, data_dir=Path(tmp) / "data", corpus_dir=root,
                              collection=collection)
        print(fresh.ingest(progress=True).summary(), file=sys.stderr)
        print(f"Subject (ADVISOR_SUBJECT, from the guides): {settings.subject or 'none'}", file=sys.stderr)
        try:
            yield fresh
        finally:
            if settings.chroma_host:
                fresh.index.client.delete_collection(collection)


def _notes(qs: QuestionSet, questions_dir: Path) -> list[str]:
    from advisor.evaluation.tuned import load_tuned, problems

    notes = [f"Question files missing (counted as empty): {', '.join(qs.missing_files)}."] if qs.missing_files else []
    tuned = questions_dir.parent / "tuned.yaml"
    if tuned.exists():
        records = load_tuned(tuned)
        wrong = problems(records)
        # Named from the questions' project folder: a committed report must not carry this machine's path.
        shown = tuned.relative_to(questions_dir.parent.parent) if questions_dir.is_absolute() else tuned
        notes.append(f"Tuned constants: {len(records)} recorded in {shown}"
                     + (f"; problems: {'; '.join(wrong)}." if wrong else ", all fitted on dev and matching the code."))
    return notes


def run_eval(adv: Advisor, questions_dir: Path, out_dir: Path, answers: bool = True,
             splits: Sequence[Split] = SPLITS, sources: Sequence[str] = ()) -> str:
    """Evaluate every system in one run, write the reports and charts to out_dir, return the report text.

    sources: keep only questions from these sources (all when empty).
    """
    from advisor.evaluation.answers import evaluate_answers

    qs = load_questions(questions_dir).only(*splits)
    if sources:
        qs = qs.sources(*sources)
    adv.index.require()
    results = [evaluate(name, qs.answerable, fn) for name, fn in retrieval_systems(adv).items()]
    out_dir.mkdir(parents=True, exist_ok=True)
    retrieval_chart(results, qs.answerable, splits, out_dir / "retrieval.png")
    report = retrieval_markdown(results, qs.answerable, splits, "retrieval.png")
    (out_dir / "retrieval.md").write_text(report, "utf-8")
    if answers:
        runs = [evaluate_answers(f"{adv.answerer.name} answerer", adv, qs, splits),
                evaluate_answers("fake LLM (harness check)", with_provider(adv, "fake"), qs, splits)]
        answers_chart(runs[0], splits, out_dir / "answers.png")
        text = answers_markdown(runs, splits, "answers.png", _notes(qs, questions_dir))
        (out_dir / "answers.md").write_text(text, "utf-8")
        report += "\n" + text
    return report
