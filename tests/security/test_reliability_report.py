"""The reliability report counts what the suites tried and what held, from their JUnit output."""

from __future__ import annotations

from advisor.evaluation.reliability import render, tally

JUNIT = """<testsuites><testsuite>
<testcase classname="tests.faults.test_kill_ingest" name="test_sigkill_mid_ingest[0]"/>
<testcase classname="tests.faults.test_kill_ingest" name="test_sigkill_mid_ingest[1]"><failure message="x"/></testcase>
<testcase classname="tests.security.test_xss_sweep" name="test_payload[3]"/>
<testcase classname="tests.security.test_headers" name="test_csp"><skipped/></testcase>
<testcase classname="tests.security.test_cors_rules" name="test_preflight"><error message="boom"/></testcase>
</testsuite></testsuites>"""


def test_tally_counts_cases_per_area_and_skips_skipped() -> None:
    counts = tally(JUNIT)
    assert counts["SIGKILL at random points of an ingest"] == [2, 1]
    assert counts["XSS payloads in the UI and the widget"] == [1, 1]
    assert counts["cors rules"] == [1, 0] and "headers" not in counts


def test_report_has_a_row_per_area_and_a_total() -> None:
    report = render(tally(JUNIT), "advisor bench --security")
    assert "| SIGKILL at random points of an ingest | 2 | 1 |" in report
    assert "| **all** | **4** | **2** |" in report and "never edited by hand" in report
