"""Joining positioned lines into paragraphs and dropping page furniture: pure, on made-up pages."""

from index.formats.layout import Line, Page, page_text, paragraphs, reading_order, without_furniture

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT = 85.0, 540.0


def line(text, top, left=LEFT, right=RIGHT):
    return Line(text, left, right, top, top + 12)


def page(*lines):
    return Page(tuple(lines), WIDTH, HEIGHT)


def test_lines_that_run_to_the_margin_are_joined_into_one_paragraph():
    body = page(line("Ủy ban nhân dân huyện ban hành kế hoạch triển khai mô hình chuyển đổi số", 100, left=LEFT + 28),
                line("cấp xã với các nội dung như sau, bảo đảm mỗi hộ gia đình có một thành", 116),
                line("viên biết dùng dịch vụ công trực tuyến.", 132, right=300),
                line("Đoạn thứ hai bắt đầu thụt vào đầu dòng.", 148, left=LEFT + 28, right=400))
    assert paragraphs([body]) == [
        "Ủy ban nhân dân huyện ban hành kế hoạch triển khai mô hình chuyển đổi số cấp xã với các nội dung "
        "như sau, bảo đảm mỗi hộ gia đình có một thành viên biết dùng dịch vụ công trực tuyến.",
        "Đoạn thứ hai bắt đầu thụt vào đầu dòng."]


def test_list_items_and_space_between_paragraphs_break_them():
    body = page(line("II. NHIỆM VỤ VÀ GIẢI PHÁP CỦA KẾ HOẠCH TRIỂN KHAI TRÊN ĐỊA BÀN HUYỆN", 100),
                line("- Rà soát, kiện toàn Tổ công nghệ số cộng đồng tại các thôn và tổ dân", 116),
                line("phố trước ngày 30/4/2024.", 132, right=250),
                line("Một đoạn sau một khoảng trống lớn hơn dòng thường, chạy hết chiều rộng", 170),
                line("và kết thúc ở đây.", 186, right=200))
    assert paragraphs([body]) == [
        "II. NHIỆM VỤ VÀ GIẢI PHÁP CỦA KẾ HOẠCH TRIỂN KHAI TRÊN ĐỊA BÀN HUYỆN",
        "- Rà soát, kiện toàn Tổ công nghệ số cộng đồng tại các thôn và tổ dân phố trước ngày 30/4/2024.",
        "Một đoạn sau một khoảng trống lớn hơn dòng thường, chạy hết chiều rộng và kết thúc ở đây."]


def test_the_two_columns_of_a_header_stay_apart_and_read_row_by_row():
    header = page(line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 56, left=270, right=RIGHT),
                  line("ỦY BAN NHÂN DÂN", 56, left=88, right=223),
                  line("HUYỆN BẢO THẮNG", 73, left=86, right=225),
                  line("Độc lập - Tự do - Hạnh phúc", 73, left=302, right=491),
                  line("Văn bản chạy hết chiều rộng của trang, từ lề trái sang lề phải thật", 120),
                  line("dài.", 136, right=120))
    assert [item.text for item in reading_order(list(header.lines))][:2] == [
        "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert paragraphs([header])[:4] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN BẢO THẮNG",
                                        "Độc lập - Tự do - Hạnh phúc"]


def test_a_paragraph_continues_across_a_page_break():
    first = page(line("Đoạn văn bắt đầu ở cuối trang một và chạy hết chiều rộng của dòng này", 700, left=LEFT + 28),
                 line("rồi sang trang sau", 716))
    second = page(line("mà không thụt đầu dòng, nên vẫn là một đoạn.", 80, right=330),
                  line("Đoạn mới thì thụt đầu dòng.", 96, left=LEFT + 28, right=300))
    assert paragraphs([first, second]) == [
        "Đoạn văn bắt đầu ở cuối trang một và chạy hết chiều rộng của dòng này rồi sang trang sau mà không thụt "
        "đầu dòng, nên vẫn là một đoạn.", "Đoạn mới thì thụt đầu dòng."]


def test_running_headers_footers_and_page_numbers_are_dropped():
    pages = [page(*([line("ỦY BAN NHÂN DÂN", 40, right=223)] if number == 1 else [line(str(number), 40, 290, 300)]),
                  line(f"Nội dung trang {number}.", 300, right=300),
                  line(f"Kế hoạch số 125/KH-UBND - Trang {number}/3", 800, 200, 400))
             for number in (1, 2, 3)]
    kept = [item.text for p in without_furniture(pages) for item in p.lines]
    assert kept == ["ỦY BAN NHÂN DÂN", "Nội dung trang 1.", "Nội dung trang 2.", "Nội dung trang 3."]
    pages[0] = page(*pages[0].lines, line("Một dòng chạy hết chiều rộng trang cho biết lề phải ở đâu, rồi", 280))
    assert page_text(pages) == ("ỦY BAN NHÂN DÂN\n\nMột dòng chạy hết chiều rộng trang cho biết lề phải ở đâu, rồi "
                                "Nội dung trang 1.\n\nNội dung trang 2.\n\nNội dung trang 3.")


def test_a_line_in_the_band_of_one_page_only_is_not_furniture():
    pages = [page(line("Ghi chú cuối trang một.", 800, right=300)), page(line("Trang hai.", 300, right=300))]
    assert [item.text for p in without_furniture(pages) for item in p.lines] == ["Ghi chú cuối trang một.",
                                                                                 "Trang hai."]
