"""Question (+ history) -> ranked Passages: dense (Chroma), heading and BM25 signals fused, de-duplicated."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.clean import LIST_ITEM, MARKER, NUMBERED_ITEM
from advisor.config import Settings
from advisor.embeddings import query_vector, query_vectors, vectors
from advisor.index import ChunkIndex, chunk_from_record, embedding_text, heading_text
from advisor.lexical import BM25, QUESTION_OPENER, STOPWORDS, tokenize
from advisor.schema import Chunk, Passage, Turn, last_answer

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "bm25"]

# Words that make a question lean on the one before it ("and for seniors?", "how long does that take?", "is java ok
# too"); English words, not fitted on questions. A follow-up opening on a word of the first ("what about seniors?")
# keeps the frame of the question before; one with only a word of the second ("how much do they pay?") asks anew
# about something said before.
TAKES_FRAME = re.compile(r"^\s*(what about|how about|what if|for|in|same|why)\b", re.I)
POINTS_BACK = re.compile(r"\b(it|its|that|this|those|these|they|them|there|he|she|ones?(?! more)|too|else|instead|"
                         r"either)\b", re.I)
# Words that join a message to the one before without asking about it ("ok what companies hire ml engineers"): a
# question after them that stands on its own is a new one.
# Thanks and the like before a question join it too ("ok thanks. do i need a masters or can i skip it", "ok last
# thing, how much do they make").
# ("hm ok. and in europe?": a thirty-fourth probe's was searched alone, and got the demand forecast)
CONNECTIVE = re.compile(r"^\s*(?:(?:and|but|also|so|then|ok(?:ay)?|alright|really|well|hm+|thanks|thank you|thx|ty|"
                        r"cool|got it|great|nice|perfect|(?:one )?last thing|one more thing|(?:a )?quick question|"
                        r"last question)\b[\s,.!:-]*)+", re.I)
# "how much?" alone takes its meaning from the thread ("does ml require coding?" then "how much?" asks how much
# coding): searched on its own, it finds every page about money (English words).
BARE_MUCH = re.compile(r"^\W*how much\W*$", re.I)
# "why?" alone asks about the answer just given (English words).
BARE_WHY = re.compile(r"^\W*(?:why|how come|why (?:is|was) that|why so|why not|but why)\W*$", re.I)
# "examples?", "like what?", "such as?": examples of what the answer before said, which are in the passages it quoted (a
# nineteenth probe's "examples?" after skills, and after project tips, got GitHub "offering practical examples").
BARE_EXAMPLE = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|so|hmm+|any|some|got|give me|can you give(?: me)?|could you give"
                          r"(?: me)?|an?|for)\W+)*(?:examples?|e\.?g\.?|for instance|like what|such as(?: what)?)"
                          r"(?:\W+(?:pls|please|plz))?\W*$", re.I)
# "ok what about in general": the follow-up sets aside the company or place the thread named (English words).
IN_GENERAL = re.compile(r"\b(in general|generally|overall|anywhere|everywhere|any company|most companies)\b", re.I)
# Saying that this is a new question: never folded into the one before ("ok forget that, what certifications...").
NEW_TOPIC = re.compile(r"(?<!don't )(?<!dont )(?<!not )\b(forget (about )?[\w']+|never ?mind|nvm|"
                       # "ok I'll stop asking about music lol. what's the typical salary" (a thirty-third probe was told
                       # the guides say nothing about “music”)
                       r"stop (asking|talking) about [\w']+|"
                       r"(a |one )?(new|different|other|another|separate|unrelated) (question|q|topic|thing)|"
                       # "ok thanks i guess. one last thing, do companies abroad hire nigerians for this" (a
                       # thirty-fifth probe got the degree lengths of the thread before)
                       r"(one )?(last|final) (question|q|thing)|"
                       r"on another note|chang(e|ing) (the )?(subject|topic)|switching (gears|topics?)|"
                       # "thanks. totally unrelated but do you know what the job outlook is like?" (a twenty-ninth
                       # probe's got the online-credentials lines of the thread before)
                       r"unrelated(?!\s+to\b))\b"
                       # "ok whatever. what about kaggle": opening a message, waving the last one away
                       r"|(?:^|[.!?]\s*)\W*(?:ok(?:ay)?\W+|fine\W+)?(?:whatever|anyways?|moving on)\b", re.I)
# A question of this many content words or fewer says too little to stand alone ("how many?", "what are the
# downsides?"); "do i need a degree?" does.
SHORT_FOLLOW_UP = 2

# At most this many earlier questions are folded into a follow-up: its own, and the one that began the thread.
THREAD = 3

# Abbreviations the guides spell out (and the other way round), so BM25 sees both forms.
EXPANSIONS = {
    "ml": "machine learning", "ai": "artificial intelligence", "cs": "computer science",
    "nlp": "natural language processing", "pay": "salary", "earn": "salary", "paid": "salary",
    "make": "salary", "wage": "salary", "compensation": "salary", "uni": "university",
    "college": "university degree", "job": "career", "jobs": "career opportunities",
    # Everyday words for what guides call "aspects", "challenges" or "benefits".
    "downside": "worst aspects challenges", "downsides": "worst aspects challenges",
    "drawbacks": "worst aspects challenges", "cons": "worst aspects", "disadvantages": "worst aspects",
    "upsides": "best aspects benefits", "pros": "best aspects", "advantages": "best aspects benefits",
    "perks": "best aspects benefits", "beginners": "newcomers entry-level", "beginner": "newcomer entry-level",
    "path": "progression",  # "the career path" is what guides head "Career Progression"
    "ladder": "progression",  # so is "the career ladder", "the title ladder"
    "daily": "day-to-day",  # "the daily work" is what guides call "day-to-day responsibilities"
}


# Another wording of the question ("ML" spelled out), beside the question itself: equal, so either typed form
# searches the same pair alike (dev: 0.5 / 1.0 / 2.0 in eval/tuned.yaml).
ALTERNATE_WEIGHT = 1.0


@dataclass(frozen=True)
class Query:
    """The text actually searched for, and whether history was folded into it."""

    text: str
    used_history: bool
    before: str = ""  # the earlier questions folded in, when it is a follow-up


# The "it" of an idiom points at nothing said before (English): "would a masters in ml be worth it for me" is about
# its own subject (a pointing subject still points: "is that worth it"), "should i still go for it" about the step
# they weigh, "can i make it", "give it a try".
IDIOM_IT = re.compile(r"\b(?:worth|go\s+for|make|hack|pull)\s+it\b|\bgive\s+it\s+a\s+(?:try|shot|go)\b", re.I)


# "Are there ML jobs in audit firms?", "there's a cap?": a "there" that says something exists points at nothing
# (a twenty-seventh probe's question after the pay table got the pay table again). English words.
THERE_IS = re.compile(r"\b(?:(?:is|are|was|were|isn['’]?t|aren['’]?t)\s+there|there(?:['’]s|\s+(?:is|are|was|were)))\b",
                      re.I)
# The words that point back weakly: "it" is often the career itself, "there" a place in the question, "one" a person
# ("I'm the one hiring"); "that", "they", "those" point at what was said.
WEAK_POINTERS = frozenset({"it", "its", "there", "one", "ones"})
# A question of this many content words or more, pointing back only weakly, asks on its own ("do hospitals actually
# hire ML engineers or is it mostly tech companies?" after work-life balance: a twenty-seventh probe got work-life
# balance again): searched as asked, not folded into the one before.
STANDS_ALONE = 6


# "a web app that serves a model", "the course that i took": a "that" after a content word and before a verb or its
# subject opens a clause about that word, pointing at nothing said before ("is that what they mean" still points).
# English words.
RELATIVE_THAT = re.compile(r"\b([a-z]+)\s+that\s+(?=(?:can|could|will|would|should|might|may|must|is|are|was|were|has|"
                           r"have|had|does|do|did|i|you|we|they|he|she|[a-z]+(?:s|ed))\b)", re.I)
NOT_NOUNS = frozenset({"much", "many", "like", "less"})  # "how much that costs?": that still points (English)


# "saw that in the suggestions", "you suggested it": where they saw what they ask, not what it is about (a thirty-fourth
# probe's "what other positions can an ML engineer do? saw that in the suggestions" was folded into the question
# before and got the career ladder). English words.
SEEN_SUGGESTED = re.compile(r"\b(?:(?:i\s+)?(?:saw|seen|got|found|noticed)\s+(?:that|it|this)\s+(?:in|on|among|from)\s+"
                            r"(?:the|your|ur)\s+(?:suggestions?|suggested questions?|chips?|buttons?)|"
                            r"(?:you|u)\s+(?:suggested|offered)\s+(?:that|it|this))\b", re.I)


def _pointing(question: str) -> str:
    """The question without the words that only look like pointing back: the "it" of an idiom, a "there" that says
    something exists, a "that" opening a clause, where they saw a suggestion."""
    text = THERE_IS.sub(" ", IDIOM_IT.sub(" ", SEEN_SUGGESTED.sub(" ", question)))
    return RELATIVE_THAT.sub(lambda m: m.group(0) if m.group(1).lower() in STOPWORDS | NOT_NOUNS else f"{m.group(1)} ",
                             text)


def points_back(question: str) -> bool:
    """A word of the question points at something said before (POINTS_BACK), leaving aside what only looks like it."""
    return bool(POINTS_BACK.search(_pointing(question)))


# "what about remote work, is that common?": a thing named, then asked about by a word pointing at it, points at
# nothing before (a thirtieth probe got the thread's degree length and pay table). Not a place or a level put in the
# thread's frame ("what about in canada, is that different?", "what about for seniors, ..."). English words.
NAMES_THEN_ASKS = re.compile(r"^\W*(?:what|how) about\s+(?!(?:in|for|at|on|with|if|the same|same)\b)"
                             r"(?P<thing>[^,?.!]{3,40}?)\s*,\s*(?:is|are|was|were|does|do|would|will|can|could)\s+"
                             r"(?:that|it|this|they|those|these)\b", re.I)


# "ok and the interview, what they ask?": a thing named first, then asked about, is what "they" or "it" stands for (a
# thirty-fifth probe got the Brazil pay of the question before). English words.
NAMED_FIRST = re.compile(r"^\W*the\s+(?P<thing>[^,?.!]{3,40}?)\s*,\s*"
                         r"(?:what|how|which|when|where|who|why|is|are|do|does|can|could|would|will|should)\b", re.I)


# "what about math? do i need to be super good at math?": a thing named, then asked about by its name in a question of
# its own, is a new question (a thirty-fourth probe's was searched with the question before, "what do i do now in
# school", and answered with online courses). English words.
NAMES_THEN_ASKS_AGAIN = re.compile(r"^\W*(?:what|how) about\s+(?!(?:in|for|at|on|with|if|the same|same)\b)"
                                   r"(?P<thing>[^,?.!]{3,40}?)\s*[?.!]+\s+(?P<rest>\S.*)$", re.I | re.S)


def _named_again(bare: str) -> bool:
    """Does the message name a thing ("what about math?") and then ask about it by name?"""
    if (m := NAMES_THEN_ASKS_AGAIN.match(bare)) is None:
        return False
    thing = set(tokenize(m.group("thing")))
    return bool(thing) and thing <= set(tokenize(m.group("rest")))


def is_follow_up(question: str) -> bool:
    """Heuristic: short, or leaning on a pronoun or a cue ("what about"), once the words that only join it to the
    message before ("ok", "and", "so") are set aside; never when it says it is a new question, nor when it is long
    and points back only weakly, nor when it names what its pointing word stands for."""
    if NEW_TOPIC.search(question):
        return False
    bare = unjoined(question)
    if any((m := named.match(bare)) and not POINTS_BACK.search(m.group("thing"))
           and not re.search(rf"\b{NTH}\b", m.group("thing"), re.I) for named in (NAMES_THEN_ASKS, NAMED_FIRST)):
        return False  # "what about kiln work, is that common?", "and the interview, what do they ask?"
    if _named_again(bare):
        return False
    if TAKES_FRAME.match(bare):
        return True
    pointing = _pointing(bare)
    pointers = {w.lower() for w in POINTS_BACK.findall(pointing)}
    size = len(tokenize(bare))
    if pointers and pointers <= WEAK_POINTERS and size >= STANDS_ALONE:
        return False
    # Said at length before its first pointing word, it points at what it said itself ("US figures not useful for me.
    # my company has some AI projects, should i ask manager to shift me into that team?": a thirty-fourth probe got
    # the pay table of the question before again), unless it says it follows on ("as you said").
    first = POINTS_BACK.search(pointing)
    if first is not None and len(tokenize(pointing[:first.start()])) >= STANDS_ALONE \
            and not FOLLOWS_ON.search(question):
        return False
    return bool(pointers) or size <= SHORT_FOLLOW_UP


# Words that only follow on from an earlier message ("explain that again", "same question but for remote jobs").
FOLLOWS_ON = re.compile(r"\b(again|same question|as you said|you (?:said|mentioned))\b", re.I)


# Pointing at something said before: "it", "this" and "they" often mean the career or its people on a first
# message ("can i realistically do this with my schedule?").
POINTS_AT_SAID = re.compile(r"\b(that|those|these)\b", re.I)


def leans_back(question: str) -> bool:
    """A short message that can only follow on from an earlier one ("is that normal?", "and for seniors?",
    "explain that again", "same question but for remote jobs"), not one that is only short ("salary?") or says
    "it" of the career ("can i do it part time")."""
    bare = unjoined(question)
    size = len(tokenize(bare))
    if FOLLOWS_ON.search(question):
        return size <= SHORT_FOLLOW_UP + 2
    return size <= SHORT_FOLLOW_UP and bool(POINTS_AT_SAID.search(bare) or TAKES_FRAME.match(bare) or bare != question)


def contextualize(question: str, history: Sequence[Turn] | None) -> Query:
    """Fold the previous user question into a follow-up so it can be searched on its own; a follow-up of a
    follow-up ("why?" after "say more about the second one?") folds in the question that began the thread too."""
    previous = _asked(history)
    if not previous or not is_follow_up(question):
        return Query(question, False)
    thread = _thread(previous)
    return Query(" ".join([*thread, question.strip()]), True, " ".join(thread))


def _asked(history: Sequence[Turn] | None) -> list[str]:
    """The person's earlier messages, oldest first, each from where it said it asks anew ("you keep saying demand is
    growing. ok, different q: is it true ML engineers make more...": the demand is not what "and in europe?" after it
    is about; a thirty-fourth probe got the demand forecast)."""
    return [_from_new_topic(t["content"]) for t in (history or [])
            if t.get("role") == "user" and t.get("content", "").strip()]


def _from_new_topic(message: str) -> str:
    """The message after the last place it says a new question begins (NEW_TOPIC), when something follows."""
    said = list(NEW_TOPIC.finditer(message))
    rest = message[said[-1].end():].lstrip(" :,.;!-") if said else ""
    return rest if tokenize(rest) else message


def _thread(previous: Sequence[str]) -> list[str]:
    """The last question, and the ones before it back to the one that began its thread (at most THREAD)."""
    thread = [previous[-1].strip()]
    for earlier in reversed(previous[-THREAD:-1]):
        if not is_follow_up(thread[0]):
            break
        thread.insert(0, earlier.strip())
    return thread


# "how much do they cost?" after "are bootcamps a good way in?": a plural pronoun, and the things it stands for.
PLURAL_PRONOUN = re.compile(r"\b(they|them|those|these)\b", re.I)
# English words ending in -s that are no things a pronoun stands for: adverbs, spans of time, thanks, people.
NOT_THINGS = frozenset("always sometimes perhaps nowadays thanks years months weeks days hours minutes others yes "  # noqa: SIM905
                       "guys folks".split())
_PLURAL = re.compile(r"\b(?:([a-z][\w+#-]*)\s+)?([a-z][a-z-]{2,}(?<![sui])s)\b", re.I)  # not "glass", "bus", "basis"
# A word in -s after "something that", "which", "it" is a verb, no thing ("is there something from music that
# transfers?": a thirty-first probe's "how much do they earn at the start" then asked what transfers earn). English.
VERB_AFTER = re.compile(r"\b(?:(?:(?:some|any|every|no)thing\s+(?:that|which)|which|who|it|he|she)\s+[a-z]+s\b|"
                        r"that\s+[a-z]+s(?=\s*(?:[?.!,;]|$)))", re.I)  # "... from music that transfers?"


# "tell me more about step 3", "the second one?", "and the last option": an item of the answer before, by its place
# (English ordinals).
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# "one" ending the question stands for one of the things asked about before ("how do i find one" after "what
# internships are there"): searched as those things. Not after a word that picks one ("which one", "the first one",
# "a good one"): English words.
ONE_OF_THEM = re.compile(r"(?:^|(?<=\s))(?:(?P<before>[\w'’]+)\s+)?(?P<one>one)(?=\s*[?.!]*\s*$)", re.I)
PICKS_ONE = frozenset(("which", "the", "this", "that", "each", "every", "any", "no", "a", "an", "good", "best",
                       "right", "other", "another", "only", "same", "new", "last", *ORDINALS))


def _one_of_them(question: str) -> re.Match[str] | None:
    """"one" ending the question, not after a word that picks one (PICKS_ONE)."""
    m = ONE_OF_THEM.search(question)
    return m if m and (m.group("before") or "").lower() not in PICKS_ONE else None


NTH = rf"({'|'.join(ORDINALS)}|last|1st|2nd|3rd|[4-9]th|10th)"  # a place word, captured
# Inside a question only "the second one/item/option/point" points back: "what is the first step to..." or "the
# number 1 skill" asks anew; "the third step" does at the question's end, or at its start set off by a comma ("the
# first step, how do i do it").
_PLACE_NOUN = r"(?:\s+(?:one|item|step|point|option|thing|stage|type|kind|sort|category))?"  # "the first type"
ITEM_BY_PLACE = re.compile(rf"\bthe\s+{NTH}{_PLACE_NOUN}(?=\s*[?.!,]*\s*$)"
                           rf"|^\W*(?:(?:and|ok|okay|so)\W+)?the\s+{NTH}{_PLACE_NOUN}(?=\s*[,:;–—-])"
                           rf"|\bthe\s+{NTH}\s+(?:one|item|point|option)\b"
                           r"|(?:\b(?:step|item|point|option)\s*|#)(\d{1,2})\b", re.I)
# An item of a list or plan as an answer writes it: "- Label: ..." or "3. Label: ..." (its label ends at a colon),
# or "- A sentence. [2]" with no label; its citation markers are no part of what it says.
_ITEM_LINE = re.compile(rf"{LIST_ITEM.pattern}(.+)$", re.M)
_LABELLED = re.compile(r"\**([^:\n*]{2,80}?)\**\s*:(.*)")
_CITED = re.compile(rf"\s*{MARKER.pattern}")


def _items(answer: str, numbered: bool = False) -> list[tuple[str, str] | None]:
    """(label, what follows it) for each item of an answer's lists; None for an item without a label. A short name
    ("- C++ [1]") is its own label (a twenty-second probe's "the first one, where do i start with it" after a list of
    languages got the whole plan)."""
    out: list[tuple[str, str] | None] = []
    for item in _ITEM_LINE.finditer(answer):
        if numbered and not NUMBERED_ITEM.match(item.group(0)):
            continue
        line = item.group(1)
        m = _LABELLED.match(line)
        bare = " ".join(_CITED.sub("", line).split())
        out.append((" ".join(_CITED.sub("", m.group(1)).split()), " ".join(_CITED.sub("", m.group(2)).split()))
                   if m else (bare, "") if is_name(bare) else None)
    return out


def has_items(answer: str) -> bool:
    """The answer holds a list or plan, whose items a follow-up may name by their place."""
    return _ITEM_LINE.search(answer) is not None


def item_lines(answer: str) -> list[str]:
    """What each item of the answer's lists and plans says, as written."""
    return [m.group(1) for m in _ITEM_LINE.finditer(answer)]


