import unicodedata

import pytest

from index.vietnamese.text import (
    fold_diacritics,
    has_diacritics,
    normalize_for_matching,
    normalize_tone_placement,
    normalize_whitespace,
    to_nfc,
)

# Seed sentences with old-style tone placement ("hóa", "ủy", "khỏe", "thỏa") next to new ("hoá").
SEED_SENTENCES = [
    "Ngày 5/2/2022, Ban Thường vụ Tỉnh ủy đã ban hành Nghị quyết số 09-NQ/TU về chuyển đổi số.",
    "việc xây dựng hạ tầng số đã được cụ thể hóa thành các chỉ tiêu, nhiệm vụ trong từng năm",
    "Nguyễn Thành Phúc, Cục trưởng Cục Tin học hoá, Bộ Thông tin và Truyền thông;",
    "100% người dân được chăm sóc sức khỏe trên nền tảng y tế số.",
    "Tỉnh Quảng Ninh và Bộ TT&TT ký thỏa thuận hợp tác giữa hai bên (giai đoạn 2019-2020).",
    "đã tổ chức gần 200 hội nghị, hội thảo, tọa đàm, tập huấn về chuyển đổi số",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_to_nfc_composes_decomposed_text():
    assert to_nfc(nfd("Quảng Ninh tăng tốc chuyển đổi số")) == "Quảng Ninh tăng tốc chuyển đổi số"


def test_to_nfc_leaves_nfc_text_alone():
    assert to_nfc("Bắc Ninh đứng đầu cả nước") == "Bắc Ninh đứng đầu cả nước"


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("hòa", "hoà"),
        ("thủy", "thuỷ"),
        ("khỏe", "khoẻ"),
        ("lòa", "loà"),
        ("Hòa", "Hoà"),
        ("HÒA", "HOÀ"),
        ("hóa", "hoá"),
        ("Ủy ban", "Uỷ ban"),
        ("Tỉnh ủy", "Tỉnh uỷ"),
        ("thỏa thuận", "thoả thuận"),
        ("tọa đàm", "toạ đàm"),
        ("tùy", "tuỳ"),
        ("hủy", "huỷ"),
    ],
)
def test_tone_placement_folds_old_style_onto_new_style(old_style, new_style):
    assert normalize_tone_placement(old_style) == new_style
    assert normalize_tone_placement(new_style) == new_style


@pytest.mark.parametrize(
    "word",
    [
        "quả", "Quảng", "quý", "quỳnh", "quốc",  # "qu" is an onset
        "giữa", "giá", "giếng", "gì", "gìn",  # "gi" is an onset
        "người", "rượu", "thuế", "muốn", "tiếng", "truyền", "thuở", "xoắn", "xuân",  # marked vowel
        "hoàng", "toán", "huỳnh", "hoạch",  # a final consonant: last vowel
        "ngoài", "xoáy", "khuỷu",  # three vowels: the middle one
        "mùa", "mía", "túi", "mưa", "tài",  # other pairs: the first vowel
        "Nguyễn", "Bắc", "Hạ", "ý", "ở",
        "café", "VNeID", "TTg", "Paygov",  # not Vietnamese syllables: untouched
    ],
)
def test_tone_placement_keeps_syllables_with_one_valid_placement(word):
    assert normalize_tone_placement(word) == word


def test_tone_placement_preserves_case_and_other_characters():
    assert normalize_tone_placement(SEED_SENTENCES[0]) == SEED_SENTENCES[0].replace("ủy", "uỷ")
    assert normalize_tone_placement(SEED_SENTENCES[4]) == SEED_SENTENCES[4].replace("ỏa", "oả")


@pytest.mark.parametrize("sentence", SEED_SENTENCES)
def test_tone_placement_is_idempotent(sentence):
    once = normalize_tone_placement(sentence)
    assert normalize_tone_placement(once) == once


def test_tone_placement_accepts_nfd_and_returns_nfc():
    result = normalize_tone_placement(nfd("Hòa Bình, sức khỏe"))
    assert result == "Hoà Bình, sức khoẻ"
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quảng Ninh", "Quang Ninh"),
        ("chuyển đổi số", "chuyen doi so"),
        ("Đảng bộ tỉnh Bắc Ninh", "Dang bo tinh Bac Ninh"),
        ("ĐƯỜNG TRUYỀN", "DUONG TRUYEN"),
        ("Quyết định số 749/QĐ-TTg", "Quyet dinh so 749/QD-TTg"),
        ("phủ sóng mạng di động 4G trở lên đạt 99,8%", "phu song mang di dong 4G tro len dat 99,8%"),
        ("người ở xa", "nguoi o xa"),
        (nfd("thủy lợi"), "thuy loi"),
    ],
)
def test_fold_diacritics(text, folded):
    assert fold_diacritics(text) == folded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chuyển đổi số", True),
        ("Đ", True),
        ("đ", True),
        ("ư", True),
        ("Bộ TT&TT", True),
        ("quang ninh chuyen doi so", False),
        ("09-NQ/TU, 99,8%", False),
        ("", False),
        (nfd("hoà"), True),
    ],
)
def test_has_diacritics(text, expected):
    assert has_diacritics(text) is expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # Non-breaking spaces exactly as captured in the seed articles.
        (
            "thanh toán điện tử.\xa0Ngoài ra, tỉnh tiếp tục",
            "thanh toán điện tử. Ngoài ra, tỉnh tiếp tục",
        ),
        ("truyền thông\xa0 (Việt Nam ICT Index 2022)", "truyền thông (Việt Nam ICT Index 2022)"),
        ("Quyết tâm đạt các mục tiêu\xa0", "Quyết tâm đạt các mục tiêu"),
        ("99,8\u202f%", "99,8 %"),
        ("6\u2007100 trạm", "6 100 trạm"),
        ("chuyển\u200bđổi\u200c số\u200d\ufeff", "chuyểnđổi số"),
        ("Thứ 2,\t17/07/2023", "Thứ 2, 17/07/2023"),
        ("Bắc\x00 Ninh\x07\x9f", "Bắc Ninh"),
        ("  Quảng   Ninh  ", "Quảng Ninh"),
        ("Thời tiết\n\n\n\nTỷ giá ngoại tệ", "Thời tiết\n\nTỷ giá ngoại tệ"),
        ("Minh Hà \r\n Liên kết website\r\n", "Minh Hà\nLiên kết website"),
        ("dòng một\x0bdòng hai", "dòng một\ndòng hai"),
        ("", ""),
    ],
)
def test_normalize_whitespace(raw, clean):
    assert normalize_whitespace(raw) == clean


def test_normalize_whitespace_keeps_single_blank_lines():
    text = "Đẩy mạnh phát triển xã hội số\n\nNghị quyết số 09-NQ/TU"
    assert normalize_whitespace(text) == text


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("Ban Thường vụ Tỉnh ủy", "ban thường vụ tỉnh uỷ"),
        ("Ủy ban Quốc gia chuyển đổi số", "uỷ ban quốc gia chuyển đổi số"),
        ("Cục Tin học hóa", "cục tin học hoá"),
        ("QUẢNG NINH", "quảng ninh"),
        (nfd("Đề án 06"), "đề án 06"),
    ],
)
def test_normalize_for_matching(text, normalized):
    assert normalize_for_matching(text) == normalized


def test_old_and_new_spellings_match_after_normalization():
    assert normalize_for_matching("Cục Tin học hóa") == normalize_for_matching("cục tin học hoá")
