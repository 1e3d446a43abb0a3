"""Fusing dense and lexical rankings into one.

Convex combination of normalised scores: cosine is min-max normalised over the
candidates; BM25 is divided by the best candidate's score (its natural floor is 0),
so a query whose words match nothing gets no lexical boost. A weighted sum of
normalised scores keeps how much better the best candidate is, which rank fusion
(RRF) throws away; the weight is tuned on the gold set (`qa eval --compare`).
"""

Ranking = list[tuple[int, float]]


def normalise_min_max(ranking: Ranking) -> dict[int, float]:
    if not ranking:
        return {}
    scores = [score for _, score in ranking]
    low, high = min(scores), max(scores)
    spread = high - low
    return {row: (score - low) / spread if spread > 0 else 1.0 for row, score in ranking}


def normalise_by_max(ranking: Ranking) -> dict[int, float]:
    best = max((score for _, score in ranking), default=0.0)
    return {row: score / best for row, score in ranking} if best > 0 else {}


def fuse_scores(dense: Ranking, lexical: Ranking, dense_weight: float) -> Ranking:
    """Rows of either ranking, scored dense_weight*dense + (1-dense_weight)*lexical, best first."""
    dense_scores, lexical_scores = normalise_min_max(dense), normalise_by_max(lexical)
    rows = dense_scores.keys() | lexical_scores.keys()
    fused = {row: dense_weight * dense_scores.get(row, 0.0) + (1 - dense_weight) * lexical_scores.get(row, 0.0)
             for row in rows}
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
