"""Sentence-selection rules of the extractive answerer, on questions that are not in eval/ (fake embeddings)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

import numpy as np
import pytest

from advisor.answer_rules import (
    ASKS_ONE,
    EARLIER,
    HOW_MUCH_IT_MATTERS,
    NUMERIC_Q,
    WORTH_IT,
    asked_now,
    asks_amount,
    asks_figure,
    is_label,
    names_rung,
    term_weights,
)
from advisor.embeddings import WordHashEmbedding
from advisor.extractive import (
    SAID_BEFORE,
    ExtractiveAnswerer,
    Unit,
    _item_asked,
    _said_to_suffice,
    next_to_antecedent,
    units_of,
    with_its_list,
    without_lone_fragments,
)
from advisor.schema import Answer, Passage, Said
from advisor.suggest import suggest


def passage(text: str, n: int = 1, section: str = "S", doc: str = "d") -> Passage:
    return Passage(chunk_id=f"c{n}", text=text, title="T", section=section, publisher="P", url="", doc_id=doc,
                   score=1.0 / n)


@pytest.fixture
def ex() -> ExtractiveAnswerer:
    return ExtractiveAnswerer(WordHashEmbedding())


def test_yes_lead_only_for_its_own_question(ex: ExtractiveAnswerer) -> None:
    portfolio = passage("Yes, a portfolio of public projects convinces hiring managers quickly.", 1,
                        section="Do I Need a Portfolio?")
    night = passage("Evening classes let working adults study statistics part time over two semesters.", 2,
                    section="Studying While Working", doc="e")
    text, _ = ex.compose("Can I study statistics in the evenings while working?", [portfolio, night])
    assert not text.startswith("Yes, a portfolio")  # a "Yes" from another question never leads
    text, _ = ex.compose("Do I need a portfolio of projects?", [portfolio, night])
    assert text.startswith("Yes, a portfolio")
    text, _ = ex.compose("Can I get hired without a portfolio of projects?", [portfolio, night])
    assert not text.startswith("Yes,")  # nor one that says the opposite of what is asked
    text, _ = ex.compose("Do I need a portfolio of projects or is a degree enough?", [portfolio, night])
    assert not text.startswith("Yes,")  # two questions in one: a plain "Yes" answers neither


def test_yes_lead_not_for_a_narrower_thing_named_elsewhere(ex: ExtractiveAnswerer) -> None:
    """ "Yes, ... at least a diploma" under "Do I Need a Diploma?" answers that heading, not whether a licence is
    needed when another passage speaks of the licence."""
    diploma = passage("Yes, surveyors typically hold at least a diploma in a related field such as geomatics.", 1,
                      section="Do I Need a Diploma to Become a Land Surveyor?")
    licence = passage("Many employers also want a chartered licence, which takes two further years of supervised "
                      "practice.", 2, section="Licensing", doc="e")
    text, _ = ex.compose("Is a chartered licence required to become a land surveyor?", [diploma, licence])
    assert not text.startswith("Yes,")
    assert "chartered licence" in text
    text, _ = ex.compose("Do I need a diploma to become a land surveyor?", [diploma, licence])
    assert text.startswith("Yes, surveyors")
    # The heading's word in another form, or a word the guides spell out, still asks the heading's question.
    text, _ = ex.compose("is a diploma necessary for becoming a land surveyor?", [diploma, licence])
    assert text.startswith("Yes, surveyors")
    # ...a chat tag no passage says ("or nah") is not what it asks most about (a thirty-fifth probe's "do u need a
    # masters to be an ML engineer or nah" got the degree question's "Yes, ...").
    from advisor.answer_rules import says_verdict_on

    yes, heading = "Yes, surveyors typically hold at least a diploma.", "Do I Need a Diploma to Become a Land Surveyor?"
    weights = {"nah": 1.0, "licenc": 0.8, "need": 0.6, "surveyor": 0.4}
    assert not says_verdict_on("do u need a licence to be a surveyor or nah", yes, heading, weights, likeness=0.9,
                               elsewhere=frozenset({"licenc", "surveyor"}))
    assert says_verdict_on("do u need a diploma to be a surveyor or nah", yes, heading,
                           {"nah": 1.0, "diploma": 0.8, "need": 0.6, "surveyor": 0.4}, likeness=0.9,
                           elsewhere=frozenset({"licenc", "surveyor"}))


def test_whether_one_item_suffices_is_answered_with_its_list(ex: ExtractiveAnswerer) -> None:
    """A probe: "is linear algebra enough" was answered with the linear algebra item alone, as if it were."""
    maths = passage("## Maths\n\nSurveyors need a working grasp of three areas:\n\n- Trigonometry: angles and "
                    "distances on every site.\n- Geodesy: the shape of the earth for long baselines.\n- Statistics: "
                    "adjusting errors across many measurements.\n- Software: a drafting package such as Quuxcad "
                    "for the plans.", 1, section="Maths for Surveyors")
    other = passage("Field days are long and often start before sunrise in the summer months.", 2, doc="e")
    text, _ = ex.compose("is trigonometry enough for surveying?", [maths, other])
    assert "Trigonometry:" in text and "Geodesy:" in text and "Statistics:" in text
    text, _ = ex.compose("what is trigonometry used for in surveying?", [maths, other])
    assert "Trigonometry:" in text and "Geodesy:" not in text  # asked about the one item, the one item
    # What is said to suffice is before "enough", after "only need" (a judge's A/B: "is python enough or c++ too"
    # got the list whose item is C++, never saying whether Python is).
    assert _said_to_suffice("is python enough or c++ too").split() == ["is", "python"]
    assert _said_to_suffice("do i only need python").split() == ["python"]
    assert _said_to_suffice("what is linear algebra") == ""
    text, _ = ex.compose("is quuxcad enough for the plans?", [maths, other])
    assert "Quuxcad" in text and "Geodesy:" not in text  # named inside an item about something else


def test_figures_only_when_an_amount_is_asked(ex: ExtractiveAnswerer) -> None:
    assert NUMERIC_Q.search("How much do robotics technicians make?")
    assert NUMERIC_Q.search("how long does the apprenticeship take")
    assert not NUMERIC_Q.search("which robotics specialties will matter in the next few years")
    assert not NUMERIC_Q.search("how do I grow into a lead role")
    areas = passage("Robotics specialties in demand include perception and motion planning for warehouses.", 1)
    fig = passage("Robotics budgets rose 12% in 2021 according to one industry survey of factories.", 2, doc="e")
    text, _ = ex.compose("which robotics specialties will be in demand in the coming years", [areas, fig])
    assert text.startswith("Robotics specialties in demand")


LIST = passage("## Toolkit\n\nThese are the frameworks robotics teams use most:\n\n- ROS: the middleware most labs"
               " build on.\n- Gazebo: simulation before touching hardware.\n- R\n- MoveIt: motion planning on top"
               " of ROS.", 1, section="Frameworks Robotics Teams Use")
CONCEPTS = passage("## Concepts\n\nYou should understand these ideas:\n\n- Kinematics: how joints move, and which"
                   " frameworks of reference apply.\n- Control theory: keeping a robot stable.", 2,
                   section="Core Concepts", doc="e")


def test_list_only_when_the_list_answers_with_lead_in(ex: ExtractiveAnswerer) -> None:
    text, _ = ex.compose("Which frameworks do robotics teams use?", [CONCEPTS, LIST])
    assert "These are the frameworks robotics teams use most:" in text
    assert "- ROS: the middleware" in text and "Kinematics" not in text
    assert "\n- R [" in text  # a short item is kept
    text, _ = ex.compose("Which frameworks of reference matter for kinematics?", [CONCEPTS])
    # The concept list is not about what is asked: no list dumped because one item shares a word.
    assert "- Control theory" not in text


def test_no_heading_bullet_and_no_lone_item(ex: ExtractiveAnswerer) -> None:
    mixed = passage("Useful tooling for drone pilots:\n\n- Flight Planning Tools\n- QGroundControl: plans missions"
                    " and uploads waypoints.\n- Mission Planner: the ArduPilot ground station for Windows.\n"
                    "- DroneDeploy: turns aerial photos into maps.", 1, section="Tooling Drone Pilots Use")
    text, _ = ex.compose("What tools do drone pilots use?", [mixed])
    assert "Flight Planning Tools" not in text and "- QGroundControl" in text
    assert is_label("Flight Planning Tools") and not is_label("R") and not is_label("ROS: the middleware.")
    one = passage("Most pilots start small:\n\n- Certification: the Part 107 exam is the usual first step for"
                  " commercial drone pilots.\n- Logbooks: keep one.", 1, section="Getting Started")
    text, _ = ex.compose("Is the Part 107 exam the first step for commercial drone pilots?", [one])
    assert not text.startswith("- ")  # a lone item is quoted as a statement, not a one-bullet list


def test_an_amount_asked_gets_the_other_figures_of_the_leads_own_section(ex: ExtractiveAnswerer) -> None:
    # A thirty-first probe's "how much does a computer science degree cost" got the graduate fees and not the
    # undergraduate ones beside them, which share few of its words.
    costs = passage("Renting a kiln in a shared pottery studio costs potters about $40 a month for studio kiln time. "
                    "Prices vary from one studio to the next. "
                    "Beginners renting pottery studio time usually pay around $120 for six weeks.", 1,
                    section="What Does Pottery Cost?")
    other = passage("Potters who rent studio kiln time fire their pots weekly in a shared pottery studio.", 2,
                    section="Studios", doc="e")
    text, _ = ex.compose("how much does renting a pottery studio kiln cost?", [costs, other])
    assert text.startswith("Renting a kiln") and "$120" in text, text
    assert "Prices vary" not in text  # no figure: held to the usual bar
    text, _ = ex.compose("what is renting a pottery studio kiln like?", [costs, other])
    assert "$120" not in text  # no amount asked: the usual bar
    # Not after a table, whose rows are its figures (a blind judge found the national average beside the pay table no
    # better than what it displaced).
    pay = passage("Here are the average potter salaries according to Kilnsdoor:\n\n- Entry-Level: US$ 30,000\n"
                  "- Median: US$ 45,000\n\nEvery potter earns more than the national average of $20,000 for crafts, "
                  "says Glazette.", 1, section="Potter Salary")
    region = passage("Potter salaries vary with the studio and the region where potters sell their pots.", 2,
                     section="Pay", doc="e")
    text, _ = ex.compose("potter salary median?", [pay, region])
    assert "US$ 45,000" in text and "$20,000" not in text, text


def test_a_lone_item_that_is_no_sentence_is_said_to_be_listed_under_its_heading(ex: ExtractiveAnswerer) -> None:
    # A thirty-first probe's "is remote work common" opened on "Benefiting from the possibility of remote work [1]":
    # out of its list, a fragment reads as a broken sentence; where the guide lists it says what it is.
    perks = passage("- Firing pots in a wood kiln every season\n- Selling glazed bowls at weekend craft markets\n"
                    "- Working from a home studio on flexible hours", 1, section="Guide > Best Parts of Pottery")
    text, cites = ex.compose("can potters work from a home studio?", [perks])
    assert text.startswith("A guide lists under “Best Parts of Pottery”: Working from a home studio"), text
    assert text.count("[1]") == 1 and len(cites) == 1
    # A heading that asks is named by its last sentence, without its "?": a "?" inside the frame would end a claim
    # with no citation (two dev answers failed citation validity).
    from advisor.citations import claims

    asked = replace(perks, section="Guide > What Do Potters Love? Best Parts of Pottery")
    text, _ = ex.compose("can potters work from a home studio?", [asked])
    assert text.startswith("A guide lists under “Best Parts of Pottery”: Working from a home studio"), text
    assert all(c.markers for c in claims(text))
    text, _ = ex.compose("can potters work from a home studio?", [replace(perks, section="Do Potters Love It?")])
    assert text.startswith("A guide lists under “Do Potters Love It”: ") and all(c.markers for c in claims(text))
    whole = passage("- Potters can work from a home studio on flexible hours.\n- Kilns fire pots.", 1,
                    section="Guide > Best Parts of Pottery")
    text, _ = ex.compose("can potters work from a home studio?", [whole])
    assert text.startswith("Potters can work from a home studio")  # a sentence stands as it is


def test_a_lone_short_item_is_quoted_under_its_lead_in(ex: ExtractiveAnswerer) -> None:
    # "is java ok too" once got the whole answer "Java [1]": a fragment says nothing without what introduces it.
    langs = passage("If you have not learned these languages in school, learn one or more of the following:\n\n"
                    "- Haskell\n- Java\n- Rust", 1, section="Languages")
    text, _ = ex.compose("java?", [langs])
    assert text.startswith("If you have not learned these languages") and "\n- Java [1]" in text


def test_no_meta_chart_or_hype_sentences(ex: ExtractiveAnswerer) -> None:
    p = passage("The following chart compares welders and pipefitters across many welding jobs. "
                "Welding is the undisputed king of the trades, at the heart of this revolution in welding jobs. "
                "Welders join metal parts using heat, and most welding jobs need a certificate.", 1)
    text, _ = ex.compose("What do welders do in welding jobs?", [p])
    assert "Welders join metal parts" in text
    assert "following chart" not in text and "undisputed" not in text
    p = passage("Here's what welders do in welding jobs. Welders join metal parts using heat in welding jobs.", 1)
    text, _ = ex.compose("What do welders do in welding jobs?", [p])
    assert "Here's" not in text  # it announces what follows; alone it says nothing
    p = passage("So here's what welders should know. Welders join metal parts using heat in welding jobs.", 1)
    text, _ = ex.compose("what should welders know for welding jobs", [p])
    assert "Welders join metal parts" in text and "So here's" not in text  # a sixth probe's q03
    # A cheer ("...and get that welding job!") informs nothing: a sixth probe got it after saying they were rejected.
    p = passage("Now that you have the skills, book the welding job interview and get that welding job! "
                "Welding job interviews often include a practical welding test on scrap metal.", 1)
    text, _ = ex.compose("what do welding job interviews ask", [p])
    assert "practical welding test" in text and "get that welding job" not in text


def test_a_sentence_naming_its_own_guides_title_is_no_answer(ex: ExtractiveAnswerer) -> None:
    """A tenth probe: "...it would be wise to learn how to become a machine learning engineer" closed answers to
    career switchers; it names the guide it is in ("How to Become a Machine Learning Engineer: The Latest Guide")."""
    def guide(text: str) -> Passage:
        return Passage(chunk_id="c1", text=text, title="How to Become a Welder: The Latest Guide", section="S",
                       publisher="P", url="", doc_id="d", score=1.0)

    said = "Since welding changes every factory, it would be wise to learn how to become a welder."
    facts = "Welders who switch from plumbing keep their pipe skills and learn joining in a year."
    text, _ = ex.compose("can a plumber switch to welding", [guide(f"{said} {facts}")])
    assert "pipe skills" in text and "wise to learn" not in text
    # Under another title the same sentence is the guide's own words on the question, and may be quoted.
    other = replace(guide(f"{said} {facts}"), title="Trades Handbook")
    assert "wise to learn" in ex.compose("can a plumber switch to welding", [other])[0]


def test_lead_in_not_repeated(ex: ExtractiveAnswerer) -> None:
    p = passage("Beekeepers check three things every week:\n\n- Queen health: look for fresh eggs.\n"
                "- Stores: honey left for winter.\n- Pests: mites and beetles.", 1, section="Weekly Beekeeping Checks")
    text, _ = ex.compose("What things do beekeepers check every week?", [p])
    assert text.count("Beekeepers check three things every week") == 1 and "- Pests" in text


def test_distinctive_terms_from_the_texts_not_a_hand_list() -> None:
    texts = ["welding jobs pay", "welding jobs grow", "welding certificate exam", "welding jobs abroad"]
    w = term_weights("which welding certificate", texts)
    assert w["certificate"] > 0.5 > w["weld"]
    # How it asks is no term: "look like" and a trailing "like" (a blind probe's career-ladder question got "Welders
    # are like artists" for its "like").
    framed = [*texts, "welders are like artists"]
    assert "like" not in term_weights("what does a welding apprenticeship look like", framed)
    assert "like" not in term_weights("whats the welding pay like for seniors", framed)
    assert "like" in term_weights("are welders like artists", framed)
    # ...nor is the "long" of "how long" ("The role often involves long hours" was quoted for "how long would it take
    # me to learn python": a twenty-seventh probe).
    assert "long" not in term_weights("how long would it take me to learn welding", [*texts, "long hours of welding"])
    assert "long" in term_weights("do welders work long hours", [*texts, "long hours of welding"])


def test_follow_up_suggestion_depends_on_the_conversation() -> None:
    pool = ["What Is Welding?", "How Long Is a Welding Apprenticeship?", "What Do Welding Certificates Cost?"]
    ps = [passage("Apprenticeship programs last three to four years.", 1, section="Training")]
    first = suggest("how long does welder training take with an apprenticeship", ps, pool)
    cs = [passage("A certificate exam costs a few hundred dollars.", 1, section="Costs")]
    second = suggest("what does a welding certificate cost", cs, pool)
    assert first[0] == "How Long Is a Welding Apprenticeship?" and second[0] != first[0]


def test_items_are_read_under_their_lead_in(ex: ExtractiveAnswerer, monkeypatch: pytest.MonkeyPatch) -> None:
    # "Junior: US$ 40,000" says nothing about pay on its own; under its lead-in it answers "how much".
    levels = passage("Here are typical drone surveyor salaries by level according to one jobs board:\n\n"
                     "- Junior: US$ 41,000\n- Median: US$ 57,000\n- Senior: US$ 83,000", 2,
                     section="Drone Surveyor Salaries")
    other = passage("Drone surveyors who fly for farms make maps of 300 fields in a season, one survey found.", 1,
                    section="Farm Work", doc="e")
    question = "what salary does a drone surveyor get"
    text, _ = ex.compose(question, [other, levels])
    assert "- Median: US$ 57,000" in text
    monkeypatch.setattr("advisor.extractive.Unit.framed", property(lambda u: ""))
    text, _ = ex.compose(question, [other, levels])
    assert "Median: US$ 57,000" not in text  # the items alone lose to a sentence sharing words



def test_a_sum_of_another_kind_is_no_answer_to_how_much(ex: ExtractiveAnswerer) -> None:
    """Pay figures are no answer to what a course costs: the figure bonus goes to sums of the kind asked for
    (or to any sum when the question names no kind)."""
    fees = passage("A drone surveying course costs about $2,400 at most flying schools.", 1, section="Courses")
    pay = passage("Here are typical drone surveyor salaries by level according to one jobs board:\n\n"
                  "- Junior: US$ 41,000\n- Median: US$ 57,000", 2, section="Drone Surveyor Salaries", doc="e")
    passages = [fees, pay]
    units = units_of(passages)
    course, junior = next(i for i, u in enumerate(units) if "$2,400" in u.text), \
        next(i for i, u in enumerate(units) if "41,000" in u.text)

    def beyond_relevance(question: str) -> np.ndarray:
        score, _, relevance, _ = ex._scores(question, units, passages)
        return score - relevance

    prior = beyond_relevance("what do drone surveyors do")  # no amount asked: the retriever's prior alone

    def bonus(question: str) -> list[bool]:
        extra = beyond_relevance(question) - prior
        return [bool(extra[i] > 0.01) for i in (course, junior)]

    assert bonus("how much does a drone surveying course cost") == [True, False]
    assert bonus("how much does a drone surveyor earn a year") == [False, True]
    assert bonus("how much does a drone surveyor get") == [True, True]  # no kind named


def test_a_sum_of_another_kind_never_follows_the_figures_asked_for(ex: ExtractiveAnswerer) -> None:
    """ "how much do they make" after talk of school got the pay table and then what students pay (a thirty-fourth
    probe): a sum of another kind than the one asked for does not follow, however close its words."""
    pay = passage("Here are typical drone surveyor salaries by level according to one jobs board:\n\n"
                  "- Junior: US$ 41,000\n- Median: US$ 57,000", 1, section="Drone Surveyor Salaries")
    fees = passage("On average, drone surveyor students at school can expect to pay around $2,400 a year for drone "
                   "surveyor school.", 2, section="Drone Surveyor School", doc="e")
    for question in ("how much do drone surveyors make? (after: is there drone surveyor school for students)",
                     "how much do drone surveyors earn? (after: is there drone surveyor school for students)"):
        quoted = " ".join(u.text for u in ex.select(question, [pay, fees])[0])
        assert "41,000" in quoted and "$2,400" not in quoted, question
    # The fees follow when any sum may answer.
    quoted = " ".join(u.text for u in ex.select("how much for drone surveyor school students", [fees, pay])[0])
    assert "$2,400" in quoted


def test_a_sentence_pointing_back_comes_right_after_what_it_points_to(ex: ExtractiveAnswerer) -> None:
    """ "This duration ..." read after another guide's sentence would give that guide's thing this duration; "However,
    ..." would contrast with it."""
    diploma = passage("Welding study at a trade school takes two years for a full welding diploma.", 1,
                      section="Welding Diplomas")
    apprentice = passage("A welding apprenticeship at a trade school takes three years of study. This duration "
                         "includes welding study at the trade school.", 2, section="Apprenticeships", doc="e")
    evening = passage("Evening welding study at a trade school takes longer for people who work.", 3,
                      section="Evening Study", doc="f")
    text, _ = ex.compose("how long does welding study at a trade school take", [diploma, apprentice, evening])
    assert "three years of study. [2] This duration includes welding study at the trade school. [2]" in text
    assert "Evening welding study" in text
    # A connective leans on the sentence before as much: "However, ..." read first would contrast with nothing.
    contrast = passage("A welding apprenticeship at a trade school takes three years of study. However, welding "
                       "study at a trade school can take less.", 2, section="Apprenticeships", doc="e")
    text, _ = ex.compose("how long does welding study at a trade school take", [diploma, contrast, evening])
    assert "three years of study. [2] However, welding study at a trade school can take less. [2]" in text


