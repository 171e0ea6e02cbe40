"""`advisor bench`: ingest, latency, load, cold start and memory, each next to a yardstick from the same run."""

from __future__ import annotations

import gzip
import json
import resource
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from advisor.core import Advisor
from advisor.errors import AdvisorError
from advisor.evaluation.bench_load import (
    cold_start,
    load,
    peak_rss_mb,
    percentiles,
    serve_env,
    served,
    warm_up,
)

CLIENTS = (8, 32, 64)
# Rephrasings multiply the eval questions into a varied pool (no two requests share a text).
VARIANTS = ("{q}", "Quick question: {q}", "{q} Thanks!", "{lower}")
AIMS = {"ingest_vs_raw_encoder": "<= 1.15", "ingest_vs_tutorial": "<= 1.00", "unchanged_vs_cold": "<= 0.05",
        "retrieval_p95_ms": "<= 50 (scale)", "answer_p95_ms": "<= 100 (scale)", "load_32_p95_ms": "<= 1000, 0 errors",
        "cold_start_s": "<= 8", "serve_peak_rss_mb": "<= 1536"}


def question_pool(n: int, path: Path) -> list[str]:
    """n varied questions built from the eval set."""
    from advisor.evaluation.questions import load_questions

    base = [q.question for q in load_questions(path).answerable]
    pool = [v.format(q=q, lower=q.lower()) for v in VARIANTS for q in base]
    return (pool * (n // len(pool) + 1))[:n]


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def latencies(fn: Callable[[str], object], questions: list[str]) -> tuple[list[float], int]:
    fn(questions[0])  # warm caches (lexical index, heading vectors) outside the measurement
    out, errors = [], 0
    for q in questions:
        started = time.perf_counter()
        try:
            fn(q)
        except AdvisorError:
            errors += 1
            continue
        out.append(time.perf_counter() - started)
    return out, errors


def raw_encode_seconds(embeddings: Any, texts: list[str], quick: bool) -> tuple[float, int]:
    """The floor: the bare encoder on the same texts, batch size tuned on a sample; (seconds, batch size)."""
    from advisor.embeddings import raw_encoder

    model = raw_encoder(embeddings)
    if model is None:  # fake embeddings: the embedder is the encoder
        return _timed(lambda: embeddings.embed_documents(texts))[1], 0
    best = 32
    if not quick:
        sample = texts[:: max(1, len(texts) // 256)][:256]
        trials: dict[int, float] = {}
        for b in (16, 32, 64):
            trials[b] = _timed(partial(model.encode, sample, batch_size=b, normalize_embeddings=True))[1]
        best = min(trials, key=lambda b: trials[b])
    # encode() sorts by length itself, so one call over all texts is the length-sorted ideal.
    return _timed(lambda: model.encode(texts, batch_size=best, normalize_embeddings=True))[1], best


def copy_corpus(sources: list[Path], dest: Path, quick: bool) -> None:
    """Copy guide folders under dest (each in its own folder when there are several); quick: two guides each."""
    from advisor.ingest import iter_files

    for src in sources:
        target = dest / src.name if len(sources) > 1 else dest
        if quick:  # two guides are enough to print every field
            target.mkdir(parents=True, exist_ok=True)
            for path in list(iter_files(src))[:2]:
                shutil.copy(path, target / path.name)
        else:
            shutil.copytree(src, target, dirs_exist_ok=True)


def edit_one_guide(root: Path) -> Path:
    """Change one prose line in the middle of the largest guide; returns the file."""
    path = max((p for p in root.rglob("*") if p.suffix in (".md", ".mdx") and p.is_file()),
               key=lambda p: p.stat().st_size)
    lines = path.read_text("utf-8").splitlines()
    prose = [i for i, line in enumerate(lines) if len(line) > 60 and not line.lstrip().startswith(("#", "|", "<"))]
    i = prose[len(prose) // 2] if prose else len(lines) - 1
    lines[i] += " (This line was edited by the bench.)"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def run_bench(adv: Advisor, questions_path: Path, *, queries: int = 200, quick: bool = False,
              corpora: list[Path] | None = None, load_seconds: float = 15.0) -> dict[str, Any]:
    """Every measurement as a dict; the index is built from scratch in a temporary place and removed after."""
    from advisor.evaluation.baseline import TutorialBaseline
    from advisor.factory import build_advisor
    from advisor.index import embedding_text
    from advisor.ingest import read_corpus

    settings = adv.settings
    sources = [Path(c) for c in (corpora or [settings.corpus_dir])]
    questions = question_pool(queries, questions_path)
    out: dict[str, Any] = {"quick": quick, "corpus": [str(s) for s in sources], "queries": len(questions),
                           "index": f"chroma server {settings.chroma_host}:{settings.chroma_port}"
                           if settings.chroma_host else "embedded chroma", "aims": AIMS,
                           "subject": settings.subject}  # ADVISOR_SUBJECT: most questions are then searched twice
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as tmp:
        root, data = Path(tmp) / "corpus", Path(tmp) / "data"
        copy_corpus(sources, root, quick)
        collection = f"bench-{uuid.uuid4().hex[:8]}"  # never touches the real collection on a shared server
        fresh = build_advisor(settings, embeddings=adv.embeddings, data_dir=data, corpus_dir=root,
                              collection=collection)
        adv.embeddings.embed_query("warm up")  # load the model outside every timing
        chunks = {c.chunk_id: c for c in read_corpus(root).chunks(settings.chunk_chars)}.values()
        texts = [embedding_text(c.title, c.section, c.text) for c in chunks]
        raw, batch = raw_encode_seconds(adv.embeddings, texts, quick)
        cold = fresh.ingest()
        again = fresh.ingest()
        baseline, tutorial = _timed(lambda: TutorialBaseline(root, adv.embeddings))
        out["ingest"] = {
            "documents": cold.documents, "chunks": cold.chunks, "cold_s": round(cold.seconds, 2),
            "raw_encoder_s": round(raw, 2), "raw_encoder_batch": batch, "tutorial_s": round(tutorial, 2),
            "ingest_vs_raw_encoder": round(cold.seconds / max(raw, 1e-9), 3),
            "ingest_vs_tutorial": round(cold.seconds / max(tutorial, 1e-9), 3),
            # Answers' sentences and headings are embedded after the chunks (their own row, no aim):
            "answer_texts": cold.texts, "answer_texts_s": round(cold.text_seconds, 2),
            "unchanged_s": round(again.seconds + again.text_seconds, 3),
            "unchanged_vs_cold": round((again.seconds + again.text_seconds) / max(cold.seconds, 1e-9), 4)}
        fresh.warm_up()  # as `advisor serve` does: corpus statistics built, heading paths being embedded
        out["revision_prepared"] = fresh.retriever.wait_until_prepared(timeout=1800)  # warm caches, steady timings
        out["latency"] = {}
        for name, fn in (("tutorial_retrieval", baseline.search),
                         ("retrieval", lambda q: fresh.retrieve(q, k=10)), ("answer", fresh.ask)):
            # Each row meets the questions as a server does: unseen (guide sentence vectors stay warm).
            getattr(fresh.retriever.embeddings, "forget_queries", lambda: None)()
            xs, errors = latencies(fn, questions)
            out["latency"][name] = {**percentiles(xs), "n": len(xs), "errors": errors}
        base_p50 = max(out["latency"]["tutorial_retrieval"]["p50_ms"], 1e-3)
        for row in out["latency"].values():
            row["p50_vs_tutorial"] = round(row["p50_ms"] / base_p50, 2)
        env = serve_env({"ADVISOR_DATA_DIR": str(data), "ADVISOR_CORPUS_DIR": str(root),
                         "ADVISOR_COLLECTION": collection})
        out["cold_start_s"] = cold_start(env, questions[0])
        with served(env) as (base, pid):
            out["warm_up_requests"] = warm_up(base, questions[:3 if quick else 16])
            out["load"] = [load(base, questions, n, load_seconds) for n in CLIENTS]
            out["serve_peak_rss_mb"] = peak_rss_mb(pid)
        edited = edit_one_guide(root)
        redo = fresh.ingest()
        out["edit_one_guide"] = {"file": edited.relative_to(root).as_posix(), "embedded": redo.added,
                                 "texts_embedded": redo.texts_embedded, "texts_s": round(redo.text_seconds, 2),
                                 "removed": redo.removed, "moved": redo.updated, "seconds": round(redo.seconds, 2),
                                 "vs_cold": round(redo.seconds / max(cold.seconds, 1e-9), 4)}
        if settings.chroma_host:
            fresh.index.client.delete_collection(fresh.index.name)  # the collection name carries a model hash
    out["bench_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    widget = Path(__file__).resolve().parent.parent / "serve" / "static" / "widget.js"
    raw_js = widget.read_bytes()
    out["widget_kb"] = {"raw": round(len(raw_js) / 1024, 1), "gzip": round(len(gzip.compress(raw_js, 9)) / 1024, 1)}
    return out


def to_markdown(r: dict[str, Any]) -> str:
    """The bench result as Markdown tables."""
    i, lat, ed = r["ingest"], r["latency"], r["edit_one_guide"]
    lines = [f"Corpus {', '.join(r['corpus'])}: {i['documents']} documents, {i['chunks']} chunks; {r['index']}; "
             f"{r['queries']} questions" + (" (quick)" if r["quick"] else "")
             + (f"; subject: {r['subject']}" if r.get("subject") else ""), "",
             "| ingest | seconds | ratio | aim |", "|---|---|---|---|",
             f"| raw encoder, length-sorted, batch {i['raw_encoder_batch']} | {i['raw_encoder_s']} | 1.00 | |",
             f"| cold ingest vs raw encoder | {i['cold_s']} | {i['ingest_vs_raw_encoder']} "
             f"| {AIMS['ingest_vs_raw_encoder']} |",
             f"| tutorial pipeline (split + embed + Chroma) | {i['tutorial_s']} | {i['ingest_vs_tutorial']} "
             f"(ours / tutorial) | {AIMS['ingest_vs_tutorial']} |",
             f"| then {i['answer_texts']} sentences and headings for answers | {i['answer_texts_s']} "
             "| | |",
             f"| unchanged re-ingest vs cold | {i['unchanged_s']} | {i['unchanged_vs_cold']} "
             f"| {AIMS['unchanged_vs_cold']} |",
             f"| one guide edited ({ed['file']}): {ed['embedded']} chunks embedded, {ed['removed']} removed "
             f"(then {ed['texts_embedded']} sentences, {ed['texts_s']} s) | "
             f"{ed['seconds']} | {ed['vs_cold']} | |", "",
             "| latency (ms) | p50 | p95 | p99 | p50 vs tutorial | errors |", "|---|---|---|---|---|---|"]
    for name, row in lat.items():
        lines.append(f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['p50_vs_tutorial']}x "
                     f"| {row['errors']} |")
    lines += ["", f"Load on a warmed server ({r.get('warm_up_requests', 0)} questions answered one by one first):",
              "", "| /api/chat load | requests | req/s | p50 ms | p95 ms | errors |", "|---|---|---|---|---|---|"]
    for row in r["load"]:
        lines.append(f"| {row['clients']} clients, {row['seconds']} s | {row['requests']} | {row['throughput_rps']} | "
                     f"{row['p50_ms']} | {row['p95_ms']} | {row['errors']} {' '.join(row['error_kinds'])} |")
    lines += ["", f"Cold start (process start to first answer): {r['cold_start_s']} s (aim {AIMS['cold_start_s']}). "
              f"Peak RSS serving: {r['serve_peak_rss_mb']} MB (aim {AIMS['serve_peak_rss_mb']}); bench process: "
              f"{r['bench_peak_rss_mb']} MB. widget.js: {r['widget_kb']['raw']} KB, "
              f"{r['widget_kb']['gzip']} KB gzipped."]
    return "\n".join(lines)


def write_report(result: dict[str, Any], out_dir: Path) -> str:
    """Write bench.json and bench.md under out_dir; returns the Markdown."""
    out_dir.mkdir(parents=True, exist_ok=True)
    md = to_markdown(result)
    (out_dir / "bench.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    (out_dir / "bench.md").write_text(md + "\n", "utf-8")
    return md
