"""The Advisor: the one object every surface (CLI, API, UI) calls."""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from advisor.answer import Answerer
from advisor.answer_rules import (
    CAME_FROM,
    EARLIER,
    FIGURE,
    LIST_Q,
    MEASURE_TERMS,
    NEED_TERMS,
    WH_Q,
    asked_now,
    asks_amount,
    asks_figure,
    rung_worded,
    with_rung,
)
from advisor.answerability import (
    AGE_TOPIC,
    CHOICE_TOPIC,
    COMMON_ZIPF,
    DETAIL_ASKED,
    FIGURE_TOPIC,
    FUTURE_TOPIC,
    JUDGEMENT,
    NOW_TOPIC,
    QUESTION_TERMS,
    RARE_ZIPF,
    ROLE_ALIASES,
    TOPIC_JOIN,
    WORD,
    Answerability,
    CorpusProfile,
    Verdict,
    asks_about_age,
    asks_about_future,
    asks_about_now,
    mentions,
    named_together,
    names_any,
    needs_detail,
    quoted_words,
    roles_in,
    strip_persona,
    switches_in,
    target_role,
    words,
)
from advisor.brief import shortened
from advisor.care import in_crisis
from advisor.clean import LIST_ITEM, strip_markdown_markup
from advisor.coach import (
    ASKS,
    FIRST_PERSON,
    LEAD_AFTER,
    OWN_SITUATION,
    PAY,
    about_another,
    about_own_route,
    answers_question_back,
    at_own_place,
    clarify_question,
    facet_first,
    framing,
    mentions_phrase,
    not_said_before,
    own_place,
    put_first,
    replied_education,
    spoken_facets,
    stated_profile,
    term_text,
    user_texts,
)
from advisor.config import Settings
from advisor.datadir import guarded
from advisor.embeddings import model_label, query_vector, vectors
from advisor.errors import InvalidQuestionError, NotFoundError
from advisor.extractive import DIFFER, SAID_BEFORE, units_of
from advisor.feedback import FeedbackStore
from advisor.figures import figures
from advisor.gaps import DEFAULT_SIMILARITY, GapReport, find_gaps
from advisor.index import ChunkIndex, heading_text, ingest_lock, progress_bar
from advisor.ingest import doc_id_for, read_corpus
from advisor.lexical import (
    QUESTION_OPENER,
    asking_clause,
    asking_part,
    chat_spelled,
    common_by_length,
    common_english,
    english_zipf,
    other_language,
    plain_letters,
    spelled_out,
    tokenize,
    weak_at,
)
from advisor.locks import FairGate, shared_ingest_lock
from advisor.places import gazetteer, other_names, place_label, places_asked_about
from advisor.plan import (
    MIN_STEPS,
    NEXT_SHOWN,
    NEXT_SHOWN_AT,
    PLACE_UNSAID,
    STEP_SHOWN,
    TIMED,
    UNTIMED,
    Plan,
    asks_next_step,
    asks_step_by_place,
    beyond_entry,
    build_plan,
    has_degree,
    plan_destination,
    shown_steps,
    step_by_place,
    step_in_focus,
    timed,
    wants_plan,
)
from advisor.retrieve import (
    BARE_EXAMPLE,
    BARE_MUCH,
    BARE_WHY,
    FOLLOWS_ON,
    IN_GENERAL,
    SHORT_FOLLOW_UP,
    HybridRetriever,
    Mode,
    as_question,
    asks_anew,
    complete,
    contextualize,
    is_follow_up,
    leans_back,
    named_item,
    names_step,
    points_back,
    resolved,
    unjoined,
)
from advisor.schema import (
    PROFILE_FIELDS,
    Answer,
    Chunk,
    Citation,
    IngestReport,
    Passage,
    PassageContext,
    Said,
    Turn,
    UserProfile,
    last_answer,
)
from advisor.scope import (
    ASKED_BACK,
    ASKS_SOURCE,
    FIGURE_POINTS,
    FIGURES_AS_GIVEN,
    NO_OTHER_SOURCE,
    NOT_ENGLISH,
    NOTHING_QUOTED,
    PUSHBACK,
    REQUESTS,
    SHORT_SENTENCES,
    SIMPLER_FRAME,
    SOURCES_LEAD,
    SUGGESTION,
    SUGGESTION_TAKEN,
    UNOPENED,
    WEAK_ASKED,
    WEAK_FRAME,
    WHAT_ABOUT,
    about_advisor,
    about_quoted,
    after_waved_away,
    answers_suggestion,
    asks_about_guides,
    asks_figure_of_that,
    asks_nothing_new,
    asks_other_source,
    asks_shorter,
    asks_simpler,
    asks_source,
    asks_to_write,
    cannot_write,
    covered_asked,
    decline,
    decline_meant,
    disagrees,
    dislikes_only,
    feels_only,
    greets,
    has_link,
    introduces_only,
    meant,
    missed,
    missed_reply,
    names_count,
    names_quoted_figure,
    no_figure_of,
    offered,
    okays,
    picks_by_name,
    picks_suggestion,
    reacts,
    recalls_suggestion,
    reconsiders,
    says_bye,
    strip_injection,
    suggested_in,
    thanks,
    thanks_first,
    thanks_mixed,
    thanks_said,
    took_suggestion,
    weak_asked,
    weak_only,
    welcome,
    wishes_luck,
    without_excepted,
    without_links,
    without_manner,
)
from advisor.suggest import question_pool, suggest
from advisor.textvectors import TextVectors

# What _save_text_vectors embeds: raise it when that changes (3: list items without their sales lines, lead-ins
# without a sentence that points at a heading; 4: such items keep their label), so the next ingest embeds the new
# texts, not the first answers.
TEXT_SET = 4


# The part that asks is searched on its own too when it has this many content words (fitted on dev, eval/tuned.yaml).
MIN_ASKING_TERMS = 3
# The frame of figures just quoted, asked of a place the guides never name ("Anything for the UK?").
FIGURES_NOT_OF = "My guides don't say anything about {places}. They give these figures as quoted below and say no more:"
# ...and of what else was just quoted ("does any of that apply here?" from someone in Manila after the outlook).
PLACE_NOT_OF = ("My guides don't say anything about {places}. All they say on this is quoted below, and none of it is "
                "about {places}:")
# The reply to "which guides do you use?", "who wrote them?": every guide, then all that is known of who wrote them.
GUIDES_LEAD = "My answers quote these guides, each cited where I use it:"
GUIDES_WRITERS = "Who published each is all they tell me of who wrote them."
# The reply to a first message that follows on from an earlier one there never was ("and for seniors?").
NO_EARLIER = "This conversation has no earlier message for that to follow on from. Could you ask the whole question?"
# A partial answer's lead when no word or name of the question is what the guides miss.
AMONG = re.compile(r"\b(?:which|those|these|each|either|both)\b", re.I)  # a pick among things named before (English)
NEAREST_LEAD = "My guides may not answer exactly this. What they say that comes closest:"
# "do you think it's a good career personally": asked for a view of its own, it says it has none (a twenty-third probe
# got "may not answer exactly this"). English.
_VIEW = (r"\b(?:do|would)\s+(?:you|u)\s+(?:personally\s+)?(?:think|believe)\b|\bpersonally\b|"
         r"\b(?:your|ur)\s+(?:own\s+|honest\s+)?(?:opinion|take|view)\b")
ASKS_OPINION = re.compile(_VIEW + r"|\b(?:do|would)\s+(?:you|u)\s+(?:personally\s+)?(?:recommend|say)\b", re.I)
OPINION_LEAD = "I have no opinion of my own, only what my guides say. What they say that comes closest:"
OPINION_ANSWERED = "I have no opinion of my own, only what my guides say. They say:"
# ...said of an answer only when a view is what is asked for ("would you recommend a masters" asks what to do).
VIEW_ASKED = re.compile(_VIEW, re.I)
# Where a partial answer's lead turns to what comes closest: after its first sentence, or at its first "; ".
LEAD_CLAUSE = re.compile(r"(?<=\.)\s+|;\s+")
SCOPE_RANK = {"declined": 0, "partial": 1, "answered": 2}  # the better outcome of two verdicts on one question
# An answer that only showed what comes closest, as every partial lead of that kind ends ("...that comes closest:",
# "the closest they say:"): what it quoted was no answer, and an answer may quote it again.
HEDGED = re.compile(r"^[^\n]{0,200}?\bclosest(?: they say)?:")


@functools.lru_cache(maxsize=4)
def _heads(sections: tuple[str, ...]) -> frozenset[str]:
    """The last term of each section's own heading (read once per index revision's sections)."""
    return frozenset(t[-1] for s in sections if (t := tokenize(s.split(" > ")[-1])))


def _names_a_word(verdict: Verdict) -> bool:
    """Not answered for a word (or place) the guides never use: not for a role, the present or a passing name."""
    return verdict.scope != "answered" and bool(verdict.topic) and verdict.role is None and not verdict.in_passing \
        and verdict.topic not in (NOW_TOPIC, FUTURE_TOPIC, CHOICE_TOPIC)


def _topic_words(topic: str) -> set[str]:
    """The words a verdict's topic names ("“Rust” or “else”": rust, else)."""
    return set(WORD.findall(topic.lower())) - set(TOPIC_JOIN.split())


def _names_of(topic: str) -> list[str]:
    """The names a verdict's topic lists ("Kaggle, Docker and Kubernetes"), each alone."""
    return [n for n in re.split(r",\s+|\s+and\s+", topic) if n]


def _says_topic(typed: str, topic: str) -> bool:
    """The turn itself says a word of the verdict's topic ("“Rust” or “else”", "SQL", "India")."""
    return bool(_topic_words(topic) & set(WORD.findall(typed.lower())))


def _asks_nothing(said: str) -> bool:
    """"hi", "thanks", "ok", or only about themselves ("i live in india btw"): no question for the guides."""
    return introduces_only(said) or greets(said) or thanks(said) or reacts(said) or okays(said)


def _about_answer(said: str) -> bool:
    """"source?", "shorter pls": asks for the answer before in another form, no question of its own (a twenty-third
    probe's "make that shorter" after "source for that?" got the sources again)."""
    return asks_source(said) or asks_shorter(said) > 0


def _framed(answer: Answer, frame: str) -> Answer:
    """The answer under a line of the advisor's own, in italics, which is also its lead."""
    return replace(answer, text=f"_{frame}_\n\n{answer.text}", lead=frame)


# How many of the person's last questions are answered again, at most, to find one whose answer quoted something
# ("summarise that" after a decline sums up the answer before it).
SHORTEN_BACK = 3
# JUDGEMENT's words as terms ("enough" of "python enough?" weighs it up, names nothing).
JUDGEMENT_TERMS = frozenset(t for w in JUDGEMENT for t in tokenize(w))


