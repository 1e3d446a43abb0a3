"""The benchmark's figures as Markdown tables for the README: pure formatting."""

MIB = 1024 * 1024


def thousands(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def size(size_bytes: int | None) -> str:
    if size_bytes is None:
        return "—"
    return f"{size_bytes / MIB:,.0f} MiB" if size_bytes >= 10 * MIB else f"{size_bytes / MIB:.1f} MiB"


def spread(summary: dict | None) -> str:
    if not summary or not summary.get("requests"):
        return "—"
    return f"{summary['p50_ms']:g} / {summary['p95_ms']:g} / {summary['p99_ms']:g} ms"


def times(factor: float | None) -> str:
    return "—" if factor is None else f"{factor:g}×"


def load_cell(run: dict | None) -> str:
    if run is None:
        return "—"
    return f"{run['throughput_rps']:g} req/s; {spread(run)}; {run['errors']} errors"


def build_table(builds: dict) -> str:
    lines = ["| index build | passages | sentences | vectors | build time | per 1,000 passages | on disk |",
             "|---|---|---|---|---|---|---|"]
    for build in builds.values():
        lines.append(f"| {build['label']} | {thousands(build['passages'])} | {thousands(build['sentences'])} | "
                     f"{build['vectors']} | {build['seconds']:,.0f} s | "
                     f"{build['seconds_per_1000_passages']:,.1f} s | {size(build['index_bytes'])} |")
    return "\n".join(lines)


def find_run(serving: dict, clients: int, mix: str) -> dict | None:
    return next((run for run in serving["concurrent"] if run["clients"] == clients and run["mix"] == mix), None)


def serving_table(servings: dict[str, dict], clients: list[int]) -> str:
    """One column per served index, one row per measurement."""
    columns = list(servings.values())
    header = "| `POST /v1/ask` over HTTP | " + " | ".join(
        f"{s['label']} ({thousands(s['index']['passages'])} passages)" for s in columns) + " |"
    rows = [
        ("1 client, new questions: p50 / p95 / p99", lambda s: spread(s["one_client"]["new_questions"])),
        *[(f"1 client, new questions, {stage} stage: p50 / p95 / p99",
           lambda s, stage=stage: spread(s["one_client"].get("new_question_stages", {}).get(stage)))
          for stage in ("retrieve", "read", "extract")],
        ("1 client, repeated questions: p50 / p95 / p99",
         lambda s: spread(s["one_client"]["repeated_questions"])),
        ("what the cache buys: p50 new ÷ p50 repeated", lambda s: times(s["one_client"]["cache_speedup_p50"])),
    ]
    for count in clients:
        for mix in ("new", "repeated"):
            rows.append((f"{count} clients, {mix} questions: throughput; p50 / p95 / p99; errors",
                         lambda s, count=count, mix=mix: load_cell(find_run(s, count, mix))))
    rows += [
        ("server memory: peak (VmHWM) after loading / after all runs; resident (VmRSS) after all runs",
         lambda s: f"{size(s['memory_kib']['after_load']['VmHWM'] * 1024)} / "
                   f"{size(s['memory_kib']['after_runs']['VmHWM'] * 1024)}; "
                   f"{size(s['memory_kib']['after_runs']['VmRSS'] * 1024)}"),
        ("index on disk", lambda s: size(s["index"]["bytes"])),
    ]
    lines = [header, "|---|" + "---|" * len(columns)]
    lines += [f"| {name} | " + " | ".join(cell(s) for s in columns) + " |" for name, cell in rows]
    return "\n".join(lines)


def ingestion_table(rows: list[dict]) -> str:
    lines = ["| file read into a document | size | pages | time | per page |", "|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['format']} | {row['bytes'] / 1024:,.0f} KiB | {row['pages']} | "
                     f"{row['seconds'] * 1000:,.0f} ms | {row['ms_per_page']:,.0f} ms |")
    return "\n".join(lines)


def workers_table(rows: list[dict]) -> str:
    """Throughput and memory with 1 and 2 workers; the extra worker's cost against the first row."""
    lines = ["| `qa serve` on this machine | new questions: throughput; p50 / p95 / p99; errors | "
             "memory (sum of Pss) | per process: Pss (Private) | an extra worker costs |",
             "|---|---|---|---|---|"]
    for row in rows:
        extra = "—" if row is rows[0] else size((row["pss_kib"] - rows[0]["pss_kib"]) * 1024
                                                 / max(1, row["workers"] - rows[0]["workers"]))
        processes = ", ".join(f"{size(p['Pss'] * 1024)} ({size(p['Private'] * 1024)})" for p in row["processes"])
        lines.append(f"| QA_WORKERS={row['workers']}, {row['clients']} clients | {load_cell(row)} | "
                     f"{size(row['pss_kib'] * 1024)} | {processes} | {extra} |")
    return "\n".join(lines)


def stores_table(comparisons: dict) -> str:
    """The embedded store and Qdrant's local mode: build time from embedded vectors, and search."""
    lines = ["| vector store | corpus | build from embedded vectors: per 1,000 passages | "
             "one search (5 passages, hybrid): p50 / p95 / p99 |", "|---|---|---|---|"]
    for comparison in comparisons.values():
        for store, name in (("embedded", "embedded (FAISS + bm25s)"), ("qdrant_local", "Qdrant, local mode")):
            build = comparison["build"][store]
            lines.append(f"| {name} | {comparison['label']} ({thousands(comparison['passages'])} passages) | "
                         f"{build['seconds_per_1000_passages']:,.2f} s ({build['seconds']:,.1f} s in all) | "
                         f"{spread(comparison['search'][store])} ({comparison['search'][store]['requests']} "
                         f"questions) |")
    return "\n".join(lines)


def markdown_tables(result: dict) -> str:
    tables = []
    if result.get("builds"):
        tables.append(build_table(result["builds"]))
    if result.get("serving"):
        tables.append(serving_table(result["serving"], result["settings"]["clients"]))
    if result.get("deployment"):
        tables.append(workers_table(result["deployment"]["workers"]))
        tables.append(stores_table(result["deployment"]["stores"]))
    if result.get("ingestion"):
        tables.append(ingestion_table(result["ingestion"]))
    return "\n\n".join(tables)
