"""A real `qa serve` subprocess for the benchmark: started on a free port, waited for,
measured (its memory from /proc) and always stopped."""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from eval.run import http_json

MEMORY_FIELDS = ("VmHWM", "VmRSS")  # peak and current resident set
_MEMORY_LINE = re.compile(r"^(\w+):\s+(\d+) kB$", re.MULTILINE)


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    pid: int
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_kib(proc_status: str) -> dict[str, int]:
    """VmHWM and VmRSS in KiB from the text of /proc/<pid>/status."""
    values = {name: int(kib) for name, kib in _MEMORY_LINE.findall(proc_status)}
    return {name: values[name] for name in MEMORY_FIELDS if name in values}


def process_memory_kib(pid: int) -> dict[str, int]:
    return memory_kib(Path(f"/proc/{pid}/status").read_text())


def wait_until_healthy(base_url: str, server: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited before it was healthy: see {log}")
        try:
            http_json(f"{base_url}/healthz", timeout=2)
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise RuntimeError(f"the server was not healthy after {timeout:.0f} s: see {log}")


@contextmanager
def running_server(log: Path, index_dir: Path | None = None, corpus_dir: Path | None = None,
                   timeout: float = 600.0, environment: dict | None = None) -> Iterator[RunningServer]:
    """`qa serve` with the current settings, QA_INDEX_DIR and QA_CORPUS_DIR replaced when
    given (`qa serve` rebuilds an index that does not match its corpus before serving), and
    any other variables of `environment` (QA_WORKERS...)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **(environment or {})}
    if index_dir is not None:
        env["QA_INDEX_DIR"] = str(index_dir)
    if corpus_dir is not None:
        env["QA_CORPUS_DIR"] = str(corpus_dir)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)],
                                  stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            wait_until_healthy(base_url, server, log, timeout)
            yield RunningServer(base_url, server.pid, log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
