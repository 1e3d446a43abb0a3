"""The shipped int8 reader, loaded from the repository and checked, answering through the real
pipeline over the seed corpus (slow: real models)."""

import pytest

from qa.answering import QuestionAnswerer
from qa.readers.factory import make_reader, neural_engine
from qa.readers.neural.bundle import BUNDLED_READER_DIR
from qa.retrieval import PassageRetriever

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine():
    return neural_engine("hybrid", BUNDLED_READER_DIR)


@pytest.fixture(scope="module")
def ask(real_index, engine):
    index, embedder = real_index
    answerers = {kind: QuestionAnswerer(PassageRetriever(index, embedder), make_reader(kind, index.passages, engine))
                 for kind in ("hybrid", "neural")}

    def answer(question: str, reader: str = "hybrid"):
        result = answerers[reader].ask(question)
        for citation in result.citations:  # the citation contract holds for every reader
            assert index.documents[citation.doc_id].text[citation.start:citation.end] == citation.quote
            assert result.answer in citation.quote
        return result
    return answer


def test_the_bundle_loads_checked(engine):
    assert engine.manifest["vocabulary"]["kept"] < 60_000 and set(engine.manifest["files"]) == {
        "reader.onnx", "tokenizer.json"}


@pytest.mark.parametrize("reader", ["hybrid", "neural"])
@pytest.mark.parametrize("question", ["Tổ công nghệ số cộng đồng làm nhiệm vụ gì?",
                                      "to cong nghe so cong dong lam nhiem vu gi"])  # read with the corpus's marks
def test_a_description_question(ask, reader, question):
    result = ask(question, reader)
    assert "tuyên truyền" in result.answer


def test_an_entity_question(ask):
    result = ask("Cục Kiểm soát Thủ tục hành chính, nơi ông Ngô Hải Phan làm Cục trưởng, thuộc cơ quan nào?")
    assert result.answer == "Văn phòng Chính phủ"


def test_a_figure_question(ask):
    assert ask("Tỷ lệ phủ sóng 4G của Quảng Ninh là bao nhiêu?").answer == "99,8%"


def test_an_off_topic_question_abstains(ask):
    result = ask("Giá vàng SJC hôm nay bao nhiêu một lượng?")
    assert result.answer is None and result.citations == []


@pytest.mark.parametrize("question", ["Dân số của Pháp là bao nhiêu?", "bac ninh co bao nhieu to cong nghe so cong dong"])
def test_a_figure_about_what_the_corpus_never_names_abstains(ask, question):
    # the rules find a sure-looking percentage in each; the anchors (a name, a counted unit) veto it
    assert ask(question).answer is None
