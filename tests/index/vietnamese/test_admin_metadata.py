"""Metadata from the headers of administrative documents: six kinds, issuers and date forms."""

import pytest

from index.vietnamese.admin_metadata import issued_date_in, read_header, type_of_code

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"

PLAN = f"""ỦY BAN NHÂN DÂN
HUYỆN BẢO THẮNG
{MOTTO}Số: 125/KH-UBND
Bảo Thắng, ngày 14 tháng 3 năm 2024
KẾ HOẠCH
Triển khai mô hình chuyển đổi số cấp xã năm 2024
Thực hiện Nghị quyết số 09-NQ/TU của Ban Chấp hành Đảng bộ tỉnh, Ủy ban nhân dân huyện ban hành kế hoạch.
I. MỤC ĐÍCH, YÊU CẦU
Đến hết năm 2024, 100% xã có Tổ công nghệ số cộng đồng.
Nơi nhận:
TM. ỦY BAN NHÂN DÂN
- Như trên;
KT. CHỦ TỊCH
- Lưu: VT.
PHÓ CHỦ TỊCH
Nguyễn Văn An"""

# A parent body over the issuer, a numeric date, a subject starting "Về việc", the signer in capitals.
DECISION = f"""UBND TỈNH LÀO CAI
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
{MOTTO.replace("HÒA", "HOÀ").replace(" - ", " – ")}Số: 46/QĐ-STTTT
Lào Cai, 05/01/2024
QUYẾT ĐỊNH
Về việc phê duyệt danh mục dịch vụ công trực tuyến toàn trình
GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Phê duyệt danh mục gồm 312 dịch vụ công trực tuyến toàn trình.
GIÁM ĐỐC
(Đã ký)
TRẦN THỊ HOA"""

# A council, a year in the number, the session line under the subject.
RESOLUTION = f"""HỘI ĐỒNG NHÂN DÂN
TỈNH QUẢNG NINH
{MOTTO}Số: 09/2023/NQ-HĐND
Quảng Ninh, ngày 20 tháng 7 năm 2023
NGHỊ QUYẾT
Quy định mức hỗ trợ chuyển đổi số
cho hợp tác xã trên địa bàn tỉnh
HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH
KHÓA XIV, KỲ HỌP THỨ 15
Căn cứ Luật Tổ chức chính quyền địa phương;
CHỦ TỊCH
Nguyễn Xuân Ký"""

# No type heading: an official letter says what it is about with "V/v".
LETTER = f"""UBND HUYỆN YÊN PHONG
VĂN PHÒNG HĐND VÀ UBND
{MOTTO}Số: 312/VP-TH
V/v tăng cường sử dụng chữ ký số
Yên Phong, ngày 2 tháng 10 năm 2023
Kính gửi: Các phòng, ban, ngành thuộc huyện.
Văn phòng đề nghị các cơ quan tăng cường sử dụng chữ ký số trong văn bản điện tử.
KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG
Lê Thị Mai"""

# A Party committee under its Party organisation, "Số" without a colon, the Party's own motto.
NOTICE = """ĐẢNG BỘ TỈNH BẮC NINH
HUYỆN ỦY TIÊN DU
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 27-TB/HU
Tiên Du, ngày 8 tháng 11 năm 2023
THÔNG BÁO
Kết luận của Ban Thường vụ Huyện ủy về công tác chuyển đổi số
Ngày 6/11/2023, Ban Thường vụ Huyện ủy họp nghe báo cáo.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Hoàng Minh Tuấn"""

# A commune, header columns read row by row (as a PDF gives them), a two-digit day.
REPORT = """ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ PHONG NIÊN
Độc lập - Tự do - Hạnh phúc
Số: 58/BC-UBND
Phong Niên, ngày 25 tháng 12 năm 2023
BÁO CÁO
Kết quả thực hiện nhiệm vụ chuyển đổi số năm 2023
I. KẾT QUẢ ĐẠT ĐƯỢC
Năm 2023, xã có 1.250 tài khoản định danh điện tử được kích hoạt.
Nơi nhận:
TM. ỦY BAN NHÂN DÂN
- UBND huyện;
CHỦ TỊCH
- Lưu: VP.
Phạm Đức Thành"""


