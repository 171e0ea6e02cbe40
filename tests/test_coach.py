"""Profile-aware advice, one question back, and plans from the guides' step-by-step sections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from langchain_core.embeddings import Embeddings

from advisor import build_advisor
from advisor.cli import main
from advisor.coach import (
    CLARIFY_BACKGROUND,
    CLARIFY_EDUCATION,
    CLARIFY_MEANS,
    CLARIFY_PLACE,
    GENERAL_LEAD,
    NOT_SAID,
    about_own_route,
    answers_question_back,
    clarify_question,
    facet_first,
    framing,
    not_said_before,
    replied_education,
    spoken_facets,
    stated_profile,
    term_text,
)
from advisor.config import Settings
from advisor.core import Advisor
from advisor.errors import InvalidQuestionError
from advisor.extractive import SAID_BEFORE
from advisor.plan import build_plan, guide_steps, has_degree, wants_plan
from advisor.schema import ASKED_BACK_LABEL, Chunk, Turn, UserProfile
from advisor.serve.app import create_app

GUIDE = """---
title: Becoming a Widget Engineer
publisher: Example Press
---

# Becoming a Widget Engineer

## Steps to become a widget engineer

### Step 1: Get a degree

A bachelor's degree in engineering is the usual starting point for widget work.

### Step 2: Learn the tools

You should learn these tools before anything else:

- lathes
- calipers

### Step 3: Build a portfolio

Build three widgets of your own and photograph each of them carefully.

### Step 4: Apply for jobs

Apply to widget shops once your portfolio shows real widgets.

## Pay

Widget engineers earn a fair wage (about $50,000 a year), and former carpenters move into the work easily.

## Other backgrounds

Someone from a different background can still become a widget engineer if they are willing to learn.
"""


@pytest.fixture
def adv(tmp_path: Path, make_settings: Callable[..., Settings]) -> Advisor:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "widgets.md").write_text(GUIDE, "utf-8")
    a = build_advisor(make_settings())
    a.ingest()
    return a


def chunks(adv: Advisor) -> list[Chunk]:
    return adv.retriever.corpus()[1]


def test_steps_come_from_the_guide_structure_in_order(adv: Advisor) -> None:
    (steps,) = guide_steps(chunks(adv)).values()
    assert [s.title for s in steps] == ["Get a degree", "Learn the tools", "Build a portfolio", "Apply for jobs"]
    assert steps[1].text.endswith("lathes, calipers.")  # a sentence that opens a list takes the list with it
    assert [s.position for s in steps] == sorted(s.position for s in steps)


def test_a_step_is_said_by_a_sentence_that_stands_on_its_own() -> None:
    from advisor.plan import step_sentence
    from advisor.schema import Chunk

    def step(text: str) -> str:
        return step_sentence([Chunk(chunk_id="c", doc_id="d", text=text, title="T", section="Steps > S",
                                      publisher="P", url="", start=0, end=len(text))])

    # "listed above" points at a part of one guide that a plan built from several does not have.
    assert step("Practise with the lathes and calipers listed above. Night classes at a college teach them well.") \
        == "Night classes at a college teach them well."
    assert step("This is the most important step of all. Keep a logbook of every widget you build.") \
        == "Keep a logbook of every widget you build."
    # A sentence right before a list introduces it, with or without a colon.
    assert step("Here are the skills you should lock down.\n\n- Welding\n- Filing, sanding, and polishing") \
        == "Here are the skills you should lock down: Welding; Filing, sanding, and polishing."


def test_plan_skips_the_degree_step_for_someone_with_a_degree(adv: Advisor) -> None:
    without = adv.plan(UserProfile())
    with_degree = adv.plan(UserProfile(education="BSc in physics"))
    assert without.steps[0].title == "Get a degree"
    assert "Get a degree" not in [s.title for s in with_degree.steps]
    assert [s.title for s in with_degree.skipped] == ["Get a degree"]
    assert "BSc in physics" in with_degree.skipped[0].skipped
    md = with_degree.to_markdown()
    assert md.startswith("# Your plan") and "1. **Learn the tools**" in md and "## Sources" in md
    for step in with_degree.steps:  # every step cites the passage its sentence comes from
        (passage,) = step.passages
        assert step.text.split(":")[0] in passage.text
        assert with_degree.marker(step) in md


def test_steps_of_two_guides_merge_when_they_say_the_same_thing(adv: Advisor) -> None:
    twin = [Chunk(c.chunk_id + "x", "other", c.text, "Other guide", c.section, "Other", "", c.start, c.end)
            for c in chunks(adv)]
    merged = build_plan([*chunks(adv), *twin], adv.embeddings, UserProfile(), "widget engineer")
    assert len(merged.steps) == 4  # identical steps from two guides are one step citing both
    assert all(len(s.passages) == 2 for s in merged.steps)
    apart = build_plan([*chunks(adv), *twin], adv.embeddings, UserProfile(), "widget engineer", same=1.01)
    assert len(apart.steps) == 8


def test_a_shorter_guide_s_last_step_comes_before_a_longer_guide_s_last(adv: Advisor) -> None:
    # Two steps each guide lists last are not both at the end: the shorter guide's last covers a longer stretch
    # of the way, so its middle comes sooner. Preparing for interviews comes before applying.
    shop = [Chunk(f"shop{i}", "zz-shop", text, "Widget shop guide", f"How to become a widget engineer > {head}",
                  "Shop", "", i * 100, i * 100 + len(text))
            for i, (head, text) in enumerate([
                ("Study the trade", "Night classes on metalwork give you the grounding every shop expects."),
                ("Join a guild", "The widget guild runs monthly evenings where members swap spare parts."),
                ("Practise for interviews", "Shops ask you to turn a spindle on a lathe while two foremen watch."),
            ])]
    plan = build_plan([*chunks(adv), *shop], adv.embeddings, UserProfile(), "widget engineer")
    titles = [s.title for s in plan.steps]
    assert titles.index("Practise for interviews") < titles.index("Apply for jobs")


# Hand-set vectors by a step's title, so which steps are alike is decided here, not by a model.
STEP_VECTORS = {"Earn a certificate": [1.0, 0.0, 0.0], "Gain work experience": [0.6, 0.8, 0.0],
                "Gain practical experience": [0.75, 0.66, 0.0], "Apply": [0.0, 0.0, 1.0], "Learn": [0.0, 0.1, 1.0]}


class StepVectors(Embeddings):
    """STEP_VECTORS for each text, by what comes before its first full stop (the title)."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [STEP_VECTORS[t.split(".")[0]] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def test_a_step_joins_the_step_of_another_guide_it_is_most_like() -> None:
    from advisor.plan import PlanStep, merge_steps

    def step(title: str, doc: str, position: float) -> PlanStep:
        c = Chunk(f"{doc}{title}", doc, f"{title}.", "T", f"Steps > {title}", "P", "", 0, 9)
        return PlanStep(title, f"{title}.", (c.to_passage(),), position)

    # "Gain practical experience" is close to both of the other guide's steps (cosine 0.75 and 0.98), and comes
    # after the certificate: it goes with work experience, the one it is most like.
    merged = merge_steps({"a": [step("Learn", "a", 0.1), step("Earn a certificate", "a", 0.5),
                                step("Gain work experience", "a", 0.9)],
                          "b": [step("Apply", "b", 0.25), step("Gain practical experience", "b", 0.75)]},
                         StepVectors(), same=0.6)
    assert [(s.title, len(s.passages)) for s in merged] == [
        ("Learn", 2), ("Earn a certificate", 1), ("Gain practical experience", 2)]
    # Where the first guide to list it puts it: "Learn" (0.1) merged with "Apply" (0.25) stays first.
    assert [s.position for s in merged] == [0.1, 0.5, 0.75]


