"""Profile retrieval or whole answers over the bench's question pool with cProfile (standard library only).

Usage: .venv/bin/python scripts/profile_requests.py [retrieve|ask] [N]  (needs an index: `advisor ingest`).
Prints the mean milliseconds per call (inflated by the profiler) and the 35 most expensive functions by
cumulative time. The first question is asked outside the profile, so model loading is not counted.
`... profile_requests.py latency [N]` instead times retrieval and answers on the existing index as
`advisor bench` does (no profiler; heading and chunk matrices ready first), without rebuilding a corpus.
`... profile_requests.py serve [SECONDS]` runs the bench's subprocess half on the existing index: cold start
(`advisor ask`), then `advisor serve` under 8 and 32 clients for SECONDS each (default 15), and its peak RSS.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

from advisor import build_advisor
from advisor.evaluation.bench import question_pool


def main(argv: list[str]) -> None:
    what = argv[0] if argv else "ask"
    pool = Path(__file__).resolve().parent.parent / "eval" / "questions"
    if what == "serve":
        serve(question_pool(200, pool), float(argv[1]) if len(argv) > 1 else 15.0)
        return
    n = int(argv[1]) if len(argv) > 1 else 60
    questions = question_pool(n, pool)
    adv = build_advisor()
    if what == "latency":
        from advisor.evaluation.bench import latencies
        from advisor.evaluation.bench_load import percentiles

        started = time.perf_counter()
        adv.warm_up()
        ready = adv.retriever.wait_until_prepared(timeout=1800)
        print(f"heading and chunk matrices ready: {ready} after {time.perf_counter() - started:.1f} s")
        for name, fn in (("retrieval", lambda q: adv.retrieve(q, k=10)), ("answer", adv.ask)):
            getattr(adv.retriever.embeddings, "forget_queries", lambda: None)()
            xs, errors = latencies(fn, questions)
            print(name, percentiles(xs), "errors:", errors)
        import resource

        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        return
    call = adv.retrieve if what == "retrieve" else adv.ask
    call(questions[0])  # loads the model and the lexical index outside the profile
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for q in questions[1:]:
        call(q)
    profile.disable()
    print(f"{what}: {(time.perf_counter() - started) / max(n - 1, 1) * 1000:.1f} ms per call under the profiler")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


def serve(questions: list[str], seconds: float) -> None:
    """Cold start, load and memory of the configured index, as `advisor bench` measures them on its own copy."""
    from advisor.evaluation.bench_load import cold_start, load, peak_rss_mb, serve_env, served, warm_up

    env = serve_env({})
    print(f"cold start {cold_start(env, questions[0])} s")
    with served(env) as (base, pid):
        warm_up(base, questions[:16])
        for clients in (8, 32):
            print(f"{clients} clients", load(base, questions, clients, seconds))
        print(f"serve peak RSS {peak_rss_mb(pid)} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
