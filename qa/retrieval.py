"""Retrieving passages for a question: dense, lexical (BM25) or both fused."""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

import faiss
import numpy as np

from index.chunking import Passage
from index.dense import search_dense
from index.lexical import top_k
from index.store import LoadedIndex
from qa.fusion import fuse_scores
from qa.query import prepare_query

SearchMode = Literal["hybrid", "bm25", "dense"]
SEARCH_MODES: tuple[str, ...] = ("hybrid", "bm25", "dense")
CANDIDATES = 50
QUERY_VECTOR_CACHE_SIZE = 1024


@dataclass(frozen=True)
class RetrievedPassage:
    passage: Passage
    score: float

    def to_json(self) -> dict:
        p = self.passage
        return {"doc_id": p.doc_id, "passage_id": p.id, "text": p.text, "score": round(self.score, 6),
                "start": p.start, "end": p.end}


def matches_filters(metadata: dict, filters: dict) -> bool:
    """Equality on metadata values; a list-valued field matches if it holds the value."""
    for key, wanted in filters.items():
        value = metadata.get(key)
        if value != wanted and not (isinstance(value, list) and wanted in value):
            return False
    return True


class PassageRetriever:
    def __init__(self, index: LoadedIndex, embedder, dense_weight: float = 0.5, candidates: int = CANDIDATES):
        if not 0.0 <= dense_weight <= 1.0:
            raise ValueError("dense_weight must be between 0 and 1")
        self.index = index
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.candidates = candidates
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()  # requests run in a thread pool

    def query_vector(self, text: str) -> np.ndarray:
        """The question's embedding; cached, as embedding is most of a question's cost
        and the answer extractor needs the same vector again."""
        with self._cache_lock:
            if (vector := self._query_vectors.get(text)) is not None:
                self._query_vectors.move_to_end(text)
                return vector
        vector = self.embedder.embed_queries([text])[0]
        with self._cache_lock:
            self._query_vectors[text] = vector
            if len(self._query_vectors) > QUERY_VECTOR_CACHE_SIZE:
                self._query_vectors.popitem(last=False)
        return vector

    def allowed_rows(self, filters: dict | None) -> np.ndarray | None:
        if not filters:
            return None
        documents = self.index.documents
        return np.array([row for row, p in enumerate(self.index.passages)
                         if matches_filters(documents[p.doc_id].metadata, filters)], dtype=np.int64)

    def forget_questions(self) -> None:
        """Empty the question-vector cache (benchmarks measure questions as new)."""
        with self._cache_lock:
            self._query_vectors.clear()

    def dense_ranking(self, query: str, allowed: np.ndarray | None, k: int) -> list[tuple[int, float]]:
        vector = self.query_vector(query)
        if allowed is None:
            return search_dense(self.index.dense, vector, k)
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        scores, rows = self.index.dense.search(vector.reshape(1, -1), min(k, len(allowed)), params=params)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def lexical_ranking(self, query, allowed: np.ndarray | None, k: int) -> list[tuple[int, float]]:
        lexical = self.index.lexical
        scores = sum(lexical.scores(view, tokens) for view, tokens in query.lexical_tokens.items())
        if allowed is not None:
            mask = np.zeros_like(scores)
            mask[allowed] = 1.0
            scores = scores * mask
        return top_k(scores, k)

    def search(self, question: str, k: int = 5, mode: SearchMode = "hybrid",
               filters: dict | None = None) -> list[RetrievedPassage]:
        if mode not in SEARCH_MODES:
            raise ValueError(f"mode must be one of {', '.join(SEARCH_MODES)}")
        query = prepare_query(question)
        allowed = self.allowed_rows(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        pool = max(self.candidates, k)
        if mode == "dense":
            ranking = self.dense_ranking(query.dense_text, allowed, k)
        elif mode == "bm25":
            ranking = self.lexical_ranking(query, allowed, k)
        else:
            ranking = fuse_scores(self.dense_ranking(query.dense_text, allowed, pool),
                                  self.lexical_ranking(query, allowed, pool), self.dense_weight)
        passages = self.index.passages
        return [RetrievedPassage(passages[row], score) for row, score in ranking[:k]]