def test_has_degree_reads_what_people_write() -> None:
    assert has_degree(UserProfile(education="BSc computer science"))
    assert has_degree(UserProfile(education="masters in stats"))
    assert not has_degree(UserProfile(education="no degree"))
    assert not has_degree(UserProfile(education="dropped out of uni, no degree"))
    assert not has_degree(UserProfile(education="high school diploma"))


def test_plan_requests_in_peoples_words() -> None:
    from advisor.serve.ui import PLAN_PROMPT

    assert wants_plan(PLAN_PROMPT)  # the UI's plan button asks in words the chat recognises
    for q in ("can u make me a roadmap pls", "what are the steps", "step by step pls", "where do i even start",
              "give me a plan to become an ml engineer", "explain step by step how to become a widget engineer",
              "how do i learn widget making step by step", "how can i get into widgets, step by step?",
              "ok what would you recommend i do first", "what do you suggest i do first", "what should i do next?",
              "so what should i do next", "whats my next step", "what should my plan look like for the next 6 months",
              # a fifteenth probe's "plan my next 6 months..." got the languages to learn
              "plan my next 6 months to become a widget engineer. i know basic python",
              "can you help me plan out my year",
              # a sixteenth probe: "how do i become an ml engineer" got four loose sentences, not the steps
              "how do i become a widget engineer", "im a baker, how do i become a widget engineer",
              "so how can i break into widget making?", "what steps would i take to become a widget engineer",
              # the same with who they are said first, without a comma, or "how to" (a persona's wording must not
              # decide whether the plan is given)
              "as a baker from peru how do i become a widget engineer", "im 40, how to become widget engineer",
              "how would someone become a widget engineer", "how could one go about becoming a widget engineer",
              "can you make me a weekly study schedule", "write me a timetable to learn widget making",
              # a thirty-fifth probe's "ok say i go for it anyway. first step?" got the portfolio step
              "ok say i go for it anyway. first step?", "first steps?", "so whats the first step then"):
        assert wants_plan(q), q
    for q in ("what does an ml engineer do", "is python enough", "what is the action of a model",
              "explain gradient descent step by step", "walk me through how a lathe works, step by step",
              # a task done to a thing is no career route
              "how do i calibrate a lathe step by step", "how to wire the motor, step by step",
              "what comes next after senior?", "what is the next step after a senior widget engineer",
              "i plan my days around my shifts, is widget making hard", "what do you plan to do",
              "i wonder if widget making is how i become happy",
              "how do i get into stanford's phd program for widgets",  # a school, not a route into the field
              "do i need a flexible schedule to study widgets", "what is the daily schedule of a widget engineer",
              "what is the first step of the kiln exam?", "the first step, how long does it take?"):
        assert not wants_plan(q), q


def test_a_plan_goes_where_they_want_to_go_not_where_they_are() -> None:
    from advisor.plan import plan_destination

    assert plan_destination("i want to work in robotics, give me a plan") == "robotics"
    assert plan_destination("make me a roadmap to become a welder") == "welder"
    # ...ending where what they say of the route begins ("with zero experience", "while working full time")
    assert plan_destination("give me a plan to become a welder with zero experience") == "welder"
    assert plan_destination("how do i become a potter while working full time") == "potter"
    for q in ("i work in retail and have no degree, give me a plan", "my job as a cook is killing me, give me a plan",
              "i currently work as a nurse. what are my next steps"):
        assert plan_destination(q) == "", q


def test_no_plan_in_for_a_rung_up_the_ladder(tmp_path: Path, make_settings: Callable[..., Settings]) -> None:
    # The guides' steps lead in from nothing; a senior or lead role is reached by working ("how do i become a senior
    # ml engineer" got the steps from a degree on). Guides that speak of those rungs answer it instead.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    ladder = "\n## Moving up\n\nA senior widget engineer leads a team of widget engineers and mentors the juniors.\n"
    (corpus / "widgets.md").write_text(GUIDE + ladder, "utf-8")
    adv = build_advisor(make_settings())
    adv.ingest()
    assert adv.ask("how do i become a widget engineer").plan is not None
    for q in ("how do i become a senior widget engineer", "what steps should i take to become a senior widget engineer",
              "how to become a lead widget engineer"):
        assert adv.ask(q).plan is None, q