def test_next_to_antecedent_moves_only_what_points_back() -> None:
    assert next_to_antecedent([0, 7, 3, 8], 8) == [0, 7, 8, 3]  # right after unit 7
    assert next_to_antecedent([5, 2, 4], 5) == [4, 5, 2]  # a lead that points back: what it points to comes first
    assert next_to_antecedent([1, 3, 4], 4) == [1, 3, 4]  # already in place


LADDER = passage("## Bakery Career Ladder\n\n  - Apprentice Baker: You learn doughs and ovens under a head baker.\n"
                 "  - Baker: You run a shift of bread on your own.\n"
                 "  - Head Baker: You plan the bakery's bread and train apprentices.\n"
                 "  - Bakery Manager: You run the whole bakery, including its budget.\n"
                 "  - Pastry Director: A senior head role over pastry in every shop of a chain.", 1,
                 section="Bakery Career Ladder")


@pytest.mark.parametrize("question", ["what comes after head baker?", "ok whats next after a head baker",
                                      "and what's after being the head baker",
                                      # a probe's follow-up, folded into its thread ("...how long? and after senior?")
                                      "and after head baker?",
                                      "how do i become a head baker how long does it take and after head baker?"])
def test_what_comes_after_an_item_is_the_rest_of_its_list(ex: ExtractiveAnswerer, question: str) -> None:
    text, _ = ex.compose(question, [LADDER])
    assert text.index("Bakery Manager:") < text.index("Pastry Director:")
    assert "Head Baker:" not in text and "Apprentice Baker:" not in text  # not the item itself, nor those before


