"""Scoring retrieval on a gold set: is the evidence in a retrieved passage, and how high?"""

from eval.gold import GoldQuestion
from eval.metrics import evidence_rank, evidence_span, mean_reciprocal_rank, recall_at

RETRIEVAL_DEPTH = 10


def retrieval_ranks(search, questions: list[GoldQuestion], documents: dict) -> list[int | None]:
    """`search(question, k)` returns passages as dicts; one rank per answerable question."""
    ranks = []
    for question in questions:
        if not question.answerable:
            continue
        span = evidence_span(documents[question.doc_id].text, question.evidence)
        if span is None:
            raise ValueError(f"{question.id}: evidence not found in document {question.doc_id}")
        passages = search(question.question, RETRIEVAL_DEPTH)
        ranks.append(evidence_rank(passages, question.doc_id, span))
    return ranks


def retrieval_summary(ranks: list[int | None]) -> dict:
    return {"questions": len(ranks), "recall@1": recall_at(ranks, 1), "recall@5": recall_at(ranks, 5),
            "mrr@10": mean_reciprocal_rank(ranks, 10)}


def compare_modes(retriever, questions: list[GoldQuestion], modes=("bm25", "dense", "hybrid")) -> dict[str, dict]:
    documents = retriever.index.documents
    results = {}
    for mode in modes:
        def search(text, k, mode=mode):
            return [hit.to_json() for hit in retriever.search(text, k=k, mode=mode)]
        results[mode] = retrieval_summary(retrieval_ranks(search, questions, documents))
    return results