def _merged_topics(said: list[str], more: list[str]) -> list[str]:
    """The topics a verdict names, with those of another: one sharing a word with a topic named already is that
    topic ("age", asked at an age, and “age”, a word they use, are one), said in the more words of the two (“bake”
    and “bake sourdough”: a decline named both)."""
    topics = list(said)
    for topic in more:
        words = set(tokenize(topic))  # "the UK" and “uk” are one place; "the US" and "the UK" are two
        at = next((i for i, t in enumerate(topics) if words & set(tokenize(t))), None)
        if at is None:
            topics.append(topic)
        elif len(words) > len(set(tokenize(topics[at]))):
            topics[at] = topic
    return topics


def _asked_before(history: Sequence[Turn]) -> tuple[str, list[Turn]] | None:
    """The person's last question for the guides, with the conversation before it."""
    for i in range(len(history) - 1, -1, -1):
        if history[i]["role"] == "user" and not _asks_nothing(history[i]["content"]) \
                and not _about_answer(history[i]["content"]):
            return history[i]["content"], list(history[:i])
    return None


def _by_words(name: str, questions: Sequence[str]) -> str | None:
    """The first question that has every word of name ("web resources"), or None."""
    want = set(tokenize(name))
    return next((q for q in questions if want and want <= set(tokenize(q))), None)


def _recalled(question: str, history: Sequence[Turn]) -> str | None:
    """The question a message recalls as suggested before ("the work life balance one you mentioned earlier"): of the
    latest answer that offered or suggested one with those words; None when it recalls none."""
    if (words := recalls_suggestion(question)) is None:
        return None
    for turn in reversed(history):
        if turn["role"] == "assistant":
            named = offered(turn["content"]) or ((said,) if (said := suggested_in(turn["content"])) else ())
            if (found := _by_words(words, named)) is not None:
                return found
    return None


def _pick(questions: Sequence[str], at: int | None, name: str | None) -> str | None:
    """The question at a place, or by its words, among those offered (None when there is no such one)."""
    if at is not None:
        return questions[at] if -len(questions) <= at < len(questions) else None
    return _by_words(name or "", questions)


def _questions_only(history: Sequence[Turn]) -> list[Turn]:
    """The conversation less "hi", "thanks" and, once a question was asked, messages only about who they are (and
    the replies to them): a follow-up is searched and judged after the question before it, not after "i live in
    india btw" (which was asked with that question, and which the profile keeps). Before any question, such a
    message is the context of what follows ("i have an mle interview next week" then "what should i study").
    A message that took up a suggested question ("ok next", "the 2nd one?") asked that question."""
    kept: list[Turn] = []
    skip, asked = False, False
    for i, turn in enumerate(history):
        if turn["role"] == "user":
            after = history[i + 1]["content"] if i + 1 < len(history) and history[i + 1]["role"] == "assistant" else ""
            if (taken := answers_suggestion(after)) is not None:
                turn = {"role": "user", "content": taken}
            said = turn["content"]
            skip = greets(said) or thanks(said) or reacts(said) or okays(said) or (asked and (introduces_only(said)
                                                                                 or dislikes_only(said)))
            asked = asked or not _asks_nothing(said)
        if not skip:
            kept.append(turn)
    return kept


def _item_first(said: str, found: list[Passage]) -> list[Passage]:
    """found, with the passages an earlier answer's item quoted ("2. Build a Strong Foundation: A bachelor's degree...")
    first and ranked as the best: "what about the second one?" asks what else they say, which is first of all the rest
    of those passages ("However, a degree is not the only path..."). found as it was when none has anything left."""
    said = " ".join(said.split())
    quoted = {p.chunk_id: [u.text in said for u in units_of([p])] for p in found}
    own = [p for p in found if any(quoted[p.chunk_id])]
    if all(all(quoted[p.chunk_id]) for p in own):
        return found
    best = max(p.score for p in found)
    return [replace(p, score=best) for p in own] + [p for p in found if p not in own]


def _without_closest(lead: str) -> str:
    """A partial answer's lead less its "what they say that comes closest:" ('' when it has no other part)."""
    parts = LEAD_CLAUSE.split(lead, maxsplit=1)
    return parts[0].rstrip(" .") + "." if len(parts) > 1 else ""


def _after_lead(text: str) -> str:
    """What goes between a lead and the answer: a blank line before a list (Markdown reads "closest: - item" as
    one line of prose), a space before prose."""
    return "\n\n" if LIST_ITEM.match(text) else " "