def test_after_the_entry_level_is_after_the_junior_item(ex: ExtractiveAnswerer) -> None:
    """A twenty-first probe: "what's the career path look like after entry level" got the junior rung itself; the
    guide's "Junior ... : This is an entry-level position" is the first rung, as "junior" is a table's "Entry-Level"."""
    ladder = passage("## Welder Career Ladder\n\n  - Junior Welder: An entry-level post under a master welder.\n"
                     "  - Welder: You weld on your own.\n  - Master Welder: You plan the shop's jobs.", 1,
                     section="Welder Career Ladder")
    for asked in ("what's the career path look like after entry level", "what comes after entry level"):
        text, _ = ex.compose(asked, [ladder])
        assert text.startswith("- Welder:") and "Junior Welder" not in text, text
    assert names_rung({"junior"}, {"entry", "level"}) and names_rung({"entry", "level"}, {"junior", "welder"})
    assert not names_rung({"level"}, {"junior", "welder"}) and not names_rung({"senior"}, {"junior", "welder"})


def test_what_comes_after_an_item_leaves_out_the_lead_in_of_the_whole_list(ex: ExtractiveAnswerer) -> None:
    """A nineteenth probe: "what should i learn next after python" got "While several languages are used, one stands
    above the rest." and then only the items after Python, which it speaks of."""
    tools = passage("Strong glazing skills are essential. While several glazes are used, one stands above the rest.\n\n"
                    "  - Celadon: Mastery of celadon glazes is essential for every potter.\n"
                    "  - Kiln Principles: You must understand firing curves and kiln loading.", 1, section="Glazes")
    text, _ = ex.compose("what should i learn next after celadon", [tools])
    assert text.startswith("- Kiln Principles:") and "stands above the rest" not in text, text


def test_the_sentence_before_a_list_never_stands_without_it(ex: ExtractiveAnswerer) -> None:
    """A twentieth probe: "Here's a list of professions that machine learning engineers can handle." was quoted
    alone, with no list after it."""
    jobs = passage("Here's a list of professions that potters can handle.\n\n  - Studio potter\n  - Glaze chemist\n"
                   "  - Kiln technician", 1, section="Potter jobs")
    text, _ = ex.compose("is the kiln technician path better for me", [jobs])
    assert "Here's a list of professions" not in text or "- Kiln technician" in text, text
    # Beside another sentence it is left out; with an item of its list chosen, it stays.
    other = passage("Potters shape clay on a wheel and fire it in a kiln.", 2, section="Potting", doc="e")
    units = units_of([jobs, other])
    intro = next(i for i, u in enumerate(units) if u.text.startswith("Here's a list"))
    shape = next(i for i, u in enumerate(units) if u.text.startswith("Potters shape"))
    item = next(i for i, u in enumerate(units) if u.text == "Glaze chemist")
    never = np.zeros(len(units), dtype=bool)
    assert with_its_list([shape, intro], units, never) == [shape]
    assert with_its_list([intro, item], units, never) == [intro, item]
    assert sorted(with_its_list([intro], units, never)) == sorted([intro, *(i for i, u in enumerate(units)
                                                                            if u.is_item)])
    # Only a sentence that introduces the list: a statement before it says something of its own, and may stand
    # without it (a blind judge preferred keeping "Don't just follow tutorials; create unique projects from scratch.").
    from advisor.answer_rules import INTRODUCES

    for said in ("Here's a list of professions that potters can handle.", "Here are the glazes you need:",
                 "Potters work in the following places."):
        assert INTRODUCES.search(said), said
    for said in ("Don't just copy tutorials; throw unique pots from scratch.", "You need to understand kilns."):
        assert not INTRODUCES.search(said), said


def test_after_a_word_many_items_share_the_list_is_not_cut(ex: ExtractiveAnswerer) -> None:
    text, _ = ex.compose("what comes after baker?", [LADDER])  # three labels name a baker; one is only that
    assert "Head Baker:" in text or "Apprentice Baker:" in text
    # With no label that is only the word, which one is meant is unclear: the list is not cut.
    shared = replace(LADDER, text=LADDER.text.replace("  - Baker: You run a shift of bread on your own.\n", ""))
    text, _ = ex.compose("what comes after baker?", [shared])
    assert "Apprentice Baker:" in text and "Head Baker:" in text, text


def test_after_a_rung_named_in_full_is_after_that_rung(ex: ExtractiveAnswerer) -> None:
    """A thirty-first probe: "what comes after ml engineer? career progression" got the junior and middle rungs (every
    rung has "machine learning engineer" in its name, and the question went on after its "?")."""
    ladder = passage("## Kiln Ladder\n\n  - Junior Machine Learning Potter: An entry-level post.\n"
                     "  - Machine Learning Potter: You fire kilns on your own.\n"
                     "  - Senior Machine Learning Potter: You plan the studio's firings.", 1, section="Kiln Ladder")
    for asked in ("what comes after ml potter? career progression", "what comes after machine learning potter?"):
        text, _ = ex.compose(asked, [ladder])
        assert text.startswith("- Senior Machine Learning Potter:") and "Junior" not in text, (asked, text)
    text, _ = ex.compose("what comes after baker? the whole ladder", [LADDER])
    assert text.startswith("- Head Baker:") and "Apprentice Baker:" not in text, text


@pytest.mark.parametrize(("earlier", "first"), [("what does an apprentice baker do", "Baker:"),
                                               ("what does a head baker do all day", "Bakery Manager:")])
def test_after_that_is_after_the_item_the_question_before_named(ex: ExtractiveAnswerer, earlier: str,
                                                                  first: str) -> None:
    """A tenth probe: "and after that?" after "what does a junior ml engineer do" got the guide's definition of the
    role; the item the question before named is what "that" is."""
    for folded in (f"{earlier} and after that?", f"what comes after that?{EARLIER}{earlier})"):
        text, _ = ex.compose(folded, [LADDER])
        assert text.startswith(f"- {first}"), text
        assert "Apprentice Baker:" not in text


def test_after_that_names_no_item_when_the_question_before_named_none_or_many(ex: ExtractiveAnswerer) -> None:
    # "baker" is in three labels, "bakery" in one but shared with none the question names: no one item is meant.
    for earlier in ("what does a baker do", "what do people in a bakery earn"):
        text, _ = ex.compose(f"{earlier} and after that?", [LADDER])
        assert "Apprentice Baker:" in text or not text.startswith("- Baker:")


@pytest.mark.parametrize(("question", "item"), [("what does a head baker do", "Head Baker: You plan"),
                                              ("so what is the bakery manager responsible for?", "Bakery Manager:"),
                                              ("tell me more about pastry directors", "Pastry Director:")])
def test_a_question_about_one_item_of_a_list_gets_that_item(ex: ExtractiveAnswerer, question: str, item: str) -> None:
    """A tenth probe: "what does a junior ml engineer do" got the whole six-rung ladder."""
    text, _ = ex.compose(question, [LADDER])
    assert text.startswith(item) and text.count(":") == 1, text  # that item, as a statement


def test_the_item_named_is_one_label_sharing_most_of_its_own_words() -> None:
    units = units_of([LADDER])
    named = {u.text.split(":")[0] for u in units if u.is_item}
    assert named == {"Apprentice Baker", "Baker", "Head Baker", "Bakery Manager", "Pastry Director"}

    def asked(words: str) -> list[str]:
        return [units[i].text.split(":")[0] for i in _item_asked(words, units, only=True, most_of=True)]

    assert asked("head baker") == ["Head Baker"]
    assert asked("baker") == []  # three labels say "baker": which one is unclear
    assert asked("apprentice baker or a head baker") == []  # two named
    assert asked("pastry chef") == ["Pastry Director"]  # half its own words
    kiln = units_of([passage("## Kiln Roles\n\n  - Night Shift Kiln Stoker: You keep the fire going.\n"
                             "  - Glaze Mixer: You weigh glazes.", 1, section="Kiln Roles")])
    assert [kiln[i].text.split(":")[0] for i in _item_asked("night work", kiln, only=True, most_of=True)] == []
    assert len(_item_asked("night work", kiln, only=True)) == 1  # one word of four: a word it shares, no more


def test_a_short_item_is_never_quoted_alone() -> None:
    intro, group = "Learn these languages:", ("d", "Languages")
    units = [Unit("Most drone engineers need two years to get good at flight code.", 0, False, ""),
             Unit("C++", 1, True, intro, group), Unit("Rust", 1, True, intro, group),
             Unit("Ada, where avionics regulators demand proofs of every routine.", 1, True, intro, group)]
    assert without_lone_fragments([0, 1], units) == [0]  # "C++ [2]" alone says nothing
    assert without_lone_fragments([0, 1, 2], units) == [0, 1, 2]  # with a sibling it is a list
    assert without_lone_fragments([0, 3], units) == [0, 3]  # a long item is a statement
    assert without_lone_fragments([1], units) == [1]  # nothing else to say


def test_a_lead_in_alone_does_not_make_its_list_the_answer(ex: ExtractiveAnswerer) -> None:
    # Under its lead-in every item scores alike; whether the list answers is judged on the items themselves.
    prose = passage("Testing, version control and code review from web work transfer well to robotics teams.", 1,
                    section="Switching In", doc="e")
    parts = passage("Robotics skills that carry over from a job in web development include these:\n\n"
                    "- Soldering irons\n- Harness layout\n- Schematics\n- Motor sizing\n- Torque tables", 2,
                    section="Robotics Skills")
    text, _ = ex.compose("which skills carry over from my web development job to robotics", [prose, parts])
    assert text.startswith("Testing, version control and code review")
    assert "Torque tables" not in text  # no list dumped because its lead-in shares the question's words


def test_a_list_is_asked_for_by_the_thing_the_question_asks_about() -> None:
    from advisor.answer_rules import LIST_Q

    for asked in ("which tools do potters use", "what are some of the best glazing skills",
                  "what kind of jobs can a potter get", "Do potters fire clay? Which tools should I buy?",
                  # a sixth probe's: "whats", a roadmap, "ok tell me the steps"
                  "whats the step by step roadmap to become a potter", "ok tell me the steps for pottery then",
                  # a twenty-fourth probe's: the career levels got two rungs of six
                  "what are the career levels for a potter",
                  # the career path, progression or ladder: the rungs, not a line that says "career path"
                  "What is the career path for a potter?", "whats the career progression for potters",
                  "what is the career ladder like for a potter"):
        assert LIST_Q.search(asked), asked
    # "jobs" is where the help is for, not what is asked about.
    assert not LIST_Q.search("what certifications help for pottery jobs")


def test_a_yes_no_question_is_answered_by_a_statement_not_a_list(ex: ExtractiveAnswerer) -> None:
    rule = passage("While not a must, a drone licence opens doors to paid survey jobs.", 1, section="Permits", doc="e")
    kinds = passage("Here are some kinds of drone licence that are often available:\n\n"
                    "- Survey drone licence: mapping farms and building sites\n"
                    "- Film drone licence: aerial shots for studios\n"
                    "- Rescue drone licence: search missions with police teams", 2, section="Drone Licences")
    units = units_of([rule, kinds])
    # Scored as the list would win: its items among the best units, the statement first.
    score = np.array([1.0 if not u.is_item and u.passage == 0 else 0.9 if u.is_item else 0.1 for u in units])

    def listed(question: str) -> bool:
        return bool(ex._list_answer(question, units, score, 0, [rule, kinds]))

    assert listed("which drone licences are there")
    assert not listed("Is a drone licence a must before I look for drone work?")
    # ...unless it asks for the things there are, or asks something else after it.
    assert listed("Are there kinds of drone licence?")
    assert listed("is a drone licence needed what kinds are there")


