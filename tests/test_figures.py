"""advisor.figures on hand-made passages: values, named sources, years, stale marking, and nothing invented."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.figures import VALUE, asked_kind, figures, guide_year, named_source, sum_kinds, values
from advisor.schema import STALE_LABEL, UNDATED_LABEL, Citation, Figure, Passage

TODAY = date(2026, 6, 1)


def passage(text: str, cid: str = "c1", as_of: str = "", publisher: str = "Guide Co",
            section: str = "S") -> Passage:
    return Passage(chunk_id=cid, text=text, title="T", section=section, publisher=publisher, url="", doc_id="d",
                   score=1.0, as_of=as_of)


def quoted(text: str, *passages: Passage, today: date = TODAY, max_age: int = 2) -> tuple[Figure, ...]:
    return figures(text, tuple(Citation(n, p) for n, p in enumerate(passages, 1)), today, max_age)


@pytest.mark.parametrize(("text", "value"), [
    ("Seniors earn US$ 208,000 a year.", "US$ 208,000"),
    ("Freshers get ₹8 LPA in Bengaluru.", "₹8 LPA"),
    ("Offers range from ₹8-12 LPA.", "₹8-12 LPA"),
    ("Juniors in Berlin start near €50k.", "€50k"),
    ("Remote roles pay 120k USD.", "120k USD"),
    ("Pay is $100,000 to $150,000 per year.", "$100,000 to $150,000"),
    ("Demand will grow by 40% by 2027.", "40%"),
    ("A bootcamp takes 3 to 6 months.", "3 to 6 months"),
    ("A bachelor's degree takes four years.", "four years"),
    ("A master's may require an additional one to two years of study.", "one to two years"),
])
def test_values_of_each_form(text: str, value: str) -> None:
    assert [m.group(0) for m in VALUE.finditer(text)] == [value]


@pytest.mark.parametrize("text", [
    "1. Learn Python first. [1]", "- Step 2 of 5: build a portfolio. [2]", "See [1] and [12] for more.",
    "The top 10 skills for 2024 are listed. [1]", "Python 3.11 is current. [1]", "I am 25 years old. [1]",
    "In the coming years, many firms will hire. [1]", "Call 555-0100 for details. [1]",
])
def test_plain_numbers_list_numbering_and_markers_are_not_figures(text: str) -> None:
    assert values(text) == []
    assert quoted(text, passage(text)) == ()


@pytest.mark.parametrize(("sentence", "source"), [
    ("Here are the average salary figures according to Glassdoor:", "Glassdoor"),
    ("Glassdoor reports a median of US$ 156,000.", "Glassdoor"),
    ("Entry pay is $90,000 (Source: PayScale).", "PayScale"),
    ("Per the BLS, jobs will grow 23% by 2032.", "BLS"),
    ("According to data from 365 Data Science, demand will grow by 40%.", "365 Data Science"),
    ("The U.S. Bureau of Labor Statistics projects 23% growth.", "U.S. Bureau of Labor Statistics"),
    ("According to hiring managers, most job seekers lack skills.", ""),  # not a named source
    ("It reports a 40% rise.", ""),
    ("Salaries average $120,000 per year.", ""),
])
def test_named_sources(sentence: str, source: str) -> None:
    assert named_source(sentence) == source


def test_year_beside_the_figure_wins_over_the_guide_and_a_range_end_is_not_a_date() -> None:
    text = "According to data from 365 Data Science, demand is projected to grow by 40% from 2023 to 2027."
    [f] = quoted(text + " [1]", passage(text, as_of="2025"))
    assert (f.value, f.kind, f.source, f.as_of) == ("40%", "growth", "365 Data Science", "2023")
    assert quoted(text + " [1]", passage(text), today=date(2030, 1, 1))[0].as_of == "2023"  # 2027 is the horizon
    [g] = quoted("Tuition was $11,404 in 2022. [1]", passage("Tuition was $11,404 in 2022.", as_of="2025"))
    assert g.as_of == "2022" and g.kind == "tuition"
    [h] = quoted("Pay reached $130,000 (2021). [1]", passage("Pay reached $130,000 (2021)."))
    assert h.as_of == "2021"


def test_guide_as_of_dates_a_figure_without_a_year_and_none_says_date_unknown() -> None:
    text = "Entry-level engineers earn $95,000 a year."
    [f] = quoted(text + " [1]", passage(text, as_of="2024-05-01"))
    assert f.as_of == "2024" and not f.stale and "as of 2024" in f.label
    [g] = quoted(text + " [1]", passage(text))
    assert g.as_of == "" and not g.stale and UNDATED_LABEL in g.label and STALE_LABEL not in g.label
    assert guide_year("May 2024", TODAY) == "2024" and guide_year("soon", TODAY) == "" \
        and guide_year("2031", TODAY) == ""  # a future year is no as-of date


def test_stale_marking_follows_the_injected_today_and_the_max_age() -> None:
    text = "Engineers earn $95,000 a year."
    p = passage(text, as_of="2023")
    assert not quoted(text + " [1]", p, today=date(2025, 1, 1))[0].stale  # two years old: not over the limit
    old = quoted(text + " [1]", p, today=date(2026, 1, 1))[0]
    assert old.stale and old.label.endswith(f"as of 2023 ({STALE_LABEL}) [1]")
    assert not quoted(text + " [1]", p, today=date(2026, 1, 1), max_age=5)[0].stale


def test_a_list_item_takes_the_source_its_lead_in_names() -> None:
    text = ("Here are the average salary figures according to Glassdoor:\n\n"
            "  - Entry-Level: US$ 118,000\n  - Senior: US$ 208,000\n")
    found = quoted("- Entry-Level: US$ 118,000 [1]\n- Senior: US$ 208,000 [1]", passage(text, publisher="unknown"))
    assert [(f.value, f.source, f.kind, f.n) for f in found] == [("US$ 118,000", "Glassdoor", "salary", 1),
                                                                 ("US$ 208,000", "Glassdoor", "salary", 1)]
    assert found[0].label == f"US$ 118,000 — Glassdoor, {UNDATED_LABEL} [1]"  # an unknown publisher is not named


def test_kinds_from_the_words_around_the_figure() -> None:
    cases = {"Undergraduates can expect to pay around $10,162 a year.": "tuition",
             "The national average salary is $59,428.": "salary",
             "More than 50% of the curriculum is engineering.": "other",
             "Most bootcamps last 6 months.": "duration"}
    for text, kind in cases.items():
        assert [f.kind for f in quoted(text + " [1]", passage(text))] == [kind], text


def test_the_kind_of_sum_a_question_asks_for_and_a_text_holds() -> None:
    assert asked_kind("what would a pottery apprenticeship cost me") == "tuition"
    assert asked_kind("how much will i pay for evening classes") == "tuition"
    assert asked_kind("how much do potters earn in their first year") == "salary"
    assert asked_kind("how potters live") is None  # no kind named: any sum may answer
    # What people "make" is their pay, whoever they are ("how much do they make tho" got tuition fees beside the pay
    # table: a thirty-fourth probe), not the college of "college degree".
    assert asked_kind("how much do potters make") == "salary"
    assert asked_kind("how much do potters with a college degree make") == "salary"
    assert asked_kind("how much does it cost to make a kiln") == "tuition"
    # "the pay for" is what people earn, "pay for" what someone pays (a dev dump: "What's the typical pay for machine
    # learning engineers?" read as tuition lost the national average beside the pay table).
    assert asked_kind("what's the typical pay for potters?") == "salary"
    assert asked_kind("what do i pay for a kiln course") == "tuition"
    assert asked_kind("potters usually pay around $120") is None  # what they pay: no salary
    assert sum_kinds("- Junior: US$ 31,000", ("Pottery wages by level:",)) == {"salary"}
    assert sum_kinds("Kilns run for 12 hours at a stretch.", ()) == frozenset()  # no sum of money


def test_a_figure_no_cited_passage_holds_is_never_labelled() -> None:
    held = passage("Seniors earn US$ 208,000 a year.", "c1")
    other = passage("Juniors earn US$ 118,000 a year.", "c2")
    # A changed number, a figure cited to the wrong passage, and one with no marker at all.
    text = "Seniors earn US$ 250,000 a year. [1] Juniors earn US$ 118,000 a year. [1] Median is $156,000."
    assert quoted(text, held, other) == ()
    found = quoted("Seniors earn US$ 208,000 a year. [1][2] Juniors earn US$ 118,000 a year. [1][2]", held, other)
    cited = {1: held, 2: other}
    assert [(f.value, f.n) for f in found] == [("US$ 208,000", 1), ("US$ 118,000", 2)]
    assert all(f.value in cited[f.n].text and f.chunk_id == cited[f.n].chunk_id for f in found)


def test_source_and_year_the_answer_adds_are_ignored_unless_the_passage_says_them() -> None:
    text = "Seniors earn US$ 208,000 a year."
    [f] = quoted("According to PayScale, seniors earn US$ 208,000 a year in 2025. [1]", passage(text))
    assert f.source == "" and f.as_of == ""  # a model's embellishment is not vouched for
    [g] = quoted("Seniors earn US$ 208,000 a year, per Glassdoor. [1]",
                 passage("Seniors earn US$ 208,000 a year, per Glassdoor (2024)."))
    assert g.source == "Glassdoor" and g.as_of == "2024"


def test_framing_lines_are_skipped_and_repeats_listed_once() -> None:
    text = "Seniors earn US$ 208,000 a year."
    answer = f"{text} [1]\n{text} [1]\n\n_Next, you could ask: “Is $500,000 possible?”_"
    assert [f.value for f in quoted(answer, passage(text))] == ["US$ 208,000"]
    assert values(answer) == ["US$ 208,000", "US$ 208,000"]


def test_figure_to_dict_carries_every_field_and_the_label() -> None:
    [f] = quoted("Seniors earn US$ 208,000 a year. [1]", passage("Seniors earn US$ 208,000 a year.", as_of="2021"))
    d = f.to_dict()
    assert set(d) == {"value", "kind", "source", "publisher", "as_of", "stale", "chunk_id", "n", "caption", "label"}
    assert d["label"] == f"US$ 208,000 — Guide Co, as of 2021 ({STALE_LABEL}) [1]" and d["stale"] is True


def test_long_hostile_text_is_read_in_linear_time() -> None:
    import time

    for text in ["Abc " * 5000, "Ab of " * 5000, "1" * 20000 + "%", "one to " * 5000, "in 2020 " * 3000]:
        started = time.perf_counter()
        quoted(text + " [1]", passage(text))
        named_source(text)
        assert time.perf_counter() - started < 2, text[:20]  # was tens of seconds with unbounded names
