"""Answerability: roles, never-mentioned words, the three outcomes and requests for missing detail.

None of these questions is in eval/: they check each rule on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from advisor.answer_rules import CAME_FROM
from advisor.answerability import (
    CHOICE_TOPIC,
    FUTURE_TOPIC,
    NOW_TOPIC,
    Answerability,
    CorpusProfile,
    Evidence,
    RoleFocus,
    ScopeRule,
    Verdict,
    needs_detail,
    roles_in,
    strip_persona,
    switches_in,
    target_role,
    words,
)
from advisor.config import Settings
from advisor.embeddings import WordHashEmbedding
from advisor.lexical import tokenize
from advisor.places import places_asked_about
from advisor.schema import Chunk, Passage, Turn
from advisor.scope import decline


def chunk(text: str, title: str = "How to Become a Machine Learning Engineer", n: int = 0) -> Chunk:
    return Chunk(chunk_id=f"c{n}", doc_id="d", text=text, title=title, section="S", publisher="P", url="",
                 start=0, end=len(text))


PASSAGE = Passage(chunk_id="c1", text="Machine learning engineers earn a median salary of US$ 150,000.", title="T",
                  section="Salary", publisher="P", url="", doc_id="d", score=1.0,
                  signals={"dense": 0.8, "heading": 0.7})


@pytest.fixture
def profile() -> CorpusProfile:
    chunks = [chunk("Machine learning engineers build models.", n=1),
              chunk("How do data scientists differ? Data scientists analyse data.", n=2),
              chunk("Many come from software engineering.", title="Machine Learning Engineer Career Guide", n=3)]
    return CorpusProfile.build(chunks, frozenset({"machin", "learn", "engineer", "data", "scientist"}))


def test_subject_roles_come_from_titles(profile: CorpusProfile) -> None:
    assert ("machine", "learning", "engineer") in profile.subject_roles
    assert profile.subject_label == "machine learning engineer"
    assert ("data", "scientist") not in profile.subject_roles and profile.match(("data", "scientist"))
    # The guides' role in another form of its words is theirs (a twenty-fourth probe: "how i can change for machine
    # learn engineer?" was told the guides don't cover machine learn engineers).
    assert profile.is_subject(("machine", "learn", "engineer"))
    assert profile.is_subject(("machine", "learning", "engineers"))
    assert not profile.is_subject(("machine", "operator"))


def test_aliases_and_roles() -> None:
    assert words("ML engineer") == ["machine", "learning", "engineer"]
    assert [r for _, r in roles_in(words("senior data scientists"))] == [("senior", "data", "scientist")]
    assert roles_in(words("I cooked dinner")) == []  # "cooked" is not a cook
    # A plural head or a verb ends the modifiers: two roles, not "learning engineers become manager".
    assert [r for _, r in roles_in(words("do ML engineers become managers"))] == [
        ("machine", "learning", "engineer"), ("manager",)]
    assert [r for _, r in roles_in(words("what do ML engineers' managers look for"))] == [
        ("machine", "learning", "engineer"), ("manager",)]
    assert [r for _, r in roles_in(words("how to impress hiring managers"))] == [("hiring", "manager")]
    # ...inflected too (a thirty-second probe was told the guides don't cover “johns hopkins hires nurses”).
    for asked in ("does Kilnworth Pottery hires teachers", "Kilnworth hired teachers", "Kilnworth wants teachers"):
        assert [r for _, r in roles_in(words(asked))] == [("teacher",)], asked
    # A head that also modifies, before a bracket or comma, is the job: not a "dev kilns" of some kind.
    assert [r for _, r in roles_in(words("a backend dev (kilns, 6 years)"))] == [("backend", "developer")]
    assert [r for _, r in roles_in(words("a backend dev kiln"))] == []  # ...what follows is what it modifies


@pytest.mark.parametrize(("question", "expected"), [
    ("could a dental hygienist like me retrain as an ML engineer?", None),  # the covered role is the target
    ("I'm a chef, which skills should I learn first?", None),  # the chef is where they come from
    ("bus driver for 9 years, how do I get into machine learning", None),  # naming the field: background
    ("how do I become a data scientist?", RoleFocus(("data", "scientist"), True)),  # nearby: partial
    ("what does a prompt engineer do all day", RoleFocus(("prompt", "engineer"), False)),  # never mentioned
    ("applied scientist vs machine learning engineer, same job?",
     RoleFocus(("applied", "scientist"), False, compared=True)),
    ("data scientist vs ML engineer: what's the difference?", None),  # the guides compare those two
    ("paralegal here, 6 yrs. could i realistically become an ML engineer?", None),  # "X here": where they come from
    # ...also with more words between the job and "here"; a clause that asks is not an introduction.
    ("senior backend engineer at a fintech here, what do ML engineer interviews look like?", None),
    ("are data scientists paid well here, or should i move?", RoleFocus(("data", "scientist"), True)),
    ("my data scientist keeps taking credit for my work", None),  # a person in their life, not a job asked about
    # ...or one doing something to them (a twenty-fifth probe's "what should i put on github so hiring managers notice
    # me" was declined on hiring managers); not one set beside them.
    ("what should i put in my glaze portfolio so data scientists notice me", None),
    ("do data scientists earn more than me", RoleFocus(("data", "scientist"), True)),
    ("are data scientists like me paid well", RoleFocus(("data", "scientist"), True)),
    ("glaze portfolio ideas for a newbie? want to impress data scientists", None),  # who they want to reach
    ("how do i become a data scientist like my aunt", RoleFocus(("data", "scientist"), True)),
    # A word of the guides' titles misspelt by a letter is theirs: not a job they never mention.
    ("what do machine learnign engineers earn", None),
    ("is a machine lerning engineer well paid", None),
    # A field moved into or called a career is its job; named as a skill it is none.
    ("how do i get into data engineering", RoleFocus(("data", "engineer"), False)),
    ("is prompt engineering a good career", RoleFocus(("prompt", "engineer"), False)),
    ("people keep saying i should go into data science. how?", RoleFocus(("data", "scientist"), True)),
    ("how do i get into ml engineering", None),
    ("what is feature engineering", None),
    ("is a data science degree good for ml", None),
    ("what's the path from data analyst to ML engineer", None),  # where they go from
    # A job or field set against the guides' field is compared with it, not where the person comes from.
    ("machine learning vs pottery dev", RoleFocus(("pottery", "dev"), False, compared=True)),
    ("torn between machine learning engineering and kiln development",
     RoleFocus(("kiln", "developer"), False, compared=True)),
    ("machine learning or data science?", None),  # the guides compare those two
    ("im a kiln developer and want to get into machine learning", None),  # where they come from
    # A field named as what one studies is no job (a twenty-sixth probe's "does he need IIT or normal engineering
    # college" was told the guides don't cover normal engineers).
    ("does he need a big school or normal engineering college", None),
    ("torn between machine learning engineering and kiln development degrees", None),
    # What they meant, with the guides' field said not to be it, is asked about (a twenty-ninth probe's "sorry i meant
    # data engineer not ML. what skills for data engineering?" got data scientists' skills).
    ("sorry i meant kiln engineer not ML. what skills for kiln engineering?", RoleFocus(("kiln", "engineer"), False)),
    ("i want to be a kiln engineer not a machine learning engineer", RoleFocus(("kiln", "engineer"), False)),
    ("im a kiln engineer, not ML. how do i get into machine learning", None),  # where they come from, still
    # Asking for someone: their job is where they come from (a thirtieth probe's "asking for my husband - he's a
    # backend dev (Java, 6 years) and wants to move into ML engineering" was told the guides don't cover it).
    ("asking for my husband - he's a kiln developer and wants to move into machine learning", None),
    ("my sister is a kiln engineer, could she get into machine learning?", None),
    # "these engineers" after the guides' own are theirs: another job set beside them is compared (a thirty-first
    # probe's "is it true that these engineers earn a lot? ... they make more than doctors" was declined).
    ("is it true that these engineers earn a lot? they make more than doctors", RoleFocus(("doctor",), False,
                                                                                        compared=True)),
    ("what do kiln engineers earn", RoleFocus(("kiln", "engineer"), False)),
    # The job they would become is asked about, whatever field is named beside it (a thirty-fourth probe's "how do i
    # become a UX designer? is that easier than ML" was hedged with degree quotes).
    ("how do i become a kiln designer? is that easier than ML", RoleFocus(("kiln", "designer"), False)),
])
def test_target_role(profile: CorpusProfile, question: str, expected: RoleFocus | None) -> None:
    assert target_role(question, profile) == expected


def test_a_role_is_named_as_typed_when_its_capitals_say_more() -> None:
    """A thirty-fourth probe was told "My guides don't cover ux designers" for a "UX designer"."""
    from advisor.answerability import as_typed

    role = RoleFocus(("ux", "kiln", "designer"), False)
    assert as_typed(role, "how do i become a UX  Kiln designer?").label == "UX Kiln designer"  # type: ignore[union-attr]
    assert as_typed(role, "how do i become a ux kiln designer?").label == "ux kiln designer"  # type: ignore[union-attr]
    assert as_typed(role, "how do i become one?") == role and as_typed(None, "UX") is None


def test_a_known_job_no_passage_found_speaks_of_is_no_side_they_compare(profile: CorpusProfile) -> None:
    """A twenty-first probe: "how's ml engineer different from research scientist" (a job the guides name only in a
    list of professions) got the ML engineer's side alone, as answered."""
    judge = Answerability(WordHashEmbedding())
    asked = "how is a machine learning engineer different from a data scientist?"
    once = replace(profile, role_docs={**profile.role_docs, ("data", "scientist"): 1})  # named once, in a list
    assert judge.evidence(asked, [PASSAGE], once).role == RoleFocus(("data", "scientist"), True, compared=True)
    beside = replace(PASSAGE, text="Data scientists analyse data; machine learning engineers ship models.")
    assert judge.evidence(asked, [beside], once).role is None  # what would be quoted sets them side by side
    assert judge.evidence(asked, [PASSAGE], once, folded=True).role is None  # only the thread said it
    # A job they name more often is one they speak of: not said to be uncompared ("why?" after their comparison with
    # data scientists reads only the passages it quoted).
    assert profile.role_docs[("data", "scientist")] == 2 and judge.evidence(asked, [PASSAGE], profile).role is None
    assert ScopeRule().decide(Evidence(0.8, 0.7, 0.8, role=RoleFocus(("data", "scientist"), True, compared=True))) \
        == Verdict("partial", "data scientists", RoleFocus(("data", "scientist"), True, compared=True))


def test_a_question_naming_nothing_of_the_guides_is_declined_whatever_its_everyday_words_find() -> None:
    rule = ScopeRule()
    hedged = Evidence(dense=0.3, heading=0.2, sentence=rule.hedge_sentence + 0.05,
                      unknown=(("quuxpass", 0.05), ("permit", 0.04)))
    assert rule.decide(hedged).scope == "partial"  # light unknown words alone: what is close, hedged
    bare = replace(hedged, bare=True)
    assert rule.decide(bare) == Verdict("declined", "“quuxpass” or “permit”")
    assert rule.decide(replace(bare, dense=0.9, sentence=0.9)).scope == "answered"  # close: the guides speak to it
    # Two unfamiliar words typed side by side carry one thing's weight together (a thirty-first probe's "does google
    # sponsor h1b visas for ml engineers?" was hedged over the outlook: “h1b” and “visas” each light).
    split = Evidence(dense=0.4, heading=0.3, sentence=rule.hedge_sentence + 0.05,
                     unknown=(("quux1", 0.09), ("permits", 0.08), ("sponsor", 0.04)), phrases=("quux1 permits",))
    assert rule.decide(split) == Verdict("declined", "“quux1 permits”")
    assert rule.decide(replace(split, phrases=())).scope == "partial"  # apart, each is light


@pytest.mark.parametrize(("question", "titled"), [
    ("salary?", True), ("what is the salary?", True),  # a sum asked alone: the sum is the topic
    ("what's the work life balance like for ml engineers", False),  # no heading holds "work", "life", "balance"
    ("salary negotiation tips?", False),  # three terms: no longer a word or two
    ("how long?", False),  # nothing asked about
    # "what kind of X" asks about X (a thirty-first probe's "what kind of math do i need?" was hedged on “kind”).
    ("what kind of salary?", True), ("what sorts of salary do they get", True),
])
def test_a_word_or_two_all_in_a_heading_is_what_that_section_answers(question: str, titled: bool) -> None:
    # A seventh probe: "salary?" and "work life balance?" were hedged as maybe not answered, though the guides have
    # a section of just that name: so short a question is far from every sentence.
    paid = CorpusProfile.build([chunk(PASSAGE.text, title="Machine Learning Engineer Career Guide", n=1)],
                               frozenset(tokenize(PASSAGE.text)))
    judge = Answerability(WordHashEmbedding())
    ev = judge.evidence(question, [PASSAGE], paid)
    assert ev.titled == titled
    if titled:
        assert ScopeRule().decide(ev).scope == "answered"


class CeramicsIsPottery(WordHashEmbedding):
    """Word hashes, with "ceramics" read as "pottery": two words a model takes to mean the same."""

    def _vec(self, text: str) -> list[float]:
        return super()._vec(text.lower().replace("ceramics", "pottery"))


@pytest.mark.parametrize(("question", "folded", "titled"), [
    ("how much pottery do i need", False, True),  # "need" says no more than that it is needed: the heading's word
    ("what pottery do i need?", False, True),
    ("do i need pottery", False, False),  # whether it is needed: no heading says
    ("how much knitting do i need", False, False),  # no word of the heading means knitting
    ("how much pottery do i need", True, False),  # folded into a thread, its words are not all this turn's
    # how it is stressed is no word the heading must hold (a seventeenth probe: "how much math do i actually need"
    # was hedged while "how much math do i need" was answered)
    ("how much pottery do i actually need", False, True), ("how much pottery do i even need", False, True),
    ("how much pottery do i honestly need", False, True),
])
def test_a_word_or_two_the_heading_says_in_other_words(question: str, folded: bool, titled: bool) -> None:
    # A probe's "how much maths do i need" was hedged though the section "Core Mathematics and Statistics" answers it.
    text = "You don't need to be a master potter, but a feel for clay is vital to every piece you throw."
    passage = Passage(chunk_id="c1", text=text, title="T", section="Becoming a Potter > 2. Core Ceramics and Glazing",
                      publisher="P", url="", doc_id="d", score=1.0, signals={"dense": 0.3, "heading": 0.2})
    potters = CorpusProfile.build([chunk(text, title="How to Become a Potter", n=1)], frozenset(tokenize(text)))
    ev = Answerability(CeramicsIsPottery()).evidence(question, [passage], potters, folded=folded)
    assert ev.titled == titled