def test_stated_profile_from_a_chat_message() -> None:
    p = stated_profile(["I'm a teacher with some Python, want to move into data engineering."])
    assert p.current == "teacher" and p.target == "data engineering"
    assert stated_profile(["i already have a bsc in stats and 2 yrs as an analyst"]).education.startswith("bsc")
    assert stated_profile(["retail manager, no degree, 31"]).education == "no degree"
    # A degree followed by an aside (a fourteenth probe: a physics PhD was asked later whether they had a degree).
    assert stated_profile(["i have a phd in glazing (kilns, mostly). how do i pivot"]).education == "phd in glazing"
    # ...or by the year it was had (a thirty-fourth probe: "i have a bachelors in accounting from 1985 haha" was asked
    # whether they had a degree)
    assert stated_profile(["do i need college? i have a bachelors in glazing from 1985 haha"]).education \
        == "bachelors in glazing"
    assert stated_profile(["i got my masters in kilns back in '09"]).education == "masters in kilns"
    # "can you ... without a degree?" asks in general: nothing is said of the person.
    assert stated_profile(["can you become a widget engineer without a degree?"]).education == ""
    assert stated_profile(["can i become a widget engineer without a degree?"]).education == "no degree"
    assert stated_profile(["what does an ml engineer do"]) == UserProfile()
    assert stated_profile(["im a stay at home dad with a maths degree"]).current == "stay at home dad"
    assert stated_profile(["I'm a nurse at a big hospital"]).current == "nurse"
    # Where they teach or work is not where they study (a thirty-second probe's teacher was answered "For your
    # background (high school)").
    assert stated_profile(["I've taught pottery at a public high school for eleven years"]).current != "high school"
    assert stated_profile(["i work at a high school cafeteria"]).current != "high school"
    assert stated_profile(["im in high school, i love kilns"]).current == "high school"
    # Where they live (a probe: "im from brazil ..." then "how much would i make" was asked for the country).
    assert stated_profile(["i live in brazil"]).country == "brazil"
    assert stated_profile(["im based in lagos, what do widget engineers earn"]).country == "lagos"
    assert stated_profile(["im from brazil and i earn 2000 usd a month as a software dev"]).country == "brazil"
    assert stated_profile(["im from brazil, how much do widget engineers make"]).country == ""  # origin, in a question
    assert stated_profile(["im in my first year of college"]).country == ""
    # A probe: "hi im 34 and work as an accountant" was then asked "Tell me what you do now".
    assert stated_profile(["hi im 34 and work as an accountant, thinking about widgets"]).current == "accountant"
    assert stated_profile(["my wife works as a nurse"]).current == ""  # someone else's job
    # An eighth probe: "im 34, work as an accountant in the uk" then "what could i earn" got US figures unframed.
    assert stated_profile(["hi, im 34, work as an accountant in the uk, thinking about widgets"]).country == "uk"
    assert stated_profile(["nurse in lagos, 5 yrs"]).country == "lagos"
    assert stated_profile(["im a potter in my 40s"]).country == ""  # no place
    assert stated_profile(["im a potter, what do widget engineers earn in canada?"]).country == ""  # asked about
    # Someone hiring for the role: their job is not where the answer starts (a twenty-seventh probe's engineering
    # manager got "For your background (engineering manager), the guides say: Director of ...").
    hiring = "I live in lagos. I'm an engineering manager and I've been asked to hire our first widget engineer"
    assert stated_profile([hiring]) == UserProfile(country="lagos")
    assert stated_profile(["im a kiln manager, we're hiring a widget engineer"]).current == ""
    assert stated_profile(["im a kiln manager, hiring managers ignore me"]).current == "kiln manager"
    # What is said of someone else is not theirs (a twenty-ninth probe: "my son is 19 and dropped out of community
    # college, ..." made the mother's answers "With your education (no degree) in mind").
    assert stated_profile(["my son is 19 and dropped out of kiln college, is that a real job?"]).education == ""
    assert stated_profile(["he dropped out. can he still be a widget engineer?"]).education == ""
    assert stated_profile(["i dropped out of kiln college, my son says it's fine"]).education == "no degree"
    from advisor.coach import about_another

    assert about_another("can he actually get hired without finishing college though")
    assert about_another("my daughter likes kilns. what should she study?")
    assert not about_another("he says widgets pay well. how much would i make?")  # asked of themselves


def test_one_question_back_only_when_the_path_depends_on_unknown_education() -> None:
    q = "should i do a masters or a bootcamp"
    assert clarify_question(q, UserProfile(), []) == CLARIFY_EDUCATION
    assert clarify_question(q, UserProfile(education="BSc computer science"), []) == ""
    assert clarify_question("what does an ml engineer do", UserProfile(), []) == ""
    asked: list[Turn] = [{"role": "user", "content": q}, {"role": "assistant", "content": "... " + CLARIFY_EDUCATION}]
    assert clarify_question(q, UserProfile(), asked) == ""  # at most once in a conversation
    # Not of someone hiring ("I'm hiring our first ML engineer, should I require a PhD?" was asked for their degree).
    assert clarify_question("I'm hiring our first widget engineer, should I require a PhD?", UserProfile(), []) == ""
    assert clarify_question("I'm a widget engineer, should I do a PhD?", UserProfile(), []) == CLARIFY_EDUCATION
    # Nor of someone speaking of their own degree ("for my masters thesis should i use pytorch or jax").
    assert clarify_question("for my masters thesis should i do a kiln project or a bootcamp", UserProfile(), []) == ""
    assert clarify_question("should i do a masters or a bootcamp", UserProfile(), []) == CLARIFY_EDUCATION


