"""Two apps over one index folder and one Redis, as two replicas behind a balancer are: the
writer's changes are served by the other, limits, answers and feedback are shared, and a
replica that is not the writer sends changes to it."""

import time

import pytest
from fastapi.testclient import TestClient

from index.embedder import HashingEmbedder
from qa.api.app import create_app
from qa.settings import Settings

pytestmark = pytest.mark.servers
TOKEN = "quan-tri-bi-mat-du-dai-2026"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
WRITER = "http://10.0.0.11:8000"
QUESTION = {"question": "Tỷ lệ phủ sóng 4G tại Quảng Ninh là bao nhiêu?"}


@pytest.fixture
def replicas(fake_index, small_corpus, redis_url, redis_link, tmp_path):
    """(writer, replica): TestClients sharing the index folder, the corpus and Redis."""
    common = dict(index_dir=fake_index.path, corpus_dir=small_corpus, embed_model="hashing-fake", admin_token=TOKEN,
                  redis_url=redis_url, rate_limit_exempt=[], rate_limit_burst=3, index_poll_seconds=0.1,
                  trust_forwarded_for=True, feedback_db=tmp_path / "feedback.sqlite3")
    with TestClient(create_app(Settings(**common), embedder=HashingEmbedder())) as writer, \
            TestClient(create_app(Settings(**common, writer_url=WRITER + "/"), embedder=HashingEmbedder())) as replica:
        yield writer, replica


def test_a_replica_sends_changes_to_the_writer(replicas):
    _, replica = replicas
    for response in (replica.post("/v1/documents", json={"id": "x", "text": "Văn bản."}, headers=ADMIN),
                     replica.delete("/v1/documents/qn", headers=ADMIN)):
        assert response.status_code == 409
        assert response.json() == {"detail": f"this replica does not change documents: send changes to {WRITER}"}
        assert response.headers["location"] == f"{WRITER}/v1/documents"
    assert replica.post("/v1/documents", json={"id": "x", "text": "Văn bản."}).status_code == 401  # the token first


def test_a_document_added_on_the_writer_is_answered_by_the_replica(replicas):
    writer, replica = replicas
    document = {"id": "ha-long-2024", "title": "Hạ Long số hoá",
                "text": "Năm 2024, thành phố Hạ Long có 45 điểm phát wifi miễn phí."}
    assert writer.post("/v1/documents", json=document, headers=ADMIN).status_code == 201
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if replica.get("/v1/documents/ha-long-2024").status_code == 200:
            break
        time.sleep(0.05)
    answer = replica.post("/v1/ask", json={"question": "Hạ Long có bao nhiêu điểm phát wifi miễn phí?"},
                          headers={"X-Forwarded-For": "198.51.100.2"}).json()
    assert answer["citations"][0]["doc_id"] == "ha-long-2024"
    assert replica.get("/healthz").json()["index"] == writer.get("/healthz").json()["index"]


def test_a_client_is_limited_on_both_replicas_alike(replicas):
    writer, replica = replicas
    client = {"X-Forwarded-For": "203.0.113.7"}
    statuses = [app.post("/v1/ask", json=QUESTION, headers=client).status_code for app in (writer, replica, writer)]
    assert statuses == [200, 200, 200]
    limited = replica.post("/v1/ask", json=QUESTION, headers=client)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert replica.post("/v1/ask", json=QUESTION, headers={"X-Forwarded-For": "203.0.113.8"}).status_code == 200


def test_an_answer_and_its_feedback_are_shared(replicas, redis_link):
    writer, replica = replicas
    first = writer.post("/v1/ask", json=QUESTION, headers={"X-Forwarded-For": "198.51.100.3"}).json()
    request_id = first["request_id"]
    assert len(redis_link.client.keys("qa:answer:*")) == 1
    again = replica.post("/v1/ask", json=QUESTION, headers={"X-Forwarded-For": "198.51.100.4"}).json()
    del first["request_id"], again["request_id"]
    assert again == first
    assert replica.app.state.service.answers.entries == {}  # found in Redis, not answered again
    feedback = replica.post("/v1/feedback", json={"request_id": request_id, "verdict": "helpful"})
    assert feedback.status_code == 201


def test_without_redis_a_replica_still_answers(fake_index):
    settings = Settings(index_dir=fake_index.path, embed_model="hashing-fake", redis_url="redis://127.0.0.1:1/0",
                        rate_limit_exempt=[], rate_limit_burst=1)
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as client:
        assert client.post("/v1/ask", json=QUESTION).status_code == 200
        assert client.post("/v1/ask", json=QUESTION).status_code == 429  # limited in the process meanwhile
