"""Sentence and heading vectors saved at ingest: incremental, pruned, atomic, and used before the model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from advisor import build_advisor
from advisor.config import Settings
from advisor.embeddings import CachedEmbeddings, WordHashEmbedding, vectors
from advisor.extractive import units_of
from advisor.suggest import question_pool
from advisor.textvectors import POINTER, TextVectors


class Counting(WordHashEmbedding):
    """Remembers every text it embeds."""

    def __init__(self) -> None:
        self.documents: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += texts
        return super().embed_documents(texts)


def test_saved_rows_are_kept_new_ones_embedded_and_removed_ones_dropped(tmp_path: Path) -> None:
    inner = Counting()
    store = TextVectors(tmp_path, check_every=0)
    assert store.lookup(["anything"]) == {} and store.revision() == ""  # nothing saved yet
    assert store.update(["data engineers", "machine learning", "data engineers"],
                        lambda t: vectors(inner, t), "r1") == 2
    got = store.lookup(["machine learning", "never saved"])
    assert list(got) == ["machine learning"]
    assert np.allclose(got["machine learning"], WordHashEmbedding().embed_query("machine learning"))
    assert store.update(["machine learning", "python skills"], lambda t: vectors(inner, t), "r2") == 1
    assert inner.documents == ["machine learning", "data engineers", "python skills"]  # longest first
    assert set(store.lookup(["data engineers", "python skills"])) == {"python skills"}
    assert store.revision() == "r2"
    assert len(list(tmp_path.glob("*.npy"))) == 2  # the older generation's files are gone


def test_a_damaged_pointer_means_embed_on_demand_not_an_error(tmp_path: Path) -> None:
    store = TextVectors(tmp_path, check_every=0)
    store.update(["a sentence"], lambda t: vectors(WordHashEmbedding(), t), "r1")
    (tmp_path / POINTER).write_text("{not json", "utf-8")
    assert store.lookup(["a sentence"]) == {} and store.revision() == ""


def test_the_query_cache_asks_the_saved_rows_before_the_model(tmp_path: Path) -> None:
    store = TextVectors(tmp_path, check_every=0)
    store.update(["saved one"], lambda t: vectors(WordHashEmbedding(), t), "r1")
    inner = Counting()
    cached = CachedEmbeddings(inner, stored=store.lookup)
    m = cached.matrix(["saved one", "new one", "saved one"])
    assert m.shape == (3, WordHashEmbedding.size) and np.allclose(m[0], m[2])
    assert inner.documents == ["new one"]


def test_ingest_saves_every_quotable_sentence_once_and_answers_reuse_them(
        corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    inner = Counting()
    adv = build_advisor(make_settings(), embeddings=inner)
    first = adv.ingest()
    assert first.texts > 0 and first.texts_embedded == first.texts
    assert "sentences and headings ready for answers" in first.summary()
    assert adv.ingest().texts == 0  # unchanged index: nothing to redo
    before = len(inner.documents)
    passages = adv.retrieve("What skills does a machine learning engineer need?", k=8)
    adv.ask("What skills does a machine learning engineer need?")
    asked_again = set(inner.documents[before:])
    assert not asked_again & {u.text for u in units_of(passages)}
    pool = question_pool(adv.retriever.sections())
    assert pool and adv.answerability.closest_questions("what is the weather in paris", pool)
    assert not set(inner.documents[before:]) & set(pool)  # the questions offered when declining were saved too
    (corpus_copy / "extra.md").write_text("# Extra guide\n\n## Pay\n\nJunior engineers often start on a "
                                          "modest salary and grow it with experience.\n", "utf-8")
    third = adv.ingest()
    assert 0 < third.texts_embedded < third.texts  # only the new guide's sentences and heading
