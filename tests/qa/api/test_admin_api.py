"""Document changes over HTTP: authentication, validation, durability, live index swap."""

import threading

import pytest
from fastapi.testclient import TestClient

from index.corpus import read_corpus
from index.embedder import HashingEmbedder
from qa.api.app import create_app
from qa.settings import Settings

TOKEN = "quan-tri-bi-mat-du-dai-2026"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
NEW_DOCUMENT = {"id": "ha-long-2024", "title": "Hạ Long số hoá",
                "text": "Năm 2024, thành phố Hạ Long có 45 điểm phát wifi miễn phí.",
                "metadata": {"province": "Quảng Ninh"}}


class CountingEmbedder(HashingEmbedder):
    """Counts the texts it embeds, to show that a rebuild embeds only what is new."""

    def __init__(self):
        super().__init__()
        self.embedded = []

    def embed_passages(self, texts, show_progress=False):
        self.embedded.extend(texts)
        return super().embed_passages(texts, show_progress)


@pytest.fixture
def embedder():
    return CountingEmbedder()


@pytest.fixture
def client(fake_index, small_corpus, embedder):
    settings = Settings(index_dir=fake_index.path, corpus_dir=small_corpus, embed_model="hashing-fake",
                        admin_token=TOKEN, rate_limit_per_minute=0)
    with TestClient(create_app(settings, embedder=embedder)) as client:
        yield client


def search_ids(client, question):
    return {p["doc_id"] for p in client.get("/v1/search", params={"q": question, "k": 5}).json()["passages"]}


def test_changes_need_the_admin_token(client):
    missing = {"detail": "admin token required: Authorization: Bearer <token>"}
    wrong = {"detail": "wrong admin token"}
    response = client.post("/v1/documents", json=NEW_DOCUMENT)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert response.json() == missing
    response = client.post("/v1/documents", json=NEW_DOCUMENT, headers={"Authorization": "Bearer sai"})
    assert response.status_code == 403 and response.json() == wrong
    response = client.delete("/v1/documents/qn")
    assert response.status_code == 401 and response.json() == missing
    response = client.delete("/v1/documents/qn", headers={"Authorization": "Bearer sai"})
    assert response.status_code == 403 and response.json() == wrong
    assert client.get("/v1/documents/qn").status_code == 200


def test_changes_are_off_without_a_configured_token(fake_index, small_corpus):
    settings = Settings(index_dir=fake_index.path, corpus_dir=small_corpus, embed_model="hashing-fake")
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as client:
        response = client.post("/v1/documents", json=NEW_DOCUMENT, headers=ADMIN)
        assert response.status_code == 403
        assert response.json() == {"detail": "document changes are disabled: set QA_ADMIN_TOKEN"}


def test_a_posted_document_is_durable_and_searchable_at_once(client, small_corpus, embedder):
    embedder.embedded.clear()
    response = client.post("/v1/documents", json=NEW_DOCUMENT, headers=ADMIN)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["doc_id"] == "ha-long-2024" and body["created"] and body["passages"] == 1
    assert body["index"]["counts"]["documents"] == 4
    assert response.headers["location"] == "/v1/documents/ha-long-2024"
    assert "ha-long-2024" in {d.id for d in read_corpus(small_corpus)}
    assert client.get("/v1/documents/ha-long-2024").json()["text"] == NEW_DOCUMENT["text"]
    # Only the new document's passage and sentence were embedded; the rest came from the old index.
    assert set(embedder.embedded) == {NEW_DOCUMENT["text"]}
    assert "ha-long-2024" in search_ids(client, "điểm phát wifi miễn phí Hạ Long")


def test_posting_the_same_id_replaces_and_answers_change(client):
    client.post("/v1/documents", json=NEW_DOCUMENT, headers=ADMIN)
    changed = {**NEW_DOCUMENT, "text": "Năm 2024, thành phố Hạ Long có 60 điểm phát wifi miễn phí."}
    response = client.post("/v1/documents", json=changed, headers=ADMIN)
    assert response.status_code == 200 and response.json()["created"] is False
    assert client.get("/v1/documents/ha-long-2024").json()["text"] == changed["text"]


def test_a_text_file_can_be_uploaded(client):
    response = client.post("/v1/documents", headers=ADMIN,
                           files={"file": ("thong-bao.md", "# Thông báo\n\nCổng dịch vụ công có 1.725 thủ tục.".encode(),
                                           "text/markdown")})
    assert response.status_code == 201, response.text
    document = client.get("/v1/documents/thong-bao").json()
    assert document["title"] == "Thông báo" and "1.725 thủ tục" in document["text"]
    named = client.post("/v1/documents", headers=ADMIN, data={"id": "tb-2"},
                        files={"file": ("x.txt", "Tiêu đề\nNội dung".encode(), "text/plain")})
    assert named.status_code == 201 and named.json()["doc_id"] == "tb-2"


