"""Fault test: the server is killed with SIGKILL while documents are being posted.
Whatever was acknowledged must be in the corpus and in an index that still loads, and
the server must come back and serve it."""

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from index.corpus import read_corpus
from index.store import load_index

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
TOKEN = "durability-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(url: str, body: dict | None = None, timeout: float = 60.0) -> tuple[int, dict]:
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    call = urllib.request.Request(url, data=data, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def start_server(environment: dict, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "qa.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, cwd=REPOSITORY, env=environment, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("the server exited while starting")
        try:
            if request(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    pytest.fail("the server did not become healthy")


def news(number: int) -> dict:
    return {"id": f"thong-bao-{number}", "title": f"Thông báo số {number}",
            "text": f"Thông báo số {number}: tỉnh đã cấp {number * 7} chữ ký số cho người dân trong tháng.",
            "metadata": {"province": "Quảng Ninh"}}


@pytest.fixture
def deployment(real_index, bundled_model_dir, tmp_path):
    """A corpus and a served index of the seeds of our own, to add to and kill."""
    index, _ = real_index
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPOSITORY / "corpus" / "seeds.jsonl", corpus / "seeds.jsonl")
    builds = tmp_path / "index.builds"
    builds.mkdir()
    shutil.copytree(index.path.resolve(), builds / "build-0")
    (tmp_path / "index").symlink_to("index.builds/build-0")
    environment = {**os.environ, "QA_CORPUS_DIR": str(corpus), "QA_INDEX_DIR": str(tmp_path / "index"),
                   "QA_EMBED_MODEL": str(bundled_model_dir), "QA_ADMIN_TOKEN": TOKEN}
    return corpus, tmp_path / "index", environment


def test_sigkill_mid_ingest_loses_nothing_acknowledged(deployment):
    corpus, index_dir, environment = deployment
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(environment, port)
    acknowledged, in_flight, stop = [], threading.Event(), threading.Event()

    def post_documents():
        for number in range(1000):
            if stop.is_set():
                return
            in_flight.set()
            try:
                status, body = request(f"{base}/v1/documents", news(number))
            except OSError:
                return  # the server is gone
            if status in (200, 201):
                acknowledged.append(body["doc_id"])

    poster = threading.Thread(target=post_documents)
    poster.start()
    try:
        deadline = time.monotonic() + 300
        while len(acknowledged) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(acknowledged) >= 2, "documents were not acknowledged"
        in_flight.clear()
        in_flight.wait(timeout=60)
        time.sleep(random.uniform(0.0, 0.5))  # somewhere inside the write or the rebuild
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    finally:
        stop.set()
        poster.join(timeout=90)
        if server.poll() is None:
            server.kill()

    # What was acknowledged is in the corpus, the corpus reads, and the index on disk loads.
    stored = {document.id for document in read_corpus(corpus)}
    assert set(acknowledged) <= stored
    loaded = load_index(index_dir)
    assert set(acknowledged) <= set(loaded.documents)

    # Restarted, the server catches up with anything written but not yet indexed.
    server = start_server(environment, port)
    try:
        for doc_id in stored:
            assert request(f"{base}/v1/documents/{doc_id}")[0] == 200
        status, answer = request(f"{base}/v1/ask", {"question": f"Thông báo số {acknowledged[-1].split('-')[-1]} "
                                                                 "đã cấp bao nhiêu chữ ký số?"})
        assert status == 200
    finally:
        server.kill()
        server.wait(timeout=30)
