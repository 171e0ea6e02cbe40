"""Rendering untrusted text (guides, questions, model output) for the UI: escaped, only our own markup live."""

from __future__ import annotations

from advisor.schema import Passage
from advisor.serve.render import escape_markdown


def test_markup_in_corpus_text_is_escaped() -> None:
    hostile = '<script>alert(1)</script> ![x](http://evil.example/p.png) [click](javascript:alert(1))'
    out = escape_markdown(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "![" not in out and "](" not in out


def test_answer_markdown_escapes_text_and_keeps_only_our_chips() -> None:
    from advisor.schema import Answer, Citation, PassageContext
    from advisor.serve.render import answer_markdown, viewer_markdown

    p = Passage(chunk_id="abc", text="x", title="T", section="S", publisher="P", url="javascript:alert(1)",
                doc_id="d", score=1.0)
    md = answer_markdown(Answer(text="<img src=x onerror=alert(1)> pay [1]\n- item **b** [1] [7]\n_Next: q_",
                                citations=(Citation(1, p),)))
    assert "<img" not in md and "&lt;img" in md
    assert md.count('href="#cite-abc"') == 2 and "[7]" not in md  # unknown markers are dropped
    assert "\\*\\*b\\*\\*" in md  # even Markdown emphasis from a guide stays literal
    view = viewer_markdown(PassageContext(p, before="## Head\n\n<b>before</b>", after="- after"))
    assert "javascript" not in view and "No link to the original" in view
    assert "&lt;b&gt;before&lt;/b&gt;" in view and "> x" in view
