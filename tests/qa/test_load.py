"""Load test, short version: 8 and 32 concurrent clients against the real service on the
seed corpus get only 200s. Speed is measured by `make bench`, not asserted here."""

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from eval.gold import DEFAULT_GOLD, load_gold
from tests.conftest import free_port, serve_in_thread

pytestmark = pytest.mark.slow
NEW_QUESTIONS, REPEATS = 64, 32


@pytest.fixture(scope="module")
def base(real_index, bundled_model_dir):
    from qa.api.app import create_app
    from qa.settings import Settings

    index, embedder = real_index
    # The clients all come from 127.0.0.1, which the rate limit exempts by default. Questions
    # queue for the one model thread: the timeout is for a stuck answer, not for the queue.
    settings = Settings(index_dir=index.path, embed_model=str(bundled_model_dir), ask_timeout_seconds=60)
    port = free_port()
    stop = serve_in_thread(create_app(settings, embedder=embedder), port)
    yield f"http://127.0.0.1:{port}"
    stop()


def ask(base: str, question: str) -> int:
    body = json.dumps({"question": question}).encode()
    call = urllib.request.Request(f"{base}/v1/ask", data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(call, timeout=60) as response:
            answer = json.loads(response.read())
            return response.status if "answer" in answer else -1
    except Exception:  # noqa: BLE001 - any failure is an error to count
        return -1


@pytest.mark.parametrize("clients, first", [(8, 0), (32, NEW_QUESTIONS)])
def test_concurrent_clients_get_no_errors(base, clients, first):
    questions = [row.question for row in load_gold(DEFAULT_GOLD)]
    # Each level asks questions new to the server, then repeats some (the answer cache serves those).
    fresh = questions[first:first + NEW_QUESTIONS]
    asked = fresh + fresh[:REPEATS]
    with ThreadPoolExecutor(max_workers=clients) as pool:
        statuses = list(pool.map(lambda q: ask(base, q), asked))
    assert statuses.count(200) == len(asked), {s: statuses.count(s) for s in set(statuses)}
