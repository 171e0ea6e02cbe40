"""The load/soak run counts 5xx, cut-off streams and memory growth; it catches each when a server misbehaves."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from advisor.evaluation.bench_load import serve_env, served
from advisor.evaluation.soak import held, render, rss_growth, stream_problem, traffic

ROOT = Path(__file__).resolve().parent.parent


def test_stream_problem_tells_complete_from_cut_off_and_failed() -> None:
    final = 'event: delta\ndata: {"text": "a"}\n\nevent: final\ndata: {}\n\n'
    assert stream_problem("sse", final) is None
    assert stream_problem("sse", 'event: delta\ndata: {"text": "a"}\n\n') == "truncated"
    assert stream_problem("sse", 'event: error\ndata: {"type": "x"}\n\n') == "error-event"
    assert stream_problem("v1", 'data: {"choices": []}\n\ndata: [DONE]\n\n') is None
    assert stream_problem("v1", 'data: {"choices": []}\n\n') == "truncated"
    assert stream_problem("v1", 'data: {"error": {"type": "x"}}\n\ndata: [DONE]\n\n') == "error-event"


def test_rss_growth_counts_from_the_end_of_warm_up() -> None:
    samples = [(0.0, 100.0), (5.0, 800.0), (10.0, 1000.0), (15.0, 1050.0), (20.0, 1020.0)]
    g = rss_growth(samples, warmup_s=10.0)
    assert g == {"rss_after_warmup_mb": 1000.0, "rss_max_mb": 1050.0, "rss_growth": 0.05}
    assert rss_growth(samples, warmup_s=0.0)["rss_growth"] == 9.5  # the model loading is not a leak: warm up
    assert rss_growth([], 1.0)["rss_growth"] == 0.0


class _Broken(BaseHTTPRequestHandler):
    """/api/chat fails with 500; /v1 streams a chunk and closes without `[DONE]`, as a failing server would."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200 if self.path == "/v1/chat/completions" else 500)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.wfile.write(b'data: {"choices": []}\n\n')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def broken() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_traffic_counts_5xx_and_cut_off_streams(broken: str) -> None:
    run = traffic(broken, os.getpid(), ["q1", "q2"], clients=3, seconds=0.5, sample_every=0.1)
    assert run["by_kind"]["json"] > 0 and run["by_kind"]["v1"] > 0
    assert run["5xx"] == run["by_kind"]["json"] + run["by_kind"]["sse"] > 0
    assert run["truncated"] == run["by_kind"]["v1"]
    assert not held(run, memory=False)
    assert "| NO |" in render({"load": run}, "advisor bench --security")


def test_traffic_against_a_served_advisor_holds(tmp_path: Path) -> None:
    env = serve_env({"ADVISOR_EMBEDDING_MODEL": "fake", "ADVISOR_DATA_DIR": str(tmp_path / "data"),
                     "ADVISOR_CORPUS_DIR": str(ROOT / "corpus")})
    subprocess.run([sys.executable, "-m", "advisor.cli", "ingest"], env=env, check=True, capture_output=True)
    with served(env) as (base, pid):
        run = traffic(base, pid, ["how do I become an ml engineer", "what does an mle earn"], clients=3,
                      seconds=3, warmup_s=1, sample_every=0.5)
    assert all(n > 0 for n in run["by_kind"].values()), run
    assert run["statuses"] == {"200": run["requests"]}
    assert run["truncated"] == run["error_events"] == run["5xx"] == 0
    assert run["rss_after_warmup_mb"] > 0 and len(run["rss_samples"]) >= 3
    assert held(run, memory=False)
