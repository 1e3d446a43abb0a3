"""Validation of the gold question set eval/gold.jsonl against the corpus it cites.

Every row is checked on its own (parametrized, so a failure names the row id), then the set as a whole:
unique ids and questions, the minimum counts per style / kind / document, and the province-or-year pairs.
"""

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from index.vietnamese.text import has_diacritics

ROOT = Path(__file__).resolve().parents[2]
CORPUS_PATH = ROOT / "corpus" / "seeds.jsonl"
GOLD_PATH = ROOT / "eval" / "gold.jsonl"

REQUIRED = ("id", "question", "answers", "doc_id", "evidence", "kind", "style")
KINDS = {"figure", "date", "code", "entity", "unanswerable"}
STYLES = {"accented", "unaccented", "abbrev", "colloquial"}
SCOPES = {"in_domain", "off_topic"}
MAX_ALIAS_WORDS = 15

MIN_TOTAL = 160
MIN_ANSWERABLE = 130
MIN_UNANSWERABLE = 20
MIN_IN_DOMAIN_UNANSWERABLE = 10
MIN_OFF_TOPIC = 6
MIN_ANSWERABLE_STYLE = {"unaccented": 30, "abbrev": 18, "colloquial": 15}
MIN_PAIRS = 8
MIN_ROWS_PER_DOC = 10


def _read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


CORPUS = {doc["id"]: doc for doc in _read_jsonl(CORPUS_PATH)}
ROWS = _read_jsonl(GOLD_PATH)
ANSWERABLE = [row for row in ROWS if row.get("kind") != "unanswerable"]
UNANSWERABLE = [row for row in ROWS if row.get("kind") == "unanswerable"]


def _row_id(row):
    return str(row.get("id", "?"))


@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_row_fields_and_values(row):
    missing = [name for name in REQUIRED if name not in row]
    assert not missing, f"missing fields {missing}"
    assert re.fullmatch(r"g\d{3,}", row["id"]), row["id"]
    assert isinstance(row["question"], str) and row["question"].strip() == row["question"] and row["question"]
    assert "\n" not in row["question"]
    assert row["kind"] in KINDS, row["kind"]
    assert row["style"] in STYLES, row["style"]
    assert isinstance(row["answers"], list) and all(isinstance(a, str) for a in row["answers"])
    if "pair" in row:
        assert isinstance(row["pair"], str) and re.fullmatch(r"p\d+", row["pair"]), row["pair"]


@pytest.mark.parametrize("row", ANSWERABLE, ids=_row_id)
def test_answerable_row_cites_the_corpus(row):
    assert row["doc_id"] in CORPUS, f"unknown doc_id {row['doc_id']!r}"
    text = CORPUS[row["doc_id"]]["text"]
    evidence = row["evidence"]
    assert isinstance(evidence, str) and evidence.strip(), "empty evidence"
    assert evidence in text, "evidence is not an exact substring of the document text"
    assert "\n\n" not in evidence, "evidence crosses a paragraph break"
    answers = row["answers"]
    assert answers, "answerable row without answers"
    assert len(set(answers)) == len(answers), "duplicate aliases"
    for alias in answers:
        assert alias.strip() == alias and alias, f"blank or padded alias {alias!r}"
        assert len(alias.split()) <= MAX_ALIAS_WORDS, f"alias too long: {alias!r}"
    assert answers[0] in evidence, "the first alias (ideal span) must be copied from the evidence"
    assert any(alias in evidence for alias in answers)
    assert "scope" not in row, "scope is only for unanswerable rows"


@pytest.mark.parametrize("row", UNANSWERABLE, ids=_row_id)
def test_unanswerable_row_is_empty(row):
    assert row["answers"] == []
    assert row["doc_id"] is None
    assert row["evidence"] is None
    assert row.get("scope") in SCOPES, f"scope must be one of {sorted(SCOPES)}"


@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_style_matches_the_question(row):
    if row["style"] == "unaccented":
        assert not has_diacritics(row["question"]), "unaccented question carries diacritics or đ"
    elif row["style"] == "accented":
        assert has_diacritics(row["question"]), "accented question has no diacritics"


def test_ids_and_questions_are_unique():
    ids = Counter(row["id"] for row in ROWS)
    assert [i for i, n in ids.items() if n > 1] == []
    questions = Counter(row["question"].casefold() for row in ROWS)
    assert [q for q, n in questions.items() if n > 1] == []


def test_same_fact_is_asked_at_most_twice():
    facts = Counter((row["doc_id"], row["evidence"], row["answers"][0]) for row in ANSWERABLE)
    assert [fact for fact, n in facts.items() if n > 2] == []


def test_minimum_counts():
    assert len(ROWS) >= MIN_TOTAL
    assert len(ANSWERABLE) >= MIN_ANSWERABLE
    assert len(UNANSWERABLE) >= MIN_UNANSWERABLE
    scopes = Counter(row.get("scope") for row in UNANSWERABLE)
    assert scopes["in_domain"] >= MIN_IN_DOMAIN_UNANSWERABLE
    assert scopes["off_topic"] >= MIN_OFF_TOPIC
    styles = Counter(row["style"] for row in ANSWERABLE)
    for style, minimum in MIN_ANSWERABLE_STYLE.items():
        assert styles[style] >= minimum, f"{style}: {styles[style]} < {minimum}"
    kinds = Counter(row["kind"] for row in ANSWERABLE)
    assert all(kinds[kind] > 0 for kind in KINDS - {"unanswerable"}), kinds


def test_every_document_is_covered():
    per_doc = Counter(row["doc_id"] for row in ANSWERABLE)
    assert set(per_doc) == set(CORPUS)
    assert min(per_doc.values()) >= MIN_ROWS_PER_DOC, per_doc


def test_pairs():
    pairs = defaultdict(list)
    for row in ROWS:
        if "pair" in row:
            pairs[row["pair"]].append(row)
    assert len(pairs) >= MIN_PAIRS
    for name, members in pairs.items():
        assert len(members) == 2, f"{name} has {len(members)} rows"
        first, second = members
        assert first["question"] != second["question"], name
        assert first["style"] == second["style"], f"{name}: a pair should differ only by province or year"
        assert first["kind"] != "unanswerable" or second["kind"] != "unanswerable", f"{name}: both unanswerable"


# The development and held-out sets (eval/dev.jsonl, eval/heldout.jsonl): written later, by other
# hands, to check that what scores well on the gold set also holds on questions it never saw.
EXTRA_SETS = {path.stem: _read_jsonl(path) for path in (ROOT / "eval" / "dev.jsonl", ROOT / "eval" / "heldout.jsonl")}
EXTRA_ROWS = [(name, row) for name, rows in EXTRA_SETS.items() for row in rows]


@pytest.mark.parametrize(("name", "row"), EXTRA_ROWS, ids=[f"{name}-{row['id']}" for name, row in EXTRA_ROWS])
def test_extra_set_rows_cite_the_corpus(name, row):
    assert row["kind"] in KINDS and row["style"] in STYLES
    if row["kind"] == "unanswerable":
        assert row["answers"] == [] and row["doc_id"] is None and row["evidence"] is None
        return
    text = CORPUS[row["doc_id"]]["text"]
    assert row["evidence"] in text
    assert row["answers"] and all(answer in row["evidence"] for answer in row["answers"])


@pytest.mark.parametrize("name", sorted(EXTRA_SETS))
def test_extra_sets_do_not_repeat_gold_questions(name):
    questions = [row["question"] for row in EXTRA_SETS[name]]
    assert len(set(questions)) == len(questions)
    assert not set(questions) & {row["question"] for row in ROWS}
