"""Workers on one machine (QA_WORKERS), for `make bench`: new-question throughput and latency at
a number of clients with 1 and 2 workers, and what each worker costs in memory.

Memory comes from /proc/<pid>/smaps_rollup of every process of the server: Pss counts a page
shared by several processes (the memory-mapped index files, libraries read from disk) in equal
parts, Private only the process's own (the models, the passages as Python objects). The sum of
Pss is what the server takes from the machine; the difference between 2 workers and 1 is the
cost of an extra worker.
"""

import re
import time
from pathlib import Path

from eval.load import new_questions, run_clients
from eval.server import running_server

_SMAPS_LINE = re.compile(r"^(\w+):\s+(\d+) kB$", re.MULTILINE)
STARTED = "Application startup complete."


def process_tree(pid: int) -> list[int]:
    """pid and its descendants (uvicorn's supervisor and its worker processes)."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return [pid] + [descendant for child in children for descendant in process_tree(child)]


def smaps_kib(text: str) -> dict[str, int]:
    """Rss, Pss and Private (clean + dirty) in KiB from the text of /proc/<pid>/smaps_rollup."""
    values = {name: int(kib) for name, kib in _SMAPS_LINE.findall(text)}
    return {"Rss": values["Rss"], "Pss": values["Pss"],
            "Private": values["Private_Clean"] + values["Private_Dirty"]}


def server_memory(pid: int) -> list[dict]:
    return [{"pid": process, **smaps_kib(Path(f"/proc/{process}/smaps_rollup").read_text())}
            for process in process_tree(pid)]


def wait_for_workers(log: Path, workers: int, timeout: float = 600.0) -> None:
    """Until every worker has loaded (the first healthy answer proves only one has)."""
    deadline = time.monotonic() + timeout
    while log.read_text(encoding="utf-8", errors="replace").count(STARTED) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"not all {workers} workers started: see {log}")
        time.sleep(0.5)


def measure_workers(index_dir: Path, corpus_dir: Path, questions: list[str], clients: int, seconds: float,
                    work: Path, counts: tuple[int, ...] = (1, 2), say=print) -> list[dict]:
    rows = []
    for number, workers in enumerate(counts):
        log = work / f"serve-workers-{workers}.log"
        environment = {"QA_WORKERS": str(workers), "QA_LOG_LEVEL": "INFO"}  # INFO: uvicorn says when each is up
        with running_server(log, index_dir, corpus_dir, environment=environment) as server:
            wait_for_workers(log, workers)
            # Tags apart for each server and pass: every question is new to every worker.
            say(f"{workers} worker(s): warming up, then {clients} clients, new questions, {seconds:g} s")
            run_clients(server.base_url, new_questions(questions, 10_000_000 * number), clients, min(seconds, 5))
            run = run_clients(server.base_url, new_questions(questions, 10_000_000 * number + 5_000_000), clients,
                              seconds)
            memory = server_memory(server.pid)
        rows.append({"workers": workers, **run.summary(), "processes": memory,
                     "pss_kib": sum(process["Pss"] for process in memory)})
    return rows
