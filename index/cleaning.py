"""Cleaning raw web captures of news articles into document text.

Captures carry page furniture (navigation, weather, exchange-rate and visit-counter
widgets, share footers, comment counters), photo credits, captions repeated twice
and bylines. Every rule works line by line so that a reader can check each one.
"""

import difflib
import re

from index.vietnamese.text import normalize_whitespace, to_nfc

# Whole lines that are widgets or navigation on Vietnamese news portals.
FURNITURE_LINES = frozenset({
    "tất cả chuyên mục", "liên kết website", "thời tiết", "tỷ giá ngoại tệ", "tỷ giá",
    "thống kê truy cập", "chia sẻ:", "chia sẻ", "chú thích ảnh", "ý kiến ()", "bình luận",
    "in bài viết", "các đơn vị thông tin của ttxvn",
})
FURNITURE_PATTERNS = (
    re.compile(r"^đang online \d+.*lượt truy cập", re.IGNORECASE),
    re.compile(r"^(thứ \d|thứ hai|thứ ba|thứ tư|thứ năm|thứ sáu|thứ bảy|chủ nhật),\s*\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE),
    re.compile(r"^(bài \d+|bài cuối):", re.IGNORECASE),  # links to the other parts of a series
    re.compile(r"^ý kiến \(\d*\)$", re.IGNORECASE),
    re.compile(r"\bthông cáo báo chí\b.*\brao vặt\b", re.IGNORECASE),
)
PHOTO_CREDIT = re.compile(r"\s*Ảnh:\s*[^.|]{1,60}(\|\s*)?$")
BYLINE_SOURCE = re.compile(r"^Theo\s+(?P<author>[^/]{2,40})/(?P<source>\S+)$")
BYLINE_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*(\s[A-ZĐÀ-Ỹ][a-zà-ỹđ]*){1,3}$")
PAGE_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s*\|")
NEAR_DUPLICATE_RATIO = 0.85


def is_furniture(line: str) -> bool:
    lowered = line.lower()
    if len(lowered) <= 2 or lowered in FURNITURE_LINES:
        return True
    return any(pattern.search(lowered) for pattern in FURNITURE_PATTERNS)


def strip_photo_credit(line: str) -> str:
    """'… TP. Hạ Long. Ảnh: Dương Trường |' -> '… TP. Hạ Long.'"""
    return PHOTO_CREDIT.sub("", line)


def drop_repeated_lines(lines: list[str]) -> list[str]:
    """Captions are often printed twice in a row, the second time corrected; keep the last."""
    kept: list[str] = []
    for line in lines:
        if kept and difflib.SequenceMatcher(None, kept[-1].lower(), line.lower()).ratio() >= NEAR_DUPLICATE_RATIO:
            kept[-1] = line
        else:
            kept.append(line)
    return kept


def find_byline(lines: list[str]) -> tuple[int, dict] | None:
    """The last 'Theo Author/source' or bare author-name line ends the article body."""
    for index in range(len(lines) - 1, 0, -1):
        line = lines[index]
        if match := BYLINE_SOURCE.match(line):
            return index, {"author": match["author"].strip(), "source": match["source"].strip()}
        if BYLINE_NAME.match(line) and len(line.split()) <= 4:
            return index, {"author": line}
    return None


def find_publication_date(lines: list[str]) -> str | None:
    """Article pages print their date as 'Thứ 2, 17/07/2023 | 14:15:41'; ISO format out."""
    for line in lines:
        if match := PAGE_DATE.search(line):
            day, month, year = (int(part) for part in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def clean_capture(raw: str) -> tuple[str, str, dict]:
    """Return (title, body text, metadata found in the page) for a raw capture."""
    lines = [line for line in normalize_whitespace(to_nfc(raw)).split("\n") if line.strip()]
    metadata: dict = {}
    if date := find_publication_date(lines):
        metadata["date"] = date
    if byline := find_byline(lines):
        index, found = byline
        metadata.update(found)
        lines = lines[:index]
    lines = [strip_photo_credit(line) for line in lines if not is_furniture(line)]
    lines = drop_repeated_lines([line for line in lines if line])
    title, body = lines[0], lines[1:]
    return title, "\n\n".join(body), metadata
