"""Latency percentiles and throughput from measured request times: pure arithmetic."""

import json
import math
import statistics

STAGES = ("retrieve", "read", "extract")


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default), so p99 of a
    couple of hundred requests is not simply the slowest one."""
    if not values:
        raise ValueError("no values to take a percentile of")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError("fraction must be between 0 and 1")
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    below, above = math.floor(position), math.ceil(position)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def latency_summary(latencies_ms: list[float]) -> dict:
    if not latencies_ms:
        return {"requests": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "mean_ms": None}
    return {"requests": len(latencies_ms),
            **{f"p{round(q * 100)}_ms": round(percentile(latencies_ms, q), 1) for q in (0.50, 0.95, 0.99)},
            "mean_ms": round(statistics.fmean(latencies_ms), 1)}


def throughput(requests: int, seconds: float) -> float:
    """Completed requests per second of wall-clock time."""
    if seconds <= 0:
        raise ValueError("seconds must be positive")
    return requests / seconds


def speedup(slower_ms: float | None, faster_ms: float | None) -> float | None:
    """How many times faster: what a cache buys, for instance."""
    if not slower_ms or not faster_ms:
        return None
    return round(slower_ms / faster_ms, 1)


def stage_summaries(log_lines: list[str], requests: int) -> dict[str, dict]:
    """Per-stage latency of the first `requests` answered /v1/ask requests in a server's JSON
    request log: where a question's time goes (the reader's share above all)."""
    spent: dict[str, list[float]] = {stage: [] for stage in STAGES}
    asked = 0
    for line in log_lines:
        if asked == requests or not line.startswith("{"):
            continue
        record = json.loads(line)
        if record.get("event") != "request" or record.get("path") != "/v1/ask" or "retrieve_ms" not in record:
            continue
        asked += 1
        for stage in STAGES:
            spent[stage].append(record.get(f"{stage}_ms", 0.0))
    return {stage: latency_summary(values) for stage, values in spent.items()}
