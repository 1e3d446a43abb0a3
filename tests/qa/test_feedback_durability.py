"""Fault test: the server is killed with SIGKILL while feedback is being posted. Every row it
acknowledged with 201 must be in the database, which must read whole, and the restarted server
must list them."""

import http.client
import os
import random
import signal
import sqlite3
import threading
import time

import pytest

from tests.qa.test_ingest_durability import deployment, free_port, request, start_server  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def test_sigkill_while_feedback_is_posted_loses_no_acknowledged_row(deployment, tmp_path):  # noqa: F811
    _, _, environment = deployment
    database = tmp_path / "feedback.sqlite3"
    environment = {**environment, "QA_FEEDBACK_DB": str(database), "QA_READER": "rules"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(environment, port)
    acknowledged, stop = [], threading.Event()

    def give_feedback():
        for number in range(10_000):
            if stop.is_set():
                return
            try:
                _, answer = request(f"{base}/v1/ask", {"question": "Bắc Ninh xếp thứ mấy về DTI năm 2022?"})
                verdict = "wrong" if number % 2 else "helpful"
                status, body = request(f"{base}/v1/feedback", {"request_id": answer["request_id"],
                                                               "verdict": verdict, "correction": f"số {number}"})
            except (OSError, http.client.HTTPException):
                return  # the server is gone, maybe mid-response
            if status == 201:
                acknowledged.append(body["request_id"])

    clients = [threading.Thread(target=give_feedback) for _ in range(2)]
    for client in clients:
        client.start()
    try:
        deadline = time.monotonic() + 120
        while len(acknowledged) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(acknowledged) >= 20, "feedback was not acknowledged"
        time.sleep(random.uniform(0.0, 0.3))  # somewhere inside a write
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=60)
        if server.poll() is None:
            server.kill()

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in connection.execute("SELECT request_id FROM feedback")}
    assert set(acknowledged) <= stored

    server = start_server(environment, port)
    try:
        status, listed = request(f"{base}/v1/feedback?limit=1000")
        assert status == 200
        assert set(acknowledged) <= {row["request_id"] for row in listed["feedback"]}
    finally:
        server.kill()
        server.wait(timeout=30)