@pytest.mark.parametrize(("question", "profile", "asked"), [
    ("roughly how many months would it take me, starting now", {}, ""),  # no first-person route phrase
    ("how long will it take me to get hired", {}, CLARIFY_BACKGROUND),
    ("how long will it take me to get hired", {"experience": "2 years of java"}, ""),
    ("i'm a paramedic, how long will it take me to get hired", {}, ""),  # said in the question itself
    ("how long will it take me to get hired if i start from zero", {}, ""),  # where they start, said
    ("total beginner, never coded. where should i begin", {}, ""),
    ("where should i begin", {}, CLARIFY_BACKGROUND),
    ("could i study for it on the side", {}, CLARIFY_MEANS),
    ("could i study for it on the side", {"constraints": "4 hours a week, no budget"}, ""),
    ("is a phd worth it for me", {}, CLARIFY_MEANS),  # the cost is the point before the degree
    ("should i get a degree first", {}, CLARIFY_EDUCATION),
    ("what do widget engineers earn on average", {}, ""),  # about the job, not the person
    ("how much would i earn in this job", {}, CLARIFY_PLACE),
    ("how much would i earn in this job", {"country": "Chile"}, ""),
    ("how much would i earn in this job in norway", {}, ""),  # the place is in the question
    ("could i make 90k as a widget engineer", {}, CLARIFY_PLACE),
    # Making a thing earns nothing (a twenty-sixth probe's "could i make a project about games?" was asked its country).
    ("could i make a project about kilns?", {}, ""),
    ("what do widget engineers do all day", {}, ""),
    ("as a welder, how do i get into widget engineering", {}, ""),  # where they start is said
    ("how do i get into widget engineering", {}, CLARIFY_BACKGROUND),
    ("php dev here, how do i get into widget engineering", {}, ""),  # "... here": where they start, said
    ("im switching from carpentry to widget engineering, what should i learn first", {}, ""),  # the field they leave
    ("what should i learn first to switch to widget engineering working from home", {}, CLARIFY_BACKGROUND),
    ("anyone here know how do i get into widget engineering", {}, CLARIFY_BACKGROUND),
    ("should i get another degree for widget work", {}, ""),  # "another": they have one
    # A thirty-third probe: "do I need a new degree, I have a Diplom-Ingenieur" was asked whether they had one.
    ("and do I need a new degree, I have a Kilnmeister", {}, ""), ("do I need a different degree for widgets", {}, ""),
    # Only the sentence that asks is looked at: what is stated beside it is told, not asked about.
    ("I can only study on weekends. what do widget engineers do all day?", {}, ""),
    # ...but time or money they state is never asked for again ("if i only study evenings" was asked how much time).
    ("I can only study on weekends. could i study for it on the side?", {}, ""),
    ("how long would that take me realistically if i only study evenings", {}, ""),
    ("and if i can't afford a degree at all? is it worth it for me", {}, ""),
    ("could i do it part-time, like 10 hours a week", {}, ""),
    # Where they are in school says whether they hold a degree.
    ("high school junior here, should i get a degree or do a bootcamp", {}, ""),
    ("cs sophomore, should i get a masters", {}, ""),
    ("im free evenings and weekends lol. should i get a degree first", {}, CLARIFY_EDUCATION),
    # ...and in one sentence, the clause from its question word on: a degree said before it is not asked about.
    ("I'm a widget PhD student, what should I put in my portfolio?", {}, ""),
    ("self-taught in a small town, what should i put in my widget portfolio", {}, ""),
    ("ok, so should i get a degree first", {}, CLARIFY_EDUCATION),
    # A twenty-fourth probe: a sixteen-year-old was asked whether they hold a degree, and someone "finishing a PhD in
    # computational physics" where they start from.
    ("im 16. should i get a degree first", {}, ""), ("im 19. should i get a degree first", {}, CLARIFY_EDUCATION),
    ("finishing a PhD in welding physics. how do i get into widget engineering", {}, ""),
    # A thirtieth probe: "im a senior in hs" was then asked whether they had a university degree.
    ("so im a senior in hs and i have to pick a major. do i need a masters after", {}, ""),
    ("i was a senior analyst at hsbc. do i need a masters", {}, CLARIFY_EDUCATION),
    # A thirty-fifth probe: "I'm in 5th semester Informatik at TU Munich. ... Should I aim for ML engineer or do
    # research (PhD)?" was asked whether they had a degree.
    ("I'm in 5th semester Glaswerk at TU Oslo. Should I aim for widget engineer or do a PhD?", {}, ""),
    ("in my final term of kiln school, should i aim for widget engineer or do a PhD?", {}, ""),
    ("we had 5 terms of rain. should i aim for widget engineer or do a PhD?", {}, CLARIFY_EDUCATION),
])
def test_one_question_back_asks_for_what_the_answer_turns_on(question: str, profile: dict[str, str],
                                                             asked: str) -> None:
    assert clarify_question(question, UserProfile(**profile), []) == asked


def test_an_answered_question_opens_with_its_question_back(adv: Advisor) -> None:
    a = adv.ask("do i need a degree to become a widget engineer?")
    assert a.scope == "answered" and a.clarify == CLARIFY_EDUCATION
    assert a.text.startswith(f"_{CLARIFY_EDUCATION}_\n\n") and "degree" in a.text.split("\n\n", 1)[1]
    assert "Next, you could ask" not in a.text  # one question at a time
    streamed = "".join(p for p in adv.stream("do i need a degree to become a widget engineer?") if isinstance(p, str))
    assert streamed.startswith(f"_{CLARIFY_EDUCATION}_")


def test_a_reply_to_a_question_back_is_read_with_the_question_it_answers() -> None:
    # "I'm a lawyer, 6 years in corporate law" after "Could you tell me more about the job you mean?" was declined
    # on its own ("My guides don't cover that.").
    asked: list[Turn] = [{"role": "user", "content": "will it take my job"},
                         {"role": "assistant", "content": "Could you tell me more about the job you mean? Paste it."}]
    asks = ("Could you tell me more about the job you mean?",)
    assert answers_question_back("I'm a lawyer, 6 years in corporate law", asked, asks) == (
        "will it take my job I'm a lawyer, 6 years in corporate law", [])
    assert answers_question_back("what do widget engineers earn?", asked, asks) is None  # asks anew
    assert answers_question_back("how about widget engineers", asked, asks) is None  # a question word: asks anew
    told: list[Turn] = [asked[0], {"role": "assistant", "content": "Widget engineers build widgets. [1]"}]
    assert answers_question_back("I'm a lawyer", told, asks) is None  # nothing was asked back


def test_a_question_back_is_asked_once_whichever_it_was() -> None:
    earlier: list[Turn] = [{"role": "user", "content": "where should i begin"},
                           {"role": "assistant", "content": f"_{CLARIFY_BACKGROUND}_"}]
    assert clarify_question("could i study for it on the side", UserProfile(), earlier) == ""


def test_no_question_back_for_what_an_earlier_message_said() -> None:
    # A fourth outsider probe: "Where are you starting from?" right after "im 52 and recently made redundant from a
    # manufacturing engineering role", and "do you already have a university degree?" after "im a 2nd year cs
    # student".
    told: list[Turn] = [{"role": "user", "content": "im 47 and was a glassblower until last month"},
                        {"role": "assistant", "content": "Thanks for telling me about yourself."}]
    assert clarify_question("is it too late for me to get into widgets", UserProfile(), []) == CLARIFY_BACKGROUND
    assert clarify_question("is it too late for me to get into widgets", UserProfile(), told) == ""
    assert clarify_question("should i do a masters degree", UserProfile(), []) == CLARIFY_EDUCATION
    assert clarify_question("should i do a masters degree", UserProfile(current="3rd year"), []) == ""
    student = stated_profile(["im a 3rd year widget student"])
    assert clarify_question("should i do a masters degree", student, []) == ""


