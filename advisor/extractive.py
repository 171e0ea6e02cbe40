"""The default answerer: a short answer built from verbatim guide sentences, each cited. No model needed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.clean import HEADING, LIST_ITEM, split_sentences
from advisor.lexical import tokenize
from advisor.schema import Answer, Citation, Passage

NUMERIC_Q = re.compile(r"\b(how (much|many|long)|salary|salaries|earn|pay|paid|cost|costs|tuition|fees?|"
                       r"wage|income|growth|grow|percent|years?|duration)\b", re.I)
FIGURE = re.compile(r"(\$\s?\d|\d[\d,.]*\s?(%|percent|years?|months?|k\b)|\b(one|two|three|four|five|six)\s"
                    r"(to\s\w+\s)?(years?|months?)\b)", re.I)
LIST_Q = re.compile(r"^\s*(what|which|name|list)\b.*\b(languages|skills|steps|tools|industries|companies|resources|"
                    r"options|types|kinds|aspects|responsibilities|specialties|positions|titles|jobs|roles|"
                    r"opportunities|things|ways|websites|platforms|frameworks|libraries|duties|tasks|downsides|"
                    r"benefits|pros|cons|challenges|internships|traits|qualities)\b", re.I)
YES_NO_Q = re.compile(r"^\s*(do|does|is|are|can|should|will|would|must|need)\b", re.I)
CONTRAST = re.compile(r"\b(however|but|not (the only|necessarily|required|mandatory|out of the question|enough)|"
                      r"alternative|while not|although|self-taught|instead|don['’]t need|no specific|"
                      r"isn['’]t required)\b", re.I)
# Sentences about the article rather than the career ("Before we look at...", "This article explores...").
META = re.compile(r"\b(this (article|post|guide|blog)|let['’]s|before we|in this (article|post)|read on|by now|"
                  r"as (mentioned|discussed) (above|earlier)|we mentioned)\b", re.I)
# Words every guide repeats: they say nothing about which sentence answers the question.
GENERIC = frozenset(tokenize("machine learning ml engineer engineers engineering become becoming career job role"))


@dataclass(frozen=True)
class Unit:
    """A sentence or list item of a passage: the smallest thing an answer quotes."""

    text: str
    passage: int  # index into the passages list
    is_item: bool
    lead_in: str  # for list items: the sentence introducing the list ('' if none)


def units_of(passages: list[Passage]) -> list[Unit]:
    """Split passages into quotable units, dropping headings, table rows and fragments."""
    out: list[Unit] = []
    for i, p in enumerate(passages):
        last_para = ""
        for line in p.text.splitlines():
            s = line.strip()
            if not s or HEADING.match(s) or s.startswith("|"):
                continue
            if LIST_ITEM.match(line):
                item = LIST_ITEM.sub("", line).strip()
                if len(item) >= 3:
                    out.append(Unit(item, i, True, last_para))
                continue
            sentences = split_sentences(s)
            last_para = sentences[-1] if sentences else ""
            out.extend(Unit(x, i, False, "") for x in sentences if len(x) >= 25 and not x.endswith("?"))
    return out


def _unit_line(u: Unit, n: int) -> str:
    # Every sentence carries its marker, also inside a multi-sentence list item.
    text = " ".join(f"{s} [{n}]" for s in split_sentences(" ".join(u.text.split())))
    return f"- {text}" if u.is_item else text


class ExtractiveAnswerer:
    """Scores every sentence of the retrieved passages against the question and quotes the best few."""

    name = "extractive"

    def __init__(self, embeddings: Embeddings, max_points: int = 4) -> None:
        self.embeddings = embeddings
        self.max_points = max_points
        self._passages: list[Passage] = []
        self._cache: dict[str, np.ndarray] = {}

    def _scores(self, question: str, units: list[Unit]) -> tuple[np.ndarray, np.ndarray]:
        qv = np.asarray(self.embeddings.embed_query(question), dtype=np.float32)
        missing = list(dict.fromkeys(u.text for u in units if u.text not in self._cache))
        if missing:
            if len(self._cache) > 50_000:  # bounded: passages repeat across questions, corpora can be big
                self._cache.clear()
            for t, v in zip(missing, self.embeddings.embed_documents(missing), strict=True):
                self._cache[t] = np.asarray(v, dtype=np.float32)
        uv = np.stack([self._cache[u.text] for u in units])
        sim = uv @ qv
        qwords = set(tokenize(question)) - GENERIC
        lex = np.array([len(qwords & set(tokenize(u.text))) / max(len(qwords), 1) for u in units], dtype=np.float32)
        # Trust the retriever: a unit from a better-ranked passage starts ahead.
        top = max(p.score for p in self._passages) or 1.0
        prior = np.array([0.3 * self._passages[u.passage].score / top for u in units], dtype=np.float32)
        penalty = np.array([0.3 if META.search(u.text) or u.text.endswith(":") else 0.0 for u in units],
                           dtype=np.float32)
        score = sim + 0.4 * lex + prior - penalty
        if NUMERIC_Q.search(question):
            score += np.array([0.25 if FIGURE.search(u.text) else 0.0 for u in units], dtype=np.float32)
        return score, uv

    def select(self, question: str, passages: list[Passage]) -> list[Unit]:
        """The units to quote, lead first."""
        units = units_of(passages)
        if not units:
            return []
        self._passages = passages
        score, vecs = self._scores(question, units)
        # Lone fragments ("Programming Skills") and bare lead-ins ("Here are the skills:") never stand alone.
        alone = np.array([not u.text.endswith(":") and (len(u.text) >= 25 or bool(u.is_item and u.lead_in))
                          for u in units])
        lead = int(np.argmax(np.where(alone, score, -1e9)))
        lead_unit = units[lead]
        if LIST_Q.search(question) and not NUMERIC_Q.search(question):
            groups: dict[tuple[int, str], list[int]] = {}
            for i, u in enumerate(units):
                if u.is_item:
                    groups.setdefault((u.passage, u.lead_in), []).append(i)
            if groups:
                def strength(ids: list[int]) -> float:
                    return float(np.mean(sorted((float(score[i]) for i in ids), reverse=True)[:3]))
                group = max(groups.values(), key=strength)
                if len(group) >= 2 and strength(group) >= 0.8 * float(score[lead]):
                    return [units[i] for i in group[:6]]  # a list answer, in the guide's order
        chosen = [lead]
        docs = {passages[lead_unit.passage].doc_id}
        floor = float(score[lead]) * 0.7
        yes_no = bool(YES_NO_Q.search(question))
        while len(chosen) < self.max_points:
            best, best_val = -1, -1e9
            for i, u in enumerate(units):
                if i in chosen or score[i] < floor or not alone[i]:
                    continue
                redundancy = max(float(vecs[i] @ vecs[j]) for j in chosen)
                if redundancy > 0.9:
                    continue
                # Prefer other guides: where sources disagree (yes/no questions), the answer shows both.
                novelty = 0.1 if passages[u.passage].doc_id not in docs else 0.0
                if yes_no and novelty and CONTRAST.search(u.text):
                    novelty += 0.2
                val = float(score[i]) - 0.5 * redundancy + novelty
                if val > best_val:
                    best, best_val = i, val
            if best < 0:
                break
            chosen.append(best)
            docs.add(passages[units[best].passage].doc_id)
        if yes_no and not any(CONTRAST.search(units[i].text) for i in chosen):
            # Where guides disagree, show the other side too, if a guide states it.
            others = [i for i, u in enumerate(units) if i not in chosen and CONTRAST.search(u.text)
                      and score[i] >= 0.6 * score[lead]]
            if others:
                chosen.append(max(others, key=lambda i: float(score[i])))
        return [units[i] for i in chosen]

    def compose(self, question: str, passages: list[Passage]) -> tuple[str, tuple[Citation, ...]]:
        """Answer text with [n] markers and the citations it uses."""
        selected = self.select(question, passages)
        numbers: dict[int, int] = {}
        lines: list[str] = []
        done: set[int] = set()
        for k, u in enumerate(selected):
            if k in done:
                continue
            n = numbers.setdefault(u.passage, len(numbers) + 1)
            if not u.is_item:
                lines.append(_unit_line(u, n))
                continue
            # List items are quoted together, under the sentence that introduces their list.
            group = [j for j in range(k, len(selected)) if selected[j].is_item
                     and (selected[j].passage, selected[j].lead_in) == (u.passage, u.lead_in)]
            done.update(group)
            if u.lead_in:
                lines.append(f"{' '.join(u.lead_in.split())} [{n}]")
            lines.extend(_unit_line(selected[j], n) for j in group)
        citations = tuple(Citation(n, passages[i]) for i, n in sorted(numbers.items(), key=lambda x: x[1]))
        return _join_prose(lines), citations

    def stream(self, question: str, passages: list[Passage]) -> Iterator[str | Answer]:
        """Yield the answer line by line, then the Answer."""
        text, citations = self.compose(question, passages)
        yield from text.splitlines(keepends=True)
        yield Answer(text=text, citations=citations)


def _join_prose(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if line.startswith("- ") or not out or out[-1].startswith("- "):
            out.append(line)
        else:
            out[-1] = out[-1] + " " + line
    return "\n".join(out)
