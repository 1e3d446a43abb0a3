import json

import pytest

from index.vietnamese.tokens import PROTECTED_PATTERN, TOKENIZER_SETTINGS, folded_tokens, lexical_tokens


@pytest.mark.parametrize(
    ("sentence", "protected"),
    [
        ("Đến nay, đã có 16/20 mục tiêu hoàn thành, đạt 80%;", ["16/20", "80%"]),
        ("phủ sóng mạng di động 4G trở lên đạt 99,8%, số thuê bao", ["4G", "99,8%"]),
        ("tỷ lệ phủ sóng đạt 99,8 % dân số", ["99,8 %"]),
        ("Toàn tỉnh đã có hơn 3,4 triệu tài khoản cá nhân", ["3,4"]),
        ("toàn tỉnh hiện có trên 6.100 trạm phát sóng di động.", ["6.100"]),
        ("hơn 60.000 tài khoản doanh nghiệp", ["60.000"]),
        (
            "mức độ 3, mức độ 4 là 1.552, đạt 89,9% (1.552/1.725).",
            ["3", "4", "1.552", "89,9%", "1.552/1.725"],
        ),
        ("đưa vào vận hành ngày 28/8/2019 để nâng cao", ["28/8/2019"]),
        ("Nghị quyết số 09-NQ/TU ngày 05/02/2022 của Ban Thường vụ", ["09-NQ/TU", "05/02/2022"]),
        ("Chính quyền số đạt 0,7804 điểm xếp hạng 4", ["0,7804", "4"]),
        ("ban hành Quyết định số 749/QĐ-TTg phê duyệt", ["749/QĐ-TTg"]),
        ("theo quy định tại Thông tư số 46/2018/TT-BYT;", ["46/2018/TT-BYT"]),
        ("theo quy định tại Thông tư số 46/2018/TTBYT; 100% trường học", ["46/2018/TTBYT", "100%"]),
        (
            "Ngày 17/4/2019, UBND tỉnh Quảng Ninh đã ban hành Quyết định số 1574/QĐ-UBND",
            ["17/4/2019", "1574/QĐ-UBND"],
        ),
        ("Kế hoạch số 59/KH-UBND (ngày 1/3/2022)", ["59/KH-UBND", "1/3/2022"]),
        ("Chính phủ ban hành Nghị quyết số 17/NQ-CP về", ["17/NQ-CP"]),
        ("đã ban hành Nghị quyết số 52-NQ/TU về Chương trình", ["52-NQ/TU"]),
        ("yêu cầu phát triển trong thời đại 4.0, góp phần", ["4.0"]),
        ("đứng vị trí thứ 3/63 tỉnh/thành phố", ["3/63"]),
        ("triển khai hạ tầng mạng di động 5G; thí điểm", ["5G"]),
        ("phát triển Chính phủ điện tử giai đoạn 2019-2020, định hướng", ["2019-2020"]),
        ("Thứ 2, 17/07/2023 | 14:15:41 [GMT +7]", ["2", "17/07/2023", "14:15:41", "7"]),
        ("kết nối vào Cổng thanh toán chung của Bộ TT&TT là", ["TT&TT"]),
        (
            "tại địa chỉ http://dichvucong.quangninh.gov.vn đang cung cấp",
            ["http://dichvucong.quangninh.gov.vn"],
        ),
    ],
)
def test_protected_pattern_keeps_numbers_and_codes_whole(sentence, protected):
    assert [match.group() for match in PROTECTED_PATTERN.finditer(sentence)] == protected


def test_protected_pattern_ignores_digits_inside_words():
    assert PROTECTED_PATTERN.search("Bộ chỉ số QN_DTI và H2O, CBCCVC") is None


def test_pyvi_alone_splits_document_codes():
    # Why PROTECTED_PATTERN exists: pyvi cuts a code at every "-" and "/".
    from pyvi import ViTokenizer

    assert ViTokenizer.tokenize("Nghị quyết số 09-NQ/TU").split()[-5:] == ["09", "-", "NQ", "/", "TU"]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Trung tâm Hành chính công TP. Hạ Long", ["trung_tâm", "hành_chính", "công", "tp", "hạ_long"]),
        (
            "đã có 16/20 mục tiêu hoàn thành, đạt 80%",
            ["đã", "có", "16/20", "mục_tiêu", "hoàn_thành", "đạt", "80%"],
        ),
        ("hơn 3,4 triệu tài khoản cá nhân", ["hơn", "3,4", "triệu", "tài_khoản", "cá_nhân"]),
        ("Nghị quyết số 09-NQ/TU", ["nghị_quyết", "số", "09-nq/tu"]),
        ("Quyết định số 1574/QĐ-UBND", ["quyết_định", "số", "1574/qđ-ubnd"]),
        (
            "phủ sóng mạng di động 4G trở lên đạt 99,8 %",
            ["phủ_sóng", "mạng", "di_động", "4g", "trở", "lên", "đạt", "99,8%"],
        ),
    ],
)
def test_lexical_tokens_on_seed_sentences(text, tokens):
    assert lexical_tokens(text) == tokens


