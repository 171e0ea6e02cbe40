"""The retriever a user would build from the LangChain RAG tutorial: the yardstick in eval and bench."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from advisor.ingest import SUPPORTED, iter_files


class TutorialBaseline:
    """Raw files, RecursiveCharacterTextSplitter(1000, 200), same embeddings, Chroma similarity search, k=4."""

    k = 4

    def __init__(self, corpus_dir: Path, embeddings: Embeddings) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        docs = [Document(page_content=p.read_text("utf-8", "replace"), metadata={"source": str(p)})
                for p in iter_files(corpus_dir) if p.suffix.lower() in SUPPORTED]
        splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
        client: Any = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma.from_documents(splits, embeddings, client=client,
                                           collection_name=f"baseline-{uuid.uuid4().hex[:8]}")

    def search(self, question: str) -> list[str]:
        """Texts of the k nearest splits."""
        return [d.page_content for d in self.store.similarity_search(question, k=self.k)]
