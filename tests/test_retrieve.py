"""Retrieval pieces and the public Python API (fake embeddings: mechanics, not quality)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor import Passage, build_advisor
from advisor.config import Settings
from advisor.core import Advisor
from advisor.errors import InvalidQuestionError
from advisor.lexical import BM25, guide_form, tokenize
from advisor.retrieve import (
    asks_anew,
    complete,
    contextualize,
    expand,
    is_follow_up,
    leans_back,
    named_item,
    near_duplicate,
    resolved,
)
from advisor.schema import Turn


@pytest.mark.parametrize(("message", "leans"), [
    ("is that normal?", True), ("and for seniors?", True), ("can you explain that again", True),
    ("same question but for remote jobs", True), ("ok but what if i dont have one", True),
    ("salary?", False),  # only short
    ("can i do it part time", False), ("is it worth it?", False),  # "it": the career, on a first message
    ("can i realistically do this with my schedule?", False),  # "this" too (a dev profile question)
    ("what does a widget engineer do day to day, and is that stressful", False),  # asks in full
])
def test_a_message_that_can_only_follow_on_from_an_earlier_one(message: str, leans: bool) -> None:
    assert leans_back(message) == leans


def test_thanks_before_a_question_only_joins_it_to_the_one_before() -> None:
    """A probe: "ok thanks. do i need a masters" was folded into the question on study time as if it followed on."""
    from advisor.retrieve import unjoined

    assert unjoined("ok thanks. do i need a widget licence?") == "do i need a widget licence?"
    assert unjoined("cool, thx! what do widget engineers earn?") == "what do widget engineers earn?"
    assert complete("thanks! do i need a widget licence?")
    assert unjoined("ok last thing, how much do they make") == "how much do they make"
    assert unjoined("thanksgiving plans for widget engineers?") == "thanksgiving plans for widget engineers?"


def test_follow_ups_are_detected_and_folded_into_the_previous_question() -> None:
    history = [{"role": "user", "content": "What does an entry-level ML engineer earn?"},
               {"role": "assistant", "content": "About US$ 118,000."}]
    q = contextualize("And for seniors?", history)  # type: ignore[arg-type]
    assert q.used_history and q.text.startswith("What does an entry-level ML engineer earn?")
    assert q.text.endswith("And for seniors?")
    standalone = contextualize("What programming languages should a machine learning engineer learn?", history)  # type: ignore[arg-type]
    assert not standalone.used_history
    assert is_follow_up("How long does that take?") and not is_follow_up("What math is needed for deep learning?")
    assert not contextualize("And for seniors?", None).used_history
    # An earlier message is folded from where it said it asks anew (a thirty-fourth probe's "and in europe?" after
    # "you keep saying demand is growing. ok, different q: is it true ML engineers make more..." got the demand).
    said = [{"role": "user", "content": "you keep saying kilns are hot. ok, different q: what do potters earn?"},
            {"role": "assistant", "content": "US$ 1. [1]"}]
    assert contextualize("and in norway?", said).text == "what do potters earn? and in norway?"  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "follows"), [
    ("and what about programming?", True), ("is java ok too", True), ("which one pays more", True),
    ("And the best ones?", True), ("ok so where do i start", True), ("why?", True), ("how many", True),
    ("what are the downsides", True), ("how long until senior?", True),  # say too little to stand alone
    ("do i need a degree?", True), ("which skills am i missing", True),  # ...and are complete (below)
    # A question that stands on its own after "ok"/"and" is a new one; so is one said to be new.
    ("ok what companies hire ml engineers", False), ("also, what certifications help for ml jobs", False),
    ("ok forget that, what certifications are worth it", False),
    ("ok forget visas. what tools do ml engineers use", False),
    ("dont forget about it, how long does that take", True), ("never mind. is it hard to learn python", False),
    ("one more thing: what skills do ml engineers need", False),
    ("ok whatever. what about kaggle competitions, are they worth it", False), ("what about kaggle?", True),
    ("anyway, what about certificates then", False), ("is that needed anyway?", True),
    # "totally unrelated but ..." says it is new (a twenty-ninth probe's job-outlook question got the thread before).
    ("thanks. totally unrelated but do you know what that kiln costs?", False),
    ("is that unrelated to glazing?", True),
    # The "it" of "worth it" is the sentence's own subject (a fourteenth probe: "would a masters in ml be worth it for
    # me" after a question on the car industry was answered with the thread's quotes); a pointing subject points.
    ("would a masters in widgetry be worth it for me", False), ("is it worth it", True), ("is that worth it?", True),
    # A long question pointing back only weakly asks on its own; a "there" that says something exists and a "that"
    # opening a clause point at nothing (a twenty-seventh probe: new questions got the answer before's topic again).
    ("do kiln shops actually hire widget engineers or is it mostly glaze companies?", False),
    ("Hmm, so roughly 22k less. Are there widget jobs in kiln or glaze firms, like fraud detection?", False),
    ("My degree is irrelevant, I'm the one hiring! Do widget jobs typically require a PhD?", False),
    ("fair. for my portfolio, could i build a kiln web app that serves a widget model?", False),
    ("can i learn it online or do i need actual classes", True),  # five content words: still leans on the thread
    ("is that a separate job or part of widget engineering", True),
    ("do they hire widget engineers at kiln shops or mostly at glaze companies", True),  # "they" points
    ("are there any?", True), ("is that what they mean by end to end?", True), ("how much that costs? the kiln", True),
    # A thing named, then pointed at (a thirtieth probe's "what about remote work, is that common? we might move" got
    # the thread's degree length and pay table); a place or a level put in the thread's frame still follows on.
    ("what about kiln work, is that common?", False), ("what about glazing, is it hard?", False),
    ("what about in canada, is that different?", True), ("what about for seniors, is it the same?", True),
    ("what about the second one, is it hard?", True), ("what about them, are they paid well?", True),
    # A thirty-fourth probe: "what about math? do i need to be super good at math?" was folded into "what do i do now
    # in school", "hm ok. and in europe?" was searched alone, "US figures not useful for me. my company has some AI
    # projects, should i ask manager to shift me into that team?" got the pay table again.
    ("what about glazing? do i need to be super good at glazing?", False), ("what about glazing?", True),
    ("what about glazing? is that enough?", True), ("hm ok. and in norway?", True),
    ("Kiln figures not useful for me. my studio has some glaze projects, should i ask to move into that team?",
     False), ("so if i buy a kiln first, would that help?", True),
    ("what other positions can a potter do? saw that in the suggestions", False),
    ("you suggested it, what do kiln firers earn?", False), ("saw that in the kiln shop, is it good?", True),
    # A thirty-fifth probe: "ok and the interview, what they ask?" got the Brazil pay of the question before, and "ok
    # thanks i guess. one last thing, do companies abroad hire nigerians for this" the degree lengths.
    ("ok and the kiln exam, what do they ask?", False), ("and the second one, what do they ask?", True),
    ("ok thanks. one last thing, do glaze firms abroad hire potters for this?", False),
    ("do glaze firms abroad hire potters for this?", True),
])
def test_a_follow_up_leans_on_the_question_before(question: str, follows: bool) -> None:
    assert is_follow_up(question) is follows


def test_the_it_of_an_idiom_points_at_nothing_said_before() -> None:
    # A fourteenth probe: "so should i still go for it or not" after a question on ChatGPT was hedged "My guides
    # don't say anything about chatgpt".
    from advisor.retrieve import complete

    assert complete("so should i still go for it or not") and complete("can i make it as a widget engineer")
    assert not complete("so should i still do it or not") and not complete("is it worth it")


def test_a_follow_up_asks_anew_when_it_has_its_own_question_word() -> None:
    assert asks_anew("ok and is it worth it?") and asks_anew("how long does that take")
    assert not asks_anew("and for seniors?") and not asks_anew("in germany?") and not asks_anew("what about seniors?")
    # Complete: asks anew and points back at nothing; it follows only for being short.
    assert complete("do i need a degree?") and complete("which skills am i missing")
    assert not complete("how much do they pay?") and not complete("what about seniors?")
    history = thread(["how much does a degree cost"])
    anew = "and is it worth it? (after: how much does a degree cost)"
    assert Advisor._as_answered("and is it worth it?", history) == anew
    assert Advisor._as_answered("and for seniors?", history) == "how much does a degree cost and for seniors?"


def thread(questions: list[str]) -> list[Turn]:
    """A conversation of these questions, each with an answer."""
    turns: list[Turn] = []
    for q in questions:
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": "x"}]
    return turns


def test_a_follow_up_of_a_follow_up_folds_in_the_question_that_began_the_thread() -> None:
    said = ["im a teacher in canada, is ml realistic for me", "what about in the UK?"]
    history = thread(said)
    folded = contextualize("how long would it take me", history).text
    assert folded.startswith(said[0]) and folded.endswith("what about in the UK? how long would it take me")
    # A thread begins at the last question that stood alone.
    said = ["what skills do ml engineers need", "what does a data engineer earn in berlin", "and in munich?"]
    history = thread(said)
    assert contextualize("why?", history).text == "what does a data engineer earn in berlin and in munich? why?"


def test_a_plural_pronoun_stands_for_the_one_plural_thing_of_the_thread() -> None:
    assert resolved("how much do they cost?", thread(["are kilns a good buy for a glassblower"])) == \
        "how much do kilns cost?"
    assert resolved("can they work remotely?", thread(["is the pay good for glass blowers"])) == \
        "can glass blowers work remotely?"  # with the word before it when that is a content word
    # A follow-up of a follow-up: the thing is still the one the thread began with.
    later = thread(["are courses worth it for glassblowing", "how much do they cost?"])
    assert resolved("how long do they take?", later) == "how long do courses take?"
    # Nothing to stand for, two things, no plural pronoun, or more than one word pointing back: left to the fold.
    assert resolved("how much do they pay?", thread(["is the studio hiring?"])) is None
    assert resolved("do they need a degree?", thread(["what tools do glassblowers use"])) is None
    assert resolved("is it worth it?", thread(["are kilns a good buy"])) is None
    assert resolved("are they worth that much?", thread(["are kilns a good buy"])) is None
    assert resolved("how much do they cost?", []) is None
    # ...the one plural the message itself says before its pronoun (a thirty-fourth probe's "what about the interviews
    # thing you mentioned, what are they like" was folded into the question before, and hedged)
    assert resolved("what about the kilns thing you mentioned, what are they like", thread(["is glass hard?"])) == \
        "what about the kilns thing you mentioned, what are kilns like"
    assert resolved("and the kilns, glazes, are they hard?", thread(["are courses worth it"])) == \
        "and the kilns, glazes, are courses hard?"  # two of its own: the thread's
    assert resolved("what glazing skills do they mean exactly?", thread(["are courses worth it"])) == \
        "what glazing skills do courses mean exactly?"  # the pronoun's own clause: not what it stands for
    # Nothing plural said before, nor anything "they" could be: the people of the career (a twenty-seventh probe's
    # "wat do they get paid tho fr" after "do i need 2 b good at math tho" was folded into the maths question).
    people = "glassblowers"
    assert resolved("wat do they get paid tho", thread(["do i need 2 b good at math tho"]), people) == \
        "wat do glassblowers get paid tho"
    assert resolved("how much do they pay?", thread(["is the studio hiring?"]), people) is None
    assert resolved("how much do they pay?", thread(["ok is Meta hiring?"]), people) is None
    assert resolved("how much do they cost?", thread(["are kilns a good buy"]), people) == "how much do kilns cost?"
    # A span of time or an adverb is no thing: "5 years" is not who "they" are.
    welder = thread(["i've been a welder for 5 years, how do i get into glass"])
    assert resolved("do they hire juniors?", welder) is None
    # ...nor a verb in -s (a thirty-first probe's "how much do they earn at the start" after "is there something from
    # music that transfers?" was declined as “transfers”).
    music = thread(["is there anything from welding that transfers? i used a kiln a lot"])
    assert resolved("how much do they earn at the start", music, people) == "how much do glassblowers earn at the start"
    assert resolved("what do they earn", thread(["is python a skill which helps glassblowers"])) == \
        "what do glassblowers earn"


def test_one_ending_a_follow_up_stands_for_the_plural_thing_of_the_thread() -> None:
    """A tenth probe: "how do i find one" after the list of internships got a grab-bag (a Kaggle dataset, "The media
    bombards us..."): searched as "how do i find internships"."""
    kilns = thread(["what kilns are there for glassblowing"])
    assert resolved("how do i find one", kilns) == "how do i find kilns"
    assert resolved("ok and where do i rent one?", kilns) == "ok and where do i rent kilns?"
    # "one" that picks one of them, or not ending the question, stands for no thing of the thread.
    for picked in ("which one", "and the second one?", "how do i pick the right one", "is one of them cheap",
                   "is it hard to get one"):  # two words pointing back: left to the fold
        assert resolved(picked, kilns) is None, picked


def test_bm25_ranks_the_matching_text_first_and_stems() -> None:
    bm = BM25(["salaries of engineers in the USA", "how to learn python", "the cost of tuition for students"])
    assert bm.top("engineer salary", 3)[0][0] == 0
    assert bm.top("tuition costs", 3)[0][0] == 2
    assert bm.top("zebra", 3) == []
    assert tokenize("The Skills and Salaries") == ["skill", "salary"]


def test_the_guides_form_of_a_word_is_a_letter_or_two_of_suffix_away() -> None:
    vocab = ["remote", "websit", "designer"]
    assert guide_form("remotely", set(vocab), sorted(vocab)) == "remote"
    assert guide_form("website", set(vocab), sorted(vocab)) == "websit"
    assert guide_form("design", set(vocab), sorted(vocab)) is None


def test_expansion_spells_out_abbreviations() -> None:
    assert "machine learning" in expand("ML pay")
    assert "salary" in expand("ML pay")
    # "the career path" is what guides head "Career Progression" (the ladder lost to a line saying "career path")
    assert "progression" in expand("what's the career path for a potter")
    # "the daily work" is what guides call "day-to-day responsibilities" (dev persona variants got work-life balance)
    assert "day-to-day" in expand("whats the daily work of a potter like")
    # ...and "the ladder" too (a thirtieth probe's "whats the top of the ladder" was told the guides say nothing of it)
    assert "progression" in expand("what's the typical title ladder for potters")


def test_near_duplicates() -> None:
    a = "Machine learning engineers build models that learn from data and make predictions at scale."
    assert near_duplicate(a, a + " ")
    assert not near_duplicate(a, "Tuition for out-of-state students is around $33,627 per year on average.")


@pytest.fixture
def adv(corpus_copy: Path, make_settings: Callable[..., Settings]):  # type: ignore[no-untyped-def]
    a = build_advisor(make_settings())
    a.ingest()
    return a


def test_retrieve_returns_passages_with_all_fields(adv) -> None:  # type: ignore[no-untyped-def]
    passages = adv.retrieve("How much does it cost to study computer science?", k=4)
    assert 1 <= len(passages) <= 4
    for p in passages:
        assert isinstance(p, Passage)
        d = p.to_dict()
        for key in ("chunk_id", "text", "title", "section", "publisher", "url", "doc_id", "score"):
            assert key in d
        assert p.text and p.title and p.doc_id
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    assert len({p.chunk_id for p in passages}) == len(passages)


def test_every_mode_and_history_work(adv) -> None:  # type: ignore[no-untyped-def]
    for mode in ("hybrid", "dense", "bm25"):
        assert adv.retrieve("tuition out-of-state", k=3, mode=mode)
    hist = [{"role": "user", "content": "How much is tuition for state residents?"}]
    assert adv.retrieve("and out of state?", k=3, history=hist)


@pytest.mark.parametrize("question", ["", "   ", "x" * 2001])
def test_bad_questions_get_clear_errors(adv, question: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidQuestionError):
        adv.retrieve(question)


def test_bad_history_and_k_get_clear_errors(adv) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidQuestionError, match="history"):
        adv.retrieve("salary?", history=[{"role": "system", "content": "x"}])
    with pytest.raises(InvalidQuestionError, match="k must be"):
        adv.retrieve("salary?", k=0)


