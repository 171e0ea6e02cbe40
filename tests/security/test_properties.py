"""Hypothesis properties of the cleaner, the chunker, the citation checker and the renderer, on hostile text."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from advisor.chunking import chunk_document
from advisor.citations import MARKER, check_answer
from advisor.clean import FENCED_BLOCK, ZERO_WIDTH, clean_markdown
from advisor.schema import Answer, Citation, Passage, PassageContext, SourceDoc
from advisor.serve.render import answer_markdown, escape_markdown, safe_url, streaming_markdown, viewer_markdown

# Pieces that stress Markdown, HTML and our own markers, mixed with ordinary words and line structure.
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "![i](http://evil.example/i.png)",
           "[x](javascript:alert(1))", "<!-- hidden -->", "\u200b", "\u202e", "[1]", "[99]", "**", "_", "`",
           "# ", "## ", "- ", "1. ", "| a | b |", "```", "\\", "&lt;", "<", ">", "(", ")", "\r\n", "\n", "\n\n",
           "javascript:", "http://evil.example/", '"', "'", "&#106;avascript:"]
WORDS = ["machine", "learning", "engineer", "salary", "Python", "degree", "The", "skills", "is", "a", ".", ",",
         "$150,000", "years", "!", "?"]
text = st.lists(st.sampled_from(HOSTILE + WORDS) | st.text(max_size=6), max_size=60).map(" ".join)
PROSE = st.lists(st.sampled_from([*WORDS, "\n", "\n\n", "## Section\n\n", "- item one\n", "| x | y |\n"]),
                 min_size=1, max_size=200).map(" ".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": False}).render(markdown)


def live_tags(html: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<([a-zA-Z][\w-]*)", html)}


@FAST
@given(text)
@example(raw="``` <script>alert(1)</script> \r\n ```")  # a fence's info string, kept verbatim, rendered escaped
def test_cleaner_leaves_no_markup_images_or_invisible_characters(raw: str) -> None:
    body, _url = clean_markdown(raw)
    assert not ZERO_WIDTH.search(body)
    # Code blocks are kept verbatim (a guide's example may show a <script> tag or image syntax): what counts is what
    # renders. Hypothesis found a fence whose info string held a script: kept as text, escaped when rendered.
    prose = FENCED_BLOCK.sub("", body)
    assert "<script" not in prose.lower() and "onerror=" not in prose and "<!--" not in prose
    html = html_of(body)
    assert not live_tags(html) & {"script", "style", "img", "a", "iframe"}
    assert "<!--" not in html and "<img" not in html and "<a " not in html
    assert clean_markdown(body)[0] == body  # cleaning is idempotent


@FAST
@given(PROSE, st.integers(min_value=120, max_value=900))
def test_chunks_map_back_and_cover_the_text_once(body: str, max_chars: int) -> None:
    doc = SourceDoc(doc_id="d", title="T", text=clean_markdown(body)[0])
    chunks = chunk_document(doc, max_chars=max_chars)
    for c in chunks:
        assert doc.text[c.start:c.end] == c.text  # offsets map back
    spans = sorted((c.start, c.end) for c in chunks)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start  # nothing duplicated
    covered = "".join(doc.text[s:e] for s, e in spans)
    assert re.sub(r"\s+", "", covered) == re.sub(r"\s+", "", doc.text)  # nothing lost (whitespace aside)
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def _passages(texts: list[str]) -> list[Passage]:
    return [Passage(chunk_id=f"c{i}", text=t, title="T", section="S", publisher="P", url="", doc_id="d", score=1.0)
            for i, t in enumerate(texts)]


@FAST
@given(text, st.lists(text, min_size=1, max_size=4))
def test_citation_checker_keeps_only_markers_that_name_passages(answer: str, texts: list[str]) -> None:
    cleaned, used = check_answer(answer, _passages(texts))
    cited = {int(n) for n in MARKER.findall(cleaned)}
    assert cited == set(used) and all(1 <= n <= len(texts) for n in cited)
    assert check_answer(cleaned, _passages(texts))[0] == cleaned  # checking twice changes nothing


@FAST
@given(text, st.lists(st.integers(min_value=1, max_value=5), max_size=3), text)
@example(body="<script>alert(1)</script> \r\n - ", ns=[], notice="")  # an empty item made a setext heading
@example(body="0\r=", ns=[], notice="")  # "=" under a line (a lone carriage return ends one) made a heading
def test_rendered_answers_have_only_our_chips_as_markup(body: str, ns: list[int], notice: str) -> None:
    cites = tuple(Citation(n, p) for n, p in zip(sorted(set(ns)), _passages(["x"] * 5), strict=False))
    out = html_of(answer_markdown(Answer(text=body, citations=cites, notice=notice)))
    assert live_tags(out) <= {"p", "a", "em", "ul", "li", "strong", "br"}
    assert live_tags(html_of(streaming_markdown(body))) <= {"p", "ul", "li", "br"}
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert all(h.startswith("#cite-c") for h in hrefs)
    assert len(hrefs) <= len(MARKER.findall(body))


@FAST
@given(text, text, text, text)
def test_viewer_escapes_every_guide_field(body: str, title: str, url: str, around: str) -> None:
    p = Passage(chunk_id="c", text=body, title=title, section=title, publisher=title, url=url, doc_id="d", score=1)
    out = html_of(viewer_markdown(PassageContext(p, around, around)))
    assert live_tags(out) <= {"p", "a", "em", "ul", "li", "strong", "h3", "blockquote", "br", "hr"}
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert len(hrefs) <= 1 and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert not hrefs or safe_url(url)


@FAST
@given(text)
def test_escaped_text_renders_as_itself(raw: str) -> None:
    line = " ".join(raw.split())
    out = html_of(escape_markdown(line))
    assert live_tags(out) <= {"p"}