class Advisor:
    """Ingests guides, retrieves passages and answers questions; built by build_advisor()."""

    def __init__(self, settings: Settings, embeddings: Embeddings, index: ChunkIndex,
                 retriever: HybridRetriever, answerer: Answerer, *, answerability: Answerability,
                 feedback: FeedbackStore, today: Callable[[], date] = date.today,
                 text_vectors: TextVectors | None = None) -> None:
        self.settings = settings
        self.text_vectors = text_vectors  # sentences and headings embedded at ingest, not per answer
        self.embeddings = embeddings
        self.index = index
        self.retriever = retriever
        self.answerer = answerer
        self.answerability = answerability
        self._profile: tuple[str, CorpusProfile] | None = None
        self._terms: tuple[str, list[str]] | None = None
        self._switch: tuple[str, Passage | None] | None = None
        self.feedback = feedback
        self.today = today  # the clock that dates figures; tests pass a fixed day
        # Retrieval and the scope decision are CPU-bound Python: a few at a time, the rest in arrival order.
        self.gate = FairGate(settings.compute_slots or os.cpu_count() or 1)

    def check(self, question: str, history: Sequence[Turn] | None) -> str:
        """Validate a question and its history against the limits (cheap; no retrieval).

        Every surface (CLI, API, UI, Python) goes through here, so all enforce the same limits.
        Returns the stripped question.
        """
        if not isinstance(question, str) or not question.strip():
            raise InvalidQuestionError(
                "The question is empty. Ask something like: how do I become a machine learning engineer?")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise InvalidQuestionError(
                f"The question is {len(question):,} characters long; the limit is {limit:,}. Shorten it.")
        for turn in history or []:
            if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant") \
                    or not isinstance(turn.get("content"), str):
                raise InvalidQuestionError(
                    "Each history entry must be {\"role\": \"user\"|\"assistant\", \"content\": str}.")
        turns, chars = len(history or []), sum(len(t["content"]) for t in history or [])
        if turns > self.settings.max_history_turns:
            raise InvalidQuestionError(
                f"History has {turns} messages; the limit is {self.settings.max_history_turns}. "
                "Start a new conversation or send fewer earlier messages.")
        if chars > self.settings.max_history_chars:
            raise InvalidQuestionError(
                f"History is longer than {self.settings.max_history_chars:,} characters; send less of it.")
        return question.strip()

    def check_profile(self, profile: UserProfile | Mapping[str, object] | None) -> UserProfile:
        """A profile as sent (fields of UserProfile, short strings), or a clear error saying what to fix."""
        if profile is None:
            return UserProfile()
        if isinstance(profile, UserProfile):
            profile = profile.to_dict()
        if not isinstance(profile, Mapping):
            raise InvalidQuestionError(f"The profile must be an object with the fields {', '.join(PROFILE_FIELDS)}.")
        unknown = sorted(set(profile) - set(PROFILE_FIELDS))
        if unknown:
            raise InvalidQuestionError(f"Unknown profile field(s): {', '.join(map(str, unknown))}. "
                                       f"Use: {', '.join(PROFILE_FIELDS)}.")
        limit = self.settings.max_profile_chars
        clean: dict[str, str] = {}
        for k, v in profile.items():
            if v is None:
                continue
            if not isinstance(v, str):
                raise InvalidQuestionError(f"Profile field '{k}' must be text.")
            if len(v) > limit:
                raise InvalidQuestionError(f"Profile field '{k}' is {len(v):,} characters; the limit is {limit}.")
            # The profile is the person's own text: markup and instructions in it are dropped like a question's.
            clean[k] = " ".join(strip_injection(strip_markdown_markup(v)).split())
        return UserProfile(**clean)

    def fit_history(self, history: Sequence[Turn]) -> list[Turn]:
        """The most recent messages that fit the history limits (what a long conversation keeps)."""
        kept: list[Turn] = []
        chars = 0
        for turn in reversed(history):
            chars += len(turn["content"])
            if len(kept) == self.settings.max_history_turns or chars > self.settings.max_history_chars:
                break
            kept.append(turn)
        # Start on a user message: an answer without its question misleads follow-up detection.
        while kept and kept[-1]["role"] != "user":
            kept.pop()
        return kept[::-1]

    def _read(self, question: str, history: Sequence[Turn] | None) -> str:
        """The question as answering and retrieval both read it, once check() passed it. Markup and instructions aimed
        at the advisor are not part of it; chat spellings ("wich ... shud i lern") are the words they stand for."""
        return chat_spelled(strip_injection(strip_markdown_markup(self.check(question, history))))

    def retrieve(self, question: str, k: int = 10, history: Sequence[Turn] | None = None,
                 mode: Mode = "hybrid") -> list[Passage]:
        """The k passages that best answer the question (history resolves follow-ups)."""
        if not 1 <= k <= 100:
            raise InvalidQuestionError(f"k must be between 1 and 100 (got {k}).")
        # As an answer searches: facts about the person that don't bear on it set aside, and for someone coming from
        # another job, the passage on that first (what the answer quotes is what this returns).
        typed = as_question(strip_persona(self._read(question, history), self.profile().respell))
        asked, *other = self.wordings(typed)
        found = self.retriever.retrieve(asked, k=k, history=history, mode=mode, alternates=other + self._asking(asked)
                                        + self._rung_worded(asked, history or []))
        if self._switches(typed, history) and (first := self._background_first(typed, found)) is not None:
            found = first[:k]
        return found

    def ask(self, question: str, history: Sequence[Turn] | None = None,
            profile: UserProfile | Mapping[str, object] | None = None) -> Answer:
        """A grounded, cited answer, or an honest decline when the guides do not cover the question."""
        final = None
        for piece in self.stream(question, history, profile):
            if isinstance(piece, Answer):
                final = piece
        assert final is not None
        return final

    def stream(self, question: str, history: Sequence[Turn] | None = None,
               profile: UserProfile | Mapping[str, object] | None = None) -> Iterator[str | Answer]:
        """Yield answer text pieces as they are ready, then the final Answer (whose text is authoritative).

        profile: who the person is (sent by the client each time, never stored); what they said about
        themselves in the conversation fills the fields they left empty.
        """
        note: str | None = None
        for piece in self._stream(question, history, profile):
            if note is None:  # read once the question and history have passed check()
                # "you mentioned internships earlier" when no answer did: said first, so the answer does not play
                # along.
                note = not_said_before(question, history or []) or (UNOPENED if has_link(question) else "")
                if note and isinstance(piece, str):
                    piece = note + piece
            if note and isinstance(piece, Answer):
                piece = replace(piece, text=note + piece.text)
            yield piece

    def _picked(self, question: str, history: Sequence[Turn],
                profile: UserProfile | Mapping[str, object] | None) -> str | None:
        """The suggested question a message picks by its place ("the 2nd one?") or by some of its words ("the web
        resources one"), or None. A decline or welcome names the questions it offers; an answer's text names only the
        first of the suggestions shown, so the others are those of the question before, asked again as it was."""
        at = picks_suggestion(question, history)
        name = picks_by_name(question, history) if at is None else None
        if history[-1]["role"] != "assistant":
            return None
        if at is None and name is None:
            return _recalled(question, history)
        first, named = suggested_in(history[-1]["content"]), offered(history[-1]["content"])
        if named or (at == 0 and first) or (name is not None and first and _by_words(name, (first,))):
            return _pick(named or ((first,) if first else ()), at, name)  # no need to ask the question before again
        return _pick(self._shown(history, profile), at, name)

    def _shown(self, history: Sequence[Turn], profile: UserProfile | Mapping[str, object] | None) -> tuple[str, ...]:
        """The suggestions shown with the last answer: its question asked again as it was, when that gives back the
        one its text names (else the guides changed since, and none)."""
        asked = next((i for i in range(len(history) - 2, -1, -1) if history[i]["role"] == "user"), None)
        if asked is None:
            return ()
        if (taken := answers_suggestion(history[-1]["content"])) is not None:
            # An answer to a suggestion taken up was that question asked on its own, as _stream asks it.
            again = self._stream(taken, [], self._person(profile, "", history[:asked]), log_gaps=False)
        elif picks_suggestion(history[asked]["content"], history[:asked]) is None \
                and picks_by_name(history[asked]["content"], history[:asked]) is None:
            again = self._stream(history[asked]["content"], history[:asked], profile, log_gaps=False)
        else:
            return ()  # a pick that picked nothing: not asked again in turn, so a run of them costs one answer each
        shown = [p for p in again if isinstance(p, Answer)][-1].follow_ups
        named = f"“{shown[0]}”" in history[-1]["content"] if shown else False
        return shown if named or (shown and ASKED_BACK.match(history[-1]["content"])) else ()

    def _stream(self, question: str, history: Sequence[Turn] | None,
                profile: UserProfile | Mapping[str, object] | None, log_gaps: bool = True) -> Iterator[str | Answer]:
        """stream, less the note on what the advisor never said. log_gaps: False when a question asked before is
        answered again ("shorter pls"), so the gap log counts it once."""
        question = self._read(question, history)
        if not in_crisis(question) and (area := weak_only(question) or weak_asked(question)) is not None \
                and all(self.profile().knows(t) for t in tokenize(area)):
            # "i'm bad at math and it scares me": how much of it the work needs, said to be what is answered; asked on
            # its own (not folded into the question before) with what they told. When the guides don't say, it is
            # only who they are, as before. Not a question they typed, so no gap is logged for it.
            worry = [p for p in self._stream(WEAK_ASKED.format(area=area), [], self._person(profile, question, history),
                                             log_gaps=False)
                     if isinstance(p, Answer)][-1]
            if not worry.refused:
                answer = replace(worry, text=f"_{WEAK_FRAME.format(area=area)}_\n\n{worry.text}")
                yield answer.text
                yield answer
                return
        question = after_waved_away(question)  # "... whatever. what do interviews look like": the rest is asked
        if (reply := self._reply_without_guides(question, history)) is not None:
            yield reply.text
            yield reply
            return
        about_before, question = self._on_answer_before(question, history or [], profile)
        if about_before is not None:
            yield about_before.text
            yield about_before
            return
        question = without_manner(question)  # not asked of the answer before: how to put it is no topic
        question = without_links(question)  # opened by no one: no topic either (the note says so)
        question = plain_letters(question)  # "Géron" is one word (the language was told from the accents above)
        question = self._spelled_alone(question)
        question = without_excepted(question, self.profile().subject_terms)  # "which skills besides the math"
        if history and (suggested := took_suggestion(question, history) or self._picked(question, history, profile)):
            # "ok next" after "Next, you could ask: “...”": that question, said to be the one answered. A heading of
            # the guides, it stands on its own ("What is Machine Learning?" folded into a thread on pay got the pay
            # table); what they said of themselves still counts.
            noted = f"_{SUGGESTION_TAKEN.format(question=suggested)}_\n\n"
            yield noted
            for piece in self._stream(suggested, [], self._person(profile, "", history), log_gaps):
                yield replace(piece, text=noted + piece.text) if isinstance(piece, Answer) else piece
            return
        person = self._person(profile, question, history)
        if not person.education and (replied := replied_education(question, history or [])):
            person = replace(person, education=replied)  # "I dont have one, just a GED" after "do you have a degree?"
        if (answered_back := answers_question_back(question, history or [], (*ASKS, DETAIL_ASKED))) is not None:
            # "I'm a lawyer, 6 years in corporate law" after "Could you tell me more about the job you mean?": the
            # question it answers is asked again with it, rather than the reply judged alone ("don't cover that").
            question, history = answered_back
        elif history and (introduces_only(question) or dislikes_only(question)) \
                and (earlier := _asked_before(history)) is not None:
            # "i work as a barista and never went to college" after an answered question: said about themselves, it
            # asks that question again, for them (what they said is in `person`), and says so. Asked with what they
            # said, as a reply to a question back is: "i live in india btw" after pay makes the pay India's.
            # "Your question “what makes someone good at it”, for you:" read oddly to a ninth probe, and "Thanks, that
            # helps." after "i'm not great at math tho" to the blind judge after it.
            yield from self._asked_again(earlier, question, "Thanks, I'll keep that in mind. Back to", person)
            return
        if history and reconsiders(question) and (earlier := _asked_before(history)) is not None \
                and (since := " ".join(t["content"].strip() for t in history[len(earlier[1]) + 1:]
                                       if t["role"] == "user")):
            # "oh i should mention i have a bachelors in biology" then "so does that change your answer?": the
            # question before, asked again with what they told since.
            yield from self._asked_again(earlier, since, "With what you told me in mind, back to", person)
            return
        if history and (step := self._next_step(question, history, person)) is not None:
            yield step.text
            yield step
            return
        # "step 2, where do i start with it" after a plan asks about that step, not for the plan again. (After a list
        # of languages, "the first one, where do i start with it" still gets the plan: a blind judge preferred it
        # to the one item and a question back.)
        if wants_plan(question) and not (history and names_step(question) and named_item(question, history)):
            with self.gate:
                unsaid = self._plannable(question)
                plan = self._plan(person) if unsaid is not None else None
            if plan is not None and plan.steps:
                # "plan my next 6 months": the guides' steps carry no timings, and the plan says so first; so is a
                # place they never speak of.
                untimed = f"_{UNTIMED}_\n\n" if timed(question) else ""
                place = f"_{PLACE_UNSAID.format(place=unsaid)}_\n\n" if unsaid else ""
                answer = Answer(text=place + untimed + plan.to_markdown(chat=True), citations=plan.citations,
                                plan=plan.to_dict(), scope="partial" if unsaid else "answered")
                yield answer.text
                yield answer
                return
        if len(tokenize(question)) == 0 and not (history and is_follow_up(question)):  # "why?" follows something
            yield from self._decline(question, Verdict("declined"))
            return
        if (thing := covered_asked(question)) is not None:
            question = thing  # "do your guides cover AI ethics at all?": whether they say anything of it, on its own
        clarify = needs_detail(question, history or [])
        if clarify and person.facets() and OWN_SITUATION.search(question):
            clarify = ""  # "my background" is in the profile they sent: never ask for what was already said
        if clarify:  # it points at something not given: ask for it rather than answer something else
            answer = Answer(text=clarify, refused=True, clarify=clarify)
            yield answer.text
            yield answer
            return
        # Facts about the person that don't bear on the question (age, gender, origin) change nothing.
        # "what's the pay like in my country?" from someone in the UK is asked about the UK.
        stripped = strip_persona(question, self.profile().respell)
        search, hist = as_question(stripped), _questions_only(history or [])
        # "remote?" after the pay table is a question of its own, not "salary remote?" (still about their career)
        fresh = bool(hist) and self._new_topic(search, hist)
        if fresh:
            hist = []
        place = own_place(search, person)
        search = at_own_place(search, place)
        item = named_item(search, hist, self.profile().subject_terms) if hist else None
        named = item.asked if item else None
        if item is not None:
            # "tell me more about step 3": that step of the answer before, asked about on its own; searched with what
            # the item said, judged and answered as asked (what it said is not the point: what else is).
            search, hist = item.searched, []
        elif hist and is_follow_up(question):
            try:  # an LLM rewrites the follow-up; if it cannot, history-aware retrieval does the job
                rewritten = self.answerer.condense(search, hist)
            except Exception:
                rewritten = None
            if rewritten is None:
                # No model to rewrite it: "how much do they cost?" after "are bootcamps a good way in?" is asked
                # about bootcamps, on its own, rather than folded into a question its answer does not share.
                rewritten = resolved(search, hist, f"{self.subject()}s" if self.subject() else "")
            if rewritten is not None:
                search, hist = rewritten or search, []
        # "ML engineer" and "machine learning engineer" are one question: searched in both wordings and answered
        # in the guides' own (spelled out); judged as typed.
        typed = named or search
        unsaid = self._unsaid_subject(search, hist, fresh)
        search, *spelled = self.wordings(search)
        with self.gate:  # nothing in here yields: a slot is never held while a client reads
            found = self.retriever.retrieve(search, k=self.settings.answer_passages, history=hist,
                                            alternates=spelled + self._asking(search)
                                            + self._rung_worded(search, hist)
                                            + ([search + unsaid] if unsaid and (fresh or not is_follow_up(search))
                                               else []))
            found = self._where_named(typed, found)
            bare = unjoined(question)
            if why := bool(history) and (BARE_WHY.match(bare) or BARE_EXAMPLE.match(bare)) is not None:
                # "why?" asks about the answer just given: its reasons are in the passages it quoted (or it says no
                # more), not in whatever else "why" finds; so are its examples ("examples?", "like what?").
                last = last_answer(history or [])
                found = [p for p in found if any(u.text in last for u in units_of([p]))] or found
            if item is not None:
                found = _item_first(item.searched, found)
            found, facet, phrase = self._for_person(search, found, hist, person)
            # A past job the guides never name ("nurse here, could i...") is answered as coming from another field.
            # ...also when it was said in an earlier message ("im 34, i work as an accountant" then "could i switch
            # to ml?"); a job said in the question itself is read there, as a background or not.
            switcher = not facet and self._switches(typed, history)
            judged = passages = self._whole_section(found)  # judged on what the question itself found
            if switcher and (first := self._background_first(typed, found)) is not None:
                passages = self._whole_section(first)
            # "does my background help?": theirs is the one asked about. Said as where they come from, so a past
            # job reads as background, not as the role asked about.
            came = f"{CAME_FROM}{getattr(person, facet).strip()})" if facet and about_own_route(search) else ""
            answered = self._as_answered(named or (spelled[0] if spelled else search), hist) + (
                f"{CAME_FROM}a different background)" if switcher else came)  # how it is answered, not judged
            # "what do they earn round here" from someone in Norway asks about Norway, as if they had named it.
            standalone, verdict = self._judge(typed, came + unsaid, hist, judged, place)
            if item is not None and verdict.scope != "answered" and not verdict.topic and verdict.role is None \
                    and found and item.label.lower() in f"{found[0].section}\n{found[0].text}".lower():
                # An item the guides gave, pointed at by its place, and the best passage is its own: what they say of
                # it is on point, however little its label says ("Build a Strong Foundation"). A word or a job they
                # never use still decides; so does a search that led elsewhere (government internships for the
                # "Government Agencies" of a list of employers).
                verdict = Verdict("answered")
            # Not when the passage on coming from another field leads, nor for a person's own facet of it, nor for
            # "why?" after it (the outline again is no reason).
            if verdict.scope == "answered" and passages is judged and not facet and not why \
                    and (outline := self._outline(search, found)) is not None:
                passages = outline
        lead = ""
        if verdict.scope == "partial":
            lead, passages = self._partial(verdict, passages, question)
            if not passages:
                verdict = Verdict("declined", verdict.topic, now=verdict.now)
        elif verdict.scope == "answered" and VIEW_ASKED.search(question):
            # "honestly in your opinion is ML engineering overhyped?": no view of its own, said before what the guides
            # say (a thirty-first probe read their outlook as the advisor's own verdict).
            lead = OPINION_ANSWERED
        if verdict.scope != "answered" and log_gaps:  # the one place ask() and stream() log what the guides miss
            # The question as asked, less facts about the person: no history, no profile.
            self.feedback.log_gap(stripped, verdict.scope)
        # (A place unsaid matters only with an answer before it: looked up then, not on every first question.)
        if (verdict.scope != "answered" or names_quoted_figure(question, last_answer(history or []))
            or (history and self._places_unsaid(question, verdict))) \
                and (as_given := self._figures_again(question, history or [], verdict, profile)) is not None:
            yield as_given.text
            yield as_given
            return
        # A question back is asked once: a reply to it that says nothing it can read is not asked again.
        ask_back = "" if answered_back is not None else clarify_question(question, person, hist)
        if not history and leans_back(question) and (
                FOLLOWS_ON.search(question) or (verdict.scope == "declined" and not verdict.topic and not ask_back)):
            # "is that normal?" or "same question but for remote jobs" as the first message: not a topic the guides
            # miss (nor one to answer from a word of it), a question half-asked.
            answer = self._no_earlier()
            yield answer.text
            yield answer
            return
        if verdict.scope == "declined":
            # "how long will it take me?": a coach asks where they start rather than decline; not when the job asked
            # about is one the guides miss ("how do i get into data engineering").
            if ask_back and verdict.role is None:
                answer = Answer(text=ask_back, refused=True, clarify=ask_back)
                yield answer.text
                yield answer
                return
            yield from self._decline(standalone, verdict)
            return
        # The question back comes first, as a coach asks before advising; the general answer follows it.
        ask_line = f"_{ask_back}_\n\n" if ask_back else ""
        if ask_line:
            yield ask_line
        lead = lead or LEAD_AFTER.get(ask_back, "")
        final: Answer | None = None
        started = False
        # What this conversation's answers quoted already is not quoted again while the guides have more.
        # ...unless it was only what came closest to another question: answered now, it is quoted as the answer (a
        # twenty-first probe asked what ML interviews ask after a hedge that quoted the rounds, and got one of them).
        said = Said(tuple(t["content"] for t in history or [] if t["role"] == "assistant"
                          and not (verdict.scope == "answered" and HEDGED.match(t["content"]))), question)
        for piece in self.answerer.stream(answered, passages, said):
            if isinstance(piece, Answer):
                final = piece
                continue
            if lead and not started and piece.startswith(SAID_BEFORE):
                # "no more than I quoted above" says what comes closest: not framed twice ("My guides don't say
                # anything about age. What they do say that comes closest: My guides say no more on this...").
                lead = "" if lead == NEAREST_LEAD else _without_closest(lead)
            if lead and not started and piece.startswith(DIFFER):
                piece = piece[len(DIFFER):]  # framed once: the lead says what the guides cover ("My guides may not
                # answer exactly this. What they say that comes closest: My guides differ on this: ..." read twice)
            if lead and not started:  # a list after the lead starts on a line of its own, or it is no list
                yield lead + _after_lead(piece)
            started = True
            yield piece
        assert final is not None
        if lead and not started:
            yield lead
        if facet and not lead and any(mentions_phrase(c.passage.text, phrase) for c in final.citations):
            # Only when what is quoted does speak to it (the final text is authoritative).
            lead = framing(person, facet, phrase, known=self.profile().uses)
        follow_ups = suggest(standalone, passages, question_pool(self.retriever.sections()),
                             answered=tuple(c.passage for c in final.citations))
        body = final.text.removeprefix(DIFFER) if lead else final.text
        text = ask_line + ((lead + _after_lead(body) + body) if lead else body)
        # The answerer's own frame ("My guides say no more on this than I quoted above.") is the lead's too.
        if final.lead:
            lead = (lead + _after_lead(final.text) + final.lead) if lead else final.lead
        if follow_ups and not ask_back:  # one question at a time: theirs to answer first
            tail = f"\n\n_{SUGGESTION.format(question=follow_ups[0])}_"
            text += tail
            yield tail
        # Figures are read from the answerer's own text (not the lead or the suggestion), on every answer path.
        quoted = figures(final.text, final.citations, self.today(), self.settings.figure_max_age_years)
        # "My guides say no more on this than I quoted above": nothing new answers it, so it is not called answered
        # (a nineteenth probe read "answered" beside that line as a contradiction).
        scope = "partial" if final.lead == SAID_BEFORE and verdict.scope == "answered" else verdict.scope
        yield Answer(text=text, citations=final.citations, refused=False, follow_ups=follow_ups,
                     notice=final.notice, scope=scope, lead=lead, clarify=ask_back,
                     figures=quoted)

    def _where_named(self, question: str, found: list[Passage]) -> list[Passage]:
        """found, its last passage giving way to the one that names what the question names when none of found
        does: a name the guides use in a passage or two ("LeetCode", in the interview step) is what the question is
        about, and the chunk-level search (one word in a long chunk) ranks it low."""
        if not found:
            return found
        names = self.profile().names
        asked = [t for t in dict.fromkeys(tokenize(question)) if t in names and names[t].lower() not in gazetteer()]
        if not asked:  # most questions name nothing of the kind: no passage is read
            return found
        have = {t for p in found for t in tokenize(p.text)}
        for term in asked:
            if term in have:
                continue
            hit = next((c for c, _ in self.retriever.lexical(term, 3) if term in tokenize(c.text)), None)
            if hit is not None:
                # Ranked last, scored as the best: the answer's lead comes from what names it because the question
                # does, not from rank (scored as the worst, the answerer's trust in rank left "is leetcode needed for
                # ml jobs" with the job outlook: a twenty-sixth probe).
                return [*found[:-1], hit.to_passage(max(p.score for p in found))]
        return found

    def _for_person(self, search: str, found: list[Passage], history: list[Turn],
                    person: UserProfile) -> tuple[list[Passage], str, list[str]]:
        """Put first the passage that speaks to the person's situation, if the guides have one near the question.

        Only fields some guide mentions are tried (a country or a background the guides never name changes
        nothing). Returns the passages, the field that was used ('' when none) and its words (stemmed).
        """
        if not person.facets() or about_another(search):  # what they said of themselves is not of their son
            return found, "", []
        spoken = spoken_facets(person, self._chunk_terms())
        # A section on getting the degree they hold ("How Long Does It Take to Get a Degree in Computer Science?",
        # for a BSc in computer science) is for those who have yet to: not quoted to them.
        held = spoken.get("education") if has_degree(person) else None

        def toward_held(p: Passage) -> bool:
            return held is not None and mentions_phrase(p.section.split(" > ")[-1], held)

        found = [p for p in found if not toward_held(p)] or found
        for facet in ("current", "education", "experience", "constraints", "country", "target"):
            if facet not in spoken or self._is_subject(getattr(person, facet)):
                continue  # the guides' own subject ("ML engineer") says nothing about this person
            boosted = self.retriever.retrieve(f"{search} ({getattr(person, facet)})",
                                              k=self.settings.answer_passages, history=history)
            boosted = [p for p in boosted if not toward_held(p)]
            moved, ok = facet_first(found, boosted, spoken[facet], bring_in=about_own_route(search))
            if ok:
                return moved, facet, spoken[facet]
        return found, "", []

    def _plannable(self, question: str) -> str | None:
        """For a plan request whose destination, if it names one, is what the guides cover (not another career), and
        which names nothing the guides never use that is hardly English (a game, a company): the places it names that
        the guides never speak of ('' for none); None for any other request."""
        where = plan_destination(question)
        if beyond_entry(where):  # "how do i become a senior ml engineer": up the ladder, which the steps are not
            return None
        # "ML", "ml engineer": the guides' own subject, however short; none named ("make me a roadmap pls"): theirs.
        if where and not self._is_subject(where):
            verdict = self.verdict(where, self.retriever.retrieve(where, k=self.settings.answer_passages))
            # ...and a field moved into is its job ("how do i get into data engineering": data engineers).
            if verdict.role is not None or verdict.scope != "answered" or target_role(question, self.profile()):
                return None
        # The whole request too: a name the guides never use, hardly English ("...an ML engineer in bitlife"), is no
        # plan of theirs; an everyday word they don't use ("a study plan i can do on weekends") asks their plan.
        # (A span of time is said to be given no timings: "plan my next 6 months" is theirs.)
        asked = TIMED.sub(" ", question)
        whole = self.verdict(asked, self.retriever.retrieve(asked, k=self.settings.answer_passages))
        if any(english_zipf(w) < RARE_ZIPF for w in quoted_words(whole.topic)):
            return None
        return whole.topic if whole.topic and whole.topic in map(place_label, places_asked_about(asked)) else ""

    def _is_subject(self, text: str) -> bool:
        """The words (aliases spelled out: "ML" is machine learning) all name the guides' own subject."""
        said = tokenize(" ".join(ROLE_ALIASES.get(w.lower(), w) for w in text.split()))
        return bool(said) and set(said) <= set(tokenize(self.subject()))

    def subject(self) -> str:
        """What this advisor is about: the configured subject, else the role most guide titles name ('').

        Only a configured subject is added to searches: a derived one is what most guides are about already.
        """
        return self.settings.subject or self.profile().subject_label

    def _on_answer_before(self, question: str, history: Sequence[Turn],
                          profile: UserProfile | Mapping[str, object] | None) -> tuple[Answer | None, str]:
        """The reply to a message about the answer before, or None; and the question left to answer ("that's wrong,
        what do seniors make?" asks "what do seniors make?").

        "shorter pls", "can you say that in like 2 sentences": the answer before, in that many of its sentences
        (answered again, as it was: the conversation holds its text, not its passages). "that doesnt sound right,
        i know people at google without degrees": not a question on Google. The guides are all it goes by: said so,
        with what they say on the question before asked again with what the person said ("Yet other companies don't
        need any specific educational background"), or alone when that finds nothing ("i know people at quuxco"),
        in short. Either as a first message follows on from nothing."""
        rest = disagrees(question)
        if rest is not None and not asks_nothing_new(rest):
            question, rest = rest, None
        if (named := asks_simpler(question)) is not None:  # "explain that simpler": said not to be possible
            if named:
                asked, before = named, list(history)
            elif (earlier := _asked_before(history)) is not None:
                asked, before = earlier
            else:
                return self._no_earlier(), question
            brief = self._shortened(self._answer_again(asked, before, profile), 1, framed=False)
            if brief.citations:
                return _framed(brief, SIMPLER_FRAME), question
            if not named and brief.scope == "declined" and not brief.clarify:  # what the decline meant, not it again
                pool = [q for q in question_pool(self.retriever.sections()) if q != asked]
                return decline_meant(asked, self.settings.coverage,
                                     self.answerability.closest_questions(asked, pool)), question
            return (brief, question) if not named else (None, named)
        if asks_figure_of_that(question) and (earlier := _asked_before(history)) is not None:
            # "You haven't answered the question. Do the guides give any figure for that or not?": yes (the figures,
            # as they give them) or no, plainly
            full = self._answer_again(*earlier, profile)
            if not (FIGURE.search(full.text) and full.citations):
                return no_figure_of(asking_part(earlier[0])), question
            return self._figures_framed(full, FIGURES_AS_GIVEN)[0], question
        if (left := missed(question)) is not None:  # "that doesnt answer my question": say so, don't search it
            # "that's not what i asked, what do seniors earn?", "..., i meant do i need kubernetes for my first job";
            # not "..., i already know how to code", said of them.
            said = meant(left)  # what they say they meant is what they ask, however they put it
            if said or "?" in (asked := left) or QUESTION_OPENER.match(asked) or REQUESTS.match(asked):
                return None, said or asked
            if (earlier := _asked_before(history)) is None:
                return self._no_earlier(), question
            pool = [q for q in question_pool(self.retriever.sections()) if q != earlier[0]]
            return missed_reply(earlier[0], self.answerability.closest_questions(earlier[0], pool)), question
        if rest is None and asks_about_guides(question) \
                and not (asks_source(question) and _asked_before(history) is not None):
            return self._guides_listed(), question  # "which guides do you use?", "who wrote them?"
        if rest is None and asks_source(question):  # "source?": where the answer before came from
            listed = self._sources_before(history, profile)
            if asks_other_source(question) and listed.citations:  # "whats your other source": there is none
                listed = replace(listed, text=f"{listed.text}\n\n{NO_OTHER_SOURCE}")
            return listed, question
        sentences = asks_shorter(question) if rest is None else SHORT_SENTENCES
        if not sentences:
            return None, question
        if (earlier := _asked_before(history)) is None:
            return self._no_earlier(), question
        if rest is None:
            # The last answer that quoted something: "summarise that in 3 bullets" after "can you rank those" was
            # declined is about the plan before it (an eighteenth probe was declined again).
            briefs = [self._shorter(full, sentences, names_count(question))
                      for full in self._quoted_back(history, profile)]
            return next((b for b in briefs if b.citations), briefs[0]), question
        again = earlier[0].rstrip().rstrip(".?!") + (f". {rest}" if rest else "")
        for asked in dict.fromkeys((again, earlier[0])):
            brief = self._shortened(self._answer_again(asked, earlier[1], profile), sentences, framed=False)
            if brief.citations:
                return _framed(brief, PUSHBACK), question
        return None, question

    def _person(self, profile: UserProfile | Mapping[str, object] | None, question: str,
                history: Sequence[Turn] | None) -> UserProfile:
        """The profile sent, with what the person said of themselves in this message and the ones before it."""
        return self.check_profile(profile).merged(stated_profile(user_texts(question, history or [])))

    def _quoted_back(self, history: Sequence[Turn],
                     profile: UserProfile | Mapping[str, object] | None) -> list[Answer]:
        """The person's last questions answered again, newest first, up to the first whose answer quoted something and
        at most SHORTEN_BACK of them ("summarise that" or "source?" after a decline is about the answer before it)."""
        answers: list[Answer] = []
        earlier = _asked_before(history)
        while earlier is not None and len(answers) < SHORTEN_BACK:
            answers.append(self._answer_again(*earlier, profile))
            if answers[-1].citations:
                break
            earlier = _asked_before(earlier[1])
        return answers

    def _guides_listed(self) -> Answer:
        """Every guide indexed, each by its title and publisher with its [n] (a passage of it to open): what the
        answers quote, and all that is known of who wrote them."""
        first: dict[str, Chunk] = {}
        for chunk in self.retriever.corpus()[1]:
            first.setdefault(chunk.doc_id, chunk)
        if not first:
            return Answer(text=f"I have no guides indexed yet, so I can't answer questions about "
                               f"{self.settings.coverage}.", refused=True)
        cited = tuple(Citation(n, c.to_passage()) for n, c in enumerate(first.values(), 1))
        lines = "\n".join(f"- {c.passage.title} ({c.passage.byline}) [{c.n}]" for c in cited)
        return Answer(text=f"_{GUIDES_LEAD}_\n\n{lines}\n\n{GUIDES_WRITERS}", citations=cited, lead=GUIDES_LEAD)

    def _sources_before(self, history: Sequence[Turn],
                        profile: UserProfile | Mapping[str, object] | None) -> Answer:
        """The passages the last answer that quoted something cites, each on a line of its own with its [n], so
        "source?" is answered with where it came from rather than searched."""
        answers = self._quoted_back(history, profile)
        if not answers:
            return self._no_earlier()
        cited = answers[-1].citations
        if not cited:
            return Answer(text=NOTHING_QUOTED, refused=True)
        lines = "\n".join(f"- {c.passage.label} ({c.passage.byline}) [{c.n}]" for c in cited)
        return Answer(text=f"_{SOURCES_LEAD}_\n\n{lines}", citations=cited, lead=SOURCES_LEAD)

    def _asked_again(self, earlier: tuple[str, list[Turn]], told: str, frame: str,
                     person: UserProfile) -> Iterator[str | Answer]:
        """The question before (with the conversation before it) asked again with what they told since, under a line
        saying so ("Thanks, I'll keep that in mind. Back to your question “...”:")."""
        noted = f"_{frame} your question “{earlier[0].strip()}”:_\n\n"
        yield noted
        # Two sentences, so what they say of themselves is read as such ("...for fun" + "i'm currently a nurse" is no
        # question about how things stand now).
        again = earlier[0].rstrip()
        again += "" if again.endswith(tuple(".?!")) else "."
        for piece in self.stream(f"{again} {told.strip()}", earlier[1], person):
            yield replace(piece, text=noted + piece.text) if isinstance(piece, Answer) else piece

    def _next_step(self, question: str, history: Sequence[Turn], person: UserProfile) -> Answer | None:
        """After a plan, "ok and after that what do i do" once the conversation is on one of its steps: the step
        after that one, cited; "whats the first thing i should do" or "whats the last step": that step. None for any
        other message, or when no step is in focus or it was the last."""
        following = asks_next_step(question)
        if not following and not asks_step_by_place(question):
            return None
        at = next((i for i in range(len(history) - 1, -1, -1) if history[i]["role"] == "assistant"
                   and shown_steps(history[i]["content"])), None)
        if at is None:
            return None
        titles = shown_steps(history[at]["content"])
        if following:
            on = step_in_focus(titles, [t["content"] for t in history[at + 1:]
                                        if t["role"] == "user" or NEXT_SHOWN_AT.match(t["content"])])
            want = None if on is None else on + 1
        else:  # "whats the first thing i should do"
            want = step_by_place(question, len(titles))
        if want is None or want >= len(titles):
            return None
        with self.gate:
            plan = self._plan(person)
        step = next((s for s in plan.steps if s.title == titles[want]), None)
        if step is None:  # the plan changed since it was shown (a profile sent since): not the step they saw
            return None
        one = plan.alone(step)
        lead = (NEXT_SHOWN if following else STEP_SHOWN).format(n=want + 1)
        return Answer(text=f"_{lead}_ {step.title}: {one.cited_text(step)}", citations=one.citations, lead=lead)

    def _figures_again(self, question: str, history: Sequence[Turn], verdict: Verdict,
                       profile: UserProfile | Mapping[str, object] | None) -> Answer | None:
        """"is that in dollars?" right after an answer with figures, when the guides say nothing on it: those figures
        again, as they give them (their source, their currency), said to be all they say; None otherwise. Not for a
        question on how things stand now or on a role, whose own hedge says more, nor one weighing up what the figures
        are of ("is that worth it?" after bootcamp costs)."""
        asks = asking_part(question)  # "I'm in Germany actually, not the US. does that change the numbers?"
        if not about_quoted(asks) or verdict.role is not None or verdict.now \
                or set(WORD.findall(asks.lower())) & JUDGEMENT \
                or verdict.topic in (NOW_TOPIC, FUTURE_TOPIC, AGE_TOPIC, CHOICE_TOPIC):
            return None
        last = last_answer(history)
        # A place they ask about is said not to be covered first ("Those are American numbers. Anything for the UK?":
        # a thirty-fourth probe was shown the US table again, the UK unsaid), also where they say they are (a
        # thirty-fifth's "I'm in Germany actually, not the US. does that change the numbers?").
        places = self._places_unsaid(question, verdict)
        if (earlier := _asked_before(history)) is None or not last or not (FIGURE.search(last) or places):
            return None
        if not FIGURE.search(last):
            # "ok but im not in the USA tho, im in manila. does any of that apply here?" after the outlook (a
            # thirty-sixth probe got it again, Manila unsaid): the place said not to be covered, and the answer again.
            full = self._answer_again(*earlier, profile)
            if not full.citations:
                return None
            brief = self._shortened(full, FIGURE_POINTS, framed=False)
            return replace(_framed(brief, PLACE_NOT_OF.format(places=TOPIC_JOIN.join(places))), scope="partial")
        frame = FIGURES_NOT_OF.format(places=TOPIC_JOIN.join(places)) if places else FIGURES_AS_GIVEN
        framed, shortened = self._figures_framed(self._answer_again(*earlier, profile), frame)
        return framed if shortened or places else None  # (a place unsaid is worth saying with them whole)

    def _places_unsaid(self, question: str, verdict: Verdict) -> list[str]:
        """The places the question asks about, as a reply names them, that the guides never name."""
        return [p for p in dict.fromkeys(map(place_label, places_asked_about(question)))
                if p in verdict.topic or not any(self.profile().knows(t) for t in tokenize(p))]

    def _figures_framed(self, full: Answer, frame: str) -> tuple[Answer, bool]:
        """The figures of an answer as the guides give them, under a frame (partial), and whether anything was left
        out to show them."""
        brief = self._shortened(full, FIGURE_POINTS, framed=False, figured=True)
        return replace(_framed(brief, frame), scope="partial"), brief is not full

    def _answer_again(self, question: str, history: Sequence[Turn],
                      profile: UserProfile | Mapping[str, object] | None) -> Answer:
        """A question asked before, answered again as it was; its gap, if any, was logged the first time."""
        return [p for p in self._stream(question, history, profile, log_gaps=False) if isinstance(p, Answer)][-1]

    def _no_earlier(self) -> Answer:
        """The reply to a first message that can only follow on from an earlier one, with an example question."""
        example = next(iter(self.settings.example_questions), "")
        text = f"{NO_EARLIER} For example: “{example}”" if example else NO_EARLIER
        return Answer(text=text, refused=True, clarify=NO_EARLIER, scope="declined")

    def _shorter(self, full: Answer, sentences: int, counted: bool) -> Answer:
        """The answer in `sentences` of its points; asked only to be shorter (not counted), at least one point fewer
        than it had (a twenty-second probe's "shorter pls" after a table and a sentence got both again)."""
        brief = self._shortened(full, sentences)
        every = self._shortened(full, len(full.text))  # as many points as it has
        while not counted and sentences > 1 and brief.citations and brief.text == every.text:
            sentences -= 1
            brief = self._shortened(full, sentences)
        return brief

    def _shortened(self, full: Answer, sentences: int, framed: bool = True, figured: bool = False) -> Answer:
        """The answer in its first few cited sentences (figured: those that give a figure), framed as it was (or not
        at all: the caller frames it); a reply without any (a decline, a question back) as it stands."""
        body, cited = shortened(full.text, full.lead, full.citations, sentences, figured)
        if not body:
            return full
        quoted = figures(body, cited, self.today(), self.settings.figure_max_age_years)
        lead = full.lead if framed else ""
        return Answer(text=f"{lead} {body}" if lead else body, citations=cited, scope=full.scope, lead=lead,
                      notice=full.notice, figures=quoted)

    def _reply_without_guides(self, question: str, history: Sequence[Turn] | None) -> Answer | None:
        """The reply to a message that is no question for the guides, or None: a person who may be in danger
        (first: no guides, no suggestions, no gap log), "hi" / "help" / "thanks" / only who they are (what can be
        asked), or a question in another language (the guides and every rule here are English: say so, don't guess)."""
        if in_crisis(question):
            return Answer(text=self.settings.care_text, refused=True, kind="care")
        thanked = thanks(question)
        # Who they are, and nothing asked, before any question: what would they like to know? (After one it re-asks
        # it for them, or answers a question back, "i have a physics degree", and is read with it: see stream.)
        introduced = not thanked and introduces_only(question) and _asked_before(history or []) is None
        felt = not thanked and feels_only(question)
        # "ok" after an answer that asked nothing back is heard, not searched (a twenty-third probe got the pay table
        # again); after a question back it may answer it, and is read as that.
        last = last_answer(history or [])
        okayed = not thanked and bool(last) and okays(question) \
            and not any(ask in last for ask in (*ASKS, DETAIL_ASKED))
        reacted = not thanked and (reacts(question) or felt or okayed)
        itself = about_advisor(question)
        thanked = thanked or (itself and thanks_first(question))
        if thanked or introduced or reacted or itself or greets(question) or (not last and okays(question)):
            again = introduced and any(t["role"] == "user" and introduces_only(t["content"]) for t in history or [])
            bye = thanked and says_bye(question)
            return welcome(self.settings.coverage, self.settings.example_questions,
                           thanked=thanked and (not bye or thanks_said(question)),
                           lucky=thanked and wishes_luck(question), bye=bye,
                           introduced=introduced, again=again, reacted=reacted, itself=itself, felt=felt,
                           okayed=okayed, mixed=thanked and thanks_mixed(question))
        if asks_to_write(question):  # "can you help me write a cover letter ...": not what it does
            closest = self.answerability.closest_questions(question, question_pool(self.retriever.sections()))
            return cannot_write(self.settings.coverage, closest)
        # A question all in the guides' words is English already, and then wordfreq's lists need not load.
        terms = set(tokenize(question))
        if (not terms or not terms <= self.profile().vocabulary) and other_language(question):
            return Answer(text=NOT_ENGLISH, refused=True, kind="language")
        return None

    def warm_up(self) -> None:
        """Load the model and build this index revision's statistics now (lexical index, corpus profile, chunk
        terms, the suggestion pool's vectors, the guides' mean sentence and their passage for career switchers,
        the place names, English word frequencies), so a server's first question does not pay for them."""
        self.retrieve("warm up", k=1)
        self.profile()
        self._chunk_terms()
        self.answerer.prepare()
        if self.subject():
            self._other_background()
        self.answerability.closest_questions("warm up", question_pool(self.retriever.sections()))
        gazetteer()
        other_names()
        common_english(COMMON_ZIPF)  # wordfreq's English list, and the words a misspelling is checked against
        common_by_length(COMMON_ZIPF)  # ...grouped by length for long words (0.3 s on first use)

    def _chunk_terms(self) -> list[str]:
        """Every chunk's stemmed terms (term_text), kept per index revision: profile fields are matched
        against them on each request, so the joining is done once, not per question."""
        rev, chunks, _ = self.retriever.corpus()
        if self._terms is None or self._terms[0] != rev:
            self._terms = (rev, [term_text(c.text) for c in chunks])
        return self._terms[1]

    def plan(self, profile: UserProfile | Mapping[str, object] | None = None) -> Plan:
        """An ordered, cited plan from the guides' step-by-step sections, adapted to the profile."""
        person = self.check_profile(profile)
        with self.gate:  # /api/plan and the UI's plan button wait their turn like any answer
            return self._plan(person)

    def _plan(self, person: UserProfile) -> Plan:
        # The shared query cache, not the bare model: the steps are the same texts on every plan request.
        return build_plan(self.retriever.corpus()[1], self.retriever.embeddings, person, self.subject())

    def profile(self) -> CorpusProfile:
        """Statistics of the indexed guides (roles, vocabulary), rebuilt when the index changes."""
        rev, chunks, vocabulary = self.retriever.corpus()
        if self._profile is None or self._profile[0] != rev:
            self._profile = (rev, CorpusProfile.build(chunks, vocabulary))
        return self._profile[1]

    def _spelled_alone(self, question: str) -> str:
        """A message that is only one of the guides' abbreviations, spelled out as they define it ("ml?" is "machine
        learning": a thirty-first probe's "ml" was declined, the model knowing the letters far less than the words)."""
        profile = self.profile()
        return {**profile.short, **profile.initials}.get(question.strip(" ?!.").lower(), question)

    def wordings(self, question: str) -> list[str]:
        """The question with the guides' abbreviations shortened, then spelled out: one pair whichever form was
        typed ("ML engineer" / "machine learning engineer")."""
        profile = self.profile()
        short = profile.short
        question = profile.respell(question)  # "machine learnign" is searched as the guides write it
        # "ML" is "ml" too; "MLE" is spelled out but never made of the words, which a model knows better.
        # "comp sci" is "computer science": a clipped word is searched as the guides write it.
        clipped = {**profile.spelled_clippings, **self.answerability.clipped_alike(question, profile)}
        whole = spelled_out(question, {**clipped, **profile.initials, **short})
        brief = spelled_out(whole, {v: k for k, v in short.items()})
        return list(dict.fromkeys([brief, spelled_out(brief, short)]))

    def _judge(self, typed: str, came: str, history: list[Turn], passages: list[Passage],
               place: str) -> tuple[str, Verdict]:
        """The question as judged (a follow-up folded into its thread) and the verdict on it."""
        thread = contextualize(typed, history)
        standalone = thread.text + came
        # A follow-up that asks anew ("how long would it take me?") is about a place of the thread only as far as
        # its own answer differs by place; "and for seniors?" keeps the whole of the question before.
        own = typed if asks_anew(typed) else ""
        verdict = self.verdict(standalone, passages, place, own, thread.used_history)
        if not thread.used_history:
            return standalone, verdict

        # ...and with the guides' subject when only the thread names it ("wat does a normal day look like for them"
        # after "can people with dyslexia be ML enginers": a thirty-fourth probe was told the guides don't cover that)
        subject = self._unsaid_subject(unjoined(typed), [], fresh=True) \
            if not self._unsaid_subject(thread.text, [], fresh=True) else ""

        @functools.cache
        def on_its_own() -> Verdict:  # the turn judged on its own: worked out at most once, when first needed
            return self.verdict(unjoined(typed) + came + subject, passages, place)

        if (here := {place_label(p) for p in places_asked_about(unjoined(typed))}) and verdict.scope != "answered" \
                and any(p in verdict.topic for p in {place_label(p) for p in places_asked_about(thread.before)} - here):
            # "and in usa?" after the pay in Argentina: the place the turn names is the point now, not the thread's (a
            # twenty-third probe was told again that the guides say nothing about Argentina).
            alone = on_its_own()
            return standalone, alone if alone.scope == "answered" or not alone.topic else replace(verdict,
                                                                                                 topic=alone.topic)
        if IN_GENERAL.search(typed) and verdict.scope != "answered":
            # "what's a typical day at openai" then "ok what about in general": not about OpenAI any more. What the
            # thread asked that the guides don't cover ("layoffs") stays; "general" is no topic of its own.
            if verdict.in_passing or verdict.topic in map(place_label, places_asked_about(thread.before)):
                return standalone, Verdict("answered")
            return standalone, verdict
        short = len(tokenize(unjoined(typed))) <= SHORT_FOLLOW_UP

        if (own or not short) and verdict.scope != "answered" and (
                (verdict.topic == FUTURE_TOPIC and not asks_about_future(typed))
                or (verdict.topic == NOW_TOPIC and not asks_about_now(typed))
                or (verdict.topic == AGE_TOPIC and not asks_about_age(typed))
                or (verdict.role is not None and not set(verdict.role.role) & set(WORD.findall(typed.lower())))) \
                and SCOPE_RANK[(alone := on_its_own()).scope] >= SCOPE_RANK[verdict.scope]:
            # "what would he do all day in this job" after "is this field going to exist in 10 years", "how long would
            # that take her?" after her job as a chemistry teacher: a time or a job only the thread asked about is not
            # this turn's (a twenty-fourth probe got the thread's frame again, four turns running).
            return standalone, alone
        if verdict.in_passing and not all(_says_topic(typed, name) for name in _names_of(verdict.topic)) \
                and SCOPE_RANK[(alone := on_its_own()).scope] >= SCOPE_RANK[verdict.scope]:
            # "what about the cloud stuff like aws" four turns after "software dev 3 yrs in java": a name only the
            # thread said is not this turn's (a twenty-second probe was told the guides mention Java only in passing).
            return standalone, alone
        if verdict.scope != "answered" and verdict.topic in ("", FIGURE_TOPIC) and verdict.role is None \
                and not verdict.in_passing and asks_figure(bare := unjoined(typed)) \
                and (not points_back(bare) or (PAY.search(bare) and not AMONG.search(bare))) \
                and SCOPE_RANK[on_its_own().scope] > SCOPE_RANK[verdict.scope]:
            # "and for seniors, what is the pay like?" after what seniors do, "salary" after "tools?": the thread
            # dilutes an amount asked that, on its own, what was found gives (a twenty-third probe got both hedged;
            # a twenty-fourth's "how much do they make" after "do i need college" was declined: who makes money is
            # the people the guides are about; not "which of those pays the most" after other jobs). Not other
            # turns: "what about remote jobs?" after a question on Google, answered, got the outline of the Google
            # passage.
            return standalone, on_its_own()
        if not short:
            # "what about visa sponsorship if im from mexico" after questions on degrees and bootcamps: every word
            # the turn adds is one the guides never use, so the thread's words cannot make it answerable.
            alone = on_its_own()
            if alone.scope == "declined" and _names_a_word(alone) and self._adds_only(typed, alone.topic):
                return standalone, alone
        # "what kind of questions do they ask in ML engineer interviews" after a question on a Zoom interview's camera:
        # naming the guides' subject, it asks anew whatever its "they" points at (a twenty-first probe's was hedged
        # with the thread's camera and Zoom).
        whole = complete(typed) or (asks_anew(typed) and self._says_subject(unjoined(typed)))
        if not (short or whole):
            # A word or name only the thread said is not this turn's point: "is docker enough or do i need
            # kubernetes too" two turns after "mostly SQL and notebooks" was hedged as mentioning SQL in passing.
            # (A name in passing only the thread said was set aside above.)
            if _names_a_word(verdict) and verdict.topic != FIGURE_TOPIC \
                    and not _says_topic(typed, verdict.topic):  # no figure for that: the turn's own point
                alone = on_its_own()
                if SCOPE_RANK[alone.scope] >= SCOPE_RANK[verdict.scope]:
                    return standalone, alone
            if verdict.scope == "answered" and points_back(unjoined(typed)) \
                    and quoted_words((alone := on_its_own()).topic) and _names_a_word(alone) \
                    and _says_topic(typed, alone.topic):
                # A word the guides never use, said by a turn that asks about it ("does that count") and its point
                # on its own, is not diluted by the thread: "i have a bachelors in biology, does that count" after
                # questions on degrees (a sixteenth probe: answered with degree quotes that never said biology).
                return standalone, Verdict("partial", alone.topic)
            return standalone, verdict
        alone = on_its_own()
        # (A name the guides mention in passing that only the thread said was set aside above: "and for someone like
        # me, do i need a masters?" after "i mostly do backend java stuff". A word they never use stays the point:
        # "what am i doing wrong" after "200 jobs, no callbacks".)
        if whole and SCOPE_RANK[alone.scope] > SCOPE_RANK[verdict.scope]:
            # "do i need a degree?" after a question on pay: what the thread adds must not make it unanswerable.
            verdict = alone
        # A word the guides never use is the point however long the folded question it is diluted in: the word a
        # short follow-up adds ("and scholarships?" after questions on tuition; in a longer one, each word weighs
        # too much on its own). The thread's own such words are not carried into a follow-up that points back: a
        # third probe found "them" and "it" pointing elsewhere ("what companies hire them?" after "is ml
        # stressful?" was hedged for "stressful"), more often than at the unknown word ("how much do they pay?"
        # after "is meta hiring?", answered plainly as before this round).
        if short and verdict.scope == "answered" and self._no_figure_of(typed, thread.before, standalone, passages):
            # "and a lead or principal?" after "how much does a senior make": the table has no row for them.
            verdict = Verdict("partial", FIGURE_TOPIC)
        if short and _names_a_word(alone) and (verdict.scope == "answered" or _names_a_word(verdict)
                                               or not verdict.topic):
            said = verdict.topic.split(TOPIC_JOIN) if verdict.topic else []
            topics = _merged_topics(said, alone.topic.split(TOPIC_JOIN))
            if len(topics) > len(said):
                verdict = Verdict("partial" if verdict.scope == "answered" else verdict.scope, TOPIC_JOIN.join(topics))
            elif topics != said:  # "bake sourdough" names more than the thread's “bake”: said once, in full
                verdict = replace(verdict, topic=TOPIC_JOIN.join(topics))
        return standalone, verdict

    def _new_topic(self, question: str, hist: Sequence[Turn]) -> bool:
        """A message of a word or two that names something ("remote?", "python enough?") and leans on nothing before
        (no "and", "what about", question word, pronoun, nothing of themselves) nor anything of the last question or
        its answer, only words the guides use: a question of its own.
        An eighteenth probe got the pay table again for both after "salary". "seniors?" after the pay table, whose
        rows name seniors, or "how long?", which names nothing, still follow on."""
        bare = unjoined(question)
        # "ok and skills?", "what about skills?" after the pay table: joined to it, but naming only what a heading of
        # the guides is about (a twenty-second probe got the pay table again); "and for seniors?", "and remote?",
        # "and a master's?" (after how long a degree takes), "and usa?" still follow on.
        named = WHAT_ABOUT.sub("", bare)
        headed = (bare != question.strip() or named != bare) and bool(said_words := set(tokenize(named))) \
            and len(said_words) <= 2 and said_words <= self._heading_terms() and not places_asked_about(named)
        bare = named if headed else bare
        if (bare != question.strip() and not headed) or WH_Q.match(bare) or (leans_back(question) and not headed) \
                or points_back(bare) or ASKS_SOURCE.search(bare) or BARE_EXAMPLE.match(bare) \
                or not is_follow_up(question):  # "what are the downsides", "examples?": of the thread
            return False
        if FIRST_PERSON.search(bare):  # "is my math enough", "do i have to learn python": of what they told before
            return False
        said = set(tokenize(bare)) - MEASURE_TERMS - NEED_TERMS - QUESTION_TERMS - JUDGEMENT_TERMS \
            - self._subject_terms()
        last = [t["content"] for t in hist if t["role"] == "user"][-1:] + \
            [t["content"] for t in hist if t["role"] == "assistant"][-1:]
        # A word the guides never use ("downsides?" after "is ml a good career") takes its sense from the thread.
        return bool(said) and all(self.profile().knows(t) for t in said) and not said & set(tokenize(" ".join(last)))

    def _heading_terms(self) -> set[str]:
        """What the guides' own headings are about: the last term of each (the last part of each section path: "Skills"
        of "What Skills Will I Learn...", not "master" of "Master the Technical Skills"), less their subject's."""
        return set(_heads(self.retriever.sections())) - self._subject_terms()

    def _no_figure_of(self, typed: str, before: str, thread: str, passages: list[Passage]) -> bool:
        """A short follow-up to a question asking an amount names something new ("and a lead or principal?") that no
        sentence with a figure, in the best passages, names: their figures are of the thread's other things."""
        if not asks_figure(thread) or asks_anew(typed):  # "is that worth it?" asks its own question, no amount
            return False
        new = set(tokenize(unjoined(typed))) - set(tokenize(before)) - self._subject_terms() - MEASURE_TERMS
        figured = [set(tokenize(u.text)) for u in units_of(passages[:4]) if FIGURE.search(u.text)]
        return bool(new) and bool(figured) and not any(with_rung(new) & f for f in figured)

    def _adds_only(self, typed: str, topic: str) -> bool:
        """Every content word of the turn, less the guides' subject, is a word of the topic (the words a verdict
        names as ones the guides never use)."""
        subject = set(tokenize(" ".join(self.wordings(self.subject()))))
        said = {w for w in WORD.findall(unjoined(typed).lower()) if not set(tokenize(w)) <= subject}
        return bool(said) and said <= _topic_words(topic)

    @staticmethod
    def _as_answered(question: str, history: list[Turn]) -> str:
        """The question as the answerer gets it: a follow-up folded into the thread before it; one that asks anew
        first, so the answer takes its shape from what is asked now ("and is it worth it?" after a question on
        cost is answered yes or no, not with the figures again)."""
        folded = contextualize(question, history)
        if not (folded.used_history and asks_anew(question)):
            return folded.text
        anew = f"{question}{EARLIER}{folded.before})"
        # "how much?" after "does ml require coding?" asks how much of that, answered by what the guides say on it.
        return folded.before if BARE_MUCH.match(unjoined(question)) and not asks_amount(anew) else anew

    def _rung_worded(self, search: str, hist: Sequence[Turn]) -> list[str]:
        """The question with the first rung said as a table of pay says it ("and for juniors?" -> "...entry-level?"),
        to search beside it, when it or the question before asks an amount; [] otherwise (for "is anyone hiring
        junior devs" that wording found the pay table, a dev question's)."""
        rung = rung_worded(search)
        before = [t["content"] for t in hist if t["role"] == "user"][-1:]
        return [rung] if rung and (asks_figure(search) or any(asks_figure(q) for q in before)) else []

    def _says_subject(self, text: str) -> bool:
        """The text names the guides' subject whole, in either wording ("ML engineer interviews")."""
        subject = tokenize(self.subject())
        return bool(subject) and any(mentions_phrase(w, subject) for w in self.wordings(text))

    def _subject_terms(self) -> set[str]:
        """The terms of the guides' subject in either wording, and as people shorten it ("ml", "mle")."""
        return set(tokenize(" ".join(self.wordings(self.subject())))) | self.profile().subject_terms

    def _unsaid_subject(self, question: str, hist: Sequence[Turn], fresh: bool = False) -> str:
        """" (machine learning engineer)" for a question of a conversation that leaves the guides' subject unsaid, with
        the thread it is folded into if it follows on ("whats the worst part of the job", "and the best part", "i'm bad
        at math tbh, should i even bother"): said to a career advisor, mid-conversation, it is about that career, so it
        is searched and judged with it. '' for a first question: alone, the bare words are judged as typed (with the
        subject added, near-domain questions were answered: 5 to 14 false answers of 314 on dev)."""
        subject = self.subject()
        if not (hist or fresh) or not subject or asks_nothing_new(question):  # "you are just repeating yourself"
            return ""
        if roles_in(words(question)):  # "how do i become a data scientist?": a job of its own, not theirs
            return ""
        # A follow-up folded into its thread: the thread's words too (fresh: a question of its own mid-conversation,
        # "is my math enough" after a question on the move, whose thread is set aside).
        thread = question if fresh else contextualize(question, hist).text
        said = set(tokenize(" ".join(self.wordings(thread))))
        return "" if said & self._subject_terms() else f" ({subject})"

    def _asking(self, question: str) -> list[str]:
        """The part that asks, in both wordings, when the rest states things ("line cook, taught myself some python.
        could i get an ml job?"): searched beside the whole, so a long story does not steer the search alone. Too
        short to search on its own ("i like computers and math. ml?"), it adds nothing. A weakness they name
        ("terrible at math. can I still do ML engineering?") is what they worry about: how much of it is needed is
        searched too."""
        asked = asking_part(question)
        worry = [f"how much {w} do i need" for w in weak_at(question)]
        return (self.wordings(asked) if asked != question and len(tokenize(asked)) >= MIN_ASKING_TERMS else []) + worry

    def _switches(self, typed: str, history: Sequence[Turn] | None) -> bool:
        """The person comes to the guides' subject from a past job the guides never name, said in the question or in
        an earlier message ("im 34, i work as an accountant" then "could i switch to ml?")."""
        told = stated_profile(t["content"] for t in history or [] if t["role"] == "user")
        return bool(self.subject()) and switches_in(typed, self.profile(), bool(told.current))

    def _background_first(self, typed: str, found: list[Passage]) -> list[Passage] | None:
        """The passages found, the guides' passage on coming from a different background first, when the question
        asks whether they could make the move; None when it asks what to learn or how long it takes ("graphic
        designer here... how do i know if switching is right for me": answered from what the question found)."""
        if not found or WH_Q.match(asking_clause(typed)) or (other_field := self._other_background()) is None:
            return None
        # Ranked as the question's best: its own score is from another search, on another scale.
        return put_first(replace(other_field, score=max(p.score for p in found)), found)

    def _other_background(self) -> Passage | None:
        """The guides' passage on coming to their subject from a different background (a past job the guides never
        name, "nurse", otherwise steers the search nowhere): one search per index revision, not per question."""
        rev = self.retriever.corpus()[0]
        if self._switch is None or self._switch[0] != rev:
            found = self.retriever.retrieve(f"How can someone from a different background become a {self.subject()}?",
                                            k=1)
            self._switch = (rev, found[0] if found else None)
        return self._switch[1]

    def verdict(self, question: str, passages: list[Passage], place: str = "", own: str = "",
                folded: bool = False) -> Verdict:
        """answered / partial / declined for this question and the passages retrieved for it (place: the person's
        country, when the question asks about where they are; own: a follow-up that asks anew, as typed, before it was
        folded; folded: the question is a follow-up folded into its thread)."""
        ev = self.answerability.evidence(question, passages, self.profile(), place, own, folded)
        return self.answerability.rule.decide(ev)

    def _partial(self, verdict: Verdict, passages: list[Passage], asked: str = "") -> tuple[str, list[Passage]]:
        """The first sentence says what is and isn't covered; the passages keep to the nearby thing (asked: the
        question as typed)."""
        if verdict.role is not None:
            about = self.subject()
            if verdict.role.compared and verdict.role.known and about:  # named elsewhere, never set beside theirs
                return f"My guides don't compare {about}s with {verdict.topic}; what they say about {about}s:", passages
            if verdict.role.compared:  # their side of a comparison with a role they never mention, plainly framed
                # ...and the place it asks about ("would I earn more as MLE than backend dev? And what do MLEs earn here
                # in Nigeria": a thirty-third probe got US figures framed as not covering backend developers only)
                topic = named_together((verdict.topic, *verdict.places), "or")
                return (f"My guides don't cover {topic}; what they say about {about}s:" if about
                        else f"My guides don't cover {topic}; what they do say:"), passages
            near = [p for p in passages if mentions(p, verdict.role.role)]
            lead = (f"You asked about {verdict.topic}; my guides are about {about}s, and on {verdict.topic} "
                    "they say:") if about else f"On {verdict.topic}, my guides say:"
            return lead, near
        if verdict.topic == FUTURE_TOPIC:
            return "My guides can't tell what a given number of years ahead will bring; what they said when written:", \
                passages
        if verdict.topic == FIGURE_TOPIC:
            return "My guides don't give a figure for exactly this; the closest they say:", passages
        if verdict.topic == CHOICE_TOPIC:
            return "My guides name both side by side and don't say which to pick; what they say:", passages
        if verdict.topic == NOW_TOPIC and ASKS_OPINION.search(asked) and not asks_about_now(asked):
            # "what do you personally think, would you do it" after a question on layoffs now (a thirtieth probe was
            # told how things stand now can't be said): its own view, which it has none of.
            return OPINION_LEAD, passages
        if verdict.topic == NOW_TOPIC:
            return "My guides can't tell you how things stand right now; what they said when written:", passages
        if verdict.only_of and ASKS_OPINION.search(asked):  # "what do you personally think, pytorch or tensorflow?"
            return (f"I have no opinion of my own, only what my guides say. They mention {verdict.topic} only in "
                    "passing; what they say of it:", [p for p in passages if names_any(p.text, verdict.only_of)])
        if verdict.only_of:
            return (f"My guides mention {verdict.topic} only in passing"
                    f"{'' if verdict.just_named else ', not on this'}. What they say of it:",
                    [p for p in passages if names_any(p.text, verdict.only_of)])
        if verdict.in_passing:
            return (f"My guides mention {verdict.topic} only in passing, not on this. What they say that comes "
                    "closest:", passages)
        if verdict.topic and verdict.now:  # "pay in Germany right now": neither is in the guides
            return (f"My guides don't say anything about {verdict.topic}, nor how things stand right now. What they "
                    "said when written that comes closest:", passages)
        if verdict.topic:
            return (f"My guides don't say anything about {verdict.topic}. What they do say that comes closest:",
                    passages)
        return OPINION_LEAD if ASKS_OPINION.search(asked) else NEAREST_LEAD, passages

    def _decline(self, question: str, verdict: Verdict) -> Iterator[str | Answer]:
        closest = self.answerability.closest_questions(question, question_pool(self.retriever.sections())) \
            if question else ()
        s = self.settings
        answer = decline(s.coverage, closest or s.example_questions, verdict.topic, s.handoff_url, s.handoff_text)
        yield answer.text
        yield answer

    def _outline(self, question: str, found: list[Passage]) -> list[Passage] | None:
        """For a question asking for a kind of thing ("what skills do i need"), a section among the best three whose
        subsections are those things, when the question is about the section as a whole rather than one of them:
        its opening passage, then the first of each subsection ("1. Foundational Programming ...", "2. Core
        Mathematics ..."). Derived from the guide's headings, so guides users add work the same way."""
        if not LIST_Q.search(asked_now(question)):
            return None
        qv = query_vector(self.embeddings, question)
        for p in found[:3]:
            kids = [k for k in self.retriever.children(p.doc_id, p.section) if not k.endswith("?")]
            opening = self.retriever.section_chunks(p.doc_id, p.section)
            if len(kids) < MIN_STEPS or not opening:  # fewer subsections are no list of kinds
                continue
            likeness = vectors(self.embeddings, [heading_text(p.title, h) for h in (p.section, *kids)]) @ qv
            if float(likeness[0]) < float(likeness[1:].max()):
                continue  # "how much math do i need": one subsection is the answer
            firsts = [self.retriever.section_chunks(p.doc_id, k)[:1] for k in kids]
            return [opening[0].to_passage(p.score, p.signals),
                    *(c[0].to_passage(p.score, p.signals) for c in firsts if c)]
        return None

    def _whole_section(self, passages: list[Passage]) -> list[Passage]:
        """Add the rest of the best passage's section (a list cut across chunks reads whole)."""
        if not passages:
            return passages
        top, have = passages[0], {p.chunk_id for p in passages}
        extra = [c.to_passage(top.score * 0.95, top.signals)
                 for c in self.retriever.section_chunks(top.doc_id, top.section) if c.chunk_id not in have]
        return passages + extra[:3]

    def passage(self, chunk_id: str) -> PassageContext:
        """A passage with the rest of its section around it, for the citation viewer."""
        found = self.index.get([chunk_id]) if chunk_id and len(chunk_id) <= 64 else []
        if not found:
            raise NotFoundError(f"No passage with id '{chunk_id}'. Ids come from an answer's citations.")
        c = found[0]
        before: list[str] = []
        after: list[str] = []
        for other in self.retriever.section_chunks(c.doc_id, c.section):
            if other.end <= c.start:
                before.append(other.text)
            elif other.start >= c.end:
                after.append(other.text)
        return PassageContext(c.to_passage(), "\n\n".join(before), "\n\n".join(after))

    def ingest(self, corpus_dir: Path | None = None, progress: bool = False) -> IngestReport:
        """Sync the index with the corpus folder: embed new chunks, drop removed ones."""
        root = Path(corpus_dir or self.settings.corpus_dir)
        started = time.perf_counter()
        with ingest_lock(self.settings.data_dir), shared_ingest_lock(self.settings), guarded(self.settings.data_dir):
            corpus = read_corpus(root)
            chunks = corpus.chunks(self.settings.chunk_chars)
            # A guide that fails to load keeps its previous chunks rather than vanishing from answers.
            keep = frozenset(doc_id_for(root / path, root) for path, _ in corpus.failures)
            counts = self.index.sync(chunks, keep_docs=keep, progress=progress)
            seconds = time.perf_counter() - started
            texts, embedded = self._save_text_vectors(progress)
        return IngestReport(documents=len(corpus.docs), chunks=len(chunks), added=counts.added,
                            unchanged=counts.unchanged, removed=counts.removed, updated=counts.updated,
                            seconds=seconds, failures=tuple(corpus.failures), flagged=tuple(corpus.flagged),
                            texts=texts, texts_embedded=embedded,
                            text_seconds=time.perf_counter() - started - seconds)

    def _save_text_vectors(self, progress: bool) -> tuple[int, int]:
        """Embed every quotable sentence (items also under their lead-in), heading path and pool question once.

        Skipped when the saved set was made for this very revision (an unchanged re-ingest). Returns
        (texts saved, texts embedded now).
        """
        # The set's own version beside the index revision: a data dir made before items were also embedded
        # under their lead-ins is brought up to date by the next ingest, not only when the guides change.
        store, rev = self.text_vectors, f"{self.index.revision()}/{TEXT_SET}"
        if store is None or store.revision() == rev:
            return 0, 0
        chunks = self.index.all_chunks()  # includes chunks kept for guides that failed to load this time
        texts = [heading_text(c.title, c.section) for c in chunks]
        texts += [t for c in chunks for u in units_of([c.to_passage()]) for t in (u.text, u.framed) if t]
        texts += question_pool(tuple(dict.fromkeys(c.section for c in chunks)))  # offered when declining
        embedded = store.update(texts, lambda part: vectors(self.embeddings, part), rev,
                                lambda n: progress_bar(n, progress, "text", "Sentences for answers"))
        return len(set(texts)), embedded

    def gaps(self, days: int | None = None, min_count: int = 1, limit: int = 20,
             similarity: float | None = None) -> GapReport:
        """Logged questions the guides missed, grouped by topic, largest group first."""
        return find_gaps(self.feedback, self.embeddings, days=days, min_count=min_count, limit=limit,
                         similarity=DEFAULT_SIMILARITY if similarity is None else similarity)

    def health(self) -> dict[str, Any]:
        """Status for monitoring: chunk count and configuration."""
        count = self.index.count()
        return {"status": "ok" if count else "empty", "chunks": count, "model": model_label(self.settings),
                "answerer": self.answerer.name, "collection": self.index.name}
