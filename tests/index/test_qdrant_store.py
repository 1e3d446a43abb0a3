"""The Qdrant backend against the embedded one, in qdrant-client's local mode: the same rankings,
scores, document frequencies and sentence cosines from the same vectors and texts."""

import datetime

import numpy as np
import pytest
from qdrant_client import QdrantClient

from index.chunking import Passage
from index.documents import Document
from index.vectors import FaissBm25Store
from index.vectors.lexical import VIEWS
from index.vectors.qdrant_payload import issued_day, payload_filter
from index.vectors.qdrant_store import QdrantStore
from index.vectors.qdrant_target import QdrantTarget
from index.vectors.qdrant_writer import build_collection, update_collection
from index.vectors.sparse_bm25 import query_vector, term_index
from index.vietnamese.tokens import folded_tokens, lexical_tokens
from qa.filters import IssuedBetween, matches_filters
from tests.index.test_vector_store import SENTENCE_COUNTS, TEXTS, unit_vectors

METADATA = [
    {"province": "Quảng Ninh", "provinces": ["Quảng Ninh"], "doc_type": "Kế hoạch", "issued_date": "2024-03-14"},
    {"province": "Bắc Ninh", "provinces": ["Bắc Ninh"], "issued_date": "2022-12-01"},
    {"province": "Quảng Ninh", "provinces": ["Quảng Ninh", "Bắc Ninh"], "doc_type": "Quyết định"},
    {"province": "Bắc Ninh", "provinces": ["Bắc Ninh"], "doc_type": "Kế hoạch", "issued_date": "không rõ"},
]


def sentence_spans(count: int) -> tuple[tuple[int, int], ...]:
    return tuple((i, i + 1) for i in range(count))


PASSAGES = [Passage(f"d{i}#0", f"d{i}", 0, len(text), text, sentence_spans(count))
            for i, (text, count) in enumerate(zip(TEXTS, SENTENCE_COUNTS))]
DOCUMENTS = [Document(f"d{i}", f"Tài liệu {i}", text, metadata)
             for i, (text, metadata) in enumerate(zip(TEXTS, METADATA))]


@pytest.fixture
def target() -> QdrantTarget:
    return QdrantTarget(collection="passages", client=QdrantClient(":memory:"))


def open_store(target, description, passages=PASSAGES) -> QdrantStore:
    return QdrantStore.open(target, description["qdrant"], passages)


@pytest.fixture
def stores(target):
    passage_vectors, sentence_vectors = unit_vectors(len(TEXTS)), unit_vectors(sum(SENTENCE_COUNTS), seed=1)
    described = build_collection(target, "build-1", DOCUMENTS, PASSAGES, passage_vectors, sentence_vectors)
    embedded = FaissBm25Store.build(passage_vectors, sentence_vectors, SENTENCE_COUNTS, TEXTS)
    return open_store(target, described), embedded


def test_dense_search_equals_faiss_with_and_without_a_filter(stores):
    qdrant, embedded = stores
    question = unit_vectors(1, seed=2)[0]
    for allowed in (None, np.array([1, 3])):
        assert_same_ranking(qdrant.dense_search(question, 4, allowed), embedded.dense_search(question, 4, allowed))


@pytest.mark.parametrize("question", ["tỷ lệ phủ sóng 4G Quảng Ninh", "ty le ho so nop truc tuyen bac ninh",
                                      "Quyết định 1574/QĐ-UBND", "năm 2019", "vàng"])
def test_lexical_search_scores_as_bm25s_does(stores, question):
    qdrant, embedded = stores
    tokens = {view: tokenize(question) for view, tokenize in VIEWS.items()}
    assert_same_ranking(qdrant.lexical_search(tokens, 4), embedded.lexical_search(tokens, 4))
    only_folded = {"folded": tokens["folded"]}
    assert_same_ranking(qdrant.lexical_search(only_folded, 4), embedded.lexical_search(only_folded, 4))
    assert_same_ranking(qdrant.lexical_search(tokens, 4, np.array([2])),
                        embedded.lexical_search(tokens, 4, np.array([2])))


def assert_same_ranking(got, expected):
    assert [row for row, _ in got] == [row for row, _ in expected]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in expected], rtol=1e-5, atol=1e-6)


def test_document_frequencies_and_counts_equal_the_embedded_ones(stores):
    qdrant, embedded = stores
    for view, token in [("folded", "bac"), ("folded", "4g"), ("folded", "quang_ninh"), ("folded", "vang"),
                        ("words", "bắc_ninh"), ("words", "99,8%"), ("words", "1574/qđ-ubnd")]:
        assert qdrant.document_frequency(view, token) == embedded.document_frequency(view, token), token
    assert (qdrant.passage_count, qdrant.dimension) == (4, 16)


def test_sentence_similarities_are_the_embedded_stores_cosines(stores):
    qdrant, embedded = stores
    question = unit_vectors(1, seed=2)[0]
    for row in range(len(TEXTS)):
        np.testing.assert_allclose(qdrant.sentence_similarities(row, question),
                                   embedded.sentence_similarities(row, question), atol=1e-6)


def test_stored_vectors_come_back_in_row_order_and_describe_names_the_collection(stores):
    qdrant, embedded = stores
    passage_vectors, sentence_vectors = qdrant.stored_vectors()
    np.testing.assert_allclose(passage_vectors, unit_vectors(len(TEXTS)), atol=1e-6)
    np.testing.assert_array_equal(sentence_vectors, embedded.sentence_vectors)
    described = qdrant.describe()
    assert described["vector_store"] == "qdrant" and described["qdrant"]["collection"] == "passages-build-1"
    assert described["dense_index"] == {"type": "qdrant", "vectors": 4} and described["dimension"] == 16


