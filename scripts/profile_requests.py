"""Profile retrieval or whole answers over the bench's question pool with cProfile (standard library only).

Usage: .venv/bin/python scripts/profile_requests.py [retrieve|ask] [N]  (needs an index: `advisor ingest`).
Prints the mean milliseconds per call (inflated by the profiler) and the 35 most expensive functions by
cumulative time. The first question is asked outside the profile, so model loading is not counted.
`... profile_requests.py latency [N]` instead times retrieval and answers on the existing index as
`advisor bench` does (no profiler; heading vectors ready first), without rebuilding a corpus.
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
    n = int(argv[1]) if len(argv) > 1 else 60
    adv = build_advisor()
    questions = question_pool(n, Path(__file__).resolve().parent.parent / "eval" / "questions")
    if what == "latency":
        from advisor.evaluation.bench import _latencies
        from advisor.evaluation.bench_load import percentiles

        started = time.perf_counter()
        adv.retrieve("warm up", k=1)
        ready = adv.retriever.wait_for_headings(timeout=1800)
        print(f"heading vectors ready: {ready} after {time.perf_counter() - started:.1f} s")
        for name, fn in (("retrieval", lambda q: adv.retrieve(q, k=10)), ("answer", adv.ask)):
            getattr(adv.retriever.embeddings, "forget_queries", lambda: None)()
            xs, errors = _latencies(fn, questions)
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


if __name__ == "__main__":
    main(sys.argv[1:])
