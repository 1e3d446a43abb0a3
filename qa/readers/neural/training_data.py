"""The training mix: extractive QA rows from JSON Lines files, sampled by weight, with negatives.

Rows look like SQuAD 2.0 (`context`, `question`, `answers` [{text, answer_start}], `is_impossible`,
`source`). A file's weight is the share of its rows drawn per epoch (2.0 draws each row twice), so an
operator can retrain on licence-clean files alone. Besides its own context, an answerable question is
sometimes paired with another context of its file that shares its rarer words but not its answer,
labelled "no answer": scores then compare across passages, as they must when the service reads the
top retrieved passages side by side. A share of questions is typed without diacritics, as many
citizens type them ("ubnd tinh quang ninh ban hanh ke hoach nao"), so the reader learns to read
those too; the contexts keep theirs, as documents do.
"""

import json
import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from index.vietnamese.text import fold_diacritics

WORD = re.compile(r"\w+")
RARE_WORD_MAX_CONTEXTS = 60  # words in more contexts than this are too common to find a hard negative


@dataclass(frozen=True)
class Example:
    question: str
    context: str
    answer: tuple[int, int] | None  # character offsets of the first answer; None when there is none
    answers: tuple[str, ...]  # every accepted answer text, for scoring
    source: str


@dataclass(frozen=True)
class MixPart:
    path: Path
    weight: float


def parse_mix(spec: list[str], data_dir: Path) -> list[MixPart]:
    """`FILE[=WEIGHT]` items; a relative FILE is looked up in data_dir."""
    parts = []
    for item in spec:
        name, _, weight = item.partition("=")
        path = Path(name) if Path(name).is_absolute() else data_dir / name
        if not path.is_file():
            raise FileNotFoundError(f"training file {path} not found: give FILE[=WEIGHT] items that exist")
        value = float(weight) if weight else 1.0
        if value <= 0:
            raise ValueError(f"weight of {name} must be positive, got {value}")
        parts.append(MixPart(path, value))
    if not parts:
        raise ValueError("the training mix is empty: give at least one FILE[=WEIGHT]")
    return parts


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def to_example(row: dict) -> Example:
    answers = [] if row.get("is_impossible") else row.get("answers") or []
    first = answers[0] if answers else None
    span = (first["answer_start"], first["answer_start"] + len(first["text"])) if first else None
    return Example(row["question"], row["context"], span, tuple(a["text"] for a in answers), row.get("source", ""))


def split_validation(rows: list[dict], sources: set[str]) -> tuple[list[dict], list[dict]]:
    """(training rows, validation rows): rows of the named sources are held out whole."""
    kept = [r for r in rows if r.get("source") not in sources]
    held = [r for r in rows if r.get("source") in sources]
    return kept, held


def draw(rows: list, weight: float, rng: random.Random) -> list:
    """weight x len(rows) rows: every row floor(weight) times, the fraction sampled without repeats."""
    whole, fraction = int(math.floor(weight)), weight - math.floor(weight)
    drawn = rows * whole + rng.sample(rows, round(fraction * len(rows)))
    rng.shuffle(drawn)
    return drawn


def hard_negative_contexts(examples: list[Example], contexts: list[str], rate: float,
                           rng: random.Random) -> list[Example]:
    """For a `rate` share of answerable examples, the context sharing most rare question words
    among those that do not hold the answer, as a no-answer example."""
    postings: dict[str, list[int]] = defaultdict(list)
    for number, context in enumerate(contexts):
        for word in set(WORD.findall(context.lower())):
            postings[word].append(number)
    negatives = []
    for example in examples:
        if example.answer is None or rng.random() >= rate:
            continue
        votes: Counter = Counter()
        for word in set(WORD.findall(example.question.lower())):
            found = postings.get(word, ())
            if len(found) <= RARE_WORD_MAX_CONTEXTS:
                votes.update(found)
        answer_text = example.context[example.answer[0]:example.answer[1]].lower()
        for number, _ in votes.most_common(8):
            other = contexts[number]
            if other != example.context and answer_text not in other.lower():
                negatives.append(Example(example.question, other, None, (), example.source))
                break
    return negatives


def without_diacritics(examples: list[Example], rate: float, rng: random.Random) -> list[Example]:
    """The examples with a `rate` share of their questions typed without diacritics."""
    return [Example(fold_diacritics(e.question), e.context, e.answer, e.answers, e.source)
            if rng.random() < rate else e for e in examples]


def epoch_examples(parts: list[MixPart], validation_sources: set[str], negative_rate: float,
                   seed: int, unaccented_rate: float = 0.0) -> list[Example]:
    """The examples of one epoch: each file's draw plus its hard negatives, shuffled."""
    rng = random.Random(seed)
    examples = []
    for part in parts:
        rows, _ = split_validation(read_rows(part.path), validation_sources)
        drawn = [to_example(r) for r in draw(rows, part.weight, rng)]
        contexts = sorted({r["context"] for r in rows})
        examples += drawn + hard_negative_contexts(drawn, contexts, negative_rate, rng)
    rng.shuffle(examples)
    # its own random stream: the draw above stays the same whatever the rate
    return without_diacritics(examples, unaccented_rate, random.Random(seed + 1))


def validation_examples(parts: list[MixPart], validation_sources: set[str], size: int, seed: int) -> list[Example]:
    held = [row for part in parts for row in split_validation(read_rows(part.path), validation_sources)[1]]
    held = [row for row in held if not row.get("is_impossible")]
    return [to_example(r) for r in random.Random(seed).sample(held, min(size, len(held)))]