def test_lexical_tokens_index_a_year_range_whole_and_by_year():
    assert lexical_tokens("Chính phủ điện tử giai đoạn 2019-2020, định hướng đến 2025") == [
        "chính_phủ", "điện_tử", "giai_đoạn", "2019-2020", "2019", "2020", "định_hướng", "đến", "2025",
    ]  # fmt: skip


def test_lexical_tokens_keep_one_letter_syllables():
    assert lexical_tokens("người dân ở xa khu vực trung tâm") == [
        "người", "dân", "ở", "xa", "khu_vực", "trung_tâm",
    ]  # fmt: skip
    assert lexical_tokens("ở ý y") == ["ở", "ý", "y"]


def test_lexical_tokens_drop_punctuation():
    tokens = lexical_tokens("“Thành phố vì tương lai”, tiên phong (DTI)... - Bài 1: | [GMT +7]")
    assert all(any(char.isalnum() for char in token) for token in tokens)
    assert "dti" in tokens


@pytest.mark.parametrize(
    "variant",
    [
        "NGHỊ QUYẾT SỐ 09-NQ/TU VỀ CHUYỂN ĐỔI SỐ TỈNH QUẢNG NINH",
        "nghị quyết số 09-nq/tu về chuyển đổi số tỉnh quảng ninh",
        "Nghị quyết số 09-NQ/TU về chuyển\u00a0đổi số tỉnh Quảng\u200b Ninh",
    ],
)
def test_lexical_tokens_do_not_depend_on_case_or_whitespace(variant):
    reference = "Nghị quyết số 09-NQ/TU về chuyển đổi số tỉnh Quảng Ninh"
    assert lexical_tokens(variant) == lexical_tokens(reference)


def test_lexical_tokens_fold_old_tone_placement():
    old_style, new_style = "Ban Thường vụ Tỉnh ủy, cụ thể hóa", "Ban Thường vụ Tỉnh uỷ, cụ thể hoá"
    assert lexical_tokens(old_style) == lexical_tokens(new_style)


def test_lexical_tokens_of_empty_text():
    assert lexical_tokens("") == []
    assert lexical_tokens(" \u00a0\n ... ") == []


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Quảng Ninh", ["quang", "ninh", "quang_ninh"]),
        ("chuyển đổi số", ["chuyen", "doi", "chuyen_doi", "so", "doi_so"]),
        ("Quyết định số 749/QĐ-TTg", ["quyet", "dinh", "quyet_dinh", "so", "dinh_so", "749/qd-ttg"]),
        ("đạt 99,8 %", ["dat", "99,8%"]),
        ("giai đoạn 2019-2020", ["giai", "doan", "giai_doan", "2019-2020", "2019", "2020"]),
        ("người dân ở xa", ["nguoi", "dan", "nguoi_dan", "o", "dan_o", "xa", "o_xa"]),
    ],
)
def test_folded_tokens(text, tokens):
    assert folded_tokens(text) == tokens


def test_folded_bigrams_do_not_cross_punctuation_or_protected_tokens():
    tokens = folded_tokens("Bắc Ninh, Quảng Ninh năm 2022 tăng 4 bậc")
    assert "ninh_quang" not in tokens
    assert "nam_tang" not in tokens
    assert "bac_ninh" in tokens and "quang_ninh" in tokens


def test_folded_tokens_match_a_query_typed_without_diacritics():
    document = "Quảng Ninh đứng vị trí thứ 3/63 về Chỉ số sẵn sàng cho phát triển"
    query = "quang ninh dung vi tri thu 3/63"
    assert set(folded_tokens(query)) <= set(folded_tokens(document))


def test_tokenizer_settings_survive_a_json_round_trip():
    assert json.loads(json.dumps(TOKENIZER_SETTINGS)) == TOKENIZER_SETTINGS
