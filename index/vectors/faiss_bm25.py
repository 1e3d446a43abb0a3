"""The first VectorStore backend: FAISS for passage vectors, bm25s for the lexical views, and
the sentence vectors as one float16 array, all plain files in the index folder.

    dense.faiss                   FAISS index, row i = passage i (`index.vectors.dense`)
    sentences.npy                 float16 vectors of every passage's sentences, in passage order
    bm25_words/, bm25_folded/     bm25s arrays + JSON (`index.vectors.lexical`)
"""

from pathlib import Path

import faiss
import numpy as np

from index.vectors.base import Ranking
from index.vectors.dense import build_dense_index, describe, load_dense_index, save_dense_index, search_dense
from index.vectors.lexical import BM25_PARAMETERS, LexicalIndex, top_k

DENSE_FILE = "dense.faiss"
SENTENCES_FILE = "sentences.npy"


class FaissBm25Store:
    def __init__(self, dense: faiss.Index, lexical: LexicalIndex, sentence_vectors: np.ndarray,
                 sentence_counts: list[int]):
        self.dense = dense
        self.lexical = lexical
        # Sentence vectors in float16 halve their size; rows sentence_rows[i]:sentence_rows[i+1]
        # belong to passage i.
        self.sentence_vectors = sentence_vectors
        self.sentence_rows = np.concatenate([[0], np.cumsum(sentence_counts)]).astype(np.int64)

    @classmethod
    def build(cls, passage_vectors: np.ndarray, sentence_vectors: np.ndarray, sentence_counts: list[int],
              texts: list[str]) -> "FaissBm25Store":
        """Index passage vectors and texts (row i = passage i) with sentence_counts[i] sentence vectors each."""
        return cls(build_dense_index(passage_vectors), LexicalIndex.build(texts),
                   sentence_vectors.astype(np.float16), sentence_counts)

    @classmethod
    def load(cls, directory: Path, sentence_counts: list[int]) -> "FaissBm25Store":
        """The arrays are memory-mapped, not read: a build folder never changes once published, and
        the processes serving it (workers, replicas on one machine) share one copy in the page cache."""
        directory = Path(directory)
        return cls(load_dense_index(directory / DENSE_FILE), LexicalIndex.load(directory),
                   np.load(directory / SENTENCES_FILE, mmap_mode="r"), sentence_counts)

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        np.save(directory / SENTENCES_FILE, self.sentence_vectors)
        save_dense_index(self.dense, directory / DENSE_FILE)
        self.lexical.save(directory)

    @property
    def passage_count(self) -> int:
        return self.dense.ntotal

    @property
    def dimension(self) -> int:
        return self.dense.d

    @property
    def sentence_count(self) -> int:
        """Sentence vectors held (the manifest's count of sentences should match)."""
        return len(self.sentence_vectors)

    def dense_search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None,
                     filters: dict | None = None) -> Ranking:  # `allowed` says all `filters` would
        if allowed is None:
            return search_dense(self.dense, vector, k)
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        scores, rows = self.dense.search(vector.reshape(1, -1), min(k, len(allowed)), params=params)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def lexical_search(self, tokens: dict[str, list[str]], k: int, allowed: np.ndarray | None = None,
                       filters: dict | None = None) -> Ranking:
        scores = sum(self.lexical.scores(view, view_tokens) for view, view_tokens in tokens.items())
        if allowed is not None:
            mask = np.zeros_like(scores)
            mask[allowed] = 1.0
            scores = scores * mask
        return top_k(scores, k)

    def document_frequency(self, view: str, token: str) -> int:
        return self.lexical.document_frequency(view, token)

    def sentence_similarities(self, row: int, vector: np.ndarray) -> np.ndarray:
        first, last = self.sentence_rows[row], self.sentence_rows[row + 1]
        return self.sentence_vectors[first:last].astype(np.float32) @ vector

    def stored_vectors(self) -> tuple[np.ndarray | None, np.ndarray]:
        try:
            passage_vectors = self.dense.reconstruct_n(0, self.dense.ntotal)
        except RuntimeError:  # an IVF index keeps no direct map: its passages are embedded again
            passage_vectors = None
        return passage_vectors, self.sentence_vectors

    def describe(self) -> dict:
        return {"dense_index": describe(self.dense), "dimension": self.dimension, "bm25": BM25_PARAMETERS}
