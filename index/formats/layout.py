"""From positioned lines on pages to paragraphs of running text: pure functions.

A PDF (or an OCR'd scan) gives lines where the page ran out of width, not where the author
ended a paragraph, plus what is printed on every page: a running header, a footer, the page
number. Both the PDF reader and the OCR reader hand their lines here, so both are joined
and cleaned by the same rules:

- lines are read top to bottom, and left to right within a row (the two columns of an
  administrative header, issuer and national motto, sit side by side);
- a line in the top or bottom band of the page that repeats on most pages (digits aside),
  or that is only a page number, is furniture and is dropped;
- a line that runs to the right margin continues on the next line, unless that one is
  indented, starts a list item, or sits after a paragraph's worth of space; a paragraph
  may continue across a page break.
"""

import re
import statistics
from dataclasses import dataclass

BAND = 0.1  # top and bottom tenth of the page: where headers, footers and page numbers live
PAGE_NUMBER = re.compile(r"^(trang\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(\s*(/|trên)\s*\d{1,4})?$", re.IGNORECASE)
LIST_ITEM = re.compile(r"^([-+•*–—]\s|\(?(\d{1,3}|[a-zđ]|[IVXLC]+)[.)]\s)", re.IGNORECASE)
DIGITS = re.compile(r"\d+")
SPACES = re.compile(r"\s+")
WRAP_TOLERANCE = 0.1  # a line ending within this share of the column's width from its right edge wrapped
MARGIN_STEP = 3  # points: lefts this close count as one margin (scans jitter by a pixel or two)
MARGIN_SHARE = 0.15  # a line starting further into the column than this is centred or in a second column
INDENT_CHARACTERS = 1.5  # a first line indented by this many characters' width starts a paragraph
PARAGRAPH_GAP = 0.5  # extra space, in line heights, over the page's usual gap between lines


@dataclass(frozen=True)
class Line:
    """One printed line; coordinates in points from the page's top-left corner, y growing down."""

    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def character_width(self) -> float:
        return (self.right - self.left) / max(len(self.text.strip()), 1)


@dataclass(frozen=True)
class Page:
    lines: tuple[Line, ...]
    width: float
    height: float


def reading_order(lines: list[Line]) -> list[Line]:
    """Rows top to bottom (lines whose tops are within half a line of each other share one),
    each row left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: (line.top, line.left)):
        if rows and line.top - rows[-1][0].top < 0.5 * rows[-1][0].height:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.left)]


def furniture_signature(text: str) -> str:
    """'Trang 3/12' and 'Trang 4/12' are the same footer: digits do not count."""
    return SPACES.sub(" ", DIGITS.sub("#", text.strip().lower()))


def in_band(line: Line, page: Page) -> bool:
    return line.bottom <= BAND * page.height or line.top >= (1 - BAND) * page.height


def without_furniture(pages: list[Page]) -> list[Page]:
    """Pages less their page numbers and the header and footer lines repeated on most pages."""
    seen_on: dict[str, int] = {}
    for page in pages:
        for signature in {furniture_signature(line.text) for line in page.lines if in_band(line, page)}:
            seen_on[signature] = seen_on.get(signature, 0) + 1
    repeated = {signature for signature, count in seen_on.items() if count >= 2 and count * 2 >= len(pages)}

    def is_furniture(line: Line, page: Page) -> bool:
        if not in_band(line, page):
            return False
        return PAGE_NUMBER.match(line.text.strip()) is not None or furniture_signature(line.text) in repeated
    return [Page(tuple(line for line in page.lines if not is_furniture(line, page)), page.width, page.height)
            for page in pages]


@dataclass(frozen=True)
class Column:
    """Where a document's text runs: its left margin, right margin and usual gap between lines."""

    left: float
    right: float
    gap: float


def column_of(lines: list[Line]) -> Column:
    # Most lines of running text start at the margin; the widest ones end at the other.
    left = statistics.mode(MARGIN_STEP * round(line.left / MARGIN_STEP) for line in lines) if lines else 0.0
    at_margin = [line for line in lines if abs(line.left - left) <= 2 * line.character_width] or lines
    right = max((line.right for line in at_margin), default=0.0)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if 0 <= b.top - a.bottom < 3 * a.height]  # same page
    return Column(float(left), right, statistics.median(gaps) if gaps else 0.0)


def wraps(line: Line, column: Column) -> bool:
    """Whether the line ran out of width rather than ended."""
    return line.right >= column.right - WRAP_TOLERANCE * max(column.right - column.left, 1.0)


def starts_paragraph(line: Line, column: Column) -> bool:
    text = line.text
    indented = (line.left - column.left > INDENT_CHARACTERS * line.character_width
                or len(text) - len(text.lstrip()) >= 2)
    return indented or LIST_ITEM.match(text.strip()) is not None


def at_left_margin(line: Line, column: Column) -> bool:
    """Starts at the margin or a first-line indent away: not in a second column, not centred far in."""
    return line.left - column.left <= MARGIN_SHARE * max(column.right - column.left, 1.0)


def continues(previous: Line, line: Line, column: Column, same_page: bool) -> bool:
    """Whether `line` carries on the paragraph `previous` is part of."""
    if not wraps(previous, column) or not at_left_margin(previous, column) or starts_paragraph(line, column):
        return False
    return not same_page or line.top - previous.bottom <= column.gap + PARAGRAPH_GAP * previous.height


def paragraphs(pages: list[Page]) -> list[str]:
    """The running text of the pages as paragraphs, lines broken by the layout joined back.
    The margins are the document's, not each page's: a last page holding only a signature
    block says nothing about where lines end."""
    ordered = [[line for line in reading_order(list(page.lines)) if line.text.strip()] for page in pages]
    column = column_of([line for lines in ordered for line in lines])
    result: list[list[str]] = []
    previous: tuple[Line, int] | None = None
    for number, lines in enumerate(ordered):
        for line in lines:
            if previous is not None and continues(previous[0], line, column, previous[1] == number):
                result[-1].append(line.text.strip())
            else:
                result.append([line.text.strip()])
            previous = (line, number)
    return [" ".join(parts) for parts in result]


def page_text(pages: list[Page]) -> str:
    """The pages as clean-ready text: paragraphs separated by a blank line."""
    return "\n\n".join(paragraphs(without_furniture(pages)))