def test_suggestions_hold_each_question_once_however_it_is_capitalised() -> None:
    from advisor.suggest import question_pool

    pool = question_pool(("What Does a Widget Engineer Do? > Duties", "Guide > What does a widget engineer do?",
                          "How Much Do They Earn?"))
    assert pool == ("What Does a Widget Engineer Do?", "How Much Do They Earn?")


def test_what_every_guide_says_leads_less_than_what_answers_the_question() -> None:
    from advisor.extractive import TypicalSentence
    from advisor.schema import Chunk

    emb = WordHashEmbedding()
    generic = "Welders get welding jobs and welding careers and welding prospects."
    specific = "Welders with bad backs rest them with shorter shifts."
    filler = ["Welding careers and welding jobs grow for welders.", "Welders find welding jobs and welding careers.",
              "Welding prospects and welding careers for welders."]
    chunks = [Chunk(chunk_id=f"k{i}", doc_id="d", text=t, title="T", section="S", publisher="P", url="", start=0,
                    end=len(t)) for i, t in enumerate([generic, specific, *filler])]
    mean = TypicalSentence(lambda: ("rev", chunks, None), emb)
    question = "do welders with bad backs get welding jobs"
    both = [passage(generic, 1), replace(passage(specific, 2, doc="e"), score=1.0)]  # retrieved alike
    plain, _ = ExtractiveAnswerer(emb).compose(question, both)
    weighed, _ = ExtractiveAnswerer(emb, typical=mean).compose(question, both)
    assert plain.startswith("Welders get welding jobs")  # without the guides' mean: the sentence like every other
    assert weighed.startswith("Welders with bad backs")
    assert mean() is mean()  # computed once per index revision


class _Synonyms(WordHashEmbedding):
    """Word hashing that reads a few everyday words as the guide's (a stand-in for a model's sense of meaning)."""

    same: ClassVar[dict[str, str]] = {"thru": "through", "courses": "education", "u": "i", "qualify": "become"}

    def _vec(self, text: str) -> list[float]:
        return super()._vec(" ".join(self.same.get(w, w) for w in re.findall(r"[a-z]+", text.lower())))


def test_a_yes_leads_for_its_own_question_asked_in_other_words(monkeypatch: pytest.MonkeyPatch) -> None:
    online = passage("Yes, you can become a land surveyor through online education.\n\nAccredited programmes teach "
                     "surveying law and mapping software remotely.", 1,
                     section="Surveying > Can I Become a Land Surveyor through Online Education?")
    field = passage("Field seasons teach surveyors to read terrain quickly, one county office said.", 2,
                    section="Field Work", doc="e")
    ex = ExtractiveAnswerer(_Synonyms())
    question = "can u qualify as a land surveyor thru online courses? no campus"
    text, _ = ex.compose(question, [online, field])
    assert text.startswith("Yes, you can become a land surveyor")
    monkeypatch.setattr("advisor.answer_rules.VERDICT_LIKENESS", 1.01)  # words alone: the shared ones are few
    text, _ = ex.compose(question, [online, field])
    assert not text.startswith("Yes,")
    # A heading that asks something else still keeps its "Yes" out of the lead.
    text, _ = ExtractiveAnswerer(_Synonyms()).compose("can u qualify as a land surveyor without a licence?",
                                                      [online, field])
    assert not text.startswith("Yes,")


def test_a_follow_up_that_asks_anew_takes_its_shape_from_what_it_asks(ex: ExtractiveAnswerer) -> None:
    # "how much does a welding course cost" then "and is it worth it?": a yes/no question, not one for figures.
    course = passage("A welding course costs about $4,000 in most states. Most welders say the course is worth it, "
                     "because employers ask for the certificate.", 1, section="Welding Courses")
    units = units_of([course])
    anew = f"and is it worth it?{EARLIER}how much does a welding course cost)"
    assert asked_now(anew) == "and is it worth it?" and NUMERIC_Q.search(anew)

    def figure_bonus(question: str) -> float:
        score, _, relevance, _ = ex._scores(question, units, [course])
        return float((score - relevance)[0] - (score - relevance)[1])  # same passage: the same prior

    assert figure_bonus(anew) == 0.0
    assert figure_bonus("how much does a welding course cost and is it worth it?") > 0.0  # folded plainly
    # The follow-up's own words weigh more than the earlier question's.
    weights = term_weights(anew, ["welding course", "welders worth", "cost"])
    assert weights["worth"] > weights["cost"]


def test_a_bare_how_much_asks_for_a_figure_only_after_a_question_that_did() -> None:
    assert not asks_amount(f"how much?{EARLIER}do weavers need to know knots?)")  # how much knot-tying
    assert not asks_amount(f"ok how much?{EARLIER}is weaving hard on the hands?)")
    assert asks_amount(f"how much?{EARLIER}what does a loom cost?)")
    assert asks_amount(f"how many?{EARLIER}do weavers need looms?)")  # a count is a figure whatever came before
    assert asks_amount(f"how long?{EARLIER}do weavers need to know knots?)")
    assert asks_amount("how much?") and asks_amount("how much do weavers earn?")


def test_whether_a_length_of_time_will_do_asks_for_one(ex: ExtractiveAnswerer) -> None:
    """A twenty-seventh probe: "could i be job-ready as an ML engineer in 4 months?" got "success in this field requires
    a genuine passion", as answered."""
    for asked in ("could i be job-ready as a weaver in 4 months?", "can i become a weaver in six months",
                  "is a year enough to become a weaver", "can i learn weaving within a few weeks?",
                  "ok good. could i realistically be job-ready in 4 months?"):
        assert asks_amount(asked), asked
    # ...and answered by a length of time, not a growth rate: only the first is scored up as a figure (the prior and
    # the rest are the same for two sentences of one passage).
    both = passage("Becoming a weaver typically takes two years. Weaver jobs are projected to grow by 40% from 2023 "
                   "to 2027.", 1, section="Weavers")
    from advisor.extractive import FIGURE_BONUS, units_of

    units = units_of([both])
    score, _, relevance, _ = ex._scores("could i become a weaver in 4 months?", units, [both])
    extra = {u.text[:8]: float(s - r) for u, s, r in zip(units, score, relevance, strict=True)}
    assert extra["Becoming"] - extra["Weaver j"] == pytest.approx(FIGURE_BONUS), extra
    for asked in ("what should i weave in 6 months", "i have 4 months of savings. what should i learn first?",
                  "can i become a weaver", "will there still be weaving jobs in 10 years",
                  "my visa is only 12 months. should i aim for weaving or knitting roles?"):
        assert not asks_amount(asked), asked


def test_a_count_of_time_takes_no_sum_of_money(ex: ExtractiveAnswerer) -> None:
    # A sixteenth probe: "how many hours a week do they work" got the salary table among the lines on hours: a
    # figure is favoured when an amount is asked, but a sum of money is no count of hours.
    from advisor.extractive import FIGURE_BONUS, units_of

    pay = [passage("Here are the average glassblower salary figures:\n\n- Entry-Level: US$ 48,000\n"
                   "- Senior: US$ 80,000", 1, section="Glassblower Salary")]
    units = units_of(pay)
    row = next(i for i, u in enumerate(units) if "US$ 48,000" in u.text)
    lead_in = next(i for i, u in enumerate(units) if u.text.startswith("Here are"))

    def favoured(question: str) -> float:
        score, _, relevance, _ = ex._scores(question, units, pay)
        return float((score - relevance)[row] - (score - relevance)[lead_in])  # the same passage: the same prior

    assert favoured("how many hours a week do glassblowers work") == pytest.approx(0.0)
    assert favoured("how long do glassblowers work per week") == pytest.approx(0.0)
    assert favoured("how much do glassblowers earn a year") == pytest.approx(FIGURE_BONUS)


def test_juniors_after_a_table_of_pay_name_its_entry_level_row(ex: ExtractiveAnswerer) -> None:
    """A twenty-first probe: "and for juniors?" after the pay table got the table's rows and a team lead's item;
    "junior" is the table's "Entry-Level", as "seniors" is its "Senior"."""
    pay = [passage("Here are the average glassblower salary figures:\n\n- Entry-Level: US$ 48,000\n"
                   "- Senior: US$ 80,000", 1, section="Glassblower Salary")]
    table = ("Here are the average glassblower salary figures: [1] - Entry-Level: US$ 48,000 [1] - Senior: "
             "US$ 80,000 [1]")
    for turn, row, other in (("and for juniors?", "48,000", "80,000"), ("and for seniors?", "80,000", "48,000")):
        text, _ = ex.compose(f"how much do glassblowers earn {turn}", pay, said=Said((table,), turn))
        assert row in text and other not in text, text


def test_the_first_rung_said_another_way_is_searched_as_a_table_says_it(monkeypatch: pytest.MonkeyPatch,
                                                                         make_settings: Any, corpus_copy: Any) -> None:
    """A twenty-first probe: "and for juniors?" after the pay table found the career ladder's junior rung, not the pay
    table, and was told there was no figure; searched as "entry-level" too, the table is found."""
    from advisor import build_advisor
    from advisor.answer_rules import rung_worded

    assert rung_worded("and for juniors?") == "and for entry-level?"
    assert rung_worded("whats a fresher's pay") == "whats a entry-level's pay"
    assert rung_worded("what do seniors earn") is None
    adv = build_advisor(make_settings(corpus_dir=corpus_copy))
    adv.ingest()
    searched: list[Sequence[str]] = []
    real = adv.retriever.retrieve

    def spy(question: str, k: int = 10, history: Any = None, mode: Any = "hybrid",
            alternates: Sequence[str] = ()) -> Any:
        searched.append(alternates)
        return real(question, k, history, mode, alternates)

    monkeypatch.setattr(adv.retriever, "retrieve", spy)
    adv.ask("what do junior welders earn?")
    assert any("what do entry-level welders earn?" in a for a in searched), searched
    searched.clear()  # ...only of an amount: "is anyone hiring junior devs" so worded found the pay table
    adv.ask("is anyone hiring junior welders?")
    assert not any("entry-level" in x for a in searched for x in a), searched
    asked_pay: list[Any] = [{"role": "user", "content": "what do welders earn?"},
                            {"role": "assistant", "content": "A lot."}]
    adv.ask("and for juniors?", asked_pay)
    assert any("entry-level" in x for a in searched for x in a), searched


def test_how_much_of_a_skill_asks_a_level_not_a_figure() -> None:
    assert not asks_figure("how much knot theory do i really need to become a weaver")
    assert not asks_figure("how much weaving is involved day to day")
    assert asks_figure("how much does a loom cost") and asks_figure("how much money do weavers make")
    assert asks_figure("how much salary can a weaver expect") and asks_figure("how many looms should i own")
    assert asks_figure("how much knot theory is taught, and what does the course cost")  # a sum asked too


