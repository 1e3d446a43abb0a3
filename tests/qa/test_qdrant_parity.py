"""Parity on the gold set: the seed corpus in Qdrant (local mode) against the embedded index, the same
vectors in both, every question of eval/gold.jsonl asked of each with the service's default reader."""

from pathlib import Path

import pytest
from qdrant_client import QdrantClient

from eval.gold import load_gold
from eval.run import run_gold, summarise
from index.build import build_index
from index.store import load_index
from index.vectors.qdrant_target import QdrantTarget
from qa.answering import QuestionAnswerer
from qa.readers.factory import make_reader, neural_engine
from qa.retrieval import PassageRetriever
from qa.settings import Settings

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def both_indexes(real_index, tmp_path_factory):
    """(embedded, Qdrant) indexes of the seed corpus; the Qdrant one reuses the embedded one's vectors."""
    embedded, embedder = real_index
    target = QdrantTarget(collection="passages", client=QdrantClient(":memory:"))
    path = tmp_path_factory.mktemp("qdrant") / "index"
    build_index(CORPUS, path, embedder, show_progress=False, previous=embedded, qdrant=target)
    return embedded, load_index(path, qdrant=target), embedder


def answerer(index, embedder, engine, settings: Settings) -> QuestionAnswerer:
    reader = make_reader(settings.reader, index.passages, engine, settings.min_confidence, settings.reading_budget())
    return QuestionAnswerer(PassageRetriever(index, embedder, dense_weight=settings.dense_weight), reader,
                            min_confidence=settings.min_confidence)


def test_top_five_passages_and_accuracy_match_the_embedded_index(both_indexes):
    embedded, qdrant, embedder = both_indexes
    settings, questions = Settings(), load_gold()
    searches = [PassageRetriever(index, embedder, dense_weight=settings.dense_weight).search
                for index in (embedded, qdrant)]
    same_list = same_set = 0
    for question in questions:
        embedded_top, qdrant_top = ([h.passage.id for h in search(question.question, k=5)] for search in searches)
        same_list += embedded_top == qdrant_top
        same_set += set(embedded_top) == set(qdrant_top)
    summaries, engine = [], neural_engine(settings.reader, settings.reader_dir)
    for index in (embedded, qdrant):
        ask = answerer(index, embedder, engine, settings)
        rows = run_gold(lambda q, ask=ask: ask.ask(q).to_json(), questions,
                        lambda doc_id, index=index: index.documents[doc_id].text)
        summaries.append(summarise(rows))
    accuracy = [summary["accuracy"] for summary in summaries]
    print(f"\n{len(questions)} questions: top-5 equal {same_list / len(questions):.3f} in order, "
          f"{same_set / len(questions):.3f} as sets; accuracy embedded {accuracy[0]:.3f}, qdrant {accuracy[1]:.3f}")
    assert same_list / len(questions) >= 0.95
    assert abs(accuracy[0] - accuracy[1]) <= 0.01
