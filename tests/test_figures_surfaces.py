"""Figures with date and source end to end (fake embeddings): ingest and index, Advisor, API, /v1, CLI, render."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt

from advisor import build_advisor
from advisor.cli import main
from advisor.config import Settings
from advisor.core import Advisor
from advisor.ingest import read_corpus
from advisor.schema import STALE_LABEL, UNDATED_LABEL, Answer, Chunk, Citation, Figure, Passage
from advisor.serve.app import create_app
from advisor.serve.render import answer_markdown

SALARY_GUIDE = "what-is-a-machine-learning-engineer-and-how-to-become-one.md"
SALARY_Q = "What is the entry-level salary according to Glassdoor?"
HOSTILE = "<img src=x onerror=alert(1)>"


def date_guide(corpus: Path, as_of: str) -> None:
    """Give the salary guide an `as_of` line in its front matter."""
    path = corpus / SALARY_GUIDE
    path.write_text(path.read_text("utf-8").replace("publisher: unknown\n", f"publisher: unknown\nas_of: {as_of}\n"))


@pytest.fixture
def adv(corpus_copy: Path, make_settings: Callable[..., Settings]) -> Advisor:
    date_guide(corpus_copy, '"2022"')
    a = build_advisor(make_settings(), today=lambda: date(2026, 3, 1))
    a.ingest()
    return a


def check_grounded(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every figure names a citation of the answer whose passage holds its value verbatim."""
    by_n = {c["n"]: c for c in data["citations"]}
    for f in data["figures"]:
        assert f["n"] in by_n and f["chunk_id"] == by_n[f["n"]]["chunk_id"] and f["value"] in by_n[f["n"]]["text"]
        assert f["value"] in data["answer"]
    return list(data["figures"])


def test_front_matter_as_of_reaches_chunks(corpus_copy: Path) -> None:
    date_guide(corpus_copy, "2024-05-01")  # YAML reads this as a date
    docs = {d.doc_id: d for d in read_corpus(corpus_copy).docs}
    assert docs[SALARY_GUIDE.removesuffix(".md")].as_of == "2024-05-01"
    assert docs["machine-learning-career-guide-simplilearn"].as_of == "2024"
    assert docs["machine-learning-engineer-career-ucsd"].as_of == ""  # no as_of: none invented
    chunks = read_corpus(corpus_copy).chunks(900)
    assert {c.as_of for c in chunks if c.doc_id == "machine-learning-career-guide-simplilearn"} == {"2024"}


def test_an_index_built_without_as_of_still_answers_and_gains_it_on_ingest(
        corpus_copy: Path, make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch) -> None:
    real = Chunk.metadata
    with monkeypatch.context() as m:  # the index as older code wrote it: no as_of key at all
        m.setattr(Chunk, "metadata", lambda self: {k: v for k, v in real(self).items() if k != "as_of"})
        old = build_advisor(make_settings())
        first = old.ingest()
    assert "as_of" not in next(iter(old.index.stored().values()))
    adv = build_advisor(make_settings())
    assert {p.as_of for p in adv.retrieve("machine learning career guide", k=20)} == {""}
    assert adv.ask(SALARY_Q).figures  # figures still come, dated unknown
    again = adv.ingest()
    assert again.added == 0 and again.updated == first.chunks  # metadata only: nothing re-embedded
    assert "2024" in {c.as_of for c in adv.index.all_chunks()}


def test_ask_fills_figures_dated_by_the_injected_clock(adv: Advisor, corpus_copy: Path,
                                                      make_settings: Callable[..., Settings]) -> None:
    answer = adv.ask(SALARY_Q)
    by_value = {f.value: f for f in answer.figures}
    entry = by_value["US$ 118,000"]
    assert (entry.kind, entry.source, entry.publisher, entry.as_of, entry.stale) == \
        ("salary", "Glassdoor", "unknown", "2022", True)
    assert entry.label == f"US$ 118,000 — Glassdoor, as of 2022 ({STALE_LABEL}) [{entry.n}]"
    fresh = build_advisor(make_settings(figure_max_age_years=5), today=lambda: date(2026, 3, 1))
    assert not any(f.stale for f in fresh.ask(SALARY_Q).figures)  # the setting moves the limit
    declined = adv.ask("What is the weather on Mars tomorrow?")
    assert declined.refused and declined.figures == ()


