"""Scoring the follow-up conversations: each turn asked with the turns before it as history."""

import json

import pytest

from eval.followups import misses, run_conversations, summarise_conversations

TEXT = "Năm 2022, Bắc Ninh xếp thứ 7; Quảng Ninh xếp thứ 3."
CONVERSATION = {"id": "c001", "turns": [
    {"question": "Quảng Ninh xếp thứ mấy năm 2022?", "answers": ["thứ 3"], "doc_id": "d", "evidence": TEXT,
     "kind": "figure", "followup": False},
    {"question": "còn Bắc Ninh thì sao?", "answers": ["thứ 7"], "doc_id": "d", "evidence": TEXT,
     "kind": "figure", "followup": True},
]}


def fake_ask(answers):
    """Answers in turn, recording the history each question came with."""
    seen = []

    def ask(question, history):
        seen.append(history)
        answer, resolved = answers[len(seen) - 1]
        start = TEXT.index(answer)
        return {"answer": answer, "resolved_question": resolved, "passages": [{"text": TEXT}],
                "citations": [{"doc_id": "d", "start": 0, "end": len(TEXT), "quote": TEXT}],
                "answer_start": start, "answer_end": start + len(answer)}
    return ask, seen


def test_each_turn_is_sent_with_the_turns_before_it():
    ask, seen = fake_ask([("thứ 3", "Quảng Ninh xếp thứ mấy năm 2022?"), ("thứ 7", "Bắc Ninh xếp thứ mấy năm 2022?")])
    rows = run_conversations(ask, [CONVERSATION], lambda doc_id: TEXT)
    assert seen == [[], [{"question": "Quảng Ninh xếp thứ mấy năm 2022?",
                          "resolved_question": "Quảng Ninh xếp thứ mấy năm 2022?", "answer": "thứ 3"}]]
    assert [row["correct"] for row in rows] == [True, True]
    summary = summarise_conversations(rows)
    assert summary["followup_accuracy"] == 1.0 and summary["standalone_rewritten"] == 0
    assert summary["conversations"] == 1 and summary["followups_rewritten"] == 1.0
    assert misses(rows) == []


def test_a_rewritten_stand_alone_turn_and_a_wrong_follow_up_are_reported():
    ask, _ = fake_ask([("thứ 3", "Quảng Ninh xếp thứ mấy?"), ("thứ 3", "Quảng Ninh xếp thứ mấy?")])
    rows = run_conversations(ask, [CONVERSATION], lambda doc_id: TEXT)
    summary = summarise_conversations(rows)
    assert summary["standalone_rewritten"] == 1 and summary["followup_accuracy"] == 0.0
    assert len(misses(rows)) == 2


SMALL_CONVERSATION = {"id": "c001", "turns": [
    {"question": "Quảng Ninh cung cấp bao nhiêu dịch vụ công trực tuyến?", "answers": ["1.000"], "doc_id": "qn-dvc",
     "evidence": "Quảng Ninh cung cấp 1.000 dịch vụ công trực tuyến", "kind": "figure", "followup": False},
    {"question": "còn Bắc Ninh xếp thứ mấy về DTI?", "answers": ["6/63"], "doc_id": "bn",
     "evidence": "Bắc Ninh xếp thứ 6/63", "kind": "figure", "followup": True},
]}


@pytest.mark.parametrize("over_http", [False, True])
def test_qa_eval_followups_in_process_and_over_http(fake_index, tmp_path, monkeypatch, capsys, over_http):
    import qa.service
    from index.embedder import HashingEmbedder
    from qa.cli import main
    from tests.conftest import fake_app_client, free_port, serve_in_thread

    path = tmp_path / "followups.jsonl"
    path.write_text(json.dumps(SMALL_CONVERSATION, ensure_ascii=False) + "\n", encoding="utf-8")
    arguments = ["eval", "--followups", str(path), "--reader", "rules"]
    if over_http:
        port = free_port()
        stop = serve_in_thread(fake_app_client(fake_index).app, port)
        arguments += ["--url", f"http://127.0.0.1:{port}"]
    else:
        monkeypatch.setenv("QA_INDEX_DIR", str(fake_index.path))
        monkeypatch.setenv("QA_EMBED_MODEL", "hashing-fake")
        monkeypatch.setattr(qa.service, "SentenceEmbedder", lambda *args, **kwargs: HashingEmbedder())
        stop = None
    try:
        assert main(arguments) == 0
    finally:
        if stop:
            stop()
    printed = capsys.readouterr().out
    summary = json.loads(printed[printed.index("{"):])
    assert summary["followup_accuracy"] == 1.0 and summary["standalone_rewritten"] == 0
