"""Coaching rules: what a person said about themselves, which of it the guides speak to, one question back.

Pure text rules over the profile, the question and the guides' chunks; no model, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from advisor.lexical import tokenize
from advisor.plan import HAS_DEGREE, NO_DEGREE
from advisor.schema import Passage, Turn, UserProfile

# What people say about themselves in a chat message ("I'm a teacher with some Python, want to move into ML").
_ROLE = r"(?:an?\s+)?([a-z][a-z /&-]{1,40}?)"
CURRENT = re.compile(r"\b(?:i'?m|i am|im|i work as|i've been|i have been|currently)\s+(?:working as\s+)?"
                     r"(?:an?\s+)" + r"([a-z][a-z /&-]{1,40}?)(?=\s+(?:with|and|who|but|for|at|in|looking|wanting|"
                     r"trying|,)|[,.;!?]|$)", re.I)
STUDYING = re.compile(r"\b(?:i'?m|i am|im)\s+(?:a\s+)?(?:student|studying|doing)\s+(?:of\s+|in\s+)?"
                      r"([a-z][a-z ]{1,40}?)(?=[,.;!?]|\s+(?:and|but|at)\b|$)", re.I)
TARGET = re.compile(r"\b(?:want(?:ing)? to|would like to|planning to|hope to|trying to|plan to)\s+"
                    r"(?:move into|get into|become|switch to|transition (?:in)?to|break into|be)\s+"
                    + _ROLE + r"(?=[,.;!?]|\s+(?:but|and)\b|$)", re.I)
DEGREE_SAID = re.compile(r"\b(?:i (?:already )?have|i've (?:already )?got|i hold|i got|i did|i earned|i finished|"
                         r"with)\s+(?:an?\s+|my\s+)?"
                         r"((?:[a-z.]+\s+){0,3}(?:degree|bachelor'?s?|master'?s?|bsc|msc|phd|ba|bs|ms)\b"
                         r"(?:\s+(?:in|of)\s+[a-z ]{2,30}?)?)(?=[,.;!?]|\s+(?:and|but)\b|$)", re.I)
GRADUATED = re.compile(r"\b(i (?:just |recently )?graduated (?:in|from|with a degree in)\s+[a-z ]{2,30}?)"
                       r"(?=[,.;!?]|\s+(?:last|this|in|and|but)\b|$)", re.I)
NO_DEGREE_SAID = re.compile(r"\b(?:i (?:don'?t|do not) have|i have no|without|no)\s+(?:an?\s+)?"
                            r"(?:college\s+|university\s+)?degree\b|\bdropped out\b", re.I)
# A decision about the person's own education path (degree, bootcamp, masters): its answer depends on theirs.
DECISION = re.compile(r"\b(should i|do i (?:really |even )?(?:need|have) to|do i need|is it worth it for me|"
                      r"(?:better|best|right) (?:path|route|option|choice|way)? ?for me|"
                      r"which (?:path|route) should i)\b", re.I)
EDUCATION_PATH = re.compile(r"\b(degree|bootcamp|master'?s?|phd|uni|university|college|certificat\w*|self[- ]taught|"
                            r"go back to school)\b", re.I)
CLARIFY_EDUCATION = ("Before I point you to a path: do you already have a university degree, and in what field? "
                     "The guides suggest different routes depending on it.")
MAX_FACET_CHARS = 120


def stated_profile(texts: Iterable[str]) -> UserProfile:
    """What the person said about themselves in their messages (first mention of each field wins)."""
    found: dict[str, str] = {}
    for text in texts:
        for name, rx in (("education", DEGREE_SAID), ("current", STUDYING), ("current", CURRENT),
                         ("target", TARGET)):
            m = rx.search(text)
            if m and name not in found:
                found[name] = m.group(1).strip()[:MAX_FACET_CHARS]
        if "education" not in found and (m := GRADUATED.search(text)):
            found["education"] = m.group(1).removeprefix("i ").removeprefix("I ")[:MAX_FACET_CHARS]
        if "education" not in found and NO_DEGREE_SAID.search(text):
            found["education"] = "no degree"
    return UserProfile(**found)


def user_texts(question: str, history: Sequence[Turn]) -> list[str]:
    """The person's own messages, newest first (so the question's facts win over older ones)."""
    return [question, *(t["content"] for t in reversed(history) if t["role"] == "user")]


def education_known(profile: UserProfile) -> bool:
    """The profile says whether the person holds a degree (either way)."""
    text = profile.education
    return bool(text.strip()) and bool(HAS_DEGREE.search(text) or NO_DEGREE.search(text) or len(text.split()) >= 2)


def clarify_question(question: str, profile: UserProfile, history: Sequence[Turn]) -> str:
    """One question back when a path choice depends on education nobody gave; never twice in a conversation."""
    if not (DECISION.search(question) and EDUCATION_PATH.search(question)) or education_known(profile):
        return ""
    if any(t["role"] == "assistant" and CLARIFY_EDUCATION in t["content"] for t in history):
        return ""
    return CLARIFY_EDUCATION


def _phrase(text: str) -> list[str]:
    return tokenize(text)[:6]


def mentions_phrase(text: str, phrase: Sequence[str]) -> bool:
    """Every term of the phrase occurs in the text, next to each other (stemmed)."""
    terms = tokenize(text)
    n = len(phrase)
    return n > 0 and any(terms[i:i + n] == list(phrase) for i in range(len(terms) - n + 1))


def term_text(text: str) -> str:
    """A text's stemmed terms as one space-padded string, so a run of terms is found with `in`."""
    return " " + " ".join(tokenize(text)) + " "


