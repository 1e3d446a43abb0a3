"""Writing an evaluation run: results.jsonl (one row per question, with the reason for each
miss) and report.md (summary, groups of misses), under eval/reports/<time>/."""

import json
import time
from collections import Counter
from pathlib import Path

from eval.chart import write_chart

REPORTS = Path(__file__).with_name("reports")
HEADLINE = ("accuracy", "exact_match", "f1", "recall@1", "recall@5", "mrr@10", "citation_valid",
            "citation_support", "abstention_recall", "abstention_precision", "false_abstention",
            "latency_p50_ms", "latency_p95_ms")


def one_line(summary: dict) -> str:
    return (f"gold {summary['questions']}q: accuracy {summary['accuracy']:.3f} "
            f"(unaccented {summary.get('accuracy_style_unaccented', 0):.3f}) F1 {summary['f1']:.3f} "
            f"R@1 {summary['recall@1']:.3f} citations valid {summary['citation_valid']:.3f} "
            f"abstain {summary['abstention_recall']:.3f} false-abstain {summary['false_abstention']:.3f} "
            f"p50 {summary['latency_p50_ms']:.0f} ms")


def table(results: dict[str, dict], keys=HEADLINE) -> str:
    lines = ["| metric | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(f"{r[key]:.3f}" for r in results.values()) + " |")
    return "\n".join(lines)


def write_report(results: dict[str, dict], rows: list[dict], source: str) -> Path:
    folder = REPORTS / time.strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "results.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    misses = Counter(row["reason"] for row in rows if row["reason"])
    groups = {key: value for key, value in next(iter(results.values())).items() if key.startswith("accuracy_")}
    lines = [f"# Evaluation {folder.name}", "", f"Source: {source}", "", table(results), "",
             "## Accuracy by kind and style", "", "| group | accuracy |", "|---|---|",
             *(f"| {key.removeprefix('accuracy_')} | {value:.3f} |" for key, value in groups.items()),
             "", "## Misses by reason", "", "| reason | questions |", "|---|---|",
             *(f"| {reason} | {count} |" for reason, count in misses.most_common()), "",
             "## Every miss", "", "| id | style | question | expected | answered | reason |", "|---|---|---|---|---|---|",
             *(f"| {r['id']} | {r['style']} | {r['question']} | {'; '.join(r['answers']) or '(abstain)'} | "
               f"{r['answer'] or '(abstained)'} | {r['reason']} |" for r in rows if r["reason"])]
    lines[4:4] = ["![accuracy by kind and style, latency](chart.png)", ""]
    (folder / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_chart(rows, folder / "chart.png")
    return folder