def test_a_reply_to_the_question_on_a_degree_says_whether_they_hold_one() -> None:
    asked: list[Turn] = [{"role": "user", "content": "do i need a degree to become a widget engineer"},
                         {"role": "assistant", "content": f"_{CLARIFY_EDUCATION}_\n\nWidget engineers ... [1]"}]
    assert replied_education("I dont have one, I just have a GED", asked) == "no degree"  # a probe's reply
    assert replied_education("nope", asked) == "no degree"
    assert replied_education("yes, in physics", asked) == "a degree in physics"
    assert replied_education("yeah", asked) == "a degree"
    assert replied_education("kinda, i did two years of college", asked) == ""  # says neither
    assert replied_education("no", asked[:1]) == ""  # nothing was asked back
    later: list[Turn] = [*asked, {"role": "user", "content": "nope"}, {"role": "assistant", "content": "W [1]"}]
    assert replied_education("ok what about bootcamps then", later) == "no degree"  # said once, known after
    # School left with no degree after it says so anywhere.
    assert stated_profile(["i only have a high school diploma, can i do widget work"]).education == "no degree"
    # ...so does a trade school with "no university" after it, or never going (a thirty-first probe's "i have only the
    # ausbildung as bilanzbuchhalter, no university" was asked whether they had a university degree).
    assert stated_profile(["do i need a degree? i have only the kiln certificate, no university"]).education == \
        "no degree"
    assert stated_profile(["i never went to college, can i do widget work"]).education == "no degree"
    # ...as typed in a hurry, it is not asked for (a thirty-third probe's "i dont hav colege" was asked twice whether
    # they had a degree), though not kept as their education (it framed every answer after).
    for typed in ("i dont hav colege and i no little bit of kilns", "i don't have a collage degree", "dont have uni"):
        assert clarify_question(f"{typed}. do i need a degree for widgets?", UserProfile(), []) == "", typed
        assert stated_profile([typed]).education == "", typed


def test_a_reply_to_a_question_back_is_not_asked_it_again(adv: Advisor) -> None:
    first = adv.ask("do i need a degree to become a widget engineer?")
    assert first.clarify == CLARIFY_EDUCATION
    history: list[Turn] = [{"role": "user", "content": "do i need a degree to become a widget engineer?"},
                           {"role": "assistant", "content": first.text}]
    for reply in ("I dont have one, I just have a GED", "kinda, i did two years of college"):
        again = adv.ask(reply, history)
        assert not again.clarify and CLARIFY_EDUCATION not in again.text, reply


def test_a_declined_question_about_the_persons_route_gets_the_question_back(adv: Advisor) -> None:
    plain = adv.ask("how long will it take me?")
    told = adv.ask("how long will it take me?", None, {"current": "carpenter", "experience": "none"})
    assert plain.clarify == CLARIFY_BACKGROUND and plain.text == CLARIFY_BACKGROUND and plain.scope == "declined"
    assert told.clarify != CLARIFY_BACKGROUND  # what was said is never asked for
    assert plain.label == ASKED_BACK_LABEL  # a question first, not "not covered by the guides"
    r = TestClient(create_app(adv, ui=False)).post("/api/chat", json={"message": "how long will it take me?"})
    assert r.status_code == 200 and r.json()["scope_label"] == ASKED_BACK_LABEL
    assert r.json()["clarify"] == CLARIFY_BACKGROUND and r.json()["kind"] == ""  # a career question


def test_a_match_must_cover_most_of_what_the_person_said(adv: Advisor) -> None:
    terms = [term_text(c.text) for c in chunks(adv)]
    # The guides name carpenters, not master cabinet carpenters: half or more of the words must be matched.
    assert spoken_facets(UserProfile(current="master cabinet carpenter"), terms) == {}
    assert spoken_facets(UserProfile(current="senior carpenter"), terms) == {"current": ["carpenter"]}


def test_the_field_of_a_degree_the_guides_never_name_is_said_to_be_missing() -> None:
    # "what if I already have a physics degree" was framed "With your education (physics degree) in mind" over
    # sentences naming only other degrees, as if the guides had spoken to physics.
    physics = UserProfile(education="physics degree")
    assert framing(physics, "education", ["degree"]) == ("With your education (physics degree) in mind (my guides "
                                                        "don't mention physics itself), the guides say:")
    assert framing(physics, "education", ["physic", "degree"]) == ("With your education (physics degree) in mind, "
                                                                  "the guides say:")
    # An eleventh probe: "CS degree" got "(my guides don't mention CS itself)"; the guides say "computer science".
    cs = UserProfile(education="CS degree")
    assert framing(cs, "education", ["degree"], known=lambda word: word == "cs") == (
        "With your education (CS degree) in mind, the guides say:")
    assert "don't mention CS" in framing(cs, "education", ["degree"], known=lambda word: word == "physics")
    senior = UserProfile(current="senior carpenter")  # a job's other words only qualify it
    assert framing(senior, "current", ["carpenter"]) == "For your background (senior carpenter), the guides say:"


def test_a_question_about_the_persons_route_may_bring_in_what_speaks_to_them(adv: Advisor) -> None:
    ps = [c.to_passage(1.0, {}) for c in chunks(adv)]
    pay = next(p for p in ps if "carpenters" in p.text)
    others = [p for p in ps if p is not pay]
    kept, ok = facet_first(others[:3], [pay, *others], ["carpenter"])
    assert not ok and kept == others[:3]  # a question about the job: the situation only reorders
    moved, ok = facet_first(others[:3], [pay, *others], ["carpenter"], bring_in=True)
    assert ok and moved == [pay, *others[:2]]  # same number of passages, theirs first
    assert about_own_route("how do i get into widget work") and about_own_route("does my background help")
    assert not about_own_route("what do widget engineers earn")


def test_only_facets_the_guides_speak_to_count(adv: Advisor) -> None:
    terms = [term_text(c.text) for c in chunks(adv)]
    found = spoken_facets(UserProfile(current="carpenter", country="Brazil", target="widgets"), terms)
    # Brazil is never named; widgets are what nearly every passage is about, so they say nothing about
    # this person's situation.
    assert found == {"current": ["carpenter"]}


