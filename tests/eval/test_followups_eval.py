"""Scoring the follow-up conversations: each turn asked with the turns before it as history."""

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
