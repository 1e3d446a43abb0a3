"""Every gold question through the real pipeline: citations verify, answers hold up."""

import re

import pytest

from eval.gold import load_gold
from eval.run import run_gold, summarise
from qa.answering import QuestionAnswerer
from qa.retrieval import PassageRetriever
from qa.settings import Settings

pytestmark = pytest.mark.slow
FIGURE = re.compile(r"\d+(?:[.,/-]\d+)*%?")


@pytest.fixture(scope="module")
def answered(real_index):
    index, embedder = real_index
    settings = Settings()
    answerer = QuestionAnswerer(PassageRetriever(index, embedder, dense_weight=settings.dense_weight),
                                min_confidence=settings.min_confidence)
    responses = {}

    def ask(question):
        responses[question] = answerer.ask(question).to_json()
        return responses[question]

    rows = run_gold(ask, load_gold(), lambda doc_id: index.documents[doc_id].text)
    return index, rows, responses


def test_every_citation_is_the_document_text_at_its_offsets(answered):
    index, _, responses = answered
    for question, response in responses.items():
        for citation in response["citations"]:
            assert index.documents[citation["doc_id"]].text[citation["start"]:citation["end"]] == citation["quote"], question


def test_every_answer_and_its_figures_appear_verbatim_in_the_first_quote(answered):
    _, _, responses = answered
    for question, response in responses.items():
        if response["answer"] is None:
            assert response["citations"] == [] and response["answer_type"] == "none"
            continue
        quote = response["citations"][0]["quote"]
        assert response["answer"] in quote, question
        assert all(figure in quote for figure in FIGURE.findall(response["answer"])), question
        assert len(response["answer"].split()) <= 15, question


def test_accuracy_and_abstention_on_the_gold_set(answered):
    _, rows, _ = answered
    summary = summarise(rows)
    print({key: round(value, 3) for key, value in summary.items() if isinstance(value, float)})
    # Floors a little under the figures the README reports: a regression fails here.
    assert summary["accuracy"] >= 0.75
    assert summary["accuracy_style_unaccented"] >= 0.8
    assert summary["abstention_recall"] >= 0.75
    assert summary["false_abstention"] <= 0.10
    assert summary["citation_valid"] == 1.0


@pytest.mark.parametrize("question", ["Quảng Ninh có bao nhiêu trạm 5G?", "Hà Nội xếp thứ mấy về DTI?",
                                      "Giá vàng hôm nay?"])
def test_the_issues_unanswerable_examples_abstain(real_index, question):
    index, embedder = real_index
    answerer = QuestionAnswerer(PassageRetriever(index, embedder, dense_weight=Settings().dense_weight),
                                min_confidence=Settings().min_confidence)
    assert answerer.ask(question).answer is None


@pytest.mark.parametrize("question, figure", [
    ("ty le phu song 4G cua Quang Ninh la bao nhieu", "99,8%"),
    ("Bắc Ninh xếp thứ mấy về DTI năm 2022?", "thứ 7"),
    ("QN xếp thứ mấy về chuyển đổi số năm 2022?", "3/63"),
    ("Toàn tỉnh Quảng Ninh có bao nhiêu tài khoản thanh toán cá nhân?", "3,4 triệu"),
])
def test_answers_with_and_without_diacritics_and_abbreviations(real_index, question, figure):
    index, embedder = real_index
    answerer = QuestionAnswerer(PassageRetriever(index, embedder, dense_weight=Settings().dense_weight),
                                min_confidence=Settings().min_confidence)
    assert figure in (answerer.ask(question).answer or "")