def test_concurrent_questions_get_their_own_answers(adv) -> None:  # type: ignore[no-untyped-def]
    """The server answers from threads: no per-question state may be shared between them."""
    from concurrent.futures import ThreadPoolExecutor

    questions = ["How much is tuition for out-of-state students?", "What does a senior engineer earn?",
                 "Which programming languages should I learn?", "What are the worst aspects of the job?",
                 "How long does a computer science degree take?", "What do interviews consist of?"]
    expected = {q: adv.ask(q).to_dict() for q in questions}
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(3):
            got = dict(zip(questions, pool.map(lambda q: adv.ask(q).to_dict(), questions), strict=True))
            assert got == expected


QUESTIONS = ("How much does it cost to study computer science?", "what do ml engineers earn", "skills to learn",
             "is a degree needed", "zebra crossing")


def _ranked(adv, mode: str) -> list[tuple[list[float], list[str]]]:  # type: ignore[no-untyped-def]
    """Per question: the scores in order, and the ids in order of those scoring above the last place (the
    fake embedder gives exact ties, which the two searches may order, or cut at k, differently)."""
    out = []
    for q in QUESTIONS:
        got = [(p.chunk_id, round(p.score, 5)) for p in adv.retrieve(q, k=8, mode=mode)]
        ties = {s for _, s in got if [x for _, x in got].count(s) > 1} | {got[-1][1]}
        out.append(([s for _, s in got], [c for c, s in got if s not in ties]))
    return out


