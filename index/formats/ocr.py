"""Scanned pages read with Tesseract's Vietnamese model (Debian: tesseract-ocr, tesseract-ocr-vie).

A page is rendered with PDFium (pypdfium2) and recognised by the `tesseract` program; its
word boxes come back as positioned lines, so the layout rules that join a PDF's lines
(index.formats.layout) join an OCR'd page's too. Without the program or its Vietnamese
model, a scan is refused with a message that says what to install.
"""

import csv
import io
import os
import subprocess

from index.formats.base import UnreadableFile
from index.formats.layout import Line, Page

TESSERACT = "tesseract"
LANGUAGE = "vie"
DPI = 300  # Tesseract reads diacritics reliably from about 300 dots per inch
POINTS_PER_INCH = 72
TIMEOUT_SECONDS = 120  # one page; a stuck recognition must not hold an upload forever
COLUMN_GAP = 1.5  # line heights of blank between two words: they are in different columns
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie (make does)"


def tesseract_languages(command: str = TESSERACT) -> frozenset[str]:
    """The languages the installed Tesseract reads; empty when it is not installed."""
    try:
        listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:] if line.strip())


def vietnamese_ocr_available(command: str = TESSERACT) -> bool:
    return LANGUAGE in tesseract_languages(command)


def tsv_lines(tsv: str, scale: float) -> list[Line]:
    """Tesseract's word boxes (TSV, pixels) grouped into lines, in points (`scale` points a pixel).
    Tesseract may read two columns on one baseline (issuer | motto) as one line: a gap wider
    than COLUMN_GAP line heights splits it."""
    lines: dict[tuple[str, str, str], list[dict]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    result = []
    for words in lines.values():
        words.sort(key=lambda word: int(word["left"]))
        height = max(int(word["height"]) for word in words)
        segment = [words[0]]
        for word in words[1:]:
            previous = segment[-1]
            if int(word["left"]) - (int(previous["left"]) + int(previous["width"])) > COLUMN_GAP * height:
                result.append(line_of(segment, scale))
                segment = []
            segment.append(word)
        result.append(line_of(segment, scale))
    return result


def line_of(words: list[dict], scale: float) -> Line:
    left = min(int(w["left"]) for w in words)
    right = max(int(w["left"]) + int(w["width"]) for w in words)
    top = min(int(w["top"]) for w in words)
    bottom = max(int(w["top"]) + int(w["height"]) for w in words)
    return Line(" ".join(w["text"].strip() for w in words), left * scale, right * scale, top * scale, bottom * scale)


def recognise_image(png: bytes, width: float, height: float, dpi: int = DPI, command: str = TESSERACT) -> Page:
    """One page image (PNG bytes) as a Page of lines, `width` x `height` points."""
    # One OpenMP thread: Tesseract's own threading slows it down on a small, shared machine.
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run([command, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"], input=png,
                              capture_output=True, timeout=TIMEOUT_SECONDS, env=environment, check=False)
    except subprocess.TimeoutExpired:
        raise UnreadableFile("OCR of a scanned page took too long") from None
    except OSError:
        raise UnreadableFile(f"the PDF has scanned pages and OCR is not installed: {INSTALL_HINT}") from None
    if done.returncode != 0:
        raise UnreadableFile("OCR could not read a scanned page")
    return Page(tuple(tsv_lines(done.stdout.decode("utf-8", errors="replace"), POINTS_PER_INCH / dpi)),
                width, height)


def recognise_pdf_pages(content: bytes, page_numbers: list[int], dpi: int = DPI,
                        command: str = TESSERACT) -> dict[int, Page]:
    """The given pages (0-based) of a PDF, rendered and recognised."""
    if not vietnamese_ocr_available(command):
        raise UnreadableFile(f"the PDF has scanned pages and OCR is not installed: {INSTALL_HINT}")
    pages = {}
    for number in page_numbers:
        png, width, height = rendered_page(content, number, dpi)
        pages[number] = recognise_image(png, width, height, dpi, command)
    return pages


def rendered_page(content: bytes, number: int, dpi: int) -> tuple[bytes, float, float]:
    """Page `number` (0-based) of a PDF as a greyscale PNG, with its size in points."""
    import pypdfium2  # loaded only when a scan arrives

    try:
        document = pypdfium2.PdfDocument(content)
        try:
            page = document[number]
            width, height = page.get_size()
            image = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True).to_pil()
            page.close()
        finally:
            document.close()
    except Exception:  # PDFium refuses a page pdfminer could parse: damaged all the same
        raise UnreadableFile("a scanned page of the PDF could not be rendered") from None
    png = io.BytesIO()
    image.save(png, format="PNG")
    return png.getvalue(), width, height
