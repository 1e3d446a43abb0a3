"""eval.squad on a tiny SQuAD-style file, with the hashing fake embedder."""

import json

import pytest

from eval.squad import evaluate_squad, gold_doc_ids, gold_rank, load_squad, squad_corpus
from index.embedder import HashingEmbedder

CONTEXTS = {
    "Vịnh_Hạ_Long": "Vịnh Hạ Long thuộc tỉnh Quảng Ninh. Năm 1994, vịnh được UNESCO công nhận là Di sản thiên nhiên "
                    "thế giới. Vịnh có 1.969 hòn đảo lớn nhỏ.",
    "Sông_Hồng": "Sông Hồng bắt nguồn từ tỉnh Vân Nam, Trung Quốc. Đoạn chảy qua Việt Nam dài khoảng 510 km "
                 "và đổ ra vịnh Bắc Bộ.",
    "Phở": "Phở là món ăn truyền thống của Việt Nam, xuất hiện vào đầu thế kỷ 20 ở Nam Định và Hà Nội. "
           "Thành phần chính gồm bánh phở, nước dùng và thịt bò hoặc thịt gà.",
}
QUESTIONS = [
    ("q1", "Vịnh_Hạ_Long", "Vịnh Hạ Long thuộc tỉnh nào?", "Quảng Ninh"),
    ("q2", "Vịnh_Hạ_Long", "Vịnh Hạ Long được UNESCO công nhận vào năm nào?", "1994"),
    ("q3", "Sông_Hồng", "Sông Hồng bắt nguồn từ đâu?", "tỉnh Vân Nam, Trung Quốc"),
    ("q4", "Sông_Hồng", "Đoạn sông Hồng chảy qua Việt Nam dài bao nhiêu?", "khoảng 510 km"),
    ("q5", "Phở", "Phở xuất hiện vào thời gian nào?", "đầu thế kỷ 20"),
    ("q6", "Vịnh_Hạ_Long", "Vịnh Hạ Long có bao nhiêu hòn đảo?", "1.969 hòn đảo"),
]


@pytest.fixture
def squad_file(tmp_path):
    path = tmp_path / "squad.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for qid, title, question, answer in QUESTIONS:
            context = CONTEXTS[title]
            row = {"id": qid, "title": title, "context": context, "question": question,
                   "answers": [{"text": answer, "answer_start": context.index(answer)}]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def test_corpus_holds_each_context_once_in_first_seen_order(squad_file):
    documents = squad_corpus(load_squad(squad_file))
    assert [d["id"] for d in documents] == ["ctx-0001", "ctx-0002", "ctx-0003"]
    assert [d["title"] for d in documents] == ["Vịnh Hạ Long", "Sông Hồng", "Phở"]
    assert documents[1]["text"] == CONTEXTS["Sông_Hồng"]
    assert all(d["metadata"] == {"source": "squad"} for d in documents)


def test_gold_doc_ids_map_questions_to_their_context(squad_file):
    assert gold_doc_ids(load_squad(squad_file)) == {
        "q1": "ctx-0001", "q2": "ctx-0001", "q3": "ctx-0002", "q4": "ctx-0002", "q5": "ctx-0003", "q6": "ctx-0001"}


def test_gold_rank_counts_each_document_once():
    passages = [{"doc_id": "a"}, {"doc_id": "a"}, {"doc_id": "b"}, {"doc_id": "c"}]
    assert gold_rank(passages, "a") == 1
    assert gold_rank(passages, "c") == 3
    assert gold_rank(passages, "z") is None


def test_evaluate_squad_scores_every_question(squad_file, tmp_path):
    summary, rows = evaluate_squad(squad_file, HashingEmbedder(), tmp_path / "work")
    assert (tmp_path / "work" / "corpus" / "squad.jsonl").is_file()
    assert [r["id"] for r in rows] == [q[0] for q in QUESTIONS]
    assert summary["questions"] == 6
    for row in rows:
        assert {"id", "question", "answers", "answer", "exact", "f1", "correct", "abstained", "gold_rank",
                "latency_ms"} <= set(row)
        assert row["gold_rank"] is None or (isinstance(row["gold_rank"], int) and row["gold_rank"] >= 1)
        assert 0.0 <= row["f1"] <= 1.0
        assert row["abstained"] == (row["answer"] is None)
    for key in ("context_recall@1", "context_recall@5", "exact_match", "f1", "accuracy", "abstention_rate",
                "exact_match_answered", "f1_answered"):
        assert 0.0 <= summary[key] <= 1.0, key
    assert summary["context_recall@1"] <= summary["context_recall@5"]
    assert summary["context_recall@5"] > 0  # the fake embedder and BM25 still find shared words
    assert summary["latency_p50_ms"] >= 0


def test_limit_asks_only_the_first_questions(squad_file, tmp_path):
    summary, rows = evaluate_squad(squad_file, HashingEmbedder(), tmp_path / "work", limit=2)
    assert summary["questions"] == 2
    assert [r["id"] for r in rows] == ["q1", "q2"]


def test_qa_eval_squad_is_the_one_path_and_writes_a_report(squad_file, tmp_path, monkeypatch, capsys):
    import eval.report
    import index.embedder
    from qa.cli import main

    monkeypatch.setenv("QA_EMBED_MODEL", "hashing-fake")  # not the bundled model: nothing to prepare
    monkeypatch.setattr(index.embedder, "SentenceEmbedder", lambda *args, **kwargs: HashingEmbedder())
    monkeypatch.setattr(eval.report, "REPORTS", tmp_path / "reports")
    assert main(["eval", "--squad", str(squad_file), "--limit", "3"]) == 0
    printed = capsys.readouterr().out
    assert "| questions | 3 |" in printed
    report = next((tmp_path / "reports").iterdir())
    assert report.name.startswith("squad-") and f"report: {report}" in printed
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    assert summary["questions"] == 3 and summary["seconds"] >= 0 and summary["abstains_below"] == 0.5
    assert len((report / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_answer_all_abstains_only_without_a_candidate(squad_file, tmp_path, monkeypatch, capsys):
    import eval.report
    import index.embedder
    from qa.cli import main

    monkeypatch.setenv("QA_EMBED_MODEL", "hashing-fake")
    monkeypatch.setattr(index.embedder, "SentenceEmbedder", lambda *args, **kwargs: HashingEmbedder())
    monkeypatch.setattr(eval.report, "REPORTS", tmp_path / "reports")
    assert main(["eval", "--squad", str(squad_file), "--reader", "rules", "--answer-all"]) == 0
    assert "answering every question" in capsys.readouterr().out
    report = next((tmp_path / "reports").iterdir())
    assert json.loads((report / "summary.json").read_text(encoding="utf-8"))["abstains_below"] == 0.0
    rows = [json.loads(line) for line in (report / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(row["confidence"] == 0.0 for row in rows if row["abstained"])  # no candidate at all