def test_in_memory_search_ranks_as_chroma_does(adv, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    retriever = adv.retriever
    monkeypatch.setattr(retriever, "prepare_revision", lambda *a, **k: None)  # keep the Chroma path for now
    adv.retrieve("warm up")
    assert retriever._dense is None
    through_chroma = {mode: _ranked(adv, mode) for mode in ("hybrid", "dense")}
    monkeypatch.undo()
    retriever._lexical = None  # as a new revision would: the background job loads the matrix this time
    adv.retrieve("warm up")
    assert retriever.wait_until_prepared(timeout=60) and retriever._dense is not None
    assert retriever._dense[1].shape[0] == len(retriever.corpus()[1])

    def no_chroma(*a: object, **k: object) -> None:
        raise AssertionError("answered from memory, Chroma is not asked")

    monkeypatch.setattr(adv.index, "search", no_chroma)
    monkeypatch.setattr(adv.index, "vectors", no_chroma)
    assert {mode: _ranked(adv, mode) for mode in ("hybrid", "dense")} == through_chroma


def test_chroma_answers_when_the_vectors_cannot_be_loaded(adv, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def unreadable(ids: list[str]) -> None:
        raise RuntimeError("a row a killed ingest never flushed")

    monkeypatch.setattr(adv.index, "matrix", unreadable)
    adv.retrieve("warm up")
    assert not adv.retriever.wait_until_prepared(timeout=60)  # headings ready, chunk vectors not
    assert adv.retriever._dense is None
    assert adv.retrieve("what do ml engineers earn", k=3)


def test_a_one_question_advisor_prepares_nothing_in_the_background(  # type: ignore[no-untyped-def]
        adv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from advisor.cli import _one_question, build_parser

    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.setenv("ADVISOR_EMBEDDING_MODEL", "fake")

    adv.retriever.background = False
    first = [p.chunk_id for p in adv.retrieve("what do ml engineers earn", k=5)]
    assert adv.retriever._prepare_job is None and adv.retriever._dense is None
    assert first  # headings embedded on demand, chunks searched through Chroma
    args = build_parser().parse_args(["ask", "what do ml engineers earn"])
    assert _one_question(args).retriever.background is False


def test_the_subject_is_searched_beside_a_question_that_leaves_it_unsaid(  # type: ignore[no-untyped-def]
        adv, make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[list[tuple[str, float]]] = []

    def spying(a):  # type: ignore[no-untyped-def]
        real = a.retriever._score

        def spy(queries: list[tuple[str, float]], n: int):  # type: ignore[no-untyped-def]
            searched.append(queries)
            return real(queries, n)

        monkeypatch.setattr(a.retriever, "_score", spy)
        return a

    spying(adv)
    assert adv.subject() == "machine learning engineer"  # the role most of the guides' titles name ...
    adv.retrieve("is this a safe line of work?")
    assert searched[-1] == [("is this a safe line of work?", 1.0)]  # ... is what they are about already

    told = spying(build_advisor(make_settings(subject="machine learning engineer")))
    told.retrieve("is this a safe line of work?")
    assert searched[-1] == [("is this a safe line of work?", 1.0),
                            ("is this a safe line of work? (machine learning engineer)", 1.0)]
    told.retrieve("do machine learning engineers code?")  # says it already: searched as it is, in both wordings
    assert searched[-1] == [("do ml engineers code?", 1.0), ("do machine learning engineers code?", 1.0)]
    told.retrieve("do ML engineers code?")  # the same pair, whichever form was typed
    assert searched[-1] == [("do ml engineers code?", 1.0), ("do machine learning engineers code?", 1.0)]
    told.retrieve("and after that?", history=[{"role": "user", "content": "what is step one?"}])
    assert [q for q, _ in searched[-1]] == ["what is step one? and after that?"]  # no subject; no words of its own

    other = spying(build_advisor(make_settings(subject=" data  analyst\n", weight_subject=0.5)))
    assert other.subject() == "data analyst"
    other.retrieve("what do they earn?")
    assert searched[-1][1] == ("what do they earn? (data analyst)", 0.5)
    off = spying(build_advisor(make_settings(subject="data analyst", weight_subject=0)))
    off.retrieve("what do they earn?")
    assert len(searched[-1]) == 1


def test_dotted_abbreviations_are_one_term_as_people_type_them() -> None:
    assert tokenize("a master's or a Ph.D. in statistics") == tokenize("a master's or a phd in statistics")
    assert "phd" in tokenize("M.S. or Ph.D") and "ms" in tokenize("M.S. or Ph.D")
    assert tokenize("it ends.A new line, node.js") == tokenize("it ends a new line node js")  # not abbreviations


def test_abbreviations_the_guides_define_are_read_both_ways() -> None:
    from advisor.lexical import abbreviations, spelled_out

    found = abbreviations(["Machine Learning (ML) is a branch of artificial intelligence (AI).",
                           "Tools such as convolutional neural networks (CNNs) and Amazon Web Services (AWS) help.",
                           "Learn containerization (Docker) first, then the rest (see below)."])
    assert found == {"ml": "machine learning", "ai": "artificial intelligence",
                     "cnn": "convolutional neural networks", "aws": "amazon web services"}
    assert spelled_out("is an ML job an ai job?", found) == \
        "is an machine learning job an artificial intelligence job?"
    assert spelled_out("html, xml and ml-ops", found) == "html, xml and ml-ops"  # whole words only
    assert spelled_out("ML", {}) == "ML"
    # An abbreviation that is an everyday word is never read as one: "is it worth it" stays as typed.
    assert abbreviations(["Jobs in Information Technology (IT) and the United States (US) grow."]) == {}


def test_either_form_of_an_abbreviation_is_one_question(adv) -> None:  # type: ignore[no-untyped-def]
    pair = ["do ml engineers code?", "do machine learning engineers code?"]
    assert adv.wordings("do ML engineers code?") == adv.wordings("do machine learning engineers code?") == pair
    assert adv.wordings("what is a data scientist?") == ["what is a data scientist?"]  # nothing to respell
    # The subject's initials are spelled out, never made of its words (a model knows "ML engineer" better).
    assert adv.wordings("do MLEs code?")[1] == "do machine learning engineers code?"
    assert adv.wordings("does an mle code?") == ["does an ml engineer code?", "does an machine learning engineer code?"]
    # A clipped word the guides say most is searched as they write it: "ml eng" is "ml engineer".
    assert adv.wordings("do ml eng code?")[0] == "do ml engineer code?"


def test_a_weakness_they_name_is_searched_as_how_much_of_it_is_needed(adv) -> None:  # type: ignore[no-untyped-def]
    from advisor.lexical import weak_at

    assert weak_at("graphic designer here, terrible at math. can I still do ML?") == ["math"]
    assert weak_at("my math is super rusty and i hated coding") == ["math", "coding"]
    assert weak_at("bad at it, is ml for me") == [] and weak_at("how much math do i need") == []
    # A twentieth probe: "coding honestly scares me. ... can someone like me still become an ml engineer?"
    assert weak_at("coding honestly scares me. can i still do ML?") == ["coding"]
    assert weak_at("this really scares me, is ml for me") == []
    # A twenty-second probe: chat spellings ("wich programing langauge shud i lern first") are read as the words.
    from advisor.lexical import chat_spelled

    assert chat_spelled("wich kiln shud u buy w/o a loan") == "which kiln should you buy without a loan"
    assert chat_spelled("is r or u.s. pay better, ur call") == "is r or u.s. pay better, ur call"  # never guessed
    assert chat_spelled("Wat is a kiln") == "what is a kiln"
    # A twenty-second probe: "the maths part scares me"; "math is my weak spot".
    assert weak_at("the maths part scares me. how much do i need") == ["maths"]
    assert weak_at("glazing is my weakest area tbh") == ["glazing"]
    assert "how much math do i need" in adv._asking("graphic designer here, terrible at math. can I still do ML?")


def test_a_bare_why_is_searched_as_its_thread_only(adv, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Outsiders' probes: "why?" after "do i need a degree" was answered from "Why Consider Becoming ...".
    scored: list[list[str]] = []
    real = adv.retriever._score

    def spy(queries: list[tuple[str, float]], n: int) -> Any:
        scored.append([text for text, _ in queries])
        return real(queries, n)

    monkeypatch.setattr(adv.retriever, "_score", spy)
    hist = [{"role": "user", "content": "How much is tuition for state residents?"},
            {"role": "assistant", "content": "About $10,162."}]
    adv.retriever.retrieve("why?", k=3, history=hist)
    assert "why?" not in scored[-1] and any("tuition" in q for q in scored[-1])
    adv.retriever.retrieve("and scholarships?", k=3, history=hist)
    assert "and scholarships?" in scored[-1]  # a follow-up's own word is weighed on its own too


def asked(question: str, history: list[Turn]) -> str | None:
    """The follow-up with the item it names by its place in place of that place (None: it names none)."""
    item = named_item(question, history)
    return item.asked if item else None


def test_an_item_named_by_its_place_is_read_from_the_answer_before() -> None:
    answer = ("_Your plan_\n\n1. Get a degree: A degree first. [1]\n2. **Learn the tools**: Lathes. [2]\n"
              "3. Build a portfolio: Three widgets. [3]")
    plan: list[Turn] = [{"role": "user", "content": "give me a roadmap"}, {"role": "assistant", "content": answer}]
    assert asked("tell me more about step 2", plan) == "tell me more about Learn the tools"
    assert asked("ok and the third one?", plan) == "ok and Build a portfolio?"
    assert asked("what about the last step", plan) == "what about Build a portfolio"
    assert asked("tell me about the 1st one", plan) == "tell me about Get a degree"
    assert asked("what about #3", plan) == "what about Build a portfolio"
    assert asked("tell me more about the first type", plan) == "tell me more about Get a degree"  # a probe's
    assert asked("what should i learn first", plan) is None  # "first" alone is no item
    # A new question with an ordinal inside it points at nothing said before.
    for fresh in ("what is the first step to become a widget engineer", "whats the number 1 skill employers want",
                  "what is the first thing i should learn"):
        assert asked(fresh, plan) is None, fresh
    assert asked("tell me more about the second step", plan) == "tell me more about Learn the tools"
    assert asked("tell me more about step 7", plan) is None  # there is no seventh
    assert asked("tell me more about step 0", plan) is None
    # Opening the question, set off by a comma (a sixth probe: "the first step, how do i do it" was declined).
    assert asked("the first step, how do i do it", plan) == "Get a degree, how do i do it"
    assert asked("ok the second one - is it hard?", plan) == "Learn the tools - is it hard?"
    assert asked("the first step to widgets is what", plan) is None
    # For the search, the label with what the item said (no citation marks): a label alone says little.
    item = named_item("tell me more about step 3", plan)
    assert item is not None and item.searched == "tell me more about Build a portfolio (Three widgets.)"
    assert item.label == "Build a portfolio"
    # After an answer without items (on one step), the place is of the last answer that has them.
    on_step: list[Turn] = [*plan, {"role": "user", "content": "tell me more about step 1"},
                           {"role": "assistant", "content": "Degrees take four years. [1]"}]
    assert asked("and the third one?", on_step) == "and Build a portfolio?"
    # "the first one" after a list without labels names nothing (it may be theirs: "portfolio or certificates?"),
    # not the plan's first; "the third one" of a two-item list is the plan's.
    unlabelled: list[Turn] = [*plan, {"role": "user", "content": "what projects"},
                              {"role": "assistant", "content": "Build these: [1]\n- A lathe jig. [1]\n- A vise. [1]"}]
    assert asked("tell me more about the first one", unlabelled) is None
    assert asked("what about the last one", unlabelled) is None
    assert asked("and the third one?", unlabelled) == "and Build a portfolio?"
    assert asked("tell me more about step 2", plan[:1]) is None  # nothing answered before
    # A short name is its own label (a twenty-second probe: "the first one, where do i start with it" after a list of
    # languages got the whole plan); a sentence without one still names nothing.
    names: list[Turn] = [{"role": "user", "content": "what glazes"},
                         {"role": "assistant", "content": "Learn one of these: [1]\n- Celadon [1]\n- Raku fire [1]"}]
    assert asked("the first one, where do i start with it", names) == "Celadon, where do i start with it"
    assert asked("tell me about the second one", names) == "tell me about Raku fire"
    # "step 2" is of the plan, not the second bullet of a list after it (a replay got "Linux" for "what resources for
    # step 2" after a list of languages).
    assert asked("what resources for step 2", [*plan, *names]) == "what resources for Learn the tools"


def test_that_one_right_after_an_item_named_by_its_place_is_that_item() -> None:
    """A twentieth probe: "step 3?" then "how long for that one" got degree durations (its thread's first
    question), not the third step's."""
    answer = "_Your plan_\n\n1. Get a degree: A degree first. [1]\n2. Learn the tools: Lathes. [2]\n3. Weld: Beads. [3]"
    plan: list[Turn] = [{"role": "user", "content": "give me a roadmap"}, {"role": "assistant", "content": answer}]
    step: list[Turn] = [*plan, {"role": "user", "content": "step 2?"},
                        {"role": "assistant", "content": "Lathes turn metal. [2]"}]
    item = named_item("how long for that one", step)
    assert item is not None and item.asked == "how long for Learn the tools"
    assert item.searched == "how long for Learn the tools (Lathes.)"
    # ...and so on while each question says "that step" of the one before.
    on: list[Turn] = [*step, {"role": "user", "content": "how long for that one"},
                      {"role": "assistant", "content": "A year. [2]"}]
    assert asked("is that step hard", on) == "is Learn the tools hard"
    # Not when the question before named no item, nor two questions back.
    assert asked("how long for that one", [*plan, {"role": "user", "content": "what do welders earn"},
                                           {"role": "assistant", "content": "Plenty. [1]"}]) is None
    assert asked("how long for that one", plan) is None
    later: list[Turn] = [*step, {"role": "user", "content": "what do welders earn"},
                         {"role": "assistant", "content": "Plenty. [1]"}]
    assert asked("is that step hard", later) is None


def test_an_item_named_by_its_whole_label_in_a_question_on_what_it_is() -> None:
    """A twelfth probe: "whats 'ML system design' mean" after the interview rounds got definitions of machine
    learning; the item's own words are searched with it, as for an item named by its place."""
    rounds = ("Widget interviews are tough. [1] They consist of: [1]\n- Coding Drills: Lathe puzzles. [1]\n"
              "- Widget System Design: Design a widget plant. [1]\n- Widget Engineer: The role itself. [1]")
    said: list[Turn] = [{"role": "user", "content": "i have a widget interview"},
                        {"role": "assistant", "content": rounds}]
    item = named_item("whats 'widget system design' mean", said, frozenset({"widget", "engineer"}))
    assert item is not None and item.label == "Widget System Design"
    assert item.searched == "whats 'widget system design' mean (Design a widget plant.)"
    assert named_item("tell me more about coding drills", said) is not None
    # Not a question of another shape, a label of one word or of the guides' subject alone, nor an older answer's.
    assert named_item("how hard is widget system design", said) is None
    assert named_item("what is a widget engineer", said, frozenset({"widget", "engineer"})) is None
    later: list[Turn] = [*said, {"role": "user", "content": "thanks"}, {"role": "assistant", "content": "Glad. [1]"}]
    assert named_item("whats widget system design", later) is None
