"""`advisor eval` end to end on the fixture question set, with fake embeddings over the shipped guides."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.cli import main

from .conftest import CORPUS, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "eval_questions"


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from advisor.config import get_settings

    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADVISOR_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("ADVISOR_EMBEDDING_MODEL", "fake")
    get_settings.cache_clear()
    assert main(["ingest"]) == 0
    yield
    get_settings.cache_clear()


def test_eval_prints_both_splits_and_writes_reports(indexed: None, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    capsys.readouterr()
    assert main(["eval", "--questions", str(FIXTURES), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| system | hit@1 dev | hit@1 test |" in printed
    assert "| LangChain tutorial baseline |" in printed and "| dense only |" in printed
    assert "| metric | aim | extractive answerer dev | extractive answerer test | fake LLM (harness check) dev |" \
        in printed
    for name in ("persona invariance", "near-domain false answers", "wrong declines", "missing detail asked"):
        assert f"| {name} |" in printed
    # The guides only compare the two roles (partial, as expected) and "is this plan good?" is asked back:
    # neither is listed among the misses.
    assert "`become-data-scientist` (answerable outcome" not in printed
    assert "`plan-good` (missing detail asked" not in printed
    assert printed.startswith((out / "retrieval.md").read_text())
    assert (out / "answers.md").read_text() in printed
    for chart in ("retrieval.png", "answers.png"):
        assert (out / chart).read_bytes()[:4] == b"\x89PNG"


def test_eval_one_split_and_retrieval_only(indexed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["eval", "--questions", str(FIXTURES), "--out", str(tmp_path / "r"), "--split", "test",
                 "--retrieval-only"]) == 0
    printed = capsys.readouterr().out
    assert "| hit@1 test | hit@5 test |" in printed and "hit@1 dev" not in printed and "[dev]" not in printed
    assert "# Answer evaluation" not in printed and not (tmp_path / "r" / "answers.md").exists()


def test_eval_names_a_bad_question_file_without_a_traceback(indexed: None, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "injections.yaml").write_text("questions:\n  - {id: x, question: hi}\n")
    capsys.readouterr()
    assert main(["eval", "--questions", str(tmp_path / "q"), "--out", str(tmp_path / "r")]) == 6
    err = capsys.readouterr().err
    assert "injections.yaml: id 'x': source: Field required" in err and "Traceback" not in err


def test_eval_with_distractor_folders_uses_a_temporary_index(indexed: None, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from advisor import build_advisor

    extra = tmp_path / "distractors"
    extra.mkdir()
    for i in range(3):
        (extra / f"d{i}.md").write_text(f"# Gardening {i}\n\nTomatoes need sun, water and patience in spring {i}.\n")
    before = build_advisor().index.count()
    capsys.readouterr()
    assert main(["eval", "--questions", str(FIXTURES), "--out", str(tmp_path / "r"), "--retrieval-only",
                 "--corpus", str(extra)]) == 0
    captured = capsys.readouterr()
    assert "7 documents, 88 chunks" in captured.err  # the 4 guides and the 3 distractors, indexed together
    assert "| advisor (hybrid) |" in captured.out
    assert build_advisor().index.count() == before  # the configured index is left as it was
