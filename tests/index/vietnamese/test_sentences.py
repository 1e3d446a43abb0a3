import pytest

from index.vietnamese.sentences import ABBREVIATIONS, split_sentences

# Raw capture from the seed articles (004 and 003), non-breaking spaces and page furniture kept.
RAW_EXCERPT = (
    "Thành phố vì tương lai\n\n"
    "Mới đây, HĐND tỉnh Bắc Ninh đã ban hành Nghị quyết phê duyệt\u00a0\"Đề án Chuyển đổi số tỉnh "
    "Bắc Ninh giai đoạn 2024-2030\"\u00a0với mục tiêu đến năm 2030, Bắc Ninh trở thành “Thành phố "
    "vì tương lai”, tiên phong sử dụng công nghệ số\u00a0và dữ liệu để nâng cao hiệu quả quản trị xã "
    "hội. Tỉnh Bắc Ninh cũng đặt mục tiêu đến năm 2030, kinh tế số chiếm tối thiểu 35% GRDP.\n\n"
    "Bắc Ninh cũng là địa phương nằm trong nhóm dẫn đầu về chỉ số chuyển đổi số cấp tỉnh (DTI), "
    "năm 2021, xếp thứ 4; năm 2022, xếp thứ 7.\u00a0\n\n"
    "Quyết tâm đạt các mục tiêu\u00a0\n\n"
    "Theo thống kê, toàn tỉnh hiện có trên 6.100 trạm phát sóng di động. Hạ tầng Internet băng "
    "rộng đã được triển khai tại 100% xã, phường, thị trấn; 100% dân số được phủ sóng mạng thông "
    "tin di động. Tỷ lệ dân số được phủ sóng mạng di động 4G trở lên đạt 99,8%; số thuê bao điện "
    "thoại đạt tỷ lệ 1,3 thuê bao/người.\n"
    "Theo Ngọc Trâm/baoquangninh.vn\n\n"
    "Thời tiết\n\n"
    "Tỷ giá ngoại tệ\n"
    "Thống kê truy cập\n"
    "Đang online 15037 Tổng lượt truy cập 94802547"
)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_spans_are_trimmed_ordered_and_cover_the_text():
    spans = split_sentences(RAW_EXCERPT)
    for start, end in spans:
        assert RAW_EXCERPT[start:end] == RAW_EXCERPT[start:end].strip()
        assert start < end
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
    covered = "".join("".join(RAW_EXCERPT[start:end].split()) for start, end in spans)
    assert covered == "".join(RAW_EXCERPT.split())


def test_raw_excerpt_sentences():
    assert sentences(RAW_EXCERPT) == [
        "Thành phố vì tương lai",
        "Mới đây, HĐND tỉnh Bắc Ninh đã ban hành Nghị quyết phê duyệt\u00a0\"Đề án Chuyển đổi số tỉnh "
        "Bắc Ninh giai đoạn 2024-2030\"\u00a0với mục tiêu đến năm 2030, Bắc Ninh trở thành “Thành phố "
        "vì tương lai”, tiên phong sử dụng công nghệ số\u00a0và dữ liệu để nâng cao hiệu quả quản trị xã "
        "hội.",
        "Tỉnh Bắc Ninh cũng đặt mục tiêu đến năm 2030, kinh tế số chiếm tối thiểu 35% GRDP.",
        "Bắc Ninh cũng là địa phương nằm trong nhóm dẫn đầu về chỉ số chuyển đổi số cấp tỉnh (DTI), "
        "năm 2021, xếp thứ 4; năm 2022, xếp thứ 7.",
        "Quyết tâm đạt các mục tiêu",
        "Theo thống kê, toàn tỉnh hiện có trên 6.100 trạm phát sóng di động.",
        "Hạ tầng Internet băng rộng đã được triển khai tại 100% xã, phường, thị trấn; 100% dân số được "
        "phủ sóng mạng thông tin di động.",
        "Tỷ lệ dân số được phủ sóng mạng di động 4G trở lên đạt 99,8%; số thuê bao điện thoại đạt tỷ lệ "
        "1,3 thuê bao/người.",
        "Theo Ngọc Trâm/baoquangninh.vn",
        "Thời tiết",
        "Tỷ giá ngoại tệ",
        "Thống kê truy cập",
        "Đang online 15037 Tổng lượt truy cập 94802547",
    ]


def test_a_non_breaking_space_after_a_period_ends_a_sentence():
    text = "xây dựng và đẩy mạnh thương mại điện tử, thanh toán điện tử.\u00a0Ngoài ra, tỉnh tiếp tục"
    assert sentences(text) == [
        "xây dựng và đẩy mạnh thương mại điện tử, thanh toán điện tử.",
        "Ngoài ra, tỉnh tiếp tục",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Cán bộ BHXH tỉnh tiếp nhận hồ sơ tại Trung tâm Hành chính công TP. Hạ Long.",
        "Cán bộ phường Yên Giang (TX. Quảng Yên) hướng dẫn người dân quét mã QR.",
        "Hội đồng có Th.S Nguyễn Thành Phúc và PGS.TS. Nguyễn Huy Dũng tham dự.",
        "Đoàn làm việc tại Tp. Hạ Long cùng ThS. Thái Lê Thăng.",
        "Ông Nguyễn V. A, Giám đốc Sở, phát biểu.",
        "Các lĩnh vực giao thông thông minh, du lịch thông minh v.v. đều được triển khai.",
        "toàn tỉnh hiện có trên 6.100 trạm phát sóng, đạt 0,7804 điểm trong thời đại 4.0.",
        "mức độ 3, mức độ 4 là 1.552, đạt 89,9% (1.552/1.725).",
        "Cuộc cách mạng công nghiệp 4.0 đang diễn ra mạnh mẽ.",
    ],
)
def test_no_split_inside_abbreviations_and_numbers(text):
    assert sentences(text) == [text]


