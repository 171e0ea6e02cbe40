"""build_advisor(): the single composition root. Everything is built here and passed in."""

from __future__ import annotations

from typing import Any

from advisor.config import Settings, get_settings
from advisor.core import Advisor


def build_advisor(settings: Settings | None = None, chat_model: Any = None, **overrides: Any) -> Advisor:
    """An Advisor from the environment's settings, with optional field overrides (e.g. data_dir=...).

    chat_model: a LangChain chat model to answer with instead of the one the provider would build
    (tests pass fakes here).
    """
    from advisor.answer import build_answerer
    from advisor.embeddings import build_embeddings
    from advisor.index import ChunkIndex, open_client
    from advisor.offline import go_offline
    from advisor.retrieve import HybridRetriever

    go_offline()
    base = settings or get_settings()
    if overrides:
        base = base.model_copy(update=overrides)
    embeddings = build_embeddings(base)
    index = ChunkIndex(base, embeddings, open_client(base))
    retriever = HybridRetriever(index, embeddings, base)
    return Advisor(base, embeddings, index, retriever, build_answerer(base, embeddings, chat_model))
