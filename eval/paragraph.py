"""A reader scored with the gold paragraph given (no retrieval), as published readers are on
XQuAD: every question is read against its own context only, and the best span is scored by
exact match and token F1 against the gold answers.

    python -m eval.paragraph FILE [--limit N] [--reader-dir DIR]
"""

import argparse
import json
import sys
import time
from pathlib import Path

from eval.scoring import best_f1, exact_match
from qa.readers.neural.bundle import BUNDLED_READER_DIR
from qa.readers.neural.onnx_reader import OnnxReader


def load_rows(path: Path, limit: int | None = None) -> list[dict]:
    with Path(path).open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return rows[:limit] if limit else rows


def gold_answers(row: dict) -> list[str]:
    answers = row.get("answers")
    if isinstance(answers, dict):  # the Hugging Face layout: {"text": [...], "answer_start": [...]}
        return list(answers.get("text") or [])
    return [a["text"] if isinstance(a, dict) else a for a in answers or []]


def evaluate_paragraphs(reader: OnnxReader, rows: list[dict]) -> tuple[dict, list[dict]]:
    started = time.perf_counter()
    results = []
    for row in rows:
        readings = reader.read(row["question"], [row["context"]])[0]
        prediction = readings[0].text if readings else ""
        answers = gold_answers(row)
        results.append({"id": row.get("id"), "question": row["question"], "answers": answers,
                        "prediction": prediction, "f1": round(best_f1(prediction, answers), 4),
                        "exact": exact_match(prediction, answers)})
    count = max(1, len(results))
    summary = {"questions": len(results), "exact_match": round(sum(r["exact"] for r in results) / count, 4),
               "f1": round(sum(r["f1"] for r in results) / count, 4),
               "seconds": round(time.perf_counter() - started, 1), "reader": str(reader.folder)}
    return summary, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.paragraph", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="SQuAD-style JSON Lines file")
    parser.add_argument("--limit", type=int, help="read only the first N questions")
    parser.add_argument("--reader-dir", type=Path, default=BUNDLED_READER_DIR)
    args = parser.parse_args(argv)
    summary, _ = evaluate_paragraphs(OnnxReader(args.reader_dir), load_rows(args.file, args.limit))
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
