"""Latency of POST /v1/ask over HTTP: `make bench` or `python -m eval.bench`.

Starts the real server (`qa serve`) on a free local port with the current settings,
asks every gold question once (each question is new to the server, so nothing is
cached), then once more (the question cache answers), and writes the figures to
eval/reports/bench-<time>.json.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from eval.gold import DEFAULT_GOLD, load_gold
from eval.run import http_json

REPORTS = Path(__file__).with_name("reports")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(base: str, server: subprocess.Popen, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited before it was healthy; run `qa serve` to see why")
        try:
            http_json(f"{base}/healthz", timeout=2)
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise RuntimeError(f"the server was not healthy after {timeout:.0f} s")


def percentiles(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1)))], 1)  # noqa: E731
    return {"requests": len(ordered), "p50_ms": round(statistics.median(ordered), 1), "p95_ms": pick(0.95),
            "p99_ms": pick(0.99), "mean_ms": round(statistics.fmean(ordered), 1)}


def timed_asks(base: str, questions: list[str]) -> list[float]:
    latencies = []
    for question in questions:
        started = time.perf_counter()
        http_json(f"{base}/v1/ask", {"question": question, "top_k": 5})
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args(argv)
    questions = [q.question for q in load_gold(args.gold)]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        wait_until_healthy(base, server)
        first = timed_asks(base, questions)
        repeated = timed_asks(base, questions)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
              "ask_new_questions": percentiles(first), "ask_repeated_questions": percentiles(repeated)}
    REPORTS.mkdir(exist_ok=True)
    out = REPORTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