def test_a_country_is_spoken_to_under_any_of_its_names_never_by_a_pronoun() -> None:
    texts = [term_text(t) for t in ("Write to us for a syllabus.", "Pay in the United States is high.",
                                    "Python first.", "Then statistics.", "Then a portfolio.", "Then interviews.")]
    for said in ("USA", "u.s.", "America", "the United States"):
        assert spoken_facets(UserProfile(country=said), texts) == {"country": ["unit", "stat"]}, said
    # "u.s." reads as "us": only the pronoun would match it, and that says nothing about the person.
    assert spoken_facets(UserProfile(country="u.s."), texts[:1] + texts[2:]) == {}
    assert spoken_facets(UserProfile(country="n/a"), texts) == {}


def test_a_background_the_guides_speak_to_frames_the_answer(adv: Advisor) -> None:
    plain = adv.ask("how much do widget engineers earn")
    framed = adv.ask("how much do widget engineers earn", None, {"current": "carpenter"})
    ignored = adv.ask("how much do widget engineers earn", None, {"experience": "Brazilian jiu-jitsu"})
    assert framed.text.startswith("For your background (carpenter), the guides say:")
    assert framed.lead and framed.text.startswith(framed.lead)
    assert "carpenters" in framed.citations[0].passage.text
    assert ignored.text == plain.text and ignored.citations == plain.citations


def test_a_step_of_the_plan_before_is_asked_about_by_its_number(adv: Advisor) -> None:
    plan = adv.ask("give me a step by step plan to become a widget engineer")
    said: list[Turn] = [{"role": "user", "content": "give me a step by step plan to become a widget engineer"},
                        {"role": "assistant", "content": plan.text}]
    for question, section in (("tell me more about step 2", "Learn the tools"),
                              ("and the third one?", "Build a portfolio")):
        more = adv.ask(question, said)
        assert more.citations and more.citations[0].passage.section.endswith(section), question
    # A sixth probe: the place opening the question ("the first step, how do i do it" was declined), and after an
    # answer on one step, the place of the plan's ("and the third one?" after "tell me more about step 2").
    first = adv.ask("the first step, how do i do it", said)
    assert not first.refused and first.citations[0].passage.section.endswith("Get a degree")
    # (The plan quoted all of it: a reminder, "My guides say no more on this...", is partial, not answered.)
    assert first.scope == ("partial" if first.lead == SAID_BEFORE else "answered")
    on_step: list[Turn] = [*said, {"role": "user", "content": "tell me more about step 2"},
                           {"role": "assistant", "content": adv.ask("tell me more about step 2", said).text}]
    third = adv.ask("and the third one?", on_step)
    assert not third.refused and third.citations[0].passage.section.endswith("Build a portfolio")
    assert third.scope == ("partial" if third.lead == SAID_BEFORE else "answered")


def test_a_past_job_the_guides_never_name_is_answered_as_another_background(adv: Advisor) -> None:
    switcher = adv.ask("welder here for 9 years. is there any way i could become a widget engineer")
    assert switcher.citations[0].passage.section == "Other backgrounds"
    assert switcher.text.removeprefix(switcher.lead).lstrip().startswith("Someone from a different background")
    # Without a past job, or with one but asking something else, the question's own passages come first.
    for plain in ("is there any way i could become a widget engineer", "welder here, what do widget engineers earn",
                  # ...or asking what to do to make the move: what to learn, not whether they could.
                  "welder here for 9 years. which tools should i learn to become a widget engineer"):
        assert adv.ask(plain).citations[0].passage.section != "Other backgrounds", plain
    # The past job said in an earlier message, the question after it asking whether they could move in.
    said: list[Turn] = [{"role": "user", "content": "im 41 and i work as a welder, good with my hands"},
                        {"role": "assistant", "content": "Thanks for telling me about yourself."}]
    later = adv.ask("is there any way i could become a widget engineer", said)
    assert later.citations[0].passage.section == "Other backgrounds"
    # ...but not when the earlier messages name no job of theirs.
    chat: list[Turn] = [{"role": "user", "content": "i like building things"},
                        {"role": "assistant", "content": "Noted."}]
    assert adv.ask("is there any way i could become a widget engineer", chat).citations[0].passage.section \
        != "Other backgrounds"


def test_a_section_on_getting_the_degree_they_hold_is_not_quoted_to_them(tmp_path: Path,
                                                                        make_settings: Callable[..., Settings]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "w.md").write_text(
        "---\ntitle: Becoming a Widget Engineer\n---\n\n# Becoming a Widget Engineer\n\n"
        "## How Long Does a Degree in Mechanical Engineering Take?\n\n"
        "A degree in mechanical engineering takes four years of full-time study.\n\n"
        "## Becoming Job Ready\n\nWidget shops hire people who have built and tested real widgets of their own.\n\n"
        "## Pay\n\nWidget engineers earn about $50,000 a year.\n\n"
        "## Tools\n\nLathes, calipers and files are the tools of the trade.\n\n"
        "## Shops\n\nMost widget shops are small family firms.\n\n"
        "## Hours\n\nA widget engineer works regular daytime hours.\n", "utf-8")
    adv = build_advisor(make_settings(corpus_dir=corpus))
    adv.ingest()
    question = "how long will it take me to become a widget engineer?"
    degree = "How Long Does a Degree in Mechanical Engineering Take?"
    assert degree in {c.passage.section for c in adv.ask(question).citations}  # for those without one
    held = adv.ask(question, None, {"education": "BSc mechanical engineering"})
    assert held.citations and degree not in {c.passage.section for c in held.citations}, held.text


