"""Cleaning rules: noise out, wording and structure kept."""

from __future__ import annotations

from pathlib import Path

from advisor.clean import (
    clean_markdown,
    cut_at_end_of_article,
    detect_headings,
    drop_empty_sections,
    drop_noise_lines,
    drop_promotions,
    drop_related_links,
    drop_table_of_contents,
    normalize,
    strip_markdown_markup,
    strip_mdx,
)
from advisor.ingest import load_document


def test_ad_markers_breadcrumbs_and_also_read_lines_are_dropped() -> None:
    text = "\n".join([
        "Caltech Bootcamp / Blog / /", "1080*80 ad", "Real sentence one.", "",
        "Also Read: Are Machine Learning and Data Science the Same?", "900 x 80 ad", "Advertisement",
        "Real sentence two.",
    ])
    out, url = drop_noise_lines(text)
    assert "Real sentence one." in out and "Real sentence two." in out
    for noise in ("Caltech Bootcamp /", "ad\n", "Also Read", "Advertisement", "900 x 80"):
        assert noise not in out + "\n"
    assert url == ""


def test_source_line_becomes_the_url() -> None:
    out, url = drop_noise_lines("Body text here.\n\nSource: https://example.org/guide\n")
    assert url == "https://example.org/guide"
    assert "Source:" not in out


def test_noise_rules_leave_code_blocks_alone() -> None:
    text = "```\n1080*80 ad\nAlso Read: x\n```\n"
    assert drop_noise_lines(text)[0] == text


def test_comment_form_ends_the_article() -> None:
    body = "\n\n".join(f"Paragraph {i} of the guide." for i in range(6))
    text = body + "\n\nLeave a Comment\n\nYour email address will not be published.\n\nMore posts"
    out = cut_at_end_of_article(text)
    assert out.rstrip().endswith("Paragraph 5 of the guide.")


def test_related_links_block_is_removed_but_following_prose_kept() -> None:
    text = ("Intro paragraph.\n\nYou might also like to read:\n\nWhat is a Neural Network?\n\n"
            "All About Artificial Intelligence Skills\n\nThis is a normal paragraph again, with a full stop.\n")
    out = drop_related_links(text)
    assert "Neural Network" not in out and "You might also like" not in out
    assert "This is a normal paragraph again" in out and "Intro paragraph." in out


def test_table_of_contents_listing_own_headings_is_removed() -> None:
    text = ("Intro.\n\nIn this article, we will discuss:\n\n- What does it do?\n\n- How to start\n\n"
            "## What does it do?\n\nIt does things.\n\n## How to start\n\nStart here.\n")
    out = drop_table_of_contents(text)
    assert "In this article" not in out
    assert "- What does it do?" not in out
    assert "## How to start" in out and "Start here." in out


def test_ordinary_lists_are_not_mistaken_for_a_toc() -> None:
    text = "Skills:\n\n- Python\n- Statistics\n\n## Python\n\nLearn it.\n"
    assert "- Python" in drop_table_of_contents(text)


def test_promotional_sentences_and_paragraphs_are_removed() -> None:
    text = (
        "Self-study is possible. Most job seekers lack engineering skills. This is why more than 50% of "
        "UCSD Extended Studies's Machine Learning Engineering and AI Bootcamp curriculum is on production.\n\n"
        "Find out if you're eligible for our bootcamp. In this six-month bootcamp, you'll learn regression.\n\n"
        "You can take an online ML certification course or bootcamp if you have gaps.\n"
    )
    out = drop_promotions(text)
    assert "Self-study is possible. Most job seekers lack engineering skills." in out
    assert "Bootcamp curriculum" not in out
    assert "eligible" not in out and "six-month" not in out
    # Generic advice that mentions a bootcamp is not a promotion.
    assert "You can take an online ML certification course or bootcamp" in out


def test_headings_left_empty_by_cleaning_are_dropped() -> None:
    text = "## Promo heading\n\n## Real heading\n\nContent.\n\n## Trailing heading\n"
    out = drop_empty_sections(text)
    assert "Promo heading" not in out and "Trailing heading" not in out
    assert "## Real heading" in out


def test_parent_heading_with_subsections_is_kept() -> None:
    text = "## Parent\n\n### Child\n\nContent.\n"
    assert "## Parent" in drop_empty_sections(text)


