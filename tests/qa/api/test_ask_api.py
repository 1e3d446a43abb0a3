"""POST /v1/ask contract on the small corpus with the fake embedder (fast)."""

import pytest
from fastapi.testclient import TestClient

from index.embedder import HashingEmbedder
from qa.api.app import create_app
from qa.settings import Settings
from tests.conftest import fake_app_client

ANSWER_KEYS = {"answer", "confidence", "answer_type", "citations", "passages", "answer_start", "answer_end",
               "resolved_question", "request_id"}
ANSWER_TYPES = {"number", "percent", "date", "code", "entity", "text", "none"}


@pytest.fixture
def client(fake_client):
    return fake_client


def ask(client, **body):
    return client.post("/v1/ask", json=body)


def test_answer_is_a_short_span_cited_exactly(client):
    response = ask(client, question="Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ANSWER_KEYS and body["answer_type"] in ANSWER_TYPES
    assert body["answer"] == "99,8%" and 0 <= body["confidence"] <= 1
    citation = body["citations"][0]
    assert set(citation) == {"doc_id", "title", "passage_id", "start", "end", "quote", "source", "date"}
    document = client.get(f"/v1/documents/{citation['doc_id']}").json()
    assert document["text"][citation["start"]:citation["end"]] == citation["quote"]
    assert body["answer"] in citation["quote"]
    assert document["text"][body["answer_start"]:body["answer_end"]] == body["answer"]
    assert set(body["passages"][0]) == {"doc_id", "passage_id", "text", "score", "start", "end", "title", "source"}
    assert body["passages"][0]["title"] == document["title"]


def test_the_province_a_question_names_steers_the_answer(client):
    body = ask(client, question="Bắc Ninh xếp thứ mấy về DTI?").json()
    assert body["citations"][0]["doc_id"] == "bn"
    assert "6/63" in body["answer"]


def test_a_question_the_corpus_cannot_answer_abstains(client):
    body = ask(client, question="Giá vàng hôm nay bao nhiêu?").json()
    assert body["answer"] is None and body["answer_type"] == "none" and body["citations"] == []


def test_filters_restrict_the_documents(client):
    body = ask(client, question="Quảng Ninh cung cấp bao nhiêu dịch vụ công trực tuyến?",
               filters={"province": "Bắc Ninh"}).json()
    assert {p["doc_id"] for p in body["passages"]} <= {"bn"}


@pytest.mark.parametrize("body, detail", [
    ({}, "invalid question: Field required"),
    ({"question": ""}, "invalid question: String should have at least 1 character"),
    ({"question": "   "}, "invalid question: Value error, question is empty"),
    ({"question": 5}, "invalid question: Input should be a valid string"),
    ({"question": "4G", "top_k": 0}, "invalid top_k: Input should be greater than or equal to 1"),
    ({"question": "4G", "top_k": 51}, "invalid top_k: Input should be less than or equal to 50"),
    ({"question": "4G", "top_k": "5"}, "invalid top_k: Input should be a valid integer"),
    ({"question": "4G", "filters": ["province"]}, "invalid filters: Input should be a valid dictionary"),
    ({"question": "x" * 1001}, "invalid question: longer than 1000 characters"),
])
def test_bad_requests_get_a_short_422(client, body, detail):
    response = client.post("/v1/ask", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_invalid_json_gets_a_422(client):
    response = client.post("/v1/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json() == {"detail": "invalid request: body is not valid JSON"}


def test_ask_without_an_index_is_503(tmp_path):
    settings = Settings(index_dir=tmp_path / "none", embed_model="hashing-fake")
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as client:
        response = client.post("/v1/ask", json={"question": "4G"})
        assert response.status_code == 503
        assert response.json() == {"detail": "index not loaded: run `qa index build`"}


def test_top_k_takes_the_default_and_bound_of_search_k(fake_index):
    with fake_app_client(fake_index, default_top_k=1, max_top_k=2) as client:
        body = ask(client, question="Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?").json()
        assert len(body["passages"]) == 1
        assert len(ask(client, question="Tỷ lệ phủ sóng 4G?", top_k=2).json()["passages"]) == 2
        refused = ask(client, question="Tỷ lệ phủ sóng 4G?", top_k=3)
        assert refused.status_code == 422
        assert refused.json() == {"detail": "invalid top_k: Input should be less than or equal to 2"}
        assert client.get("/v1/search", params={"q": "4G", "k": 3}).json() == {
            "detail": "invalid k: Input should be less than or equal to 2"}
        schema = client.get("/openapi.json").json()["components"]["schemas"]["AskRequest"]["properties"]["top_k"]
        assert (schema["default"], schema["maximum"]) == (1, 2)


def test_control_characters_are_refused(client):
    response = ask(client, question="Tỷ lệ\x00 4G?")
    assert response.status_code == 422
    assert response.json() == {"detail": "invalid question: Value error, question contains control characters"}


def test_invalid_utf8_is_refused(client):
    response = client.post("/v1/ask", content=b'{"question": "\xff\xfe"}', headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert set(response.json()) == {"detail"}


def test_security_headers_and_cors_allowlist(client):
    response = client.get("/healthz", headers={"Origin": "http://localhost:8000"})
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["access-control-allow-origin"] == "http://localhost:8000"
    other = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
