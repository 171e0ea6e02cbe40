"""Test doubles you can reason about: an embedding where similarity is word overlap."""

from __future__ import annotations

import hashlib
import math

from langchain_core.embeddings import Embeddings

from advisor.lexical import tokenize


class WordEmbedding(Embeddings):
    """Bag of stemmed words hashed into 512 dimensions, L2-normalised: cosine ~ shared words."""

    size = 512

    def _vec(self, text: str) -> list[float]:
        v = [0.0] * self.size
        for w in tokenize(text):
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.size] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)
