"""Noise removal and heading detection: scraped text in, clean Markdown out. Pure text rules, no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from itertools import pairwise

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED = r"\d{1,3}[.)]"  # "3." or "3)"
LIST_ITEM = re.compile(rf"^\s*(?:[-*+•▪●◦‣]|{_NUMBERED})\s+")
NUMBERED_ITEM = re.compile(rf"^\s*{_NUMBERED}\s+")  # an item of a numbered list (a plan's step)
FENCE = re.compile(r"^\s*(```|~~~)")
# A citation marker in answer text: "[3]".
MARKER = re.compile(r"\[(\d{1,3})\]")
# The end of a sentence: . ! or ? with a closing quote or bracket and any citation markers, or markers
# alone, before white space and a capital, digit, quote, bracket or list mark. "e.g., x" and "$10.5" do
# not end one. The one sentence rule for guides (chunking, quoting) and answers (claims, streaming).
SENTENCE_END = re.compile(rf"(?:(?<=[.!?])[\"”’)]?(?:\s*{MARKER.pattern})*|(?:\s*{MARKER.pattern})+)"
                          r"(?=\s+[A-Z0-9\"“(*-])")

# --- line rules: a matching line is dropped wherever it stands -------------------------------------
NOISE_LINES = [
    re.compile(r"^\d{2,4}\s*[*x×]\s*\d{2,4}\s*(ad|advert(isement)?|banner)s?$", re.I),  # "1080*80 ad"
    re.compile(r"^(advertisement|sponsored( content)?|ad)$", re.I),
    re.compile(r"^(also read|read also|read more|related|see also|recommended|further reading)\s*:\s*\S.*$", re.I),
    re.compile(r"^this (post|article) was (originally|first) published on .{0,60}$", re.I),
    re.compile(r"^(share|share this|share on|tweet|follow us)( (post|article))?\s*:?$", re.I),
    re.compile(r"^(click here|subscribe|sign up|download)( now| today)?[.!:]?$", re.I),
    # Breadcrumbs: short crumbs joined by slashes or chevrons ("Caltech Bootcamp / Blog / /").
    re.compile(r"^[^/>»|.?!]{1,40}(\s*[/>»]\s*[^/>»|.?!]{0,40}){2,}$"),
]
SOURCE_LINE = re.compile(r"^(source|originally published at|via)\s*:\s*(https?://\S+)\s*$", re.I)

# --- block rules ---------------------------------------------------------------------------------
# A comment form or site footer ends the article: nothing after it is the guide's content.
END_OF_ARTICLE = re.compile(
    r"^(leave a (comment|reply)|post a comment|add a comment|\d+ comments?|"
    r"your email address will not be published\.?|about the author|share this (post|article)\.?)$",
    re.I,
)
# "You might also like to read:" starts a list of links to other articles.
RELATED_LEAD = re.compile(
    r"^(you (might|may) also like( to read)?|related (posts|articles|reading|guides)|recommended "
    r"(reading|articles|posts)|more (articles|posts) (like this|from (the|our) blog)|popular posts)\s*:?$",
    re.I,
)
TOC_LEAD = re.compile(
    r"^(table of contents|contents|in this (article|post|guide|blog)(,? (we will|we'll|you will|you'll) "
    r"(discuss|learn|cover|explore))?)\s*:?$",
    re.I,
)

# --- promotion: a sentence selling the publisher's own course rather than advising the reader ----------
PROMO = [
    # A named product: "Artificial Intelligence & Machine Learning Bootcamp", "... AI Bootcamp curriculum".
    re.compile(r"\b[A-Z][\w&'’-]*(?:\s+(?:[A-Z&][\w&'’-]*|and|of|in|for))*\s+(Bootcamp|Nanodegree|Masterclass)\b"),
    re.compile(r"\b(this|our)\s+(?:[\w/-]+\s+){0,3}(bootcamp|course|program|programme|nanodegree|masterclass)\b", re.I),
    re.compile(r"\b(find out if you('re| are) eligible|enrol+ (now|today)|sign up (now|today)|apply now|"
               r"register (now|today)|book (a|your) (call|seat)|we('ll| will) (also )?teach you|"
               r"learn more about (the|our))\b", re.I),
]


# Sentences that try to instruct an assistant: stripped from questions (scope), flagged in guides (poison).
INJECTION = re.compile(
    r"[^.!?\n]*\b(ignore|disregard|forget|override)\b[^.!?\n]*\b(instructions?|rules|prompt|guides?|above)\b[^.!?\n]*[.!?]?|"
    r"[^.!?\n]*\b(system prompt|hidden rules|your (rules|instructions)|you are now|pretend (you are|to be)|"
    r"act as|role-?play|jailbreak|developer mode|DAN\b|repeat (everything|all|the text) above|new instructions)"
    r"[^.!?\n]*[.!?]?|^\s*(system|assistant|user)\s*:", re.I)


# Invisible characters a page can use to hide words from people (or split them past a filter).
ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u00ad]")


def normalize(text: str) -> str:
    """Unify line endings, odd spaces and bullets; trim line ends. Wording is untouched."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = ZERO_WIDTH.sub("", text.replace("\u00a0", " ").replace("\t", "    "))
    text = re.sub(r"^(\s*)[•▪●◦‣]\s*", r"\1- ", text, flags=re.M)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def is_heading(line: str) -> bool:
    return HEADING.match(line) is not None


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, each with its closing quote and citation markers (abbreviations mostly intact)."""
    cuts = [0, *(m.end() for m in SENTENCE_END.finditer(paragraph)), len(paragraph)]
    return [p.strip() for a, b in pairwise(cuts) if (p := paragraph[a:b]).strip()]


def is_promo(sentence: str) -> bool:
    return any(p.search(sentence) for p in PROMO)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into blank-line separated blocks (code fences kept whole)."""
    blocks: list[list[str]] = []
    cur: list[str] = []
    in_fence = False
    for line in lines:
        if FENCE.match(line):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if cur:
                blocks.append(cur)
                cur = []
            continue
        cur.append(line)
    if cur:
        blocks.append(cur)
    return blocks


