"""Two `qa serve` processes on two ports over one index folder and one Redis, as replicas behind
a balancer: a document added through the writer is answered by the other, a client over its rate
limit on one is limited on the other, both answer through nginx with the repository's example
configuration, and killing one leaves the other answering."""

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import free_port, nginx

pytestmark = [pytest.mark.slow, pytest.mark.servers]

REPOSITORY = Path(__file__).resolve().parents[2]
TOKEN = "replica-test-token"
NOTICE = {"id": "thong-bao-so-7", "title": "Thông báo số 7",
          "text": "Thông báo số 7: trong tháng, tỉnh đã cấp 4.321 chữ ký số cho người dân.",
          "metadata": {"province": "Quảng Ninh"}}
NOTICE_QUESTION = {"question": "Theo thông báo số 7, tỉnh đã cấp bao nhiêu chữ ký số?"}


def call(port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None,
         source: str | None = None) -> tuple[int, dict, dict]:
    """(status, JSON body, headers) of one request; `source` is the loopback address to call from."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                            source_address=(source, 0) if source else None)
    try:
        connection.request(method, path, json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
                           {"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}"), dict(response.getheaders())
    finally:
        connection.close()


def healthy(port: int) -> bool:
    try:
        return call(port, "GET", "/healthz")[0] == 200
    except OSError:
        return False


def wait_until(condition, seconds: float, what: str) -> float:
    """Seconds it took condition() to hold."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    pytest.fail(f"{what} within {seconds} s")


@pytest.fixture(scope="module")
def replicas(real_index, bundled_model_dir, redis_url, tmp_path_factory):
    """{"writer": port, "replica": port, "processes": {...}}: two servers sharing the seeds' index folder."""
    index, _ = real_index
    folder = tmp_path_factory.mktemp("replicas")
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(REPOSITORY / "corpus" / "seeds.jsonl", corpus / "seeds.jsonl")
    (folder / "index.builds").mkdir()
    shutil.copytree(index.path.resolve(), folder / "index.builds" / "build-0")
    (folder / "index").symlink_to("index.builds/build-0")
    ports = {"writer": free_port(), "replica": free_port()}
    common = {**os.environ, "QA_CORPUS_DIR": str(corpus), "QA_INDEX_DIR": str(folder / "index"),
              "QA_EMBED_MODEL": str(bundled_model_dir), "QA_ADMIN_TOKEN": TOKEN, "QA_REDIS_URL": redis_url,
              "QA_READER": "rules", "QA_TRUST_FORWARDED_FOR": "true", "QA_RATE_LIMIT_BURST": "3",
              "QA_RATE_LIMIT_PER_MINUTE": "6", "QA_INDEX_POLL_SECONDS": "0.5", "QA_LOG_LEVEL": "WARNING"}
    environments = {"writer": {**common, "QA_FEEDBACK_DB": str(folder / "writer-feedback.sqlite3")},
                    "replica": {**common, "QA_FEEDBACK_DB": str(folder / "replica-feedback.sqlite3"),
                                "QA_WRITER_URL": f"http://127.0.0.1:{ports['writer']}"}}
    logs = {name: (folder / f"{name}.log").open("wb") for name in ports}
    processes = {name: subprocess.Popen([sys.executable, "-m", "qa.cli", "serve", "--port", str(ports[name])],
                                        cwd=REPOSITORY, env=environments[name], stdout=subprocess.DEVNULL,
                                        stderr=logs[name])
                 for name in ports}
    try:
        for name, port in ports.items():
            wait_until(lambda: healthy(port) or processes[name].poll() is not None, 300, f"{name} did not start")
            assert processes[name].poll() is None, (folder / f"{name}.log").read_text()[-2000:]
        yield {**ports, "processes": processes, "folder": folder}
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        for log in logs.values():
            log.close()


def test_a_document_added_through_the_writer_is_answered_by_the_other(replicas):
    writer, replica = replicas["writer"], replicas["replica"]
    status, body, headers = call(replica, "POST", "/v1/documents", NOTICE, {"Authorization": f"Bearer {TOKEN}"})
    assert status == 409 and headers["location"] == f"http://127.0.0.1:{writer}/v1/documents"
    assert call(writer, "POST", "/v1/documents", NOTICE, {"Authorization": f"Bearer {TOKEN}"})[0] == 201
    wait_until(lambda: call(replica, "GET", f"/v1/documents/{NOTICE['id']}")[0] == 200, 10,
               "the replica did not serve the writer's build")
    status, answer, _ = call(replica, "POST", "/v1/ask", NOTICE_QUESTION, {"X-Forwarded-For": "198.51.100.1"})
    assert status == 200 and answer["citations"][0]["doc_id"] == NOTICE["id"]
    assert "4.321" in answer["answer"]


def test_limits_answers_and_feedback_are_shared(replicas, redis_url):
    import redis

    writer, replica = replicas["writer"], replicas["replica"]
    client = {"X-Forwarded-For": "203.0.113.7"}
    question = {"question": "Tỷ lệ phủ sóng 4G tại Quảng Ninh là bao nhiêu?"}
    statuses = [call(port, "POST", "/v1/ask", question, client)[0] for port in (writer, replica, writer, replica)]
    assert statuses == [200, 200, 200, 429]
    cached = redis.Redis.from_url(redis_url).keys("qa:answer:*")
    assert len([key for key in cached if b"build-0" not in key]) == 2  # this question and the notice's
    _, answer, _ = call(replica, "POST", "/v1/ask", question, {"X-Forwarded-For": "203.0.113.8"})
    status, _, _ = call(writer, "POST", "/v1/feedback", {"request_id": answer["request_id"], "verdict": "helpful"},
                        {"X-Forwarded-For": "203.0.113.8"})
    assert status == 201


def test_nginx_balances_both_and_forwards_the_client(replicas):
    writer, replica = replicas["writer"], replicas["replica"]
    with nginx(replicas["folder"] / "nginx", [writer, replica]) as port:
        # From 127.0.0.1, which the replicas exempt, as they do nginx's own address: never limited.
        statuses = [call(port, "POST", "/v1/ask", NOTICE_QUESTION)[0] for _ in range(5)]
        assert statuses == [200] * 5
        # From 127.0.0.2 the replicas see nginx's 127.0.0.1 as peer, and limit the forwarded client,
        # whatever address it claims itself.
        spoofed = [call(port, "POST", "/v1/ask", NOTICE_QUESTION, {"X-Forwarded-For": f"192.0.2.{n}"},
                        source="127.0.0.2")[0] for n in range(4)]
        assert spoofed == [200, 200, 200, 429]
        # A document change sent through nginx reaches the writer.
        changed = dict(NOTICE, id="thong-bao-so-8", text=NOTICE["text"].replace("7", "8"))
        admin = {"Authorization": f"Bearer {TOKEN}"}
        assert call(port, "POST", "/v1/documents", changed, admin)[0] == 201
        assert call(port, "DELETE", "/v1/documents/thong-bao-so-8", None, admin)[0] == 200
        access_log = (replicas["folder"] / "nginx" / "access.log").read_text()
        assert access_log.count("POST /v1/ask") == 9

        # Killed, one replica leaves the other answering, directly and through nginx.
        replicas["processes"]["writer"].send_signal(signal.SIGKILL)
        replicas["processes"]["writer"].wait(timeout=30)
        assert call(replica, "POST", "/v1/ask", NOTICE_QUESTION)[0] == 200
        assert [call(port, "POST", "/v1/ask", NOTICE_QUESTION)[0] for _ in range(4)] == [200] * 4
