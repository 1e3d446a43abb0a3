"""Reading documents as people have them: PDF (with OCR for scans), DOCX, web pages, plain text.

`extract_text(name, content)` checks the content against the file's extension and hands it
to the reader of that format; every reader returns an `ExtractedText` or raises
`UnreadableFile` with a message a person can act on. Readers are imported on first use, so
a service that never sees a PDF never loads a PDF library.
"""

from pathlib import Path

from index.formats.base import MAX_UNPACKED_BYTES, ExtractedText, FileTooLarge, UnreadableFile
from index.formats.sniffing import FORMAT_OF_SUFFIX, checked_format

READABLE_SUFFIXES = tuple(FORMAT_OF_SUFFIX)

__all__ = ["MAX_UNPACKED_BYTES", "READABLE_SUFFIXES", "ExtractedText", "FileTooLarge", "UnreadableFile",
           "extract_text"]


def extract_text(name: str, content: bytes, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> ExtractedText:
    """The text of a file named `name` holding `content`."""
    if not content.strip():
        raise UnreadableFile("the file is empty")
    suffix = Path(name).suffix.lower()
    kind = checked_format(suffix, content)
    if kind == "pdf":
        from index.formats.pdf_reader import read_pdf

        return read_pdf(content)
    if kind == "docx":
        from index.formats.docx_reader import read_docx

        return read_docx(content, max_unpacked_bytes)
    if kind == "html":
        from index.formats.html_reader import read_html

        return read_html(content)
    from index.formats.text_reader import read_text

    return read_text(content, markdown=suffix == ".md")
