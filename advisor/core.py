"""The Advisor: the one object every surface (CLI, API, UI) calls."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from advisor.answer import Answerer
from advisor.clean import strip_markdown_markup
from advisor.config import Settings
from advisor.datadir import guarded
from advisor.embeddings import LazyEmbeddings, model_label
from advisor.errors import InvalidQuestionError, NotFoundError
from advisor.feedback import FeedbackStore
from advisor.index import ChunkIndex, ingest_lock
from advisor.ingest import doc_id_for, read_corpus
from advisor.lexical import tokenize
from advisor.retrieve import HybridRetriever, Mode, contextualize, is_follow_up
from advisor.schema import Answer, IngestReport, Passage, PassageContext, Turn
from advisor.scope import ScopeRule, decline, evidence, question_words, strip_injection
from advisor.suggest import suggest


class Advisor:
    """Ingests guides, retrieves passages and answers questions; built by build_advisor()."""

    def __init__(self, settings: Settings, embeddings: LazyEmbeddings, index: ChunkIndex,
                 retriever: HybridRetriever, answerer: Answerer, scope: ScopeRule | None = None,
                 feedback: FeedbackStore | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.index = index
        self.retriever = retriever
        self.answerer = answerer
        self.scope = scope or ScopeRule()
        self.feedback = feedback or FeedbackStore(settings.data_dir / "feedback.sqlite3")

    def check(self, question: str, history: Sequence[Turn] | None) -> str:
        """Validate a question and its history (cheap; no retrieval); returns the stripped question."""
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
        return question.strip()

    def retrieve(self, question: str, k: int = 10, history: Sequence[Turn] | None = None,
                 mode: Mode = "hybrid") -> list[Passage]:
        """The k passages that best answer the question (history resolves follow-ups)."""
        if not 1 <= k <= 100:
            raise InvalidQuestionError(f"k must be between 1 and 100 (got {k}).")
        return self.retriever.retrieve(self.check(question, history), k=k, history=history, mode=mode)

    def ask(self, question: str, history: Sequence[Turn] | None = None) -> Answer:
        """A grounded, cited answer, or an honest decline when the guides do not cover the question."""
        final = None
        for piece in self.stream(question, history):
            if isinstance(piece, Answer):
                final = piece
        assert final is not None
        return final

    def stream(self, question: str, history: Sequence[Turn] | None = None) -> Iterator[str | Answer]:
        """Yield answer text pieces as they are ready, then the final Answer (whose text is authoritative)."""
        # Markup and instructions aimed at the advisor are not part of the question: drop them first.
        question = strip_injection(strip_markdown_markup(self.check(question, history)))
        if len(tokenize(question)) == 0:
            yield from self._decline()
            return
        search, hist = question, list(history or [])
        condense = getattr(self.answerer, "condense", None)
        if hist and condense and is_follow_up(question):
            try:  # an LLM rewrites the follow-up; if it cannot, history-aware retrieval does the job
                search, hist = condense(question, hist) or question, []
            except Exception:
                search = question
        found = self.retriever.retrieve(search, k=self.settings.answer_passages, history=hist)
        passages = self._whole_section(found)
        standalone = contextualize(search, hist).text
        ev = evidence(passages, question_words(standalone), self.retriever.vocabulary())
        if not self.scope.covered(ev):
            yield from self._decline()
            return
        final: Answer | None = None
        for piece in self.answerer.stream(standalone, passages):
            if isinstance(piece, Answer):
                final = piece
            else:
                yield piece
        assert final is not None
        follow_ups = suggest(standalone, passages, self.retriever.question_pool(),
                             answered=tuple(c.passage for c in final.citations))
        text = final.text
        if follow_ups:
            tail = f"\n\n_Next, you could ask: “{follow_ups[0]}”_"
            text += tail
            yield tail
        yield Answer(text=text, citations=final.citations, refused=False, follow_ups=follow_ups,
                     notice=final.notice)

    def _decline(self) -> Iterator[str | Answer]:
        answer = decline(self.settings.coverage, self.settings.example_questions)
        yield answer.text
        yield answer

    def _whole_section(self, passages: list[Passage]) -> list[Passage]:
        """Add the rest of the best passage's section (a list cut across chunks reads whole)."""
        if not passages:
            return passages
        top, have = passages[0], {p.chunk_id for p in passages}
        extra = [c.to_passage(top.score * 0.95, top.signals)
                 for c in self.index.section_chunks(top.doc_id, top.section) if c.chunk_id not in have]
        return passages + extra[:3]

    def passage(self, chunk_id: str) -> PassageContext:
        """A passage with the rest of its section around it, for the citation viewer."""
        found = self.index.get([chunk_id]) if chunk_id and len(chunk_id) <= 64 else []
        if not found:
            raise NotFoundError(f"No passage with id '{chunk_id}'. Ids come from an answer's citations.")
        c = found[0]
        before: list[str] = []
        after: list[str] = []
        for other in self.index.section_chunks(c.doc_id, c.section):
            if other.end <= c.start:
                before.append(other.text)
            elif other.start >= c.end:
                after.append(other.text)
        return PassageContext(c.to_passage(), "\n\n".join(before), "\n\n".join(after))

    def ingest(self, corpus_dir: Path | None = None, progress: bool = False) -> IngestReport:
        """Sync the index with the corpus folder: embed new chunks, drop removed ones."""
        root = Path(corpus_dir or self.settings.corpus_dir)
        started = time.perf_counter()
        with ingest_lock(self.settings.data_dir), guarded(self.settings.data_dir):
            corpus = read_corpus(root)
            chunks = corpus.chunks(self.settings.chunk_chars)
            # A guide that fails to load keeps its previous chunks rather than vanishing from answers.
            keep = frozenset(doc_id_for(root / path, root) for path, _ in corpus.failures)
            counts = self.index.sync(chunks, keep_docs=keep, progress=progress)
        return IngestReport(documents=len(corpus.docs), chunks=len(chunks), added=counts.added,
                            unchanged=counts.unchanged, removed=counts.removed, updated=counts.updated,
                            seconds=time.perf_counter() - started, failures=tuple(corpus.failures),
                            flagged=tuple(corpus.flagged))

    def health(self) -> dict[str, Any]:
        """Status for monitoring: chunk count and configuration."""
        count = self.index.count()
        return {"status": "ok" if count else "empty", "chunks": count, "model": model_label(self.settings),
                "answerer": self.answerer.name, "collection": self.index.name}
