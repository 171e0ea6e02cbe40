"""Markdown reports and charts of an evaluation run: dev and test side by side, and every miss."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from advisor.evaluation.answers import METRICS, AnswerRun, Miss
from advisor.evaluation.questions import Answerable, Split
from advisor.evaluation.retrieval import AIMS as RETRIEVAL_AIMS
from advisor.evaluation.retrieval import METRICS as RETRIEVAL_METRICS
from advisor.evaluation.retrieval import SystemResult, scored


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _ids(questions: Sequence[Answerable], split: Split, kind: str | None = None) -> list[str]:
    return [q.id for q in scored(questions) if q.split == split and (kind is None or q.kind == kind)]


def retrieval_markdown(results: list[SystemResult], questions: Sequence[Answerable], splits: Sequence[Split],
                       chart: str) -> str:
    """Metric table per system and split, our retriever by kind, and every question it missed at rank 1."""
    n = {s: len(_ids(questions, s)) for s in splits}
    cols = [f"{m} {s}" for m in RETRIEVAL_METRICS for s in splits]
    lines = ["# Retrieval evaluation", "",
             "Answerable questions with answer phrases; a passage is relevant when it contains one. "
             + ", ".join(f"{s}: {n[s]} questions" for s in splits) + ".", "",
             "| system | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for r in results:
        cells = [_f(r.metric(m, _ids(questions, s))) for m in RETRIEVAL_METRICS for s in splits]
        lines.append(f"| {r.name} | " + " | ".join(cells) + " |")
    lines += ["", "Aims for our retriever on test: " + ", ".join(f"{k} >= {v:.2f}" for k, v in RETRIEVAL_AIMS.items())
              + ".", "", f"![retrieval chart]({chart})", "", f"## {results[0].name} by kind of question", "",
              "| kind | " + " | ".join(f"n {s} | hit@1 {s} | MRR@10 {s}" for s in splits) + " |",
              "|---|" + "---|---|---|" * len(splits)]
    ours = results[0]
    for kind in sorted({q.kind for q in scored(questions)}):
        cells = []
        for s in splits:
            ids = _ids(questions, s, kind)
            cells += [str(len(ids)), _f(ours.metric("hit@1", ids)), _f(ours.metric("MRR@10", ids))]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", f"## Misses: not at rank 1 for {ours.name}", ""]
    misses = [q for s in splits for q in scored(questions) if q.split == s and ours.ranks[q.id] != 1]
    lines += [f"- [{q.split}] `{q.id}` ({q.kind}): rank {ours.ranks[q.id] or '>10'} — {q.question} → top passage: "
              f"“{' '.join(ours.top[q.id].split())[:120]}”" for q in misses] or ["- none"]
    return "\n".join(lines) + "\n"


def _misses_by_question(misses: list[Miss]) -> list[str]:
    """One line per question that missed anything: every metric it failed and what came out."""
    grouped: dict[tuple[Split, str], list[Miss]] = {}
    for m in misses:
        grouped.setdefault((m.split, m.id), []).append(m)
    lines = []
    for (split, qid), ms in sorted(grouped.items()):
        first = ms[0]
        names = ", ".join(dict.fromkeys(m.metric for m in ms))
        outcome = max((m.outcome for m in ms), key=len)  # the most specific ("declined, expected answered")
        lines.append(f"- [{split}] `{qid}` ({names}) — {first.question} → {outcome}: “{first.text}”")
    return lines or ["- none"]


def answers_markdown(runs: list[AnswerRun], splits: Sequence[Split], chart: str, notes: Sequence[str] = ()) -> str:
    """Metric table (answerer x split side by side, with counts), aims, chart, notes and every miss."""
    cols = [f"{r.name} {s}" for r in runs for s in splits]
    lines = ["# Answer evaluation", "", "Cells: value (items counted / items). Rates (<=) count what went wrong.", "",
             "| metric | aim | " + " | ".join(cols) + " |", "|---|---|" + "---|" * len(cols)]
    for name, spec in METRICS.items():
        aim = "—" if spec.aim is None else f"{'<=' if spec.rate else '>='} {spec.aim:.2f}"
        lines.append(f"| {name} | {aim} | " + " | ".join(str(r.scores[s][name]) for r in runs for s in splits) + " |")
    lines.append("| persona mean Jaccard | — | " + " | ".join(_f(r.jaccard[s]) for r in runs for s in splits) + " |")
    lines += ["", f"![answer chart]({chart})", "", "What each metric counts:", ""]
    lines += [f"- **{name}**: {spec.about}." for name, spec in METRICS.items()]
    lines += ["", *notes, ""] if notes else [""]
    for r in runs:
        lines += [f"## Misses: {r.name}", "", *_misses_by_question(r.misses), ""]
    return "\n".join(lines)


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def retrieval_chart(results: list[SystemResult], questions: Sequence[Answerable], splits: Sequence[Split],
                    path: Path) -> None:
    """Grouped bars, one panel per split."""
    plt = _plt()
    fig, axes = plt.subplots(1, len(splits), figsize=(5 * len(splits), 4), squeeze=False)
    width = 0.8 / len(results)
    for ax, split in zip(axes[0], splits, strict=True):
        ids = _ids(questions, split)
        for i, r in enumerate(results):
            xs = [m + i * width for m in range(len(RETRIEVAL_METRICS))]
            ax.bar(xs, [r.metric(m, ids) or 0.0 for m in RETRIEVAL_METRICS], width, label=r.name)
        ax.set_xticks([m + width * (len(results) - 1) / 2 for m in range(len(RETRIEVAL_METRICS))],
                      list(RETRIEVAL_METRICS))
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{split} ({len(ids)} questions)")
    axes[0][0].set_ylabel("score")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(results), fontsize=8)
    fig.suptitle("Retrieval quality on eval/questions")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=100)
    plt.close(fig)


def answers_chart(run: AnswerRun, splits: Sequence[Split], path: Path) -> None:
    """Horizontal bars per metric and split for one answerer, with the aims as ticks."""
    plt = _plt()
    names = [n for n in METRICS if any(run.scores[s][n].n for s in splits)]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) + 1.2))
    height = 0.8 / len(splits)
    for i, split in enumerate(splits):
        ys = [k + i * height for k in range(len(names))]
        ax.barh(ys, [run.scores[split][n].value or 0.0 for n in names], height, label=split)
    for k, n in enumerate(names):
        aim = METRICS[n].aim
        if aim is not None:
            ax.plot([aim, aim], [k - height / 2, k + height * (len(splits) - 0.5)], color="black", lw=1.5)
    ax.set_yticks([k + height * (len(splits) - 1) / 2 for k in range(len(names))],
                  [f"{n} (<=)" if METRICS[n].rate else n for n in names], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_title(f"Answers: {run.name} (black ticks: aims)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
