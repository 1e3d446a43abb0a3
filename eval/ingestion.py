"""Ingestion time per page: reading a file into a document (its format, cleaning, the
administrative header), what an upload costs before the index is rebuilt. Indexing the
text afterwards costs what any passage costs (the build table).

The files are eval/sample_documents.py's: the plan as a PDF with a text layer (its
paragraphs repeated over seven pages) and as a DOCX of the same text, the news page
as HTML, and the notice as a scanned PDF read by OCR when Tesseract is installed.
"""

import statistics
import time

from eval.sample_documents import NOTICE, PLAN, docx_document, news_page, pdf_document, scanned_pdf

PLAN_COPIES = 5  # the plan's paragraphs five times over: seven A4 pages


def long_plan(copies: int = PLAN_COPIES):
    from dataclasses import replace

    return replace(PLAN, paragraphs=PLAN.paragraphs * copies)


def median_seconds(read, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def row(label: str, name: str, content: bytes, pages: int, repeats: int) -> dict:
    from index.document_files import document_from_file

    seconds = median_seconds(lambda: document_from_file(name, content, "bench"), repeats)
    return {"format": label, "bytes": len(content), "pages": pages, "seconds": round(seconds, 3),
            "ms_per_page": round(seconds * 1000 / pages, 1)}


def measure_ingestion(repeats: int = 3) -> list[dict]:
    """One row per kind of file: its size, pages, median reading time and time per page."""
    from index.document_files import document_from_file
    from index.formats.ocr import vietnamese_ocr_available

    plan = long_plan()
    pdf = pdf_document(plan)
    pages = document_from_file("plan.pdf", pdf, "bench").metadata["pages"]  # also warms the PDF reader
    document_from_file("page.html", news_page(), "bench")  # and the HTML reader's imports
    rows = [row("PDF, text layer", "plan.pdf", pdf, pages, repeats),
            row(f"DOCX, the same text ({pages} pages as a PDF)", "plan.docx", docx_document(plan), pages, repeats),
            row("HTML news page (one page)", "page.html", news_page(), 1, repeats)]
    if vietnamese_ocr_available():
        rows.append(row("PDF, scanned (OCR, 300 dpi)", "scan.pdf", scanned_pdf(NOTICE), 1, max(1, repeats - 1)))
    return rows
