"""Render untrusted text (guides, model output) as inert Markdown/HTML: no raw HTML, no images, no script."""

from __future__ import annotations

import html
import re

from advisor.clean import MARKER
from advisor.schema import Answer, PassageContext
from advisor.urls import normal_url

# Characters that would turn text into Markdown structure (links, images, emphasis, headings, HTML); "=" under a
# line ("0\r=": a lone carriage return ends a line too) would underline it into a heading.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=])")
_INDENT = re.compile(r"^[ \t]+", re.M)
_BULLET = re.compile(r"^(\s*)- ")
_META = re.compile(r"^_(.*)_$")


def escape_markdown(text: str) -> str:
    """Escape text so a Markdown renderer shows it literally (HTML entities too).

    Leading indentation goes too: four spaces or a tab would start a code block.
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(_INDENT.sub("", text), quote=False))


def safe_url(url: str) -> str:
    """The URL if it is a plain http(s) link once normalised (no hidden newlines or markup), else ''."""
    return normal_url(url)


def chip(n: int, chunk_id: str) -> str:
    """A citation marker the UI turns into a click on the passage viewer."""
    return (f'<a class="cite" href="#cite-{html.escape(chunk_id)}" aria-label="Source {n}" '
            f'title="Show source {n}">[{n}]</a>')


def answer_markdown(answer: Answer) -> str:
    """Answer text with every piece escaped; only bullets, the italic suggestion line and chips stay live."""
    ids = {c.n: c.passage.chunk_id for c in answer.citations}
    out = [f"**{answer.label}**", ""] if answer.label else []
    for line in answer.text.splitlines():
        meta = _META.match(line.strip())
        if meta:
            out.append(f"*{escape_markdown(meta.group(1))}*")
            continue
        bullet = _BULLET.match(line)
        body = line[bullet.end():] if bullet else line
        if bullet and not body.strip():
            continue  # an empty item under a line would underline it into a heading (setext)
        pieces = []
        last = 0
        for m in MARKER.finditer(body):
            pieces.append(escape_markdown(body[last:m.start()]))
            n = int(m.group(1))
            pieces.append(chip(n, ids[n]) if n in ids else "")
            last = m.end()
        pieces.append(escape_markdown(body[last:]))
        if out and out[-1].startswith("- ") and not bullet:
            out.append("")  # end the list, or the next paragraph renders inside its last item
        out.append(("- " if bullet else "") + "".join(pieces))
    if answer.notice:
        out += ["", f"*{escape_markdown(answer.notice)}*"]
    out += figures_markdown(answer, ids)
    return "\n".join(out)


def figures_markdown(answer: Answer, ids: dict[int, str]) -> list[str]:
    """Lines of a small "Figures" list (value — source, as of YEAR [n]); every word escaped, [n] a chip."""
    if not answer.figures:
        return []
    lines = ["", "**Figures**", ""]
    for f in answer.figures:
        lines.append(f"- {escape_markdown(f.caption)} " + (chip(f.n, ids[f.n]) if f.n in ids else ""))
    return lines


def streaming_markdown(text: str) -> str:
    """Partial answer text while it streams: escaped, markers shown plainly until the final render."""
    return "\n".join(("- " + escape_markdown(line[2:])) if line.startswith("- ") else escape_markdown(line)
                     for line in text.splitlines() if line.strip() != "-")  # "-" alone would underline a heading


def _markdown_blocks(text: str, quote: bool = False) -> str:
    """Guide text as escaped Markdown: headings bold, bullets kept, paragraphs; optionally as a quote."""
    out: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        item = re.match(r"^(?:[-*+]|\d{1,3}[.)])\s+(.*)$", s)
        if not s:
            out.append("")
        elif item:
            out.append(f"- {escape_markdown(item.group(1))}")
        elif s.startswith("#"):
            out.append(f"**{escape_markdown(s.lstrip('#').strip())}**")
        else:
            out.append(escape_markdown(s))
    blocks = "\n".join(out).strip()
    return "\n".join(f"> {ln}" if ln else ">" for ln in blocks.splitlines()) if quote else blocks


def viewer_markdown(ctx: PassageContext) -> str:
    """The passage viewer: title, publisher, section path, the cited passage (quoted) inside its section."""
    p = ctx.passage
    url = safe_url(p.url)
    parts = [f"### {escape_markdown(p.title)}", f"*{escape_markdown(p.byline)}*"]
    if p.section:
        parts.append(f"Section: {escape_markdown(p.section)}")
    if ctx.before:
        parts.append(_markdown_blocks(ctx.before))
    parts.append("**Cited passage:**\n\n" + _markdown_blocks(p.text, quote=True))
    if ctx.after:
        parts.append(_markdown_blocks(ctx.after))
    # The URL is shown as text inside a link target we built; escape_markdown cannot apply to a target.
    parts.append(f"[Read the original guide]({url})" if url
                 else "*No link to the original was given.*")
    return "\n\n".join(parts)
