"""The service on the Qdrant backend (local mode, the hashing embedder): `qa index build` writes a
collection, answers and filters match the embedded index, administrators' changes update the
collection in place, and the settings choose the backend. A test at the end runs against a real
server when QA_QDRANT_URL names one."""

import os
import uuid

import pytest
from qdrant_client import QdrantClient

from index.build import build_index, changed_documents
from index.documents import Document
from index.embedder import HashingEmbedder
from index.store import IndexNotReady, load_index
from index.vectors.qdrant_target import QdrantTarget
from qa.cli import stale_reasons
from qa.retrieval import PassageRetriever
from qa.service import QAService
from qa.settings import Settings

QUESTIONS = ["Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?", "bac ninh xep thu may ve DTI",
             "dịch vụ công trực tuyến toàn trình", "Quyết định 1574/QĐ-UBND"]


class CountingEmbedder(HashingEmbedder):
    """Remembers every text it embedded, to show what an update embeds."""

    def __init__(self):
        super().__init__()
        self.embedded: list[str] = []

    def embed_passages(self, texts, show_progress=False):
        self.embedded += texts
        return super().embed_passages(texts, show_progress)


@pytest.fixture
def qdrant() -> QdrantTarget:
    return QdrantTarget(collection="passages", client=QdrantClient(":memory:"))


@pytest.fixture
def qdrant_index(small_corpus, tmp_path, qdrant):
    build_index(small_corpus, tmp_path / "qdrant-index", HashingEmbedder(), show_progress=False, qdrant=qdrant)
    return load_index(tmp_path / "qdrant-index", qdrant=qdrant)


def test_a_build_writes_a_collection_and_an_index_folder_without_vector_files(qdrant_index, qdrant):
    manifest = qdrant_index.manifest
    assert manifest["vector_store"] == "qdrant" and manifest["dense_index"] == {"type": "qdrant", "vectors": 3}
    collection = manifest["qdrant"]["collection"]
    assert collection.startswith("passages-build-")
    assert [(a.alias_name, a.collection_name) for a in qdrant.client.get_aliases().aliases] == \
        [("passages", collection)]
    assert sorted(p.name for p in qdrant_index.path.resolve().iterdir()) == \
        ["documents.jsonl", "manifest.json", "passages.jsonl"]


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_search_ranks_as_the_embedded_index_does(qdrant_index, fake_index, mode):
    qdrant_search = PassageRetriever(qdrant_index, HashingEmbedder(), dense_weight=0.3).search
    embedded_search = PassageRetriever(fake_index, HashingEmbedder(), dense_weight=0.3).search
    for question in QUESTIONS:
        got, expected = qdrant_search(question, k=3, mode=mode), embedded_search(question, k=3, mode=mode)
        # Hashed words give exact ties (two passages sharing no word with the question score 0),
        # which the two engines may order differently: ranks are compared tie-blind.
        assert ranked(got) == ranked(expected), question


def ranked(hits) -> list[tuple[float, str]]:
    return sorted((-round(h.score, 5), h.passage.id) for h in hits)


def test_filters_are_applied_in_qdrant(qdrant_index):
    search = PassageRetriever(qdrant_index, HashingEmbedder()).search
    hits = search("Quảng Ninh", k=3, filters={"province": "Bắc Ninh"})
    assert [h.passage.doc_id for h in hits] == ["bn"]
    assert search("Quảng Ninh", k=3, filters={"provinces": "Hà Nội"}) == []


def test_the_service_answers_from_qdrant(qdrant_index, qdrant, tmp_path):
    service = QAService(qdrant_index.path, tmp_path, embedder=HashingEmbedder(), qdrant=qdrant)
    service.load()
    assert service.load_error is None
    assert service.ask("Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?", 5, None).answer == "99,8%"


def test_an_index_in_qdrant_without_a_connection_says_what_to_set(qdrant_index):
    with pytest.raises(IndexNotReady, match="keeps its passages in Qdrant: set QA_VECTOR_STORE=qdrant"):
        load_index(qdrant_index.path)


def test_an_index_whose_collection_is_gone_says_to_rebuild(qdrant_index, qdrant):
    qdrant.client.delete_collection(qdrant_index.manifest["qdrant"]["collection"])
    with pytest.raises(IndexNotReady, match=r"Qdrant has no collection 'passages-build-\d+'.*run `qa index build`"):
        load_index(qdrant_index.path, qdrant=qdrant)