class PotIsPottery(WordHashEmbedding):
    """Word hashes, with "pot" read as "pottery": a clipping the model knows."""

    def _vec(self, text: str) -> list[float]:
        return super()._vec(re.sub(r"\bpot\b", "pottery", text.lower()))


def test_a_short_clipping_the_model_reads_as_a_word_of_the_guides_is_known() -> None:
    # A twelfth probe: "does she have to go to uni for it" got "My guides don't say anything about “uni”", and the
    # hedge stayed for the rest of the conversation. Three letters start too many words to go by spelling alone.
    text = "A pottery course takes two years; potters earn a modest wage."
    potters = CorpusProfile.build([chunk(text, title="How to Become a Potter", n=1)], frozenset(tokenize(text)))
    passage = replace(PASSAGE, text=text)
    question = "does she have to do a pot course for it"
    assert Answerability(PotIsPottery()).clipped_alike(question, potters) == {"pot": "pottery"}
    assert "pot" not in dict(Answerability(PotIsPottery()).evidence(question, [passage], potters).unknown)
    assert "pot" in dict(Answerability(WordHashEmbedding()).evidence(question, [passage], potters).unknown)


class KjIsKilnJar(WordHashEmbedding):
    """Word hashes, with "kj" read as "kilnjar": the capitals of a camel-case name the model knows."""

    def _vec(self, text: str) -> list[float]:
        return super()._vec(re.sub(r"\bkj\b", "kilnjar", text.lower()))


def test_the_capitals_of_a_camel_case_name_the_model_reads_as_that_name_are_known() -> None:
    # A fourteenth probe: "does my js experience count for anything?" got "My guides don't cover “js”", and the next
    # turn quoted JavaScript among the languages to learn.
    text = "Potters glaze with a KilnJar and a DeepKiln; potters earn a modest wage."
    potters = CorpusProfile.build([chunk(text, title="How to Become a Potter", n=1)], frozenset(tokenize(text)))
    assert potters.camel == {"kj": ("kilnjar",), "dk": ("deepkiln",)}
    passage = replace(PASSAGE, text=text)
    judge = Answerability(KjIsKilnJar())
    assert judge.clipped_alike("does my kj experience count", potters) == {"kj": "kilnjar"}
    assert "kj" not in dict(judge.evidence("does my kj experience count", [passage], potters).unknown)
    # Capitals the model does not read as the name are no name: "dk" stays a word the guides never use.
    assert judge.clipped_alike("does my dk experience count", potters) == {}


def test_an_amount_counted_in_a_unit_no_figure_is_in_is_of_something_else(profile: CorpusProfile) -> None:
    # A probe: "how many hours a week should i study" was answered with how many years a degree takes, since
    # "study" is a word of that sentence ("assuming full-time study").
    from advisor.answerability import _figures_of_other

    years = ["A pottery degree takes four years, assuming full-time study."]
    assert _figures_of_other("how many hours a week should i study", years, profile)
    assert _figures_of_other("how many weeks of study", years, profile)
    assert not _figures_of_other("how many years of study", years, profile)
    assert not _figures_of_other("how many yrs of study", years, profile)  # as people shorten it
    # The unit is never the point of the question: "how many months is a kiln course" is about the course.
    judge = Answerability(WordHashEmbedding())
    ev = judge.evidence("how many months is a pottery course", [replace(PASSAGE, text=years[0])], profile)
    assert "months" not in dict(ev.unknown)


def test_how_an_amount_is_weighed_names_nothing_it_is_of(profile: CorpusProfile) -> None:
    # A probe: "in general what do ml engineers earn" and "is it a good job tho? like does it pay well" were hedged
    # "no figure for exactly this" over the salary figures.
    from advisor.answerability import _figures_of_other

    pay = ["Potters earn a median salary of US$ 50,000."]
    for asked in ("in general what do potters earn", "is it a good job tho? like does it pay well",
                  "does this career pay well", "is the pay decent",
                  # a twenty-seventh probe's "wat do they get paid tho fr", respelled
                  "what do they get paid though fr"):
        assert not _figures_of_other(asked, pay, profile), asked
    assert _figures_of_other("how much does a kiln cost", pay, profile)  # a thing of its own


def test_an_everyday_word_the_guides_never_write_names_nothing_an_amount_is_of(profile: CorpusProfile) -> None:
    # A replay of probe 29: "how much would he make if he got a job, roughly" was hedged "no figure for exactly
    # this" over the salary figures, since no figure's sentence says "got".
    from advisor.answerability import _figures_of_other

    pay = ["Potters earn a median salary of US$ 50,000."]
    assert "got" not in profile.vocabulary
    for asked in ("how much would he make if he got a job, roughly", "what would they earn if they got in",
                  # nor a word waving the last answer away (a thirtieth probe's "ok whatever. how much do they make")
                  "ok whatever. how much do they make"):
        assert not _figures_of_other(asked, pay, profile), asked
    # A thing the amount is of is still one beside it: "kiln" is no everyday word.
    assert _figures_of_other("how much would a kiln cost if i got one", pay, profile)


def test_how_long_a_move_into_the_field_takes_is_no_figure_of_a_degree(profile: CorpusProfile) -> None:
    # A sixteenth probe: "how long would the transition take" was answered with how long a degree takes, though
    # "how long does it take to become one" was hedged as given no figure.
    from advisor.answerability import _figures_of_other

    years = ["A pottery degree takes four years, assuming full-time study."]
    for asked in ("how long would the transition take", "how long does the switch to machine learning take",
                  "how long does it take to become a machine learning engineer"):
        assert _figures_of_other(asked, years, profile), asked
    assert not _figures_of_other("how long does a pottery degree take", years, profile)


def test_what_they_say_they_do_before_the_question_is_where_they_start(profile: CorpusProfile) -> None:
    # A fifteenth probe: "i work in a biology lab as a tech, pipetting all day. could i become an ML engineer?" got
    # "My guides don't say anything about “pipetting”".
    judge = Answerability(WordHashEmbedding())
    said = "i work in a pottery studio as a tech, glazing all day. could i become a machine learning engineer?"
    assert not {"pottery", "glazing"} & {w for w, _ in judge.evidence(said, [PASSAGE], profile).unknown}
    # Asked about ("is that useful"), it is the point again.
    asked = "i work in a pottery studio, glazing all day. is that useful for machine learning engineers?"
    assert "glazing" in {w for w, _ in judge.evidence(asked, [PASSAGE], profile).unknown}


def test_a_job_they_say_is_theirs_is_where_they_start_not_someone_elses(profile: CorpusProfile) -> None:
    # A nineteenth probe: "I'm a data analyst (SQL, tableau, a bit of python). Whats the path from DA to ML engineer?"
    # was hedged as mentioning SQL only in passing; "I've been a backend dev (java, go) for 6 years. how do i pivot
    # ..." as mentioning Java only in passing.
    from advisor.answerability import _what_they_do

    assert {"glazing", "kiln"} <= _what_they_do("I'm a welder (glazing, kiln work). whats the path to widget engineer?")
    assert {"glazing", "kiln"} <= _what_they_do("I've been a glazer (kiln, glazing) for 6 years. how do i pivot?")
    # ...said as "X here" too (a twenty-third probe: "mech engineer here (cad, fea, some matlab). which maths ..." was
    # hedged as mentioning MATLAB only in passing).
    assert {"glazing", "kiln"} <= _what_they_do("welder here (glazing, kiln work). which maths do widget makers use?")
    assert not _what_they_do("newbie here. which maths do widget makers use?")  # no job said
    # ...or as a few words on the job and where, first (a thirtieth probe: "Hi - PM at a mid-size fintech. I work with
    # ML engineers daily but don't get what they do vs our data scientists. Can you break it down?" was declined on
    # “PM”); the question is compared without it.
    assert {"glazer", "kilnworks"} <= _what_they_do("Hi - glazer at a small kilnworks. what do widget makers do?")
    assert not _what_they_do("good at the glazing stuff. what do widget makers do?")
    assert not _what_they_do("what do widget makers do? glazer at a small kilnworks.")
    from advisor.answerability import _after_job_at
    assert _after_job_at("glazer at a small kilnworks. what do widget makers do?") == "what do widget makers do?"
    assert _after_job_at("i glaze at a small kilnworks. what do widget makers do?") == ""
    # ...or said after the question (a twenty-sixth probe's "ok so what i should learn first? my math is not so good,
    # only statistic from pharmacy school" was declined on “pharmacy”).
    from advisor.retrieve import as_question

    assert "glazing" in _what_they_do(as_question("what should i learn first? i studied glazing"))
    weak = "what should i learn first? my maths is weak, only stats from glazing school"
    assert "glazing" in _what_they_do(as_question(weak))
    assert not _what_they_do(as_question("i studied glazing? what should i learn first"))  # asked of it
    # ...or the job of the person they ask for, with what it uses (the thirtieth probe's husband, "he's a backend dev
    # (Java, 6 years)", was hedged as mentioning Java only in passing).
    assert {"glazing", "kiln"} <= _what_they_do("for my son - he's a welder (glazing, kiln work). where to start?")
    assert {"glazing", "kiln"} <= _what_they_do("my wife is a welder (glazing, kiln). what should she learn?")
    # Someone else's job, or what happens to them at work, is what they ask about.
    assert not _what_they_do("my dad is a welder and he's never home, how do i talk to him about it")
    assert not _what_they_do("my manager keeps taking credit for my glazing, what do i do")
    judge = Answerability(WordHashEmbedding())
    said = "I'm a welder (glazing, kiln work). how do i become a machine learning engineer?"
    assert not {"glazing", "kiln"} & {w for w, _ in judge.evidence(said, [PASSAGE], profile).unknown}


def test_a_typed_slip_does_not_hide_the_job_a_clause_names() -> None:
    # A nineteenth probe: "im in 3rd year btech cse, want to become ML enginer after graduation. what shud i focus on"
    # was judged as "what shud i focus on" alone (hedged): "enginer" hid the job, so the clause read as persona.
    said = "im in my 3rd year at uni, want to become a widget enginr after graduation. what shud i focus on"
    assert strip_persona(said) == "what shud i focus on"
    kept = strip_persona(said, lambda text: text.replace("enginr", "engineer"))
    assert kept == "want to become a widget enginr after graduation. what shud i focus on"  # kept as typed


def test_this_conversation_is_no_topic(profile: CorpusProfile) -> None:
    # A fifteenth probe: "so does that change your answer?" got "My guides don't say anything about “answer”".
    judge = Answerability(WordHashEmbedding())
    unknown = {w for w, _ in judge.evidence("does that change your answer for a widget engineer", [PASSAGE],
                                            profile).unknown}
    assert "answer" not in unknown
    assert "answer" in {w for w, _ in judge.evidence("how do i answer a widget question", [PASSAGE], profile).unknown}


def test_earning_a_certificate_asks_no_sum() -> None:
    from advisor.answer_rules import asks_amount

    assert not asks_amount("should i earn a certificate in pottery") and asks_amount("what do potters earn a year")


@pytest.mark.parametrize(("question", "bare"), [
    ("can i get a quuxpass permit as a machine learning engineer, how does it work", True),  # subject, everyday
    ("will my quuxpass be a problem?", True),  # judgement words frame it
    ("can a data scientist get a quuxpass permit", False),  # "scientist": a word of the guides
    ("is a data scientist a machine learning engineer", False),  # nothing unknown at all
])
def test_what_names_nothing_of_the_guides(profile: CorpusProfile, question: str, bare: bool) -> None:
    judge = Answerability(WordHashEmbedding())
    assert judge.evidence(question, [PASSAGE], profile).bare == bare


def test_rule_outcomes() -> None:
    rule = ScopeRule()
    near = Evidence(dense=0.7, heading=0.6, sentence=0.7)
    assert rule.decide(near).scope == "answered"
    assert rule.decide(Evidence(dense=0.1, heading=0.1, sentence=0.1)).scope == "declined"
    # Close to something, but not enough to answer: shown as partial with the nearest passages.
    assert rule.decide(Evidence(dense=0.3, heading=0.2, sentence=rule.hedge_sentence + 0.01)).scope == "partial"
    # A never-mentioned word that carries the question decides, whatever else is close.
    heavy = Evidence(dense=0.7, heading=0.6, sentence=0.7, unknown=(("layoffs", rule.max_unknown + 0.1),))
    verdict = rule.decide(heavy)
    assert verdict.scope == "partial" and verdict.topic == "“layoffs”"  # the person's word, quoted
    far = Evidence(dense=0.2, heading=0.1, sentence=0.2, unknown=(("layoffs", 0.4), ("hmm", 0.0)))
    assert rule.decide(far).scope == "declined"
    assert rule.decide(far).topic == "“layoffs”"  # filler words are not named
    role = Evidence(dense=0.9, heading=0.9, sentence=0.9, role=RoleFocus(("pilot",), False))
    assert rule.decide(role).scope == "declined" and rule.decide(role).topic == "pilots"
    # Compared with the guides' own role: their side is shown, framed as such, not a decline.
    versus = Evidence(dense=0.9, heading=0.9, sentence=0.9, role=RoleFocus(("pilot",), False, compared=True))
    assert rule.decide(versus).scope == "partial" and rule.decide(versus).topic == "pilots"
    # About how things stand now: what the guides say is shown as what they said, never as today's market.
    now = Evidence(dense=0.7, heading=0.6, sentence=0.7, present=True)
    assert rule.decide(now) == Verdict("partial", NOW_TOPIC)
    # ...and when it also hinges on a word the guides never use, the verdict names that and keeps the "now".
    both = Evidence(dense=0.7, heading=0.6, sentence=0.7, unknown=(("layoffs", 0.4),), present=True)
    assert rule.decide(both) == Verdict("partial", "“layoffs”", now=True)
    assert rule.decide(Evidence(dense=0.1, heading=0.1, sentence=0.1, present=True)).scope == "declined"
    # Not close, yet worth showing: still framed as no news of today (a tenth probe: "what is the hiring freeze
    # situation at big tech in 2025" got "demand ... continues to surge" with no word on when), or of years ahead.
    hedge = rule.hedge_sentence + 0.01
    assert rule.decide(Evidence(dense=0.3, heading=0.3, sentence=hedge, present=True)) == Verdict("partial", NOW_TOPIC)
    assert rule.decide(Evidence(dense=0.3, heading=0.3, sentence=hedge, present=True, future=True)) == \
        Verdict("partial", FUTURE_TOPIC)
    assert rule.decide(Evidence(dense=0.3, heading=0.3, sentence=hedge)) == Verdict("partial")


