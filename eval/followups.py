"""The follow-up conversation set (eval/followups.jsonl): conversations of two or three turns,
each turn scored as a gold question is, after the turns before it were sent as its history.

A line is {"id": "c001", "turns": [turn, ...]}; a turn has the gold row's fields ("question",
"answers", "doc_id", "evidence", "kind") and "followup": whether it leans on the turns before
it. A stand-alone turn must come back with `resolved_question` equal to its question.
"""

import json
import time
from collections.abc import Callable
from pathlib import Path

from eval.gold import GoldQuestion
from eval.run import score_row, share

DEFAULT_FOLLOWUPS = Path(__file__).with_name("followups.jsonl")
# (question, history) -> the /v1/ask response body, with "resolved_question"
ConversationAsk = Callable[[str, list[dict]], dict]


def load_conversations(path: Path = DEFAULT_FOLLOWUPS) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def turn_question(conversation_id: str, number: int, turn: dict) -> GoldQuestion:
    return GoldQuestion(id=f"{conversation_id}.{number}", question=turn["question"], answers=turn["answers"],
                        doc_id=turn["doc_id"], evidence=turn["evidence"], kind=turn["kind"],
                        style="followup" if turn["followup"] else "standalone")


def run_conversations(ask: ConversationAsk, conversations: list[dict], document_text) -> list[dict]:
    """Every turn asked with the turns before it as history, as the widget sends them."""
    rows = []
    for conversation in conversations:
        history: list[dict] = []
        for number, turn in enumerate(conversation["turns"], start=1):
            started = time.perf_counter()
            response = ask(turn["question"], list(history))
            question = turn_question(conversation["id"], number, turn)
            row = score_row(question, response, (time.perf_counter() - started) * 1000, document_text)
            resolved = response.get("resolved_question") or turn["question"]
            row.update(followup=turn["followup"], resolved_question=resolved, rewritten=resolved != turn["question"])
            rows.append(row)
            history.append({"question": turn["question"], "resolved_question": resolved,
                            "answer": response.get("answer")})
    return rows


def summarise_conversations(rows: list[dict]) -> dict:
    followups = [row for row in rows if row["followup"]]
    standalone = [row for row in rows if not row["followup"]]
    return {"conversations": len({row["id"].split(".")[0] for row in rows}), "turns": len(rows),
            "followup_turns": len(followups), "followup_accuracy": share(followups, "correct"),
            "followups_rewritten": share(followups, "rewritten"),
            "standalone_turns": len(standalone), "standalone_accuracy": share(standalone, "correct"),
            "standalone_rewritten": sum(1 for row in standalone if row["rewritten"])}


def misses(rows: list[dict]) -> list[str]:
    """One line per follow-up turn answered wrongly, and per stand-alone turn rewritten."""
    lines = []
    for row in rows:
        if row["followup"] and not row["correct"]:
            lines.append(f"{row['id']} {row['question']!r} -> {row['resolved_question']!r}: "
                         f"{row['answer']!r}, expected {row['answers'][0]!r}")
        if not row["followup"] and row["rewritten"]:
            lines.append(f"{row['id']} stand-alone question rewritten: {row['resolved_question']!r}")
    return lines
