"""Section-aware chunking with character offsets into the cleaned text and content-hash ids."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from advisor.clean import FENCE, HEADING, LIST_ITEM, SENTENCE_END
from advisor.schema import Chunk, SourceDoc


@dataclass
class Block:
    """A contiguous span of the cleaned text: heading, paragraph, list, table or code."""

    kind: str
    start: int
    end: int


def _line_kind(line: str) -> str:
    if HEADING.match(line):
        return "heading"
    if LIST_ITEM.match(line):
        return "list"
    if line.lstrip().startswith("|"):
        return "table"
    return "para"


def parse_blocks(text: str) -> list[Block]:
    """Split text into typed blocks; a blank line or a change of kind ends a block."""
    blocks: list[Block] = []
    cur: Block | None = None
    in_fence = False
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\n"))
        pos += len(line)
        body = line.rstrip("\n")
        if in_fence or FENCE.match(body):
            if FENCE.match(body):
                in_fence = not in_fence
            if cur and cur.kind == "code":
                cur.end = end
            else:
                cur = Block("code", start, end)
                blocks.append(cur)
            if not in_fence:
                cur = None
            continue
        if not body.strip():
            cur = None
            continue
        kind = _line_kind(body)
        # Indented continuation lines belong to the list item above them.
        if cur and cur.kind == "list" and kind == "para" and body.startswith((" ", "    ")):
            kind = "list"
        if cur and kind == cur.kind and kind != "heading":
            cur.end = end
        else:
            cur = Block(kind, start, end)
            blocks.append(cur)
    return blocks


def _units(blocks: list[Block], text: str) -> list[Block]:
    """Merge a lead-in paragraph with the list or table that follows it."""
    units: list[Block] = []
    for b in blocks:
        prev = units[-1] if units else None
        lead = text[prev.start:prev.end].rstrip() if prev and prev.kind == "para" else ""
        # The paragraph right before a list introduces it when it ends in ':' or is a short sentence or two.
        if prev and lead and b.kind in ("list", "table") and (lead.endswith(":") or len(lead) <= 400):
            units[-1] = Block("lead+" + b.kind, prev.start, b.end)
        else:
            units.append(Block(b.kind, b.start, b.end))
    return units


def _split_points(kind: str, seg: str) -> list[int]:
    """Offsets inside seg where an oversized unit may be cut: list items, sentences or lines."""
    if "list" in kind:
        return [m.start() for m in re.finditer(r"(?m)^\s*(?:[-*+]|\d{1,3}[.)])\s", seg)][1:]
    if kind == "para":
        return [m.end() for m in SENTENCE_END.finditer(seg)]
    return [m.end() for m in re.finditer(r"\n", seg)]


def _split_unit(unit: Block, text: str, max_chars: int) -> list[Block]:
    """Cut a unit longer than max_chars at its natural boundaries (hard cut at a space as last resort)."""
    pieces: list[Block] = []
    start = unit.start
    while unit.end - start > max_chars:
        seg = text[start:unit.end]
        # Aim for even pieces (no tiny tail): cut near len/pieces, never past max_chars.
        target = len(seg) / -(-len(seg) // max_chars)
        cuts = [c for c in _split_points(unit.kind, seg) if 0 < c <= max_chars]
        near = [c for c in cuts if c >= target * 0.8]
        cuts = near[:1] or cuts
        cut = cuts[-1] if cuts else (seg.rfind(" ", 0, max_chars) if " " in seg[:max_chars] else max_chars)
        cut = max(cut, 1)
        pieces.append(Block(unit.kind, start, start + len(seg[:cut].rstrip())))
        start += cut
        while start < unit.end and text[start].isspace():
            start += 1
    if start < unit.end:
        pieces.append(Block(unit.kind, start, unit.end))
    return pieces


def chunk_id(doc: SourceDoc, section: str, text: str, occurrence: int = 0) -> str:
    """Content hash: unchanged text in an unchanged place keeps its id (offsets deliberately left out)."""
    payload = json.dumps([doc.doc_id, doc.title, doc.publisher, doc.url, section, text, occurrence])
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def chunk_document(doc: SourceDoc, max_chars: int = 900) -> list[Chunk]:
    """Chunks that never straddle a section; each carries its heading and offsets into doc.text."""
    text = doc.text
    blocks = parse_blocks(text)
    path: list[tuple[int, str]] = []
    sections: list[tuple[str, Block | None, list[Block]]] = []
    heading: Block | None = None
    body: list[Block] = []
    for b in blocks:
        if b.kind != "heading":
            body.append(b)
            continue
        sections.append((" > ".join(t for _, t in path), heading, body))
        m = HEADING.match(text[b.start:b.end])
        assert m is not None
        level, title = len(m.group(1)), m.group(2).strip()
        if level == 1 and not path and not any(s[2] for s in sections) and title == doc.title:
            heading, body = None, []  # the document title heads the intro, not a section
            continue
        path = [(lv, t) for lv, t in path if lv < level] + [(level, title)]
        heading, body = b, []
    sections.append((" > ".join(t for _, t in path), heading, body))

    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section, head, section_blocks in sections:
        # A list or table stays with its lead-in up to twice the usual size before it is cut.
        units = [p for u in _units(section_blocks, text)
                 for p in _split_unit(u, text, max_chars * (2 if u.kind.startswith("lead+") else 1))]
        groups: list[list[Block]] = []
        for u in units:
            cur = groups[-1] if groups else None
            first_start = (head.start if head and len(groups) == 1 else cur[0].start) if cur else 0
            if cur and u.end - first_start <= max_chars:
                cur.append(u)
            else:
                groups.append([u])
        for i, group in enumerate(groups):
            start = head.start if (head and i == 0) else group[0].start
            end = group[-1].end
            body_text = text[start:end]
            occurrence = seen.get(body_text, 0)
            seen[body_text] = occurrence + 1
            chunks.append(Chunk(
                chunk_id=chunk_id(doc, section, body_text, occurrence),
                doc_id=doc.doc_id, text=body_text, title=doc.title, section=section,
                publisher=doc.publisher, url=doc.url, start=start, end=end, as_of=doc.as_of,
            ))
    return chunks
