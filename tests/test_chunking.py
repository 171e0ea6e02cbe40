"""Section-aware chunks: offsets, boundaries, lead-ins, sizes and content-hash ids."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from advisor.chunking import chunk_document
from advisor.clean import HEADING
from advisor.ingest import read_corpus
from advisor.schema import SourceDoc

from .helpers import CORPUS


@pytest.fixture(scope="module")
def docs() -> list[SourceDoc]:
    return read_corpus(CORPUS).docs


def test_offsets_point_into_the_cleaned_text(docs: list[SourceDoc]) -> None:
    for doc in docs:
        for c in chunk_document(doc):
            assert doc.text[c.start:c.end] == c.text


def test_chunks_never_straddle_sections_and_carry_their_heading(docs: list[SourceDoc]) -> None:
    for doc in docs:
        chunks = chunk_document(doc)
        for c in chunks:
            headings = [m for m in (HEADING.match(line) for line in c.text.splitlines()) if m]
            # At most one heading, and only as the first line.
            assert len(headings) <= 1
            if headings:
                assert HEADING.match(c.text.splitlines()[0])
        sections = {c.section for c in chunks}
        for section in sections - {""}:
            first = next(c for c in chunks if c.section == section)
            assert first.text.lstrip("#").strip().startswith(section.split(" > ")[-1])


def test_section_paths_follow_heading_levels(docs: list[SourceDoc]) -> None:
    doc = next(d for d in docs if d.publisher == "unknown")
    sections = {c.section for c in chunk_document(doc)}
    assert ("How to Become a Machine Learning Engineer > Education > "
            "How Much Does It Cost to Study Computer Science at University?") in sections


def test_a_list_stays_with_its_lead_in(docs: list[SourceDoc]) -> None:
    doc = next(d for d in docs if d.publisher == "Caltech Bootcamp")
    chunk = next(c for c in chunk_document(doc) if "learn one or more of the following:" in c.text)
    assert "- Shell" in chunk.text and "- C++" in chunk.text


def test_sizes_are_bounded() -> None:
    para = " ".join(f"Sentence number {i} is here." for i in range(200))
    doc = SourceDoc(doc_id="d", title="T", text=f"# T\n\n## Long\n\n{para}\n")
    chunks = chunk_document(doc, max_chars=500)
    assert len(chunks) > 5
    assert all(len(c.text) <= 500 + len("## Long\n\n") for c in chunks)
    assert all(re.search(r"\.$", c.text) for c in chunks)  # cut at sentence ends


def test_ids_are_content_hashes_independent_of_position(docs: list[SourceDoc]) -> None:
    doc = docs[0]
    before = {c.chunk_id: c for c in chunk_document(doc)}
    again = {c.chunk_id for c in chunk_document(doc)}
    assert set(before) == again
    # Insert a paragraph near the top: every later chunk moves but keeps its id.
    first_break = doc.text.index("\n\n", doc.text.index("\n## ") + 4)
    edited = replace(doc, text=doc.text[:first_break] + "\n\nA brand new inserted paragraph." + doc.text[first_break:])
    after = {c.chunk_id: c for c in chunk_document(edited)}
    kept = set(before) & set(after)
    assert len(kept) >= len(before) - 2
    moved = [cid for cid in kept if after[cid].start != before[cid].start]
    assert moved, "offsets should shift while ids stay"
