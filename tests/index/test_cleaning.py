import pytest

from index.cleaning import (clean_capture, drop_repeated_lines, find_byline, find_publication_date,
                            is_furniture, strip_photo_credit)


@pytest.mark.parametrize("line", [
    "Thời tiết", "Tỷ giá ngoại tệ", "Thống kê truy cập", "Đang online 7736 Tổng lượt truy cập 94789915",
    "Ý kiến ()", "Chia sẻ:", "Liên kết website", "Tất cả chuyên mục", "a",
    "Chủ Nhật, 17/11/2024 04:17 (GMT +7)", "Thứ 2, 17/07/2023 | 14:15:41 [GMT +7] A A",
    "Bài 2: Thúc đẩy kinh tế số nông nghiệp, nông thôn",
    "doanh nghiệp - Sản phẩm - Dịch vụ Thông cáo báo chí Rao vặt",
])
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Quảng Ninh hướng tới chính quyền số",
    "Toàn tỉnh đã có hơn 3,4 triệu tài khoản cá nhân, hơn 60.000 tài khoản doanh nghiệp.",
    "Cách làm sáng tạo",
])
def test_article_lines_are_kept(line):
    assert not is_furniture(line)


def test_photo_credit_is_stripped_but_caption_kept():
    line = "Cán bộ BHXH tỉnh tiếp nhận hồ sơ tại Trung tâm Hành chính công TP. Hạ Long. Ảnh: Dương Trường |"
    assert strip_photo_credit(line) == "Cán bộ BHXH tỉnh tiếp nhận hồ sơ tại Trung tâm Hành chính công TP. Hạ Long."
    assert strip_photo_credit("Năm 20220, Bắc Ninh khai trương phần mềm. Ảnh: Thái Hùng/TTXVN") == \
        "Năm 20220, Bắc Ninh khai trương phần mềm."


def test_repeated_caption_keeps_the_corrected_copy():
    lines = ["Ván bộ phường Hoành Bồ họp trực tuyến với UBND TP Hạ Long và các phường, xã khác",
             "Cán bộ phường Hoành Bồ họp trực tuyến với UBND TP Hạ Long và các phường, xã khác.",
             "Việc thực hiện chuyển đổi số của Quảng Ninh hiện nay."]
    assert drop_repeated_lines(lines) == lines[1:]


def test_byline_with_source_and_bare_name():
    assert find_byline(["Bài viết.", "Theo Hà Chi/baoquangninh.com.vn", "Thời tiết"]) == \
        (1, {"author": "Hà Chi", "source": "baoquangninh.com.vn"})
    assert find_byline(["Tiêu đề", "Nội dung bài báo dài.", "Minh Hà", "Liên kết website"]) == \
        (2, {"author": "Minh Hà"})


def test_publication_date_is_the_dated_article_line():
    assert find_publication_date(["Tất cả chuyên mục", "Thứ 2, 17/07/2023 | 14:15:41 [GMT +7] A A"]) == "2023-07-17"
    assert find_publication_date(["Không có ngày"]) is None


def test_clean_capture_on_a_real_page():
    raw = ("Quảng Ninh hướng tới chính quyền số\n\nNăm 2020, Chương trình chuyển đổi số quốc gia\u00a0được ban hành.\n\n"
           "Theo Hà Chi/baoquangninh.com.vn\n\nThời tiết\n\nTỷ giá ngoại tệ\nThống kê truy cập\n"
           "Đang online 7736 Tổng lượt truy cập 94789915\n")
    title, text, metadata = clean_capture(raw)
    assert title == "Quảng Ninh hướng tới chính quyền số"
    assert text == "Năm 2020, Chương trình chuyển đổi số quốc gia được ban hành."
    assert metadata == {"author": "Hà Chi", "source": "baoquangninh.com.vn"}
