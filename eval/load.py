"""Concurrent clients against /v1/ask, and the question mixes they ask.

Each client is a thread with its own keep-alive connection that sends its next question
as soon as the previous answer arrives (a closed loop), for a fixed time. Any status
other than 200, and any exception, counts as an error.
"""

import itertools
import string
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from eval.latency import latency_summary, throughput

TOP_K = 5
REQUEST_TIMEOUT_S = 120.0


def letters(number: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa": a counter written without digits."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = string.ascii_lowercase[rest] + text
    return text


def tagged_question(question: str, number: int) -> str:
    """The question with a tag no answer depends on: letters only, so no year, code or
    figure is added, and a word the index does not hold, so retrieval is unchanged; yet
    a new text for every number, which the service's caches have never seen."""
    return f"{question} (xq{letters(number)})"


def new_questions(questions: list[str], start: int = 0) -> Iterator[str]:
    """The gold questions in turn, each time with a new tag: nothing is ever repeated."""
    for number in itertools.count(start):
        yield tagged_question(questions[number % len(questions)], number)


def repeated_questions(questions: list[str]) -> Iterator[str]:
    """The gold questions as they are, over and over: once asked, all are repeats."""
    return itertools.cycle(questions)


@dataclass
class LoadRun:
    clients: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def summary(self) -> dict:
        return {"clients": self.clients, "seconds": round(self.seconds, 1),
                "throughput_rps": round(throughput(len(self.latencies_ms), self.seconds), 1),
                "errors": self.errors, **latency_summary(self.latencies_ms)}


class SharedQuestions:
    """One question source for all client threads (a generator is not thread-safe)."""

    def __init__(self, questions: Iterable[str]):
        self.questions = iter(questions)
        self.lock = threading.Lock()

    def next(self) -> str:
        with self.lock:
            return next(self.questions)


def ask_until(url: str, questions: SharedQuestions, deadline: float) -> tuple[list[float], int]:
    latencies, errors = [], 0
    with httpx.Client(timeout=REQUEST_TIMEOUT_S) as http:
        while time.perf_counter() < deadline:
            body = {"question": questions.next(), "top_k": TOP_K}
            started = time.perf_counter()
            try:
                ok = http.post(url, json=body).status_code == 200
            except Exception:  # noqa: BLE001 - any failure is an error to count, not to stop on
                ok = False
            if ok:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
    return latencies, errors


def run_clients(base_url: str, questions: Iterable[str], clients: int, seconds: float) -> LoadRun:
    """`clients` closed-loop clients for `seconds`; requests in flight at the end finish
    and count, and the time runs until the last one is back."""
    if clients < 1 or seconds <= 0:
        raise ValueError("clients must be at least 1 and seconds positive")
    shared = SharedQuestions(questions)
    url = f"{base_url.rstrip('/')}/v1/ask"
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients, thread_name_prefix="bench-client") as pool:
        results = list(pool.map(lambda _: ask_until(url, shared, started + seconds), range(clients)))
    run = LoadRun(clients=clients, seconds=time.perf_counter() - started)
    for latencies, errors in results:
        run.latencies_ms += latencies
        run.errors += errors
    return run
