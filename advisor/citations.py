"""Citation markers: parse and check them against passages; and sanitising model output."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from advisor.clean import MARKER, split_sentences, strip_markup
from advisor.lexical import tokenize
from advisor.poison import is_planted
from advisor.schema import Passage

META_LINE = re.compile(r"^\s*_.*_\s*$")  # italic lines are framing (e.g. suggestions), not claims
LIST_PREFIX = re.compile(r"^\s*(?:[-*]|\d+[.)])\s+")


def split_claims(line: str) -> list[tuple[str, tuple[int, ...]]]:
    """(body, markers) for each sentence of one line; a marker-only piece attaches to the sentence before."""
    out: list[tuple[str, list[int]]] = []
    for piece in split_sentences(line):
        markers = [int(n) for n in MARKER.findall(piece)]
        body = MARKER.sub("", piece).strip()
        if len(re.sub(r"\W", "", body)) < 3:
            if out:
                out[-1][1].extend(markers)
            continue
        out.append((body, markers))
    return [(b, tuple(dict.fromkeys(m))) for b, m in out]


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer and the passage numbers it cites."""

    text: str
    markers: tuple[int, ...]


def sanitize(text: str) -> str:
    """Model output loses raw HTML, images and link targets before anything else sees it."""
    return strip_markup(text, any_tag=True)


def claims(text: str) -> list[Claim]:
    """Split answer text into claims (meta lines and headings excluded)."""
    out: list[Claim] = []
    for line in text.splitlines():
        if not line.strip() or META_LINE.match(line) or line.lstrip().startswith("#"):
            continue
        out.extend(Claim(body, markers) for body, markers in split_claims(LIST_PREFIX.sub("", line)))
    return out


def overlap_support(claim: str, passage: str) -> float:
    """Share of the claim's content words that occur in the passage."""
    words = tokenize(claim)
    if not words:
        return 1.0
    have = set(tokenize(passage))
    return sum(w in have for w in words) / len(words)


Supports = Callable[[str, str], bool]


def default_supports(claim: str, passage: str) -> bool:
    """A claim is supported when most of its content words are in the cited passage."""
    return overlap_support(claim, passage) >= 0.6


def check_answer(text: str, passages: list[Passage], supports: Supports = default_supports) -> tuple[str, list[int]]:
    """Drop markers naming no passage and claims their passages do not support.

    Returns the cleaned text and the passage numbers (1-based, into `passages`) it still cites.
    Claims without any marker are dropped too: every sentence must be traceable.
    """
    kept_lines: list[str] = []
    used: list[int] = []
    for line in text.splitlines():
        if not line.strip() or META_LINE.match(line):
            kept_lines.append(line)
            continue
        prefix = LIST_PREFIX.match(line)
        pieces = []
        for body, markers in split_claims(line[prefix.end() if prefix else 0:]):
            if is_planted(body):  # a model repeating a guide's planted instruction: never passed on
                continue
            valid = [n for n in markers if 1 <= n <= len(passages)]
            good = [n for n in valid if supports(body, passages[n - 1].text)]
            if not good:
                continue
            pieces.append(body + " " + "".join(f"[{n}]" for n in good))
            used.extend(n for n in good if n not in used)
        if pieces:
            kept_lines.append((prefix.group(0) if prefix else "") + " ".join(pieces))
    cleaned = "\n".join(kept_lines).strip()
    return (cleaned if used else ""), used
