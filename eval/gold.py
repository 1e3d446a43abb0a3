"""Reading a gold set: one JSON object a line (see eval/README.md for the fields)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_GOLD = Path(__file__).with_name("gold.jsonl")


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    answers: list[str]
    doc_id: str | None
    evidence: str | None
    kind: str
    style: str
    extra: dict = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"


def load_gold(path: Path = DEFAULT_GOLD) -> list[GoldQuestion]:
    questions = []
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        row = json.loads(line)
        known = {name: row.pop(name) for name in ("id", "question", "answers", "doc_id", "evidence", "kind", "style")}
        questions.append(GoldQuestion(**known, extra=row))
    return questions