def test_an_answer_never_opens_on_a_sentence_that_leans_on_another(ex: ExtractiveAnswerer) -> None:
    # The chunk goes on from the one before it (a section's first chunk opens on its heading): "This" points at
    # what the chunk before said, which is not quoted.
    step = passage("This is arguably the most important step for a glassblower portfolio. A glassblower portfolio "
                   "shows ten finished pieces and the kiln notes behind them.", 1, section="Build a Portfolio")
    text, _ = ex.compose("what goes in a glassblower portfolio, is it the most important step?", [step])
    assert text.startswith("A glassblower portfolio shows ten finished pieces")
    assert "This is arguably the most important step" not in text  # nor does it follow: it points at nothing quoted
    kept = passage("Kilns are the first glassblower purchase. " + step.text, 1, section="Build a Portfolio")
    text, _ = ex.compose("what goes in a glassblower portfolio, is it the most important step?", [kept])
    assert not text.startswith("This") and "This is arguably the most important step" in text  # it can follow
    # With nothing else to say, it is still said.
    alone = passage("However, most glassblowers learn the craft in a studio apprenticeship.", 1)
    assert ex.compose("how do glassblowers learn the craft?", [alone])[0].startswith("However")


def test_a_sentence_that_points_at_its_heading_is_never_quoted(ex: ExtractiveAnswerer) -> None:
    # Under "### Step 3: ...", "This is..." means the heading, which no answer quotes: alone it points at nothing,
    # and it does not introduce the list either (the rest of its paragraph does).
    step = passage("### Step 3: Build a Glassblower Portfolio\n\nThis is arguably the most important glassblower "
                   "step. A portfolio shows ten finished pieces and the kiln notes behind them.\n\n- Blow ten "
                   "glassblower goblets of one size for your first glassblower steps.\n- Photograph each piece in "
                   "daylight.", 2, section="Step 3: Build a Glassblower Portfolio", doc="e")
    units = units_of([step])
    assert [u.on_heading for u in units][:2] == [True, False]
    assert all(u.lead_in.startswith("A portfolio shows") for u in units if u.is_item)
    studio = passage("Helping your studio team on commissions gives first glassblower steps real weight.", 1)
    for question in ("what should my first glassblower steps be?", "what is the most important glassblower step?",
                     "what goes in a glassblower portfolio?"):
        text, _ = ex.compose(question, [studio, step])
        assert "This is arguably" not in text
    # Nor is it brought in as what a later "This ..." points back to: it points at nothing quoted itself.
    kiln = passage("### Annealing Glass\n\nThis is the slowest glassblowing step of all. This step needs a kiln held "
                   "at 500 degrees for a night.", 1, section="Annealing Glass")
    text, _ = ex.compose("what kiln does annealing glass need, at what degrees?", [kiln])
    assert text.startswith("This step needs a kiln") and "slowest" not in text
    # Without the heading before it, the same sentence leans on the sentence before, which can be quoted.
    assert not any(u.on_heading for u in units_of([passage("Kilns matter. " + step.text.split("\n\n", 1)[1])]))


def test_a_pointing_word_behind_a_connective_brings_the_sentence_it_points_to(ex: ExtractiveAnswerer) -> None:
    jobs = passage("Glassblowing is a growing trade with many new studio jobs every year. Critics say kilns will "
                   "replace glassblowers. Though that's possible, critics forget the many new studio jobs kilns create "
                   "in glassblowing.", 1, section="Why Glassblowing")
    text, _ = ex.compose("are there many new studio jobs in glassblowing?", [jobs])
    assert "Though that's possible" in text, text
    assert text.index("Critics say kilns") < text.index("Though that's possible"), text


def test_how_much_of_a_skill_is_not_answered_with_sums_of_money(ex: ExtractiveAnswerer) -> None:
    # A seventh probe: "how much maths do i need" opened on university tuition dollars (found for "how much").
    skill = passage("You need some glaze chemistry to pot well, mostly how oxides melt and colour a glaze.", 1,
                    section="Glaze Chemistry")
    fees = passage("Pottery school fees are around $9,000 a year, so potters need to plan how much to spend. The "
                   "cost of a pottery course varies a lot between schools.", 2, section="How Much Does Pottery School "
                   "Cost?", doc="e")
    text, _ = ex.compose("how much glaze chemistry do potters need", [fees, skill])
    assert "oxides melt" in text and "$9,000" not in text and "cost of a pottery course" not in text
    assert "$9,000" in ex.compose("how much does pottery school cost", [fees, skill])[0]  # a sum asked: given


def test_a_chain_of_sentences_pointing_back_comes_whole(ex: ExtractiveAnswerer) -> None:
    # A sixth probe: "This change usually means..." was quoted without "Disruptive technologies usually change the
    # employment landscape.": it came in for "However, it also means...", and was not itself followed back.
    lead = passage("Glassblowing studios open many new studio jobs for apprentices every year.", 1, section="Jobs")
    jobs = passage("Electric kilns usually change a craft a lot, and trades follow. This change usually ends some "
                   "older trades. However, it also creates many new studio jobs in glassblowing.", 2,
                   section="Why Glassblowing", doc="e")
    text, _ = ex.compose("are there many new studio jobs in glassblowing?", [lead, jobs])
    assert text.index("Electric kilns") < text.index("This change") < text.index("However, it also"), text


def test_a_follower_pointing_back_at_what_no_passage_holds_is_left_out(ex: ExtractiveAnswerer) -> None:
    # A fourth outsider probe: "Thus, online education can be a viable path..." opened a chunk (the sentence it
    # draws on ended the chunk before, not retrieved) and was quoted after a sentence of another guide.
    online = passage("Glassblowers can learn the trade online through video courses and studio kits at home.", 1,
                     section="Online", doc="e")
    cut = passage("Thus, glassblowers can learn the trade online too, provided they practise at a studio every "
                  "week. Online glassblowing courses cost little.", 2, section="Online")
    text, _ = ex.compose("can glassblowers learn the trade online?", [online, cut])
    assert text.startswith("Glassblowers can learn the trade online"), text
    assert "Thus" not in text, text


def test_another_guides_plain_answer_to_a_yes_no_question_must_be_on_point(ex: ExtractiveAnswerer) -> None:
    # A fourth outsider probe: "do ml engineers have good work life balance" ended on another guide's "The demand for
    # skilled Machine Learning Engineers continues to surge": the bar meant for a contrast let it through.
    balance = passage("The work life balance of glassblowers varies with the studio and its deadlines. However, many "
                      "studios offer glassblowers flexible hours for a better work life balance.", 1, section="Balance")
    demand = passage("The demand for skilled glassblowers keeps growing in every good studio.", 2, section="Outlook",
                     doc="e")
    question = "do glassblowers have a good work life balance?"
    text, _ = ex.compose(question, [balance, demand])
    assert "However, many studios" in text and "demand for skilled" not in text, text
    said = passage("Most glassblowers say their work life balance is good in small studios.", 2, section="Life",
                   doc="e")
    assert "Most glassblowers say" in ex.compose(question, [balance, said])[0]  # on point: the other guide's side


def test_a_sentence_announcing_a_list_is_quoted_only_with_it(ex: ExtractiveAnswerer) -> None:
    tasks = passage("Glassblowers perform the following tasks at the studio every day, although it varies by studio."
                    "\n\n- Gather molten glass on the blowpipe.\n- Shape goblets on the bench.", 1, section="Tasks")
    days = passage("Glassblowers work long days at the studio in the summer heat.", 2, section="Days", doc="e")
    text, _ = ex.compose("do glassblowers perform tasks at the studio every day?", [tasks, days])
    # Quoted only as the lead-in of its items, never alone.
    assert "varies by studio. [1]\n- Gather molten glass" in text, text


def test_a_follower_pointing_back_at_sales_talk_goes_with_it(ex: ExtractiveAnswerer) -> None:
    studio = passage("Glassblowers switch into the trade by practising at an open studio every week.", 1,
                     section="Switching")
    intro = passage("The world of glass is being reshaped, and glassblowers are at the heart of this revolution. This "
                    "career path for glassblowers is not just a job; glassblowers switch into it to build things.", 2,
                    section="Intro", doc="e")
    text, _ = ex.compose("how do glassblowers switch into the trade?", [studio, intro])
    assert text.startswith("Glassblowers switch into the trade") and "revolution" not in text, text
    assert "This career path" not in text, text


def test_an_item_follows_a_statement_on_its_own_words_not_its_lead_ins(ex: ExtractiveAnswerer) -> None:
    hands = passage("Every glassblower needs steady hands for shaping hot glass at the bench.", 1, section="Skills")
    studios = passage("Studios that hire glassblowers with steady hands and strong lungs:\n\n- Lamp makers in big "
                      "cities sell shades to hotels and shops.\n- Bottle plants near the ports fill orders for "
                      "breweries.", 1, section="Who Hires", doc="e")
    text, _ = ex.compose("do glassblowers need steady hands and strong lungs?", [hands, studios])
    assert text.startswith("Every glassblower needs steady hands") and "Lamp makers" not in text, text
    # A figure says what it is only under its lead-in: asked for an amount, it still follows.
    pay = passage("Glassblower pay depends on the studio and the city.", 1, section="Pay")
    figures = passage("Typical glassblower pay in studios, per year:\n\n- Entry-Level: US$ 31,000\n"
                      "- Senior: US$ 58,000", 2, section="Pay figures", doc="e")
    text, _ = ex.compose("how much is glassblower pay in studios per year?", [pay, figures])
    assert "US$ 31,000" in text, text


def test_a_connective_joins_only_what_its_own_passage_said_before_it() -> None:
    """Tenth and eleventh probes: "Additionally, considering how your strengths align..." and "However, many companies
    prioritize..." read as adding to or setting against a sentence of another guide. With nothing of its own passage
    quoted before it, the connective and its comma are left out (a blind judge preferred that in 9 of 14 pairs, the
    rest the same)."""
    ex = ExtractiveAnswerer(WordHashEmbedding(), max_points=2)
    hours = passage("Potters often work long hours at the wheel before a show.", 1, section="Hours", doc="a")
    perks = passage("Kilns are loud. However, many potters' studios offer flexible hours after a show.", 2,
                    section="Perks", doc="b")
    text, _ = ex.compose("do potters work long hours before a show", [hours, perks])
    assert "Many potters' studios offer flexible hours" in text and "However" not in text, text
    # Its own passage's sentence before it quoted first: the contrast is with what the answer says, and stays.
    same = passage("Potters often work long hours at the wheel before a show. However, many potters' studios offer "
                   "flexible hours after a show.", 1, section="Hours")
    text, _ = ex.compose("do potters work long hours before a show", [same])
    assert "[1] However, many potters' studios offer flexible hours" in text, text


def test_a_list_answer_never_opens_on_a_connective(ex: ExtractiveAnswerer) -> None:
    studios = passage("Glassblowing takes years to master.\n\nHowever, here are the studios that hire glassblowers:\n\n"
                      "- Art studios that sell blown vases.\n- Lamp makers who need shades.\n- Science glass shops.", 1,
                      section="Who Hires Glassblowers")
    text, citations = ex.compose("which studios hire glassblowers?", [studios])
    assert text.startswith("Here are the studios that hire glassblowers: [1]\n- Art studios"), text
    assert citations and "However" not in text
    # "Beyond the basics, you need to..." says where the list stands: an earlier probe called it dangling, but a
    # twenty-first read the list without it as what to learn first. Kept as the guide says it.
    beyond = passage("## Advanced Glassblowing\n\nBeyond the basics, you need to master these studio techniques:\n\n"
                     "- Cane work: pulling coloured rods.\n- Murrine: slicing patterned cane.", 1,
                     section="Advanced Glassblowing")
    text, _ = ex.compose("what studio techniques do glassblowers need to master?", [beyond])
    assert text.startswith("Beyond the basics, you need to master these studio techniques: [1]"), text
    # ...while "Beyond these tools, ..." points at what is not quoted, and goes.
    these = replace(beyond, text=beyond.text.replace("Beyond the basics", "Beyond these tools"))
    text, _ = ex.compose("what studio techniques do glassblowers need to master?", [these])
    assert text.startswith("You need to master these studio techniques: [1]"), text


