"""The benchmark's ingestion figures: a row per kind of file and its table."""

from eval.bench_table import ingestion_table, markdown_tables
from eval.ingestion import long_plan, row
from eval.sample_documents import PLAN, news_page


def test_a_row_times_reading_a_file_per_page():
    figures = row("HTML news page (one page)", "page.html", news_page(), 1, repeats=1)
    assert figures["format"] == "HTML news page (one page)" and figures["pages"] == 1
    assert figures["seconds"] > 0 and abs(figures["ms_per_page"] - figures["seconds"] * 1000) < 1  # rounded apart


def test_the_long_plan_repeats_the_plan():
    assert long_plan(2).paragraphs == PLAN.paragraphs * 2 and long_plan(2).signer == PLAN.signer


def test_the_ingestion_table_and_a_report_holding_only_it():
    rows = [{"format": "PDF, text layer", "bytes": 79_872, "pages": 7, "seconds": 0.636, "ms_per_page": 90.9}]
    table = ingestion_table(rows)
    assert table.splitlines()[2] == "| PDF, text layer | 78 KiB | 7 | 636 ms | 91 ms |"
    assert markdown_tables({"ingestion": rows}) == table
