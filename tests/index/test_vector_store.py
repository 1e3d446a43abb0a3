"""The FAISS + bm25s vector store against plain references: numpy for vectors, bm25s itself for
the lexical views."""

import bm25s
import numpy as np
import pytest

from index.vectors import FaissBm25Store
from index.vectors import dense as dense_module
from index.vectors.lexical import BM25_PARAMETERS, VIEWS
from index.vietnamese.tokens import folded_tokens

TEXTS = [
    "Theo thống kê, 100% dân số tại Quảng Ninh được phủ sóng mạng di động, tỷ lệ phủ sóng 4G đạt 99,8%.",
    "Năm 2022, Bắc Ninh xếp thứ 6/63 tỉnh, thành phố về Chỉ số chuyển đổi số DTI.",
    "Quảng Ninh cung cấp 1.000 dịch vụ công trực tuyến toàn trình theo Quyết định số 1574/QĐ-UBND.",
    "Tỷ lệ hồ sơ nộp trực tuyến của Bắc Ninh đạt 40%, năm 2019 là 22%.",
]
SENTENCE_COUNTS = [2, 1, 1, 2]


def unit_vectors(count: int, dimension: int = 16, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture
def store() -> FaissBm25Store:
    return FaissBm25Store.build(unit_vectors(len(TEXTS)), unit_vectors(sum(SENTENCE_COUNTS), seed=1),
                                SENTENCE_COUNTS, TEXTS)


def test_dense_search_is_exact_inner_product_with_and_without_a_filter(store):
    passages, question = unit_vectors(len(TEXTS)), unit_vectors(1, seed=2)[0]
    expected = np.argsort(-(passages @ question))
    assert [row for row, _ in store.dense_search(question, 4)] == list(expected)
    scores = dict(store.dense_search(question, 4))
    assert scores[0] == pytest.approx(float(passages[0] @ question), abs=1e-6)
    allowed = np.array([1, 3])
    assert [row for row, _ in store.dense_search(question, 4, allowed)] == [r for r in expected if r in (1, 3)]


def test_lexical_search_sums_the_views_like_bm25s(store):
    tokens = {view: tokenize("tỷ lệ phủ sóng 4G Quảng Ninh") for view, tokenize in VIEWS.items()}
    reference = np.zeros(len(TEXTS), dtype=np.float32)
    for view, tokenize in VIEWS.items():
        bm25 = bm25s.BM25(**BM25_PARAMETERS)
        bm25.index([tokenize(text) for text in TEXTS], show_progress=False)
        reference += bm25.get_scores(tokens[view])
    ranking = store.lexical_search(tokens, 3)
    assert [row for row, _ in ranking] == [int(row) for row in np.argsort(-reference)[:len(ranking)]]
    assert ranking[0][1] == pytest.approx(float(reference.max()))
    assert [row for row, _ in store.lexical_search(tokens, 3, np.array([2]))] == [2]
    assert store.lexical_search({"folded": ["vang"]}, 3) == []


def test_document_frequency_counts_the_passages_holding_a_token(store):
    assert store.document_frequency("folded", "bac") == 2
    assert store.document_frequency("folded", "4g") == 1
    assert store.document_frequency("folded", "vang") == 0
    assert folded_tokens("Bắc")[0] == "bac"


def test_sentence_similarities_are_each_sentences_inner_product(store):
    sentences, question = unit_vectors(sum(SENTENCE_COUNTS), seed=1), unit_vectors(1, seed=2)[0]
    expected = sentences[4:6] @ question  # passage 3 holds the fifth and sixth sentence
    np.testing.assert_allclose(store.sentence_similarities(3, question), expected, atol=1e-3)  # stored in float16
    assert len(store.sentence_similarities(1, question)) == 1


def test_a_saved_store_loads_with_the_same_answers(store, tmp_path):
    store.save(tmp_path)
    loaded = FaissBm25Store.load(tmp_path, SENTENCE_COUNTS)
    question = unit_vectors(1, seed=3)[0]
    assert loaded.dense_search(question, 4) == store.dense_search(question, 4)
    tokens = {"folded": folded_tokens("dịch vụ công trực tuyến")}
    assert loaded.lexical_search(tokens, 4) == store.lexical_search(tokens, 4)
    assert (loaded.passage_count, loaded.dimension, loaded.sentence_count) == (4, 16, 6)
    passage_vectors, sentence_vectors = loaded.stored_vectors()
    np.testing.assert_allclose(passage_vectors, unit_vectors(len(TEXTS)), atol=1e-6)
    assert sentence_vectors.dtype == np.float16 and len(sentence_vectors) == 6
    assert loaded.describe() == {"dense_index": {"type": "flat", "vectors": 4}, "dimension": 16,
                                 "bm25": BM25_PARAMETERS}


def test_above_the_exact_limit_an_ivf_index_searches_and_its_vectors_come_back_in_row_order(monkeypatch):
    monkeypatch.setattr(dense_module, "EXACT_SEARCH_MAX_VECTORS", 10)
    count = 64
    store = FaissBm25Store.build(unit_vectors(count), unit_vectors(count, seed=1), [1] * count, ["x y"] * count)
    assert store.describe()["dense_index"] == {"type": "ivf", "vectors": count, "lists": 32, "nprobe": 16}
    assert store.dense_search(unit_vectors(count)[7], 1) == [(7, pytest.approx(1.0, abs=1e-5))]
    passage_vectors, _ = store.stored_vectors()  # None where faiss cannot reconstruct them
    assert passage_vectors is None or np.allclose(passage_vectors, unit_vectors(count), atol=1e-6)