def test_what_is_said_only_in_brackets_is_an_aside(profile: CorpusProfile) -> None:
    # A thirty-second probe: "built a little model predicting which students might need extra help (anonymized, don't
    # worry)" was told twice the guides don't say anything about “anonymized”.
    from advisor.answerability import bracketed

    assert bracketed("i built a kiln model (anonymized, kiln data). what do potters do?") == {"anonymized", "data"}
    assert bracketed("what do potters do?") == set()
    judge = Answerability(WordHashEmbedding())
    asked = "i built a model (glazeworthy, dont worry). what do potters do all day?"
    assert "glazeworthy" not in dict(judge.evidence(asked, [PASSAGE], profile).unknown)
    assert "glazeworthy" in dict(judge.evidence(asked.replace("(", "").replace(")", ""), [PASSAGE], profile).unknown)


def test_starting_out_is_the_first_rung_and_what_they_earn_now_asks_nothing(profile: CorpusProfile) -> None:
    # A thirty-fifth probe: "how much would i make starting out? I make 62k teaching rn" was told there was no figure
    # for exactly this, over the table whose first row is the entry-level pay.
    from advisor.lexical import asking_part
    from advisor.retrieve import as_question

    table = replace(PASSAGE, text="Here is what potters earn: Entry-Level: US$ 40,000. Senior: US$ 90,000.")
    judge = Answerability(WordHashEmbedding())
    asked = "how much would i make starting out? I make 30k glazing rn"
    # (every question is judged with the one closing "?" it is searched with)
    assert not judge.evidence(as_question(asked), [table], profile).unfigured
    assert asking_part(as_question(asked)) == "how much would i make starting out?"
    # A sentence after the question that asks, or says something of someone else, is still part of it.
    assert asking_part("what is a kiln? explain like im 5?") == "what is a kiln? explain like im 5?"
    assert asking_part("is a kiln job good? people say it's brutal?") == "is a kiln job good? people say it's brutal?"


def test_only_the_sentences_that_ask_can_ask_for_an_amount(profile: CorpusProfile) -> None:
    # A thirty-second probe: "... the pay is rough and summers aren't enough anymore. ... I'm wondering what a machine
    # learning engineer actually does day to day" was told there was no figure for exactly this.
    days = replace(PASSAGE, text="Machine learning engineers build and deploy models every day.")
    judge = Answerability(WordHashEmbedding())
    told = "I teach pottery and the pay is rough. What does a machine learning engineer do every day?"
    assert not judge.evidence(told, [days], profile).unfigured
    assert judge.evidence("How much does a machine learning engineer earn every day?", [days], profile).unfigured


def test_unknown_words_typed_side_by_side_are_named_as_one_thing() -> None:
    # A sixth probe: "how do i get a green card after my opt runs out" got "My guides don't cover “card” or “green”".
    from advisor.answerability import _side_by_side

    unknown = (("card", 0.5), ("Kiln", 0.3), ("green", 0.4))
    phrases = _side_by_side("can I get a Green Card, or a Kiln permit?", unknown)
    assert phrases == ("green card",)  # as the unknown words hold them; "Card, or a Kiln" is no phrase
    # ...a name owned too (a twenty-sixth probe's "Andrew Ng's course" got "“Andrew” or “Ng”").
    assert _side_by_side("is Kiln Smith's course good", (("Kiln", 1.0), ("Smith", 1.0))) == ("Kiln Smith",)
    far = Evidence(dense=0.2, heading=0.1, sentence=0.2, unknown=unknown, phrases=phrases)
    assert ScopeRule().decide(far).topic == "“green card” or “Kiln”"
    assert ScopeRule().decide(replace(far, phrases=())).topic == "“card” or “green” or “Kiln”"
    # ...also when only one of them carries the weight (a thirty-second probe's "Can I use my GI Bill for an ML
    # bootcamp?" was told the guides don't cover “Bill”).
    bill = Evidence(dense=0.2, heading=0.1, sentence=0.2, unknown=(("Permit", 1.0), ("KX", 0.1)),
                    phrases=("KX Permit",))
    assert ScopeRule().decide(bill).topic == "“KX Permit”"
    # ...only a name (both capitalised), whose other word carries some weight: not “getting laid” for "does getting
    # laid off look bad", nor “ValueError Input”.
    laid = Evidence(dense=0.2, heading=0.1, sentence=0.2, unknown=(("fired", 0.3), ("getting", 0.06)),
                    phrases=("getting fired",))
    assert ScopeRule().decide(laid).topic == "“fired”"
    error = Evidence(dense=0.2, heading=0.1, sentence=0.2, unknown=(("KilnError", 1.0), ("Input", 0.02)),
                     phrases=("KilnError Input",))
    assert ScopeRule().decide(error).topic == "“KilnError”"
    # Places are named each as a place ("Lagos or Nigeria"), never run together.
    where = Evidence(dense=0.2, heading=0.1, sentence=0.2, unknown=(("Lagos", 1.0), ("Nigeria", 1.0)),
                     places=("Lagos", "Nigeria"), phrases=("Lagos Nigeria",))
    assert ScopeRule().decide(where).topic == "Lagos or Nigeria"


@pytest.mark.parametrize(("question", "present"), [
    ("is anyone hiring ml engineers right now", True),
    ("are layoffs over or is more coming this year", True),
    ("why is nobody hiring juniors anymore", True),
    ("is python still what people use nowadays?", True),
    ("salary for ml engineers in 2027", True),
    ("is the ml engineer market currently saturated?", True),
    ("have ml salaries dropped recently?", True),
    ("im currently a teacher, how do i become an ml engineer", False),  # where they are, not the market now
    ("I'm studying python right now, what next?", False),  # what they are doing
    ("I started a new job this year; what does an ml engineer do day to day?", False),
    ("reading about AI lately... data scientist vs ml engineer?", False),
    ("nothing is moving lately, is hiring frozen?", True),  # "nothing" is no verb of theirs
    ("glassblower here, been super into widgets lately. is it for me", False),  # "(i've) been ...": theirs
    ("what is the job outlook for ml engineers", False),
    ("how many years does a degree take", False),
])
def test_questions_about_the_present_are_told_apart(profile: CorpusProfile, question: str, present: bool) -> None:
    ev = Answerability(WordHashEmbedding()).evidence(question, [PASSAGE], profile)
    assert ev.present is present


@pytest.mark.parametrize(("question", "asks"), [
    ("is this plan good?", True),
    ("what do you think of my cv", True),
    ("which of the two courses i mentioned is better", True),
    ("is this a good career for introverts?", False),
    ("I'm 35 and work in accounting, is my background enough?", False),  # the detail is given
    ("Do I need a degree?", False),
    ("does this job involve much travel", False),  # "this job" on a careers site is the career discussed
    ("should i take the job at the first company", True),
    # "my ..." said in passing places the question; it is not a thing left out to be judged.
    ("which courses belong in my portfolio", False),
    ("do i need a degree to get promoted at my company", False),
    ("so based on my cv what should i do", True),  # "based on" points at it
    ("what do you think of my timeline", True),
    # Only the sentence that asks counts: a job mentioned in a statement before it is not the thing asked about.
    ("I don't enjoy my accounting job anymore. what does an ml engineer do?", False),
    ("I hate my job. is my plan good?", True),
    # "what should my ... be": a norm, asked in general; nothing is left out.
    ("what should my widget code look like", False),
    ("how long should my cover letter be", False),
    ("is my code good enough", True),
    # An amount or a duration said with it is the detail.
    ("how do i negotiate my offer, they offered 150k", False),
    ("is my 6 month plan realistic", False),
    ("is my plan for the next year good", True),
    # One still to come is the goal, not a thing left out.
    ("how do i get my first widget job with no experience", False),
    ("how can i land my dream job", False),
    ("what do you think of my first project", True),
    # One of something never named (a blind question: "what about the one from my uni").
    ("what about the one from my widget school", True), ("which one is the best", False),
    ("should i list every widget i know even the ones i used once", False),  # one of those it names
    # How to do a thing with it is asked in general: the thing itself is not needed.
    ("how do i negotiate my widget offer, they lowballed me", False),
    ("how to polish my widget resume", False),
    ("is my widget offer fair", True),
    # "on my cv" places it too, unless it asks what they think of it.
    ("is job hopping bad, will it look bad on my cv", False),
    ("any thoughts on my cv", True),
    # The job they have, left or kept, is where they stand (a fifteenth probe: "should i quit my job to study machine
    # learning full time?" was asked to paste the job).
    ("should i quit my job to study widgets full time?", False), ("can i keep my job while i learn widgets", False),
    ("is my job offer fair", True),
    # Whether to do a thing with it is asked in general too (a twenty-first probe: "can i deduct my coursera ml course
    # on taxes" was asked to paste or describe the course).
    ("can i deduct my widget course on taxes", False), ("should i drop my widget course", False),
    ("is my widget course good", True),
    # What it is for (a twenty-seventh probe's "for my ML portfolio could i build a React web app that serves a model?"
    # was asked which portfolio it meant).
    ("for my widget portfolio could i build a kiln app", False), ("is my widget portfolio good", True),
    # A background said in a word is given ("ok. My testing background - is there some role between QA and ML?").
    ("My glazing background - is there some role between kilns and widgets?", False),
    ("does my background fit widgets?", True),
    # ...and so is a degree (a thirty-fourth probe's "would my biology degree count for anything" was asked to
    # describe it)
    ("would my glazing degree count for anything", False), ("would my degree count for anything", True),
    # ...said after it, or the thing asked is what to add to it (a thirty-fifth probe's "would my background in
    # nursing count" and "so what should i add to my portfolio" were asked to describe them).
    ("would my background in glazing count for anything", False), ("would my background count for anything", True),
    ("my kiln course was all theory. so what should i add to my widget portfolio", False),
    ("which projects should i put to my portfolio?", False), ("is my widget portfolio enough?", True),
])
def test_needs_detail(question: str, asks: bool) -> None:
    assert bool(needs_detail(question)) is asks
    said: list[Turn] = [{"role": "user", "content": question}, {"role": "assistant", "content": "Kilns run hot. [1]"}]
    assert needs_detail(question, said) == ""  # the detail may be earlier in the chat


def test_needs_detail_after_a_conversation_that_never_named_it() -> None:
    """A twenty-ninth probe: "actually I got an offer already from one of them, is this offer fair?" after questions on
    pay got the pay table again; a conversation that never named the offer holds no detail of it."""
    pay: list[Turn] = [{"role": "user", "content": "how much do kiln engineers earn? i have 4 years of glazing"},
                       {"role": "assistant", "content": "Kiln engineers earn $90,000. [1]"}]
    assert needs_detail("actually I got one from them, is this offer fair?", pay).startswith("Could you tell me more")
    assert needs_detail("is my kiln portfolio good?", pay)
    offered: list[Turn] = [*pay, {"role": "user", "content": "they offered me a job"},
                           {"role": "assistant", "content": "Congrats. [1]"}]
    assert needs_detail("is this offer fair?", offered) == ""  # named before: it may be there
    plan: list[Turn] = [{"role": "user", "content": "make me a kiln roadmap"},
                        {"role": "assistant", "content": "Your plan: 1. Glaze. [1]"}]
    assert needs_detail("is this plan good?", plan) == ""  # the answer just given is the plan
    assert needs_detail("what about the one from my kiln school", pay) == ""  # "the one" may point back
    assert needs_detail("My kiln company has a widget team, should i transfer or apply outside", pay) == ""  # told


def test_decline_names_the_topic_and_closest_questions() -> None:
    a = decline("ML careers", ("How long does it take?", "What does it cost?"), "layoffs",
                "https://example.org/talk", "talk to a counsellor")
    assert a.refused and a.scope == "declined" and not a.citations
    assert a.text.startswith("My guides don't cover layoffs. They are about ML careers.")
    assert "“How long does it take?”" in a.text and a.follow_ups == ("How long does it take?", "What does it cost?")
    assert "talk to a counsellor: https://example.org/talk" in a.text


def test_handoff_url_must_be_http() -> None:
    with pytest.raises(ValueError):
        Settings(handoff_url="javascript:alert(1)")
    assert Settings(handoff_url="https://example.org/x").handoff_url == "https://example.org/x"


def test_three_outcomes_through_the_advisor(make_settings: Callable[..., Settings], corpus_copy: Path) -> None:
    from advisor import build_advisor

    adv = build_advisor(make_settings(corpus_dir=corpus_copy))
    adv.ingest()
    partial = adv.ask("how do I become a data scientist?")
    assert partial.scope == "partial" and partial.citations
    assert partial.text.startswith("You asked about data scientists; my guides are about machine learning engineers")
    assert all("scientist" in c.passage.text.lower() for c in partial.citations)
    declined = adv.ask("how do I become a pharmacist?")
    assert declined.scope == "declined" and declined.refused and "pharmacists" in declined.text
    assert declined.follow_ups and all(q.endswith("?") for q in declined.follow_ups)
    clarify = adv.ask("is this plan good?")
    assert clarify.clarify and clarify.refused and not clarify.citations
    switcher = adv.ask("I work as a nurse, could I become a machine learning engineer?")
    assert switcher.scope != "declined"
    versus = adv.ask("bridge welder vs machine learning engineer, which pays more?")
    assert versus.scope == "partial" and versus.citations
    assert versus.text.startswith("My guides don't cover bridge welders; what they say about machine learning")
    # A job they name only in a list of professions, set beside theirs (a twenty-first probe's was answered).
    role = RoleFocus(("research", "scientist"), True, compared=True)
    lead, kept = adv._partial(Verdict("partial", "research scientists", role), [PASSAGE])
    assert lead == ("My guides don't compare machine learning engineers with research scientists; what they say "
                    "about machine learning engineers:") and kept == [PASSAGE]
    # An accent splits no name in two (a thirty-first probe's "'Hands-On Machine Learning' by Géron" was told the
    # guides say nothing about “ron”).
    book = adv.ask("Someone mentioned a book on machine learning by Zérolt. would you recommend it?")
    assert "“Zerolt”" in book.text and "“rolt”" not in book.text
    # A message that is only one of their abbreviations is asked as they spell it out (a thirty-first probe's "ml" was
    # declined; "machine learning" was answered).
    terse = adv.ask("ml?")
    assert terse.scope == "answered" and terse.citations


def test_accents_are_taken_off_letters_only() -> None:
    from advisor.lexical import plain_letters

    assert plain_letters("by Géron, in São Paulo — “naïve” ok?") == "by Geron, in Sao Paulo — “naive” ok?"
    assert plain_letters("plain ascii") == "plain ascii"