def _join(blocks: Iterable[list[str]]) -> str:
    return "\n\n".join("\n".join(b) for b in blocks if b).strip() + "\n"


def drop_noise_lines(text: str) -> tuple[str, str]:
    """Remove ad markers, breadcrumbs, 'Also Read' links and similar; return (text, source url found)."""
    out: list[str] = []
    url = ""
    in_fence = False
    for line in text.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        stripped = line.strip()
        if not in_fence and stripped:
            m = SOURCE_LINE.match(stripped)
            if m:
                url = url or m.group(2)
                continue
            if any(rule.match(stripped) for rule in NOISE_LINES):
                continue
        out.append(line)
    return "\n".join(out), url


def cut_at_end_of_article(text: str) -> str:
    """Drop everything from a comment form or author box onward."""
    lines = text.split("\n")
    in_fence = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        bare = HEADING.sub(r"\2", line.strip())
        if not in_fence and END_OF_ARTICLE.match(bare) and i > len(lines) // 3:
            return "\n".join(lines[:i])
    return text


def _is_link_like(block: list[str]) -> bool:
    """A short title line (no sentence punctuation): what related-post lists are made of."""
    joined = " ".join(s.strip() for s in block)
    return len(block) == 1 and len(joined.split()) <= 14 and not joined.rstrip().endswith((".", ":", ";", ","))


def drop_related_links(text: str) -> str:
    """Remove 'You might also like to read:' and the run of link titles after it."""
    blocks = _blocks(text.split("\n"))
    out: list[list[str]] = []
    skipping = False
    for block in blocks:
        first = HEADING.sub(r"\2", block[0].strip())
        if len(block) == 1 and RELATED_LEAD.match(first):
            skipping = True
            continue
        if skipping and (_is_link_like(block) or all(LIST_ITEM.match(x) for x in block)):
            continue
        skipping = False
        out.append(block)
    return _join(out)


