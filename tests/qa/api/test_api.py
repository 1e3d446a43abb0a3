import pytest
from fastapi.testclient import TestClient

from index.embedder import HashingEmbedder
from qa.api.app import create_app
from qa.settings import Settings


@pytest.fixture
def client(fake_client):
    return fake_client


def test_healthz_reports_the_manifest(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["index"]["counts"] == {"documents": 3, "passages": 3, "sentences": 3}


def test_healthz_is_503_without_an_index(tmp_path):
    settings = Settings(index_dir=tmp_path / "none", embed_model="hashing-fake")
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as client:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert "qa index build" in response.json()["detail"]
        for path in ("/v1/search?q=4G", "/v1/documents/qn"):
            refused = client.get(path)
            assert refused.status_code == 503
            assert refused.json() == {"detail": "index not loaded: run `qa index build`"}


def test_search_returns_passages_with_offsets(client):
    response = client.get("/v1/search", params={"q": "tỷ lệ phủ sóng 4G", "k": 2})
    assert response.status_code == 200
    passages = response.json()["passages"]
    assert len(passages) == 2
    assert set(passages[0]) == {"doc_id", "passage_id", "text", "score", "start", "end"}
    document = client.get(f"/v1/documents/{passages[0]['doc_id']}").json()
    assert document["text"][passages[0]["start"]:passages[0]["end"]] == passages[0]["text"]


@pytest.mark.parametrize("params, detail", [
    ({}, "invalid q: Field required"),
    ({"q": ""}, "invalid q: String should have at least 1 character"),
    ({"q": "   "}, "invalid q: question is empty"),
    ({"q": "4G", "k": 0}, "invalid k: Input should be greater than or equal to 1"),
    ({"q": "4G", "k": "nhiều"}, "invalid k: Input should be a valid integer, unable to parse string as an integer"),
    ({"q": "4G", "mode": "sparse"}, "invalid mode: String should match pattern '^(hybrid|bm25|dense)$'"),
    ({"q": "x" * 1001}, "invalid q: String should have at most 1000 characters"),
])
def test_bad_search_requests_get_a_short_422(client, params, detail):
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_documents_returns_clean_text_and_404_for_unknown(client):
    document = client.get("/v1/documents/qn").json()
    assert set(document) == {"doc_id", "title", "text", "metadata"}
    assert document["metadata"]["province"] == "Quảng Ninh"
    response = client.get("/v1/documents/khong-co")
    assert response.status_code == 404
    assert response.json() == {"detail": "document not found"}
