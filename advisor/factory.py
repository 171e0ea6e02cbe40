"""build_advisor(): the single composition root. Everything is built here and passed in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from advisor.config import Settings, get_settings
from advisor.core import Advisor

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models.chat_models import BaseChatModel


def build_advisor(settings: Settings | None = None, *, embeddings: Embeddings | None = None,
                  chat_model: BaseChatModel | None = None, today: Callable[[], date] = date.today,
                  **overrides: Any) -> Advisor:
    """An Advisor from the environment's settings, with optional field overrides (e.g. data_dir=...).

    embeddings: an already-built embedder to share (eval, bench and tests reuse one loaded model);
    chat_model: a LangChain chat model to answer with instead of the one the provider would build;
    today: the clock that dates quoted figures (tests pass a fixed day).
    """
    from advisor.answer import build_answerer
    from advisor.answerability import Answerability, ScopeRule
    from advisor.embeddings import CachedEmbeddings, build_embeddings
    from advisor.extractive import TypicalSentence
    from advisor.feedback import FeedbackStore
    from advisor.index import ChunkIndex, open_client
    from advisor.offline import go_offline
    from advisor.retrieve import HybridRetriever
    from advisor.textvectors import TextVectors

    go_offline()
    base = settings or get_settings()
    if overrides:
        base = base.model_copy(update=overrides)
    embedder = embeddings or build_embeddings(base)
    index = ChunkIndex(base, embedder, open_client(base))  # ingest embeds with the bare embedder
    # Retrieval, the scope decision and the answerer share one cache: the question, guide sentences and
    # headings are embedded once per process, not once per consumer.
    texts = TextVectors(base.data_dir / "vectors" / index.name, check_every=base.revision_ttl)
    shared = CachedEmbeddings(embedder, stored=texts.lookup)
    retriever = HybridRetriever(index, shared, base)
    return Advisor(base, embedder, index, retriever,
                   build_answerer(base, shared, chat_model, typical=TypicalSentence(retriever.corpus, shared)),
                   answerability=Answerability(shared, ScopeRule()),
                   feedback=FeedbackStore(base.database_url or base.data_dir / "feedback.sqlite3",
                                          gap_log=base.gap_log, retention_days=base.gap_retention_days),
                   today=today, text_vectors=texts)