@pytest.mark.parametrize(("question", "main"), [
    ("I'm a 61 year old grandfather, how do recruiters judge a portfolio?", "how do recruiters judge a portfolio?"),
    ("as a left-handed guy from peru what languages should I learn", "what languages should I learn"),
    ("i'm a dad of twins, is it too late to learn python?", "is it too late to learn python?"),
    # ...but an age said with "too late" is the point: kept (a probe; "too late" alone is about the market).
    ("i'm 30, i'm a dad of twins, is it too late to learn python?", "i'm 30 is it too late to learn python?"),
    ("I'm a plumber, how do I switch careers?", "I'm a plumber, how do I switch careers?"),  # a job: the point
    ("I'm 35 and work in retail, what now?", "I'm 35 and work in retail, what now?"),  # where they work
    ("I'm lost", "I'm lost"),  # nothing would be left
    # A greeting before, a filler after a clause about the person: nothing either.
    ("hey, im from ghana originally. what do recruiters look for in a portfolio",
     "what do recruiters look for in a portfolio"),
    ("I'm a dad and always tired lol, but anyway, which languages matter most", "which languages matter most"),
    ("hello, what does a data engineer earn", "what does a data engineer earn"),
    # What they did or know, said after their age, stays: for a switcher it is the point.
    ("im 30, self taught in python, what should i learn next", "self taught in python, what should i learn next"),
    ("i have two kids, finished a data course online. is that enough to apply?",
     "finished a data course online. is that enough to apply?"),
    ("hi", "hi"),
    # Said after the question, or as an aside in brackets or dashes: the same.
    ("what languages should I learn? im 52 and a grandmother lol", "what languages should I learn?"),
    ("how do recruiters judge a portfolio (asking as a single dad)", "how do recruiters judge a portfolio"),
    ("Which languages -- I use a cane, by the way -- matter most?", "Which languages matter most?"),
    ("is it too late to learn python? great mood today btw", "is it too late to learn python?"),
    # How they feel, where they grew up, an apology, an aside between commas, a "for someone like me".
    ("feeling nervous today. what do recruiters look for", "what do recruiters look for"),
    ("which languages matter most? sorry if this is a dumb question", "which languages matter most?"),
    ("grew up in lagos, moved to leeds. what do recruiters look for", "what do recruiters look for"),
    ("how is a widget engineer different, im 33 and kinda confused, from a gadget engineer",
     "how is a widget engineer different from a gadget engineer"),
    ("is a portfolio needed for a quiet guy from peru like me", "is a portfolio needed"),
    ("kinda nervous today tbh. which languages matter most", "which languages matter most"),
    ("honestly in a weird mood today lol. what do recruiters look for", "what do recruiters look for"),
    ("ok so im a dad of four and i love golf lol, but anyway which languages matter most",
     "which languages matter most"),
    ("so i'm a nurse with 8 years in icu, but how do i get into widgets",
     "so i'm a nurse with 8 years in icu, but how do i get into widgets"),  # a job: the point
    ("what should i learn, i have a masters in physics, to get hired",
     "what should i learn, i have a masters in physics, to get hired"),  # what they studied: the point
    # ...unless it is a job, a degree or a place, or not about the person, or itself the question.
    ("what should i learn first? im a pharmacist", "what should i learn first? im a pharmacist"),
    ("do i need a degree? i have a masters in chemistry", "do i need a degree? i have a masters in chemistry"),
    ("what would i earn? i'm living in portugal", "what would i earn? i'm living in portugal"),
    ("is hiring slow now? every posting i see wants 5 yrs", "is hiring slow now? every posting i see wants 5 yrs"),
    ("i'm a baker. is there room for me in tech", "i'm a baker. is there room for me in tech"),
    ("what should I learn first (python or R)?", "what should I learn first (python or R)?"),
    # Where they live bears on pay and jobs, and only on those (as a profile's country does).
    ("which tools should i learn? we live in austria by the way", "which tools should i learn?"),
    ("i live in chile. is linear algebra really needed", "is linear algebra really needed"),
    ("how hard is the maths (im based in poland btw)", "how hard is the maths"),
    ("i live in chile. what do ml people get paid", "i live in chile. what do ml people get paid"),
    ("I'm in Kenya, are there openings for juniors?", "I'm in Kenya, are there openings for juniors?"),
    ("is remote work common? i live in vietnam", "is remote work common? i live in vietnam"),
    # An aside after a filler word, an "asking bc ..." after the question, a last clause saying who they are.
    ("how much knot theory do i need, honestly i'm feeling pretty discouraged today, for widget work",
     "how much knot theory do i need for widget work"),
    ("which widgets sell best? asking bc im feeling kinda anxious lately", "which widgets sell best?"),
    ("how do i start in widgets, im a 30 year old nonbinary person from the philippines", "how do i start in widgets"),
    ("what does a widget engineer do, I'm dyslexic so sorry if I typed this weird", "what does a widget engineer do"),
    # ...but not what they are doing (it can carry what is asked), nor a job.
    ("is widget work bad for your back, im writing an essay on posture",
     "is widget work bad for your back, im writing an essay on posture"),
    ("how do i get into widgets, im a nurse", "how do i get into widgets, im a nurse"),
    # "... for widget jobs" says what it is for, not which jobs there are.
    ("i live in a small town in chile, what should i put in my portfolio for widget jobs?",
     "what should i put in my portfolio for widget jobs?"),
    ("i live in chile, are there widget jobs?", "i live in chile, are there widget jobs?"),
    # Whole sentences about the person before the one that asks: the same, unless it points back at them.
    ("so im 52, two grown kids and a dog. what do widget engineers do all day?",
     "what do widget engineers do all day?"),
    ("I work in retail. I have 3 kids. how do i get into widgets?", "I work in retail. how do i get into widgets?"),
    ("im 40 and did a coding course. is that enough?", "im 40 and did a coding course. is that enough?"),
    # A sentence about the person is one whole, whatever commas it holds; a compound job title ("biostatistician")
    # is a job.
    ("i'm 29, vegan, and share a flat with my sister. which languages matter most",
     "which languages matter most"),
    ("I'm a neuroscientist, lots of matlab. could i build widgets?",
     "I'm a neuroscientist, lots of matlab. could i build widgets?"),
    # "how much" with another noun is the same everywhere: where they live does not bear on it.
    ("how much statistics do widget engineers use? i live in chile", "how much statistics do widget engineers use?"),
    ("how much do widget engineers make? i live in chile", "how much do widget engineers make? i live in chile"),
    # "... here": the self-introduction idiom, unless it names a job or it asks.
    ("cane user here - which languages matter most", "which languages matter most"),
    ("retired postman here. what do recruiters look for", "what do recruiters look for"),
    ("welder here, how do i get into widgets", "welder here, how do i get into widgets"),
    ("retired sailor here (bad knee, nothing serious). what do recruiters look for", "what do recruiters look for"),
    ("hi! 42 y/o guy from ohio, which languages matter most", "which languages matter most"),
    ("i have a desk job already, is it easy to move to widgets",
     "i have a desk job already, is it easy to move to widgets"),  # the job they have: the point
    ("welder here (10 yrs). how do i get into widgets", "welder here (10 yrs). how do i get into widgets"),
    ("is anyone here a widget engineer? how did you start", "is anyone here a widget engineer? how did you start"),
    ("what jobs are there here, and how do i apply", "what jobs are there here, and how do i apply"),
    # A clause the question points back to is what it asks about, as a sentence is ("is that enough?" above).
    ("im 40, is that too old for widgets", "im 40, is that too old for widgets"),
    ("i have a physics degree, is it enough for widgets", "i have a physics degree, is it enough for widgets"),
    ("im 40, is it hard to get into widgets", "is it hard to get into widgets"),  # "it" of the weather kind
    ("im 34 with two kids, is it too late for widgets", "im 34 with two kids, is it too late for widgets"),
    # How they stand with a thing is what "can i still ...?" asks about (a twelfth probe: "im scared of math").
    ("honestly im scared of glazing. can i still make widgets?", "honestly im scared of glazing. can i still make "
     "widgets?"),
    ("im bad at soldering, can i still make widgets", "im bad at soldering, can i still make widgets"),
    ("im worried about it, can i still make widgets", "can i still make widgets"),  # "it": nothing named
    # A question asked indirectly is the question (a twenty-fifth probe's "..., I'm curious whether machine learning
    # engineering is a viable second career" was declined with all of it set aside).
    ("I'm curious whether widget making is a viable second career", "I'm curious whether widget making is a viable "
     "second career"),
    ("im 40. im wondering if kilns are a good career", "im wondering if kilns are a good career"),
    # A last sentence that asks, opening as an aside does (a thirty-first probe's "lol ok. btw do you think its worth
    # doing the fast.ai course or should i do a masters" was cut to "lol ok").
    ("lol ok. btw do you think the kiln course is worth it or should i do a masters",
     "lol ok. btw do you think the kiln course is worth it or should i do a masters"),
    # Who they are, going on after the age, keeps its "I am" (a thirty-third probe's "I am 47, mechanical engineer in
    # Stuttgart, ... is this realistic" was told the guides don't cover mechanical engineers).
    ("I am 47, kiln technician in Leeds. is glazing realistic for me", "I am kiln technician in Leeds. is glazing "
     "realistic for me"),
    ("I am 47, what should I learn first for glazing", "what should I learn first for glazing"),
    # A postdoc is a job (a thirty-fifth probe's "I'm a postdoc in condensed matter physics, 2 years in, ... How
    # transferable is that to ML engineering?" was searched without it).
    ("I'm a postdoc in kiln physics, 2 years in. How transferable is that to widgets?",
     "I'm a postdoc in kiln physics, 2 years in. How transferable is that to widgets?"),
])
def test_strip_persona_keeps_the_main_point(question: str, main: str) -> None:
    from advisor.answerability import strip_persona

    assert strip_persona(question) == main


def test_one_question_of_two_covered_makes_the_other_s_unknown_name_partial(profile: CorpusProfile) -> None:
    """A thirty-third probe: "Which companies hire MLEs the most? Is Stripe or Shopify a good target?" was declined on
    the two names, though the guides list the kinds of companies that hire."""
    judge = Answerability(WordHashEmbedding())
    two = judge.evidence("What do machine learning engineers earn as a median salary? Is Quuxpay a good target?",
                         [PASSAGE], profile)
    one = judge.evidence("What do machine learning engineers earn as a median salary and is Quuxpay a good target?",
                         [PASSAGE], profile)
    assert two.part > two.sentence and one.part == 0.0
    rule = ScopeRule()
    unknown = Evidence(0.3, 0.3, rule.partial_sentence - 0.1, unknown=(("Quuxpay", 1.0),))
    assert rule.decide(unknown).scope == "declined"
    assert rule.decide(replace(unknown, part=rule.partial_sentence + 0.05)) == Verdict("partial", "“Quuxpay”")
    # One question covered answers nothing alone: the whole is judged as before.
    assert rule.decide(Evidence(0.3, 0.3, 0.3, part=0.9)).scope == "declined"


def test_an_everyday_word_typed_a_letter_off_is_searched_as_the_guides_words() -> None:
    """A thirty-third probe: "so i need colege or not?? u said both" was told the guides say nothing about “colege”."""
    from advisor.answerability import searched_as
    from advisor.retrieve import EXPANSIONS

    assert searched_as("colege") == searched_as("college") == EXPANSIONS["college"]
    assert searched_as("downsids") == EXPANSIONS["downsides"]
    # Not a common word one letter from another ("male" is no "make"), nor one too short to tell.
    assert searched_as("male") == "" and searched_as("pai") == "" and searched_as("glazes") == ""
    guides, passages = named_guides(("Most potters hold a university degree in ceramics.",
                                     "Potters fire pots in a kiln."), "potter kiln univers degree need", dense=0.5)
    ev = Answerability(WordHashEmbedding()).evidence("so i need colege or not??", passages, guides)
    assert "colege" not in dict(ev.unknown)


def test_an_unknown_word_is_weighed_without_what_stands_in_brackets_at_the_end(profile: CorpusProfile) -> None:
    """A thirty-third probe: mid-conversation, "is now a good time to switch given all the layoffs at google and
    meta?" was judged with " (machine learning engineer)" after it, which took weight from “layoffs”, and got
    work-life balance."""
    judge = Answerability(WordHashEmbedding())
    asked = "is now a good time to switch given all the kiln layoffs"
    alone = dict(judge.evidence(asked, [PASSAGE], profile).unknown)
    for end in (" (machine learning engineer)", " (anonymized, sorry) (machine learning engineer)"):
        assert dict(judge.evidence(asked + end, [PASSAGE], profile).unknown)["layoffs"] == alone["layoffs"], end


def test_places_the_guides_never_name_are_the_point(profile: CorpusProfile) -> None:
    assert places_asked_about("what do data folks earn in norway") == ["norway"]
    assert places_asked_about("is the pay better in new york or in são paulo") == ["new york", "sao paulo"]
    assert places_asked_about("I'm a nurse from kenya, where do i start") == []  # where they come from
    assert places_asked_about("what does a mobile app developer do all day") == []
    # Chat fillers are no topic ("don't cover Germany or “euros” or “pls”").
    filled = Answerability(WordHashEmbedding()).evidence("machine learning engineer salary in norway pls lol",
                                                         [PASSAGE], profile)
    assert "Norway" in [w for w, _ in filled.unknown] and not {"pls", "lol"} & {w for w, _ in filled.unknown}
    judge = Answerability(WordHashEmbedding())
    ev = judge.evidence("machine learning engineer salary in norway", [PASSAGE], profile)
    assert ("Norway", 1.0) in ev.unknown
    assert ScopeRule().decide(ev).scope != "answered" and "Norway" in ScopeRule().decide(ev).topic
    named = CorpusProfile.build([], profile.vocabulary | {"norway"})
    assert ("Norway", 1.0) not in judge.evidence("machine learning engineer salary in norway", [PASSAGE], named).unknown
    # Guides that say "USA" cover "the United States", under either name; the UK is still another place.
    usa = CorpusProfile.build([], profile.vocabulary | {"usa"})
    us = judge.evidence("machine learning engineer salary in the united states", [PASSAGE], usa).unknown
    assert ("the United States", 1.0) not in us
    assert ("the UK", 1.0) in judge.evidence("machine learning engineer salary in the uk", [PASSAGE], usa).unknown
    # "round here" from someone whose profile gives a country: that country, even one the gazetteer lacks.
    here = "machine learning engineer salary round here"
    assert ("Deutschland", 1.0) in judge.evidence(here, [PASSAGE], usa, place="deutschland").unknown
    assert ("the United States", 1.0) not in judge.evidence(here, [PASSAGE], usa, place="United States").unknown
    alone = judge.evidence(here, [PASSAGE], usa).unknown
    assert judge.evidence(here, [PASSAGE], usa, place="America").unknown == alone  # the guides' USA
    assert judge.evidence(here, [PASSAGE], usa, place="not sure").unknown == alone  # no place
    # Everywhere but the place they name is no place they speak of (a fourteenth probe: "is the career path the same
    # outside the US?" was answered with the US outlook).
    from advisor.places import places_outside

    assert places_outside("is the path the same outside the US?") == ["usa"] and places_outside("jobs outside us") == []
    assert places_outside("what do they earn other than in canada") == ["canada"]
    assert not places_outside("outside of work")
    outside = judge.evidence("machine learning engineer salary outside the usa", [PASSAGE], usa).unknown
    assert ("places outside the USA", 1.0) in outside
    assert ("places outside the USA", 1.0) not in judge.evidence(
        "machine learning engineer salary in the usa", [PASSAGE], usa).unknown