NAME_WORDS = 3  # an item of this many words at most, with no full stop, is a name ("C++", "Data Manipulation")


def is_name(item: str) -> bool:
    """An item (without its citation markers) that is only a name: NAME_WORDS words at most and no full stop."""
    return 0 < len(item.split()) <= NAME_WORDS and not item.endswith(".")


@dataclass(frozen=True)
class NamedItem:
    """An item of an earlier answer that a follow-up names by its place ("step 3", "the second one")."""

    label: str  # "Learn Programming Languages"
    asked: str  # the follow-up with the label in place of "step 3"
    searched: str  # ...with what the item said after its label too: a label alone says little to a search
    said: str = ""  # what the item said after its label


# Asking what a thing is or means ("whats 'ML system design' mean", "what is a feature store", "tell me more about
# tech companies", "explain the coding challenges part"): English question shapes.
ASKS_WHAT_IT_IS = re.compile(r"^\W*(?:(?:so|and|ok(?:ay)?|wait|hmm+)\W+)*"
                             r"(?:what(?:['’]?s|\s+is|\s+are|\s+does|\s+do)\b|tell me (?:more )?about\b|explain\b|"
                             r"more on\b|what about\b|"
                             r"(?:can|could) you (?:explain|tell me (?:more )?about)\b)", re.I)


