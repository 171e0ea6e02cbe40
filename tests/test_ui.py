"""The Gradio UI's handlers, driven directly with a small fake advisor (no server, no browser)."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from advisor.config import Settings
from advisor.errors import InvalidQuestionError, NotFoundError
from advisor.feedback import FeedbackStore
from advisor.schema import Answer, Citation, Passage, PassageContext, Turn
from advisor.serve.ui import VIEWER_EMPTY, ChatUI

SALARY = Passage(chunk_id="c1", text="Senior engineers earn US$ 208,000.", title="Salary guide",
                 section="Pay > Senior", publisher="Pub", url="https://example.com/pay", doc_id="d", score=1.0)
HIDDEN = {"__type__": "update", "visible": False}


class FakeAdvisor:
    """Streams a canned answer in two pieces and records what the UI passed in."""

    def __init__(self, settings: Settings, feedback: FeedbackStore) -> None:
        self.settings = settings
        self.feedback = feedback
        self.histories: list[list[Turn]] = []
        self.profiles: list[dict[str, object] | None] = []

    def stream(self, question: str, history: Sequence[Turn] | None = None,
               profile: Mapping[str, object] | None = None) -> Iterator[str | Answer]:
        self.histories.append(list(history or []))
        self.profiles.append(dict(profile) if profile else None)
        if question == "bad":
            raise InvalidQuestionError("The question is <b>bad</b>.")
        yield "Senior engineers earn "
        yield "US$ 208,000. [1]"
        yield Answer(text="Senior engineers earn US$ 208,000. [1]", citations=(Citation(1, SALARY),),
                     follow_ups=("How long does it take?", "Do I need a degree?"))

    def passage(self, chunk_id: str) -> PassageContext:
        if chunk_id != "c1":
            raise NotFoundError(f"No passage with id '{chunk_id}'.")
        return PassageContext(SALARY, "Before it.", "After it.")

    def fit_history(self, history: Sequence[Turn]) -> list[Turn]:
        return list(history)[-2:]  # the fake keeps one exchange, so trimming is visible


def steps(outputs: Iterator[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Each yielded update as it was when yielded (the handler reuses its chat list, as Gradio allows)."""
    return [copy.deepcopy(o) for o in outputs]


@pytest.fixture
def fake(tmp_path: Path) -> FakeAdvisor:
    return FakeAdvisor(Settings(data_dir=tmp_path, embedding_model="fake"), FeedbackStore(tmp_path / "fb.sqlite3"))


def test_respond_streams_then_fills_sources_follow_ups_and_turns(fake: FakeAdvisor) -> None:
    first, *streaming, last = steps(ChatUI(fake).respond("  What do seniors earn?  ", [], []))
    assert first[0][-1] == {"role": "assistant", "content": "…"} and first[1] == ""
    assert [s[0][-1]["content"] for s in streaming] == [  # escaped while streaming: no live Markdown
        "Senior engineers earn ", "Senior engineers earn US$ 208,000\\. \\[1\\]"]
    chat, box, turns, sources, b1, b2, b3, viewer = last
    assert 'href="#cite-c1"' in chat[-1]["content"]  # the final render turns [1] into a chip
    assert turns == [{"question": "What do seniors earn?", "answer": "Senior engineers earn US$ 208,000. [1]",
                      "chunk_ids": ["c1"]}]
    assert sources["choices"] == [("[1] Salary guide › Pay > Senior", "c1")] and sources["visible"]
    assert b1["value"] == "How long does it take?" and b2["value"] == "Do I need a degree?" and b3 == HIDDEN
    assert viewer == VIEWER_EMPTY and box == ""


def test_respond_sends_the_filled_about_you_boxes_and_keeps_none(fake: FakeAdvisor) -> None:
    ui = ChatUI(fake)
    list(ui.respond("how do I start?", [], [], "teacher", "", "  ", "", "Kenya", ""))
    list(ui.respond("and then?", [], []))
    assert fake.profiles == [{"current": "teacher", "country": "Kenya"}, None]
    assert not any("teacher" in repr(v) for v in vars(ui).values())  # nothing about the person is kept


def test_respond_passes_trimmed_history(fake: FakeAdvisor) -> None:
    ui = ChatUI(fake)
    turns = [{"question": f"q{i}", "answer": f"a{i}", "chunk_ids": []} for i in range(3)]
    list(ui.respond("and then?", [], turns))
    assert fake.histories == [[{"role": "user", "content": "q2"}, {"role": "assistant", "content": "a2"}]]


def test_empty_message_does_nothing_and_errors_are_shown_escaped(fake: FakeAdvisor) -> None:
    ui = ChatUI(fake)
    [(chat, box, turns, *rest)] = list(ui.respond("   ", [], []))
    assert chat == [] and box == "" and turns == [] and all(r == gr.skip() for r in rest) and not fake.histories
    *_, (chat, _, turns, *_) = list(ui.respond("bad", [], []))
    assert chat[-1]["content"] == "The question is &lt;b&gt;bad&lt;/b&gt;\\." and turns == []


def test_open_passage_renders_the_viewer_or_says_why_not(fake: FakeAdvisor) -> None:
    ui = ChatUI(fake)
    shown = ui.open_passage("c1")
    assert "Salary guide" in shown and "> Senior engineers earn" in shown and "Before it" in shown
    assert ui.open_passage(None) == VIEWER_EMPTY
    assert "No passage with id" in ui.open_passage("nope")


def test_like_and_comment_are_stored(fake: FakeAdvisor) -> None:
    ui = ChatUI(fake)
    turns = [{"question": "q", "answer": "a [1]", "chunk_ids": ["c1"]}]
    fid, box, button, note, reasons = ui.like(turns, gr.LikeData(None, {"index": 1, "value": "a", "liked": False}))
    assert box["visible"] and button["visible"] and "Thanks" in note and reasons["visible"]
    assert ui.comment(None, "x")[2].startswith("Rate an answer")
    assert ui.comment(fid, "  too short ")[2] == "Comment saved. Thank you!"
    [row] = fake.feedback.rows()
    assert row["rating"] == -1 and row["comment"] == "too short" and row["chunk_ids"] == ["c1"]
    out_of_range = ui.like(turns, gr.LikeData(None, {"index": 7, "value": "a", "liked": True}))
    assert out_of_range == (gr.skip(),) * 5 and len(fake.feedback.rows()) == 1


def test_clear_resets_every_output(fake: FakeAdvisor) -> None:
    out = ChatUI.clear()
    chat, box, turns, sources, *buttons, viewer, fid, comment, comment_send, note, reasons = out
    assert chat == [] and box == "" and turns == [] and fid is None and note == ""
    assert reasons == HIDDEN | {"value": None}
    assert sources["choices"] == [] and not sources["visible"] and all(b == HIDDEN for b in buttons)
    assert viewer == VIEWER_EMPTY and not comment["visible"] and comment_send == HIDDEN


def test_build_wires_the_handlers(fake: FakeAdvisor) -> None:
    demo = ChatUI(fake).build()
    names = {getattr(fn.fn, "__name__", "") for fn in demo.fns.values()}
    assert {"respond", "open_passage", "like", "comment", "clear", "reason"} <= names