def test_where_the_person_is_bears_only_on_questions_bound_to_place(profile: CorpusProfile) -> None:
    """A probe: "i'm a high school math teacher in india, how much math do ML engineers need?" was hedged for India."""
    judge = Answerability(WordHashEmbedding())

    def places(question: str) -> tuple[str, ...]:
        return judge.evidence(question, [PASSAGE], profile).places

    assert places("i'm a maths teacher in norway, how much statistics do machine learning engineers need?") == ()
    assert places("i live in norway. what do machine learning engineers earn?") == ("Norway",)  # pay is by place
    assert places("what statistics do machine learning engineers in norway need?") == ("Norway",)  # asked about
    assert places("i'm a teacher in norway. how do i become a machine learning engineer in norway?") == ("Norway",)
    # A blind A/B judge: "im 34, work as an accountant in ohio, thinking about switching into ml engineering" was
    # declined as about Ohio (the "I" of "work as" said in the clause before).
    assert places("work as a teacher in norway, thinking about switching into machine learning") == ()
    assert places("work life balance in norway for machine learning engineers?") == ("Norway",)  # asked about
    # Every clause of a sentence about them that asks nothing is theirs (a twenty-third probe: "I have been a Java
    # backend developer for 20 years, currently 45, in Osaka. ... Can an experienced software engineer move into ML
    # engineering?" was told the guides say nothing about Osaka, nor how things stand right now).
    from advisor.answerability import asks_about_now

    told = "I have been a potter for 20 years, currently 45, in Oslo. Can a potter move into machine learning?"
    assert places(told) == () and not asks_about_now(told)
    # Pay or jobs said of their own life bind nothing to the place (a thirty-third probe: "I am 47, mechanical engineer
    # in Stuttgart ... my company is cutting jobs ... is this realistic at my age" was told the guides say nothing of
    # Stuttgart).
    assert places("i am a potter in norway. my company is cutting jobs. is machine learning realistic for me?") == ()
    assert places("i am a potter in norway. are there machine learning jobs for me?") == ("Norway",)
    # ...nor does a sentence that asks nothing right after one about them, greeted or not (a thirty-fourth probe:
    # "Hello, I am working as manual tester in IT services company in Pune since 4 years. Salary is less and no growth.
    # I want to switch ..." was told the guides say nothing about Pune).
    assert places("Hello, I am working as a potter in Oslo since 4 years. Salary is less and no growth. Can a potter "
                  "move into machine learning?") == ()
    assert places("Salary is less in Oslo. Can a potter move into machine learning?") == ("Oslo",)
    assert places("I am a potter. What do machine learning engineers earn in Oslo?") == ("Oslo",)
    assert asks_about_now("the kiln market is brutal rn. should i still go for it?")  # not said of themselves
    assert asks_about_now("im in oslo, what do potters earn here right now?")  # the sentence asks
    # ...also said with a plain "now", of how things stand (a thirty-first probe's "do you know if meta or openai are
    # hiring ml engineers now?" and "is the ml job market better now than last year?" were answered).
    assert asks_about_now("are kiln studios hiring potters now?") and asks_about_now("is the kiln market better now")
    # ...a sentence about them, with a place and a job in brackets, asks nothing of either, though a question mark
    # is put after every question ("..., im a backend dev (java, 5 yrs) in toronto?")
    assert places("are glaze courses worth it? im a kiln dev (clay, 5 yrs) in oslo?") == ()
    for said in ("what should i learn now?", "what now?", "thanks, thats all for now", "so what are the steps now",
                 "5 years from now, will potters exist?"):
        assert not asks_about_now(said), said


def test_the_job_a_switcher_comes_from_is_not_the_unfamiliar_point(profile: CorpusProfile) -> None:
    judge = Answerability(WordHashEmbedding())
    switch = [w for w, _ in judge.evidence("as a pharmacist, how do i get into machine learning", [PASSAGE],
                                           profile).unknown]
    assert "pharmacist" not in switch and "pharmacists" not in switch
    target = [w for w, _ in judge.evidence("what do pharmacists earn in machine learning", [PASSAGE], profile).unknown]
    assert "pharmacists" in target  # asked about, not come from
    # Nor is the field they leave, named after a verb of changing ("... from backend", "from carpentry to ...").
    for question, left in (("what do i need to learn to move into machine learning from backend", {"backend"}),
                           ("how do i transition from zookeeping into machine learning", {"zookeeping"})):
        assert not left & {w for w, _ in judge.evidence(question, [PASSAGE], profile).unknown}
    assert "backend" in [w for w, _ in judge.evidence("how do i get backend experience in machine learning",
                                                      [PASSAGE], profile).unknown]  # asked about, not left


def test_the_degree_they_hold_is_where_they_start_not_the_unfamiliar_point(profile: CorpusProfile) -> None:
    """A probe: "i have a physics degree, what should i learn first" was hedged "don't say anything about physics"."""
    judge = Answerability(WordHashEmbedding())

    def unknown(question: str) -> set[str]:
        return {w for w, _ in judge.evidence(question, [PASSAGE], profile).unknown}

    assert "zoology" not in unknown("i have a zoology degree, what should i learn first for machine learning")
    assert "zoology" not in unknown("what should i learn first for machine learning? (coming from zoology degree)")
    assert "zoology" in unknown("i have a zoology degree, is it enough for machine learning")  # asked about it
    assert "zoology" in unknown("is a zoology degree good for machine learning")  # nobody said they hold one
    # ...said as "in my X degree", after the question, beside "that's about it" (a thirtieth probe: "what would i
    # actually need to learn? i did a bit of stats in my nursing degree but thats about it" was told the guides say
    # nothing about nursing).
    assert "zoology" not in unknown("what would i need to learn for machine learning? i did some stats in my zoology "
                                    "degree but thats about it, never coded?")
    assert "zoology" in unknown("i did stats in my zoology degree. is it enough for machine learning?")


def test_a_switcher_names_a_past_job_and_asks_to_come_into_the_field(profile: CorpusProfile) -> None:
    assert switches_in("welder here, 10 yrs. could i become a machine learning engineer", profile)
    assert switches_in("im a baker, is switching to ml realistic", profile)  # the field, shortened
    assert not switches_in("im a baker, how do i move into pastry management", profile)  # another field
    assert not switches_in("im a welder, what do machine learning engineers earn", profile)  # not about moving
    assert not switches_in("how do i become a machine learning engineer", profile)  # no past job
    # Jobs as people shorten them: "dev", "rep", "... worker".
    assert switches_in("ex php dev, 6 yrs. can i still switch to machine learning", profile)
    assert switches_in("im a sales rep, is becoming a machine learning engineer realistic", profile)
    assert switches_in("social worker here, could i get into machine learning", profile)
    # Asked of someone else ("can a nurse become an ml engineer?": a twenty-first probe was told the guides don't
    # cover nurses): the job said before the move is where one comes from, not the job asked about.
    assert switches_in("can a welder become a machine learning engineer?", profile)
    assert target_role("could a baker switch to machine learning", profile) is None
    # ...a job they name is answered as before ("can a software engineer become MLE without going back to school": a
    # blind judge preferred it).
    assert not switches_in("can a data scientist become a machine learning engineer?", profile)
    assert target_role("what does a welder earn", profile) == RoleFocus(("welder",), False)  # no move: asked about
    # ...but not where the word names a thing before another noun.
    assert roles_in(words("what dev tools do widget engineers use")) == [(5, ("widget", "engineer"))]
    assert not roles_in(words("is a worker thread pool enough")) and not roles_in(words("rep counts for lifting"))
    assert roles_in(words("java dev for 5 yrs")) == [(1, ("java", "dev"))]
    # ...also with a wish between ("a high school chemistry teacher, wants to move into ML engineering": a
    # twenty-fourth probe was told the guides don't cover chemistry teachers).
    assert target_role("my client, a welder, wants to move into machine learning engineering", profile) is None
    assert target_role("my client is a welder who wants a raise", profile) == RoleFocus(("welder",), False)


def test_a_big_city_by_its_other_name_is_a_place_only_where_a_place_goes() -> None:
    assert places_asked_about("ml engineer pay in bombay for freshers") == ["bombay"]
    assert places_asked_about("is there ml work near calcutta") == ["calcutta"]
    assert places_asked_about("im sophia, how do i become an ml engineer") == []  # a person's name too
    assert places_asked_about("salary in the soul of the industry") == []  # too short to be one ("Seoul")


def test_a_place_written_as_part_of_another_name_is_no_place_asked_about() -> None:
    """A thirty-second probe: "Georgia Tech's OMSCS" was answered as a question about Georgia."""
    assert places_asked_about("is Georgia Tech's kiln course any good?") == []
    assert places_asked_about("do Texas Instruments hire potters") == []
    assert places_asked_about("potter pay in Georgia?") == ["georgia"]
    # A place after it, an upper-case code or a word of place leave it a place; so does a title.
    assert places_asked_about("kiln jobs in Austin TX") == ["austin"]
    assert places_asked_about("kiln jobs in New York City") == ["new york city"]
    assert places_asked_about("moving to Toronto Canada for kilns") == ["toronto", "canada"]
    assert places_asked_about("Best Kiln Jobs In Berlin Today") == ["berlin"]


def test_a_name_the_guides_never_use_is_acknowledged_with_the_capitalised_words_after_it() -> None:
    guides, passages = named_guides(("Potters who sell their work often fire it in a kiln they share with others.",
                                     "Find a studio with a Quuxle kiln to fire your first pots in."),
                                    "potter kiln quuxle studio fire", dense=0.2)
    ev = Answerability(WordHashEmbedding()).evidence("is Georgia Tech's kiln course good for potters?", passages,
                                                    guides)
    assert ("Georgia Tech", 1.0) in ev.unknown and not ev.places
    assert "Georgia" not in ev.unknown_topic(0.16).replace("“Georgia Tech”", "")


def test_place_labels_read_as_english() -> None:
    from advisor.places import place_label

    assert [place_label(p) for p in ("canada", "new york", "uk", "netherlands", "united states")] == [
        "Canada", "New York", "the UK", "the Netherlands", "the United States"]
    assert place_label("bosnia and herzegovina") == "Bosnia and Herzegovina"
    from advisor.places import as_place

    assert [as_place(v) for v in ("usa", "Germany", "Narnia", "berlin, germany")] == [
        "the USA", "Germany", "Narnia", "berlin, germany"]  # only a whole place name is rewritten


def test_a_word_the_guides_use_in_another_form_is_known() -> None:
    guides = CorpusProfile.build([], frozenset({"website", "productionization", "production", "salari"}))
    assert guides.knows("websit")  # "websites" stems to "websit" while "website" stays whole
    assert guides.knows("productioniz")  # "productionizing" is two letters off "production"
    assert guides.knows("salari")
    assert not guides.knows("layoff") and not guides.knows("web")  # short stems never match by prefix
    # The ending that makes a person of a thing is not another form of it.
    makers = CorpusProfile.build([], frozenset({"youtube", "design", "teacher"}))
    assert not makers.knows("youtuber") and not makers.knows("designer") and not makers.knows("teach")
    assert makers.knows("youtubes") and makers.knows("designs")


def test_a_word_misspelt_by_a_letter_is_searched_as_the_guides_write_it() -> None:
    guides = CorpusProfile.build([chunk("Becoming a welding engineer takes a welding engine and an engineer's "
                                        "engineer salary.", n=1)], frozenset({"becom", "weld", "engin", "salari"}))
    assert guides.respell("how long till becomng a Weldign engineer") == "how long till becoming a welding engineer"
    assert guides.respell("what's the salery of an enginer?") == "what's the salary of an engineer?"  # written most
    assert guides.respell("is welding fun or stressful") == "is welding fun or stressful"  # English stays


def test_a_rare_start_of_a_word_the_guides_use_is_that_word_clipped() -> None:
    guides = CorpusProfile.build([], frozenset({"certif", "qualif", "infrastructur", "graduat", "pull"}))
    assert guides.clips("certs") and guides.clips("cert") and guides.clips("quals") and guides.clips("infra")
    assert guides.clips("undergrad") is False  # starts no term of these guides
    assert not guides.clips("pull")  # a word the guides use whole is no clipping of itself
    assert not guides.clips("stock") and not guides.clips("meta")  # starts nothing here
    common = CorpusProfile.build([], frozenset({"visual", "pullrequest"}))
    assert not common.clips("visa") and not common.clips("pull")  # everyday English words are words, not clippings
    assert not CorpusProfile.build([], frozenset({"development"})).clips("dev")  # too short: starts too much
    judge = Answerability(WordHashEmbedding())
    said = dict(judge.evidence("do employers care about data scientist certs", [PASSAGE], guides).unknown)
    assert "certs" not in said


def test_a_blend_of_the_starts_of_two_words_the_guides_write_together_is_that_phrase() -> None:
    """A sixteenth probe: "finishing a compsci degree" was told the guides say nothing about “compsci”."""
    text = "Study ceramic science first. A ceramic science degree helps. Kiln work pays."
    potters = CorpusProfile.build([chunk(text, n=1), chunk("Most potters read ceramic science.", n=2)],
                                  frozenset(tokenize(text)))
    assert potters.blends("cersci") and potters.blends("ceramsci") and potters.uses("cersci")
    assert not potters.blends("kilnwo")  # "kiln work" is written once: no phrase to blend
    assert not potters.blends("scicer")  # the words in the other order
    assert not potters.blends("cesci")  # a start of two letters is too short to tell
    judge = Answerability(WordHashEmbedding())
    said = dict(judge.evidence("finishing a cersci degree, can i become a potter", [PASSAGE], potters).unknown)
    assert "cersci" not in said


