"""The real bundled model on the real corpus: does search find the passage holding the answer?"""

import pytest

from eval.gold import load_gold
from eval.retrieval import compare_modes
from qa.retrieval import PassageRetriever
from qa.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def retriever(real_index):
    index, embedder = real_index
    return PassageRetriever(index, embedder, dense_weight=Settings().dense_weight)


@pytest.fixture(scope="module")
def answerable():
    return [q for q in load_gold() if q.answerable]


def test_hybrid_ranks_the_answer_first_more_often_than_either_part(retriever, answerable):
    results = compare_modes(retriever, answerable)
    print(results)
    assert results["hybrid"]["recall@1"] > results["bm25"]["recall@1"]
    assert results["hybrid"]["recall@1"] > results["dense"]["recall@1"]
    assert results["hybrid"]["recall@5"] >= 0.95


@pytest.mark.parametrize("style", ["accented", "unaccented", "abbrev", "colloquial"])
def test_every_style_finds_its_passage_in_the_top_five(retriever, answerable, style):
    questions = [q for q in answerable if q.style == style]
    assert len(questions) >= 20
    assert compare_modes(retriever, questions, modes=("hybrid",))["hybrid"]["recall@5"] >= 0.9


@pytest.mark.parametrize("question, figure", [
    ("Tỷ lệ phủ sóng 4G ở Quảng Ninh đạt bao nhiêu?", "99,8%"),
    ("ty le phu song 4G o Quang Ninh dat bao nhieu", "99,8%"),
    ("Quảng Ninh có bao nhiêu tài khoản thanh toán cá nhân?", "3,4 triệu"),
    ("quang ninh co bao nhieu tai khoan thanh toan ca nhan", "3,4 triệu"),
    ("Nghị quyết 09-NQ/TU có bao nhiêu mục tiêu đã hoàn thành?", "16/20"),
    ("nghi quyet 09-NQ/TU co bao nhieu muc tieu da hoan thanh", "16/20"),
])
def test_accented_and_unaccented_questions_find_the_same_figure(retriever, question, figure):
    top = retriever.search(question, k=3)
    assert any(figure in hit.passage.text for hit in top)
