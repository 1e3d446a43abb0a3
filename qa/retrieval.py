"""Retrieving passages for an analysed question: dense, lexical (BM25) or both fused, through
the index's vector store."""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np

from index.chunking import Passage
from index.store import LoadedIndex
from index.vectors import Ranking
from index.vietnamese.marks import MarkModel, learn_marks
from qa.filters import matches_filters
from qa.fusion import fuse_scores
from qa.question import AnalysedQuestion, analyse_question

SearchMode = Literal["hybrid", "bm25", "dense"]
SEARCH_MODES: tuple[str, ...] = ("hybrid", "bm25", "dense")
CANDIDATES = 50
QUERY_VECTOR_CACHE_SIZE = 1024
# Passages the diacritics model learns from: an even sample of a large corpus has its common
# words (5,000 news and encyclopedia paragraphs: about 2 s at start-up and 22 MB).
MARK_PASSAGES = 5000


@dataclass(frozen=True)
class RetrievedPassage:
    passage: Passage
    score: float

    def to_json(self) -> dict:
        p = self.passage
        return {"doc_id": p.doc_id, "passage_id": p.id, "text": p.text, "score": round(self.score, 6),
                "start": p.start, "end": p.end}


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

    @cached_property
    def marks(self) -> MarkModel:
        """How this corpus writes its words, to read a question typed without diacritics."""
        passages = self.index.passages
        step = max(1, len(passages) // MARK_PASSAGES)
        return learn_marks(passage.text for passage in passages[::step])

    def analyse(self, question_text: str) -> AnalysedQuestion:
        return analyse_question(question_text, self.marks)

    def query_vector(self, question: AnalysedQuestion) -> np.ndarray:
        """The question's embedding (of its expanded text). Embedding is most of a new question's
        cost, so a repeated question reuses its vector; within one question the pipeline computes
        it once and hands it on."""
        text = question.expanded
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

    def forget_questions(self) -> None:
        """Empty the question-vector cache (benchmarks measure questions as new)."""
        with self._cache_lock:
            self._query_vectors.clear()

    def allowed_rows(self, filters: dict | None) -> np.ndarray | None:
        if not filters:
            return None
        documents = self.index.documents
        return np.array([row for row, p in enumerate(self.index.passages)
                         if matches_filters(documents[p.doc_id].metadata, filters)], dtype=np.int64)

    def search(self, question: AnalysedQuestion | str, k: int = 5, mode: SearchMode = "hybrid",
               filters: dict | None = None, vector: np.ndarray | None = None) -> list[RetrievedPassage]:
        """The k best passages for the question (a plain string is analysed first); `vector`,
        the question's embedding, when the caller already has it."""
        if mode not in SEARCH_MODES:
            raise ValueError(f"mode must be one of {', '.join(SEARCH_MODES)}")
        if isinstance(question, str):
            question = self.analyse(question)
        allowed = self.allowed_rows(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        store = self.index.vectors
        if mode != "bm25" and vector is None:
            vector = self.query_vector(question)
        pool = max(self.candidates, k)
        ranking: Ranking
        if mode == "dense":
            ranking = store.dense_search(vector, k, allowed, filters)
        elif mode == "bm25":
            ranking = store.lexical_search(question.lexical_tokens, k, allowed, filters)
        else:
            ranking = fuse_scores(store.dense_search(vector, pool, allowed, filters),
                                  store.lexical_search(question.lexical_tokens, pool, allowed, filters),
                                  self.dense_weight)
        passages = self.index.passages
        return [RetrievedPassage(passages[row], score) for row, score in ranking[:k]]
