"""Split Vietnamese text into sentence spans, rule-based and without a model."""

import re

# Words that end with a period without ending a sentence, compared lowercased. A dotted word is
# one when all of its parts are ("PGS.TS", "Th.S"), and so is any single capital ("Nguyễn V. An").
# Titles and place prefixes lead into a name ("TP. Hạ Long", "TX. Quảng Yên", "PGS.TS. Nguyễn"),
# so a capital after them is never a new sentence. "v.v." is deliberately absent: in Vietnamese
# prose it mostly closes the sentence, so "... v.v. Tỉnh" is split, while "v.v. và" is not.
ABBREVIATIONS = frozenset(
    {
        "tp", "tx", "tt", "q",  # thành phố, thị xã, thị trấn, quận
        "th", "ths", "ts", "pgs", "gs", "bs", "ks", "cn", "ls",  # degrees and titles
        "mr", "mrs", "ms", "dr", "st", "tr", "no",  # "tr. 15": trang (page)
    }
)  # fmt: skip

_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
# Terminal punctuation, then any closing quotes or brackets that belong to the same sentence.
_TERMINATOR = re.compile(r"([.!?…]+)([”\"’'»)\]]*)")
_WHITESPACE = re.compile(r"\s+")
# A list marker at the start of a line: "- ", "+ ", "• ", "a) ", "1. ", "(2) ", "IV. ".
_LINE_LIST_MARKER = re.compile(r"\s*(?:[-+•*–—]|\(?(?:\d{1,3}|[a-zđ]|[ivxlc]+)[.)])\s+", re.I)
_INLINE_LIST_MARKER = re.compile(r"[a-zđ]\)\s")
_SENTENCE_OPENERS = frozenset("“\"‘'«([-+•*–—")
_QUOTE_OPENERS = "“«\""
_QUOTE_CLOSERS = "”»\""
_OPENING_PUNCTUATION = "([“\"‘'«"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`, trimmed, in order.

    Every line break ends a sentence, so a list item on its own line is a sentence. Within a
    line a sentence ends after ".", "!", "?" or "…" (plus closing quotes) when whitespace and then
    a capital, a digit, an opening quote or a list marker follow, except after an abbreviation
    (`ABBREVIATIONS`) or inside a quotation that closes later on the line. Numbers such as
    "6.100" or "4.0" are never split because no whitespace follows their period.
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for boundary in _line_boundaries(line.group()):
            spans += _trimmed_span(text, start, line.start() + boundary)
            start = line.start() + boundary
        spans += _trimmed_span(text, start, line.end())
    return spans


def _line_boundaries(line: str) -> list[int]:
    """Offsets in `line` where a sentence ends."""
    marker = _LINE_LIST_MARKER.match(line)
    quotes = _quote_regions(line)
    boundaries = []
    for match in _TERMINATOR.finditer(line, marker.end() if marker else 0):
        end = match.end()
        if not _starts_sentence(line, end) or _inside_any(quotes, end):
            continue
        if match.group(1) == "." and _is_abbreviation(_word_before(line, match.start())):
            continue
        boundaries.append(end)
    return boundaries


def _starts_sentence(line: str, position: int) -> bool:
    """Whether whitespace and then the start of a sentence follow `position`."""
    gap = _WHITESPACE.match(line, position)
    if gap is None or gap.end() == len(line):
        return False
    first = line[gap.end()]
    return (
        first.isupper()
        or first.isdigit()
        or first in _SENTENCE_OPENERS
        or _INLINE_LIST_MARKER.match(line, gap.end()) is not None
    )


def _quote_regions(line: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation that is closed on this line; an unclosed one is ignored."""
    regions = []
    opened_at = None
    for index, char in enumerate(line):
        if opened_at is None and char in _QUOTE_OPENERS:
            opened_at = index
        elif opened_at is not None and char in _QUOTE_CLOSERS:
            regions.append((opened_at, index + 1))
            opened_at = None
    return regions


def _inside_any(regions: list[tuple[int, int]], position: int) -> bool:
    # A boundary right after the closing quote (end == position) ends the quoted sentence.
    return any(start < position < end for start, end in regions)


def _word_before(line: str, position: int) -> str:
    start = position
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:position].lstrip(_OPENING_PUNCTUATION)


def _is_abbreviation(word: str) -> bool:
    parts = word.split(".")
    return bool(word) and all(
        part.lower() in ABBREVIATIONS or (len(part) == 1 and part.isupper()) for part in parts
    )


def _trimmed_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[(start, end)] narrowed to exclude surrounding whitespace, or [] if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []
