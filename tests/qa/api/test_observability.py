"""Request logs, request ids and /metrics on the small corpus with the fake embedder (fast)."""

import json
import logging

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from qa.api.observability import JsonLogFormatter, request_id_from
from qa.settings import Settings
from tests.conftest import fake_app_client

ANSWERABLE = "Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?"
UNANSWERABLE = "Giá vàng hôm nay bao nhiêu?"


class LineCollector(logging.Handler):
    """The request log lines, formatted as the service writes them."""

    def __init__(self):
        super().__init__()
        self.setFormatter(JsonLogFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))

    def requests(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]


@pytest.fixture
def log_lines():
    collector = LineCollector()
    logger = logging.getLogger("qa.requests")
    logger.addHandler(collector)
    yield collector
    logger.removeHandler(collector)


def make_client(fake_index, **overrides) -> TestClient:
    return fake_app_client(fake_index, answer_cache_size=0, **overrides)


@pytest.fixture
def client(fake_index):
    with make_client(fake_index) as client:
        yield client


def samples(client) -> dict[tuple, float]:
    """/metrics as {(sample name, sorted labels): value}."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.text) for sample in family.samples}


def test_ask_logs_one_json_line_with_stage_timings(client, log_lines):
    response = client.post("/v1/ask", json={"question": ANSWERABLE})
    assert response.status_code == 200
    [line] = log_lines.requests()
    assert line["event"] == "request" and line["level"] == "INFO" and line["time"].endswith("+00:00")
    assert line["request_id"] == response.headers["X-Request-ID"] and len(line["request_id"]) == 32
    assert (line["method"], line["path"], line["route"], line["status"]) == ("POST", "/v1/ask", "/v1/ask", 200)
    assert line["client"] == "testclient"
    assert line["answer_type"] == "percent" and line["abstained"] is False and line["cached"] is False
    assert line["retrieve_ms"] > 0 and line["read_ms"] > 0 and line["extract_ms"] > 0
    assert line["duration_ms"] >= line["retrieve_ms"] + line["read_ms"] + line["extract_ms"]
    assert "timings" not in response.json()


def test_other_routes_log_their_route_path_without_the_query(client, log_lines):
    client.get("/v1/documents/qn")
    client.get("/v1/search", params={"q": "4G"})
    document, search = log_lines.requests()
    assert (document["path"], document["route"]) == ("/v1/documents/qn", "/v1/documents/{doc_id}")
    assert (search["path"], search["status"]) == ("/v1/search", 200)
    assert "retrieve_ms" not in search and "answer_type" not in search


def test_a_sane_incoming_request_id_is_echoed(client, log_lines):
    response = client.get("/healthz", headers={"X-Request-ID": "portal-42.a_b"})
    assert response.headers["X-Request-ID"] == "portal-42.a_b"
    assert log_lines.requests()[0]["request_id"] == "portal-42.a_b"


@pytest.mark.parametrize("incoming", ["x" * 65, "a b", "id\"}{", "", "ô-tô"])
def test_an_odd_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming.encode()})
    assert response.headers["X-Request-ID"] != incoming
    assert len(response.headers["X-Request-ID"]) == 32


def test_request_id_from_headers():
    assert request_id_from([(b"X-Request-Id", b"abc-1")]) == "abc-1"
    assert request_id_from([]) != request_id_from([])


def test_the_question_is_not_logged_by_default(client, log_lines):
    client.post("/v1/ask", json={"question": ANSWERABLE})
    assert "question" not in log_lines.requests()[0]
    assert "Quảng Ninh" not in log_lines.lines[0]


def test_the_question_is_logged_when_asked_for(fake_index, log_lines):
    with make_client(fake_index, log_questions=True) as client:
        client.post("/v1/ask", json={"question": ANSWERABLE})
    assert log_lines.requests()[0]["question"] == ANSWERABLE


def test_an_unhandled_error_is_a_logged_json_500(client, log_lines):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    client.app.state.service.ask = broken
    response = client.post("/v1/ask", json={"question": ANSWERABLE}, headers={"X-Request-ID": "err-1"})
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
    assert response.headers["X-Request-ID"] == "err-1"
    [line] = log_lines.requests()
    assert (line["level"], line["status"], line["request_id"]) == ("ERROR", 500, "err-1")
    assert "RuntimeError: boom" in line["error"]
    assert samples(client)[("qa_http_requests_total", (("method", "POST"), ("route", "/v1/ask"),
                                                        ("status", "500")))] == 1


def test_metrics_count_requests_answers_and_abstentions(client):
    client.post("/v1/ask", json={"question": ANSWERABLE})
    client.post("/v1/ask", json={"question": UNANSWERABLE})
    client.post("/v1/ask", json={"question": ""})
    metrics = samples(client)
    assert metrics[("qa_http_requests_total", (("method", "POST"), ("route", "/v1/ask"), ("status", "200")))] == 2
    assert metrics[("qa_http_requests_total", (("method", "POST"), ("route", "/v1/ask"), ("status", "422")))] == 1
    assert metrics[("qa_answers_total", (("answer_type", "percent"),))] == 1
    assert metrics[("qa_abstentions_total", ())] == 1
    assert metrics[("qa_ask_stage_duration_seconds_count", (("stage", "retrieve"),))] == 2
    assert metrics[("qa_ask_stage_duration_seconds_count", (("stage", "extract"),))] == 2
    assert metrics[("qa_http_request_duration_seconds_count", (("route", "/v1/ask"),))] == 3
    assert ("qa_http_request_duration_seconds_bucket", (("le", "0.005"), ("route", "/v1/ask"))) in metrics


def test_metrics_count_an_earlier_scrape_and_keep_unknown_paths_in_one_label(client):
    client.get("/nowhere/1")
    client.get("/nowhere/2")
    metrics = samples(client)
    assert metrics[("qa_http_requests_total", (("method", "GET"), ("route", "unmatched"), ("status", "404")))] == 2
    assert samples(client)[("qa_http_requests_total", (("method", "GET"), ("route", "/metrics"),
                                                       ("status", "200")))] == 1


def test_index_gauges_read_the_index_served_at_scrape_time(client):
    metrics = samples(client)
    assert metrics[("qa_index_documents", ())] == 3
    assert metrics[("qa_index_passages", ())] == 3
    assert metrics[("qa_index_loaded", ())] == 1
    client.app.state.service.index = None  # as if swapped out: the next scrape sees it
    metrics = samples(client)
    assert metrics[("qa_index_loaded", ())] == 0
    assert ("qa_index_documents", ()) not in metrics


def test_apps_keep_separate_metrics(fake_index):
    with make_client(fake_index) as first, make_client(fake_index) as second:
        first.get("/healthz")
        route = ("qa_http_requests_total", (("method", "GET"), ("route", "/healthz"), ("status", "200")))
        assert samples(first)[route] == 1
        assert route not in samples(second)


def test_metrics_stay_out_of_the_openapi_schema(client):
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]


def test_log_level_accepts_lower_case():
    assert Settings(log_level="debug").log_level == "DEBUG"
    with pytest.raises(ValueError, match="log_level"):
        Settings(log_level="loud")