@pytest.mark.parametrize("text, metadata, title", [
    (PLAN, {"doc_code": "125/KH-UBND", "issued_date": "2024-03-14", "doc_type": "Kế hoạch",
            "issuer": "Ủy ban nhân dân huyện Bảo Thắng", "signer": "Nguyễn Văn An"},
     "Kế hoạch Triển khai mô hình chuyển đổi số cấp xã năm 2024"),
    (DECISION, {"doc_code": "46/QĐ-STTTT", "issued_date": "2024-01-05", "doc_type": "Quyết định",
                "issuer": "Sở Thông tin và Truyền thông", "signer": "Trần Thị Hoa"},
     "Quyết định Về việc phê duyệt danh mục dịch vụ công trực tuyến toàn trình"),
    (RESOLUTION, {"doc_code": "09/2023/NQ-HĐND", "issued_date": "2023-07-20", "doc_type": "Nghị quyết",
                  "issuer": "Hội đồng nhân dân tỉnh Quảng Ninh", "signer": "Nguyễn Xuân Ký"},
     "Nghị quyết Quy định mức hỗ trợ chuyển đổi số cho hợp tác xã trên địa bàn tỉnh"),
    (LETTER, {"doc_code": "312/VP-TH", "issued_date": "2023-10-02", "doc_type": "Công văn",
              "issuer": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "signer": "Lê Thị Mai"},
     "Công văn về việc tăng cường sử dụng chữ ký số"),
    (NOTICE, {"doc_code": "27-TB/HU", "issued_date": "2023-11-08", "doc_type": "Thông báo",
              "issuer": "Huyện ủy Tiên Du", "signer": "Hoàng Minh Tuấn"},
     "Thông báo Kết luận của Ban Thường vụ Huyện ủy về công tác chuyển đổi số"),
    (REPORT, {"doc_code": "58/BC-UBND", "issued_date": "2023-12-25", "doc_type": "Báo cáo",
              "issuer": "Ủy ban nhân dân xã Phong Niên", "signer": "Phạm Đức Thành"},
     "Báo cáo Kết quả thực hiện nhiệm vụ chuyển đổi số năm 2023"),
], ids=["plan", "decision", "resolution", "letter", "notice", "report"])
def test_the_header_and_signature_block_become_metadata(text, metadata, title):
    header = read_header(text)
    assert header.metadata() == metadata
    assert header.title == title


def test_a_news_article_mentioning_documents_has_no_header():
    article = ("Ngày 14/3, Ủy ban nhân dân huyện Bảo Thắng ban hành Kế hoạch số 125/KH-UBND về chuyển đổi số.\n"
               "Theo kế hoạch, Số: 125/KH-UBND được gửi tới các xã.\nKT. CHỦ TỊCH\nNguyễn Văn An")
    assert read_header(article).metadata() == {}
    assert read_header(article).title is None


def test_a_number_in_the_body_is_not_the_documents():
    text = PLAN.replace("Số: 125/KH-UBND\n", "") + "\nSố: 999/KH-UBND"
    assert read_header(text).doc_code is None
    assert read_header(text).issued_date == "2024-03-14"


def test_without_a_type_heading_the_number_gives_the_type():
    text = PLAN.replace("KẾ HOẠCH\n", "")
    assert read_header(text).doc_type == "Kế hoạch"
    assert read_header(text).title is None  # no heading, no subject line


def test_no_signer_without_a_signature_block():
    assert "signer" not in read_header(PLAN.rsplit("Nơi nhận:", 1)[0]).metadata()


@pytest.mark.parametrize("line, date", [
    ("Bảo Thắng, ngày 14 tháng 3 năm 2024", "2024-03-14"),
    ("Hà Nội, ngày 05 tháng 01 năm 2024.", "2024-01-05"),
    ("Lào Cai, 14/3/2024", "2024-03-14"),
    ("Lào Cai, ngày 14/03/2024", "2024-03-14"),
    ("Lào Cai, ngày 31 tháng 2 năm 2024", None),  # no such day
    ("Lào Cai, ngày    tháng    năm 2024", None),  # a draft, not yet dated
    ("Ngày 14 tháng 3 năm 2024, huyện tổ chức hội nghị", None),  # a sentence, not the place and date line
])
def test_issue_dates_in_both_forms(line, date):
    assert issued_date_in(line) == date


@pytest.mark.parametrize("code, doc_type", [
    ("125/KH-UBND", "Kế hoạch"), ("09-NQ/TU", "Nghị quyết"), ("46/2018/TT-BYT", "Thông tư"),
    ("1574/QĐ-UBND", "Quyết định"), ("312/UBND-VP", None)])
def test_the_type_abbreviation_of_a_number(code, doc_type):
    assert type_of_code(code) == doc_type