def spoken_facets(profile: UserProfile, chunk_texts: Sequence[str],
                  most: float = 0.2) -> dict[str, list[str]]:
    """field -> its stemmed phrase, for filled-in fields that some guide passages mention, but not most of them.

    A background the guides never name changes nothing; one named nearly everywhere (the guides' own subject,
    as a target role usually is) says nothing about the person's situation. chunk_texts: term_text of each chunk.
    """
    limit = most * max(len(chunk_texts), 1)
    found: dict[str, list[str]] = {}
    for k, v in profile.facets().items():
        # The longest run of the person's words that some passages (not most) mention: "BSc computer science"
        # is spoken to by passages on "computer science".
        terms = _phrase(v)
        # Runs keep the last word, the head of what was said ("bank teller" is not about banks).
        runs = sorted({tuple(terms[i:]) for i in range(len(terms))}, key=lambda r: (-len(r), r))
        for run in runs:
            needle = " " + " ".join(run) + " "
            n = sum(needle in text for text in chunk_texts)
            if 0 < n <= limit:
                found[k] = list(run)
                break
    return found


def framing(profile: UserProfile, facet: str) -> str:
    """The answer's first line: which part of the person's situation it speaks to."""
    value = getattr(profile, facet).strip()
    return {"current": f"For your background ({value}), the guides say:",
            "education": f"With your education ({value}) in mind, the guides say:",
            "experience": f"Given your experience ({value}), the guides say:",
            "target": f"For your goal ({value}), the guides say:",
            "country": f"For {value}, the guides say:",
            "constraints": f"With your constraints ({value}) in mind, the guides say:"}[facet]


def facet_first(passages: list[Passage], boosted: list[Passage], phrase: Sequence[str],
                within: int = 5) -> tuple[list[Passage], bool]:
    """The passages with the best one that mentions the facet moved first; False when none is near the top.

    Only a passage also retrieved for the question alone counts: the person's situation reorders what
    answers the question, it never brings in a passage about something else.
    """
    found = {p.chunk_id for p in passages}
    best = next((p for p in boosted[:within] if p.chunk_id in found and mentions_phrase(p.text, phrase)), None)
    if best is None:
        return passages, False
    return [best, *(p for p in passages if p.chunk_id != best.chunk_id)], True


# A question about the person's own situation ("does my ops background help?"): the profile may hold it.
OWN_SITUATION = re.compile(r"\bmy (background|degree|job|experience|work|education|studies|certificate|"
                           r"certification|situation|career|skills|role|field|major|diploma)\b", re.I)
