"""`advisor bench --security`: runs the security and fault suites and writes docs/reliability.md from them."""

from __future__ import annotations

import datetime
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

from advisor.evaluation import soak as soak_report

SUITES = ("tests/security", "tests/faults")
# What each test file tries, as the report names it; files not listed are named after themselves.
AREAS = {
    "test_poison": "poisoned guides (planted instructions, canary)",
    "test_render": "rendering (URLs, Markdown, citation chips)",
    "test_properties": "property tests (cleaner, chunker, citations, renderer)",
    "test_xss_sweep": "XSS payloads in the UI and the widget",
    "test_stream_errors": "streaming errors and client disconnects",
    "test_data_dir": "read-only, full or damaged data folder; doctor",
    "test_kill_ingest": "SIGKILL at random points of an ingest",
    "test_services": "Chroma server and LLM failures mid-session",
}


def tally(junit_xml: str) -> dict[str, list[int]]:
    """area -> [tried, held] from a JUnit XML report (skipped cases are not counted as tried)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in ET.fromstring(junit_xml).iter("testcase"):
        if case.find("skipped") is not None:
            continue
        stem = case.get("classname", "").split(".")[-1]
        area = AREAS.get(stem, stem.removeprefix("test_").replace("_", " "))
        out[area][0] += 1
        out[area][1] += case.find("failure") is None and case.find("error") is None
    return dict(out)


def render(counts: dict[str, list[int]], command: str) -> str:
    """The Markdown report."""
    lines = ["# Reliability and security runs", "",
             f"Written by `{command}` on {datetime.date.today().isoformat()} from the test runs themselves "
             "(never edited by hand). Each row counts test cases: every XSS payload, every kill point and every "
             "failure mode is its own case; a property test counts once (Hypothesis tries 150 inputs in it).", "",
             "| area | tried | held |", "|---|---|---|"]
    for area, (tried, held) in sorted(counts.items()):
        lines.append(f"| {area} | {tried} | {held} |")
    tried, held = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    lines += [f"| **all** | **{tried}** | **{held}** |", ""]
    return "\n".join(lines)


def run_reliability(root: Path, out: Path, load: tuple[int, float] = (64, 120.0),
                    soak: tuple[int, float, float] = (8, 900.0, 120.0),
                    questions: Path | None = None) -> tuple[str, bool]:
    """Run the suites with pytest, then load and soak a served advisor; write the report to `out`.

    load: (clients, seconds); soak: (clients, seconds, warm-up seconds); 0 seconds skips a run.
    Returns the report and whether everything held.
    """
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "junit.xml"
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}",
                        *SUITES], cwd=root, check=False)
        counts = tally(xml.read_text("utf-8"))
    command = "advisor bench --security"
    report = render(counts, command)
    ok = all(tried == held for tried, held in counts.values())
    runs = load_and_soak(load, soak, questions or root / "eval" / "questions")
    if runs:
        report += "\n" + soak_report.render(runs, command)
        ok = ok and all(soak_report.held(r, memory=name.startswith("soak")) for name, r in runs.items())
    out.write_text(report, "utf-8")
    return report, ok


def load_and_soak(load: tuple[int, float], soak: tuple[int, float, float], questions: Path) -> dict[str, Any]:
    """The load run, then the soak run on the same server (the load is part of the soak's warm-up)."""
    from advisor.evaluation.bench import question_pool
    from advisor.evaluation.bench_load import serve_env, served

    if load[1] <= 0 and soak[1] <= 0:
        return {}
    pool = question_pool(200, questions)
    runs: dict[str, Any] = {}
    with served(serve_env({})) as (base, pid):
        if load[1] > 0:
            runs["load"] = soak_report.traffic(base, pid, pool, load[0], load[1])
        if soak[1] > 0:
            runs["soak"] = soak_report.traffic(base, pid, pool, soak[0], soak[1], warmup_s=soak[2])
    return runs
