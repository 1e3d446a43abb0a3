"""Retrieval metrics, as pure functions on plain data."""

from collections.abc import Sequence


def evidence_span(document_text: str, evidence: str) -> tuple[int, int] | None:
    start = document_text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def evidence_rank(passages: Sequence[dict], doc_id: str, span: tuple[int, int]) -> int | None:
    """1-based rank of the first passage that holds the evidence span, None if none does."""
    start, end = span
    for rank, passage in enumerate(passages, start=1):
        if passage["doc_id"] == doc_id and passage["start"] <= start and end <= passage["end"]:
            return rank
    return None


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    return sum(1 for rank in ranks if rank is not None and rank <= k) / len(ranks) if ranks else 0.0


def mean_reciprocal_rank(ranks: Sequence[int | None], cutoff: int = 10) -> float:
    if not ranks:
        return 0.0
    return sum(1 / rank for rank in ranks if rank is not None and rank <= cutoff) / len(ranks)
