"""PDFs: the text layer laid out into paragraphs, furniture dropped; scans read by OCR;
encrypted and damaged files refused."""

import io

import pytest

from eval.sample_documents import PLAN
from index.documents import clean_text
from index.formats import UnreadableFile
from index.formats.layout import reading_order, without_furniture
from index.formats.pdf_reader import laid_out_pages, read_pdf


@pytest.fixture(scope="module")
def plan(plan_pdf):
    return read_pdf(plan_pdf)


def paragraphs_of(extracted) -> list[str]:
    return clean_text(extracted.text).split("\n\n")  # justified lines print runs of spaces


def test_every_paragraph_comes_back_whole_with_lines_and_pages_joined(plan, plan_pdf):
    paragraphs = paragraphs_of(plan)
    for paragraph in PLAN.paragraphs:  # several run over many lines
        assert paragraph in paragraphs
    assert plan.metadata == {"pages": 2}
    second_page = without_furniture([page for page, _ in laid_out_pages(plan_pdf)])[1]
    assert reading_order(list(second_page.lines))[0].text == "quy định."  # a paragraph ran over the page break
    assert any(paragraph.endswith("báo cáo Ủy ban nhân dân huyện theo quy định.") for paragraph in paragraphs)


def test_the_header_reads_row_by_row_and_the_signature_block_keeps_its_lines(plan):
    paragraphs = paragraphs_of(plan)
    assert paragraphs[:10] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN BẢO THẮNG",
                               "Độc lập - Tự do - Hạnh phúc", "Số: 125/KH-UBND", "Bảo Thắng, ngày 14 tháng 3 năm 2024",
                               "KẾ HOẠCH", "Triển khai mô hình chuyển đổi số cấp xã năm 2024", PLAN.paragraphs[0],
                               "I. MỤC ĐÍCH, YÊU CẦU"]
    assert paragraphs[-1] == "Nguyễn Văn An"
    assert {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"} <= set(paragraphs)


def test_running_footer_and_page_numbers_are_gone(plan):
    assert "Kế hoạch số 125/KH-UBND" not in plan.text  # the footer on every page
    assert "\n\n2\n\n" not in plan.text and not plan.text.startswith("2\n")


def encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption(user_password, "chu-so-huu"))
    page.drawString(100, 700, "Bao cao mat")
    page.save()
    return out.getvalue()


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(UnreadableFile, match="^the PDF is encrypted: upload it without a password$"):
        read_pdf(encrypted_pdf("mat-khau"))


@pytest.mark.parametrize("damage", [
    lambda pdf: pdf[: len(pdf) // 3],  # cut short
    lambda pdf: b"%PDF-1.4\n" + bytes(range(256)) * 40,  # a header and noise
    lambda pdf: pdf.replace(b"/Root", b"/Rxxx").replace(b"startxref", b"startxxxx"),
])
def test_a_damaged_pdf_is_refused(plan_pdf, damage):
    with pytest.raises(UnreadableFile, match="^the PDF (is damaged and cannot be read|has no pages)$"):
        read_pdf(damage(plan_pdf))


def test_a_scan_without_ocr_installed_is_refused_and_says_what_to_install(scanned_notice_pdf):
    with pytest.raises(UnreadableFile, match="^the PDF has scanned pages and OCR is not installed: install "
                                             "tesseract-ocr and tesseract-ocr-vie"):
        read_pdf(scanned_notice_pdf, tesseract="tesseract-not-installed")


def test_a_scan_needing_more_ocr_than_allowed_is_refused(scanned_notice_pdf):
    with pytest.raises(UnreadableFile, match="1 scanned pages; OCR reads at most 0 a file"):
        read_pdf(scanned_notice_pdf, max_ocr_pages=0)


@pytest.mark.slow
@pytest.mark.ocr
def test_a_scanned_page_is_read_by_ocr(scanned_notice_pdf, vietnamese_ocr):
    scan = read_pdf(scanned_notice_pdf)
    assert scan.metadata == {"pages": 1, "ocr_pages": 1}
    paragraphs = paragraphs_of(scan)
    for expected in ("ỦY BAN NHÂN DÂN", "XÃ PHONG NIÊN", "Số: 27/TB-UBND", "Phong Niên, ngày 8 tháng 11 năm 2023",
                     "THÔNG BÁO", "Lịch tiếp công dân tháng 12 năm 2023", "Phạm Đức Thành"):
        assert expected in paragraphs
    assert "tiếp công dân vào sáng thứ Năm hằng tuần" in scan.text
