"""Figures an answer quotes (amounts, percentages, durations): value, kind, named source and date. Pure functions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from advisor.citations import claims
from advisor.clean import LIST_ITEM, split_sentences
from advisor.schema import Citation, Figure, FigureKind, Passage

# --- values ------------------------------------------------------------------------------------------------
# 120,000 / 8,00,000 (Indian grouping) / 1.5 / 50. Bounded, like the names below: hostile text stays linear.
_NUM = r"\d{1,3}(?:,\d{2,3}){1,5}(?:\.\d{1,4})?|\d{1,9}(?:\.\d{1,4})?"
_WORD_NUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_SCALE = r"(?:\s?(?:[kK]|million|mn|[mM]|billion|bn|lakhs?|lacs?|crores?|LPA|lpa)\b)"
_SYMBOL = r"(?:US\$|[AC]\$|\$|₹|€|£|Rs\.?\s?|INR\s?|USD\s?|EUR\s?|GBP\s?)"
_CODE = r"(?:USD|EUR|GBP|INR|dollars|euros|pounds|rupees)\b"
_RANGE = r"\s?(?:-|–|—|to)\s?"
_MONEY = (rf"(?<![A-Za-z]){_SYMBOL}\s?(?:{_NUM}){_SCALE}?(?:{_RANGE}{_SYMBOL}?\s?(?:{_NUM}){_SCALE}?)?"
          rf"|(?<![\w.,$])(?:{_NUM}){_SCALE}?(?:{_RANGE}(?:{_NUM}){_SCALE}?)?\s?{_CODE}"
          rf"|(?<![\w.,$])(?:{_NUM})\s?(?:LPA|lpa|lakhs? per annum)\b")
_PERCENT = rf"(?<![\w.,])(?:{_NUM})(?:{_RANGE}(?:{_NUM}))?\s?(?:%|percent\b)"
_AMOUNT = rf"(?:{_NUM}|{_WORD_NUM})"
# "years old" is an age, not a duration.
_DURATION = rf"(?<![\w.,$])(?i:{_AMOUNT}(?:{_RANGE}{_AMOUNT})?[\s-](?:years?|months?|weeks?))\b(?!\s+old)"
# One pattern for every figure value: what figures() labels and what the evaluation counts.
VALUE = re.compile(rf"(?P<money>{_MONEY})|(?P<percent>{_PERCENT})|(?P<duration>{_DURATION})")

# --- what a figure is about: general English, not words of our guides -----------------------------------
# Words that name the sum itself (a cost, a pay), read in a question too ...
SUM_WORDS: tuple[tuple[FigureKind, re.Pattern[str]], ...] = (
    # ("pay for" as a verb of who pays: "what's the typical pay for machine learning engineers" is a salary, whose
    # table lost the national average beside it once sums of another kind stopped following)
    ("tuition", re.compile(r"\b(tuition|fees?|costs?|to pay|(?:i|you|we|they|do|does|would|will|should|must|can|could)"
                           r"\s+pay\s+for|spend|afford\w*|loans?|enrol\w*|scholarships?)\b", re.I)),
    ("salary", re.compile(r"\b(salar(y|ies)|earn\w*|wages?|income|compensation|paid|pays|package|ctc|lpa|"
                          # the noun ("the typical pay"), not what someone pays ("usually pay around $120")
                          r"(?:the|typical|average|avg|median|starting|base|annual|hourly|good|decent|better|higher|"
                          r"more|less|their|your|my|what|whats|what's)\s+pay|"
                          r"stipend|per (year|annum|hour)|"
                          # "how much do they make tho" (a thirty-fourth probe got tuition fees after the pay table)
                          r"how much (do|does|did|would|will|can|could|might)\s+([\w'’]+\s+){0,6}?make)\b", re.I)),
)
# ... and, for a figure in a guide, words of who pays it ("how much do college grads make" asks no tuition).
KIND_WORDS: tuple[tuple[FigureKind, re.Pattern[str]], ...] = (
    *SUM_WORDS,
    ("tuition", re.compile(r"\b(students?|undergraduates?|college|university|bootcamps?|courses?)\b", re.I)),
)
GROWTH = re.compile(r"\b(grow\w*|growth|increas\w*|ris(e|es|ing)|demand|project\w*|jump\w*|surg\w*|"
                    r"declin\w*|fall\w*|cagr|outlook|expand\w*)\b", re.I)

# --- named sources ------------------------------------------------------------------------------------------
_WORD = r"[A-Z0-9][\w&'’.-]{0,40}"
_NAME = rf"(?<![\w&'’.-])(?P<name>{_WORD}(?:\s(?:(?:of|for|and|&)\s)?{_WORD}){{0,7}})"
_DATA = r"(?:data|figures|statistics|numbers|research|estimates|a (?:report|survey|study))"
SOURCE = (
    re.compile(rf"(?i:\baccording to (?:{_DATA} (?:from|by) )?(?:the )?){_NAME}"),
    re.compile(rf"(?i:\b(?:reported|published|estimated) by (?:the )?){_NAME}"),
    re.compile(rf"(?i:\bper (?:the )?){_NAME}"),
    re.compile(rf"(?i:\b(?:sources?|via|data):\s*(?:the )?){_NAME}"),
    re.compile(rf"(?i:\b{_DATA} (?:from|by) (?:the )?){_NAME}"),
    re.compile(rf"{_NAME}(?:['’]s)? (?:data |survey |report |research |figures )?(?:reports?|reported|estimates?|"
               rf"estimated|says|said|shows?|showed|found|finds|puts|lists|projects|projected|predicts)\b"),
)
# Words that start a sentence in capitals but name no source ("It reports...", "This shows...").
NOT_A_NAME = frozenset({"a", "an", "it", "its", "it's", "this", "that", "these", "those", "the", "they", "he",
                        "she", "we", "you", "i", "our", "their", "there", "here", "data", "research"})

# --- years --------------------------------------------------------------------------------------------------
YEAR = re.compile(r"(?<![\d,.$€£₹])\b(19[5-9]\d|2\d{3})\b(?![\d,]|\s?%)")
# "from 2023 to 2027": the end of a range is a forecast's horizon, not when the figure was current.
RANGE_END = re.compile(r"(?:\bto|\bthrough|\buntil|\btill|\bby|–|-)\s*$", re.I)


def values(text: str) -> list[str]:
    """Every figure value in the claims of an answer text (framing lines and headings excluded)."""
    return [m.group(0).strip() for c in claims(text) for m in VALUE.finditer(c.text)]


def _squash(text: str) -> str:
    return " ".join(text.split())


def in_passage(value: str, passage: Passage) -> bool:
    """The value occurs verbatim in the passage (line breaks count as spaces)."""
    return _squash(value) in _squash(passage.text)


def kind_of(match: re.Match[str], contexts: Sequence[str]) -> FigureKind:
    """salary / tuition / growth / duration / other, from the value's form and the words around it.

    contexts: nearest first (the sentence, its list's lead-in, the section heading); the first that tells wins.
    """
    if match.group("duration"):
        return "duration"
    if match.group("percent"):
        return "growth" if any(GROWTH.search(c) for c in contexts) else "other"
    for context in contexts:
        for kind, words in KIND_WORDS:
            if words.search(context):
                return kind
    return "other"


def asked_kind(question: str) -> FigureKind | None:
    """The kind of sum a question's own words ask for ("what does a bootcamp cost" -> tuition), else None."""
    return next((kind for kind, words in SUM_WORDS if words.search(question)), None)


def sum_kinds(text: str, contexts: Sequence[str]) -> frozenset[FigureKind]:
    """The kinds of the sums of money in text (contexts as for kind_of, after the text itself)."""
    return frozenset(kind_of(m, (text, *contexts)) for m in VALUE.finditer(text) if m.group("money"))


def named_source(sentence: str) -> str:
    """The source a sentence names for its figures ("according to Glassdoor" -> "Glassdoor"), or ""."""
    for pattern in SOURCE:
        for m in pattern.finditer(sentence):
            name = re.sub(r"^The\s+", "", m.group("name").rstrip(".’'-"))
            if re.search(r"[A-Za-z]", name) and name.lower() not in NOT_A_NAME and not YEAR.fullmatch(name):
                return name
    return ""


def stated_year(sentence: str, near: int, today: date, skip: tuple[int, int] = (0, 0)) -> str:
    """The year stated nearest to position `near` ("in 2023", "(2022)"), not a range's end or a future year."""
    found = [m for m in YEAR.finditer(sentence)
             if not (skip[0] <= m.start() < skip[1]) and int(m.group(1)) <= today.year
             and not RANGE_END.search(sentence[max(0, m.start() - 12):m.start()])]
    return min(found, key=lambda m: abs(m.start() - near)).group(1) if found else ""


def passage_context(value: str, passage: Passage) -> tuple[str, str]:
    """(sentence holding the value, the lead-in of its list when it is a list item) in the passage."""
    lines = passage.text.splitlines()
    for i, line in enumerate(lines):
        flat = _squash(line)
        if value not in flat:
            continue
        sentence = next((s for s in split_sentences(flat) if value in s), flat)
        lead_in = ""
        if LIST_ITEM.match(line):
            # The sentence before the list says what its items are ("... figures according to Glassdoor:").
            lead_in = next((_squash(x) for x in reversed(lines[:i]) if x.strip() and not LIST_ITEM.match(x)), "")
        return sentence, lead_in
    return "", ""


def figures(text: str, citations: Sequence[Citation], today: date, max_age: int) -> tuple[Figure, ...]:
    """The figures an answer quotes, each from a passage its sentence cites that holds the value verbatim.

    A figure no cited passage holds is left out, and a source or year is taken from the answer's sentence
    only when the passage says it too: a label never vouches for what the guides don't say.
    """
    by_n = {c.n: c.passage for c in citations}
    out: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for claim in claims(text):
        for m in VALUE.finditer(claim.text):
            value = m.group(0).strip()
            n = next((n for n in claim.markers if n in by_n and in_passage(value, by_n[n])), None)
            if n is None or (value, by_n[n].chunk_id) in seen:
                continue
            p = by_n[n]
            seen.add((value, p.chunk_id))
            grounded = _squash(p.text)
            sentence, lead_in = passage_context(_squash(value), p)
            said = named_source(claim.text)
            source = (said if said and said in grounded else "") or named_source(sentence) or named_source(lead_in)
            where = sentence.find(_squash(value))
            said_year = stated_year(claim.text, m.start(), today, m.span())
            year = ((said_year if said_year in grounded else "")
                    or stated_year(sentence, where, today, (where, where + len(value)))
                    or stated_year(lead_in, len(lead_in), today) or guide_year(p.as_of, today))
            out.append(Figure(value=value, kind=kind_of(m, (claim.text, sentence, lead_in, p.section)),
                              source=source, publisher=p.publisher, as_of=year,
                              stale=bool(year) and today.year - int(year) > max_age, chunk_id=p.chunk_id, n=n))
    return tuple(out)


def guide_year(as_of: str, today: date) -> str:
    """The year in a guide's `as_of` ("2024", "2024-05-01", "May 2024"), or "" when it names none."""
    m = YEAR.search(as_of)
    return m.group(1) if m and int(m.group(1)) <= today.year else ""