def test_delete_removes_the_document_from_corpus_and_index(client, small_corpus):
    response = client.delete("/v1/documents/bn", headers=ADMIN)
    assert response.status_code == 200 and response.json()["deleted"]
    assert client.get("/v1/documents/bn").status_code == 404
    assert "bn" not in search_ids(client, "Bắc Ninh DTI")
    assert "bn" not in {d.id for d in read_corpus(small_corpus)}
    response = client.delete("/v1/documents/bn", headers=ADMIN)
    assert response.status_code == 404 and response.json() == {"detail": "document not found"}


def test_the_last_document_cannot_be_removed(client):
    assert client.delete("/v1/documents/bn", headers=ADMIN).status_code == 200
    assert client.delete("/v1/documents/qn", headers=ADMIN).status_code == 200
    response = client.delete("/v1/documents/qn-dvc", headers=ADMIN)
    assert response.status_code == 409
    assert response.json() == {"detail": "the last document cannot be removed: add another first"}


def test_a_failed_rebuild_is_a_503_and_the_change_stays_saved(client, small_corpus, monkeypatch):
    def broken_rebuild():
        raise RuntimeError("disk full")

    monkeypatch.setattr(client.app.state.service, "rebuild", broken_rebuild)
    response = client.post("/v1/documents", json=NEW_DOCUMENT, headers=ADMIN)
    assert response.status_code == 503
    assert response.json() == {"detail": "the change is saved, but the index could not be rebuilt; "
                                         "it will be at the next change or restart"}
    assert "ha-long-2024" in {d.id for d in read_corpus(small_corpus)}


@pytest.mark.parametrize("kwargs, status, detail", [
    ({"json": {"id": "../../etc", "text": "x"}}, 422, "invalid document: id must be"),
    ({"json": {"id": "ok"}}, 422, "invalid document: 'text' must be"),
    ({"json": ["not", "an", "object"]}, 422, "invalid request: send a JSON object"),
    ({"content": b"{bad json", "headers": {"Content-Type": "application/json"}}, 422, "invalid request: body is not"),
    ({"content": b"text", "headers": {"Content-Type": "text/plain"}}, 415, "send application/json"),
    ({"files": {"file": ("x.pdf", b"%PDF-1.4", "application/pdf")}}, 422, "invalid document: the PDF is damaged"),
    ({"files": {"file": ("x.odt", b"PK\x03\x04", "application/zip")}}, 422, "invalid document: unsupported file"),
    ({"data": {"id": "x"}, "files": {"other": ("x.txt", b"a", "text/plain")}}, 422, "invalid request: attach"),
])
def test_bad_documents_get_a_short_4xx(client, kwargs, status, detail):
    headers = {**ADMIN, **kwargs.pop("headers", {})}
    response = client.post("/v1/documents", headers=headers, **kwargs)
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)


def test_queries_in_flight_keep_working_while_documents_change(client):
    failures = []

    def ask_repeatedly(stop):
        while not stop.is_set():
            response = client.post("/v1/ask", json={"question": "Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?"})
            if response.status_code != 200:
                failures.append(response.status_code)

    stop = threading.Event()
    asker = threading.Thread(target=ask_repeatedly, args=(stop,))
    asker.start()
    try:
        for number in range(4):
            document = {**NEW_DOCUMENT, "id": f"tin-{number}", "text": f"Tin số {number}: {number} điểm wifi."}
            assert client.post("/v1/documents", json=document, headers=ADMIN).status_code == 201
        assert client.delete("/v1/documents/tin-0", headers=ADMIN).status_code == 200
    finally:
        stop.set()
        asker.join()
    assert not failures


def test_cached_answers_do_not_outlive_a_change(client):
    question = {"question": "Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?"}
    assert client.post("/v1/ask", json=question).json()["answer"] == "99,8%"
    changed = {"id": "qn", "title": "Hạ tầng số Quảng Ninh",
               "text": "Theo thống kê, tỷ lệ phủ sóng 4G tại Quảng Ninh đạt 99,9%.", "metadata": {"province": "Quảng Ninh"}}
    assert client.post("/v1/documents", json=changed, headers=ADMIN).status_code == 200
    assert client.post("/v1/ask", json=question).json()["answer"] == "99,9%"
