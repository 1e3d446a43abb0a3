"""The lexical index: BM25 (bm25s) over Vietnamese tokens, in two views.

- "words": pyvi-segmented, tone-normalised tokens with numbers and codes whole;
- "folded": the same text without diacritics, syllables plus syllable bigrams, so a
  question typed without accents still finds its passage.
bm25s saves plain arrays and JSON (no pickle), one folder per view.
"""

from pathlib import Path

import bm25s
import numpy as np

from index.vietnamese.tokens import folded_tokens, lexical_tokens

VIEWS = {"words": lexical_tokens, "folded": folded_tokens}
BM25_PARAMETERS = {"k1": 1.2, "b": 0.75, "method": "lucene"}


class LexicalIndex:
    def __init__(self, views: dict[str, bm25s.BM25]):
        self.views = views

    @classmethod
    def build(cls, texts: list[str], show_progress: bool = False) -> "LexicalIndex":
        views = {}
        for name, tokenize in VIEWS.items():
            bm25 = bm25s.BM25(**BM25_PARAMETERS)
            # An empty passage would give bm25s an empty token list; "" keeps rows aligned.
            bm25.index([tokenize(text) or [""] for text in texts], show_progress=show_progress)
            views[name] = bm25
        return cls(views)

    def save(self, directory: Path) -> None:
        for name, bm25 in self.views.items():
            bm25.save(str(directory / f"bm25_{name}"))

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        # Memory-mapped like the dense index: shared by every process serving the build.
        return cls({name: bm25s.BM25.load(str(directory / f"bm25_{name}"), mmap=True) for name in VIEWS})

    def scores(self, view: str, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage for the query tokens (zeros when none is known)."""
        bm25 = self.views[view]
        token_ids = bm25.get_tokens_ids(query_tokens)
        if not token_ids:
            return np.zeros(bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(bm25.get_scores_from_ids(token_ids), dtype=np.float32)

    def document_frequency(self, view: str, token: str) -> int:
        """Passages containing the token (bm25s keeps one column of scores per token)."""
        bm25 = self.views[view]
        token_id = bm25.vocab_dict.get(token)
        if token_id is None:
            return 0
        indptr = bm25.scores["indptr"]
        return int(indptr[token_id + 1] - indptr[token_id])

    @property
    def passage_count(self) -> int:
        return int(next(iter(self.views.values())).scores["num_docs"])

    def search(self, query: str, k: int, views: tuple[str, ...] = ("words", "folded")) -> list[tuple[int, float]]:
        """Sum of the views' BM25 scores, top k (passage row, score), best first."""
        total = sum(self.scores(view, VIEWS[view](query)) for view in views)
        return top_k(total, k)


def top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    k = min(k, len(scores))
    if k <= 0:
        return []
    rows = np.argpartition(-scores, k - 1)[:k]
    rows = rows[np.argsort(-scores[rows], kind="stable")]
    return [(int(row), float(scores[row])) for row in rows if scores[row] > 0]