def test_v_v_at_the_end_of_a_sentence_is_a_boundary():
    text = "phân tích báo chí, mạng xã hội v.v. Cụ thể, Trung tâm cho phép sử dụng thông tin."
    assert sentences(text) == [
        "phân tích báo chí, mạng xã hội v.v.",
        "Cụ thể, Trung tâm cho phép sử dụng thông tin.",
    ]


def test_a_quotation_stays_whole_and_keeps_its_closing_quote():
    text = (
        "“Tôi đã được Đoàn thanh niên của xã Hà Lâu lập tài khoản. Điều này giúp cho tôi rất nhiều, "
        "do đó giảm thời gian, công sức đi lại\". Chị Lý Thị Lan, xã Hà Lâu, huyện Tiên Yên chia sẻ."
    )
    assert sentences(text) == [
        "“Tôi đã được Đoàn thanh niên của xã Hà Lâu lập tài khoản. Điều này giúp cho tôi rất nhiều, "
        "do đó giảm thời gian, công sức đi lại\".",
        "Chị Lý Thị Lan, xã Hà Lâu, huyện Tiên Yên chia sẻ.",
    ]


def test_a_period_before_the_closing_quote_ends_the_sentence_after_the_quote():
    text = "Chị Múi nói: “Tôi đã tham gia các nhóm zalo của thôn.” Anh Mạ chia sẻ thêm."
    assert sentences(text) == [
        "Chị Múi nói: “Tôi đã tham gia các nhóm zalo của thôn.”",
        "Anh Mạ chia sẻ thêm.",
    ]


def test_an_unclosed_quote_does_not_stop_splitting():
    text = "theo phương châm “Rõ việc, rõ người. Đến hết năm 2022 toàn tỉnh đã đạt kế hoạch."
    assert sentences(text) == [
        "theo phương châm “Rõ việc, rõ người.",
        "Đến hết năm 2022 toàn tỉnh đã đạt kế hoạch.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đến nay, đã có 16/20 mục tiêu hoàn thành, đạt 80%. 4/20 mục tiêu đang triển khai.",
            ["Đến nay, đã có 16/20 mục tiêu hoàn thành, đạt 80%.", "4/20 mục tiêu đang triển khai."],
        ),
        (
            "Quảng Ninh có nhiều thuận lợi! Tại sao? “Xã, phường chuyển đổi số” là mô hình mới.",
            ["Quảng Ninh có nhiều thuận lợi!", "Tại sao?", "“Xã, phường chuyển đổi số” là mô hình mới."],
        ),
        (
            "cấp sở, ngành, địa phương năm 2023... Cùng với đó, tiếp tục triển khai một số nhiệm vụ",
            ["cấp sở, ngành, địa phương năm 2023...", "Cùng với đó, tiếp tục triển khai một số nhiệm vụ"],
        ),
        (
            "điển hình trong nhóm top đầu về hạ tầng số… Người dân huyện Bình Liêu sử dụng.",
            ["điển hình trong nhóm top đầu về hạ tầng số…", "Người dân huyện Bình Liêu sử dụng."],
        ),
        (
            "đạt 40% (năm 2019 là 22%). Quảng Ninh là một trong những địa phương.",
            ["đạt 40% (năm 2019 là 22%).", "Quảng Ninh là một trong những địa phương."],
        ),
        (
            "Tỉnh đề ra 3 nhiệm vụ. - Hạ tầng số. a) Chính quyền số.",
            ["Tỉnh đề ra 3 nhiệm vụ.", "- Hạ tầng số.", "a) Chính quyền số."],
        ),
        (  # the seed's "Qua đó" lowercased: a lowercase word never starts a sentence
            "đăng ký tuyển sinh đầu cấp trên môi trường số. qua đó, giúp giáo viên",
            ["đăng ký tuyển sinh đầu cấp trên môi trường số. qua đó, giúp giáo viên"],
        ),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_every_line_break_ends_a_sentence():
    text = "Ảnh: Dương Trường |\nXác định chuyển đổi số là xu thế tất yếu\r\nMinh Hà"
    assert sentences(text) == ["Ảnh: Dương Trường |", "Xác định chuyển đổi số là xu thế tất yếu", "Minh Hà"]


def test_list_items_are_sentences_of_their_own():
    text = (
        "Tỉnh xác định ba trụ cột:\n"
        "- Chính quyền số\n"
        "+ Kinh tế số\n"
        "• Xã hội số\n"
        "a) 100% TTHC được số hóa\n"
        "1. Mục tiêu chung. Đến năm 2025 đạt 95%."
    )
    assert sentences(text) == [
        "Tỉnh xác định ba trụ cột:",
        "- Chính quyền số",
        "+ Kinh tế số",
        "• Xã hội số",
        "a) 100% TTHC được số hóa",
        "1. Mục tiêu chung.",
        "Đến năm 2025 đạt 95%.",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\u00a0\n"])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_abbreviations_are_lowercase_words_without_periods():
    assert {"tp", "tx", "ths", "pgs", "ts"} <= ABBREVIATIONS
    assert all(word == word.lower() and "." not in word for word in ABBREVIATIONS)