def test_heading_detection_marks_title_and_sections() -> None:
    text = normalize(
        "How to Become a Data Engineer: A Guide\n\nSome intro text that is long enough to be a paragraph.\n\n"
        "What Does a Data Engineer Do?\n\nThey build pipelines and keep data flowing reliably every day.\n\n"
        "Software engineering skills\n\nA strong knowledge of software engineering is another necessary asset.\n\n"
        "Let's define things first.\n\nMore text follows here.\n"
    )
    out = detect_headings(text)
    assert "# How to Become a Data Engineer: A Guide" in out
    assert "## What Does a Data Engineer Do?" in out
    assert "## Software engineering skills" in out
    assert "## Let's define" not in out  # ends with a full stop: a sentence, not a heading


def test_bullets_are_normalised_to_markdown() -> None:
    assert normalize("  • One\n  • Two") == "  - One\n  - Two"


def test_markdown_images_links_and_html_are_neutralised() -> None:
    out, _ = clean_markdown(
        "# T\n\nSee ![logo](http://evil.example/x.png) the [guide](http://x.example/a) now.<script>alert(1)</script>"
        "\n\n<p align=\"center\">Centered text that matters.</p>\n"
    )
    assert "evil.example" not in out and "x.example" not in out and "<script" not in out
    assert "See  the guide now." in out and "Centered text that matters." in out


def test_code_blocks_keep_their_markup() -> None:
    text = ("# jQuery\n\nSelect the parent:\n\n```js\n<script>\n  $('#t').parent();\n</script>\n```\n\n"
            "<script>evil()</script>After.\n")
    out = strip_markdown_markup(text)
    assert "<script>\n  $('#t').parent();\n</script>" in out  # an example, kept verbatim
    assert "evil" not in out and "After." in out


def test_one_sentence_rule_for_guides_and_answers() -> None:
    from advisor.answer import _safe_boundary
    from advisor.citations import split_claims
    from advisor.clean import split_sentences

    # A closing quote stays with its sentence; "e.g." and "$10.5" do not end one.
    assert split_sentences('He said "Go." Then he left, e.g. at $10.5 an hour.') == [
        'He said "Go."', "Then he left, e.g. at $10.5 an hour."]
    # Markers stay with the sentence they follow, with or without a full stop before them.
    assert split_sentences("Pay is high. [1] [2] Growth is fast [3] Demand grows.") == [
        "Pay is high. [1] [2]", "Growth is fast [3]", "Demand grows."]
    assert split_claims("Pay is high. [1] Growth is fast [2]") == [("Pay is high.", (1,)), ("Growth is fast", (2,))]
    # While an answer streams, a claim is complete once its markers are in and the next sentence began.
    assert _safe_boundary("Pay is high. [1") == 0
    assert _safe_boundary("Pay is high. [1] Gro") == len("Pay is high. [1]")
    assert _safe_boundary("- one [1]\n- tw") == len("- one [1]\n")


def test_model_output_loses_every_tag_but_guides_keep_angle_brackets() -> None:
    from advisor.citations import sanitize

    assert sanitize("<svg onload=x>Hi</svg> <custom-tag>there") == "Hi there"
    assert strip_markdown_markup("Use List<String> here.") == "Use List<String> here."
    assert sanitize("word ") == "word "  # streamed tokens keep their spacing


MDX = '''import { Callout } from "../components";
import {
  Tabs,
  Tab,
} from "@site/ui";
export const meta = {
  title: "Hooks",
};

# React hooks

{/* editors: keep this short
   and friendly */}

<Callout type="tip">
Hooks let components keep state.
</Callout>

<div
  className="mt-6 text-sm">
Relevant framework sections
</div>

{meta.title}

```jsx
import { useState } from 'react';
<Slider max={50} />
```

A List<String> in prose stays.
'''


def test_mdx_machinery_is_dropped_and_prose_and_code_stay() -> None:
    out = strip_mdx(MDX)
    for gone in ("@site/ui", "Tabs", "meta = {", "editors", "Callout", "className", "{meta.title}"):
        assert gone not in out, gone
    for kept in ("# React hooks", "Hooks let components keep state.", "Relevant framework sections",
                 "import { useState } from 'react';", "<Slider max={50} />", "A List<String> in prose stays."):
        assert kept in out, kept


def test_an_mdx_guide_is_indexed_without_its_jsx(tmp_path: Path) -> None:
    (tmp_path / "hooks.mdx").write_text(MDX)
    doc = load_document(tmp_path / "hooks.mdx", tmp_path)
    assert doc.title == "React hooks"
    assert "Hooks let components keep state." in doc.text and "@site/ui" not in doc.text
    assert "Callout" not in doc.text
