"""Word files (.docx) read with python-docx: paragraphs and tables in the order they appear.

Administrative documents lay their header (issuer | national motto, number | place and
date) and signature block out as borderless two-column tables, so a table of one or two
columns is read cell by cell, each paragraph on its own; a wider table is data and is
read a row to a line, cells separated by " | ", so each row stays one statement.
"""

import io
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from index.formats.base import MAX_UNPACKED_BYTES, ExtractedText, FileTooLarge, UnreadableFile

LAYOUT_TABLE_COLUMNS = 2


def checked_archive(content: bytes, max_unpacked_bytes: int) -> None:
    """A zip holding a Word document, unpacking within the limit. zipfile never yields more than
    an entry's declared size, so the declared sizes bound what python-docx will unpack."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        raise UnreadableFile("the DOCX is not a valid zip archive") from None
    with archive:
        if sum(info.file_size for info in archive.infolist()) > max_unpacked_bytes:
            raise FileTooLarge(f"the DOCX unpacks to more than {max_unpacked_bytes:,} bytes")
        if "word/document.xml" not in archive.namelist():
            raise UnreadableFile("the zip archive is not a Word document")


def unique_cells(row) -> list:
    """A merged cell is listed once per grid column it spans; keep it once."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def table_blocks(table: Table) -> list[str]:
    rows = [unique_cells(row) for row in table.rows]
    if max((len(cells) for cells in rows), default=0) <= LAYOUT_TABLE_COLUMNS:
        return [block for cells in rows for cell in cells for block in blocks(cell)]
    lines = []
    for cells in rows:
        texts = [" ".join(" ".join(blocks(cell)).split()) for cell in cells]
        if any(texts):
            lines.append(" | ".join(texts))
    return lines


def blocks(container) -> list[str]:
    """The texts of a document body or table cell, in order; a line break inside a paragraph stays."""
    found = []
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            found.append(item.text)
        elif isinstance(item, Table):
            found.extend(table_blocks(item))
    return [text for text in found if text.strip()]


def read_docx(content: bytes, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> ExtractedText:
    checked_archive(content, max_unpacked_bytes)
    try:
        document = docx.Document(io.BytesIO(content))
        texts = blocks(document)
    except Exception:  # python-docx fails on a damaged part with whatever its XML layer raises
        raise UnreadableFile("the DOCX is damaged and cannot be read") from None
    return ExtractedText("\n\n".join(texts))
