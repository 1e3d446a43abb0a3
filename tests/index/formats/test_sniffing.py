"""A file's format from its bytes, and refusing a file whose content is not what its name says."""

import pytest

from index.formats import UnreadableFile
from index.formats.sniffing import checked_format, sniff_format


@pytest.mark.parametrize("content, found", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\xef\xbb\xbf   %PDF-1.4", "pdf"),  # junk before the header is allowed in the first 1,024 bytes
    (b"PK\x03\x04\x14\x00", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "ole"),
    (b"\x89PNG\r\n\x1a\n\x00", "image"),
    (b"\xff\xd8\xff\xe0", "image"),
    (b"<!DOCTYPE html><html>", "html"),
    (b"\xef\xbb\xbf\n  <html lang='vi'>", "html"),
    ("Kế hoạch số 125".encode(), "text"),
    (b"abc\x00def", "binary"),
])
def test_formats_are_told_by_content(content, found):
    assert sniff_format(content) == found


@pytest.mark.parametrize("name, content, kind", [
    ("a.pdf", b"%PDF-1.4", "pdf"),
    ("a.DOCX", b"PK\x03\x04", "docx"),
    ("a.htm", b"<!doctype html>", "html"),
    ("a.html", b"<body><article><p>Tin</p></article></body>", "html"),  # a saved fragment
    ("a.md", "# Tiêu đề".encode(), "text"),
])
def test_content_that_agrees_with_the_extension_is_read_as_it(name, content, kind):
    assert checked_format("." + name.rsplit(".", 1)[1], content) == kind


@pytest.mark.parametrize("suffix, content, message", [
    (".pdf", b"PK\x03\x04", "the file is named .pdf but holds a zip archive"),
    (".docx", "Nội dung".encode(), "the file is named .docx but holds plain text"),
    (".docx", b"%PDF-1.4", "the file is named .docx but holds a PDF"),
    (".docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "the file is named .docx but holds an old Word"),
    (".txt", b"%PDF-1.4", "the file is named .txt but holds a PDF"),
    (".txt", b"<!DOCTYPE html><html></html>", "the file is named .txt but holds an HTML page"),
    (".html", "chỉ là chữ".encode(), "the file is named .html but holds plain text"),
    (".pdf", b"\x89PNG\r\n\x1a\n", "the file is named .pdf but holds an image"),
    (".doc", b"\xd0\xcf\x11\xe0", "old Word .doc files are not read: save it as .docx or PDF"),
    (".odt", b"PK\x03\x04", "unsupported file type: upload a PDF, DOCX, HTML, TXT or MD file"),
])
def test_a_mismatch_is_refused_with_what_the_file_holds(suffix, content, message):
    with pytest.raises(UnreadableFile, match=message.replace(".", r"\.")):
        checked_format(suffix, content)
