"""`advisor bench --security`: runs the security and fault suites and writes docs/reliability.md from them."""

from __future__ import annotations

import datetime
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

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


def run_reliability(root: Path, out: Path) -> tuple[str, bool]:
    """Run the suites with pytest, write the report to `out`; returns it and whether everything held."""
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "junit.xml"
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}",
                        *SUITES], cwd=root, check=False)
        counts = tally(xml.read_text("utf-8"))
    report = render(counts, "advisor bench --security")
    out.write_text(report, "utf-8")
    return report, all(tried == held for tried, held in counts.values())
