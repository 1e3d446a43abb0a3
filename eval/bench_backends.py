"""The two vector stores side by side, for `make bench`: what each costs to build and to search.

Build: the same corpus built into the embedded store (FAISS + bm25s files) and into Qdrant's
local mode from vectors already embedded (the previous build lends them), so the time is the
store's own, per 1,000 passages; embedding, the same for both, is the real-model build's figure.
Search: one question's retrieval (dense and lexical search, fused) with the question already
analysed and embedded, every gold question once (at scale the first SCALE_QUESTIONS), in process.
Qdrant runs in local mode in memory: brute force in Python, no HNSW; a server is not measured here.
"""

import shutil
import time
from pathlib import Path

from eval.latency import latency_summary

SCALE_QUESTIONS = 30  # local mode takes seconds a search at 100,000 passages


def timed_build(corpus: Path, index_dir: Path, embedder, previous, qdrant=None) -> dict:
    from index.build import build_index

    started = time.perf_counter()
    manifest = build_index(corpus, index_dir, embedder, show_progress=False, previous=previous, qdrant=qdrant)
    seconds = time.perf_counter() - started
    passages = manifest["counts"]["passages"]
    return {"passages": passages, "seconds": round(seconds, 2),
            "seconds_per_1000_passages": round(seconds / passages * 1000, 2)}


def search_latency(index, embedder, questions: list[str], dense_weight: float) -> dict:
    """Milliseconds per hybrid search of 5 passages, the questions analysed and embedded beforehand."""
    from qa.question import analyse_question
    from qa.retrieval import PassageRetriever

    retriever = PassageRetriever(index, embedder, dense_weight=dense_weight)
    analysed = [analyse_question(question) for question in questions]
    vectors = [retriever.query_vector(question) for question in analysed]
    retriever.search(analysed[0], k=5, vector=vectors[0])  # whatever a store sets up at its first search
    latencies = []
    for question, vector in zip(analysed, vectors):
        started = time.perf_counter()
        retriever.search(question, k=5, vector=vector)
        latencies.append((time.perf_counter() - started) * 1000)
    return latency_summary(latencies)


def compare_backends(label: str, corpus: Path, embedded_index: Path, work: Path, embedder, questions: list[str],
                     dense_weight: float) -> dict:
    """Both stores over corpus; `embedded_index` is an embedded build of it whose vectors are reused."""
    from index.store import load_index
    from index.vectors.qdrant_target import QdrantTarget

    from qdrant_client import QdrantClient

    previous = load_index(embedded_index)
    work.mkdir(parents=True, exist_ok=True)
    qdrant = QdrantTarget(collection="bench", client=QdrantClient(":memory:"))
    try:
        builds = {"embedded": timed_build(corpus, work / "embedded", embedder, previous),
                  "qdrant_local": timed_build(corpus, work / "qdrant-index", embedder, previous, qdrant)}
        search = {"embedded": search_latency(load_index(work / "embedded"), embedder, questions, dense_weight),
                  "qdrant_local": search_latency(load_index(work / "qdrant-index", qdrant=qdrant), embedder,
                                                 questions, dense_weight)}
    finally:
        qdrant.close()
        shutil.rmtree(work, ignore_errors=True)
    return {"label": label, "passages": builds["embedded"]["passages"], "build": builds, "search": search}
