"""Follow-ups over HTTP (history, resolved_question, request_id) and feedback on answers
(POST /v1/feedback, the admin listing and export, metrics) on the small corpus (fast)."""

import json

import pytest

from tests.conftest import fake_app_client

TOKEN = "feedback-admin-token"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
RANK_2022 = "Bắc Ninh xếp thứ mấy về DTI năm 2022?"


@pytest.fixture
def client(fake_index, tmp_path):
    with fake_app_client(fake_index, feedback_db=tmp_path / "feedback.sqlite3", admin_token=TOKEN) as client:
        yield client


def ask(client, question, history=None, **headers):
    body = {"question": question} | ({"history": history} if history is not None else {})
    response = client.post("/v1/ask", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_question_that_stands_alone_is_resolved_as_itself(client):
    body = ask(client, RANK_2022)
    assert body["resolved_question"] == RANK_2022
    assert body["request_id"]


def test_the_request_id_in_the_body_is_the_one_in_the_header(client):
    response = client.post("/v1/ask", json={"question": RANK_2022}, headers={"X-Request-ID": "portal-42"})
    assert response.json()["request_id"] == response.headers["x-request-id"] == "portal-42"


def test_a_follow_up_is_answered_from_its_history(client):
    first = ask(client, "Quảng Ninh có bao nhiêu dịch vụ công trực tuyến?")
    history = [{"question": "Quảng Ninh có bao nhiêu dịch vụ công trực tuyến?",
                "resolved_question": first["resolved_question"], "answer": first["answer"]}]
    body = ask(client, "còn Bắc Ninh xếp thứ mấy về DTI?", history)
    assert body["resolved_question"] == "Bắc Ninh xếp thứ mấy về DTI?"
    assert "6/63" in body["answer"]


def test_the_resolved_question_may_be_left_out_of_a_turn(client):
    body = ask(client, "còn Quảng Ninh thì sao?", [{"question": RANK_2022}])
    assert body["resolved_question"] == "Quảng Ninh xếp thứ mấy về DTI năm 2022?"


def test_a_follow_up_without_history_is_answered_as_it_is(client):
    assert ask(client, "còn Bắc Ninh thì sao?")["resolved_question"] == "còn Bắc Ninh thì sao?"


@pytest.mark.parametrize(("history", "detail"), [
    ([{"question": "câu hỏi"}] * 11, "invalid history: List should have at most 10 items after validation, not 11"),
    ([{"question": ""}], "invalid history.0.question: String should have at least 1 character"),
    ([{"resolved_question": "x"}], "invalid history.0.question: Field required"),
    ([{"question": "x" * 1001}], "invalid history.0.question: String should have at most 1000 characters"),
    ([{"question": "câu\x00hỏi"}], "invalid history.0.question: Value error, contains control characters"),
    ({"question": "x"}, "invalid history: Input should be a valid list"),
    ([{"question": 5}], "invalid history.0.question: Input should be a valid string"),
])
def test_bad_history_gets_a_short_422(client, history, detail):
    response = client.post("/v1/ask", json={"question": "còn Bắc Ninh?", "history": history})
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_feedback_is_stored_with_what_was_answered(client):
    answered = ask(client, "còn Bắc Ninh thì sao?", [{"question": "Quảng Ninh xếp thứ mấy về DTI?"}])
    response = client.post("/v1/feedback", json={"request_id": answered["request_id"], "verdict": "wrong",
                                                 "correction": "  thứ 6/63  "})
    assert response.status_code == 201
    assert response.json() == {"id": 1, "request_id": answered["request_id"], "verdict": "wrong"}
    listed = client.get("/v1/feedback", headers=ADMIN).json()
    assert listed["counts"] == {"wrong": 1}
    row = listed["feedback"][0]
    assert row["question"] == "còn Bắc Ninh thì sao?"
    assert row["resolved_question"] == answered["resolved_question"] == "Bắc Ninh xếp thứ mấy về DTI?"
    assert row["answer"] == answered["answer"] and row["confidence"] == answered["confidence"]
    assert row["citations"] == answered["citations"]
    assert row["correction"] == "thứ 6/63" and row["verdict"] == "wrong"
    assert row["corpus_hash"] == client.get("/healthz").json()["index"]["corpus_hash"]
    assert row["reader"] == "hybrid"


def test_feedback_on_an_unknown_answer_is_404_and_twice_is_409(client):
    unknown = client.post("/v1/feedback", json={"request_id": "never-asked", "verdict": "helpful"})
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "unknown request_id: give feedback on an answer from this session, or ask again"}
    answered = ask(client, RANK_2022)
    body = {"request_id": answered["request_id"], "verdict": "helpful"}
    assert client.post("/v1/feedback", json=body).status_code == 201
    again = client.post("/v1/feedback", json=body)
    assert again.status_code == 409 and again.json() == {"detail": "feedback was already given for this answer"}