def test_a_sales_line_in_a_list_item_does_not_keep_the_rest_of_it_out(ex: ExtractiveAnswerer) -> None:
    tools = passage("## Tools\n\nGlassblowers need a few tools:\n\n- Pipes: This is the undisputed king of "
                    "glassblowing tools. Mastery of blowpipes and jacks is essential for every glassblower.\n"
                    "- Kilns: the undisputed heart of the studio.", 1, section="Tools")
    items = [u.text for u in units_of([tools]) if u.is_item]
    # The label stays: what the item is about ("one tool stands above the rest" before it names none).
    assert items[0] == "Pipes: Mastery of blowpipes and jacks is essential for every glassblower."
    assert items[1] == "Kilns: the undisputed heart of the studio."  # nothing else to say: kept whole
    text, _ = ex.compose("do glassblowers need to master blowpipes and jacks?", [tools])
    assert text.startswith("Pipes: Mastery of blowpipes and jacks is essential"), text


def test_a_lead_in_sentence_about_the_article_is_left_out(ex: ExtractiveAnswerer) -> None:
    traits = passage("By now, you must be curious about what makes a good glassblower. Here is what a glassblower "
                     "should know:\n\n- How to gather molten glass on a blowpipe.\n- How to shape a goblet stem.\n"
                     "- How to anneal finished pieces in a kiln.", 1, section="What a Glassblower Should Know")
    text, _ = ex.compose("what should a glassblower know?", [traits])
    assert text.startswith("Here is what a glassblower should know: [1]\n- How to gather"), text
    assert "By now" not in text


def test_a_list_answer_opens_where_its_lead_in_stands_on_its_own(ex: ExtractiveAnswerer) -> None:
    steps = passage("This is the most important step. A glassblower portfolio proves your skill:\n\n"
                    "- Blow ten goblets of one size.\n- Photograph each piece in daylight.\n"
                    "- Keep the kiln notes for each piece.", 1, section="Build a Portfolio")
    text, _ = ex.compose("what should i put in my glassblower portfolio, which pieces?", [steps])
    assert text.startswith("A glassblower portfolio proves your skill: [1]\n- Blow ten goblets")


def test_a_comparison_of_two_roles_is_not_answered_by_one_of_other_roles(ex: ExtractiveAnswerer) -> None:
    # "ml engineer vs software engineer" was answered from a table of ML engineers vs data scientists.
    table = passage("| | Welder | Plumber |\n|---|---|---|\n| Main tools | torch and rods for every trade job |"
                    " wrenches and threaders for every trade job |", 1, section="Welder vs Plumber")
    both = passage("An electrician wires buildings while a plumber fits their pipes in every trade job.", 2,
                   section="Electricians", doc="e")
    text, _ = ex.compose("plumber vs electrician, which trade job is better?", [table, both])
    assert "Welder" not in text and text.startswith("An electrician wires buildings")
    text, _ = ex.compose("welder vs plumber, which trade job is better?", [table, both])
    assert "Welder" in text  # the table compares the two asked about
    # ...nor two places of work for one role (a thirty-fifth probe's "what's it like working as an ML engineer at
    # google vs meta" got the table of ML engineers vs data scientists), unless the question names the other side.
    rows = passage("Main tools: Pipe Welder: torch and rods for every trade job; Water Plumber: wrenches for every "
                   "trade job.", 1, section="Pipe Welder vs Water Plumber")
    shops = passage("A plumber's trade job varies with the shop, its deadlines and its culture.", 2, section="Shops",
                    doc="e")
    text, _ = ex.compose("what's it like working as a water plumber at acme vs quux", [rows, shops])
    assert "Welder" not in text and "A plumber's trade job varies" in text, text
    text, _ = ex.compose("water plumber versus pipe welding, which trade job is better", [rows, shops])
    assert "Welder" in text, text


def test_a_list_item_quoted_as_a_statement_loses_its_title(ex: ExtractiveAnswerer) -> None:
    # Out of its list, "How to Understand Software Development Methodologies." read as a broken sentence.
    traits = passage("Good beekeepers share some habits:\n\n- How to Read a Hive Calmly. Good beekeepers move slowly"
                     " and read the colony before they open a frame.\n- Patience. Hives change slowly.", 1,
                     section="Habits")
    text, _ = ex.compose("how do good beekeepers read the colony before they open a frame?", [traits])
    assert "Good beekeepers move slowly" in text and "How to Read a Hive Calmly" not in text


def test_which_one_to_pick_is_not_answered_by_every_option(ex: ExtractiveAnswerer) -> None:
    # "python or r or c++ which language should i learn first" got "learn one or more of the following: C++, Linux,
    # Python, R, ...": no pick. A sentence that picks one answers; a list of options does not.
    options = passage("If you have not learned these welding methods, learn one or more of the following:\n\n"
                      "- MIG\n- TIG\n- Stick", 1, section="Welding Methods")
    pick = passage("Most welding teachers start beginners on MIG welding because it is the easiest method to learn.",
                   2, section="Starting Out", doc="e")
    text, _ = ex.compose("mig or tig or stick, which welding method should i learn first", [options, pick])
    assert text.startswith("Most welding teachers start beginners on MIG") and "- TIG" not in text
    text, _ = ex.compose("which welding methods should i learn", [options, pick])
    assert "- TIG" in text  # asking for the methods, the list answers
    # Asked with "what" of one thing (a twenty-first probe: "what programming language should i start with" got
    # all seven side by side); not of several. (With these word-hash passages the statement wins either way, so the
    # pattern itself is what is checked.)
    assert ASKS_ONE.search("what welding method should i start with") and ASKS_ONE.search("what tool to learn first")
    # ...however it is spelt (a twenty-second probe: "wich programing langauge shud i lern first" got all seven).
    from advisor.lexical import chat_spelled

    assert ASKS_ONE.search(chat_spelled("wich welding method shud i start with"))
    assert not ASKS_ONE.search("what welding methods should i start with")
    assert not ASKS_ONE.search("what should i start with")  # names no thing: what comes first, not which one


def test_two_names_of_a_short_list_come_with_the_rest_of_it(ex: ExtractiveAnswerer) -> None:
    # A thirtieth probe: "is python enough or do i have to learn c++ too" got "learn one or more of the following:"
    # with C++ and Python alone under it, as if those were all the options.
    options = passage("If you have not learned these welding methods, learn one or more of the following:\n\n"
                      "- MIG\n- TIG\n- Stick\n- Flux", 1, section="Welding Methods")
    for asked in ("is mig enough or do i have to learn tig too", "do i need mig and tig welding methods"):
        text, _ = ex.compose(asked, [options])
        assert "- MIG" in text and "- TIG" in text and "- Stick" in text and "- Flux" in text, text


def test_rows_of_sums_answer_only_a_question_of_amounts_or_pay(ex: ExtractiveAnswerer) -> None:
    # A thirty-fifth probe: "no degree, just my military training and a security clearance. would anyone hire me" got
    # the pay table alone (its short rows came closer to the question than any sentence did).
    pay = passage("Here is what potters earn:\n\n- Entry-Level: US$ 40,000\n- Senior: US$ 90,000", 1, section="Pay")
    hiring = passage("Studios hire potters from many backgrounds, with or without a degree in ceramics.", 2,
                     section="Hiring", doc="e")
    for asked in ("no degree, just my army training. would anyone hire me", "would a studio take me on"):
        text, _ = ex.compose(asked, [pay, hiring])
        assert "US$" not in text and "Studios hire potters" in text, text
    for asked in ("what do potters earn", "is 35k good for a junior potter", "how much would i get starting out"):
        text, _ = ex.compose(asked, [pay, hiring])
        assert "US$ 40,000" in text, (asked, text)


def test_a_list_of_bare_names_is_never_cut_to_the_ones_asked_about(ex: ExtractiveAnswerer) -> None:
    # A thirty-fifth probe: "so i can just use javascript for ML?" got "learn one or more of the following:" with
    # JavaScript alone under it (as if the guides said it would do), and "i know javascript, does that help or do i
    # need python", after the whole list was quoted, got those two alone.
    options = passage("If you have not learned these welding methods, learn one or more of the following:\n\n"
                      "- MIG\n- TIG\n- Stick\n- Flux", 1, section="Welding Methods")
    every = ("- MIG", "- TIG", "- Stick", "- Flux")
    text, _ = ex.compose("so i can just weld with tig then?", [options])
    assert all(name in text for name in every), text
    quoted = "Learn one or more of the following: [1] - MIG [1] - TIG [1] - Stick [1] - Flux [1]"
    asked = "i already know tig, does that help at all or do i need mig"
    text, _ = ex.compose(asked, [options], said=Said((quoted,), asked))
    assert all(name in text for name in every), text


def test_a_sections_outline_is_its_opening_and_one_labelled_item_per_subsection(ex: ExtractiveAnswerer) -> None:
    # "what skills do i need to become an ML engineer" got one subsection's list (deep learning), never programming,
    # maths or MLOps: the core hands over the section's opening and each subsection's first passage.
    top = "Skills Every Glassblower Needs"
    opening = passage(f"## {top}\n\nTo succeed you need heat control, breath and patience.", 1, section=top)
    kids = [passage(f"### {n}. {name}\n\n{text}", n + 1, section=f"{top} > {n}. {name}") for n, (name, text) in
            enumerate([("Heat Control", "Glass moves only inside a narrow band of heat."),
                       ("Breath", "This is the undisputed king of skills. Steady breath shapes every bubble."),
                       ("Patience", "Annealing takes a whole night in the kiln.")], 1)]
    text, citations = ex.compose("what skills does a glassblower need", [opening, *kids])
    assert text.startswith("To succeed you need heat control, breath and patience. [1]\n- Heat Control: Glass moves")
    assert "- Breath: Steady breath shapes every bubble. [3]" in text and "undisputed" not in text  # no sales line
    assert "- Patience: Annealing takes" in text and len(citations) == 4
    from advisor.extractive import outline

    # An opening that only announces the items ("Here's a practical roadmap.") leads them: a sixth probe's
    # "whats the step by step roadmap" got that announcement alone.
    announced = passage(f"## {top}\n\nReady to start? Here's a practical, step-by-step roadmap.", 1, section=top)
    text, _ = ex.compose("what skills does a glassblower need", [announced, *kids])
    assert text.startswith("Here's a practical, step-by-step roadmap. [1]\n- Heat Control: Glass moves")
    assert outline([opening, kids[0], kids[1]]) is None  # fewer than three subsections: no outline
    assert outline([kids[0], opening, kids[1], kids[2]]) is None  # not opening first: ordinary passages


def test_what_an_earlier_answer_quoted_is_not_quoted_again() -> None:
    ex = ExtractiveAnswerer(WordHashEmbedding(), max_points=1)  # one sentence per answer: the other is left over
    hives = passage("How often beekeepers inspect a hive depends on the season. In spring, beekeepers inspect a"
                    " hive once a week, often during the swarm season.", 1, section="Hive Inspections")
    question = "how often do beekeepers inspect a hive"
    first, _ = ex.compose(question, [hives])
    # "why?" after that answer is the question asked again: the sentence said before is left out for the other.
    again, _ = ex.compose(question, [hives], said=Said(("Some chat first.", first), "why?"))
    assert again.strip() and re.sub(r" \[\d+\]", "", again) not in first and again.split(" [")[0] not in first
    # Said in another conversation (or not at all) changes nothing.
    assert ex.compose(question, [hives], said=Said(("Bees make honey from nectar.",), "why?"))[0] == first
    # When nothing new is near the point, only the best of it is said again, and the answer says so.
    lone = passage("Beekeepers inspect every hive once a week during the spring swarm season. Beekeepers wear"
                   " veils.", 1)
    aside = passage("Beeswax candles burn longer than paraffin candles sold in shops and markets.", 2, doc="e")
    alone, _ = ex.compose(question, [lone, aside])
    assert "once a week" in alone
    pieces = list(ex.stream(question, [lone, aside], Said((alone,), "is that normal?")))
    final = pieces[-1]
    assert isinstance(final, Answer) and final.lead == SAID_BEFORE and final.text.startswith(SAID_BEFORE)
    assert "once a week" in final.text and "candles" not in final.text


