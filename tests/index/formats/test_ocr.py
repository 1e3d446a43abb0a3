"""OCR's pure part: Tesseract's word boxes into positioned lines; and telling when it is missing."""

from index.formats.ocr import tesseract_languages, tsv_lines, vietnamese_ocr_available

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def word(line: int, number: int, left: int, text: str, top: int = 100, width: int = 80, height: int = 40) -> str:
    return f"5\t1\t1\t1\t{line}\t{number}\t{left}\t{top}\t{width}\t{height}\t96.0\t{text}\n"


def test_words_become_lines_in_points_and_a_wide_gap_splits_columns():
    tsv = (HEADER + "4\t1\t1\t1\t1\t0\t100\t100\t1500\t40\t-1\t\n"
           + word(1, 1, 100, "ỦY") + word(1, 2, 190, "BAN") + word(1, 3, 900, "CỘNG") + word(1, 4, 990, "HÒA")
           + word(2, 1, 100, "HUYỆN", top=150) + word(2, 2, 190, "BẢO", top=150) + word(2, 3, 280, " ", top=150))
    lines = tsv_lines(tsv, scale=72 / 300)
    assert [line.text for line in lines] == ["ỦY BAN", "CỘNG HÒA", "HUYỆN BẢO"]
    first = lines[0]
    assert (round(first.left, 1), round(first.right, 1), round(first.top, 1), round(first.bottom, 1)) == (
        24.0, 64.8, 24.0, 33.6)


def test_a_missing_tesseract_reads_no_language():
    assert tesseract_languages("tesseract-not-installed") == frozenset()
    assert not vietnamese_ocr_available("tesseract-not-installed")
