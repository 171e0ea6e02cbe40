"""Everything rendered from guides goes through one escaping path: no live markup, no fake citation chips."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from advisor import build_advisor
from advisor.config import Settings
from advisor.schema import Passage, PassageContext
from advisor.serve.render import answer_markdown, safe_url, viewer_markdown

BAD_URLS = [
    "https://ok.example/\n![x](http://evil.example/t.png)\n[click](http://evil.example/c)",
    "https://ok.example/\r\n<img src=http://evil.example/i.png>",
    "https://ok.example/a)\n[x](javascript:alert(1))",
    "https://ok.example/\u2028[x](http://evil.example/)",
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://user@evil.example/",
    "https://ok.example/\t\"onmouseover=\"alert(1)",
]


def html_of(markdown: str) -> str:
    """What a CommonMark renderer (Gradio uses markdown-it) makes of the Markdown, raw HTML disabled."""
    return MarkdownIt("commonmark", {"html": False}).render(markdown)


def _passage(text: str, url: str = "https://ok.example/guide", title: str = "T") -> Passage:
    return Passage(chunk_id="c1", text=text, title=title, section="S", publisher="P", url=url, doc_id="d",
                   score=1.0)


def test_urls_with_hidden_newlines_or_markup_are_refused_after_normalisation() -> None:
    for url in BAD_URLS:
        assert safe_url(url) == "", url
    assert safe_url("https://ok.example/a(b)c") == "https://ok.example/a%28b%29c"


def test_viewer_never_renders_an_image_or_a_second_link_from_a_url() -> None:
    for url in [*BAD_URLS, "https://ok.example/a(b)[c]<d>"]:
        out = html_of(viewer_markdown(PassageContext(_passage("Plain text.", url), "", "")))
        assert "<img" not in out and "evil.example" not in re.sub(r"&[a-z]+;|\\", "", "".join(
            re.findall(r'href="([^"]*)"', out)))
        assert len(re.findall(r"<a ", out)) <= 1, out


def test_guide_text_never_becomes_markup_in_the_viewer() -> None:
    text = ("![x](http://evil.example/i.png) [link](http://evil.example/) <script>alert(1)</script> "
            "<img src=x onerror=alert(1)> **bold** [1] and [2]")
    out = html_of(viewer_markdown(PassageContext(_passage(text, title="<b>t</b>"), text, text)))
    assert "<img" not in out and "<script" not in out and 'href="http://evil' not in out
    assert "<b>t</b>" not in out and 'class="cite"' not in out


def test_guide_markers_never_become_citation_chips(corpus_copy: Path,
                                                   make_settings: Callable[..., Settings]) -> None:
    (corpus_copy / "refs.md").write_text(
        "---\ntitle: Core skills of a machine learning engineer\n---\n# Core skills\n\n## What skills do I need?\n\n"
        "As shown in [1] and [2], Python and statistics are the core skills every machine learning engineer "
        "needs to learn first.\n", "utf-8")
    adv = build_advisor(make_settings(corpus_dir=corpus_copy))
    adv.ingest()
    answer = adv.ask("What core skills does a machine learning engineer need to learn first?")
    assert any(c.passage.doc_id == "refs" for c in answer.citations), answer.text
    assert "[1] and [2]" not in answer.text and "(1) and (2)" in answer.text
    ours = len(re.findall(r"\[\d+\]", answer.text))
    assert answer_markdown(answer).count('class="cite"') == ours


def test_front_matter_url_with_newlines_is_dropped_at_ingest(corpus_copy: Path,
                                                             make_settings: Callable[..., Settings]) -> None:
    (corpus_copy / "bad-url.md").write_text(
        '---\ntitle: Salary notes\nurl: "https://ok.example/\\n![x](http://evil.example/t.png)"\n---\n'
        "# Salary notes\n\nA machine learning engineer earns a good salary in most countries today.\n", "utf-8")
    adv = build_advisor(make_settings(corpus_dir=corpus_copy))
    adv.ingest()
    chunks = [c for c in adv.index.all_chunks() if c.doc_id == "bad-url"]
    assert chunks and all(c.url == "" for c in chunks)
