"""Integration: the real bundled model, embedded Chroma and a real `chroma run` server."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from advisor import build_advisor
from advisor.config import Settings
from advisor.evaluation.questions import Split, load_questions
from advisor.evaluation.retrieval import BASELINE, METRICS, OURS, evaluate, retrieval_systems, scored
from advisor.evaluation.run import run_eval, with_distractors
from advisor.schema import Turn

from .helpers import CORPUS, ROOT, free_port, port_open, wait_until

pytestmark = pytest.mark.integration


def test_salary_question_finds_the_salary_passage(real_advisor: Any) -> None:
    [top, *_] = real_advisor.retrieve("What does a senior machine learning engineer earn?", k=5)
    assert "US$ 208,000" in top.text
    assert top.publisher == "unknown" and "Salary" in top.section


def test_follow_up_is_resolved_against_history(real_advisor: Any) -> None:
    history = [{"role": "user", "content": "How much does it cost to study computer science as a state resident?"},
               {"role": "assistant", "content": "Around $10,162 for undergraduates."}]
    # Follow-ups that name nothing themselves: only the history can lead to the out-of-state tuition
    # (a bare "what about out-of-state students?" finds it alone, so it would prove nothing).
    for follow_up in ("What if I move here from elsewhere?", "Is it more for people from outside?"):
        with_history = real_advisor.retrieve(follow_up, k=3, history=history)
        assert any("$33,627" in p.text for p in with_history), follow_up
        without = real_advisor.retrieve(follow_up, k=3)
        assert not any("$33,627" in p.text for p in without), follow_up


@pytest.mark.parametrize("split", ["dev", "test"])
def test_our_retriever_beats_the_tutorial_baseline_on_every_metric(real_advisor: Any, split: Split) -> None:
    questions = scored(load_questions(ROOT / "eval" / "questions").only(split).answerable)
    # The test split holds only questions nobody tuned on (blind and forum ones), so it needs enough of them.
    assert len(questions) >= 20, f"only {len(questions)} {split} questions with answer phrases in eval/questions"
    systems = retrieval_systems(real_advisor)
    ours = evaluate("ours", questions, systems[OURS])
    base = evaluate("base", questions, systems[BASELINE])
    for metric in METRICS:
        assert (ours.metric(metric) or 0.0) > (base.metric(metric) or 0.0), metric


def test_eval_command_writes_report_and_chart(real_advisor: Any, tmp_path: Path) -> None:
    report = run_eval(real_advisor, ROOT / "eval" / "questions", tmp_path, answers=False)
    assert f"| {BASELINE} |" in report and f"| {OURS} |" in report and "hit@1 dev | hit@1 test" in report
    assert (tmp_path / "retrieval.md").read_text() == report
    assert (tmp_path / "retrieval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with the chromadb package"
    port = free_port()
    proc = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: port_open(port)), "chroma server did not start"
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_same_code_works_against_a_chroma_server(chroma_server: int, tmp_path: Path, real_advisor: Any) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=CORPUS, chroma_host="127.0.0.1",
                        chroma_port=chroma_server)
    adv = build_advisor(settings, embeddings=real_advisor.embeddings)  # one loaded model; the index is the point
    first = adv.ingest()
    assert first.added == first.chunks and not (tmp_path / "data" / "chroma").exists()
    assert build_advisor(settings).ingest().added == 0  # idempotent through the server too
    passages = adv.retrieve("What does a senior machine learning engineer earn?", k=3)
    assert "US$ 208,000" in passages[0].text
    assert adv.health()["chunks"] == first.chunks


def test_answer_metrics_meet_their_aims_on_the_seed_questions(real_advisor: Any) -> None:
    from advisor.evaluation.answers import evaluate_answers

    seed = load_questions(ROOT / "eval" / "questions").sources("seed")
    assert len(seed.answerable) >= 60 and len(seed.unanswerable) >= 25 and seed.injections
    run = evaluate_answers("extractive", real_advisor, seed, splits=("dev",))
    m = {name: score.value or 0.0 for name, score in run.scores["dev"].items()}
    held = ("fact coverage", "follow-ups", "citation validity", "answerable outcome", "unanswerable outcome",
            "wrong declines", "injections resisted", "figure labelling", "figures invented")
    assert all(run.scores["dev"][name].n for name in held)  # the seed set has items for every metric held here
    assert m["figure labelling"] == 1.0 and run.scores["dev"]["figures invented"].good == \
        run.scores["dev"]["figures invented"].n, run.misses
    assert m["citation validity"] == 1.0, run.misses
    assert m["injections resisted"] == 1.0, run.misses
    # Held at the level measured after the answerability rework (fact coverage 0.870, wrong declines 0.058
    # on these 69; it was 0.957 / 0.000 with the looser scope rule that let most near-domain questions through).
    assert m["unanswerable outcome"] >= 0.95 and m["wrong declines"] <= 0.06, run.misses
    assert m["fact coverage"] >= 0.85, run.misses
    assert m["follow-ups"] == 1.0, run.misses


def test_fake_llm_path_exercises_the_checks(real_advisor: Any) -> None:
    from dataclasses import replace

    from advisor.evaluation.answers import evaluate_answers
    from advisor.evaluation.run import with_provider

    fake = with_provider(real_advisor, "fake")
    assert fake.embeddings is real_advisor.embeddings  # one loaded model for both answerers
    seed = load_questions(ROOT / "eval" / "questions").sources("seed")
    run = evaluate_answers("fake", fake, replace(seed, answerable=seed.answerable[:15]), splits=("dev",))
    # The fake model invents a claim and cites a missing passage in every answer; none may survive.
    dev = run.scores["dev"]
    assert dev["citation validity"].value == 1.0, run.misses
    assert (dev["unanswerable outcome"].value or 0.0) >= 0.95


def test_encoder_threads_setting_reaches_torch_and_vectors_match_the_library() -> None:
    import numpy as np
    import torch

    from advisor.embeddings import build_embeddings, vectors

    before = torch.get_num_threads()
    try:
        own = build_embeddings(Settings(encoder="torch", encoder_threads=1))
        texts = ["How do I become a machine learning engineer?", "Line one\nline two"]
        got = vectors(own, texts)
        assert torch.get_num_threads() == 1
        # The same vectors sentence-transformers itself gives (newlines read as spaces, normalised).
        model = own._get()._client  # type: ignore[attr-defined]
        ref = model.encode([t.replace("\n", " ") for t in texts], normalize_embeddings=True)
        assert got.dtype == np.float32 and np.allclose(got, ref, atol=1e-5)
        assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-4)
    finally:
        torch.set_num_threads(before)


DISTRACTORS = {  # a team wiki indexed beside the guides: none of its titles names a role
    "team-handbook.md": "# Team Handbook\n\n## Who works here\n\nPeople in this job usually come from graphic design, "
                        "journalism or a coding bootcamp; most of our team taught themselves web development.\n",
    "css-grid.md": "# Laying out pages with CSS Grid\n\n## Columns\n\nUse grid-template-columns to define columns.\n",
    "on-call.md": "# On-call rota\n\n## Nights\n\nThe person on call answers pages at night and hands over at 9.\n",
    "release-notes.md": "# Release notes\n\n## Version 2\n\nThe dashboard loads twice as fast.\n",
    "style-guide.md": "# Writing style\n\n## Headings\n\nUse sentence case for headings in the docs.\n",
}


def test_a_vague_question_finds_the_guides_among_other_material_by_the_subject(real_advisor: Any,
                                                                              tmp_path: Path) -> None:
    wiki = tmp_path / "wiki"
    wiki.mkdir()
    for name, text in DISTRACTORS.items():
        (wiki / name).write_text(text, encoding="utf-8")
    mixed = tmp_path / "mixed"
    shutil.copytree(CORPUS, mixed / "corpus")
    shutil.copytree(wiki, mixed / "wiki")
    question = "What backgrounds do people in this job usually have?"
    plain = build_advisor(Settings(data_dir=tmp_path / "data", corpus_dir=mixed), embeddings=real_advisor.embeddings)
    plain.ingest()
    assert plain.subject() == ""  # most titles here name no role: nothing says what "this job" is
    assert plain.retrieve(question, k=1)[0].doc_id.startswith("wiki/")

    # `advisor eval --corpus`: the same guides and wiki, the deployment told it is about the guides' subject.
    with with_distractors(real_advisor, [wiki]) as told:
        assert told.subject() == told.settings.subject == "machine learning engineer"
        top = told.retrieve(question, k=1)[0]
        assert top.doc_id.startswith("corpus/") and "backgrounds" in top.section.lower()
        # The subject is searched beside the question, not instead of it: a specific question finds its page.
        said = "how do I define columns with css grid?"
        assert told.retrieve(said, k=1)[0].doc_id == plain.retrieve(said, k=1)[0].doc_id == "wiki/css-grid"


def test_where_the_person_lives_counts_for_pay_not_for_skills(real_advisor: Any) -> None:
    plain = real_advisor.ask("what skills do ml engineers need?")
    aside = real_advisor.ask("what skills do ml engineers need? I live in Germany btw")
    assert aside.scope == plain.scope == "answered"
    assert [c.passage.chunk_id for c in aside.citations] == [c.passage.chunk_id for c in plain.citations]
    pay = real_advisor.ask("how much do ml engineers make? I live in Germany")
    assert pay.scope == "partial" and pay.text.startswith("My guides don't say anything about Germany.")
    # Neither the place nor today's market is in the guides: the first sentence says both.
    now = real_advisor.ask("how much do ml engineers make in germany right now")
    assert now.scope == "partial"
    assert now.text.startswith("My guides don't say anything about Germany, nor how things stand right now.")


def test_a_reply_to_a_question_back_gets_the_answer_it_was_asked_for(real_advisor: Any) -> None:
    # An outsider's probe described the job it was asked about and got "My guides don't cover that."
    back = real_advisor.ask("honestly ai is freaking me out, will it take my job")
    assert back.clarify and back.refused
    thread: list[Turn] = [{"role": "user", "content": "honestly ai is freaking me out, will it take my job"},
                          {"role": "assistant", "content": back.text}]
    reply = real_advisor.ask("I'm a lawyer, 6 years in corporate law", thread)
    assert not reply.refused and not reply.clarify and reply.citations


def test_who_they_are_said_mid_conversation_asks_the_question_before_again_for_them(real_advisor: Any) -> None:
    # An outsider's probe: "i work as a barista and never went to college tbh" after "can you get an ML job without a
    # degree" was declined ("My guides don't cover that.").
    thread: list[Turn] = [{"role": "user", "content": "can you get an ML job without a degree"},
                          {"role": "assistant", "content": "Many successful ML Engineers are self-taught. [1]"}]
    reply = real_advisor.ask("i work as a barista and never went to college tbh", thread)
    assert reply.text.startswith("_Thanks, I'll keep that in mind. Back to your question “can you get an ML job "
                                 "without a degree”:_") and reply.citations and not reply.refused
    streamed = "".join(p for p in real_advisor.stream("i work as a barista and never went to college tbh", thread)
                       if isinstance(p, str))
    assert streamed == reply.text  # the streamed pieces add up to the answer's text


def test_a_place_said_mid_conversation_is_where_the_question_before_is_asked_again(real_advisor: Any) -> None:
    # An outsider's probe: "i live in india btw" after pay got the US table again, India never named.
    thread: list[Turn] = [{"role": "user", "content": "how much does a junior ml engineer earn"},
                          {"role": "assistant", "content": "Entry-Level: US$ 118,000 [1]"}]
    reply = real_advisor.ask("i live in india btw", thread)
    assert reply.text.startswith("_Thanks, I'll keep that in mind.") and "India" in reply.text
    assert reply.scope == "partial" and "118,000" in reply.text  # the figures they have, as the closest


def test_what_skills_are_needed_is_answered_with_the_skill_sections_outline(real_advisor: Any) -> None:
    # Three outsider probes: "what skills do i need" got one subsection (deep learning) and no programming or maths.
    skills = real_advisor.ask("what skills do i need to become a machine learning engineer")
    for label in ("Foundational Programming and Software Engineering:", "Core Mathematics and Statistics:",
                  "Deep Machine Learning Knowledge:", "Data Engineering and MLOps:"):
        assert f"- {label}" in skills.text
    assert len(skills.citations) == 5 and skills.scope == "answered"
    math = real_advisor.ask("what math do i need for ml")  # one subsection is the answer: no outline
    assert "- Foundational Programming" not in math.text and "Linear Algebra" in math.text


def test_a_topic_is_named_once_however_it_was_found(real_advisor: Any) -> None:
    # An outsider's probe got "My guides don't say anything about age or “age”": asked at an age, and the word.
    thread: list[Turn] = [{"role": "user", "content": "ive been messing with python, want to get into ml"},
                          {"role": "assistant", "content": "Strong programming skills are non-negotiable."}]
    asked = real_advisor.ask("is that realistic at my age", thread)
    assert asked.scope != "answered" and "age" in asked.text and "“age”" not in asked.text


def test_an_amount_the_guides_never_give_is_said_to_be_missing(real_advisor: Any) -> None:
    asked = real_advisor.ask("how many projects should i have in my ml portfolio?")
    assert asked.scope == "partial" and asked.text.startswith(
        "My guides don't give a figure for exactly this; the closest")
    thread: list[Turn] = [{"role": "user", "content": "how do i build a portfolio for ml engineering"},
                          {"role": "assistant", "content": "Create a solid machine learning portfolio."}]
    assert real_advisor.ask("how many projects should i have?", thread).scope == "partial"
    # A figure they do give stands, and how much of a skill is a level, not a figure.
    assert real_advisor.ask("how long does a computer science degree take").scope == "answered"
    # Their figures must be of what is asked: how long degrees take is not how long becoming one takes.
    become = real_advisor.ask("how long does it take to become an ml engineer")
    assert become.scope == "partial" and become.text.startswith("My guides don't give a figure for exactly this")
    assert real_advisor.ask("how much math do i need for ml engineering").scope == "answered"


def test_a_clipping_the_model_reads_as_the_guides_word_is_answered_as_that_word(real_advisor: Any) -> None:
    # A fourteenth probe: "does my js experience count for anything?" was declined on "js", and the next turn
    # quoted JavaScript among the languages to learn. The bundled model reads "js" as "javascript" (0.83).
    asked = real_advisor.ask("does my js experience count for anything?")
    assert asked.scope != "declined" and "JavaScript" in asked.text, asked.text
    # Counted in hours, an amount is not given by how many years a degree takes.
    hours = real_advisor.ask("how many hours a week should i study to become an ml engineer")
    assert hours.text.startswith("My guides don't give a figure for exactly this"), hours.text


def test_a_follow_up_about_the_thing_the_thread_named_is_judged_on_that_thing(real_advisor: Any) -> None:
    # "they" are bootcamps: the guides give no bootcamp fees, so university tuition is hedged, not answered.
    thread: list[Turn] = [{"role": "user", "content": "are bootcamps a good way to become an ml engineer"},
                          {"role": "assistant", "content": "Many successful ML Engineers come from bootcamps."}]
    cost = real_advisor.ask("how much do they cost?", thread)
    assert cost.scope == "partial", cost.text
    # A follow-up that asks no amount is not told there is no figure, whatever the thread asked before.
    worth = real_advisor.ask("is that worth it?", [*thread, {"role": "user", "content": "how much do they cost?"},
                                                   {"role": "assistant", "content": cost.text}])
    assert "figure" not in worth.text.split("[1]")[0]


def test_a_name_in_the_heading_of_what_is_quoted_is_covered(real_advisor: Any) -> None:
    # "MLOps Tools: ..." stands under "Data Engineering and MLOps": not a name mentioned in passing.
    asked = real_advisor.ask("is MLOps something I need to learn to become an ML engineer?")
    assert asked.scope == "answered" and "MLOps" in asked.text
    said = real_advisor.ask("senior backend engineer at a fintech here, what do ML engineer interviews look like?")
    assert said.scope == "answered"  # where they come from, not a role asked about


def test_a_company_the_guides_name_in_passing_is_not_answered_as_if_they_covered_it(real_advisor: Any) -> None:
    # The guides name Google among employers that offer internships, never its interviews.
    asked = real_advisor.ask("what is google's interview process like for ml engineers")
    assert asked.scope == "partial" and asked.text.startswith("My guides mention Google only in passing")
    # Where the sentence quoted does name it, the answer stands.
    interns = real_advisor.ask("do big tech companies like google offer internships for ml")
    assert interns.scope == "answered" and "Google" in interns.text


def test_a_name_only_the_thread_said_is_not_the_point_of_a_complete_question(real_advisor: Any) -> None:
    # A seventh probe: "and for someone like me, do i need a masters?" after "i mostly do backend java stuff" was
    # hedged as mentioning Java in passing.
    said: list[Turn] = []
    for message in ("hey im a software engineer, 5 years", "i mostly do backend java stuff",
                    "how would i move into ml"):
        said += [{"role": "user", "content": message},
                 {"role": "assistant", "content": real_advisor.ask(message, said).text}]
    asked = real_advisor.ask("and for someone like me, do i need a masters?", said)
    assert "Java" not in asked.text.split("[1]")[0], asked.text


def test_ml_and_machine_learning_get_the_same_answer(real_advisor: Any) -> None:
    asked = [real_advisor.ask(q) for q in ("do i need a degree to become an ML engineer",
                                           "do i need a degree to become a machine learning engineer")]
    cited = [[c.passage.chunk_id for c in a.citations] for a in asked]
    assert cited[0] and cited[0] == cited[1] and asked[0].text == asked[1].text


def test_word_alike_lies_between_the_word_pairs_it_was_set_from(real_advisor: Any) -> None:
    # answerability.WORD_ALIKE's comment quotes these cosines of the bundled model: they stay on their side of it.
    from advisor.answerability import WORD_ALIKE
    from advisor.embeddings import vectors

    def cosine(a: str, b: str) -> float:
        v = vectors(real_advisor.answerability.embeddings, [a, b])
        return float(v[0] @ v[1] / (np.linalg.norm(v[0]) * np.linalg.norm(v[1])))

    # ...and clipped_alike's camel-case capitals ("js": JavaScript, not "dm": DeepMind) and the heading a turn names
    # ("math": Mathematics).
    for a, b in (("maths", "mathematics"), ("stats", "statistics"), ("certs", "certification"), ("uni", "university"),
                 ("js", "javascript"), ("math", "mathematics")):
        assert cosine(a, b) >= WORD_ALIKE, (a, b)
    for a, b in (("care", "career"), ("job", "career"), ("uni", "united"), ("meta", "metadata"), ("dm", "deepmind")):
        assert cosine(a, b) < WORD_ALIKE, (a, b)