def test_administrators_changes_update_the_collection_in_place(small_corpus, tmp_path, qdrant):
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir, HashingEmbedder(), show_progress=False, qdrant=qdrant)
    embedder = CountingEmbedder()
    service = QAService(index_dir, small_corpus, embedder=embedder, qdrant=qdrant)
    service.load()
    collection = service.index.manifest["qdrant"]["collection"]

    text = "Lào Cai có 120 điểm phát sóng wifi công cộng miễn phí."
    created, manifest = service.save_document(Document("lc", "Wifi Lào Cai", text, {"province": "Lào Cai"}))
    assert created and manifest["qdrant"]["collection"] == collection  # no new collection
    assert set(embedder.embedded) == {text}  # only the new document's passage and sentence
    assert service.index.vectors.passage_count == 4
    assert [h.passage.doc_id for h in service.retriever.search("lao cai wifi", k=1)] == ["lc"]

    embedder.embedded.clear()
    assert service.delete_document("bn") is not None
    assert embedder.embedded == [] and service.index.vectors.passage_count == 3
    assert service.index.vectors.document_frequency("folded", "dti") == 0
    assert [c.name for c in qdrant.client.get_collections().collections] == [collection]


def test_changed_documents_are_the_added_replaced_and_removed_ones():
    old = {"a": Document("a", "A", "một"), "b": Document("b", "B", "hai"), "c": Document("c", "C", "ba")}
    new = [Document("a", "A", "một"), Document("b", "B", "hai mới"), Document("d", "D", "bốn")]
    assert changed_documents(old, new) == {"b", "c", "d"}


def test_settings_choose_the_backend(tmp_path, monkeypatch):
    assert Settings().service_arguments()["qdrant"] is None
    monkeypatch.setenv("QA_VECTOR_STORE", "qdrant")
    monkeypatch.setenv("QA_QDRANT_URL", "http://qdrant.internal:6333")
    monkeypatch.setenv("QA_QDRANT_COLLECTION", "vanban")
    monkeypatch.setenv("QA_QDRANT_SHARDS", "6")
    monkeypatch.setenv("QA_QDRANT_REPLICATION_FACTOR", "2")
    target = Settings().service_arguments()["qdrant"]
    assert (target.url, target.collection, target.shards, target.replication_factor) == \
        ("http://qdrant.internal:6333", "vanban", 6, 2)
    with pytest.raises(ValueError, match="qdrant_collection"):
        Settings(qdrant_collection="tên có dấu")


def test_a_target_with_nowhere_to_connect_says_which_setting_is_missing():
    with pytest.raises(RuntimeError, match="needs QA_QDRANT_URL"):
        QdrantTarget().connect()


def test_an_embedded_index_is_stale_when_settings_ask_for_qdrant(fake_index, small_corpus):
    settings = Settings(embed_model="hashing-fake", vector_store="qdrant")
    assert "the index is in the embedded store, QA_VECTOR_STORE asks for qdrant" in \
        stale_reasons(settings, small_corpus, fake_index.path)
    assert stale_reasons(settings.model_copy(update={"vector_store": "embedded"}), small_corpus, fake_index.path) == []


@pytest.mark.qdrant_server
@pytest.mark.skipif(not os.environ.get("QA_QDRANT_URL"), reason="set QA_QDRANT_URL to test against a Qdrant server")
def test_a_real_server_builds_searches_and_updates(small_corpus, tmp_path):
    target = QdrantTarget(collection=f"test-{uuid.uuid4().hex[:12]}", url=os.environ["QA_QDRANT_URL"],
                          api_key=os.environ.get("QA_QDRANT_API_KEY"))
    client = target.connect()
    try:
        build_index(small_corpus, tmp_path / "index", HashingEmbedder(), show_progress=False, qdrant=target)
        service = QAService(tmp_path / "index", small_corpus, embedder=HashingEmbedder(), qdrant=target)
        service.load()
        assert service.load_error is None
        assert service.ask("Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?", 5, None).answer == "99,8%"
        assert [h.passage.doc_id for h in service.retriever.search("Quảng Ninh", k=3,
                                                                   filters={"province": "Bắc Ninh"})] == ["bn"]
        service.save_document(Document("lc", "Wifi Lào Cai", "Lào Cai có 120 điểm phát sóng wifi công cộng.",
                                       {"province": "Lào Cai"}))
        assert [h.passage.doc_id for h in service.retriever.search("lao cai wifi", k=1)] == ["lc"]
    finally:
        for collection in client.get_collections().collections:
            if collection.name.startswith(target.collection):
                client.delete_collection(collection.name)
        target.close()
