"""Files to documents: the clean text citations point into, the header's metadata, the
uploader's word winning, and the corpus folder reading every format."""

import unicodedata

import pytest

from eval.sample_documents import NEWS_HEADLINE, PLAN, blank_pdf
from index.chunking import chunk_document
from index.corpus import read_corpus
from index.document_files import document_from_file, document_from_text
from index.documents import CorpusError

PLAN_METADATA = {"doc_code": "125/KH-UBND", "issued_date": "2024-03-14", "doc_type": "Kế hoạch",
                 "issuer": "Ủy ban nhân dân huyện Bảo Thắng", "signer": "Nguyễn Văn An"}
DECISION_METADATA = {"doc_code": "46/QĐ-STTTT", "issued_date": "2024-01-05", "doc_type": "Quyết định",
                     "issuer": "Sở Thông tin và Truyền thông", "signer": "Trần Thị Hoa"}


@pytest.fixture(scope="module")
def documents(plan_pdf, decision_docx, news_html):
    return {"pdf": document_from_file("ke-hoach.pdf", plan_pdf, "ke-hoach"),
            "docx": document_from_file("quyet-dinh.docx", decision_docx, "quyet-dinh"),
            "html": document_from_file("tin.html", news_html, "tin")}


def test_each_format_gets_its_title_and_metadata(documents):
    pdf, docx, html = documents["pdf"], documents["docx"], documents["html"]
    assert pdf.title == "Kế hoạch Triển khai mô hình chuyển đổi số cấp xã năm 2024"
    assert pdf.metadata == {**PLAN_METADATA, "pages": 2, "source_file": "ke-hoach.pdf"}
    assert docx.title == "Quyết định Về việc phê duyệt danh mục dịch vụ công trực tuyến toàn trình năm 2024"
    assert docx.metadata == {**DECISION_METADATA, "source_file": "quyet-dinh.docx"}
    assert html.title == NEWS_HEADLINE
    assert html.metadata == {"title": NEWS_HEADLINE, "issued_date": "2024-01-15",
                             "source": "Cổng thông tin điện tử huyện Yên Phong", "source_file": "tin.html"}


def test_the_clean_text_is_nfc_and_every_passage_offset_points_into_it(documents):
    for document in documents.values():
        assert unicodedata.is_normalized("NFC", document.text) and "  " not in document.text
        passages = chunk_document(document.id, document.text)
        assert passages
        for passage in passages:
            assert document.text[passage.start:passage.end] == passage.text
            for start, end in passage.sentences:
                assert document.text[start:end] in passage.text
    assert "Kinh phí thực hiện Kế hoạch là 2,5 tỷ đồng" in documents["pdf"].text
    assert "1 | Báo chí | 45 | Toàn trình" in documents["docx"].text


def test_the_uploaders_title_and_metadata_win(plan_pdf):
    document = document_from_file("ke-hoach.pdf", plan_pdf, "kh", title="Kế hoạch chuyển đổi số cấp xã",
                                  metadata={"issuer": "UBND huyện Bảo Thắng", "province": "Lào Cai"})
    assert document.title == "Kế hoạch chuyển đổi số cấp xã"
    assert document.metadata["issuer"] == "UBND huyện Bảo Thắng"
    assert document.metadata["doc_code"] == "125/KH-UBND" and document.metadata["province"] == "Lào Cai"


def test_a_text_file_with_a_header_keeps_its_first_line_in_the_text():
    text = "ỦY BAN NHÂN DÂN\nHUYỆN BẢO THẮNG\nSố: 125/KH-UBND\nBảo Thắng, ngày 14 tháng 3 năm 2024\nKẾ HOẠCH\n" \
           "Triển khai mô hình chuyển đổi số cấp xã\nNội dung kế hoạch."
    document = document_from_file("kh.txt", text.encode(), "kh")
    assert document.title == "Kế hoạch Triển khai mô hình chuyển đổi số cấp xã"
    assert document.text == text and document.metadata["issuer"] == "Ủy ban nhân dân huyện Bảo Thắng"
    plain = document_from_file("tin.txt", "Bắc Ninh\n\nTỉnh Bắc Ninh đứng thứ 6/63 về DTI.".encode(), "tin")
    assert (plain.title, plain.text, plain.metadata) == ("Bắc Ninh", "Tỉnh Bắc Ninh đứng thứ 6/63 về DTI.",
                                                         {"source_file": "tin.txt"})


@pytest.mark.parametrize("name, content, message", [
    ("trong.txt", b"", "the file is empty"),
    ("trong.docx", b"  \n ", "the file is empty"),
    ("trang-trang.pdf", blank_pdf(), "the document has no text"),
    ("ke-hoach.pdf", b"PK\x03\x04", "the file is named .pdf but holds a zip archive"),
])
def test_empty_and_mislabelled_files_are_refused(name, content, message):
    with pytest.raises(CorpusError, match=f"^{message}"):
        document_from_file(name, content, "x")


def test_explicit_issue_dates_must_be_dates(plan_pdf):
    with pytest.raises(CorpusError, match="'metadata.issued_date' must be a date as YYYY-MM-DD"):
        document_from_file("ke-hoach.pdf", plan_pdf, "kh", metadata={"issued_date": "14/3/2024"})


def test_posted_text_gets_its_header_read_and_the_posted_fields_win():
    text = "ỦY BAN NHÂN DÂN\nXÃ PHONG NIÊN\nSố: 58/BC-UBND\nPhong Niên, ngày 25 tháng 12 năm 2023\nBÁO CÁO\n" \
           "Kết quả chuyển đổi số năm 2023\nNăm 2023, xã có 1.250 tài khoản định danh điện tử."
    document = document_from_text("bc-58", None, text, {"doc_type": "Báo cáo tổng kết"})
    assert document.title == "Báo cáo Kết quả chuyển đổi số năm 2023"
    assert document.metadata == {"doc_code": "58/BC-UBND", "issued_date": "2023-12-25",
                                 "doc_type": "Báo cáo tổng kết", "issuer": "Ủy ban nhân dân xã Phong Niên"}


def test_a_corpus_folder_reads_every_format(tmp_path, plan_pdf, decision_docx, news_html):
    (tmp_path / "ke-hoach.pdf").write_bytes(plan_pdf)
    (tmp_path / "quyet-dinh.docx").write_bytes(decision_docx)
    (tmp_path / "tin.htm").write_bytes(news_html)
    (tmp_path / "ghi-chu.txt").write_text("Ghi chú\nNội dung.", encoding="utf-8")
    documents = {document.id: document for document in read_corpus(tmp_path)}
    assert sorted(documents) == ["ghi-chu", "ke-hoach", "quyet-dinh", "tin"]
    assert documents["ke-hoach"].metadata["doc_code"] == "125/KH-UBND"
    assert documents["tin"].title == NEWS_HEADLINE
    assert PLAN.paragraphs[0] in documents["ke-hoach"].text


def test_a_bad_file_in_the_corpus_is_named(tmp_path):
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4\nnot a pdf at all")
    with pytest.raises(CorpusError, match="^hong.pdf: the PDF is damaged and cannot be read$"):
        read_corpus(tmp_path)


def test_stated_and_found_metadata_text_is_nfc(news_html):
    decomposed = "Ba\u0309o Tha\u0306\u0301ng"  # "Bảo Thắng" typed with combining marks
    document = document_from_file("tin.html", news_html, "tin", metadata={"district": decomposed})
    assert document.metadata["district"] == "Bảo Thắng"
    assert all(unicodedata.is_normalized("NFC", value) for value in document.metadata.values()
               if isinstance(value, str))
