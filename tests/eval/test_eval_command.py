"""A smoke run of `qa eval` on the small corpus with the fake embedder: the command, the
metrics and the report files, fast enough for every `make test`."""

import json

import pytest

import eval.report
import qa.service
from eval.gold import load_gold
from eval.run import summarise
from eval.scoring import best_f1, exact_match, is_correct, normalise_answer
from index.embedder import HashingEmbedder
from qa.cli import main

GOLD = [
    {"id": "s1", "question": "Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?", "answers": ["99,8%"],
     "doc_id": "qn", "evidence": "tỷ lệ phủ sóng 4G đạt 99,8%", "kind": "figure", "style": "accented"},
    {"id": "s2", "question": "ty le phu song 4G cua Quang Ninh dat bao nhieu", "answers": ["99,8%"],
     "doc_id": "qn", "evidence": "tỷ lệ phủ sóng 4G đạt 99,8%", "kind": "figure", "style": "unaccented"},
    {"id": "s3", "question": "Giá vàng hôm nay bao nhiêu?", "answers": [], "doc_id": None, "evidence": None,
     "kind": "unanswerable", "style": "accented"},
]


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in GOLD) + "\n", encoding="utf-8")
    return path


def test_qa_eval_writes_a_report_and_prints_a_summary(fake_index, gold_file, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QA_INDEX_DIR", str(fake_index.path))
    monkeypatch.setenv("QA_EMBED_MODEL", "hashing-fake")
    monkeypatch.setattr(qa.service, "SentenceEmbedder", lambda *args, **kwargs: HashingEmbedder())
    monkeypatch.setattr(eval.report, "REPORTS", tmp_path / "reports")
    assert main(["eval", "--gold", str(gold_file), "--compare"]) == 0
    printed = capsys.readouterr().out
    assert "| accuracy |" in printed and "gold 3q: accuracy 1.000" in printed
    report_dir = next((tmp_path / "reports").iterdir())
    rows = [json.loads(line) for line in (report_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["s1", "s2", "s3"]
    assert all(row["citation_valid"] for row in rows)
    assert "## Misses by reason" in (report_dir / "report.md").read_text(encoding="utf-8")


def test_summary_counts_abstention_both_ways(gold_file):
    questions = load_gold(gold_file)
    rows = [{"id": q.id, "kind": q.kind, "style": q.style, "answerable": q.answerable, "abstained": a is None,
             "correct": is_correct(a, q.answers) if q.answerable else a is None, "exact": False, "f1": 0.0,
             "rank": 1, "latency_ms": 10.0, "citation_valid": True, "citation_support": True}
            for q, a in zip(questions, [None, "99,8%", "99,8%"])]
    summary = summarise(rows)
    assert summary["false_abstention"] == pytest.approx(0.5)
    assert summary["abstention_recall"] == 0.0 and summary["abstention_precision"] == 0.0
    assert summary["accuracy"] == pytest.approx(0.5)


@pytest.mark.parametrize("prediction, aliases, exact, correct", [
    ("99,8 %", ["99,8%"], True, True),
    ("hơn 3,4 triệu tài khoản cá nhân", ["hơn 3,4 triệu"], False, True),
    ("Hòa Bình", ["Hoà Bình"], True, True),
    ("“Thành phố vì tương lai”", ["Thành phố vì tương lai"], True, True),
    ("80%", ["16/20"], False, False),
    (None, ["16/20"], False, False),
])
def test_answers_are_compared_after_vietnamese_normalisation(prediction, aliases, exact, correct):
    assert exact_match(prediction, aliases) is exact
    assert is_correct(prediction, aliases) is correct
    assert 0.0 <= best_f1(prediction, aliases) <= 1.0


def test_normalisation_folds_tone_placement_case_and_punctuation():
    assert normalise_answer("Thủy lợi, HOÀ BÌNH.") == normalise_answer("thuỷ lợi, hoà bình")