def _norm_title(s: str) -> str:
    s = LIST_ITEM.sub("", s)
    s = HEADING.sub(r"\2", s.strip())
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def drop_table_of_contents(text: str) -> str:
    """Remove in-page tables of contents: lists whose items are mostly the document's own headings."""
    blocks = _blocks(text.split("\n"))
    headings = {_norm_title(b[0]) for b in blocks if is_heading(b[0])}
    # Loose lists (blank lines between items) arrive as many blocks: treat each run as one list.
    runs: list[list[list[str]]] = []
    for block in blocks:
        is_list = all(LIST_ITEM.match(x) for x in block)
        if is_list and runs and all(LIST_ITEM.match(x) for x in runs[-1][-1]):
            runs[-1].append(block)
        else:
            runs.append([block])
    out: list[list[str]] = []
    for run in runs:
        items = [x for b in run for x in b]
        if headings and all(LIST_ITEM.match(x) for x in items):
            hits = sum(_norm_title(x) in headings for x in items)
            if hits >= max(2, int(0.6 * len(items))):
                if out and len(out[-1]) == 1 and TOC_LEAD.match(HEADING.sub(r"\2", out[-1][0].strip())):
                    out.pop()
                continue
        out.extend(run)
    return _join(out)


def drop_promotions(text: str) -> str:
    """Remove sentences that sell a course; drop a paragraph when half or more of it does."""
    out: list[list[str]] = []
    for block in _blocks(text.split("\n")):
        if is_heading(block[0]) or FENCE.match(block[0]) or block[0].lstrip().startswith("|"):
            out.append(block)
            continue
        if all(LIST_ITEM.match(x) for x in block):
            out.append([x for x in block if not is_promo(x)])
            continue
        if any(LIST_ITEM.match(x) for x in block):
            out.append(block)  # mixed lead-in + list: leave as is
            continue
        sentences = split_sentences(" ".join(s.strip() for s in block))
        promo = [s for s in sentences if is_promo(s)]
        if not promo:
            out.append(block)
        elif len(promo) * 2 < len(sentences):
            out.append([" ".join(s for s in sentences if not is_promo(s))])
    return _join(out)


def drop_empty_sections(text: str) -> str:
    """Remove headings with no content of their own and no sub-sections (e.g. after promo removal)."""
    blocks = _blocks(text.split("\n"))
    keep = [True] * len(blocks)
    for i, block in enumerate(blocks):
        m = HEADING.match(block[0]) if len(block) == 1 else None
        if not m:
            continue
        level = len(m.group(1))
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        nm = HEADING.match(nxt[0]) if nxt and len(nxt) == 1 else None
        if nxt is None or (nm and len(nm.group(1)) <= level):
            keep[i] = False
    return _join(b for b, k in zip(blocks, keep, strict=True) if k)


# --- heading detection for plain text ----------------------------------------------------------------
def _looks_like_heading(line: str, next_block: list[str] | None) -> bool:
    s = line.strip()
    if not s or next_block is None or LIST_ITEM.match(line) or line.startswith((" ", "|")):
        return False
    words = s.split()
    if len(s) > 100 or len(words) > 14 or not (s[0].isupper() or s[0].isdigit()):
        return False
    if s.endswith((".", ",", ";", ":", "!", ")")) and not re.match(r"^\d+[.)]\s", s):
        return False
    if re.match(r"^(step \d+|\d+[.)])\s", s, re.I) or s.endswith("?"):
        return True
    capitalised = sum(w[0].isupper() for w in words if w[0].isalpha() and len(w) > 3)
    long_words = sum(1 for w in words if w[0].isalpha() and len(w) > 3)
    title_case = long_words == 0 or capitalised / long_words >= 0.6
    # Sentence-case headings are short and introduce a longer block.
    next_text = " ".join(next_block)
    short_intro = len(words) <= 8 and (len(next_text) > 2 * len(s) or is_heading(next_block[0]))
    return title_case or short_intro


def detect_headings(text: str) -> str:
    """Mark bare heading lines of scraped text as Markdown: the first as the title (#), the rest (##)."""
    blocks = _blocks(text.split("\n"))
    out: list[list[str]] = []
    seen_title = False
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if len(block) == 1 and not is_heading(block[0]) and _looks_like_heading(block[0], nxt):
            marker = "##" if seen_title else "#"
            seen_title = True
            out.append([f"{marker} {block[0].strip()}"])
            continue
        if is_heading(block[0]):
            seen_title = True
        out.append(block)
    return _join(out)


HTML_TAG = re.compile(
    r"</?(?:p|div|span|img|br|hr|a|b|i|u|em|strong|sup|sub|small|table|thead|tbody|tr|td|th|center|"
    r"details|summary|kbd|iframe|picture|source|figure|figcaption|font|section|article|video|audio)\b[^>\n]*>",
    re.I,
)