def place_index(word: str) -> int:
    """The index a place word says ("first": 0, "3rd" or "3": 2; "last" or "final": -1; "0": -1 as well, which
    callers tell from "last" by the word)."""
    if word in ("last", "final"):
        return -1
    if word in ORDINALS:
        return ORDINALS.index(word)
    return int(re.sub(r"\D", "", word)) - 1  # "3", "1st", "2nd", "4th"...


def named_item(question: str, history: Sequence[Turn] | None,
               generic: frozenset[str] = frozenset()) -> NamedItem | None:
    """The item a follow-up names by its place ("tell me more about step 3", "and the second one?"), read off the
    answers before: its label replaces the place ("tell me more about Learn Programming Languages"). None when the
    question names no item by its place or no answer has such an item.

    The items are those of the latest answer that has that many: "and the third one?" after an answer on step 1 (no
    list, or a short one of its own) asks about the plan's third step. An item without a label names nothing: after
    "should i build a portfolio or do certifications", "the first one" may be theirs as well as the answer's."""
    return _by_place(question, history) or _named_by_label(question, history, generic)


def _by_place(question: str, history: Sequence[Turn] | None) -> NamedItem | None:
    """The item named by its place, or by "that one" right after a question that named it so."""
    if (m := ITEM_BY_PLACE.search(question)) is None:
        return _named_before(question, history)
    return _in_place(question, m, *item) if (item := _item_at(m, history)) is not None else None


