"""The deployment benchmark's pure parts: memory from /proc, the tables. No server, no model."""

import os

from eval.bench_table import markdown_tables, stores_table, workers_table
from eval.bench_workers import process_tree, smaps_kib

SMAPS = """00400000-7ffd0000 ---p 00000000 00:00 0                          [rollup]
Rss:             1392664 kB
Pss:             1301215 kB
Pss_File:          67267 kB
Shared_Clean:     145408 kB
Private_Clean:     13292 kB
Private_Dirty:   1233956 kB
"""


def test_smaps_gives_resident_proportional_and_private_memory():
    assert smaps_kib(SMAPS) == {"Rss": 1392664, "Pss": 1301215, "Private": 1247248}


def test_the_process_tree_starts_with_the_process():
    assert process_tree(os.getpid())[0] == os.getpid()


def worker_row(workers: int, pss: list[int]) -> dict:
    return {"workers": workers, "clients": 8, "seconds": 15.0, "throughput_rps": 20.5, "errors": 0, "requests": 300,
            "p50_ms": 380.0, "p95_ms": 520.0, "p99_ms": 600.0, "mean_ms": 390.0,
            "processes": [{"pid": n, "Rss": kib, "Pss": kib, "Private": kib * 9 // 10} for n, kib in enumerate(pss)],
            "pss_kib": sum(pss)}


def test_the_workers_table_says_what_an_extra_worker_costs():
    table = workers_table([worker_row(1, [1_300_000]), worker_row(2, [60_000, 1_250_000, 1_250_000])])
    lines = table.splitlines()
    assert lines[2] == ("| QA_WORKERS=1, 8 clients | 20.5 req/s; 380 / 520 / 600 ms; 0 errors | 1,270 MiB | "
                        "1,270 MiB (1,143 MiB) | — |")
    assert lines[3].endswith("| 1,230 MiB |")  # (2,560,000 - 1,300,000) KiB for one extra worker


def test_the_stores_table_has_a_row_per_store_and_corpus():
    comparison = {"label": "seed corpus", "passages": 131,
                  "build": {"embedded": {"passages": 131, "seconds": 0.52, "seconds_per_1000_passages": 3.97},
                            "qdrant_local": {"passages": 131, "seconds": 1.3, "seconds_per_1000_passages": 9.92}},
                  "search": {store: {"requests": 187, "p50_ms": 1.5, "p95_ms": 2.5, "p99_ms": 3.0, "mean_ms": 1.6}
                             for store in ("embedded", "qdrant_local")}}
    table = stores_table({"seed": comparison})
    assert table.splitlines()[2] == ("| embedded (FAISS + bm25s) | seed corpus (131 passages) | 3.97 s (0.5 s in all) "
                                     "| 1.5 / 2.5 / 3 ms (187 questions) |")
    assert "| Qdrant, local mode | seed corpus (131 passages) | 9.92 s (1.3 s in all) |" in table
    result = {"deployment": {"workers": [worker_row(1, [1_300_000])], "stores": {"seed": comparison}}}
    assert markdown_tables(result).count("\n\n") == 1
