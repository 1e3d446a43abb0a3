from index.vietnamese.marks import learn_marks, restore_marks, syllable_runs
from index.vietnamese.text import fold_diacritics

# Sentences of the seed corpus: "so" is "số" in "chuyển đổi số" and "Sở" in "Sở Thông tin".
CORPUS = [
    "Ngày 5/2/2022, Ban Thường vụ Tỉnh ủy đã ban hành Nghị quyết số 09-NQ/TU về chuyển đổi số.",
    "Sở Thông tin và Truyền thông là cơ quan thường trực về chuyển đổi số của tỉnh.",
    "Tổ công nghệ số cộng đồng hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
    "Quảng Ninh có trên 6.100 trạm phát sóng, phủ sóng 4G đạt 99,8% dân số.",
    "Năm 2022, Quảng Ninh xếp thứ 3/63 tỉnh, thành phố về chỉ số chuyển đổi số cấp tỉnh (DTI).",
]
MODEL = learn_marks(CORPUS)


def test_a_question_typed_without_marks_is_read_with_those_of_the_corpus():
    assert restore_marks(MODEL, "To cong nghe so cong dong lam gi?") == "Tổ công nghệ số cộng đồng làm gì?"
    assert restore_marks(MODEL, "dan so quang ninh la bao nhieu") == "dân số quảng ninh là bao nhiêu"


def test_the_words_around_a_syllable_choose_its_marks():
    assert restore_marks(MODEL, "chuyen doi so") == "chuyển đổi số"
    assert restore_marks(MODEL, "so thong tin va truyen thong") == "sở thông tin và truyền thông"


def test_question_words_are_known_though_the_corpus_asks_nothing():
    assert restore_marks(MODEL, "o dau, khi nao, vi sao, nhu the nao") == "ở đâu, khi nào, vì sao, như thế nào"


def test_case_abbreviations_figures_codes_and_unknown_words_stay_as_typed():
    typed = "QN xep thu may ve DTI? Nghi quyet 09-NQ/TU, 99,8% va Xyz qua VNeID, iPhone"
    assert restore_marks(MODEL, typed) == "QN xếp thứ mấy về DTI? Nghị quyết 09-NQ/TU, 99,8% và Xyz qua VNeID, iPhone"


def test_marks_already_typed_are_kept_and_only_marks_are_added():
    assert restore_marks(MODEL, "Tổ cong nghe số") == "Tổ công nghệ số"
    for typed in ("dan so quang ninh la bao nhieu", "So TT&TT tinh Quang Ninh (QN)"):
        assert fold_diacritics(restore_marks(MODEL, typed)) == typed


def test_punctuation_ends_a_run_of_syllables():
    assert syllable_runs("chuyển đổi số, cấp tỉnh (DTI) 2022 năm") == [
        ["chuyển", "đổi", "số"], ["cấp", "tỉnh"], ["DTI"], ["năm"]]


def test_an_empty_corpus_still_knows_the_question_words():
    assert restore_marks(learn_marks([]), "la bao nhieu") == "là bao nhiêu"
    assert restore_marks(learn_marks([]), "") == ""