def _item_at(m: re.Match[str], history: Sequence[Turn] | None) -> tuple[str, str] | None:
    """(label, what it said) of the item an ITEM_BY_PLACE match names, in the latest answer that has that many."""
    word = next((g for g in m.groups() if g), "").lower()
    at = place_index(word)
    answers = [t["content"] for t in history or [] if t.get("role") == "assistant"]
    # "step 2" is of a numbered list (a plan), not the second bullet of a list of languages after it.
    items = next((found for a in reversed(answers) if len(found := _items(a, _is_step(m))) > max(at, 0)), [])
    if not items or (at < 0 and word != "last"):  # "step 0"
        return None
    return items[at]  # None: an item without a label names nothing


def _is_step(m: re.Match[str]) -> bool:
    """The place an ITEM_BY_PLACE match says is a step ("step 2"), of a numbered list."""
    return m.group(0).lower().startswith("step")


def names_step(question: str) -> bool:
    """The question names a step by its number ("step 2, where do i start with it")."""
    return (m := ITEM_BY_PLACE.search(question)) is not None and _is_step(m)


def _in_place(question: str, m: re.Match[str], label: str, text: str) -> NamedItem:
    """The question with the item's label where m matched."""
    before, after = question[:m.start()], question[m.end():]
    asked = f"{before}{label}{after}"
    return NamedItem(label, asked, f"{before}{label} ({text}){after}" if text else asked, text)


