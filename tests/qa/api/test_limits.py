"""Rate limits, body size limits and timeouts: what a public client can and cannot do."""

import time

import pytest

from qa.api.limits import RateLimiter, client_address
from tests.conftest import fake_app_client

QUESTION = {"question": "Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?"}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_client_gets_its_burst_then_the_rate():
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.wait_seconds("a") for _ in range(3)] == [0, 0, 0]
    assert limiter.wait_seconds("a") == pytest.approx(1.0)
    assert limiter.wait_seconds("b") == 0, "clients have their own buckets"
    clock.now += 1.0
    assert limiter.wait_seconds("a") == 0
    clock.now += 3600
    assert [limiter.wait_seconds("a") for _ in range(3)] == [0, 0, 0], "the bucket refills only up to the burst"
    assert limiter.wait_seconds("a") > 0


def test_the_limiter_forgets_the_least_recent_clients():
    limiter = RateLimiter(per_minute=60, burst=1, clock=Clock(), max_clients=2)
    for client in ("a", "b", "c"):
        limiter.wait_seconds(client)
    assert list(limiter.buckets) == ["b", "c"]


def test_forwarded_for_counts_only_behind_a_trusted_proxy():
    scope = {"client": ("10.0.0.1", 5000), "headers": [(b"x-forwarded-for", b"203.0.113.9, 10.0.0.1")]}
    assert client_address(scope, trust_forwarded_for=False) == "10.0.0.1"
    assert client_address(scope, trust_forwarded_for=True) == "203.0.113.9"
    bad = {"client": ("10.0.0.1", 5000), "headers": [(b"x-forwarded-for", b"<script>")]}
    assert client_address(bad, trust_forwarded_for=True) == "10.0.0.1"


def make_client(fake_index, **overrides):
    return fake_app_client(fake_index, **overrides)


def test_too_many_questions_get_429_with_retry_after(fake_index):
    with make_client(fake_index, rate_limit_per_minute=6, rate_limit_burst=2, rate_limit_exempt=[]) as client:
        assert [client.post("/v1/ask", json=QUESTION).status_code for _ in range(2)] == [200, 200]
        refused = client.post("/v1/ask", json=QUESTION)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "10"
        assert refused.json() == {"detail": "too many questions: try again in 10 s"}
        assert client.get("/healthz").status_code == 200, "only questions are limited"


def test_exempt_clients_are_not_limited(fake_index):
    with make_client(fake_index, rate_limit_per_minute=1, rate_limit_burst=1, rate_limit_exempt=["testclient"]) as client:
        assert {client.post("/v1/ask", json=QUESTION).status_code for _ in range(5)} == {200}


def test_oversized_bodies_get_413_even_without_content_length(fake_index):
    with make_client(fake_index, max_request_bytes=2048) as client:
        big = {"question": "a" * 4000}
        response = client.post("/v1/ask", json=big)
        assert response.status_code == 413
        assert response.json() == {"detail": "request body too large: at most 2048 bytes"}

        def chunks():
            yield b'{"question": "'
            yield b"a" * 4000
            yield b'"}'
        streamed = client.post("/v1/ask", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        assert client.post("/v1/ask", json=QUESTION).status_code == 200


def test_a_slow_answer_gets_503(fake_index, monkeypatch):
    with make_client(fake_index, ask_timeout_seconds=0.2, answer_cache_size=0) as client:
        service = client.app.state.service
        monkeypatch.setattr(service, "ask", lambda *args: time.sleep(1.0))
        response = client.post("/v1/ask", json=QUESTION)
        assert response.status_code == 503 and response.headers["retry-after"] == "5"
        assert response.json() == {"detail": "the answer took too long: try again"}