def test_greetings_quantities_and_kidding_are_never_the_point(profile: CorpusProfile) -> None:
    """A sixteenth probe: "ola, i'm in brazil, ..." was told "nothing about “ola”", "are there lots of ... layoffs"
    named “lots”, and "am i kidding myself" named “kidding”."""
    judge = Answerability(WordHashEmbedding())
    for question, word in [("ola, what do machine learning engineers earn", "ola"),
                           ("hallo, do machine learning engineers earn a salary", "hallo"),
                           ("are there lots of machine learning engineer quuxes", "lots"),
                           ("is that realistic or am i kidding myself", "kidding"),
                           ("machine learning engineer interview tmrw, any tips", "tmrw"),
                           # an eighteenth probe: "nvm, what programming languages..." named “nvm”
                           ("nvm, what do machine learning engineers earn", "nvm"),
                           ("wait actually what do machine learning engineers earn", "wait"),
                           # a twentieth probe: "thank you sir" named “sir”
                           ("sir what do machine learning engineers earn", "sir"),
                           ("were there a lot of machine learning engineer quuxes", "lot")]:
        assert word not in dict(judge.evidence(question, [PASSAGE], profile).unknown), question
    assert "quuxes" in dict(judge.evidence("are there lots of machine learning engineer quuxes", [PASSAGE],
                                           profile).unknown)


def test_a_rare_word_that_is_no_misspelling_names_what_the_guides_cannot_speak_to(profile: CorpusProfile) -> None:
    judge = Answerability(WordHashEmbedding())

    def unknown(question: str) -> dict[str, float]:
        return dict(judge.evidence(question, [PASSAGE], profile).unknown)

    # Hardly used in English, far from every word of the guides: a game, a company, a product.
    assert unknown("how do i become a machine learning engineer in bitlife")["bitlife"] == 1.0
    assert unknown("is quantaflow a good place for a machine learning engineer")["quantaflow"] == 1.0
    # A guide's term misspelt is that term, not something unknown; a common English word is no misspelling.
    assert "engeneers" not in unknown("how much do machine learning engeneers earn")
    assert "recommend" not in unknown("what would you recommend a data scientist learn")  # it asks for advice
    fast = CorpusProfile.build([], profile.vocabulary | {"fast", "big"})
    said = dict(judge.evidence("whats the fastest and biggest data scientist route", [PASSAGE], fast).unknown)
    assert "fastest" not in said and "biggest" not in said  # the degree of a word the guides use
    assert "fastest" in unknown("whats the fastest data scientist route")  # the guides never say "fast"
    assert not {"whats", "dont"} & set(unknown("whats the salary, dont data scientists earn more"))  # no "'"
    # Written with a capital inside a sentence, a word the guides never use is a name, however common in English.
    assert unknown("is Tesco a good place for a data scientist")["Tesco"] == 1.0
    assert unknown("is Stanford's program good for a data scientist")["Stanford"] == 1.0
    assert unknown("is tesco a good place for a data scientist").get("tesco", 0.0) < 1.0
    assert unknown("my friend Sarah says data scientist work is hard").get("Sarah", 0.0) < 1.0  # a person
    assert unknown("Is Tesco A Good Place For A Data Scientist").get("Tesco", 0.0) < 1.0  # a title: no telling
    # A question word typed short opens a sentence: no topic ("wat", "hw"); elsewhere such a word is weighed.
    assert not {"wat", "hw"} & set(unknown("wat should a data scientist learn? hw do i start"))
    assert unknown("is a data scientist wat I want")["wat"] < 1.0
    # A long word two edits from common English is that word misspelt, weighed like any everyday word.
    assert unknown("will data scientist jobs dissapear")["dissapear"] < 1.0
    beach = CorpusProfile.build([], profile.vocabulary | {"beach"})
    assert "teach" in dict(judge.evidence("can a data scientist teach", [PASSAGE], beach).unknown)
    # Misspelt or inflected everyday English ("differently", "lowball") is weighed like any unknown word.
    assert unknown("do data scientists work differntly")["differntly"] < 1.0
    assert unknown("am i getting lowballed as a data scientist")["lowballed"] < 1.0
    assert unknown("is a 90k data scientist offer good").get("90k", 0.0) < 1.0  # an amount is no name
    # A count or an age is never the point ("applied to 200 jobs"); nor a word that weighs it up ("dealbreaker").
    assert "200" not in unknown("i applied to 200 data scientist jobs")
    assert not {"dealbreaker", "wrong", "normal"} & set(unknown(
        "bad at math, is that a dealbreaker for a data scientist, what am i doing wrong, is that normal"))
    # ...nor one that asks whether it is needed, after what was said ("can i still do it?", "can i skip it?").
    assert not {"still", "skip", "minimum"} & set(unknown(
        "can a data scientist still do it, can i skip it, whats the minimum for a data scientist"))
    assert not {"tell", "second"} & set(unknown("tell me more about the second data scientist one"))


def test_english_variants() -> None:
    from advisor.lexical import english_variant

    assert english_variant("recieve", 3.0, 2.0) and english_variant("lowballing", 3.0, 2.0)
    assert not english_variant("quantaflow", 3.0, 2.0)
    assert english_variant("dissapear", 3.0, 2.0)  # two edits from "disappear": long enough to tell
    assert not english_variant("bitlife", 3.0, 2.0) and not english_variant("kubernetes", 3.0, 2.0)


def test_english_adverbs() -> None:
    from advisor.lexical import english_adverb

    for word in ("mostly", "honestly", "realistically", "easily", "probably", "usually", "weekly"):
        assert english_adverb(word), word
    # No English word before their "-ly", or too short to tell: nouns and verbs a question can be about.
    for word in ("family", "supply", "assembly", "anomaly", "italy", "reply", "early", "july"):
        assert not english_adverb(word), word


def test_how_it_is_asked_is_not_the_unfamiliar_point(profile: CorpusProfile) -> None:
    # A probe's "is it mostly coding?" was hedged as "My guides don't say anything about “mostly”".
    judge = Answerability(WordHashEmbedding())
    words = {w for w, _ in judge.evidence("is a kiln mostly glazing work, honestly", [PASSAGE], profile).unknown}
    assert {"kiln", "glazing"} <= words and not words & {"mostly", "honestly"}
    assert "family" in {w for w, _ in judge.evidence("do potters have time for family", [PASSAGE], profile).unknown}
    # Nor is moving into a field (the probe's "why would i switch then?" got "don't say anything about “switch”"),
    # nor "something" that stands for what it does not name.
    moving = {w for w, _ in judge.evidence("should a potter switch to glassblowing or something", [PASSAGE],
                                           profile).unknown}
    assert "glassblowing" in moving and not moving & {"switch", "something"}


def test_a_word_that_weighs_something_up_is_never_the_unfamiliar_point(profile: CorpusProfile) -> None:
    judge = Answerability(WordHashEmbedding())
    words = {w for w, _ in judge.evidence("is a data scientist bootcamp worth it or is that crazy", [PASSAGE],
                                          profile).unknown}
    assert "bootcamp" in words  # what the guides never name still is
    assert not words & {"worth", "crazy"}
    checks = judge.evidence("my uncle says potters need a kiln at home, is that true or legit", [PASSAGE], profile)
    assert not {w for w, _ in checks.unknown} & {"true", "legit"}  # checking a claim: what it is about is the point
    # Pointing at an item of what was said, or asking for advice on a thing: the thing is the point.
    for question, words in (("and what about the last one", {"last"}), ("ok what comes next", {"next"}),
                            ("kiln tips", {"tips"}), ("tell me more about the fourth", {"fourth"})):
        assert not {w for w, _ in judge.evidence(question, [PASSAGE], profile).unknown} & words, question


def test_proper_names_come_from_how_the_guides_write_them() -> None:
    from advisor.lexical import proper_names

    found = proper_names([
        "Large companies like Google and Amazon hire many engineers every year.",
        "Engineers often use Python at work. Many people find python easy to learn at first.",
        "Senior Machine Learning Engineer Roles Pay More Here",  # a title-case line says nothing
        "- Insurance: insurers use models to price every policy they sell.",  # a label capitalised by layout
        "You can learn R or Julia as a second language for statistics.",
    ])
    assert found["google"] == ("Google", 1) and found["amazon"] == ("Amazon", 1) and found["julia"][0] == "Julia"
    assert "python" not in found  # written lower case as often as not
    assert not {"insur", "insurance", "senior", "larg", "r"} & set(found)
    # Dotted initials are one word, as tokenize reads them: "Ph.D" is a name, no "Ph" (a thirty-second probe's "Do the
    # guides say anything about PhDs at all?" was declined, the guide's "master's degree or Ph.D" never found as one).
    dotted = proper_names(["Many more potters will require a master's degree or Ph.D in ceramics to teach."])
    assert dotted == {"phd": ("Ph.D", 1)}


def found(chunks: list[Chunk], dense: float) -> list[Passage]:
    """The chunks as a search returns them, each as close as `dense`."""
    return [Passage(chunk_id=c.chunk_id, text=c.text, title=c.title, section=c.section, publisher="P", url="",
                    doc_id="d", score=1.0, signals={"dense": dense}) for c in chunks]


def named_guides(texts: tuple[str, str], terms: str, dense: float) -> tuple[CorpusProfile, list[Passage]]:
    """Two one-passage guides with these subject terms, and their passages as a search returns them."""
    chunks = [chunk(text, n=n) for n, text in enumerate(texts, 1)]
    return CorpusProfile.build(chunks, frozenset(terms.split())), found(chunks, dense)


def test_a_name_the_guides_mention_in_passing_needs_the_answer_to_mention_it() -> None:
    guides, passages = named_guides(
        ("Large tech companies like Google, Microsoft and Amazon offer internships to students.",
         "Machine learning interviews include coding rounds and system design questions."),
        "machin learn interview google internship", dense=0.8)
    assert guides.names["google"] == "Google"
    judge = Answerability(WordHashEmbedding())
    # Only the interview passage can answer: the sentence naming Google is about internships.
    asked = judge.evidence("what is the google interview process for machine learning", passages[1:], guides)
    assert asked.unquoted == ("Google",)
    verdict = ScopeRule().decide(asked)
    assert verdict.scope == "partial" and verdict.topic == "Google" and verdict.in_passing
    # When the closest sentences do say the name, nothing is missing.
    assert judge.evidence("does google offer internships to students", passages, guides).unquoted == ()
    # Nor when the name is in what they say they do, before the question (a sixteenth probe: "i work as a data
    # analyst, sql, tableau, some python. how do i move into ml engineering" was told SQL is mentioned in passing).
    theirs = judge.evidence("i work as a recruiter at google, mostly interviews. how do i move into machine learning?",
                            passages[1:], guides)
    assert theirs.unquoted == ()
    # ...nor when it is said in a sentence that asks nothing, or in brackets (a thirty-second probe: "I've taught AP
    # Computer Science ..., mostly Java, ... I'm wondering what an ML engineer actually does day to day" was told
    # the guides mention Java only in passing; "(Oracle, some PL/SQL)" was hedged on SQL).
    for told in ("I spent ten years doing google ads. What does a machine learning interview include?",
                 "I did ads (mostly google) for ten years, what does a machine learning interview include?"):
        assert judge.evidence(told, passages[1:], guides).unquoted == (), told
    close = Evidence(dense=0.9, heading=0.9, sentence=0.9)
    assert ScopeRule().decide(close).scope == "answered"


def test_nothing_close_but_what_the_guides_say_of_the_name_asked_about_is_shown_as_all_they_say() -> None:
    """A probe: "is kaggle actually useful for getting a job" was declined, though the guides name Kaggle (a place to
    find datasets for portfolio projects): no sentence of the best passages came close, and the one naming it, put
    last by the search, was never read."""
    guides, passages = named_guides(("Potters who sell their work often fire it in a kiln they share with others.",
                                     "Find a studio with a Quuxle kiln to fire your first pots in."),
                                    "potter kiln quuxle studio fire", dense=0.3)
    assert guides.names["quuxle"] == "Quuxle"
    judge = Answerability(WordHashEmbedding())
    asked = "is a quuxle kiln useful for getting hired"
    beyond = judge.evidence(asked, [passages[0]] * 4 + [passages[1]], guides)  # what names it is beyond the best four
    assert beyond.unquoted == ("Quuxle",) and beyond.named > 0.0
    assert judge.evidence(asked, [passages[0]], guides).named == 0.0  # nothing found names it
    rule = ScopeRule()
    far = Evidence(dense=0.2, heading=0.2, sentence=rule.hedge_sentence - 0.05, unquoted=("Quuxle",))
    shown = rule.decide(replace(far, named=rule.hedge_sentence + 0.05))
    assert shown.scope == "partial" and shown.in_passing and shown.only_of == ("Quuxle",) and shown.topic == "Quuxle"
    assert rule.decide(replace(far, named=rule.hedge_sentence - 0.1)).scope == "declined"  # no closer than the rest
    # Close enough on their own, the nearest sentences are shown, hedged as before...
    near = rule.decide(replace(far, sentence=rule.hedge_sentence + 0.05, named=rule.hedge_sentence))
    assert near.scope == "partial" and not near.only_of
    # ...unless the one naming it is closer still ("what about PhDs?" came nearer the outlook's opening than anything
    # else of the passages found for it, and was given that).
    closer = rule.decide(replace(far, sentence=rule.hedge_sentence + 0.05, named=rule.hedge_sentence + 0.1))
    assert closer.only_of == ("Quuxle",) and not closer.just_named


def test_names_in_passing_are_listed_as_english_lists_them() -> None:
    from advisor.answerability import named_together

    assert named_together(("Quuxle",)) == "Quuxle" and named_together(("Quuxle", "Kilnix")) == "Quuxle and Kilnix"
    assert named_together(("Quuxle", "Kilnix", "Ph.D")) == "Quuxle, Kilnix and Ph.D"
    assert ScopeRule().decide(Evidence(0.9, 0.9, 0.9, unquoted=("A", "B", "C"))).topic == "A, B and C"


def test_a_question_about_nothing_but_a_name_in_passing_gets_what_they_say_of_it() -> None:
    """A thirty-second probe: "Do the guides say anything about PhDs at all?" was declined ("My guides don't cover
    that"), though a guide names the Ph.D once; a question of a name alone is far from every sentence."""
    guides, passages = named_guides(("Potters who sell their work often fire it in a kiln they share with others.",
                                     "Find a studio with a Quuxle kiln to fire your first pots in."),
                                    "potter kiln quuxle studio fire", dense=0.2)
    judge = Answerability(WordHashEmbedding())
    for asked in ("Quuxle?", "do your guides say anything about Quuxle at all?", "what about quuxle",
                  "does the guide mention quuxle"):
        ev = judge.evidence(asked, passages, guides)
        assert ev.only_named == ("Quuxle",), asked
        verdict = ScopeRule().decide(replace(ev, sentence=0.1, dense=0.1, heading=0.1, unknown=()))
        assert verdict.only_of == ("Quuxle",) and verdict.just_named and verdict.scope == "partial", asked
    # Not when it asks something of the name besides (that is the closest sentences' to answer), nor of a name
    # they said of themselves.
    for asked in ("is a quuxle kiln good for getting hired", "i fire a quuxle at home. what about glazes?"):
        assert judge.evidence(asked, passages, guides).only_named == (), asked
    # Close enough, it is answered as any question is.
    assert ScopeRule().decide(Evidence(0.9, 0.9, 0.9, only_named=("Quuxle",))).scope == "answered"


