"""The hybrid reader's choices between the neural span and the rules' typed candidates, on
sentences of the seed articles."""

import numpy as np

from index.chunking import Passage
from qa.readers.base import AnswerCandidate, Evidence, EvidencePassage
from qa.readers.hybrid import combine, typed_inside

SENTENCE = ("Đến nay, sau hơn 2 năm triển khai, đã có 16/20 mục tiêu hoàn thành, đạt 80%; "
            "4/20 mục tiêu đang trong lộ trình triển khai thực hiện đến hết năm 2025, chiếm 20%.")
RESOLUTION = ("ngày 5/2/2022, Ban Thường vụ Tỉnh ủy đã ban hành Nghị quyết số 09-NQ/TU về chuyển đổi số "
              "toàn diện tỉnh Quảng Ninh đến năm 2025, định hướng đến năm 2030.")


def evidence(text: str) -> Evidence:
    passage = Passage(id="qn-0", doc_id="qn", start=0, end=len(text), text=text, sentences=((0, len(text)),))
    item = EvidencePassage(passage, 1.0, text, (0.5,), (1.0,))
    return Evidence((item,), np.zeros(4, dtype=np.float32), lambda word: 1, 10)


def candidate(text: str, within: str, score: float, answer_type: str = "text", reader: str = "neural",
              occurrence: int = 0) -> AnswerCandidate:
    start = within.index(text)
    for _ in range(occurrence):
        start = within.index(text, start + 1)
    return AnswerCandidate("qn", "qn-0", start, start + len(text), text, answer_type, score, reader)


def typed(evidence_: Evidence):
    return lambda c, wanted: typed_inside(c, evidence_, wanted)


def test_a_figure_question_takes_the_typed_span_inside_the_neural_span():
    found = evidence(SENTENCE)
    neural = [candidate("4/20", SENTENCE, 0.8)]  # the unit is outside the neural span
    chosen = combine("number", lambda: neural, lambda: [], typed(found), 0.5)
    assert [c.text for c in chosen] == ["4/20 mục tiêu"] and chosen[0].score == 0.8


def test_a_figure_question_keeps_the_rules_answer_when_they_are_sure_of_it_without_reading():
    found = evidence(SENTENCE)
    rules = [candidate("4/20 mục tiêu", SENTENCE, 0.7, "number", "rules")]

    def unread():
        raise AssertionError("the neural reader need not read")
    assert combine("number", unread, lambda: rules, typed(found), 0.5) == rules


def test_a_figure_question_is_never_answered_by_a_phrase():
    found = evidence(RESOLUTION)
    neural = [candidate("Ban Thường vụ Tỉnh ủy", RESOLUTION, 0.9)]
    assert combine("number", lambda: neural, lambda: [], typed(found), 0.5) == []


def test_a_date_question_takes_the_date_the_neural_reader_points_at():
    found = evidence(RESOLUTION)
    neural = [candidate("5/2/2022", RESOLUTION, 0.7)]
    chosen = combine("date", lambda: neural, lambda: [], typed(found), 0.5)
    assert [c.answer_type for c in chosen] == ["date"] and "5/2/2022" in chosen[0].text


def test_a_description_takes_the_believed_neural_span_without_reading_the_rules():
    found = evidence(RESOLUTION)
    neural = [candidate("chuyển đổi số toàn diện tỉnh Quảng Ninh", RESOLUTION, 0.75)]

    def unread():
        raise AssertionError("the rules need not read")
    assert combine("text", lambda: neural, unread, typed(found), 0.5) == neural[:1]


def test_an_unbelieved_neural_span_leaves_the_answer_to_the_rules():
    found = evidence(RESOLUTION)
    neural = [candidate("chuyển đổi số", RESOLUTION, 0.2)]
    rules = [candidate("Ban Thường vụ Tỉnh ủy", RESOLUTION, 0.6, "entity", "rules")]
    assert combine("entity", lambda: neural, lambda: rules, typed(found), 0.5) == rules


def test_a_description_the_neural_reader_doubts_goes_unanswered_without_reading_the_rules():
    found = evidence(RESOLUTION)
    neural = [candidate("chuyển đổi số", RESOLUTION, 0.2)]

    def unread():
        raise AssertionError("the rules' clause is no answer to a description")
    assert combine("text", lambda: neural, unread, typed(found), 0.5) == []
