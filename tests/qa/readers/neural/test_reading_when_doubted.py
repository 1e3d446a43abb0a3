"""The neural reader reads on, past its top passage, only while it doubts its best span; a
scripted engine stands in for the model (the shipped one is read in test_shipped_reader.py)."""

import numpy as np
import pytest

from index.chunking import Passage
from qa.question import analyse_question
from qa.readers.base import Evidence, EvidencePassage
from qa.readers.neural.budget import ReadingBudget
from qa.readers.neural.calibration import Calibration
from qa.readers.neural.reader import NeuralReader
from qa.readers.neural.reading import Reading

TOP = "Năm 2022, Quảng Ninh tiếp tục dẫn đầu cả nước về Chỉ số chuyển đổi số cấp tỉnh."
NEXT = ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 99,8%. Tổ công nghệ số cộng đồng đẩy mạnh tuyên truyền, "
        "hướng dẫn người dân sử dụng dịch vụ công.")
LAST = "Toàn tỉnh có hơn 3,4 triệu tài khoản định danh điện tử."


def passage_item(doc_id: str, text: str, cosines: tuple[float, ...]) -> EvidencePassage:
    sentences, start = [], 0
    for piece in text.split(". "):
        end = min(len(text), start + len(piece) + 1)
        sentences.append((start, end))
        start = end + 1
    passage = Passage(id=f"{doc_id}-0", doc_id=doc_id, start=0, end=len(text), text=text, sentences=tuple(sentences))
    return EvidencePassage(passage, 1.0, text, cosines, tuple(1.0 for _ in sentences))


EVIDENCE = Evidence((passage_item("qn", TOP, (0.9,)), passage_item("bn", NEXT, (0.2, 0.8)),
                     passage_item("hn", LAST, (0.5,))), np.zeros(4, dtype=np.float32), lambda word: 1, 10)


class ScriptedEngine:
    """Answers each context with the margin given for it (calibrated with slope 1, bias 0, a
    margin of 2 is believed: p 0.88, one of -2 doubted: p 0.12); records what it read."""

    def __init__(self, margins: dict[str, float]):
        self.margins, self.read_contexts = margins, []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def read(self, question: str, contexts: list[str]) -> list[list[Reading]]:
        self.read_contexts += contexts
        return [[Reading(context.split(",")[0], 0, len(context.split(",")[0]), self.margin(context), 0.0)]
                for context in contexts]

    def margin(self, context: str) -> float:
        return next(value for start, value in self.margins.items() if context.startswith(start))


def reader(engine: ScriptedEngine, budget: ReadingBudget) -> NeuralReader:
    return NeuralReader(engine, budget, calibration=Calibration(1.0, 0.0), believed_at=0.5)


QUESTION = analyse_question("Tổ công nghệ số cộng đồng làm nhiệm vụ gì?")


def test_a_believed_top_passage_is_all_that_is_read():
    engine = ScriptedEngine({TOP[:10]: 2.0, "Tổ": 3.0})
    found = reader(engine, ReadingBudget(passages_when_doubted=2)).read(QUESTION, EVIDENCE)
    assert engine.read_contexts == [TOP]
    assert [c.text for c in found] == ["Năm 2022"]


def test_a_doubted_reader_reads_the_closest_sentences_of_the_next_passage():
    engine = ScriptedEngine({TOP[:10]: -2.0, "Tổ": 3.0, "Tỷ": -1.0})
    found = reader(engine, ReadingBudget(passages_when_doubted=2, tokens_when_doubted=20)).read(QUESTION, EVIDENCE)
    second = "Tổ công nghệ số cộng đồng đẩy mạnh tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công."
    assert engine.read_contexts == [TOP, second], "its sentence closest to the question, within 20 tokens; then belief"
    best = found[0]
    assert best.text == "Tổ công nghệ số cộng đồng đẩy mạnh tuyên truyền" and best.doc_id == "bn"
    assert NEXT[best.start:best.end] == best.text, "offsets are the document's, not the piece's"


def test_reading_on_stops_at_the_passages_allowed():
    engine = ScriptedEngine({TOP[:10]: -2.0, "Tổ": -3.0, "Tỷ": -3.0, "Toàn": 3.0})
    reader(engine, ReadingBudget(passages_when_doubted=1)).read(QUESTION, EVIDENCE)
    assert len(engine.read_contexts) == 2, "the third passage is not read"
    engine = ScriptedEngine({TOP[:10]: -2.0, "Tỷ": -3.0, "Toàn": 3.0})
    reader(engine, ReadingBudget()).read(QUESTION, EVIDENCE)
    assert engine.read_contexts == [TOP], "off by default"


@pytest.mark.parametrize("budget", [dict(passages=0), dict(passages_when_doubted=-1), dict(tokens=0),
                                    dict(tokens_when_doubted=4)])
def test_a_budget_that_reads_nothing_sensible_is_refused(budget):
    with pytest.raises(ValueError):
        ReadingBudget(**budget)
