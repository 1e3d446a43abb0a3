"""DOCX: paragraphs and tables in order, header and signature tables cell by cell, data tables
row by row, page footers left out; files that are not Word documents or unpack too far refused."""

import io
import zipfile

import pytest

from eval.sample_documents import DECISION
from index.formats import FileTooLarge, UnreadableFile
from index.formats.docx_reader import read_docx


def test_paragraphs_and_tables_come_in_document_order(decision_docx):
    blocks = read_docx(decision_docx).text.split("\n\n")
    assert blocks[:6] == ["UBND TỈNH LÀO CAI\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
                          "Số: 46/QĐ-STTTT", "Lào Cai, ngày 05 tháng 01 năm 2024", "QUYẾT ĐỊNH", DECISION.subject]
    assert blocks[6:6 + len(DECISION.paragraphs)] == list(DECISION.paragraphs)
    assert blocks[6 + len(DECISION.paragraphs):] == [
        "STT | Lĩnh vực | Số dịch vụ | Ghi chú", "1 | Báo chí | 45 | Toàn trình",
        "2 | Xuất bản, in và phát hành | 120 | Toàn trình",
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT, VP.", "GIÁM ĐỐC", "Trần Thị Hoa"]  # a blank line in the cell


def test_the_page_footer_is_not_text(decision_docx):
    assert "Sở Thông tin và Truyền thông tỉnh Lào Cai" not in read_docx(decision_docx).text.replace(
        "Sở Thông tin và Truyền thông tỉnh Lào Cai năm 2024", "")


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_docx_unpacking_past_the_limit_is_refused(decision_docx):
    with pytest.raises(FileTooLarge, match="^the DOCX unpacks to more than 10,000 bytes$"):
        read_docx(decision_docx, max_unpacked_bytes=10_000)


@pytest.mark.parametrize("content, message", [
    (b"PK\x03\x04 not really a zip", "the DOCX is not a valid zip archive"),
    (zipped({"mimetype": b"application/epub+zip", "content.opf": b"<package/>"}),
     "the zip archive is not a Word document"),
    (zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><unclosed"}),
     "the DOCX is damaged and cannot be read"),
])
def test_archives_that_are_not_word_documents_are_refused(content, message):
    with pytest.raises(UnreadableFile, match=f"^{message}$"):
        read_docx(content)