# "how long for that one", "is that step hard": the item the question before named by its place (English words).
THAT_ONE = re.compile(r"\b(?:that|this)\s+(?:one|step|item|part|point|stage)\b", re.I)


def _named_before(question: str, history: Sequence[Turn] | None) -> NamedItem | None:
    """"how long for that one" right after "step 3?": the item the question before named (by its place, or so in
    turn), "that one" standing for it. A twentieth probe's was answered with degree durations, its thread's first
    question."""
    turns = list(history or [])
    if (m := THAT_ONE.search(question)) is None or len(turns) < 2 or turns[-2].get("role") != "user":
        return None
    before = _by_place(turns[-2]["content"], turns[:-2])
    return _in_place(question, m, before.label, before.said) if before is not None else None


def _named_by_label(question: str, history: Sequence[Turn] | None, generic: frozenset[str]) -> NamedItem | None:
    """An item of the answer just before that a question asking what a thing is names by its whole label, of two
    words or more ("whats 'ML system design' mean" after the interview rounds): searched with what the item said,
    as an item named by its place is. Not a label of the guides' subject alone (generic: "Machine Learning
    Engineer" in a career ladder is what every question names)."""
    if not ASKS_WHAT_IT_IS.match(question):
        return None
    last = last_answer(history or [])
    said = " ".join(re.findall(r"[a-z0-9+#]+", question.lower()))
    for item in _items(last):
        if item is None:
            continue
        label, text = item
        words = re.findall(r"[a-z0-9+#]+", label.lower())
        if len(words) >= 2 and not set(tokenize(label)) <= generic and re.search(rf"\b{' '.join(words)}\b", said):
            return NamedItem(label, question, f"{question} ({text})" if text else question)
    return None


# A thing "they" may stand for though it is not plural, or what they deal with: "the studio", "that company", "my
# interview", a name ("Meta") said mid-sentence.
ONE_OF_A_KIND = re.compile(r"\b(?:the|this|that|my|your|his|her|our|their)\s+[a-z]+|(?<=[a-z,]\s)[A-Z][A-Za-z]+")


def resolved(question: str, history: Sequence[Turn] | None, people: str = "") -> str | None:
    """The follow-up with its one plural pronoun (or a last "one") replaced by the one plural noun (with the word
    before it, when that is a content word: "ml engineers") of the question that began its thread; None when there is
    no such single pronoun, nothing plural it could stand for ("how much do they pay?" after "is meta hiring?"), or
    two things. With people given (the guides' subject in the plural), a "they" with nothing plural nor anything
    of its own kind said before stands for them.

    Used where no model rewrites a follow-up: the answer to "how much do they cost?" after "are bootcamps a good
    way in?" is then about bootcamps, judged on its own, rather than the thread folded into a question whose
    quoted sentences (university tuition) never speak of bootcamps."""
    previous = _asked(history)
    bare = unjoined(question)
    one = _one_of_them(question)  # it ends the question, so joining words before it ("ok and ...") change nothing
    pronouns = PLURAL_PRONOUN.findall(bare) + ([one.group(0)] if one else [])
    if not previous or len(pronouns) != 1 or len(POINTS_BACK.findall(bare)) != 1:
        return None
    if (pronoun := PLURAL_PRONOUN.search(question)) is not None and one is None:
        # "what about the interviews thing you mentioned, what are they like": the one plural the message says before
        # its pronoun (a thirty-fourth probe's was folded into the question before, and hedged)
        # ...in a clause before the pronoun's own ("what engineering skills do they mean" asks what others mean)
        before = re.split(r"[,.;!?]+|\band\b", question[:pronoun.start()])[:-1]
        said = [m.group(2) for m in _PLURAL.finditer(VERB_AFTER.sub(" ; ", " ; ".join(before)))
                if tokenize(m.group(2)) and m.group(2).lower() not in NOT_THINGS]
        if len(said) == 1:
            return question[:pronoun.start()] + said[0] + question[pronoun.end():]
    # The question that began the thread: "how long do they take?" after "how much do they cost?" is still bootcamps.
    began = VERB_AFTER.sub(" ; ", _thread(previous)[0])
    plurals = [(m.group(1), m.group(2)) for m in _PLURAL.finditer(began)
               if tokenize(m.group(2)) and m.group(2).lower() not in NOT_THINGS]
    if not plurals and people and one is None and PLURAL_PRONOUN.search(bare) and not ONE_OF_A_KIND.search(began):
        # "what do they get paid tho" after "do i need to be good at math": nothing plural said before, nor a company
        # or the like ("is the studio hiring?", "is Meta hiring?"), so "they" are the people of the career (people:
        # the guides' subject in the plural); a twenty-seventh probe's was hedged, folded into the maths question.
        return PLURAL_PRONOUN.sub(people, question, count=1)
    if len(plurals) != 1:  # "what skills do ml engineers need" then "do they need a degree?": which one is meant
        return None
    head, noun = plurals[0]
    things = f"{head} {noun}" if head and tokenize(head) else noun
    if one is not None:  # "how do i find one" -> "how do i find internships"
        return question[:one.start("one")] + things + question[one.end("one"):]
    return PLURAL_PRONOUN.sub(things, question, count=1)


