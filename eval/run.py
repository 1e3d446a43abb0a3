"""Running a gold set through /v1/ask — in process or against a server — and scoring each row."""

import json
import statistics
import time
import urllib.parse
import urllib.request
from collections.abc import Callable

from eval.gold import GoldQuestion
from eval.scoring import best_f1, exact_match, is_correct, normalise_answer

AskFunction = Callable[[str], dict]


def ask_in_process(answerer, top_k: int = 5, mode: str = "hybrid") -> AskFunction:
    return lambda question: answerer.ask(question, top_k=top_k, mode=mode).to_json()


def http_json(url: str, body: dict | None = None, timeout: float = 30.0) -> dict:
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"},
                                     method="POST" if body is not None else "GET")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def ask_over_http(base_url: str, top_k: int = 5) -> AskFunction:
    base = base_url.rstrip("/")
    return lambda question: http_json(f"{base}/v1/ask", {"question": question, "top_k": top_k})


def document_text_over_http(base_url: str) -> Callable[[str], str | None]:
    cache: dict[str, str | None] = {}

    def text(doc_id: str) -> str | None:
        if doc_id not in cache:
            try:
                cache[doc_id] = http_json(f"{base_url.rstrip('/')}/v1/documents/{urllib.parse.quote(doc_id, safe='')}")["text"]
            except Exception:  # noqa: BLE001 - an unreachable document is an invalid citation
                cache[doc_id] = None
        return cache[doc_id]
    return text


def miss_reason(row: dict) -> str | None:
    if row["answerable"]:
        if row["correct"]:
            return None if row["citation_valid"] else "citation does not match the document"
        if row["abstained"]:
            return "abstained" if row["rank"] is not None else "abstained; evidence not retrieved"
        if row["rank"] is None:
            return "evidence not retrieved in top passages"
        return "wrong span from the evidence passage" if row["rank"] == 1 else "answered from another passage"
    return None if row["abstained"] else "answered an unanswerable question"


def score_row(question: GoldQuestion, response: dict, latency_ms: float, document_text) -> dict:
    answer = response.get("answer") or None
    citations = response.get("citations") or []
    valid = all(document_text(c["doc_id"]) is not None and
                document_text(c["doc_id"])[c["start"]:c["end"]] == c["quote"] for c in citations)
    evidence = normalise_answer(question.evidence) if question.evidence else None
    passages = [normalise_answer(p["text"]) for p in response.get("passages") or []]
    rank = next((i for i, text in enumerate(passages, start=1) if evidence and evidence in text), None)
    row = {
        "id": question.id, "question": question.question, "kind": question.kind, "style": question.style,
        "answers": question.answers, "answer": answer, "confidence": response.get("confidence"),
        "answer_type": response.get("answer_type"), "answerable": question.answerable,
        "abstained": answer is None, "latency_ms": round(latency_ms, 1), "rank": rank,
        "correct": is_correct(answer, question.answers) if question.answerable else answer is None,
        "exact": exact_match(answer, question.answers) if question.answerable else answer is None,
        "f1": best_f1(answer, question.answers) if question.answerable else float(answer is None),
        "citation_valid": valid and (bool(citations) or answer is None),
        "citation_support": bool(evidence) and any(evidence in normalise_answer(c["quote"]) for c in citations),
        "quote": citations[0]["quote"] if citations else None,
    }
    row["reason"] = miss_reason(row)
    return row


def run_gold(ask: AskFunction, questions: list[GoldQuestion], document_text) -> list[dict]:
    rows = []
    for question in questions:
        started = time.perf_counter()
        response = ask(question.question)
        rows.append(score_row(question, response, (time.perf_counter() - started) * 1000, document_text))
    return rows


def share(rows: list[dict], key: str) -> float:
    return sum(1 for row in rows if row[key]) / len(rows) if rows else 0.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * (len(ordered) - 1)))] if ordered else 0.0


def summarise(rows: list[dict]) -> dict:
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    answered = [r for r in rows if not r["abstained"]]
    abstained = [r for r in rows if r["abstained"]]
    ranks = [r["rank"] for r in answerable]
    latencies = [r["latency_ms"] for r in rows]
    summary = {
        "questions": len(rows), "answerable": len(answerable), "unanswerable": len(unanswerable),
        "accuracy": share(answerable, "correct"), "exact_match": share(answerable, "exact"),
        "f1": sum(r["f1"] for r in answerable) / len(answerable) if answerable else 0.0,
        "recall@1": sum(1 for r in ranks if r == 1) / len(ranks) if ranks else 0.0,
        "recall@5": sum(1 for r in ranks if r and r <= 5) / len(ranks) if ranks else 0.0,
        "mrr@10": sum(1 / r for r in ranks if r and r <= 10) / len(ranks) if ranks else 0.0,
        "citation_valid": share(answered, "citation_valid") if answered else 1.0,
        "citation_support": share([r for r in answerable if not r["abstained"]], "citation_support"),
        "false_abstention": share(answerable, "abstained"),
        "abstention_recall": share(unanswerable, "abstained"),
        "abstention_precision": (sum(1 for r in abstained if not r["answerable"]) / len(abstained)) if abstained else 1.0,
        "latency_p50_ms": statistics.median(latencies) if latencies else 0.0,
        "latency_p95_ms": percentile(latencies, 0.95),
    }
    for group in ("kind", "style"):
        for value in sorted({r[group] for r in rows}):
            members = [r for r in rows if r[group] == value]
            summary[f"accuracy_{group}_{value}"] = share(members, "correct")
    return summary