def test_api_chat_json_and_stream_carry_figures(adv: Advisor) -> None:
    client = TestClient(create_app(adv, ui=False))
    data = client.post("/api/chat", json={"message": SALARY_Q}).json()
    found = check_grounded(data)
    assert {"US$ 118,000", "US$ 208,000"} <= {f["value"] for f in found}
    assert all(set(f) == {"value", "kind", "source", "publisher", "as_of", "stale", "chunk_id", "n", "caption",
                          "label"} for f in found)
    assert any(f["source"] == "Glassdoor" and f["as_of"] == "2022" and f["stale"] for f in found)
    assert all(c["as_of"] == "2022" for c in data["citations"] if c["doc_id"] == SALARY_GUIDE.removesuffix(".md"))
    r = client.post("/api/chat", json={"message": SALARY_Q, "stream": True})
    final = json.loads(r.text.strip().split("\n\n")[-1].split("data: ", 1)[1])
    assert final["figures"] == data["figures"]


def test_openai_completion_lists_figures_in_text_and_field(adv: Advisor) -> None:
    client = TestClient(create_app(adv, ui=False))
    body = {"messages": [{"role": "user", "content": SALARY_Q}]}
    data = client.post("/v1/chat/completions", json=body).json()
    content = data["choices"][0]["message"]["content"]
    assert data["figures"] and "\n\nFigures:\n" in content
    assert all(f"- {f['label']}" in content for f in data["figures"])
    stream = client.post("/v1/chat/completions", json={**body, "stream": True}).text
    chunks = [json.loads(line[6:]) for line in stream.splitlines() if line.startswith("data: {")]
    assert chunks[-1]["figures"] == data["figures"]
    assert "Figures:" in "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)


def test_cli_ask_prints_figures_and_json_has_them(corpus_copy: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADVISOR_CORPUS_DIR", str(corpus_copy))
    monkeypatch.setenv("ADVISOR_EMBEDDING_MODEL", "fake")
    assert main(["ingest"]) == 0
    capsys.readouterr()
    assert main(["ask", SALARY_Q]) == 0
    out = capsys.readouterr().out
    answer, _, rest = out.partition("\nFigures:\n")
    assert "US$ 118,000" in answer and "Sources:" in rest  # under the answer, before the sources
    assert f"US$ 118,000 — Glassdoor, {UNDATED_LABEL} [" in rest.split("Sources:")[0]  # this guide has no as_of
    assert main(["ask", SALARY_Q, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(f["value"] == "US$ 118,000" for f in check_grounded(data))


def test_render_lists_figures_escaped_with_chips() -> None:
    p = Passage(chunk_id="c1", text="Seniors earn US$ 208,000.", title="T", section="S", publisher=HOSTILE,
                url="", doc_id="d", score=1.0)
    fig = Figure(value="US$ 208,000", kind="salary", source=f"{HOSTILE} **x** [2](http://evil.example)",
                 publisher=HOSTILE, as_of="2021", stale=True, chunk_id="c1", n=1)
    # Raw HTML enabled, as a chat renderer allows it for the chips: only our own markup may come through.
    html = MarkdownIt("commonmark", {"html": True}).render(answer_markdown(
        Answer(text="Seniors earn US$ 208,000. [1]", citations=(Citation(1, p),), figures=(fig,))))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert re.findall(r'href="([^"]*)"', html) == ["#cite-c1", "#cite-c1"] and "<strong>x" not in html
    assert "<strong>Figures</strong>" in html and STALE_LABEL in html and "as of 2021" in html
    assert html.count('class="cite"') == 2  # the answer's marker and the figure's: the fake [2] stays text
    assert "Figures" not in answer_markdown(Answer(text="No figures here. [1]", citations=(Citation(1, p),)))
