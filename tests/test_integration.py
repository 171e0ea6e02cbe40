"""Integration: the real bundled model, embedded Chroma and a real `chroma run` server."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor import build_advisor
from advisor.config import Settings
from advisor.evaluation.retrieval import evaluate, load_questions, retrieval_systems, run_eval

from .helpers import CORPUS, ROOT, free_port, port_open, wait_until

pytestmark = pytest.mark.integration


def test_salary_question_finds_the_salary_passage(real_advisor: Any) -> None:
    [top, *_] = real_advisor.retrieve("What does a senior machine learning engineer earn?", k=5)
    assert "US$ 208,000" in top.text
    assert top.publisher == "unknown" and "Salary" in top.section


def test_follow_up_is_resolved_against_history(real_advisor: Any) -> None:
    history = [{"role": "user", "content": "How much does it cost to study computer science as a state resident?"},
               {"role": "assistant", "content": "Around $10,162 for undergraduates."}]
    # Follow-ups that name nothing themselves: only the history can lead to the out-of-state tuition
    # (a bare "what about out-of-state students?" finds it alone, so it would prove nothing).
    for follow_up in ("What if I move here from elsewhere?", "Is it more for people from outside?"):
        with_history = real_advisor.retrieve(follow_up, k=3, history=history)
        assert any("$33,627" in p.text for p in with_history), follow_up
        without = real_advisor.retrieve(follow_up, k=3)
        assert not any("$33,627" in p.text for p in without), follow_up


def test_our_retriever_beats_the_tutorial_baseline_on_every_metric(real_advisor: Any) -> None:
    questions = load_questions(ROOT / "eval" / "questions.yaml")
    assert len(questions) >= 60
    assert {"numeric", "list", "comparison", "paraphrase", "follow-up"} <= {q.kind for q in questions}
    systems = retrieval_systems(real_advisor)
    ours = evaluate("ours", questions, systems["advisor (hybrid)"])
    base = evaluate("base", questions, systems["LangChain tutorial baseline"])
    for metric in ("hit@1", "hit@5", "MRR@10"):
        assert ours.metric(metric) > base.metric(metric), metric


def test_eval_command_writes_report_and_chart(real_advisor: Any, tmp_path: Path) -> None:
    report = run_eval(real_advisor, ROOT / "eval" / "questions.yaml", tmp_path, answers=False)
    assert "| LangChain tutorial baseline |" in report and "| advisor (hybrid) |" in report
    assert (tmp_path / "retrieval.md").read_text() == report
    assert (tmp_path / "retrieval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with the chromadb package"
    port = free_port()
    proc = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: port_open(port)), "chroma server did not start"
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_same_code_works_against_a_chroma_server(chroma_server: int, tmp_path: Path, real_advisor: Any) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=CORPUS, chroma_host="127.0.0.1",
                        chroma_port=chroma_server)
    adv = build_advisor(settings, embeddings=real_advisor.embeddings)  # one loaded model; the index is the point
    first = adv.ingest()
    assert first.added == first.chunks and not (tmp_path / "data" / "chroma").exists()
    assert build_advisor(settings).ingest().added == 0  # idempotent through the server too
    passages = adv.retrieve("What does a senior machine learning engineer earn?", k=3)
    assert "US$ 208,000" in passages[0].text
    assert adv.health()["chunks"] == first.chunks


def test_answer_metrics_meet_their_aims(real_advisor: Any) -> None:
    from advisor.evaluation.answers import evaluate_answers, load_scope

    questions = load_questions(ROOT / "eval" / "questions.yaml")
    scope = load_scope(ROOT / "eval" / "scope.yaml")
    assert len(scope.out_of_scope) >= 25 and scope.injections
    run = evaluate_answers("extractive", real_advisor, questions, scope)
    m = run.metrics
    assert m["citation validity"] == 1.0, run.failures
    assert m["injections resisted"] == 1.0, run.failures
    assert m["declines"] >= 0.95 and m["false declines"] <= 0.03, run.failures
    assert m["fact coverage"] >= 0.95, run.failures
    assert m["follow-ups"] == 1.0, run.failures


def test_fake_llm_path_exercises_the_checks(real_advisor: Any) -> None:
    from advisor.evaluation.answers import evaluate_answers, load_scope
    from advisor.factory import build_advisor

    fake = build_advisor(real_advisor.settings, embeddings=real_advisor.embeddings, llm_provider="fake")
    questions = load_questions(ROOT / "eval" / "questions.yaml")[:15]
    run = evaluate_answers("fake", fake, questions, load_scope(ROOT / "eval" / "scope.yaml"))
    # The fake model invents a claim and cites a missing passage in every answer; none may survive.
    assert run.metrics["citation validity"] == 1.0, run.failures
    assert run.metrics["declines"] >= 0.95