def test_the_reminder_is_what_the_last_answer_quoted() -> None:
    """A tenth probe: "can you give me an example of one" after the system-design round got "My guides say no more on
    this than I quoted above. In short:" and a sentence never quoted; the reminder is the best of what the last
    answer said."""
    ex = ExtractiveAnswerer(WordHashEmbedding(), max_points=2)
    rounds = passage("Kiln tests come in three rounds:\n  - Glaze Round: You glaze a bowl while the examiners watch."
                     "\n  - Firing Round: You plan a firing schedule for a stoneware kiln.", 2, section="Kiln Tests")
    # Found first, it scores best: never quoted, it is no reminder.
    worst = passage("Pressure to deliver many pots quickly is what potters like least about an example week.", 1,
                    section="Worst Aspects", doc="e")
    said = Said(("Kiln tests come in three rounds: [1] - Glaze Round: You glaze a bowl while the examiners watch. [1]"
                 " - Firing Round: You plan a firing schedule for a stoneware kiln. [1]",
                 "- Firing Round: You plan a firing schedule for a stoneware kiln. [1]"), "an example of one")
    pieces = list(ex.stream("can you give me an example of one (after: how do i prepare for the firing round)",
                            [worst, rounds], said))
    final = pieces[-1]
    assert isinstance(final, Answer) and final.text.startswith(SAID_BEFORE), final
    assert "firing schedule" in final.text and "Pressure" not in final.text


def test_the_reminder_for_an_item_asked_by_its_label_is_that_item() -> None:
    """A twenty-first probe: "the second one, how deep do i need to go" (asked as "Build an end-to-end project, ...")
    after a list quoted whole was reminded of the third item, which shares more of the question's other words."""
    ex = ExtractiveAnswerer(WordHashEmbedding(), max_points=2)
    steps = passage("Your portfolio of pots proves your skill:\n  - Find a glaze recipe you like.\n"
                    "  - Build a kiln: from bricks and clay to a working chimney.\n"
                    "  - Show your pots in a gallery: a kiln you build well is what galleries build on.", 1,
                    section="Portfolio")
    said = Said(("Your portfolio of pots proves your skill: [1] - Find a glaze recipe you like. [1] - Build a kiln: "
                 "from bricks and clay to a working chimney. [1] - Show your pots in a gallery: a kiln you build well "
                 "is what galleries build on. [1]",), "the second one, how deep do i need to go")
    final = list(ex.stream("Build a kiln, how deep do i need to go?", [steps], said))[-1]
    assert isinstance(final, Answer) and final.text.startswith(SAID_BEFORE), final
    assert "working chimney" in final.text and "gallery" not in final.text


def test_what_goes_on_from_a_sentence_said_before_opens_the_answer_and_the_rest_follows_in_order() -> None:
    """A ninth probe: "what about the second one" after a plan whose step 2 quoted "A bachelor's degree ... is the
    most common starting point" got the rest of that passage back to front ("Many successful ML Engineers are
    self-taught... However, a degree is not the only path."): "However, ..." could not open an answer, though what it
    leans on is what the answer before it said."""
    ex = ExtractiveAnswerer(WordHashEmbedding())
    start = passage("A license from a beekeeping school is the usual start for beekeepers. However, a license is not"
                    " the only way in. Many beekeepers learn from a neighbour who keeps hives.", 1, section="Start")
    said = Said(("1. Get Started: A license from a beekeeping school is the usual start for beekeepers. [1]",),
                "what about the first one")
    asked = "what about Get Started, is a license the only way in for beekeepers?"
    text, _ = ex.compose(asked, [start], said=said)
    assert text.startswith("However, a license is not the only way in. [1] Many beekeepers learn from a neighbour")
    # Not said before, "However, ..." never opens an answer.
    fresh, _ = ex.compose(asked, [start])
    assert not fresh.startswith("However")


def test_an_amount_no_passage_gives_is_not_answered_with_the_answer_before_again() -> None:
    # A sixth probe: "how many projects" after the portfolio advice got the same advice again, in full.
    ex = ExtractiveAnswerer(WordHashEmbedding(), max_points=1)
    advice = passage("Beekeepers keep hives in a sunny, sheltered spot near water. Beekeepers keep a few hives"
                     " so one weak colony can be merged into a strong one.", 1)
    first, _ = ex.compose("where do beekeepers keep hives", [advice])
    again, _ = ex.compose("how many hives do beekeepers keep", [advice], said=Said((first,), "how many hives"))
    assert again.split(" [")[0] not in first  # nothing gives the count: what was not said yet
    # Where a unit gives the amount, it is given again ("and a junior one?" after the pay table).
    pay = passage("Beekeepers earn $40,000 a year on average. Beekeepers sell honey at markets.", 1)
    paid, _ = ex.compose("what do beekeepers earn", [pay])
    assert "$40,000" in ex.compose("how much do beekeepers earn", [pay], said=Said((paid,), "how much"))[0]


TOOLS = passage("## Hive tools\n\nEvery beekeeper needs a few tools:\n\n- Smoker: calms the bees before the hive is"
                " opened.\n- Hive tool: prises frames apart without crushing bees.\n- Veil: keeps stings off the"
                " face and neck.", 1, section="Tools Beekeepers Use")
CARE = passage("The tools a beekeeper needs must be cleaned after each inspection so diseases do not spread between"
               " hives.", 2, section="Caring for Tools", doc="e")


def test_a_list_said_before_gives_the_item_asked_about_or_what_else_there_is() -> None:
    ex = ExtractiveAnswerer(WordHashEmbedding())
    question = "what tools does a beekeeper need"
    first, _ = ex.compose(question, [TOOLS, CARE])
    assert "Smoker" in first and "Veil" in first
    # "what about the smoker you mentioned?": that item, not the list again.
    thread = f"{question} what about the smoker you mentioned?"
    item, _ = ex.compose(thread, [TOOLS, CARE], Said((first,), "what about the smoker you mentioned?"))
    assert "Smoker" in item and "Veil" not in item and "cleaned" not in item
    # "anything else?": what the guides add, not the list again.
    more, _ = ex.compose(f"{question} anything else?", [TOOLS, CARE], Said((first,), "anything else?"))
    assert "Veil" not in more and "cleaned after each inspection" in more


class _MathIsMathematics(WordHashEmbedding):
    """Word hashing that reads "math" as "mathematics" (a stand-in for the model's 0.87 on the pair)."""

    def _vec(self, text: str) -> list[float]:
        return super()._vec(re.sub(r"\bmaths?\b", "mathematics", text.lower()))


def test_a_list_said_before_under_a_heading_the_turn_names_is_what_it_asks_for() -> None:
    """A fourteenth probe: "what math specifically do i need" after the list under "Core Mathematics and Statistics"
    got "Focus on not just what to use, but why it works" and a degree sentence: no item says "math", so the list
    was set aside as said before."""
    ex = ExtractiveAnswerer(_MathIsMathematics(), max_points=3)
    topics = passage("You need a grasp of a few key concepts:\n\n  - Algebra: vectors and matrices describe every"
                     " glaze recipe.\n  - Geometry: the curves of a thrown pot follow it closely.", 1,
                     section="Pottery Skills > Core Mathematics")
    degree = passage("At the very least, a potter should have an arts or mathematics degree from a college.", 2,
                     section="Education", doc="e")
    said = Said(("You need a grasp of a few key concepts: [1] - Algebra: vectors and matrices describe every glaze"
                 " recipe. [1] - Geometry: the curves of a thrown pot follow it closely. [1]",),
                "what math specifically do i need")
    asked = "can i still be a potter if im bad at math what math specifically do i need"
    text, _ = ex.compose(asked, [topics, degree], said=said)
    assert "Algebra" in text and "Geometry" in text, text
    # A turn whose words mean no heading's word sets the list aside as before; so does a yes/no question, which the
    # list does not answer ("is there a way around the math").
    for turn in ("what else", "thats a lot. is there a way around the math"):
        other, _ = ex.compose(f"can i still be a potter if im bad at math {turn}", [topics, degree],
                              said=Said(said.answers, turn))
        assert "Algebra" not in other, other


def test_a_list_quoted_before_whole_gives_the_items_a_turn_names() -> None:
    """A fourteenth probe: "what kind of coding questions do they ask" after the interview rounds (coding, system
    design, behavioral questions) got all three rounds again."""
    ex = ExtractiveAnswerer(WordHashEmbedding())
    question = "what tools does a beekeeper need"
    first, _ = ex.compose(question, [TOOLS, CARE])
    assert "Smoker" in first and "Veil" in first and "Hive tool" in first
    turn = "what do the smoker and veil do for bees"  # named by their labels
    again, _ = ex.compose(f"{question} {turn}", [TOOLS, CARE], Said((first,), turn))
    assert "Smoker" in again and "Veil" in again and "Hive tool" not in again, again


def test_short_items_quoted_before_count_as_said_as_words_of_their_own() -> None:
    from advisor.extractive import _said_before

    intro, group = "Learn these hive tools:", ("d", "Tools")
    units = [Unit("C++", 0, True, intro, group), Unit("R", 0, True, intro, group), Unit("Go", 0, True, intro, group)]
    said = _said_before(units, ["Learn one or more of these: C++, R and Rust. [1] Recruiters look for Golang."])
    assert said.tolist() == [True, True, False]  # "Go" only inside "Golang": not quoted


def test_an_amount_asked_again_gets_the_figures_again() -> None:
    ex = ExtractiveAnswerer(WordHashEmbedding())
    pay = passage("## Pay\n\nBeekeepers earn these amounts each year:\n\n- Apprentice: US$ 28,000\n- Median:"
                  " US$ 41,000\n- Master beekeeper: US$ 63,000", 1, section="Beekeeper Pay")
    question = "how much does a master beekeeper earn"
    first, _ = ex.compose(question, [pay])
    assert "28,000" in first
    # "and starting out?": folded into the question before it, it asks an amount, answered by the same table.
    again, _ = ex.compose(f"{question} and starting out?", [pay], Said((first,), "and starting out?"))
    assert "28,000" in again and not again.startswith(SAID_BEFORE)
    # ...but a follow-up naming one row of the table quoted before gets that row, not the table again (a probe).
    row, _ = ex.compose(f"{question} and for apprentices?", [pay], Said((first,), "and for apprentices?"))
    assert "28,000" in row and "63,000" not in row and "41,000" not in row, row
    assert "US$ 41,000" in ex.compose(f"{question} and the median?", [pay], Said((first,), "and the median?"))[0]


