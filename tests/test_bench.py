"""`advisor bench --quick` prints every field; its helpers measure what they say. No timing assertions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.evaluation.bench import edit_one_guide, question_pool
from advisor.evaluation.bench_load import percentiles

ROOT = Path(__file__).resolve().parent.parent


def test_percentiles_nearest_rank() -> None:
    xs = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert percentiles(xs) == {"p50_ms": 51.0, "p95_ms": 96.0, "p99_ms": 100.0}
    assert percentiles([]) == {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}


def test_question_pool_is_varied() -> None:
    pool = question_pool(200, ROOT / "eval" / "questions")
    assert len(pool) == 200
    assert len(set(pool)) == 200  # no repeated text: caches cannot flatter the figures


def test_edit_one_guide_changes_one_line(tmp_path: Path) -> None:
    (tmp_path / "small.md").write_text("# S\n\n" + "short words here and there, enough of them to be prose.\n" * 3)
    big = tmp_path / "big.md"
    lines = [f"Line {i} of a long guide with enough words in it to count as a line of prose." for i in range(9)]
    big.write_text("# Big\n\n" + "\n".join(lines) + "\n")
    assert edit_one_guide(tmp_path) == big
    after = big.read_text().splitlines()[2:]
    assert sum(a != b for a, b in zip(after, lines, strict=True)) == 1


def test_quick_bench_prints_every_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("ADVISOR_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADVISOR_SUBJECT", "machine learning engineer")  # every question searched twice: timed so
    before = {p: p.read_bytes() for p in (ROOT / "corpus").iterdir()}
    out = tmp_path / "out"
    assert main(["bench", "--quick", "--queries", "6", "--load-seconds", "0.5", "--out", str(out)]) == 0
    r = json.loads((out / "bench.json").read_text())
    assert {"ingest_vs_raw_encoder", "ingest_vs_tutorial", "unchanged_vs_cold", "raw_encoder_s", "cold_s",
            "chunks", "documents"} <= r["ingest"].keys()
    assert r["ingest"]["chunks"] > 0 and r["ingest"]["cold_s"] > 0
    assert r["ingest"]["answer_texts"] > r["ingest"]["chunks"]  # each chunk's sentences, saved for answers
    assert set(r["latency"]) == {"tutorial_retrieval", "retrieval", "answer"}
    for row in r["latency"].values():
        assert row["n"] == 6 and row["errors"] == 0
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
    assert [row["clients"] for row in r["load"]] == [8, 32, 64]
    for row in r["load"]:
        assert row["requests"] > 0 and row["errors"] == 0, row
    assert r["edit_one_guide"]["embedded"] >= 1  # the edited chunk, and not the whole corpus
    assert r["edit_one_guide"]["embedded"] < r["ingest"]["chunks"]
    assert 1 <= r["edit_one_guide"]["texts_embedded"] < r["ingest"]["answer_texts"]
    assert r["cold_start_s"] > 0 and r["serve_peak_rss_mb"] > 0
    assert r["warm_up_requests"] == 3  # the served advisor answered its warm-up questions before the load
    md = (out / "bench.md").read_text()
    assert r["subject"] == "machine learning engineer" and "subject: machine learning engineer" in md
    assert md.strip() in capsys.readouterr().out
    for label in ("cold ingest vs raw encoder", "unchanged re-ingest", "one guide edited", "retrieval", "answer",
                  "64 clients", "Cold start", "Peak RSS"):
        assert label in md
    assert {p: p.read_bytes() for p in (ROOT / "corpus").iterdir()} == before  # the bench edits a copy
