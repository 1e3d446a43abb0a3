"""BM25 as sparse vectors, for an engine that scores a sparse dot product with IDF applied to the
query side (Qdrant's `Modifier.IDF`). Pure functions on token lists.

A passage's weight for a term is BM25's term-frequency part, lucene variant as the embedded index
(`index.vectors.lexical`, bm25s) computes it:

    tf / (tf + k1 * (1 - b + b * length / average_length))

and a question's weight is how often the term occurs in it. The engine multiplies each query
weight by ln(1 + (N - df + 0.5) / (df + 0.5)), bm25s's lucene IDF, so the dot product is the
bm25s score. Both lexical views ("words", "folded") go into one sparse vector, each term keyed by
its view, so one search sums the views as the embedded index does.

Terms become 32-bit indices by hashing (the engine's sparse indices are 32-bit): no vocabulary to
store or share between writers. Two terms colliding share a document frequency; with 100,000
distinct terms about one pair in a million would.
"""

import hashlib
from collections import Counter

from index.vectors.lexical import BM25_PARAMETERS

SparseVector = tuple[list[int], list[float]]  # (indices, values), indices unique


def term_index(view: str, token: str) -> int:
    digest = hashlib.blake2b(f"{view}\x1f{token}".encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "little")


def passage_tokens(tokens: list[str]) -> list[str]:
    """bm25s is given "" for an empty passage so its rows stay aligned; it counts in the length."""
    return tokens or [""]


def average_lengths(token_lists: dict[str, list[list[str]]]) -> dict[str, float]:
    """Mean passage length in tokens, per view."""
    return {view: sum(len(passage_tokens(tokens)) for tokens in lists) / max(len(lists), 1)
            for view, lists in token_lists.items()}


def passage_vector(tokens: dict[str, list[str]], average: dict[str, float]) -> SparseVector:
    k1, b = BM25_PARAMETERS["k1"], BM25_PARAMETERS["b"]
    weights: Counter = Counter()
    for view, view_tokens in tokens.items():
        view_tokens = passage_tokens(view_tokens)
        norm = k1 * (1 - b + b * len(view_tokens) / average[view])
        for token, count in Counter(view_tokens).items():
            weights[term_index(view, token)] += count / (count + norm)
    return _sorted(weights)


def query_vector(tokens: dict[str, list[str]]) -> SparseVector:
    """bm25s sums a term once per occurrence in the question, so its weight is its count."""
    counts: Counter = Counter(term_index(view, token) for view, view_tokens in tokens.items()
                              for token in view_tokens if token)
    return _sorted(counts)


def _sorted(weights: Counter) -> SparseVector:
    indices = sorted(weights)
    return indices, [float(weights[index]) for index in indices]