FENCED_BLOCK = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[^\n]*$", re.M | re.S)


ANY_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")


def strip_markup(text: str, *, any_tag: bool = False) -> str:
    """Drop HTML comments, script/style, HTML tags and images; keep only the text of links. Spacing is kept.

    The one markup rule for guides, questions and model output. any_tag: every <tag>, not only known
    HTML ones (for model output; a guide's prose may say "List<String>").
    """
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", "", text, flags=re.S | re.I)
    text = re.sub(r"!\[[^\]\n]*\]\([^)\n]*\)", "", text)  # images never reach the index or an answer
    text = re.sub(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^)\n]*\))*\)", r"\1", text)  # [text](url) -> text
    return (ANY_TAG if any_tag else HTML_TAG).sub("", text)


def _strip_prose_markup(text: str) -> str:
    out: list[str] = []
    for line in strip_markup(text).split("\n"):
        if re.match(r"^\s*(import|export)\s.+from\s+['\"]", line):  # MDX module lines
            continue
        out.append(line.rstrip())
    return "\n".join(out)


def _outside_code(text: str, strip: Callable[[str], str]) -> str:
    """Apply strip to the prose between fenced code blocks; the blocks themselves stay verbatim."""
    parts: list[str] = []
    last = 0
    for m in FENCED_BLOCK.finditer(text):
        parts.append(strip(text[last:m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(strip(text[last:]))
    return re.sub(r"\n{3,}", "\n\n", "".join(parts))


def strip_markdown_markup(text: str) -> str:
    """Outside code blocks: drop HTML comments, script/style, common tags, images; keep link text only.

    Code blocks are kept verbatim: a guide's example may well contain a <script> tag.
    """
    return _outside_code(text, _strip_prose_markup)


# MDX: ESM statements, JSX comments and expressions, and block-level components are code, not prose.
MDX_ESM_START = re.compile(r"^(import|export)\s")
MDX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.S)
MDX_EXPRESSION_LINE = re.compile(r"^[ \t]*\{[^\n]*\}[ \t]*;?[ \t]*$", re.M)
# A component tag opening a line (<Callout type="tip">, </Tabs>, <Figure src={x} />), attributes may span lines.
MDX_COMPONENT = re.compile(r"^[ \t]*</?[A-Z][\w.]*(?:\s[^<>]*?)?/?>[ \t]*", re.M)
# Any tag that opens a line and spans several (<div\n  className="...">): JSX layout, never prose.
MDX_MULTILINE_TAG = re.compile(r"^[ \t]*<[a-z][\w.]*(?=[^<>]*\n[^<>]*>)[^<>]*>[ \t]*", re.M)


def _drop_esm(text: str) -> str:
    out: list[str] = []
    depth, inside = 0, False
    for line in text.split("\n"):
        if not inside and MDX_ESM_START.match(line):
            inside, depth = True, 0
        if not inside:
            out.append(line)
            continue
        depth += sum(line.count(c) for c in "{[(") - sum(line.count(c) for c in "}])")
        # A statement ends when its brackets are closed: `import {a,\n b} from "x"` or `export const m = {..}`.
        inside = depth > 0 or line.rstrip().endswith((",", "=", "{", "(", "["))
    return "\n".join(out)


def _strip_mdx_prose(text: str) -> str:
    text = _drop_esm(MDX_COMMENT.sub("", text))
    text = MDX_MULTILINE_TAG.sub("", MDX_COMPONENT.sub("", text))
    return MDX_EXPRESSION_LINE.sub("", text)


def strip_mdx(text: str) -> str:
    """MDX to Markdown: drop imports/exports, JSX comments, expressions and component tags (their text stays).

    Code blocks are kept verbatim: their `import` lines are the example, not the page's machinery.
    """
    return _outside_code(text, _strip_mdx_prose)


def clean_markdown(text: str, *, detect: bool = False) -> tuple[str, str]:
    """Full pipeline: returns (clean Markdown, source URL found in the text or '')."""
    text = normalize(text)
    text = strip_markdown_markup(text)
    text, url = drop_noise_lines(text)
    text = cut_at_end_of_article(text)
    if detect:
        text = detect_headings(text)
    text = drop_related_links(text)
    text = drop_table_of_contents(text)
    text = drop_promotions(text)
    text = drop_empty_sections(text)
    return text, url
