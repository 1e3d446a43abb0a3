"""Open-corpus evaluation on a SQuAD-style file (such as XQuAD-vi, CC BY-SA 4.0: see
the dataset's README): its distinct contexts become the corpus, every
question is asked against the whole index, and both retrieval (is the gold context among the
returned documents) and the extracted answer are scored.

    qa eval --squad FILE [--limit N]

`run_squad` is the one path that runs it; the command above is its only entry point, so
it reads the same settings (model, fusion weight, confidence threshold) as the service.
"""

import json
import statistics
import tempfile
import time
from pathlib import Path

from eval import report
from eval.run import share
from eval.scoring import best_f1, exact_match, is_correct
from index.build import build_index
from index.store import load_index
from qa.answering import QuestionAnswerer
from qa.retrieval import PassageRetriever

TABLE_KEYS = ("questions", "context_recall@1", "context_recall@5", "accuracy", "exact_match", "f1",
              "abstention_rate", "answered", "exact_match_answered", "f1_answered", "latency_p50_ms")


def load_squad(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def context_ids(rows: list[dict]) -> dict[str, str]:
    """Each distinct context's document id, numbered in first-seen order."""
    ids: dict[str, str] = {}
    for row in rows:
        ids.setdefault(row["context"], f"ctx-{len(ids) + 1:04d}")
    return ids


def squad_corpus(rows: list[dict]) -> list[dict]:
    ids, documents = context_ids(rows), {}
    for row in rows:
        documents.setdefault(ids[row["context"]], {
            "id": ids[row["context"]], "title": row.get("title", "").replace("_", " "),
            "text": row["context"], "metadata": {"source": "squad"}})
    return list(documents.values())


def gold_doc_ids(rows: list[dict]) -> dict[str, str]:
    ids = context_ids(rows)
    return {row["id"]: ids[row["context"]] for row in rows}


def gold_rank(passages: list[dict], doc_id: str) -> int | None:
    """1-based rank of doc_id among the passages' documents, each document counted once."""
    documents = list(dict.fromkeys(p["doc_id"] for p in passages))
    return documents.index(doc_id) + 1 if doc_id in documents else None


def score_question(row: dict, response: dict, doc_id: str, latency_ms: float) -> dict:
    aliases = [a["text"] for a in row["answers"]]
    answer = response.get("answer") or None
    return {"id": row["id"], "question": row["question"], "answers": aliases, "answer": answer,
            "answer_type": response.get("answer_type"), "confidence": response.get("confidence"),
            "exact": exact_match(answer, aliases), "f1": best_f1(answer, aliases),
            "correct": is_correct(answer, aliases), "abstained": answer is None, "gold_doc": doc_id,
            "gold_rank": gold_rank(response.get("passages") or [], doc_id), "latency_ms": round(latency_ms, 1)}


def mean(values: list) -> float:
    return sum(values) / len(values) if values else 0.0


def summarise_squad(rows: list[dict]) -> dict:
    answered = [r for r in rows if not r["abstained"]]
    ranks = [r["gold_rank"] for r in rows]
    return {
        "questions": len(rows),
        "context_recall@1": mean([rank == 1 for rank in ranks]),
        "context_recall@5": mean([rank is not None and rank <= 5 for rank in ranks]),
        "exact_match": share(rows, "exact"), "f1": mean([r["f1"] for r in rows]),
        "accuracy": share(rows, "correct"), "abstention_rate": share(rows, "abstained"),
        "answered": len(answered),
        "exact_match_answered": share(answered, "exact"), "f1_answered": mean([r["f1"] for r in answered]),
        "latency_p50_ms": statistics.median(r["latency_ms"] for r in rows) if rows else 0.0,
    }


def index_contexts(rows: list[dict], embedder, work_dir: Path, show_progress: bool = False):
    """The rows' distinct contexts as a corpus, indexed under work_dir and loaded."""
    corpus_dir, index_dir = Path(work_dir) / "corpus", Path(work_dir) / "index"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    with (corpus_dir / "squad.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in squad_corpus(rows))
    build_index(corpus_dir, index_dir, embedder, show_progress=show_progress)
    return load_index(index_dir)


def evaluate_squad(path: Path, embedder, work_dir: Path, limit: int | None = None,
                   dense_weight: float = 0.3, min_confidence: float = 0.5,
                   show_progress: bool = False, reader_factory=None) -> tuple[dict, list[dict]]:
    """Index the file's contexts under work_dir, ask its questions (the first `limit`), score them."""
    squad = load_squad(path)
    index = index_contexts(squad, embedder, work_dir, show_progress)
    reader = reader_factory(index.passages) if reader_factory else None  # the rules when None
    answerer = QuestionAnswerer(PassageRetriever(index, embedder, dense_weight=dense_weight), reader,
                                min_confidence=min_confidence)
    answerer.warm_up()
    gold = gold_doc_ids(squad)
    rows = []
    for row in squad[:limit]:
        started = time.perf_counter()
        response = answerer.ask(row["question"], top_k=5).to_json()
        rows.append(score_question(row, response, gold[row["id"]], (time.perf_counter() - started) * 1000))
    return summarise_squad(rows), rows


def markdown_table(summary: dict) -> str:
    lines = ["| metric | value |", "|---|---|"]
    for key in TABLE_KEYS:
        value = summary[key]
        lines.append(f"| {key} | {value if isinstance(value, int) else f'{value:.3f}'} |")
    return "\n".join(lines)


def write_squad_report(summary: dict, rows: list[dict]) -> Path:
    folder = report.REPORTS / f"squad-{time.strftime('%Y%m%d-%H%M%S')}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    with (folder / "results.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return folder


def run_squad(path: Path, embedder, limit: int | None = None, dense_weight: float = 0.3,
              min_confidence: float = 0.5, reader_factory=None) -> tuple[dict, Path]:
    """Evaluate in a temporary folder and write the report: (summary with its seconds, report folder)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="squad-") as work_dir:
        summary, rows = evaluate_squad(path, embedder, Path(work_dir), limit=limit, dense_weight=dense_weight,
                                       min_confidence=min_confidence, show_progress=True,
                                       reader_factory=reader_factory)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    summary["abstains_below"] = min_confidence  # 0: every question answered that has a candidate
    return summary, write_squad_report(summary, rows)
