"""Text in a guide aimed at an assistant rather than a reader: found at ingest, never quoted, fenced for LLMs."""

from __future__ import annotations

import re
from functools import lru_cache

from advisor.clean import INJECTION, ZERO_WIDTH, split_sentences

HIDDEN_COMMENT = re.compile(r"<!--.*?-->", re.S)
# A line that opens a chat turn ("System: ...", "### Assistant:", "<|im_start|>system").
ROLE_PROMPT = re.compile(r"^\W{0,4}(system|assistant|user|developer)\s*(prompt)?\s*:|<\|?im_start\|?>|\[/?INST\]",
                         re.I | re.M)
# Prose says "act as", "you are now ready" and "Dan": a guide sentence that matches the question-side
# definition (clean.INJECTION) counts only when it also targets a model's instructions or names a model.
TARGETED = re.compile(r"\b(previous|prior|earlier|above|preceding|system|all|your|these)\s+(\w+\s+){0,2}"
                      r"(instructions?|rules|prompts?|guides?|context|directions)\b|"
                      r"\b(instructions?|rules|prompts?|guides?)\s+(above|before)\b|"
                      r"\b(assistant|AI|chatbot|language model|LLM|the user)\b|\bjailbreak|developer mode|"
                      r"\byou are now (?!ready|in\b)|(?-i:\bDAN\b)", re.I)
# Requests to a model to pass something on to the reader.
ADDRESSED = re.compile(r"\b(AI|assistant|chatbot|language model|LLM)s?\b[^.!?\n]{0,40}\b(must (say|tell|respond|"
                       r"reply|answer)|should (say|tell|respond|reply))\b|\b(tell|instruct) the (user|reader)s? to\b|"
                       r"\bif you are an? (AI|assistant|language model|LLM|chatbot)\b", re.I)
# Names the ingest summary uses for each kind of planted text.
KINDS = {"instructions": "instructions aimed at an assistant", "comment": "a hidden HTML comment",
         "zero_width": "zero-width or direction-control characters", "role": "a chat role prompt"}


def visible(text: str) -> str:
    """The text as a reader and a regex both see it: invisible characters removed."""
    return ZERO_WIDTH.sub("", text)


@lru_cache(maxsize=16384)
def is_planted(sentence: str) -> bool:
    """Does this sentence instruct an assistant (or open a chat turn) instead of informing a reader?

    Cached, and TARGETED is tried before INJECTION (whose sentence-wide prefix costs milliseconds per
    sentence): the answerer asks this of every guide sentence it may quote, on every request.
    """
    s = visible(sentence)
    return bool(ROLE_PROMPT.search(s) or ADDRESSED.search(s) or (TARGETED.search(s) and INJECTION.search(s)))


def planted_kinds(raw: str) -> list[str]:
    """Names of every kind of planted text in a raw guide (before cleaning hides the evidence)."""
    found = []
    if any(is_planted(c) or TARGETED.search(c) for c in HIDDEN_COMMENT.findall(visible(raw))):
        found.append(KINDS["comment"])
    body = HIDDEN_COMMENT.sub(" ", visible(raw))
    if any(is_planted(line) and not ROLE_PROMPT.search(line) for line in body.splitlines()):
        found.append(KINDS["instructions"])
    if ZERO_WIDTH.search(raw):
        found.append(KINDS["zero_width"])
    if ROLE_PROMPT.search(body):
        found.append(KINDS["role"])
    return found


def without_planted(text: str, note: str = "[text aimed at an assistant removed]") -> str:
    """Text with each planted sentence replaced by a note (what an LLM is shown of a flagged passage)."""
    lines = []
    for line in visible(text).split("\n"):
        if is_planted(line):
            parts = split_sentences(line)
            line = " ".join(note if is_planted(p) else p for p in parts) if len(parts) > 1 else note
        lines.append(line)
    return "\n".join(lines)