@pytest.mark.parametrize(("body", "detail"), [
    ({"verdict": "wrong"}, "invalid request_id: Field required"),
    ({"request_id": "a", "verdict": "maybe"}, "invalid verdict: Input should be 'helpful' or 'wrong'"),
    ({"request_id": "a b", "verdict": "wrong"}, "invalid request_id: String should match pattern "
                                                "'^[A-Za-z0-9._-]{1,64}$'"),
    ({"request_id": "a", "verdict": "wrong", "correction": "x" * 2001},
     "invalid correction: String should have at most 2000 characters"),
    ({"request_id": "a", "verdict": "wrong", "correction": 5}, "invalid correction: Input should be a valid string"),
])
def test_bad_feedback_gets_a_short_422(client, body, detail):
    response = client.post("/v1/feedback", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_feedback_is_rate_limited_apart_from_questions(fake_index, tmp_path):
    with fake_app_client(fake_index, feedback_db=tmp_path / "f.sqlite3", rate_limit_per_minute=6,
                         rate_limit_burst=2, rate_limit_exempt=[]) as client:
        answered = [ask(client, RANK_2022) for _ in range(2)]
        statuses = [client.post("/v1/feedback", json={"request_id": a["request_id"], "verdict": "helpful"}).status_code
                    for a in answered]
        assert statuses == [201, 201], "asking did not spend the feedback bucket"
        refused = client.post("/v1/feedback", json={"request_id": "x", "verdict": "helpful"})
        assert refused.status_code == 429
        assert refused.json() == {"detail": "too much feedback: try again in 10 s"}


def test_the_admin_routes_need_the_token_and_filter(client):
    assert client.get("/v1/feedback").status_code == 401
    assert client.get("/v1/feedback/export", headers={"Authorization": "Bearer wrong"}).status_code == 403
    for verdict in ("helpful", "wrong"):
        answered = ask(client, RANK_2022)
        client.post("/v1/feedback", json={"request_id": answered["request_id"], "verdict": verdict})
    assert [r["verdict"] for r in client.get("/v1/feedback", headers=ADMIN,
                                             params={"verdict": "wrong"}).json()["feedback"]] == ["wrong"]
    assert client.get("/v1/feedback", headers=ADMIN, params={"since": "2999-01-01"}).json()["feedback"] == []
    assert client.get("/v1/feedback", headers=ADMIN, params={"verdict": "bof"}).status_code == 422
    assert client.get("/v1/feedback", headers=ADMIN, params={"offset": 2**63 - 1}).json()["feedback"] == []
    assert client.get("/v1/feedback", headers=ADMIN, params={"offset": 2**64}).status_code == 422, "past SQLite's integers"
    exported = client.get("/v1/feedback/export", headers=ADMIN, params={"verdict": "helpful"})
    assert exported.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in exported.text.splitlines()]
    assert len(rows) == 1 and rows[0]["question"] == RANK_2022 and rows[0]["answers"] == [rows[0]["feedback"]["answer"]]


def test_verdicts_are_counted_for_prometheus(client):
    answered = ask(client, RANK_2022)
    client.post("/v1/feedback", json={"request_id": answered["request_id"], "verdict": "wrong"})
    assert 'qa_feedback_total{verdict="wrong"} 1.0' in client.get("/metrics").text
