"""Feedback kept by request id, stored in SQLite, and exported as candidate gold rows that pass
the gold set's own checks once a person has filled what the export could not."""

import json
import sqlite3
from pathlib import Path

import pytest

from qa.feedback.export import candidate_gold_rows
from qa.feedback.recent import AnsweredQuestion, RecentAnswers
from qa.feedback.store import FeedbackExists, FeedbackStore
from tests.eval import test_gold

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {row["id"]: row for row in map(json.loads, (ROOT / "corpus" / "seeds.jsonl").read_text().splitlines())}
DOC = "004_1f3292effb28319e"
QUOTE = ("Bắc Ninh cũng là địa phương nằm trong nhóm dẫn đầu về chỉ số chuyển đổi số cấp tỉnh (DTI), "
         "năm 2021, xếp thứ 4; năm 2022, xếp thứ 7.")


def answered(answer="thứ 4", answer_type="number", citations=None) -> AnsweredQuestion:
    start = SEEDS[DOC]["text"].index(QUOTE)
    citation = {"doc_id": DOC, "title": SEEDS[DOC]["title"], "passage_id": f"{DOC}#1", "start": start,
                "end": start + len(QUOTE), "quote": QUOTE, "source": "TTXVN", "date": None}
    return AnsweredQuestion(question="năm 2022 thì sao?", resolved_question="Bắc Ninh xếp thứ mấy về DTI năm 2022?",
                            answer=answer, answer_type=answer_type,
                            citations=[citation] if citations is None else citations,
                            confidence=0.71, corpus_hash="abc", reader="hybrid")


def test_recent_answers_forget_the_oldest():
    recent = RecentAnswers(2)
    for request_id in ("a", "b", "c"):
        recent.remember(request_id, answered())
    assert recent.get("a") is None and recent.get("c") is not None
    nothing = RecentAnswers(0)
    nothing.remember("a", answered())
    assert nothing.get("a") is None
    with pytest.raises(ValueError, match="size must be 0 or more"):
        RecentAnswers(-1)


def test_the_store_is_made_at_first_use_in_wal_mode(tmp_path):
    store = FeedbackStore(tmp_path / "var" / "feedback.sqlite3")
    assert not store.path.exists()
    assert store.add("r1", answered(), "wrong", "thứ 7") == 1
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    row = store.rows()[0]
    assert row["resolved_question"] == "Bắc Ninh xếp thứ mấy về DTI năm 2022?" and row["citations"][0]["quote"] == QUOTE
    assert (row["verdict"], row["correction"], row["corpus_hash"], row["reader"]) == ("wrong", "thứ 7", "abc", "hybrid")


def test_one_verdict_per_answer_and_only_known_verdicts(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add("r1", answered(), "helpful", None)
    with pytest.raises(FeedbackExists):
        store.add("r1", answered(), "wrong", None)
    with pytest.raises(ValueError, match="verdict must be one of helpful, wrong"):
        store.add("r2", answered(), "meh", None)


def test_rows_filter_by_verdict_and_time_and_page(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    for number, verdict in enumerate(("helpful", "wrong", "wrong")):
        store.add(f"r{number}", answered(), verdict, None)
    assert [r["request_id"] for r in store.rows("wrong")] == ["r1", "r2"]
    assert [r["request_id"] for r in store.rows(limit=1, offset=1)] == ["r1"]
    assert store.rows(since="2999-01-01") == []
    assert store.counts() == {"helpful": 1, "wrong": 2}


def test_export_takes_the_evidence_from_the_citation_and_the_answer_from_the_correction(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add("r1", answered(), "wrong", "thứ 7")
    store.add("r2", answered(), "wrong", "sai rồi, xem lại báo cáo")
    store.add("r3", answered(answer=None, answer_type="none", citations=[]), "wrong", None)
    fixed, commented, abstained = candidate_gold_rows(store.rows())
    assert fixed["question"] == "Bắc Ninh xếp thứ mấy về DTI năm 2022?", "the resolved question stands alone"
    assert (fixed["answers"], fixed["doc_id"], fixed["evidence"], fixed["kind"]) == (["thứ 7"], DOC, QUOTE, "figure")
    assert fixed["review"] == [] and fixed["feedback"]["correction"] == "thứ 7"
    assert commented["answers"] == [] and commented["review"], "a comment is not an answer: a person copies one"
    assert abstained["evidence"] is None and len(abstained["review"]) == 3


def test_exported_rows_pass_the_gold_checks_once_reviewed(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add("r1", answered(), "wrong", "thứ 7")
    store.add("r2", answered(), "helpful", None)
    store.add("r3", answered(), "wrong", "không đúng")
    rows = candidate_gold_rows(store.rows())
    rows[2]["answers"] = ["xếp thứ 7"]  # what the reviewer fills in
    for row in rows:
        reviewed = {key: value for key, value in row.items() if key not in ("review", "feedback")}
        test_gold.test_row_fields_and_values(reviewed)
        test_gold.test_answerable_row_cites_the_corpus(reviewed)
        test_gold.test_style_matches_the_question(reviewed)


def test_the_command_line_exports_one_verdict(tmp_path, capsys):
    from qa.cli import main

    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add("r1", answered(), "helpful", None)
    store.add("r2", answered(), "wrong", "thứ 7")
    assert main(["feedback", "export", "--verdict", "wrong", "--db", str(store.path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(row["feedback"]["verdict"], row["answers"]) for row in rows] == [("wrong", ["thứ 7"])]
    assert main(["feedback", "export", "--db", str(tmp_path / "none.sqlite3")]) == 1