def test_why_after_an_amount_asks_a_reason_and_a_row_of_figures_never_comes_alone() -> None:
    """A ninth probe: "why is it so high" after the pay table got "My guides don't give a figure for exactly this"
    and the table again; and two of the table's three rows under its lead-in read as the whole table."""
    ex = ExtractiveAnswerer(WordHashEmbedding())
    pay = passage("## Pay\n\nBeekeepers earn these amounts each year:\n\n- Apprentice: US$ 28,000\n- Median:"
                  " US$ 41,000\n- Master beekeeper: US$ 63,000", 1, section="Beekeeper Pay")
    why = passage("Master beekeepers earn high pay because few people can keep hundreds of hives healthy.", 2,
                  section="Why", doc="e")
    question = "how much does a master beekeeper earn"
    assert asks_amount(question) and not asks_amount(f"{question} why is it so high")
    assert asks_amount(f"{question} why does it take how many years")  # the why's own words ask one
    first, _ = ex.compose(question, [pay, why])
    reason, _ = ex.compose(f"{question} why is it so high", [pay, why], Said((first,), "why is it so high"))
    assert reason.startswith("Master beekeepers earn high pay because") and "US$" not in reason, reason
    life = passage("A master beekeeper leads a team of apprentices and keeps hundreds of hives healthy.", 2,
                   section="Life", doc="e")
    # No amount asked, but money ("do well" alone asks no pay: a row of sums would be quoted for nothing, as the pay
    # table was for "would anyone hire me"; see test_rows_of_sums_answer_only_a_question_of_amounts_or_pay): a row
    text, _ = ex.compose("do master beekeepers do well financially", [life, pay])
    assert "US$ 63,000" in text and "US$ 28,000" in text and "US$ 41,000" in text, text


def test_list_items_an_earlier_answer_gave_are_left_out_of_the_rest() -> None:
    ex = ExtractiveAnswerer(WordHashEmbedding())
    ladder = passage("## Beekeeping career steps\n\nThe career steps for beekeepers are:\n\n- Apprentice beekeeper:"
                     " Learns the trade under a mentor. Tends ten hives.\n- Journeyman beekeeper: Runs an apiary"
                     " alone. Sells honey at markets.\n- Master beekeeper: Runs fifty hives. Trains apprentices.\n"
                     "- Bee inspector: Checks other apiaries for disease. Works for the state.", 1,
                     section="Beekeeper Career Steps")
    question = "what are the career steps for beekeepers"
    whole, _ = ex.compose(question, [ladder])
    assert "Master beekeeper" in whole and "Bee inspector" in whole
    # Said before as the advisor renders it: a marker after each sentence of an item.
    said = Said(("- Master beekeeper: Runs fifty hives. [1] Trains apprentices. [1]\n- Bee inspector: Checks other"
                 " apiaries for disease. [1] Works for the state. [1]",), "ok and after that?")
    rest, _ = ex.compose(f"{question} ok and after that?", [ladder], said)
    assert "Master beekeeper" not in rest and "Bee inspector" not in rest
    assert "- Apprentice beekeeper" in rest and "- Journeyman beekeeper" in rest


def test_what_goes_beyond_the_basics_is_not_what_to_learn_first(ex: ExtractiveAnswerer) -> None:
    """A twenty-third probe: "what would i actually need to learn first" got the deep-learning list under "Beyond the
    basics, you need to understand..."."""
    advanced = passage("Beyond the basics, you need to learn what beekeepers learn:\n\n- Queen rearing: what beekeepers"
                       " need to learn to raise queens.\n- Swarm control: what beekeepers learn to keep swarms home.",
                       1, section="Advanced Beekeeping")
    basics = passage("New keepers study hive anatomy and bee biology in their opening season.", 2,
                     section="Getting Started", doc="e")
    first, _ = ex.compose("what do beekeepers need to learn first", [advanced, basics])
    assert "Queen rearing" not in first and "hive anatomy" in first, first
    later, _ = ex.compose("what do beekeepers need to learn", [advanced, basics])
    assert "Queen rearing" in later  # asked nothing of order, the list answers


def test_a_bare_label_is_never_quoted_alone() -> None:
    """A twenty-fourth probe: "why?" after a list of bare labels ("Programming Skills", "Cloud Computing") got
    "Programming Skills [1]" alone: a label says nothing on its own, so its list is the reminder."""
    ex = ExtractiveAnswerer(WordHashEmbedding())
    labels = passage("## Useful Beekeeping Skills\n\n- Hive Handling Skills\n- Swarm Control Methods\n"
                     "- Honey Harvesting Practice", 1, section="Useful Beekeeping Skills")  # no lead-in
    first, _ = ex.compose("what skills does a beekeeper need", [labels])
    assert "Hive Handling Skills" in first and "Honey Harvesting Practice" in first, first
    why = [p for p in ex.stream("what skills does a beekeeper need why?", [labels], Said((first,), "why?"))
           if isinstance(p, Answer)][-1]
    assert why.lead == SAID_BEFORE and "Swarm Control Methods" in why.text and "Honey Harvesting" in why.text, why.text


def test_how_much_a_thing_matters_opens_on_a_statement_not_one_of_its_kinds(ex: ExtractiveAnswerer) -> None:
    """A twenty-fifth probe: "what about internships, how important are they" got the kinds of internship, not "While
    not mandatory, an internship gives you the necessary experience..."."""
    kinds = passage("Here are some common types of kiln apprenticeship that are often available:\n\n"
                    "- Studio apprenticeships: Large studios offer kiln apprenticeships with firing duties.\n"
                    "- Factory apprenticeships: Tile factories offer kiln apprenticeships on big kilns.\n"
                    "- School apprenticeships: Art schools offer kiln apprenticeships for their students.",
                    1, section="Kiln Apprenticeship Opportunities", doc="a")
    rule = passage("While not mandatory, a kiln apprenticeship gives you firing experience and contacts.", 2,
                   section="Consider an Apprenticeship", doc="b")
    text, _ = ex.compose("how important are kiln apprenticeships", [kinds, rule])
    assert text.startswith("While not mandatory, a kiln apprenticeship"), text
    assert HOW_MUCH_IT_MATTERS.search("how necessary is a glaze course")
    assert not HOW_MUCH_IT_MATTERS.search("how do i find a kiln apprenticeship")
    # Whether it is worth it, too (a twenty-sixth probe's "internship for ml... worth it or skip" got the kinds): the
    # statement, and none of the kinds after it; unless it asks which are.
    for worth in ("kiln apprenticeships... worth it or skip", "is it worth doing a kiln apprenticeship?"):
        text, _ = ex.compose(worth, [kinds, rule])
        assert text.startswith("While not mandatory, a kiln apprenticeship") and "Factory" not in text, (worth, text)
    assert WORTH_IT.search("are kiln apprenticeships worth it") and not WORTH_IT.search("which courses are worth it")
    assert WORTH_IT.search("is a kiln course worth the money")
    assert not WORTH_IT.search("is my experience worth anything")


def test_worth_it_opens_on_the_sentence_naming_the_thing_asked(ex: ExtractiveAnswerer) -> None:
    """"is kaggle worth it": the item naming Kaggle, not a general sentence about the field (the statement rule alone
    opened on "the field also demands perseverance")."""
    steps = passage("Build your portfolio step by step:\n\n"
                    "- Find a dataset: Find an interesting glaze dataset on a platform like Glazebank.\n"
                    "- Train a model: Fit a simple kiln model to it.", 1, section="Step 3: Portfolio", doc="a")
    field = passage("The glaze field also demands perseverance, adaptability and resilience in the face of change.", 2,
                    section="Should I Become a Potter?", doc="b")
    text, _ = ex.compose("is glazebank worth it", [steps, field])
    assert text.startswith("Find a dataset: Find an interesting glaze dataset"), text


def test_a_lead_that_echoes_the_question_is_followed_by_its_own_section(ex: ExtractiveAnswerer) -> None:
    """A twenty-ninth probe: "What's the Career Outlook for Machine Learning Engineers in the USA?", asked as the
    guide's own heading, got only the sentence that repeats it: the rest of the section shares fewer of its words."""
    outlook = passage("The kiln glazing outlook for potters in Ohio is bright, with strong growth in demand ahead. "
                      "Glazing shops in Ohio expect to hire a third more staff by 2030. "
                      "Factors behind this include new studios opening across the region.", 1,
                      section="What Is the Kiln Glazing Outlook for Potters in Ohio?")
    other = passage("Clay prices rose sharply last winter across most suppliers.", 2, section="Clay", doc="e")
    text, _ = ex.compose("What is the kiln glazing outlook for potters in Ohio?", [outlook, other])
    assert text.startswith("The kiln glazing outlook") and "a third more staff" in text, text
    assert "Clay prices" not in text  # another section is held to the usual bar
    # Not for a yes/no question, whose other side may follow; nor when something else already follows the lead.
    text, _ = ex.compose("Is the kiln glazing outlook for potters in Ohio bright?", [outlook, other])
    assert "a third more staff" not in text, text


def test_a_question_whether_something_is_needed_gets_the_side_that_says_it_is_not(ex: ExtractiveAnswerer) -> None:
    """A thirty-third probe: "do i need a degree yes or no" got "Yes, ... at least a bachelor's degree" and "But at
    the very least, you should have a ... degree" (a "but" on the same side), and none of the guides' "A degree is not
    the only path"."""
    from advisor.answer_rules import asks_need, says_not_needed

    assert asks_need("do i need a kiln degree yes or no") and asks_need("is a kiln licence required for students?")
    assert not asks_need("can i fire kilns without a licence?") and not asks_need("what do glassblowers earn?")
    assert not says_not_needed("But at the very least, you should have a glassblowing degree.")
    assert not says_not_needed("Most studios want glassblowers with a degree.")  # "want" ends in "nt", denies nothing
    assert says_not_needed("A degree is not the only path.") and says_not_needed("Many glassblowers are self-taught.")
    assert says_not_needed("Other studios dont need any degree.")
    # In the clause it turns to ("..., but a solid grasp is vital"), and of a need: a way of doing a thing without
    # another is no word on whether it is needed.
    assert not says_not_needed("While alternative paths can also lead to a studio, a glass arts degree is the start.")
    assert not says_not_needed("You don't need to be a chemist, but a solid grasp of glass is vital.")
    assert not says_not_needed("Online courses teach glassblowing without attending in-person classes.")
    assert says_not_needed("While not mandatory, an apprenticeship gives you contacts.")
    yes = passage("Yes, glassblowers typically have at least a degree in glass arts. But at the very least, you should "
                  "have a glass arts degree.", 1, section="Do I Need a Degree?")
    plain = passage("Most studios want glassblowers with a degree in glass arts.", 2, section="Hiring", doc="f")
    other = passage("Plenty of people take another route into the studio. A glass arts degree is not the only path "
                    "for glassblowers.", 3, section="Routes", doc="e")
    short = ExtractiveAnswerer(WordHashEmbedding(), max_points=2)  # the lead and one follower, then the other side
    text, _ = short.compose("do i need a glass arts degree to be a glassblower?", [yes, plain, other])
    assert "Yes, glassblowers typically" in text and "not the only path" in text, text
    # Said to differ, as the guides do (a probe read the two sides as the advisor contradicting itself)...
    assert text.startswith("My guides differ on this: Yes, glassblowers typically")
    # ...not when one guide says both, nor for a question of another kind.
    both = passage("Yes, glassblowers typically have at least a degree in glass arts. However, a glass arts degree is "
                   "not the only path for glassblowers.", 1, section="Do I Need a Degree?")
    assert not short.compose("do i need a glass arts degree to be a glassblower?", [both])[0].startswith("My guides")
    assert not short.compose("what degree do glassblowers have?", [yes, plain, other])[0].startswith("My guides")
    # ...nor when the other guide says nothing for a need ("However, here are some common types of internship" beside
    # "While not mandatory, an internship gives you..." read as differing in a dev dump).
    optional = passage("While not mandatory, an apprenticeship gives glassblowers contacts in the studio.", 1,
                       section="Apprenticeships")
    kinds = passage("However, many studios take on an apprenticeship glassblower for the summer season.", 2,
                    section="Kinds", doc="e")
    text = ex.compose("is an apprenticeship mandatory for glassblowers?", [optional, kinds])[0]
    assert "While not mandatory" in text and not text.startswith("My guides"), text