def unjoined(question: str) -> str:
    """The question without the words that only join it to the message before ("ok and scholarships?")."""
    return CONNECTIVE.sub("", question)


def complete(question: str) -> bool:
    """A question that asks anew with no word pointing back ("do i need a degree?", "which skills am i missing"): it
    follows only for being short, so it can be judged on its own as well as with the thread before it."""
    return asks_anew(question) and not points_back(unjoined(question))


def asks_anew(question: str) -> bool:
    """A follow-up that asks its own question ("and is it worth it?", "how long does that take?"), not one that
    only changes a word of the one before ("and for seniors?"): its shape (yes/no, an amount, a list) is its own."""
    bare = unjoined(question)
    return bool(QUESTION_OPENER.match(bare)) and not TAKES_FRAME.match(bare)


def as_question(text: str) -> str:
    """One closing "?" however the question was typed: a "?" alone moved one question's similarity to a passage
    by 0.07 (a throwaway comparison), and the same question should find the same passages (`advisor eval
    --split dev` without and with this call in Advisor.stream, on the code of 2026-12-02: persona invariance
    0.767 -> 0.833, fact coverage 0.736 -> 0.753, wrong declines 0.022 -> 0.016; profile invariance 1.000 ->
    0.960)."""
    core = text.rstrip().rstrip("?.!").rstrip()
    return f"{core}?" if core else text


def expand(query: str) -> str:
    """Append spelled-out forms of abbreviations for the lexical side."""
    words = set(re.findall(r"[a-z]+", query.lower()))
    extra = [EXPANSIONS[w] for w in sorted(words) if w in EXPANSIONS]
    return " ".join([query, *extra])


