"""PDF files: the text layer read with pdfminer.six and laid out into paragraphs
(index.formats.layout); pages without one (scans) recognised by OCR (index.formats.ocr)."""

import io
import re

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTContainer, LTImage, LTPage, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from index.formats.base import ExtractedText, FileTooLarge, UnreadableFile
from index.formats.layout import Line, Page, page_text
from index.formats.ocr import TESSERACT, recognise_pdf_pages

MAX_PAGES = 2000
MAX_OCR_PAGES = 50  # about 5 s a page on two cores: a longer scan belongs in a batch job
MIN_TEXT_LETTERS = 10  # fewer letters than this on a page with an image: a scan, perhaps with a stamp
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")  # a font without a Unicode map: no usable text
ENCRYPTED = "the PDF is encrypted: upload it without a password"
DAMAGED = "the PDF is damaged and cannot be read"


def text_lines(layout) -> list[LTTextLine]:
    lines = []
    for item in layout:
        if isinstance(item, LTTextLine):
            lines.append(item)
        elif isinstance(item, LTContainer):
            lines.extend(text_lines(item))
    return lines


def has_image(layout) -> bool:
    return any(isinstance(item, LTImage) or (isinstance(item, LTContainer) and has_image(item)) for item in layout)


def page_of(layout: LTPage) -> tuple[Page, bool]:
    """The page in top-down coordinates, and whether it needs OCR."""
    x0, y0, x1, y1 = layout.bbox
    lines = []
    for line in text_lines(layout):
        text = UNMAPPED_GLYPH.sub("", line.get_text()).rstrip("\n")
        if text.strip():
            lines.append(Line(text, line.x0 - x0, line.x1 - x0, y1 - line.y1, y1 - line.y0))
    letters = sum(character.isalpha() for line in lines for character in line.text)
    return Page(tuple(lines), x1 - x0, y1 - y0), letters < MIN_TEXT_LETTERS and has_image(layout)


def laid_out_pages(content: bytes) -> list[tuple[Page, bool]]:
    parser = PDFParser(io.BytesIO(content))
    document = PDFDocument(parser)  # raises for a password it does not have
    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for number, page in enumerate(PDFPage.create_pages(document)):
        if number >= MAX_PAGES:
            raise FileTooLarge(f"the PDF has more than {MAX_PAGES} pages")
        interpreter.process_page(page)
        pages.append(page_of(device.get_result()))
    return pages


def read_pdf(content: bytes, max_ocr_pages: int = MAX_OCR_PAGES, tesseract: str = TESSERACT) -> ExtractedText:
    try:
        laid_out = laid_out_pages(content)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableFile(ENCRYPTED) from None
    except UnreadableFile:
        raise
    except Exception:  # a damaged file can fail anywhere inside the parser, with any error
        raise UnreadableFile(DAMAGED) from None
    if not laid_out:
        raise UnreadableFile("the PDF has no pages")
    scanned = [number for number, (_, needs_ocr) in enumerate(laid_out) if needs_ocr]
    if len(scanned) > max_ocr_pages:
        raise FileTooLarge(f"the PDF has {len(scanned)} scanned pages; OCR reads at most {max_ocr_pages} a file")
    recognised = recognise_pdf_pages(content, scanned, command=tesseract) if scanned else {}
    pages = [recognised.get(number, page) for number, (page, _) in enumerate(laid_out)]
    metadata = {"pages": len(pages)}
    if scanned:
        metadata["ocr_pages"] = len(scanned)
    return ExtractedText(page_text(pages), metadata=metadata)
