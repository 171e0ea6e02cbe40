"""Retrieval evaluation: hit@1, hit@5 and MRR@10 for our retriever, its parts and the tutorial baseline."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from advisor.core import Advisor
from advisor.schema import Turn

TARGETS = {"hit@1": 0.90, "hit@5": 1.00, "MRR@10": 0.93}


@dataclass(frozen=True)
class EvalQuestion:
    """One question with the phrases that make a passage relevant."""

    id: str
    kind: str
    question: str
    answers: tuple[str, ...]
    history: tuple[Turn, ...] = ()
    facts: tuple[str, ...] = ()


@dataclass
class SystemResult:
    """Per-system scores plus the questions it missed at rank 1."""

    name: str
    ranks: dict[str, int | None] = field(default_factory=dict)
    seconds: float = 0.0

    def metric(self, name: str, ids: list[str] | None = None) -> float:
        """hit@1, hit@5 or MRR@10 over the given questions (all by default)."""
        if name not in TARGETS:
            raise ValueError(f"unknown metric {name!r}; choose one of {', '.join(TARGETS)}")
        ranks = [self.ranks[i] for i in (ids or list(self.ranks))]
        if not ranks:
            return 0.0
        if name == "hit@1":
            return sum(r == 1 for r in ranks) / len(ranks)
        if name == "hit@5":
            return sum(r is not None and r <= 5 for r in ranks) / len(ranks)
        return sum(1.0 / r for r in ranks if r is not None and r <= 10) / len(ranks)


def normalize(text: str) -> str:
    """Case, quotes, markdown emphasis and whitespace do not decide relevance."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("*", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def first_relevant(texts: list[str], answers: tuple[str, ...]) -> int | None:
    """1-based rank of the first text containing any answer phrase, or None."""
    phrases = [normalize(a) for a in answers]
    for rank, text in enumerate(texts, 1):
        t = normalize(text)
        if any(p in t for p in phrases):
            return rank
    return None


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read and validate the question set."""
    data = yaml.safe_load(path.read_text("utf-8"))
    out = []
    for q in data["questions"]:
        if not q.get("answers"):
            raise ValueError(f"question {q.get('id')} has no answers")
        out.append(EvalQuestion(id=q["id"], kind=q["kind"], question=q["question"],
                                answers=tuple(q["answers"]), history=tuple(q.get("history") or ()),
                                facts=tuple(q.get("facts") or q["answers"])))
    return out


def evaluate(name: str, questions: list[EvalQuestion], search: Callable[[EvalQuestion], list[str]]) -> SystemResult:
    """Run one system over every question."""
    result = SystemResult(name)
    start = time.perf_counter()
    for q in questions:
        result.ranks[q.id] = first_relevant(search(q)[:10], q.answers)
    result.seconds = time.perf_counter() - start
    return result


def retrieval_systems(adv: Advisor) -> dict[str, Callable[[EvalQuestion], list[str]]]:
    """Our hybrid retriever, its two halves, and the LangChain tutorial baseline."""
    from advisor.evaluation.baseline import TutorialBaseline

    def ours(mode: Any) -> Callable[[EvalQuestion], list[str]]:
        return lambda q: [p.text for p in adv.retrieve(q.question, k=10, history=list(q.history), mode=mode)]

    baseline = TutorialBaseline(Path(adv.settings.corpus_dir), adv.embeddings)
    return {
        "advisor (hybrid)": ours("hybrid"),
        "dense only": ours("dense"),
        "BM25 only": ours("bm25"),
        "LangChain tutorial baseline": lambda q: baseline.search(q.question),
    }


def _chart(results: list[SystemResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = list(TARGETS)
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / len(results)
    for i, r in enumerate(results):
        xs = [m + i * width for m in range(len(metrics))]
        ax.bar(xs, [r.metric(m) for m in metrics], width, label=r.name)
    ax.set_xticks([m + width * (len(results) - 1) / 2 for m in range(len(metrics))], metrics)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("Retrieval quality on eval/questions.yaml")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def render(results: list[SystemResult], questions: list[EvalQuestion], chart: str) -> str:
    """Markdown report: the metric table, per-kind scores of our retriever, and its misses."""
    lines = [f"# Retrieval evaluation ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)", "",
             f"{len(questions)} questions; relevance = passage contains an expected answer phrase.", "",
             "| system | hit@1 | hit@5 | MRR@10 | seconds |", "|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.name} | {r.metric('hit@1'):.3f} | {r.metric('hit@5'):.3f} | "
                     f"{r.metric('MRR@10'):.3f} | {r.seconds:.1f} |")
    lines += ["", "Targets for our retriever: " + ", ".join(f"{k} >= {v:.2f}" for k, v in TARGETS.items()),
              "", f"![chart]({chart})", "", "## Our retriever by kind of question", "",
              "| kind | n | hit@1 | hit@5 | MRR@10 |", "|---|---|---|---|---|"]
    ours = results[0]
    for kind in sorted({q.kind for q in questions}):
        ids = [q.id for q in questions if q.kind == kind]
        lines.append(f"| {kind} | {len(ids)} | {ours.metric('hit@1', ids):.3f} | "
                     f"{ours.metric('hit@5', ids):.3f} | {ours.metric('MRR@10', ids):.3f} |")
    misses = [q for q in questions if ours.ranks[q.id] != 1]
    lines += ["", "## Not at rank 1 for our retriever", ""]
    lines += [f"- `{q.id}` ({q.kind}): rank {ours.ranks[q.id] or '>10'} — {q.question}" for q in misses] or ["- none"]
    return "\n".join(lines) + "\n"


def run_eval(adv: Advisor, questions_path: Path, out_dir: Path, answers: bool = True) -> str:
    """Evaluate every system in one run, write the reports and chart, return the report text."""
    from advisor.evaluation.answers import answer_report, evaluate_answers, load_scope

    questions = load_questions(questions_path)
    adv.index.require()
    results = [evaluate(name, questions, fn) for name, fn in retrieval_systems(adv).items()]
    out_dir.mkdir(parents=True, exist_ok=True)
    _chart(results, out_dir / "retrieval.png")
    report = render(results, questions, "retrieval.png")
    (out_dir / "retrieval.md").write_text(report, "utf-8")
    if answers:
        from advisor.factory import build_advisor

        scope = load_scope(questions_path.parent / "scope.yaml")
        fake = build_advisor(adv.settings, embeddings=adv.embeddings, llm_provider="fake")  # one model load
        runs = [evaluate_answers(f"{adv.answerer.name} answerer", adv, questions, scope),
                evaluate_answers("fake LLM provider (harness check)", fake, questions, scope)]
        text = answer_report(runs)
        (out_dir / "answers.md").write_text(text, "utf-8")
        report += "\n" + text
    return report

