"""`advisor bench`: timings as ratios against a baseline measured in the same run."""

from __future__ import annotations

import gzip
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from advisor.core import Advisor


def _latencies(fn: Callable[[str], object], questions: list[str]) -> list[float]:
    fn(questions[0])  # warm caches (model, lexical index) outside the measurement
    out = []
    for q in questions:
        start = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - start)
    return out


def _row(name: str, xs: list[float], base: float) -> str:
    p50 = statistics.median(xs) * 1000
    p95 = sorted(xs)[int(0.95 * (len(xs) - 1))] * 1000
    return f"| {name} | {p50:.1f} | {p95:.1f} | {p50 / base:.2f}x |"


def run_bench(adv: Advisor, queries: int = 50) -> str:
    """Retrieval latency (ours vs the LangChain tutorial retriever) and ingest cost (full vs unchanged)."""
    from advisor.evaluation.baseline import TutorialBaseline
    from advisor.evaluation.retrieval import load_questions
    from advisor.factory import build_advisor

    adv.index.require()
    pool = [q.question for q in load_questions(Path("eval/questions.yaml"))]
    questions = (pool * (queries // len(pool) + 1))[:queries]
    baseline = TutorialBaseline(Path(adv.settings.corpus_dir), adv.embeddings)
    base = _latencies(baseline.search, questions)
    ours = _latencies(lambda q: adv.retrieve(q, k=10), questions)
    base_p50 = statistics.median(base) * 1000
    lines = [f"Retrieval latency over {len(questions)} questions (ms; ratio of medians vs baseline):", "",
             "| retriever | p50 | p95 | vs baseline |", "|---|---|---|---|",
             _row("LangChain tutorial baseline (k=4)", base, base_p50),
             _row("advisor hybrid (k=10)", ours, base_p50)]
    with tempfile.TemporaryDirectory() as tmp:
        # The same loaded model: time the pipeline, not model loading.
        fresh = build_advisor(adv.settings, embeddings=adv.embeddings, data_dir=Path(tmp))
        full = fresh.ingest()
        again = fresh.ingest()
    lines += ["", f"Ingest of {full.documents} documents / {full.chunks} chunks:", "",
              "| ingest | seconds | vs full |", "|---|---|---|",
              f"| full (empty index) | {full.seconds:.2f} | 1.00x |",
              f"| unchanged re-ingest | {again.seconds:.2f} | {again.seconds / max(full.seconds, 1e-9):.3f}x |"]
    widget = Path(__file__).resolve().parent.parent / "serve" / "static" / "widget.js"
    raw = widget.read_bytes()
    lines += ["", f"widget.js: {len(raw) / 1024:.1f} KB, {len(gzip.compress(raw, 9)) / 1024:.1f} KB gzipped "
              "(aim: under 15 KB gzipped)"]
    return "\n".join(lines)
