import json

import pytest

from index.corpus import CorpusError, read_corpus
from index.corpus_store import (DocumentConflict, atomic_write, delete_document, document_from_json,
                                document_from_upload, holder_of, save_document)
from index.documents import Document


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.jsonl"
    atomic_write(target, b"one\n")
    atomic_write(target, b"two\n")
    assert target.read_bytes() == b"two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.jsonl"]


def test_new_document_gets_its_own_file_and_reads_back(small_corpus):
    created = save_document(small_corpus, Document("moi", "Tiêu đề", "Nội dung mới: 3,4 triệu lượt.", {"a": 1}))
    assert created
    assert json.loads((small_corpus / "moi.jsonl").read_text(encoding="utf-8"))["text"] == "Nội dung mới: 3,4 triệu lượt."
    assert "moi" in {d.id for d in read_corpus(small_corpus)}


def test_replacing_a_document_rewrites_the_file_that_holds_it(small_corpus):
    assert not save_document(small_corpus, Document("bn", "Mới", "Bắc Ninh xếp thứ 5/63.", {}))
    documents = {d.id: d for d in read_corpus(small_corpus)}
    assert documents["bn"].text == "Bắc Ninh xếp thứ 5/63." and len(documents) == 3
    assert holder_of(small_corpus, "bn").name == "docs.jsonl"


def test_deleting_from_a_shared_file_keeps_the_others(small_corpus):
    assert delete_document(small_corpus, "bn")
    assert {d.id for d in read_corpus(small_corpus)} == {"qn", "qn-dvc"}
    assert not delete_document(small_corpus, "bn")


def test_deleting_a_documents_own_file_removes_it(small_corpus):
    save_document(small_corpus, Document("moi", "", "Văn bản.", {}))
    assert delete_document(small_corpus, "moi")
    assert not (small_corpus / "moi.jsonl").exists()


def test_a_text_file_document_cannot_be_replaced_through_the_store(small_corpus):
    (small_corpus / "ghi-chu.txt").write_text("Ghi chú\nNội dung", encoding="utf-8")
    with pytest.raises(DocumentConflict):
        save_document(small_corpus, Document("ghi-chu", "", "Khác", {}))
    assert delete_document(small_corpus, "ghi-chu")


@pytest.mark.parametrize("body, message", [
    ({"id": "../x", "text": "a"}, "id must be"),
    ({"id": "", "text": "a"}, "id must be"),
    ({"id": "x"}, "'text' must be"),
    ({"id": "x", "text": "   "}, "'text' must be"),
    ({"id": "x", "text": "a", "metadata": []}, "'metadata' must be"),
    ({"id": "x", "text": "a", "title": 3}, "'title' must be"),
])
def test_posted_documents_are_checked(body, message):
    with pytest.raises(CorpusError, match=message):
        document_from_json(body)


def test_uploaded_markdown_reads_like_a_corpus_file():
    document = document_from_upload("thong-bao.md", "# Thông báo mới\n\nHoà  nhập số.".encode())
    assert (document.id, document.title, document.text) == ("thong-bao", "Thông báo mới", "Hoà nhập số.")
    with pytest.raises(CorpusError, match="upload a PDF, DOCX, HTML, TXT or MD file"):
        document_from_upload("x.odt", b"PK\x03\x04")
    with pytest.raises(CorpusError, match="UTF-8"):
        document_from_upload("x.txt", b"Ho\xe0 nh\xe2p s\xf4")


def test_texts_with_unicode_line_separators_survive_a_round_trip(small_corpus):
    save_document(small_corpus, Document("sep", "", "Dòng một\u2028dòng hai\x85ba\x1cbốn", {}))
    save_document(small_corpus, Document("sau", "", "Văn bản sau.", {}))
    assert {d.id for d in read_corpus(small_corpus)} >= {"sep", "sau"}


def test_posted_documents_get_the_provinces_they_are_about():
    document = document_from_json({"id": "bn-1", "text": "Tỉnh Bắc Ninh đạt 99% hồ sơ trực tuyến. Bắc Ninh dẫn đầu."})
    assert document.metadata == {"provinces": ["Bắc Ninh"], "province": "Bắc Ninh"}
    given = document_from_json({"id": "x", "text": "Bắc Ninh.", "metadata": {"province": "Quảng Ninh"}})
    assert given.metadata == {"province": "Quảng Ninh"}, "what the poster said stands"