@lru_cache(maxsize=2048)
def _shingles(text: str) -> frozenset[str]:
    # Cached: every candidate is compared with each kept passage, and stemming was 40% of retrieval time
    # (cProfile over the bench questions); the same chunks come back across questions too.
    toks = tokenize(text)
    return frozenset(" ".join(toks[i:i + 3]) for i in range(max(len(toks) - 2, 1)))


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    """Jaccard similarity of word 3-grams at or above threshold."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return a.strip() == b.strip()
    return len(sa & sb) / len(sa | sb) >= threshold


class HybridRetriever:
    """Candidates from dense and BM25 search, scored on three normalised signals and fused by weights.

    Signals: cosine similarity to the chunk text, cosine similarity to its heading path (guide headings
    are often the very question asked), and BM25. Weights come from eval/ (see README); reciprocal rank
    fusion was measured too and scored lower on every metric.
    """

    def __init__(self, index: ChunkIndex, embeddings: Embeddings, settings: Settings) -> None:
        self.index = index
        self.embeddings = embeddings
        self.settings = settings
        self._lock = threading.Lock()
        self._lexical: tuple[str, BM25, list[Chunk], dict[str, int]] | None = None
        self._sections: tuple[str, tuple[str, ...]] = ("", ())
        # (revision, (doc_id, section) -> its chunks in reading order, (doc_id, section) -> its subsections)
        self._by_section: tuple[str, dict[tuple[str, str], list[Chunk]], dict[tuple[str, str], list[str]]] = \
            ("", {}, {})
        # Every heading path's vector, one float32 row each, filled in the background once per revision.
        self._headings: tuple[str, dict[str, int], np.ndarray] | None = None
        self._prepare_job: threading.Thread | None = None
        # Every chunk's stored vector in the lexical index's order, loaded by the same background job: the
        # dense side then searches exactly in memory instead of two Chroma reads per question.
        self._dense: tuple[str, np.ndarray] | None = None
        self.background = True  # False: no background job (a one-question command; headings embed on demand)

    def _bm25(self) -> tuple[BM25, list[Chunk], dict[str, int]]:
        """The lexical index, rebuilt from Chroma whenever the collection's revision changes."""
        rev = self.index.revision()
        with self._lock:
            if self._lexical is None or self._lexical[0] != rev:
                chunks = self.index.all_chunks()
                bm25 = BM25([embedding_text(c.title, c.section, c.text) for c in chunks])
                self._lexical = (rev, bm25, chunks, {c.chunk_id: i for i, c in enumerate(chunks)})
                if self.background:
                    self._prepare_job = threading.Thread(target=self.prepare_revision, args=(rev, chunks),
                                                         daemon=True, name="advisor-prepare")
                    self._prepare_job.start()
            return self._lexical[1], self._lexical[2], self._lexical[3]

    def prepare_revision(self, rev: str, chunks: list[Chunk], batch: int = 256) -> None:
        """Build this revision's two matrices on a background thread: every distinct heading path's vector,
        then every chunk's stored vector.

        At the scale corpus, embedding the headings of each question's new candidates on first sight was
        64% of retrieval time (scripts/profile_requests.py), and the two Chroma reads of the dense side about
        8 ms of every question (a throwaway timing loop); until this finishes, both happen per question.
        """
        texts = list(dict.fromkeys(heading_text(c.title, c.section) for c in chunks))
        # Rows live here, not in the query cache; ingest saved most of them (TextVectors), else embed.
        fetch = getattr(self.embeddings, "uncached", None)
        parts = []
        for i in range(0, len(texts), batch):
            part = texts[i:i + batch]
            got = fetch(part) if fetch is not None else dict(zip(part, vectors(self.embeddings, part), strict=True))
            parts.append(np.stack([got[t] for t in part]))
        rows = np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)
        self._headings = (rev, {t: i for i, t in enumerate(texts)}, rows)
        try:
            dense = self.index.matrix([c.chunk_id for c in chunks])
        except Exception:  # e.g. rows a killed ingest left unreadable: Chroma answers instead
            log.info("chunk vectors not loaded for revision %s; searching through Chroma", rev, exc_info=True)
            return
        # Rows as stored (the embedders normalise, so a dot product is the cosine): a candidate scores exactly
        # what it scored through Chroma, whichever path found it.
        self._dense = (rev, dense)

    def wait_until_prepared(self, timeout: float | None = None) -> bool:
        """Block until this revision's heading and chunk matrices are ready (the bench waits, so timings are
        steady). False if either is missing (e.g. chunk vectors a killed ingest left unreadable)."""
        job = self._prepare_job
        if job is not None:
            job.join(timeout)
        return self._headings is not None and self._headings[0] == self._revision() and self._matrix() is not None

    def _revision(self) -> str:
        """The revision of the lexical index in memory ('' before the first read)."""
        return self._lexical[0] if self._lexical is not None else ""

    def _matrix(self) -> np.ndarray | None:
        """Every chunk's vector, in the lexical index's order, if loaded for the revision in memory."""
        ready = self._dense
        return ready[1] if ready is not None and ready[0] == self._revision() else None

    def corpus(self) -> tuple[str, list[Chunk], frozenset[str]]:
        """(index revision, every chunk, every term): for statistics derived from the guides, per revision."""
        lexical, chunks, _ = self._bm25()
        return self._revision(), chunks, lexical.vocabulary

    def sections(self) -> tuple[str, ...]:
        """Distinct section paths of the indexed guides, in a stable order; cached per index revision."""
        chunks = self._bm25()[1]
        rev = self._revision()
        if self._sections[0] != rev:
            self._sections = (rev, tuple(dict.fromkeys(c.section for c in chunks)))
        return self._sections[1]

    def section_chunks(self, doc_id: str, section: str) -> list[Chunk]:
        """Every chunk of one section of one guide, in reading order, from this revision's chunks in memory
        (a filtered Chroma read was 5 ms of every answer at the scale corpus, under cProfile:
        scripts/profile_requests.py ask)."""
        chunks = self._bm25()[1]
        rev = self._revision()
        if self._by_section[0] != rev:
            grouped: dict[tuple[str, str], list[Chunk]] = {}
            for c in chunks:
                grouped.setdefault((c.doc_id, c.section), []).append(c)
            by_section = {key: sorted(group, key=lambda c: c.start) for key, group in grouped.items()}
            children: dict[tuple[str, str], list[tuple[int, str]]] = {}
            for (doc, path), group in by_section.items():
                if " > " in path:
                    children.setdefault((doc, path.rsplit(" > ", 1)[0]), []).append((group[0].start, path))
            self._by_section = (rev, by_section,
                                {key: [path for _, path in sorted(under)] for key, under in children.items()})
        return list(self._by_section[1].get((doc_id, section), []))

    def children(self, doc_id: str, section: str) -> list[str]:
        """The sections right under this one in one guide ("... > 1. Foundational Programming" under "The
        Essential Skill Set"), in reading order; grouped with the sections, once per revision."""
        self.section_chunks(doc_id, section)  # builds this revision's grouping
        return list(self._by_section[2].get((doc_id, section), []))

    def _chunk_vectors(self, cands: list[Chunk], pos: dict[str, int]) -> np.ndarray:
        """The candidates' stored vectors: rows of this revision's matrix when loaded, else read from Chroma."""
        matrix = self._matrix()
        if matrix is not None and all(c.chunk_id in pos for c in cands):  # a Chroma hit may be newer
            return matrix[[pos[c.chunk_id] for c in cands]]
        stored = self.index.vectors([c.chunk_id for c in cands])
        return np.stack([np.asarray(stored[c.chunk_id], dtype=np.float32) for c in cands])

    def _heading_vectors(self, chunks: list[Chunk]) -> np.ndarray:
        """Heading-path vectors: from this revision's matrix when it is ready, else embedded (and cached)."""
        texts = [heading_text(c.title, c.section) for c in chunks]
        ready, rev = self._headings, self._revision()
        if ready is None or ready[0] != rev:
            return vectors(self.embeddings, texts)
        missing = [t for t in texts if t not in ready[1]]  # a chunk added after the matrix was made
        extra = dict(zip(missing, vectors(self.embeddings, missing), strict=True)) if missing else {}
        return np.stack([ready[2][ready[1][t]] if t in ready[1] else extra[t]
                         for t in texts])

    def dense(self, query: str, n: int) -> list[tuple[Chunk, float]]:
        """Nearest chunks with cosine similarity."""
        return self._nearest(query_vector(self.embeddings, query), n)

    def _nearest(self, qvec: np.ndarray, n: int) -> list[tuple[Chunk, float]]:
        """Nearest chunks: exactly, over this revision's matrix once it is loaded, else from Chroma's index."""
        _, chunks, _ = self._bm25()
        matrix = self._matrix()
        if matrix is not None and matrix.shape[0] == len(chunks):
            sims = matrix @ qvec
            top = np.argpartition(-sims, n - 1)[:n] if n < len(sims) else np.arange(len(sims))
            return [(chunks[i], float(sims[i])) for i in sorted(top.tolist(), key=lambda i: (-sims[i], i))]
        return [(chunk_from_record(str(d.id), d.page_content, d.metadata), 1.0 - float(dist))
                for d, dist in self.index.search(qvec.tolist(), n)]

    def lexical(self, query: str, n: int) -> list[tuple[Chunk, float]]:
        """Best BM25 chunks with their scores."""
        bm25, chunks, _ = self._bm25()
        return [(chunks[i], s) for i, s in bm25.top(expand(query), n)]

    def _score(self, queries: list[tuple[str, float]], n: int) -> tuple[list[Chunk], np.ndarray, dict[str, np.ndarray]]:
        """Fused scores of every candidate for a weighted set of query texts."""
        bm25, chunks, pos = self._bm25()
        found: dict[str, Chunk] = {}
        qvecs = query_vectors(self.embeddings, [text for text, _ in queries])  # one model batch for all
        lexes = []
        for (text, _), qvec in zip(queries, qvecs, strict=True):
            for c, _sim in self._nearest(qvec, n):
                found.setdefault(c.chunk_id, c)
            lexes.append(bm25.scores(expand(text)))  # scored once, used for candidates and features
            for i, _s in bm25.top_of(lexes[-1], n):
                found.setdefault(chunks[i].chunk_id, chunks[i])
        cands = list(found.values())
        text_m = self._chunk_vectors(cands, pos)
        head_m = self._heading_vectors(cands)
        total = np.zeros(len(cands), dtype=np.float32)
        signals: dict[str, np.ndarray] = {}
        for (_, weight), qvec, all_lex in zip(queries, qvecs, lexes, strict=True):
            dense, heading = text_m @ qvec, head_m @ qvec
            lex = np.array([all_lex[pos[c.chunk_id]] if c.chunk_id in pos else 0.0 for c in cands],
                           dtype=np.float32)
            s = self.settings
            total += weight * (s.weight_dense * _minmax(dense) + s.weight_heading * _minmax(heading)
                               + s.weight_bm25 * lex / (lex.max() + 1e-9))
            signals.setdefault("dense", dense)
            signals.setdefault("heading", heading)
            signals.setdefault("bm25", lex)
        return cands, total, signals

    def retrieve(self, question: str, k: int = 10, history: Sequence[Turn] | None = None,
                 mode: Mode = "hybrid", alternates: Sequence[str] = ()) -> list[Passage]:
        """Top-k passages for the question, resolved against history when it is a follow-up.

        With ADVISOR_SUBJECT set, a question that does not say the subject, and is not a follow-up, is also
        searched with it. alternates: other wordings of the same question, searched with the same weight (hybrid).
        """
        self.index.require()
        query = contextualize(question, history)
        n = max(self.settings.candidates, k)
        if mode == "hybrid":
            queries = [(query.text, 1.0)]
            others = [contextualize(alt, history).text for alt in dict.fromkeys(alternates) if alt != question]
            queries += [(text, ALTERNATE_WEIGHT) for text in others]
            # A bare "why?" or "and then?" has no words of its own to weigh: scored alone, "why" finds the guides'
            # "Why ..." headings, whatever the thread was about.
            if query.used_history and not BARE_MUCH.match(unjoined(question)) and tokenize(unjoined(question)):
                # The new words matter most: the bare follow-up is scored too, and one that asks its own question
                # ("and what degree should i get?") as much as the rest ("how much?" alone says nothing by itself).
                queries.append((question, ALTERNATE_WEIGHT if asks_anew(question) else self.settings.weight_follow_up))
            subject = self.settings.subject
            if (subject and self.settings.weight_subject > 0 and not query.used_history
                    and set(tokenize(subject)) - set(tokenize(" ".join([query.text, *others])))):  # left unsaid
                # "is this a safe line of work?" means the subject's: among other material (a programming
                # wiki indexed beside the guides) the bare words match pages about anything. A follow-up
                # has its context from the conversation already (adding more drowns its own new words).
                queries.append((f"{query.text} ({subject})", self.settings.weight_subject))
            cands, total, signals = self._score(queries, n)
            order = [int(i) for i in np.argsort(-total, kind="stable")]
            ranked = [(cands[i], float(total[i]), {name: float(v[i]) for name, v in signals.items()})
                      for i in order]
        else:
            hits = self.dense(query.text, n) if mode == "dense" else self.lexical(query.text, n)
            ranked = [(c, sc, {mode: sc}) for c, sc in hits]
        passages: list[Passage] = []
        for c, score, sig in ranked:
            if any(near_duplicate(c.text, p.text) for p in passages):
                continue
            passages.append(c.to_passage(score, sig))
            if len(passages) == k:
                break
        return passages


def _minmax(a: np.ndarray) -> np.ndarray:
    span = float(a.max() - a.min()) if a.size else 0.0
    return (a - a.min()) / span if span > 1e-9 else np.ones_like(a)