def test_stored_vectors_of_a_collection_missing_a_passage_are_not_reused(stores):
    qdrant, _ = stores
    extra = Passage("d9#0", "d9", 0, 3, "abc", ((0, 3),))
    reopened = QdrantStore(qdrant.client, qdrant.collection, [*PASSAGES, extra], qdrant.average)
    passage_vectors, sentence_vectors = reopened.stored_vectors()
    assert passage_vectors is None and len(sentence_vectors) == 0


@pytest.mark.parametrize("filters", [
    {"province": "Quảng Ninh"},
    {"provinces": "Bắc Ninh"},
    {"doc_type": "Kế hoạch", "province": "Bắc Ninh"},
    {"issued_date": IssuedBetween(datetime.date(2024, 1, 1), None)},
    {"issued_date": IssuedBetween(None, datetime.date(2023, 12, 31))},
    {"issued_date": IssuedBetween(datetime.date(2022, 12, 1), datetime.date(2024, 3, 14))},
    {"province": "Hà Nội"},
])
def test_payload_filters_keep_the_rows_matches_filters_keeps(stores, filters):
    qdrant, _ = stores
    expected = [row for row, d in enumerate(DOCUMENTS) if matches_filters(d.metadata, filters)]
    assert payload_filter(filters) is not None
    question = unit_vectors(1, seed=2)[0]
    assert sorted(row for row, _ in qdrant.dense_search(question, 4, filters=filters)) == expected


def test_a_filter_the_payload_cannot_say_falls_back_to_the_allowed_rows(stores):
    qdrant, _ = stores
    assert payload_filter({"odd.key": "x"}) is None and payload_filter({"score": 0.5}) is None
    question = unit_vectors(1, seed=2)[0]
    assert [row for row, _ in qdrant.dense_search(question, 4, np.array([0, 2]), {"odd.key": "x"})] in ([0, 2], [2, 0])


def test_issued_day_reads_dates_as_the_answer_pipeline_does():
    assert issued_day({"issued_date": "2024-03-14"}) == 20240314
    assert issued_day({"issued_date": "không rõ"}) is None and issued_day({}) is None


def test_terms_are_keyed_by_view_and_a_question_counts_repeats():
    assert term_index("words", "4g") != term_index("folded", "4g")
    assert term_index("folded", "bac") == term_index("folded", "bac")  # stable across processes: a hash of bytes
    indices, values = query_vector({"folded": ["bac", "ninh", "bac"]})
    assert dict(zip(indices, values)) == {term_index("folded", "bac"): 2.0, term_index("folded", "ninh"): 1.0}
    assert query_vector({"words": []}) == ([], [])


def test_a_new_build_moves_the_alias_and_keeps_one_collection_before_it(target):
    vectors, sentences = unit_vectors(len(TEXTS)), unit_vectors(sum(SENTENCE_COUNTS), seed=1)
    for build in ("build-1", "build-2", "build-3"):
        build_collection(target, build, DOCUMENTS, PASSAGES, vectors, sentences)
    client = target.client
    assert sorted(c.name for c in client.get_collections().collections) == ["passages-build-2", "passages-build-3"]
    assert [(a.alias_name, a.collection_name) for a in client.get_aliases().aliases] == \
        [("passages", "passages-build-3")]


def test_a_failed_build_leaves_no_collection_behind(target):
    with pytest.raises(KeyError):
        build_collection(target, "build-1", DOCUMENTS[:1], PASSAGES, unit_vectors(len(TEXTS)),
                         unit_vectors(sum(SENTENCE_COUNTS), seed=1))  # the other documents' metadata is missing
    assert target.client.get_collections().collections == []


def test_an_update_in_place_writes_and_removes_only_the_changed_documents_points(stores, target):
    qdrant, _ = stores
    described = qdrant.describe()
    replaced = Document("d1", "Tài liệu 1", "Bắc Ninh xếp thứ 5/63 về DTI năm 2023.", {"province": "Bắc Ninh"})
    added = Document("d4", "Tài liệu 4", "Lào Cai có 120 điểm phát sóng wifi công cộng.", {"province": "Lào Cai"})
    fresh = [Passage("d1#0", "d1", 0, len(replaced.text), replaced.text, ((0, len(replaced.text)),)),
             Passage("d4#0", "d4", 0, len(added.text), added.text, ((0, len(added.text)),))]
    documents = [DOCUMENTS[0], replaced, DOCUMENTS[2], added]  # d3 removed
    updated = update_collection(target, described["qdrant"], documents, fresh, {"d1", "d3", "d4"},
                                unit_vectors(2, seed=5), unit_vectors(2, seed=6))
    assert updated["qdrant"] == described["qdrant"]  # same collection, same average lengths
    assert updated["dense_index"]["vectors"] == 4
    passages = [PASSAGES[0], fresh[0], PASSAGES[2], fresh[1]]
    store = QdrantStore.open(target, updated["qdrant"], passages)
    assert store.passage_count == 4
    tokens = {"folded": folded_tokens("lao cai wifi"), "words": lexical_tokens("lao cai wifi")}
    assert [row for row, _ in store.lexical_search(tokens, 2)] == [3]
    assert store.document_frequency("words", "6/63") == 0  # the old d1 text is gone
    assert store.document_frequency("words", "5/63") == 1
    assert store.document_frequency("words", "2019") == 0  # d3's points are gone
    np.testing.assert_allclose(store.sentence_similarities(1, unit_vectors(1, seed=7)[0]),
                               unit_vectors(2, seed=6)[:1].astype(np.float16).astype(np.float32)
                               @ unit_vectors(1, seed=7)[0], atol=1e-6)
