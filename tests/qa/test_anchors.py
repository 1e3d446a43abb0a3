"""What the question pins down, checked against an answer's context, for any reader."""

import pytest

from qa.anchors import (CONTEXT_CHARS, about_named_provinces, anchor_factor, anchored_confidence, context_before,
                        holds_role)
from qa.question import analyse_question

PLAN = "Nghị quyết số 09-NQ/TU ngày 5/2/2022 đặt 27 mục tiêu, 51 nhiệm vụ."


def factor(question: str, sentence: str, passage: str | None = None, before: str = "") -> float:
    return anchor_factor(analyse_question(question), sentence, passage or sentence, before)


def test_a_passage_answers_for_the_provinces_its_document_is_about_or_it_names():
    metadata = {"province": "Quảng Ninh", "provinces": ["Quảng Ninh"]}
    assert about_named_provinces("Tỷ lệ phủ sóng 4G đạt 99,8%.", metadata, ("Quảng Ninh",))
    assert not about_named_provinces("Tỷ lệ phủ sóng 4G đạt 99,8%.", metadata, ("Bắc Ninh",))
    assert about_named_provinces("Bac Ninh đạt 99%.", metadata, ("Bắc Ninh",))  # named, even unaccented
    assert about_named_provinces("Tỷ lệ đạt 99%.", metadata, ())


def test_everything_named_is_a_factor_of_one():
    assert factor("Nghị quyết 09-NQ/TU năm 2022 đặt bao nhiêu mục tiêu?", PLAN) == 1.0


def test_a_year_the_context_lacks_costs_more_than_a_code_named_only_nearby():
    assert factor("Năm 2019 nghị quyết đặt bao nhiêu mục tiêu?", PLAN) == pytest.approx(0.4)
    assert factor("Năm 2019 nghị quyết đặt bao nhiêu mục tiêu?", PLAN, before="Năm 2019, ") == 1.0
    question = "Nghị quyết 09-NQ/TU đặt bao nhiêu mục tiêu?"
    assert factor(question, "Nghị quyết đặt 27 mục tiêu.", passage=PLAN) == pytest.approx(0.75)
    assert factor(question, "Nghị quyết đặt 27 mục tiêu.") == pytest.approx(0.4)


def test_a_period_the_question_names_must_be_in_the_passage():
    question = "Trong 9 tháng năm 2023, tỷ lệ sử dụng là bao nhiêu?"
    assert factor(question, "Năm 2023, tỷ lệ sử dụng đạt 38,95%.") == pytest.approx(0.4)
    assert factor(question, "Trong 9 tháng năm 2023, tỷ lệ sử dụng đạt 38,95%.") == 1.0


def test_a_role_and_an_index_must_be_the_ones_asked_about():
    deputy = "Đồng chí Cao Tường Huy, Phó Chủ tịch UBND tỉnh phát biểu."
    assert factor("Chủ tịch UBND tỉnh là ai?", deputy) == pytest.approx(0.4)
    assert holds_role("Chủ tịch UBND tỉnh Cao Tường Huy", ("chu", "tich"), ("uy", "ban"))
    assert factor("Bắc Ninh xếp thứ mấy về PCI?", "Bắc Ninh xếp thứ 7 về DTI.") == pytest.approx(0.6)


def test_the_context_before_a_passage_and_the_confidence_it_gives():
    assert context_before("x" * 1000 + "passage", 1000) == "x" * CONTEXT_CHARS
    assert anchored_confidence(0.9, 0.4) == 0.36
    assert anchored_confidence(1.7, 1.0) == 1.0


def test_a_name_the_context_never_writes_with_a_capital_is_missing():
    question = "Dân số của Pháp là bao nhiêu?"
    assert analyse_question(question).names == ("Phap",)
    assert factor(question, "Đến nay có 34,5% hộ kinh doanh cá thể dùng giải pháp số.") == pytest.approx(0.4)
    assert factor(question, "Dân số của Pháp là 68 triệu người.") == 1.0
    assert factor("dan so cua Phap la bao nhieu", "Dân số của Pháp là 68 triệu người.") == 1.0


def test_provinces_acronyms_and_the_first_word_are_not_names():
    assert analyse_question("Năm 2022 Quảng Ninh xếp thứ mấy về DTI?").names == ()
    assert analyse_question("Chủ tịch UBND tỉnh Bắc Ninh là ai?").names == ()


def test_a_count_is_answered_by_a_sentence_naming_what_it_counts():
    question = "Bắc Ninh có bao nhiêu tổ công nghệ số cộng đồng?"
    assert factor(question, "100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng.") == pytest.approx(0.4)
    assert factor(question, "Bắc Ninh có 1.473 Tổ công nghệ số cộng đồng.") == 1.0
    # a unit written as a symbol, and an abbreviation the question uses for it
    assert factor("Tỷ lệ phủ sóng 4G là bao nhiêu phần trăm?", "Phủ sóng 4G đạt 99,8%.") == 1.0
    assert factor("Có bao nhiêu TTHC được cung cấp toàn trình?", "Có 628 thủ tục hành chính toàn trình.") == 1.0


def test_an_upper_case_bn_is_bac_ninh_not_texting_for_bao_nhieu():
    assert analyse_question("Tỷ trọng KTS ở BN phải đạt tối thiểu bao nhiêu?").asked_units == ()
    assert analyse_question("co bn to cong nghe so").asked_units == (("to", "cong", "nghe"),)


def test_a_title_partly_named_in_the_context_is_not_missing():
    question = "Ai làm Chủ tịch Hội đồng thẩm định Đề án Chính quyền số?"
    assert factor(question, "Ông A, Chủ tịch Hội đồng thẩm định, phát biểu.") == 1.0


def test_names_are_looked_for_in_the_whole_document_headings_in_capitals_too():
    question = "Kinh phí thực hiện Kế hoạch của huyện Bảo Thắng là bao nhiêu?"
    sentence = "Kinh phí thực hiện Kế hoạch là 2,5 tỷ đồng."
    assert factor(question, sentence) == pytest.approx(0.4)
    document = "ỦY BAN NHÂN DÂN\nHUYỆN BẢO THẮNG\nKẾ HOẠCH\n" + sentence
    assert anchor_factor(analyse_question(question), sentence, sentence, "", document) == 1.0
