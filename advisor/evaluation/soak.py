"""Load and soak runs for `advisor bench --security`: mixed JSON, SSE and /v1 traffic against a served advisor.

Counts what the reliability aims are about (5xx, truncated streams, memory growth after warm-up), not speed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from advisor.evaluation.bench_load import percentiles, status_mb

KINDS = ("json", "sse", "v1")  # each client cycles through the three ways of asking
AIM_RSS_GROWTH = 0.10


def rss_mb(pid: int) -> float:
    """Current resident memory of a live process (Linux VmRSS), in MB; 0 when unknown."""
    return status_mb(pid, "VmRSS")


def stream_problem(kind: str, body: str) -> str | None:
    """What is wrong with a complete 200 stream body, or None: 'truncated' (no last event) or 'error-event'."""
    if kind == "sse":
        if "event: error" in body:
            return "error-event"
        return None if "event: final" in body else "truncated"
    if kind == "v1":
        if '"error"' in body:
            return "error-event"
        return None if body.rstrip().endswith("data: [DONE]") else "truncated"
    return None


def rss_growth(samples: list[tuple[float, float]], warmup_s: float) -> dict[str, float]:
    """RSS at the end of warm-up, the most seen after it, and the growth between them (a share)."""
    after = [mb for t, mb in samples if t >= warmup_s]
    if not after:
        return {"rss_after_warmup_mb": 0.0, "rss_max_mb": 0.0, "rss_growth": 0.0}
    base = after[0]
    top = max(after)
    growth = round((top - base) / base, 4) if base else 0.0
    return {"rss_after_warmup_mb": base, "rss_max_mb": top, "rss_growth": growth}


@dataclass
class _Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    statuses: dict[str, int] = field(default_factory=dict)
    problems: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, took: float, status: str, problem: str | None) -> None:
        with self.lock:
            self.by_kind[kind] += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if problem:
                self.problems[problem] = self.problems.get(problem, 0) + 1
            elif status == "200":
                self.latencies.append(took)


def _ask(http: Any, kind: str, question: str) -> tuple[str, str | None]:
    """One request of the given kind, read to the end: (status or transport error name, stream problem)."""
    import httpx

    try:
        if kind == "json":
            r = http.post("/api/chat", json={"message": question})
            return str(r.status_code), None
        if kind == "sse":
            req = http.build_request("POST", "/api/chat", json={"message": question, "stream": True})
        else:
            req = http.build_request("POST", "/v1/chat/completions", json={
                "model": "advisor", "stream": True, "messages": [{"role": "user", "content": question}]})
        r = http.send(req, stream=True)
        try:
            body = "".join(r.iter_text())
        finally:
            r.close()
        return str(r.status_code), stream_problem(kind, body) if r.status_code == 200 else None
    except httpx.RemoteProtocolError:
        return "200", "truncated"  # the connection closed inside the body
    except httpx.HTTPError as exc:
        return type(exc).__name__, None


def traffic(base: str, pid: int, questions: list[str], clients: int, seconds: float,
            warmup_s: float = 0.0, sample_every: float = 5.0) -> dict[str, Any]:
    """`clients` threads ask back to back for `seconds` (JSON, SSE, /v1 in turn); memory sampled throughout."""
    import httpx

    tally = _Tally()
    started = time.monotonic()
    stop = started + seconds
    samples: list[tuple[float, float]] = [(0.0, rss_mb(pid))]
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(sample_every):
            samples.append((round(time.monotonic() - started, 1), rss_mb(pid)))

    def client(n: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            i = n
            while time.monotonic() < stop:
                kind = KINDS[i % len(KINDS)]
                t0 = time.perf_counter()
                status, problem = _ask(http, kind, questions[i % len(questions)])
                tally.add(kind, time.perf_counter() - t0, status, problem)
                i += clients

    watcher = threading.Thread(target=sampler, daemon=True)
    watcher.start()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    watcher.join()
    samples.append((round(time.monotonic() - started, 1), rss_mb(pid)))
    wall = time.monotonic() - started
    five_xx = sum(n for s, n in tally.statuses.items() if s.startswith("5"))
    failed = sum(n for s, n in tally.statuses.items() if not s.isdigit())
    return {"clients": clients, "seconds": round(wall, 1), "requests": sum(tally.by_kind.values()),
            "by_kind": tally.by_kind, "statuses": dict(sorted(tally.statuses.items())), "5xx": five_xx,
            "transport_errors": failed, "truncated": tally.problems.get("truncated", 0),
            "error_events": tally.problems.get("error-event", 0),
            "throughput_rps": round(sum(tally.by_kind.values()) / max(wall, 1e-9), 2),
            **percentiles(tally.latencies), **rss_growth(samples, warmup_s), "warmup_s": warmup_s,
            "rss_samples": samples}


def held(run: dict[str, Any], *, memory: bool) -> bool:
    """0 5xx, 0 transport failures, 0 truncated or failed streams; with memory: RSS growth under the aim."""
    ok = run["5xx"] == 0 and run["transport_errors"] == 0 and run["truncated"] == 0 and run["error_events"] == 0
    return ok and (not memory or run["rss_growth"] < AIM_RSS_GROWTH)


def render(runs: dict[str, dict[str, Any]], command: str) -> str:
    """The load and soak section of docs/reliability.md."""
    lines = ["## Load and soak", "",
             f"Measured by `{command}` against `advisor serve` (rate limits off; JSON, SSE and /v1 streaming "
             "requests in turn). Aims: 0 5xx, 0 truncated streams, RSS growth under 10% after warm-up.", "",
             "| run | requests | statuses | 5xx | transport errors | truncated / error streams | p50 / p95 ms "
             "| RSS after warm-up -> max MB (growth) | held |", "|---|---|---|---|---|---|---|---|---|"]
    for name, r in runs.items():
        statuses = ", ".join(f"{s}: {n}" for s, n in r["statuses"].items())
        memory = name.startswith("soak")
        growth = (f"{r['rss_after_warmup_mb']} -> {r['rss_max_mb']} ({r['rss_growth']:.1%})" if memory
                  else f"peak {r['rss_max_mb']}")
        lines.append(f"| {name}: {r['clients']} clients, {r['seconds']} s | {r['requests']} | {statuses} | {r['5xx']} "
                     f"| {r['transport_errors']} | {r['truncated']} / {r['error_events']} | {r['p50_ms']} / "
                     f"{r['p95_ms']} | {growth} | {'yes' if held(r, memory=memory) else 'NO'} |")
    return "\n".join(lines) + "\n"