def test_pay_where_the_person_lives_is_pay_in_their_country(adv: Advisor) -> None:
    from advisor.coach import own_place

    a = adv.ask("what do widget engineers earn round here", None, {"country": "Norway"})
    assert a.scope != "answered" and ("about Norway" in a.text or "cover Norway" in a.text)
    made_up = adv.ask("what do widget engineers earn near me", None, {"country": "Narnia"})
    assert made_up.scope != "answered" and "Narnia" in made_up.text
    # Pay is the place's, whoever asks: someone in Norway asking what widget engineers earn asks about Norway,
    # and guides without Norwegian figures must say so rather than pass theirs off as the answer.
    plain = adv.ask("what do widget engineers earn", None, {"country": "Norway"})
    assert plain.scope != "answered" and "Norway" in plain.text
    duties = adv.ask("what do widget engineers do all day", None, {"country": "Norway"})  # not about pay
    assert "Norway" not in duties.text and duties == adv.ask("what do widget engineers do all day")
    assert own_place("what do widget engineers earn near me", UserProfile(country="Chile")) == "Chile"
    assert own_place("how much do widget engineers make?", UserProfile(country="Chile")) == "Chile"
    assert own_place("how much of the work is widget polishing", UserProfile(country="Chile")) == ""
    assert own_place("what do they earn near me in peru", UserProfile(country="Chile")) == ""  # a place is named
    # ...but not one named only to compare with (with "the us" a place, a blind profile question lost its country).
    assert own_place("is the pay here any good compared to peru?", UserProfile(country="Chile")) == "Chile"
    assert own_place("is pay in peru better than in chile?", UserProfile(country="Chile")) == ""
    assert own_place("what do widget engineers earn near me", UserProfile()) == ""  # asked back instead
    unknown = adv.ask("what do widget engineers earn near me")  # asked where, and the figures are not theirs
    assert unknown.clarify == CLARIFY_PLACE and unknown.lead == GENERAL_LEAD
    assert unknown.text.startswith(f"_{CLARIFY_PLACE}_\n\n{GENERAL_LEAD} ")
    # Searched as if they had named it, with the place written as one ("u.s." is the USA).
    from advisor.coach import at_own_place

    def searched(question: str, country: str = "") -> str:
        return at_own_place(question, own_place(question, UserProfile(country=country)))

    assert searched("what's the pay like in my country?", "u.s.") == "what's the pay like in the USA?"
    assert searched("are there jobs round here", "Narnia") == "are there jobs in Narnia"
    assert searched("what would i earn", "Chile") == "what would i earn"  # no "here" to swap
    assert searched("are there jobs near me") == "are there jobs near me"


def test_initials_with_dots_name_a_place() -> None:
    from advisor.places import as_place, places_asked_about

    assert places_asked_about("ml engineer pay in the U.K.?") == ["uk"]
    assert places_asked_about("salaries in the u.s. vs canada") == ["usa", "canada"]
    assert as_place("u.s.") == "the USA" and as_place("U.S.A.") == "the USA"
    assert places_asked_about("can you help us with e.g. a plan") == []  # "us" alone is a pronoun
    # ...but never after "the" (a twenty-third probe's "what about in the us?" kept the place asked about before).
    assert places_asked_about("what about in the us?") == ["usa"] and places_asked_about("in the US") == ["usa"]
    assert places_asked_about("let us know the usual pay") == []
    # ...and in capitals (a twenty-fifth probe's "ok what about in US then" kept India, asked about before), unless the
    # whole message shouts or it is a currency.
    assert places_asked_about("ok what about in US then") == ["usa"]
    assert places_asked_about("CAN YOU HELP US") == [] and places_asked_about("kilns cost US$ 900") == []


def test_profile_validation_says_what_to_fix(adv: Advisor) -> None:
    with pytest.raises(InvalidQuestionError, match=r"Unknown profile field.*age"):
        adv.check_profile({"age": "30"})
    with pytest.raises(InvalidQuestionError, match="limit"):
        adv.check_profile({"current": "x" * 5000})
    with pytest.raises(InvalidQuestionError, match="text"):
        adv.check_profile({"current": 3})
    assert adv.check_profile({"current": "<b>nurse</b>"}).current == "nurse"


def test_after_a_step_of_the_plan_before_what_comes_next_is_the_step_after_it(adv: Advisor) -> None:
    """A twelfth probe: "ok and after that what do i do", after questions on its plan's portfolio step, got "My guides
    say no more on this than I quoted above" and the portfolio tips again."""
    from advisor.plan import asks_next_step

    asked = "give me a step by step plan to become a widget engineer"
    said: list[Turn] = [{"role": "user", "content": asked}, {"role": "assistant", "content": adv.ask(asked).text},
                        {"role": "user", "content": "the tools step sounds hard, which ones do i learn"},
                        {"role": "assistant", "content": "Lathes. [1]"}]
    after = adv.ask("ok and after that what do i do", said)
    assert after.text.startswith("_Next in your plan, step 3:_ Build a portfolio:")
    assert after.citations and after.citations[0].passage.section.endswith("Build a portfolio")
    more: list[Turn] = [*said, {"role": "user", "content": "ok and after that what do i do"},
                        {"role": "assistant", "content": after.text}]
    assert adv.ask("then what?", more).text.startswith("_Next in your plan, step 4:_ Apply for jobs:")
    # With no step in focus there is no "next" to give: an ordinary question, not a step of the plan.
    assert not adv.ask("whats next", said[:2]).text.startswith("_Next in your plan")
    # A step asked for by its place (a thirteenth probe: "ok whats the first thing i should do" got other quotes).
    first = adv.ask("ok whats the first thing i should do", said[:2])
    assert first.text.startswith("_Step 1 of your plan:_ Get a degree:") and first.citations
    on_first: list[Turn] = [*said[:2], {"role": "user", "content": "ok whats the first thing i should do"},
                            {"role": "assistant", "content": first.text}]
    assert adv.ask("and then whats next after that", on_first).text.startswith("_Next in your plan, step 2:_")
    assert adv.ask("skip ahead, whats the last step", said[:2]).text.startswith("_Step 4 of your plan:_ Apply")
    assert not adv.ask("whats the first thing i should do").text.startswith("_Step")  # no plan given
    # Asked for without an ordinal (a nineteenth probe: "which one first" got the interview step).
    for message in ("which one first", "ok so where do i start?", "which step comes first", "what should i do first"):
        assert adv.ask(message, said[:2]).text.startswith("_Step 1 of your plan:_ Get a degree:"), message
    assert not adv.ask("which one first").text.startswith("_Step")  # no plan given
    for message in ("and after that?", "thanks! and then?", "once ive done that what next", "what should i do next"):
        assert asks_next_step(message), message
    for message in ("whats next for the industry", "and then what do widget engineers earn", "after that how much"):
        assert not asks_next_step(message), message


