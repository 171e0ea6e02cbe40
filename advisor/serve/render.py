"""Render untrusted corpus text as inert Markdown: no HTML, no images, no links that run script."""

from __future__ import annotations

import html
import re

from advisor.schema import Passage

# Characters that would turn text into Markdown structure (links, images, emphasis, headings, HTML).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape_markdown(text: str) -> str:
    """Escape text so a Markdown renderer shows it literally (HTML entities too)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def passages_markdown(passages: list[Passage]) -> str:
    """The retrieved passages as a numbered, escaped Markdown list."""
    if not passages:
        return "_No passages found._"
    out = []
    for i, p in enumerate(passages, 1):
        where = escape_markdown(p.title) + (" › " + escape_markdown(p.section) if p.section else "")
        body = escape_markdown(" ".join(p.text.split()))
        out.append(f"**[{i}] {where}**  \n_{escape_markdown(p.publisher)}_\n\n> {body}\n")
    return "\n".join(out)
