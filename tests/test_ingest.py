"""Loading files: formats, metadata, and broken files reported without losing the good ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import CorpusError
from advisor.ingest import read_corpus

from .helpers import CORPUS

NOISE = ["1080*80 ad", "900*80 ad", "Also Read", "Leave a Comment", "You might also like", "Caltech Bootcamp / Blog",
         "In this article, we will discuss", "Find out if you", "this AI ML bootcamp will help",
         "Artificial Intelligence & Machine Learning Bootcamp", "originally published on this site",
         "Learn more about the Machine Learning Engineering"]


def test_shipped_corpus_has_metadata_and_no_noise() -> None:
    corpus = read_corpus(CORPUS)
    assert corpus.failures == []
    assert len(corpus.docs) == 4
    by_pub = {d.publisher: d for d in corpus.docs}
    assert set(by_pub) == {"Caltech Bootcamp", "unknown", "Simplilearn", "UCSD Extended Studies"}
    assert by_pub["Simplilearn"].url == "https://www.simplilearn.com/machine-learning-career-guide-pdf"
    assert by_pub["Caltech Bootcamp"].url == ""  # the text gives none, so none is invented
    for doc in corpus.docs:
        for noise in NOISE:
            assert noise.lower() not in doc.text.lower(), (doc.doc_id, noise)
    # Real content survives, including figures and the section that sits between noise.
    text = "\n".join(d.text for d in corpus.docs)
    facts = ("US$ 208,000", "$33,627", "### Consider an Internship", "most job seekers lack the engineering skills")
    for fact in facts:
        assert fact in text


def test_markdown_txt_and_html_load(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: Guide A\npublisher: Pub A\nurl: https://a.example\n---\n\n"
                                   "# Guide A\n\n## Salary\n\nData engineers earn a lot in most places.\n")
    (tmp_path / "b.txt").write_text("Becoming a Data Analyst\n\nAnalysts turn data into decisions for the business.\n\n"
                                    "What Does an Analyst Do?\n\nThey query databases and build dashboards.\n")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Page C</title><script>evil()</script></head><body><nav>Home | Blog</nav>"
        "<main><h1>Guide C</h1><p>Cloud engineers manage infrastructure for teams.</p>"
        "<h2>Skills</h2><p>You need:</p><ul><li>Linux</li><li>Networking</li></ul></main>"
        "<footer>Copyright</footer></body></html>")
    docs = {d.doc_id: d for d in read_corpus(tmp_path).docs}
    assert docs["a"].title == "Guide A" and docs["a"].publisher == "Pub A" and docs["a"].url == "https://a.example"
    assert docs["b"].title == "Becoming a Data Analyst"
    assert "## What Does an Analyst Do?" in docs["b"].text
    assert docs["c"].title == "Guide C"
    assert "## Skills" in docs["c"].text and "- Linux" in docs["c"].text
    assert "evil" not in docs["c"].text and "Home | Blog" not in docs["c"].text and "Copyright" not in docs["c"].text


def test_broken_files_are_reported_by_name_and_the_rest_load(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Good\n\nA perfectly fine guide about becoming a data engineer.\n")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PNG" * 10)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 guide about careers in data science.".encode("latin-1"))
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "badmeta.md").write_text("---\n- just\n- a list\n---\n\nBody text of a guide that is long enough.\n")
    (tmp_path / "sloppy.md").write_text("---\ntitle:Switch Statement\t\n---\n\nA switch statement tests a value.\n")
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus.docs] == ["good", "sloppy"]
    assert corpus.docs[1].title == "Switch Statement"  # lenient about hand-written front matter
    reasons = dict(corpus.failures)
    assert "binary" in reasons["binary.md"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "empty" in reasons["empty.md"]
    assert "unsupported" in reasons["slides.pdf"]
    assert "front matter" in reasons["badmeta.md"]


def test_corpus_metadata_files_are_not_guides_and_give_attribution(tmp_path: Path) -> None:
    repo = tmp_path / "owner__repo"
    repo.mkdir()
    (repo / "LICENSE").write_text("CC BY-SA 4.0 ...")
    (repo / "SOURCE.txt").write_text("repo: https://github.com/owner/repo\nlicense: CC BY-SA 4.0\n")
    (repo / "guide.md").write_text("# Interviews\n\nPractise coding questions every day before interviews.\n")
    corpus = read_corpus(tmp_path)
    assert corpus.failures == []
    [doc] = corpus.docs
    assert doc.doc_id == "owner__repo/guide"
    assert doc.url == "https://github.com/owner/repo" and doc.publisher == "owner/repo"


def test_missing_corpus_folder_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="ADVISOR_CORPUS_DIR"):
        read_corpus(tmp_path / "nope")