def test_chat_asks_for_a_plan_and_the_api_exports_it(adv: Advisor) -> None:
    client = TestClient(create_app(adv, ui=False))
    r = client.post("/api/chat", json={"message": "can u make me a roadmap", "profile": {"education": "BSc"}})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["plan"] and [s["title"] for s in data["plan"]["skipped"]] == ["Get a degree"]
    assert data["citations"] and "Learn the tools" in data["answer"]
    md = client.post("/api/plan", json={"format": "markdown"})
    assert md.headers["content-type"].startswith("text/markdown") and "Get a degree" in md.text
    page = client.post("/api/plan", json={"format": "html"})
    assert page.headers["content-type"].startswith("text/html") and "<ol>" in page.text
    assert "<script" not in page.text.lower()
    bad = client.post("/api/chat", json={"message": "hi", "profile": {"age": "30"}})
    assert bad.status_code == 422 and "error" in bad.json()


def test_cli_plan_writes_markdown(adv: Advisor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(adv.settings.data_dir))
    monkeypatch.setenv("ADVISOR_CORPUS_DIR", str(adv.settings.corpus_dir))
    out = tmp_path / "plan.md"
    assert main(["plan", "--profile", "education=BSc physics", "--out", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "Learn the tools" in text and "Skipped, from what you told me" in text
    assert main(["plan", "--profile", "age=30"]) == 2


def test_a_plan_in_chat_cites_every_step_and_only_for_what_the_guides_cover(adv: Advisor) -> None:
    from advisor.evaluation.answers import citations_valid

    plan = adv.ask("can you make me a roadmap to become a widget engineer", None, {"education": "BSc physics"})
    assert plan.plan is not None and citations_valid(plan)  # every quoted sentence is in the passage it cites
    assert plan.text.startswith("_Your plan") and "_Skipped, from what you told me: Get a degree" in plan.text
    other = adv.ask("make me a roadmap to become a pastry chef")
    assert other.plan is None  # another career: the guides' steps would answer a question nobody asked
    # ...also said with more words than a destination takes, or somewhere the guides never name (a sixteenth round:
    # "how do i become a cybersecurity analyst with zero experience" got the guides' own plan).
    assert adv.ask("give me a plan to become a pastry chef with zero experience").plan is None
    assert adv.ask("how do i become a widget engineer in quuxlandia").plan is None
    assert adv.ask("how do i become a widget engineer").plan is not None
    # Asked for a span of time, it says first that the guides' steps carry no timings (a fifteenth probe: "plan my
    # next 6 months" got a list of languages); the steps are still read back from it.
    from advisor.plan import UNTIMED, shown_steps

    timed = adv.ask("plan my next 6 months to become a widget engineer", None, {"education": "BSc physics"})
    assert timed.plan is not None and timed.text.startswith(f"_{UNTIMED}_") and shown_steps(timed.text)
    assert not plan.text.startswith(f"_{UNTIMED}_")
    # ...and so for a timetable (an eighteenth probe's "give me a weekly study schedule" got a paragraph on self-study)
    weekly = adv.ask("i have 10 hours a week, can you give me a weekly study schedule to become a widget engineer?")
    assert weekly.plan is not None and weekly.text.startswith(f"_{UNTIMED}_")
    # How long they have done their job is no span asked for (a thirtieth probe: "he's a backend dev (Java, 6 years)
    # ... Where should he start?" was told the plan has no timings).
    worked = adv.ask("I'm a glazer (kilns, 6 years) and want to become a widget engineer. Where should I start?")
    assert worked.plan is not None and not worked.text.startswith(f"_{UNTIMED}_")
    # ...and the plan is for the one they ask for, too
    assert adv.ask("my wife is a glazer and wants to become a widget engineer. how can she start?").plan is not None
    # A place the guides never speak of is said first, and the plan is partial (a twenty-first probe: "how to become
    # machine learning engineer in kenya" got the plan, answered, Kenya passed over).
    from advisor.plan import PLACE_UNSAID

    placed = adv.ask("how do i become a widget engineer in kenya")
    assert placed.plan is not None and placed.scope == "partial", placed.text
    # "step 2, where do i start with it" after a plan asks about that step, not for the plan again (a replay of the
    # twenty-second probe); after a list, "the first one, where do i start with it" still gets the plan (a blind
    # judge preferred it to the one item and a question back).
    planned: list[Turn] = [{"role": "user", "content": "roadmap pls"},
                           {"role": "assistant", "content": plan.text}]
    assert adv.ask("step 2, where do i start with it", planned).plan is None
    listed: list[Turn] = [{"role": "user", "content": "what glazes"},
                          {"role": "assistant", "content": "Learn one of these: [1]\n- Celadon [1]\n- Raku [1]"}]
    assert adv.ask("the first one, where do i start with it", listed).plan is not None
    assert placed.text.startswith(f"_{PLACE_UNSAID.format(place='Kenya')}_\n\n_Your plan")
    assert plan.scope == "answered"


@pytest.mark.parametrize(("question", "noted"), [
    ("you mentioned internships earlier, when should i apply", "internships"),  # never said
    ("what about the hive inspections you mentioned?", ""),  # said
    ("you said smokers calm bees, why", ""),
    ("you mentioned inspecting, how often", ""),  # said as "inspections"
    ("you talked about queen rearing before, how hard is it", "queen rearing"),
    ("when should i apply for internships", ""),  # nothing recalled
    ("you said earlier that I should start with Rust, why Rust?", "you should start with Rust"),  # in its words
    # A word recalled clipped (a fifteenth probe: "you said math earlier" after the maths section was denied).
    ("you said hive earlier, which parts exactly", ""), ("you said insp earlier", ""),  # "inspections"
    ("you said smo earlier", "smo"),  # three letters start too many words
    # A thirtieth probe: "the work life balance one you mentioned earlier, thats..." was told "I didn't mention
    # earlier earlier": when, not what.
    ("tell me about the queen one you mentioned earlier, thats why i asked", ""),
    ("the one you said before, why", ""),
    # A thirty-third probe: "the work life balance thing you mentioned first - is it worse than PM?" was told "I didn't
    # mention first - is it worse than PM earlier": the order it came in, not what.
    ("the queen thing you mentioned first - is it worse than wasps?", ""), ("the one you said last, why", ""),
    ("you mentioned wasps - are they bad?", "wasps"),
])
def test_what_the_advisor_never_said_is_not_played_along_with(question: str, noted: str) -> None:
    history: list[Turn] = [{"role": "user", "content": "how do i start beekeeping, and what about internships?"},
                           {"role": "assistant", "content": "Hive inspections come first. [1] Smokers calm bees. [1]"
                                                            " If you are interested, read on. [1]"}]
    note = not_said_before(question, history)
    assert (note == NOT_SAID.format(what=noted)) if noted else note == ""
