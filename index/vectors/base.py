"""What the retriever and the answer pipeline need from where passages are stored: dense search
with a filter, lexical (BM25) search, and the vectors stored beside the passages.

Rows are passage positions in the index's passages.jsonl: a backend keeps its rows aligned with
them. `index.vectors.faiss_bm25` is the first backend (FAISS and bm25s on local files), the
default; `index.vectors.qdrant_store` keeps the passages in a Qdrant collection instead.
"""

from typing import Protocol

import numpy as np

# (passage row, score) pairs, best first.
Ranking = list[tuple[int, float]]


class VectorStore(Protocol):
    @property
    def passage_count(self) -> int:
        """Passages held, dense and lexical alike."""

    @property
    def dimension(self) -> int:
        """Length of the stored vectors."""

    def dense_search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None,
                     filters: dict | None = None) -> Ranking:
        """The k rows whose passage vectors have the highest inner product with `vector`
        (cosine: vectors are normalised), only among `allowed` rows when given. `filters`, the
        request's document filters that chose `allowed`, let a backend holding the documents'
        metadata filter where the passages are instead of being sent every allowed row."""

    def lexical_search(self, tokens: dict[str, list[str]], k: int, allowed: np.ndarray | None = None,
                       filters: dict | None = None) -> Ranking:
        """The k rows with the highest BM25 score summed over the views named in `tokens`
        ("words", "folded"), only among `allowed` rows (or `filters`, as above) when given; rows
        scoring 0 are left out."""

    def document_frequency(self, view: str, token: str) -> int:
        """How many passages hold `token` in a lexical view: the IDF of a question's keywords."""

    def sentence_similarities(self, row: int, vector: np.ndarray) -> np.ndarray:
        """Inner product of `vector` with each stored sentence vector of passage `row`, in order."""

    def stored_vectors(self) -> tuple[np.ndarray | None, np.ndarray]:
        """(passage vectors, or None when the backend cannot give them back; the sentence
        vectors of every passage, in passage order): a rebuild reuses them instead of embedding
        the same texts again."""

    def describe(self) -> dict:
        """What the manifest records about the stored indexes."""

    def save(self, directory) -> None:
        """Write the store's files into `directory`."""