def test_a_name_in_the_heading_a_close_sentence_stands_under_is_quoted() -> None:
    # "MLOps Tools: ..." under "Data Engineering and MLOps": the section is about the name, said or not.
    body = "You should be familiar with tools for containerization and automation to deploy models you build."
    chunks = [chunk("Teams like Databricks run Kubeflow pipelines for their customers every day.", n=1),
              chunk(body, n=2), chunk("Kubeflow is an open source project started by engineers.", n=3)]
    guides = CorpusProfile.build(chunks, frozenset({"tool", "deploy", "model", "kubeflow", "learn"}))
    assert guides.names["kubeflow"] == "Kubeflow"
    judge = Answerability(WordHashEmbedding())

    def under(section: str) -> list[Passage]:
        return [Passage(chunk_id="c2", text=body, title="T", section=section, publisher="P", url="", doc_id="d",
                        score=1.0, signals={"dense": 0.8})]

    question = "is kubeflow something i need to learn to deploy models"
    assert judge.evidence(question, under("Skills > Deployment"), guides).unquoted == ("Kubeflow",)
    assert judge.evidence(question, under("Skills > Deployment and Kubeflow"), guides).unquoted == ()


def test_the_initials_of_the_guides_subject_are_theirs(profile: CorpusProfile) -> None:
    assert profile.initials == {"mle": "machine learning engineer", "mles": "machine learning engineers"}  # titles
    judge = Answerability(WordHashEmbedding())
    assert "mle" not in dict(judge.evidence("what skills does an mle need", [PASSAGE], profile).unknown)
    assert "dse" in dict(judge.evidence("what skills does a dse need", [PASSAGE], profile).unknown)


def test_a_topic_names_places_and_quotes_the_persons_words(profile: CorpusProfile) -> None:
    # "My guides don't cover laptop." reads wrong; "... cover “laptop”." reads right whatever the word is.
    ev = Evidence(dense=0.3, heading=0.3, sentence=0.3, unknown=(("install", 0.3), ("the UK", 1.0), ("cuda", 0.5)),
                  places=("the UK",))
    assert ev.unknown_topic(0.16) == "the UK or “cuda” or “install”"
    judge = Answerability(WordHashEmbedding())
    said = judge.evidence("machine learning engineer salary in norway", [PASSAGE], profile)
    assert said.places == ("Norway",) and ScopeRule().decide(said).topic.startswith("Norway")
    # A place named only before a follow-up is its point only when the follow-up's answer differs by place.
    folded = "what about in norway? how long would it take me"
    assert judge.evidence(folded, [PASSAGE], profile, own="how long would it take me").places == ()
    assert "norway" not in dict(judge.evidence(folded, [PASSAGE], profile, own="how long would it take me").unknown)
    assert judge.evidence("ml engineer jobs in norway? and the pay", [PASSAGE], profile, own="and the pay").places \
        == ("Norway",)
    assert judge.evidence(folded, [PASSAGE], profile).places == ("Norway",)  # not a follow-up: as asked
    # A smaller city counts after a word of place; a person's name that is a city's too does not.
    assert places_asked_about("how much do ml engineers make in seattle") == ["seattle"]
    assert places_asked_about("my friend austin says ml is hard, is it") == []


def test_an_unknown_word_is_named_as_it_was_typed(profile: CorpusProfile) -> None:
    judge = Answerability(WordHashEmbedding())
    said = dict(judge.evidence("is Meta good for a data scientist, or is meta bad", [PASSAGE], profile).unknown)
    assert "Meta" in said and "meta" not in said  # its first spelling
    assert "quantaflow" in dict(judge.evidence("is quantaflow hiring data scientists", [PASSAGE], profile).unknown)


def test_initials_of_a_phrase_the_guides_use_often_are_a_word_they_know() -> None:
    from advisor.lexical import acronyms, tokenize

    texts = [f"Veterinary technicians {verb} animal science ({n} of them)." for n, verb in
             enumerate(["study", "need", "learn", "enjoy", "teach", "use"])]
    texts += ["Information technology keeps clinics running.", "Clinics hire information technology staff.",
              "Information technology fails.", "Information technology costs.", "Information technology grows."]
    found = acronyms(texts)
    assert "vt" in found and "as" not in found  # "as" (animal science) is an English word: never an acronym
    assert "it" not in found  # nor "it" (information technology)
    assert "ts" not in found  # "technicians study" is in one text only
    judge = Answerability(WordHashEmbedding())
    guides = CorpusProfile.build([chunk(t, n=i) for i, t in enumerate(texts)],
                                 frozenset(w for t in texts for w in tokenize(t)))
    asked = [w for w, _ in judge.evidence("how long is a vt course", [PASSAGE], guides).unknown]
    assert "vt" not in asked
    asked = [w for w, _ in judge.evidence("how long is a qx course", [PASSAGE], guides).unknown]
    assert "qx" in asked  # the initials of nothing the guides say


def test_the_part_that_asks_is_compared_with_the_sentences_on_its_own(profile: CorpusProfile) -> None:
    judge = Answerability(WordHashEmbedding())
    asked = "what median salary do machine learning engineers earn?"
    alone = judge.evidence(asked, [PASSAGE], profile).sentence
    told = ("glassblower for twenty years, two cats, a garden full of tomatoes and a van full of tools. "
            + asked)
    # What they say of themselves does not dilute the question: it is as close as asked on its own.
    assert judge.evidence(told, [PASSAGE], profile).sentence == pytest.approx(alone)
    assert judge.evidence(told.replace(". " + asked, " and a median salary."), [PASSAGE], profile).sentence < alone


def test_the_first_letters_of_the_words_the_guides_use_most_are_words_they_know() -> None:
    from advisor.lexical import clippings, tokenize

    texts = [f"Greenhouse gardeners {verb} seedlings with care." for verb in ("water", "feed", "move", "sort")]
    texts += ["Compost helps.", "Mulch matters.", "Sunlight varies.", "Frost kills."]
    found = clippings(texts)
    assert {"gre", "gree", "gard"} <= found.keys()  # greenhouse, gardener: in half the texts
    assert "seed" not in found and "see" not in found  # seedling's starts are English words of their own
    assert "com" not in found and "wat" not in found  # compost: one text in eight; water: too short to clip
    judge = Answerability(WordHashEmbedding())
    guides = CorpusProfile.build([chunk(t, n=i) for i, t in enumerate(texts)],
                                 frozenset(w for t in texts for w in tokenize(t)))
    assert "gard" not in [w for w, _ in judge.evidence("how do i become a gard", [PASSAGE], guides).unknown]
    assert "orch" in [w for w, _ in judge.evidence("how do i become an orch", [PASSAGE], guides).unknown]


@pytest.mark.parametrize(("question", "future"), [
    ("will there still be widget jobs in 10 years", True),
    ("what will widget engineers earn by 2035", True),
    ("is widget making safe five years from now", True),
    ("how much will demand grow over the next few years", False),  # what projections speak to
    ("i want to be a widget engineer in 2 years, where do i start", False),  # their plan, not a forecast
    ("how much do widget engineers make after 5 years", False),  # experience, not the future
    # A thirtieth probe: "do you think AI will replace ML engineers themselves in like 5 years" got the forecast.
    ("will robots replace widget engineers in like 5 years", True), ("any widget jobs in the next 10 years?", True),
    ("i want to be a widget engineer in like 2 years, where do i start", False),
    ("where can a widget job lead in like 10 years?", False),  # where a career goes: the ladder's
])
def test_a_forecast_for_given_years_ahead_is_told_apart(question: str, future: bool) -> None:
    from advisor.answerability import FUTURE_TOPIC, asks_about_future

    assert asks_about_future(question) is future
    ev = Evidence(dense=0.8, heading=0.7, sentence=0.8, future=asks_about_future(question))
    assert ScopeRule().decide(ev) == (Verdict("partial", FUTURE_TOPIC) if future else Verdict("answered"))


@pytest.mark.parametrize(("question", "age"), [
    ("am i too old to become a widget engineer at 42?", True),
    ("im 52 and work in logistics. too old for widgets?", True),
    ("does my age count against me", True),
    ("I'm 45, how do I become a widget engineer?", False),  # a fact about the person, not the question
    ("is it too late to get into widgets, everyone is already in it", False),  # the market, not age
    ("im 34 with two kids, is it too late to get into widgets", True),  # too late, said with their age (a probe)
    ("i have 10 years of experience, is it too late for widgets", False),
    # Who the question is about (a fourteenth probe: "will companies even hire a 42 year old junior tho" was answered
    # with the job outlook); said of themselves, an age is still no point.
    ("will companies even hire a 42 year old junior tho", True),
    ("can a 50 yo become a widget engineer", True),
    ("im a 45 year old woman, what skills do widget engineers need", False),
    ("as a 50 year old junior widget engineer how do i get promoted", False),
    # An age standing alone (a twenty-first probe: "...after 18 yrs as an ops manager. 45. is it too late to get into
    # machine learning" was answered with the manager rungs, age never said).
    ("laid off after 18 yrs as a welder. 45. is it too late to get into widgets", True),
    ("laid off after 18 yrs as a welder. is it too late to get into widgets", False),
    ("it cost me $45. is it too late to get into widgets", False),
])
def test_a_question_about_age_is_about_age_unless_the_guides_speak_of_it(question: str, age: bool,
                                                                         profile: CorpusProfile) -> None:
    from dataclasses import replace

    from advisor.answerability import AGE_TOPIC

    judge = Answerability(WordHashEmbedding())
    assert judge.evidence(question, [PASSAGE], profile).age is age
    speaking = replace(profile, vocabulary=profile.vocabulary | {"age"})  # guides that do speak of age
    assert judge.evidence(question, [PASSAGE], speaking).age is False
    close = Evidence(dense=0.8, heading=0.7, sentence=0.8, age=True)
    assert ScopeRule().decide(close) == Verdict("partial", AGE_TOPIC)
    assert ScopeRule().decide(replace(close, dense=0.1, heading=0.1, sentence=0.1)) == Verdict("declined", AGE_TOPIC)


def test_the_word_that_asks_about_age_is_no_unknown_word(profile: CorpusProfile) -> None:
    """A probe: "im 40, is that too old for ml" was declined as about “old”, a word the guides never use."""
    ev = Answerability(WordHashEmbedding()).evidence("im 40, is that too old for widgets", [PASSAGE], profile)
    assert ev.age and "old" not in {w for w, _ in ev.unknown} and "widgets" in {w for w, _ in ev.unknown}


def test_pay_weighed_against_another_is_answered_only_by_a_figure_naming_both(profile: CorpusProfile) -> None:
    """A probe: "do data scientists or ml engineers get paid more" was answered plainly with one side's figures."""
    from dataclasses import replace

    judge = Answerability(WordHashEmbedding())
    average = replace(PASSAGE, text="Machine learning engineers earn more than the national average of US$ 59,000.")
    for question in ("do machine learning engineers earn more than quuxers?",
                     "who gets paid more, quuxers or machine learning engineers?",
                     "how much do machine learning engineers earn compared to quuxers"):
        assert judge.evidence(question, [average], profile).uncompared, question
    assert not judge.evidence("do machine learning engineers earn more than the national average?", [average],
                              profile).uncompared  # that figure names the other side
    assert not judge.evidence("what do machine learning engineers earn?", [average], profile).uncompared


def test_a_choice_the_guides_only_list_side_by_side_is_partly_covered(profile: CorpusProfile) -> None:
    """A probe: "pytorch or tensorflow?" was answered plainly with the sentence listing both as essential."""
    from dataclasses import replace

    judge = Answerability(WordHashEmbedding())
    listed = replace(PASSAGE, text="Know frameworks like Quuxflow, Zorbtorch, and Blip well.")
    assert judge.evidence("should i learn quuxflow or zorbtorch?", [listed], profile).unranked
    ranked = replace(PASSAGE, text="Zorbtorch is easier than Quuxflow for beginners.")
    assert not judge.evidence("should i learn quuxflow or zorbtorch?", [ranked], profile).unranked
    assert not judge.evidence("what is quuxflow used for?", [listed], profile).unranked  # no choice asked
    assert not judge.evidence("quuxflow or zorbtorch?", [PASSAGE], profile).unranked  # neither is named
    # The choice put in words, each side in several (a twelfth probe: "is andrew ng's coursera ... worth it or is
    # fast.ai better" was answered with the sentence naming both platforms).
    worded = "is the jo blip quuxflow specialization worth it or is zorbtorch better"
    assert judge.evidence(worded, [listed], profile).unranked
    assert not judge.evidence(worded, [ranked], profile).unranked
    # ...or one set above the other (a thirty-fourth probe: "is andrew ng's coursera course better than fast.ai for
    # beginners" was answered with the sentence naming both platforms).
    than = "is the jo blip quuxflow course better than zorbtorch for beginners"
    assert judge.evidence(than, [listed], profile).unranked and not judge.evidence(than, [ranked], profile).unranked
    weighed = replace(PASSAGE, text="While Zorbtorch courses can also lead to jobs, a Quuxflow course is a key start.")
    assert not judge.evidence(than, [weighed], profile).unranked  # set against each other: weighed
    # ...or followed by which to pick (a fifteenth probe: "pytorch or tensorflow which one to learn" was answered).
    for tail in ("quuxflow or zorbtorch which one to learn", "should i learn quuxflow or zorbtorch first"):
        assert judge.evidence(tail, [listed], profile).unranked, tail
    assert not judge.evidence("quuxflow or zorbtorch for widget pipelines", [listed], profile).unranked
    # Whether either is needed is no choice between them ("do i need a masters or phd" was said not to be picked).
    assert not judge.evidence("do i need a quuxflow or zorbtorch", [listed], profile).unranked
    # ...while "do i need to learn X or Y" still asks which (a blind judge preferred the hedge).
    assert judge.evidence("do i need to learn quuxflow or zorbtorch", [listed], profile).unranked
    # Whether there are any in either is no choice (a twenty-eighth probe: "Are there ML jobs in defense or
    # government?" was told the guides don't say which to pick).
    for any_of in ("are there widget jobs in quuxflow or zorbtorch?", "ok any widget jobs at quuxflow or zorbtorch"):
        assert not judge.evidence(any_of, [listed], profile).unranked, any_of
    # ...or judged with where the person comes from after it (a twentieth probe: a software engineer's "pytorch or
    # tensorflow" was answered, the same question without a background hedged).
    assert judge.evidence(f"should i learn quuxflow or zorbtorch?{CAME_FROM}welder)", [listed], profile).unranked
    close = Evidence(dense=0.8, heading=0.7, sentence=0.8, unranked=True)
    assert ScopeRule().decide(close) == Verdict("partial", CHOICE_TOPIC)


