"""The answer before in fewer sentences ("shorter pls"): which points are kept and how they are numbered."""

from __future__ import annotations

from advisor.brief import shortened
from advisor.schema import Citation, Passage
from advisor.scope import asks_shorter


def cite(n: int) -> Citation:
    return Citation(n, Passage(chunk_id=f"c{n}", text="", title="T", section="S", publisher="P", url="", doc_id="d",
                               score=1.0))


def test_the_first_points_are_kept_and_numbered_afresh() -> None:
    text = ("_Before I point you to a path: where do you start?_\n\nKilns are loud. [2] Potters wear ear plugs. [1] "
            "Glazes need a second firing. [3]\n\n_Next, you could ask: “What do potters earn?”_")
    body, cited = shortened(text, "", (cite(1), cite(2), cite(3)), 2)
    assert body == "Kilns are loud. [1] Potters wear ear plugs. [2]"  # no question back, no suggestion
    assert [(c.n, c.passage.chunk_id) for c in cited] == [(1, "c2"), (2, "c1")]


def test_a_partial_keeps_its_lead_out_of_the_count_and_a_table_of_figures_is_one_point() -> None:
    lead = "My guides may not answer exactly this. What they say that comes closest:"
    text = (f"{lead} Typical potter pay, per year: [1]\n- Entry-Level: US$ 31,000 [1]\n- Senior: US$ 58,000 [1]\n"
            "Pay depends on the studio. [2] Big cities pay more. [2]")
    body, cited = shortened(text, lead, (cite(1), cite(2)), 1)
    assert body == "Typical potter pay, per year: [1]\n- Entry-Level: US$ 31,000 [1]\n- Senior: US$ 58,000 [1]"
    assert [c.n for c in cited] == [1]
    # Items of any other list are points of their own, quoted as sentences, without their lead-in.
    listed = "Potters need two skills: [1]\n- Throwing: centring clay on the wheel. [1]\n- Glazing: mixing glazes. [1]"
    assert shortened(listed, "", (cite(1),), 1)[0] == "Throwing: centring clay on the wheel. [1]"
    assert shortened("My guides don't cover that.", "", (), 2) == ("", ())  # nothing cited: nothing to shorten


def test_asking_for_fewer_sentences_is_told_from_a_question() -> None:
    assert asks_shorter("shorter pls") == 2 and asks_shorter("tl;dr") == 2 and asks_shorter("too long") == 2
    assert asks_shorter("can you say that in like 2 sentences") == 2 and asks_shorter("in one sentence?") == 1
    assert asks_shorter("ok can you summarize it please") == 2 and asks_shorter("explain that in 3 sentences max") == 3
    # "the short version", after a remark of their own too (a fifteenth probe got the worst aspects of the job).
    assert asks_shorter("ok that sounds like a lot. give me the short version") == 2
    assert asks_shorter("whats the quick version") == 2 and asks_shorter("can you say that shorter") == 2
    # What they were told, summed up (a seventeenth probe got the best aspects of the job for it).
    assert asks_shorter("summarize what you told me") == 2 and asks_shorter("can you summarise everything") == 2
    assert asks_shorter("summarize all of that pls") == 2
    assert asks_shorter("can you summarize what you told me so far") == 2
    # ...in so many bullets (an eighteenth probe was told the guides say nothing about “bullets”)
    assert asks_shorter("summarise that in 3 bullets") == 3 and asks_shorter("can you put it in 2 bullet points") == 2
    assert asks_shorter("in one point pls") == 1
    # ...as bullet points (a twenty-third probe's "make that shorter, bullet points only" was searched).
    assert asks_shorter("Can you make that shorter, bullet points only?") == 2 and asks_shorter("shorter, in bullets")
    assert asks_shorter("bullet points only") == 0  # no shorter asked
    for question in ("is there a shorter path to becoming a potter", "summarize the skills potters need",
                     "in two years?", "whats a short pottery course", "is there a short version of the degree",
                     "i make pots. whats the short version of the kiln course?",
                     "what are the 3 main points of glazing", "summarize the 3 points a potter needs"):
        assert asks_shorter(question) == 0, question


def test_only_the_points_with_figures_when_asked_for_them() -> None:
    text = ("Potters love clay. [1] Typical potter pay, per year: [1]\n- Entry-Level: US$ 31,000 [1]\n"
            "- Senior: US$ 58,000 [1]\nA kiln costs $2,000 to run. [2] Glazes take time. [2]")
    body, cited = shortened(text, "", (cite(1), cite(2)), 3, figured=True)
    assert body == ("Typical potter pay, per year: [1]\n- Entry-Level: US$ 31,000 [1]\n- Senior: US$ 58,000 [1]\n"
                    "A kiln costs $2,000 to run. [2]")
    assert [c.n for c in cited] == [1, 2]
    assert shortened("Potters love clay. [1]", "", (cite(1),), 3, figured=True) == ("", ())
