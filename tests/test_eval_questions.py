"""The question files: one schema, clear errors naming file and id, the dev/test split, the shipped set."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from advisor.evaluation.questions import FAR_OFF, FILES, QuestionFileError, load_questions, split_of

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "eval_questions"


def _folder(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, "utf-8")
    return tmp_path


def test_fixture_set_loads_with_derived_fields() -> None:
    qs = load_questions(FIXTURES)
    assert qs.missing_files == ()
    by_id = {q.id: q for q in qs.answerable}
    assert by_id["out-of-state-fees"].facts == ("$33,627",)  # facts default to answers
    assert by_id["senior-pay"].facts == ("208,000",)
    assert by_id["become-data-scientist"].expect == "partial" and not by_id["become-data-scientist"].answers
    assert by_id["degree-length-follow-up"].turns[0] == {
        "role": "user", "content": "Do I need a degree to become a machine learning engineer?"}
    near = {u.id: u.near_domain for u in qs.unanswerable}
    assert near == {"nurse-pay": False, "tokyo-salary": True, "google-interview": True, "hash-map": True,
                    "sourdough": False, "gibberish": False}
    assert len(qs.personas[0].variants) == 2 and qs.missing_detail and qs.injections
    assert qs.profiled[0].person == {"current": "software engineer"} and qs.profiled[1].relevant == "none"
    assert [c.ask_back for c in qs.clarify] == [True, False] and qs.plans[0].has_degree


def test_split_rule_seed_is_dev_and_the_rest_by_hash_of_the_id() -> None:
    assert split_of("senior-pay", "seed") == "dev"
    for qid in ("senior-pay", "out-of-state-fees", "a", "become-data-scientist"):
        expected = "dev" if int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 2 == 0 else "test"
        assert split_of(qid, "blind") == split_of(qid, "forum") == expected
    ids = [f"question-{i}" for i in range(400)]
    share = sum(split_of(i, "blind") == "test" for i in ids) / len(ids)
    assert 0.4 < share < 0.6
    # Pinned: a split that moved would silently mix test questions into tuning.
    assert (split_of("senior-pay", "blind"), split_of("out-of-state-fees", "blind")) == ("test", "dev")


def test_only_and_sources_filter_every_file() -> None:
    qs = load_questions(FIXTURES)
    dev, test = qs.only("dev"), qs.only("test")
    assert len(dev) + len(test) == len(qs) and len(qs.only("dev", "test")) == len(qs)
    assert {q.id for q in test.answerable} == {"senior-pay", "degree-length-follow-up", "become-data-scientist"}
    assert [g.id for g in test.personas] == ["persona-salary"]
    assert {q.id for q in qs.sources("seed").answerable} == {"mle-languages"}
    assert all(q.split == "dev" for q in qs.sources("seed").unanswerable)


GOOD = "questions:\n  - {id: ok-one, kind: numeric, question: How much, source: blind, answers: [x]}\n"


@pytest.mark.parametrize(("files", "needles"), [
    ({"answerable": "questions:\n  - {id: bad-kind, kind: trivia, question: Q, source: blind}\n"},
     ["answerable.yaml", "id 'bad-kind'", "kind"]),
    ({"answerable": "questions:\n  - {id: no-question, kind: numeric, source: blind}\n"},
     ["id 'no-question'", "question"]),
    ({"answerable": "questions:\n  - {id: typo, kind: numeric, question: Q, source: blind, answer: [x]}\n"},
     ["id 'typo'", "answer", "Extra inputs"]),
    ({"answerable": "questions:\n  - {id: Not_Kebab, kind: numeric, question: Q, source: blind}\n"},
     ["id 'Not_Kebab'", "id: String should match"]),
    ({"answerable": "questions:\n  - {id: empty-fact, kind: numeric, question: Q, source: blind, facts: ['']}\n"},
     ["id 'empty-fact'", "empty phrases"]),
    ({"unanswerable": "questions:\n  - {id: bad-cat, category: weather, question: Q, source: blind}\n"},
     ["unanswerable.yaml", "id 'bad-cat'", "category"]),
    ({"unanswerable": "questions:\n  - {id: bad-source, category: far-off, question: Q, source: reddit}\n"},
     ["id 'bad-source'", "source"]),
    ({"personas": "groups:\n  - {id: no-variants, base: Q, variants: [], source: blind}\n"},
     ["personas.yaml", "id 'no-variants'", "variants"]),
    ({"personas": "questions:\n  - {id: wrong-key, base: Q, variants: [a], source: blind}\n"},
     ["personas.yaml", "`groups:`"]),
    ({"injections": "questions:\n  - just a string\n"}, ["injections.yaml", "entry 1 (no id)", "mapping"]),
    ({"missing_detail": "questions: [\n"}, ["missing_detail.yaml", "YAML"]),
    ({"answerable": GOOD, "injections": "questions:\n  - {id: ok-one, question: Q, source: blind}\n"},
     ["injections.yaml", "id 'ok-one'", "answerable.yaml", "unique"]),
])
def test_a_bad_entry_is_named_by_file_and_id(tmp_path: Path, files: dict[str, str], needles: list[str]) -> None:
    with pytest.raises(QuestionFileError) as err:
        load_questions(_folder(tmp_path, **files))
    for needle in needles:
        assert needle in str(err.value), (needle, str(err.value))


def test_missing_files_count_as_empty_but_a_wrong_folder_is_an_error(tmp_path: Path) -> None:
    qs = load_questions(_folder(tmp_path, answerable=GOOD))
    assert [q.id for q in qs.answerable] == ["ok-one"] and len(qs) == 1
    assert set(qs.missing_files) == set(FILES) - {"answerable.yaml"}
    with pytest.raises(QuestionFileError, match="not a folder"):
        load_questions(tmp_path / "answerable.yaml")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(QuestionFileError, match="holds none of"):
        load_questions(empty)


def test_shipped_question_files_are_valid_and_keep_the_seed_set() -> None:
    qs = load_questions(ROOT / "eval" / "questions")
    seed = qs.sources("seed")
    assert (len(seed.answerable), len(seed.unanswerable), len(seed.injections)) == (69, 32, 10)
    assert len(seed.only("dev")) == len(seed)  # what the old system was tuned on never counts as test
    assert {u.category for u in seed.unanswerable} == {*FAR_OFF, "technical"}
    assert {"numeric", "list", "comparison", "paraphrase", "factual", "follow-up"} <= {q.kind for q in seed.answerable}
    assert all(q.answers and q.facts for q in seed.answerable)
    assert all(q.turns for q in seed.answerable if q.kind == "follow-up")


def test_no_question_in_eval_is_taken_for_another_language() -> None:
    from advisor.lexical import other_language

    qs = load_questions(ROOT / "eval" / "questions")
    texts = [q.question for q in (*qs.answerable, *qs.unanswerable)]
    texts += [v for p in qs.personas for v in (p.base, *p.variants)]
    assert len(texts) > 1000  # every English question the project has, typos and all
    assert [t for t in texts if other_language(t)] == []