def test_an_amount_asked_where_no_passage_gives_a_figure_is_partly_covered(profile: CorpusProfile) -> None:
    from dataclasses import replace

    from advisor.answerability import FIGURE_TOPIC

    judge = Answerability(WordHashEmbedding())
    words_only = replace(PASSAGE, text="Machine learning engineers build a portfolio of projects.")
    assert judge.evidence("how many projects should i have", [words_only], profile).unfigured
    counted = replace(PASSAGE, text="Most people build projects for 2 years before they apply.")
    assert not judge.evidence("how many projects should i have", [counted], profile).unfigured
    assert judge.evidence("how many projects should i have", [PASSAGE], profile).unfigured  # a salary's figure
    assert not judge.evidence("what projects should i have", [words_only], profile).unfigured  # no amount asked
    assert not judge.evidence("how much maths do i need", [words_only], profile).unfigured  # a level
    # Pay asked of no one named, after a thread on something else, is the pay of those the guides are about (a
    # probe: "ok last thing, how much do they make" after questions on a daughter's studies); a comparison is not.
    thread = "what should my daughter study in college is it a good job for women ok last thing, how much do they make"
    assert not judge.evidence(thread, [PASSAGE], profile, own="ok last thing, how much do they make").unfigured
    versus = "what does a quuxer do and a machine learning engineer which one pays more"
    words_pay = replace(PASSAGE, text="Widget engineers earn a median salary of US$ 150,000.")
    assert judge.evidence(versus, [words_pay], profile, own="which one pays more").unfigured
    # When the amount is ("at the start", "in their first year") names no thing it is the amount of (a probe).
    for when in ("what do machine learning engineers earn at the start", "whats the starting salary",
                 "how much do machine learning engineers make in their first year",
                 "whats the salary like for machine learning engineers"):  # "what is it like": no thing either
        assert not judge.evidence(when, [PASSAGE], profile).unfigured, when
    # The first rung said another way, and pay said another way, are still what a table of pay gives (a twenty-first
    # probe: "what's a junior ... salary" and "how much $$ do ml engineers pull in" were told there was no figure).
    rows = replace(PASSAGE, text="What they earn:\n  - Entry-Level: US$ 90,000\n  - Senior: US$ 150,000")
    for other in ("what's a junior machine learning engineer's salary",
                  "how much $$ do machine learning engineers pull in", "whats the ctc for machine learning engineers"):
        assert not judge.evidence(other, [rows], profile).unfigured, other
    assert judge.evidence("what's a principal machine learning engineer's salary", [rows], profile).unfigured
    # What they said before the question is no thing the amount is of (a thirty-third probe: "you just repeated
    # yourself. fine. what do MLEs get paid, like starting out" was told there was no figure for it).
    # Money said as money is pay (a thirty-third probe: "how much money do machine learning engineers make" was told
    # there was no figure for it; the guides never write "money").
    for money in ("how much money do machine learning engineers make", "how many bucks do machine learning engineers "
                  "make", "how much cash do machine learning engineers get"):
        assert not judge.evidence(money, [rows], profile).unfigured, money
    for told in ("you just reworded the glazes. fine. what do machine learning engineers get paid, like starting out",
                 "you keep quoting kilns. how much do machine learning engineers make?"):
        assert not judge.evidence(told, [rows], profile).unfigured, told
    # A follow-up that asks anew asks for an amount only if it does itself, whatever the thread asked before.
    fold = "how many projects should i have is that worth it"
    assert not judge.evidence(fold, [words_only], profile, own="is that worth it").unfigured
    assert judge.evidence(fold, [words_only], profile).unfigured
    # A follow-up's figures must be about its thread: a degree's length is no answer to how long bootcamps take.
    from advisor.answerability import _figures_elsewhere

    degree = ["A degree in computer science takes four years.", "Machine learning engineers build models."]
    fold = "can i become a machine learning engineer through a bootcamp how long are they usually"
    assert _figures_elsewhere(fold, "how long are they usually", degree, profile)
    assert not _figures_elsewhere("do i need a computer science degree how long does it take",
                                  "how long does it take", degree, profile)  # the degree is the thread's
    assert not _figures_elsewhere(fold, fold, degree, profile)  # not a follow-up: judged as before
    # A question's figures must be of the thing it asks the amount of: how long a degree takes is no answer to how
    # long it takes to become one (read under each sentence's own heading, not the path above it).
    lengths = replace(PASSAGE, text="Getting a degree in computer science takes four years.",
                      section="How to Become One > How Long Does a Degree Take?")
    assert judge.evidence("how long does it usually take to become a data scientist", [lengths], profile).unfigured
    assert not judge.evidence("how long does a computer science degree take", [lengths], profile).unfigured
    assert not judge.evidence("what do machine learning engineers earn on average", [PASSAGE], profile).unfigured
    assert not judge.evidence("how much does a machine learning engineer get paid", [PASSAGE], profile).unfigured
    # Nor do "avg" and the frame of a request (a probe: both were hedged "no figure for exactly this").
    # ...nor a word that only says a rough figure will do (a probe: "like ballpark salary" was hedged too).
    for asked in ("whats the avg salary for a machine learning engineer", "tell me about machine learning engineer "
                  "salaries", "can you explain how much machine learning engineers make",
                  "how much do machine learning engineers make, ballpark"):
        assert not judge.evidence(asked, [PASSAGE], profile).unfigured, asked
    # Where is judged on its own: "round here" and a place named are no thing the amount is of.
    assert not judge.evidence("what do machine learning engineers earn round here", [PASSAGE], profile).unfigured
    assert not judge.evidence("what do machine learning engineers earn in canada", [PASSAGE], profile).unfigured
    close = Evidence(dense=0.8, heading=0.7, sentence=0.8, unfigured=True)
    assert ScopeRule().decide(close) == Verdict("partial", FIGURE_TOPIC)
    assert ScopeRule().decide(replace(close, dense=0.1, heading=0.1, sentence=0.1)).scope == "declined"


def test_the_action_a_how_to_question_asks_about_is_its_point(profile: CorpusProfile) -> None:
    judge = Answerability(WordHashEmbedding())

    def weight(question: str, word: str) -> float:
        return dict(judge.evidence(question, [PASSAGE], profile).unknown).get(word, 0.0)

    # "haggle" is never in the guides: how to do it is what is asked, however little it moves the embedding.
    assert weight("how do i haggle my salary as a machine learning engineer", "haggle") == 1.0
    assert weight("how to haggle salary", "haggle") == 1.0
    assert weight("what is haggle salary for machine learning engineers", "haggle") < 1.0  # not the action asked
    assert weight("how do i hop over to machine learning", "hop") < 1.0  # moving somewhere: where to is the point


def test_a_compound_job_title_is_a_job() -> None:
    assert roles_in(words("im a biostatistician")) == [(2, ("biostatistician",))]
    assert roles_in(words("the neuroscientists")) == [(1, ("neuroscientist",))]
    assert roles_in(words("a quick engineering fix")) == []  # a word that only starts like one is not


def test_a_comparison_on_a_measure_the_close_sentences_never_speak_of_is_partial(profile: CorpusProfile) -> None:
    from advisor.answerability import _uncompared

    judge = Answerability(WordHashEmbedding())

    def told(text: str) -> Passage:
        return Passage(chunk_id="w", text=text, title="T", section="Welders and plumbers", publisher="P", url="",
                       doc_id="d", score=1.0)

    question = "is welding harder than plumbing"
    alike = told("Welding and plumbing are both trades learned through apprenticeships.")
    ev = judge.evidence(question, [alike], profile)
    assert ev.uncompared and judge.rule.decide(replace(ev, sentence=0.9, unknown=())).scope == "partial"
    for says in ("Welding is harder than plumbing for most apprentices.",
                 "Welding is hard on the eyes; plumbing less so."):
        ev = judge.evidence(question, [told(says)], profile)
        assert not ev.uncompared and judge.rule.decide(replace(ev, sentence=0.9, unknown=())).scope == "answered"
    assert _uncompared("is welding easier than plumbing", ["Welding and plumbing are trades."])
    assert not _uncompared("is welding easier than plumbing", ["Welding is easy to start."])  # the measure
    assert not _uncompared("do welders earn more money than plumbers", ["Welders earn far more than plumbers."])
    assert not _uncompared("is a degree better than a bootcamp", [])  # "better": a judgement, not a measure
    assert not _uncompared("what do welders make rather than plumbers", [])  # "rather than" compares nothing
    assert not _uncompared("does a senior engineer earn more than a junior", [])  # "engineer" is no "engine-er"
    # A ninth probe: "what do entry level ml engineers make vs senior ones" was hedged though the guides' pay table
    # has both rows; a row names its side far from the question's words, so every sentence read is searched for it.
    heard = ["Here are the average welder pay figures:"]
    rows = ["Entry-Level: US$ 40,000", "Senior: US$ 70,000"]
    assert _uncompared("what do entry level welders make vs senior ones", heard)
    assert not _uncompared("what do entry level welders make vs senior ones", heard, every=rows)
    # ...a sum of money only: "data" of "365 Data Science ... grow by 40%" is no row on data scientists' pay.
    assert _uncompared("do welders earn more than data scientists", heard,
                       every=["According to 365 Data Science, demand grows by 40% by 2027."])
    # ...and asked as a choice, without "than".
    assert _uncompared("which pays more, welding or plumbing", ["Welders earn US$ 50,000 on average."])
    assert _uncompared("welding or plumbing, which one is harder?", ["Welding and plumbing are trades."])
    assert not _uncompared("which one is harder?", ["Welding is hard on the eyes."])  # the measure is spoken of
    assert not _uncompared("which welder roles exist", [])  # "welder" is no "weld-er"
    assert not _uncompared("which is better, welding or plumbing", [])  # a judgement
    assert _uncompared("do welders work longer hours than plumbers", ["Welders work shifts."])
    # ...and with the measure left to the thread: "is that more than plumbers?" after a question on pay.
    assert _uncompared("what do welders earn is that more than plumbers?", ["Welders earn US$ 50,000 on average."])
    assert not _uncompared("is that more than plumbers?", ["Welders earn far more than plumbers."])
    assert not _uncompared("do i need more than a welding course?", [])  # no comparison of two


def test_else_is_no_topic(profile: CorpusProfile) -> None:
    # An outsider's probe: "what else can I do as a parent?" got "My guides don't say anything about “else”".
    judge = Answerability(WordHashEmbedding())
    assert "else" not in {w for w, _ in judge.evidence("what else do data scientists do", [PASSAGE], profile).unknown}


def test_a_word_of_the_guides_typed_a_letter_off_is_judged_as_theirs() -> None:
    """A twenty-third probe: "what programing languages do ml enginers use??" was hedged; spelled right, answered."""
    text = "Potters glaze their pots in a kiln before firing them."
    potters = CorpusProfile.build([chunk(text, title="Pottery Career Guide", n=1)], frozenset(tokenize(text)))
    passage = replace(PASSAGE, text=text, signals={"dense": 0.3, "heading": 0.2})
    judge = Answerability(WordHashEmbedding())
    typo = judge.evidence("do pottters glaze thier pots bfore fiering?", [passage], potters)
    right = judge.evidence("do potters glaze their pots before firing?", [passage], potters)
    assert typo.sentence == pytest.approx(right.sentence) and right.sentence > 0


def test_an_everyday_word_searched_as_the_guides_words_is_no_unknown_topic() -> None:
    """A twenty-fifth probe: "what are the downsides of the job" was declined on “downsides” while the search (which
    reads it as "worst aspects") found the guide's list of them."""
    judge = Answerability(WordHashEmbedding())
    text = "The worst aspects of pottery are hot kilns and long firing days."
    potters = CorpusProfile.build([chunk(text, title="How to Become a Potter", n=1)], frozenset(tokenize(text)))
    passage = Passage(chunk_id="k1", text=text, title="How to Become a Potter", section="Worst Aspects",
                      publisher="Kilns", url="", doc_id="k", score=1.0)
    unknown = [w for w, _ in judge.evidence("what are the downsides of pottery", [passage], potters).unknown]
    assert "downsides" not in unknown
    # ...only when the guides use those words: a word with no expansion is still unknown.
    assert "glazebots" in [w for w, _ in judge.evidence("what are the glazebots of pottery", [passage],
                                                         potters).unknown]
    bare = CorpusProfile.build([chunk("Pottery takes kilns.", n=1)], frozenset(tokenize("Pottery takes kilns.")))
    assert "downsides" in [w for w, _ in judge.evidence("what are the downsides of pottery", [passage], bare).unknown]
    # ...nor a job's short form the guides spell out ("what does a potter do that a normal SWE doesnt").
    spelled = "Potters and software engineers both ship work."
    both = CorpusProfile.build([chunk(spelled, n=1)], frozenset(tokenize(spelled)))
    said = [w for w, _ in judge.evidence("what does a potter do that a normal SWE doesnt", [passage], both).unknown]
    assert "SWE" not in said and "swe" not in said
    assert "SWE" in [w for w, _ in judge.evidence("what does a potter do that a normal SWE doesnt", [passage],
                                                   bare).unknown]


def test_an_amount_asked_with_the_guides_words_misspelt_is_theirs() -> None:
    """A twenty-sixth probe: "how much do machine lerning enginers make" was hedged as given no figure; spelled right,
    it was answered."""
    text = "Welding engineers earn a median salary of US$ 90,000."
    welders = CorpusProfile.build([chunk(text, title="How to Become a Welding Engineer", n=1)],
                                  frozenset(tokenize(text)))
    paid = Passage(chunk_id="w1", text=text, title="How to Become a Welding Engineer", section="Salary",
                   publisher="Weld", url="", doc_id="w", score=1.0)
    judge = Answerability(WordHashEmbedding())
    assert not judge.evidence("how much do welding engineers make", [paid], welders).unfigured
    assert not judge.evidence("how much do weldng enginers make", [paid], welders).unfigured
