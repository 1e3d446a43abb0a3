"""What the neural reader reads within its token budget, on sentences of the seed articles."""

from index.chunking import Passage
from qa.readers.base import EvidencePassage
from qa.readers.neural.budget import pieces_to_read, sentence_run

SENTENCES = [
    "Năm 2022, Quảng Ninh tiếp tục dẫn đầu cả nước về Chỉ số chuyển đổi số cấp tỉnh.",
    "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 99,8%.",
    "Tổ công nghệ số cộng đồng đẩy mạnh tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công.",
    "Toàn tỉnh có hơn 3,4 triệu tài khoản định danh điện tử.",
]


def words(text: str) -> int:
    """A stand-in tokenizer: one token a word."""
    return len(text.split())


def evidence_passage(doc_id: str, sentences: list[str], cosines: list[float]) -> EvidencePassage:
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 1
    passage = Passage(id=f"{doc_id}-0", doc_id=doc_id, start=0, end=len(text), text=text, sentences=tuple(spans))
    return EvidencePassage(passage, 1.0, text, tuple(cosines), tuple(1.0 for _ in sentences))


def test_the_run_grows_from_the_closest_sentence_towards_its_closer_neighbour():
    assert sentence_run([10, 10, 10, 10], [0.1, 0.5, 0.9, 0.6], budget=20) == (2, 3)
    assert sentence_run([10, 10, 10, 10], [0.1, 0.7, 0.9, 0.6], budget=20) == (1, 2)
    assert sentence_run([10, 10, 10, 10], [0.1, 0.7, 0.9, 0.6], budget=35) == (1, 3)


def test_a_sentence_longer_than_the_budget_is_read_alone():
    assert sentence_run([5, 50, 5], [0.2, 0.9, 0.3], budget=20) == (1, 1)


def test_without_a_budget_every_passage_is_read_whole():
    items = [evidence_passage("qn", SENTENCES, [0.1, 0.2, 0.3, 0.4]), evidence_passage("bn", SENTENCES[:2], [0.5, 0.1])]
    pieces = pieces_to_read(items, None, words)
    assert [piece.text for piece in pieces] == [items[0].passage.text, items[1].passage.text]


def test_a_budget_reads_the_first_passage_whole_and_the_closest_sentences_of_the_next():
    first = evidence_passage("qn", SENTENCES[:2], [0.4, 0.3])
    second = evidence_passage("bn", SENTENCES, [0.1, 0.2, 0.9, 0.3])
    budget = words(first.passage.text) + words(SENTENCES[2]) + 2
    pieces = pieces_to_read([first, second], budget, words)
    assert pieces[0].text == first.passage.text
    assert pieces[1].text == SENTENCES[2], "the sentence closest to the question, at its document offsets"
    assert second.document_text[pieces[1].start:pieces[1].end] == SENTENCES[2]


def test_reading_stops_when_the_budget_is_spent():
    items = [evidence_passage(doc, SENTENCES, [0.1, 0.2, 0.3, 0.4]) for doc in ("a", "b", "c")]
    whole = words(items[0].passage.text)
    assert len(pieces_to_read(items, whole + 3, words)) == 1, "three tokens left are not worth a window"
