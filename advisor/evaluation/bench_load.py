"""The subprocess half of `advisor bench`: cold start, a served advisor under concurrent load, peak memory."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def percentiles(xs: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds (nearest rank); zeros when nothing was measured."""
    if not xs:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    s = sorted(xs)

    def at(q: float) -> float:
        return round(s[min(len(s) - 1, int(q * len(s)))] * 1000, 1)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def status_mb(pid: int, field: str) -> float:
    """A memory line of a live process's /proc status (VmHWM: peak, VmRSS: now), in MB; 0 when unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a live process (Linux VmHWM), in MB; 0 when unknown."""
    return status_mb(pid, "VmHWM")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "advisor.cli", *args]


def cold_start(env: dict[str, str], question: str) -> float:
    """Seconds from process start to a printed answer, with the index already built."""
    started = time.perf_counter()
    subprocess.run(_cli("ask", question), env=env, check=True, capture_output=True, timeout=300)
    return round(time.perf_counter() - started, 2)


@contextlib.contextmanager
def served(env: dict[str, str], timeout: float = 180) -> Iterator[tuple[str, int]]:
    """`advisor serve` on a free loopback port; yields (base URL, pid) once /api/health answers."""
    import httpx

    port = free_port()
    proc = subprocess.Popen(_cli("serve", "--host", "127.0.0.1", "--port", str(port)), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"advisor serve exited with {proc.returncode}: {err[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("advisor serve did not answer /api/health in time")
            time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def warm_up(base: str, questions: list[str]) -> int:
    """Ask a few questions one by one, untimed: the first answers embed the guides' sentences and headings,
    a once-per-process cost that cold_start already reports. Returns how many were answered."""
    import httpx

    ok = 0
    with httpx.Client(base_url=base, timeout=120) as http:
        for q in questions:
            ok += http.post("/api/chat", json={"message": q}).status_code == 200
    return ok


def load(base: str, questions: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """`clients` threads POST /api/chat back to back for `seconds`: latency, throughput, errors."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            i = n
            while True:  # every client sends at least one request, however short the window
                q = questions[i % len(questions)]
                i += clients
                started = time.perf_counter()
                try:
                    r = http.post("/api/chat", json={"message": q})
                    ok = r.status_code == 200
                    why = f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                took = time.perf_counter() - started
                with lock:
                    (latencies.append(took) if ok else errors.append(why))
                if time.monotonic() >= stop:
                    return

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {"clients": clients, "seconds": round(wall, 1), "requests": len(latencies), "errors": len(errors),
            "error_kinds": sorted(set(errors)), "throughput_rps": round(len(latencies) / wall, 2),
            **percentiles(latencies)}


def serve_env(overrides: dict[str, str]) -> dict[str, str]:
    """This process's environment plus settings for the bench's own index; no rate limits on the load."""
    env = dict(os.environ)
    env.update({"ADVISOR_RATE_LIMIT_IP": "0", "ADVISOR_RATE_LIMIT_SESSION": "0", **overrides})
    # The child imports this checkout's advisor, whatever its working directory.
    root = str(Path(__file__).resolve().parent.parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env
