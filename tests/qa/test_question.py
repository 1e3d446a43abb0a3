import pytest

from index.vietnamese.abbreviations import expand_question, expansions
from index.vietnamese.marks import learn_marks
from qa.question import analyse_question


@pytest.mark.parametrize("question, provinces", [
    ("QN xếp thứ mấy về DTI năm 2022?", ("Quảng Ninh",)),
    ("Bac Ninh xep thu may ve chi so DTI?", ("Bắc Ninh",)),
    ("Năm 2022, Bắc Ninh xếp thứ mấy về chỉ số chuyển đổi số cấp tỉnh DTI?", ("Bắc Ninh",)),
    ("Hà Nội xếp thứ mấy về DTI?", ("Hà Nội",)),
    ("Giá vàng hôm nay?", ()),
])
def test_named_provinces_with_abbreviations_and_without_diacritics(question, provinces):
    assert analyse_question(question).provinces == provinces


@pytest.mark.parametrize("question, years", [
    ("Năm 2022, Bắc Ninh xếp thứ mấy?", ("2022",)),
    ("Nghị quyết của Chính phủ ngày 7/3/2019 có số hiệu là gì?", ("2019",)),
    ("Bắc Ninh có 60.000 tài khoản?", ()),
])
def test_years_named_by_the_question(question, years):
    assert analyse_question(question).years == years


def test_keywords_leave_out_question_words_and_keep_accents_when_typed():
    accented = analyse_question("Tỷ lệ phủ sóng 4G của Quảng Ninh là bao nhiêu?")
    assert "phủ" in accented.keywords and "4g" in accented.keywords
    assert not {"bao", "nhiêu", "là", "của"} & set(accented.keywords)
    unaccented = analyse_question("ty le phu song 4G cua Quang Ninh la bao nhieu")
    assert unaccented.fold and "phu" in unaccented.keywords and "nhieu" not in unaccented.keywords


def test_a_question_typed_without_marks_is_read_with_the_corpus_marks_but_matched_folded():
    marks = learn_marks(["Tổ công nghệ số cộng đồng hướng dẫn người dân sử dụng dịch vụ công trực tuyến."])
    typed = "To cong nghe so cong dong o QN lam nhiem vu gi?"
    restored, plain = analyse_question(typed, marks), analyse_question(typed)
    assert restored.expanded.startswith("Tổ công nghệ số cộng đồng ở QN làm nhiệm vụ gì?")
    assert plain.expanded.startswith(typed)
    assert restored.fold and restored.keywords == plain.keywords
    assert restored.lexical_tokens == plain.lexical_tokens and restored.expected == plain.expected
    accented = "Tổ công nghệ số cộng đồng làm nhiệm vụ gì?"
    assert analyse_question(accented, marks) == analyse_question(accented)


def test_abbreviations_count_as_the_words_they_stand_for():
    keywords = analyse_question("QN có bao nhiêu TTHC?").keywords
    assert {"quảng", "ninh", "thủ", "tục", "hành", "chính"} <= set(keywords)
    assert not {"qn", "tthc"} & set(keywords)


def test_a_capitalised_word_of_an_unaccented_question_is_a_name_not_a_particle():
    # folded, "ha" is also the particle "hả"; capitalised mid-sentence it is part of "Quảng Hà"
    assert "ha" in analyse_question("Thi tran Quang Ha thuoc huyen nao?").keywords
    assert "ha" not in analyse_question("thi tran nay thuoc huyen nao ha?").keywords


@pytest.mark.parametrize("question, units", [
    ("Kế hoạch đề ra bao nhiêu chỉ tiêu, nhiệm vụ?", (("chi", "tieu"), ("nhiem", "vu"))),
    ("To cong nghe so co tong cong bao nhieu thanh vien?", (("thanh", "vien"),)),
    ("Quảng Ninh đứng thứ mấy toàn quốc?", ()),
    ("dvc mức độ 3 có bao nhiêu cái", ()),
])
def test_asked_units_are_what_the_question_counts(question, units):
    assert analyse_question(question).asked_units == units


@pytest.mark.parametrize("question, slot", [
    ("Chương trình chuyển đổi số quốc gia gồm những trụ cột nào?", ("tru", "cot")),
    ("TT Điều hành của QN đặt ở đâu?", ("dat", "o")),
    ("Giá vàng hôm nay?", ()),
])
def test_slot_words_are_what_the_wh_word_hangs_on(question, slot):
    assert analyse_question(question).slot_words == slot


def test_anchors_are_codes_and_dates_the_question_names():
    assert analyse_question("Quyết định số 1575/QĐ-UBND thành lập hội đồng nào?").anchors == ("1575/qd-ubnd",)
    # a period's months: "9 tháng năm 2023" is not answered by a figure for the whole year
    assert analyse_question("Trong 9 tháng năm 2023, tỷ lệ sử dụng là bao nhiêu?").anchors == ("9",)
    assert analyse_question("6 thang dau nam 2023 Quang Ninh hoan thanh bao nhieu chi tieu?").anchors == ("6",)
    assert analyse_question("Năm 2023 có bao nhiêu hồ sơ, tháng 9 bao nhiêu?").anchors == ()


@pytest.mark.parametrize("question, added", [
    ("QN có bao nhiêu TTHC?", ["Quảng Ninh", "thủ tục hành chính"]),
    ("ty le dvc truc tuyen", ["dịch vụ công"]),
    ("CDS o BN", ["chuyển đổi số", "Bắc Ninh"]),
    ("thủ tục hành chính được giải quyết", ["TTHC"]),
    ("là bn", []),  # lower-case "bn" is "bao nhiêu", not Bắc Ninh
])
def test_abbreviations_expand_both_ways(question, added):
    assert expansions(question) == added


def test_expanded_question_keeps_the_original_text():
    assert expand_question("Bộ TT&TT ký với tỉnh") == "Bộ TT&TT ký với tỉnh (Thông tin và Truyền thông)"


@pytest.mark.parametrize("question, role", [
    ("Chủ tịch UBND tỉnh Quảng Ninh hiện nay là ai?", (("chu", "tich"), ("uy", "ban"))),
    ("Ai là Phó Cục trưởng Cục An toàn thông tin?", (("pho", "cuc", "truong"), ("cuc", "an"))),
    ("Thủ tướng là ai?", (("thu", "tuong"), ())),
    ("Quảng Ninh có bao nhiêu xã?", None),
])
def test_asked_role_is_the_title_a_person_question_names(question, role):
    assert analyse_question(question).asked_role == role
