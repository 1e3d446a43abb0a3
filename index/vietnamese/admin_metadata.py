"""The header and signature block of a Vietnamese administrative document, read into metadata.

Plans, decisions, resolutions, notices, letters and reports share one layout (Nghị định
30/2020/NĐ-CP): the issuing body and the national motto side by side, the number
("Số: 125/KH-UBND") under the body, the place and date ("Bảo Thắng, ngày 14 tháng 3 năm
2024") under the motto, then the type in capitals ("KẾ HOẠCH") over the subject line; an
official letter has no type heading but a "V/v …" line under its number. The signature
block at the end gives the signer's role, then the name.

Only the header block (the lines before the body starts) is searched for the number,
date, body and type, and only the end of the document for the signer, so a news article
that mentions "Kế hoạch số 125/KH-UBND" in a sentence gets none of these. Pure functions
on clean text.
"""

import datetime
import re
from dataclasses import dataclass

from index.vietnamese.body_names import body_name, person_name
from index.vietnamese.lexicon import SURNAMES, TITLES
from index.vietnamese.text import fold_diacritics, normalize_for_matching

# Types of administrative document, in normal case, with the abbreviation their numbers use.
DOCUMENT_TYPES = {
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC", "Quy định": "QyĐ",
    "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD", "Chương trình": "CTr", "Kế hoạch": "KH",
    "Phương án": "PA", "Đề án": "ĐA", "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công điện": "CĐ", "Bản ghi nhớ": "GNT", "Bản thỏa thuận": "TTh", "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM", "Giấy giới thiệu": "GGT", "Kết luận": "KL", "Nghị định": "NĐ", "Thông tư liên tịch": "TTLT",
    "Thông tư": "TT", "Công văn": None, "Luật": None, "Pháp lệnh": None, "Lệnh": None,
}
LETTER = "Công văn"  # the type of a document headed by "V/v …" and no type heading
TYPE_OF_ABBREVIATION = {abbreviation: name for name, abbreviation in DOCUMENT_TYPES.items() if abbreviation}
HEADER_LINES = 25  # the header block is never longer
BODY_LINE_CHARS = 200  # a line this long is running text: the header is over
BODY_OPENERS = re.compile(
    r"^(căn cứ|kính gửi|thực hiện|để |nhằm |ngày \d|trong |phần |chương |điều \d|[IVX]+\.\s|\d+\.\s)", re.IGNORECASE)
MOTTOS = (
    re.compile(r"cộng\s+h(?:òa|oà|oa)\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam", re.IGNORECASE),
    re.compile(r"độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc", re.IGNORECASE),
    re.compile(r"đảng\s+cộng\s+sản\s+việt\s+nam", re.IGNORECASE),
)
MOTTO_WORDS = fold_diacritics("cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc đảng cộng sản").split()
SEPARATOR = re.compile(r"^[\s\-_=*~.·–—]+$")
NUMBER = re.compile(r"\bsố\s*[:.]?\s*(?P<code>\d+[\w./&-]*[/-][\w./&-]*)", re.IGNORECASE)
WRITTEN_DATE = re.compile(r",\s*ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})\s*\.?\s*$",
                          re.IGNORECASE)
NUMERIC_DATE = re.compile(
    r",\s*(ngày\s+)?(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})\s*\.?\s*$", re.IGNORECASE)
ABOUT = re.compile(r"^(v/v|về việc)\s*[:.]?\s*", re.IGNORECASE)
ROLE_PREFIX = re.compile(r"^(tm|t/m|kt|k/t|tl|t/l|tuq|q|ktl)\s*[./]\s*", re.IGNORECASE)
ROLE_TITLES = tuple(normalize_for_matching(title) for title in TITLES) + (
    "thủ trưởng", "chánh án", "viện trưởng", "hiệu trưởng", "trưởng", "người ký")
# Lines that open a body's name of their own under a parent body's line.
CHILD_BODIES = tuple(normalize_for_matching(head) + " " for head in (
    "sở", "phòng", "ban", "cục", "chi cục", "trung tâm", "văn phòng", "trường", "bệnh viện", "viện", "bộ",
    "huyện ủy", "tỉnh ủy", "thành ủy", "quận ủy", "đảng ủy", "công an", "hội đồng", "ủy ban"))
BARE_KINDS = tuple(normalize_for_matching(kind) for kind in ("ủy ban nhân dân", "hội đồng nhân dân", "đảng bộ"))
NOT_A_NAME = re.compile(r"[^\w\s]|\d")
SIGNATURE_LINES = 30
MAX_SUBJECT_LINES = 3
SENTENCE_ENDS = (".", ";", ":", "!", "?")


@dataclass(frozen=True)
class AdministrativeHeader:
    """What the header and signature block say; None for what they do not."""

    doc_code: str | None = None
    issued_date: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    signer: str | None = None
    subject: str | None = None

    @property
    def title(self) -> str | None:
        """The type and subject line: "Kế hoạch Triển khai mô hình …"."""
        if self.doc_type and self.subject:
            return f"{self.doc_type} {self.subject}"
        return None

    def metadata(self) -> dict:
        fields = {"doc_code": self.doc_code, "issued_date": self.issued_date, "doc_type": self.doc_type,
                  "issuer": self.issuer, "signer": self.signer}
        return {key: value for key, value in fields.items() if value}


def is_upper(line: str) -> bool:
    return any(character.isalpha() for character in line) and line == line.upper()


def without_mottos(line: str) -> str:
    for motto in MOTTOS:
        line = motto.sub(" ", line)
    return " ".join(line.split())


def is_motto_piece(line: str) -> bool:
    """A motto broken over lines ('CỘNG HOÀ … VIỆT' / 'NAM') leaves pieces of it."""
    words = fold_diacritics(line.lower()).replace("-", " ").split()
    return bool(words) and all(word in MOTTO_WORDS for word in words)


def header_lines(lines: list[str]) -> list[str]:
    """The lines before the body: the first running text or preamble ends the header."""
    header = []
    for line in lines[:HEADER_LINES]:
        if len(line) > BODY_LINE_CHARS or BODY_OPENERS.match(line):
            break
        header.append(line)
    return header


def iso_date(day: str, month: str, year: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def issued_date_in(line: str) -> str | None:
    """'Bảo Thắng, ngày 14 tháng 3 năm 2024' or 'Lào Cai, 14/3/2024' -> '2024-03-14'."""
    match = WRITTEN_DATE.search(line) or NUMERIC_DATE.search(line)
    return iso_date(match["day"], match["month"], match["year"]) if match else None


def type_heading(line: str) -> tuple[str, str] | None:
    """'KẾ HOẠCH' -> ('Kế hoạch', ''); 'THÔNG BÁO KẾT LUẬN …' -> ('Thông báo', 'Kết luận …')."""
    if not is_upper(line):
        return None
    folded = normalize_for_matching(line)
    for name in sorted(DOCUMENT_TYPES, key=len, reverse=True):
        key = normalize_for_matching(name)
        if folded == key or folded.startswith(key + " "):
            rest = line[len(name):].strip(" :")
            return name, (rest[:1] + rest[1:].lower()) if rest else ""
    return None


def type_of_code(code: str) -> str | None:
    """The type a number's abbreviation names: '125/KH-UBND' -> 'Kế hoạch', '09-NQ/TU' -> 'Nghị quyết'."""
    for part in re.split(r"[/-]", code)[1:]:
        if part in TYPE_OF_ABBREVIATION:
            return TYPE_OF_ABBREVIATION[part]
    return None


def subject_after(lines: list[str], start: int, opening: str) -> str | None:
    """The subject line(s) under the type heading, up to the authority line or the preamble."""
    parts = [opening] if opening else []
    for line in lines[start:start + MAX_SUBJECT_LINES]:
        if (is_upper(line) or SEPARATOR.match(line) or BODY_OPENERS.match(line) or issued_date_in(line)
                or line.endswith(SENTENCE_ENDS)):  # a subject line is a title, never a sentence
            break
        parts.append(line)
    subject = " ".join(" ".join(parts).split())
    return subject or None


def issuer_of(lines: list[str]) -> str | None:
    """The issuing body: the capitals above the number, motto aside. A parent body printed
    above it ('UBND TỈNH LÀO CAI' over 'SỞ NỘI VỤ') is not the issuer; the place under a bare
    kind of body ('ỦY BAN NHÂN DÂN' over 'HUYỆN BẢO THẮNG') is part of it."""
    parts = []
    for line in lines:
        if NUMBER.search(line) or type_heading(line) or issued_date_in(line) or ABOUT.match(line):
            break
        line = without_mottos(line)
        if is_upper(line) and not SEPARATOR.match(line) and not is_motto_piece(line):
            parts.append(line)
    if not parts:
        return None
    children = [index for index, part in enumerate(parts) if index and starts_a_body(part)]
    if children and normalize_for_matching(parts[0]) not in BARE_KINDS:
        parts = parts[children[-1]:]
    return body_name(" ".join(parts))


def starts_a_body(line: str) -> bool:
    """'SỞ …', 'PHÒNG …', 'HUYỆN ỦY …': a body of its own, not the place of the line above."""
    folded = normalize_for_matching(line) + " "
    return folded.startswith(CHILD_BODIES)


def is_role(line: str) -> bool:
    folded = normalize_for_matching(ROLE_PREFIX.sub("", line))
    return bool(ROLE_PREFIX.match(line)) or (is_upper(line) and any(folded.startswith(t) for t in ROLE_TITLES))


def looks_like_name(line: str) -> bool:
    """'Nguyễn Văn An' (or in capitals, with a known surname): 2 to 5 capitalised words."""
    words = line.split()
    if not 2 <= len(words) <= 5 or NOT_A_NAME.search(line):
        return False
    if is_upper(line):
        return person_name(words[0]) in SURNAMES
    return all(word[:1].isupper() for word in words)


def signer_of(lines: list[str]) -> str | None:
    """The name under the last role line of the signature block."""
    tail = lines[-SIGNATURE_LINES:]
    roles = [index for index, line in enumerate(tail) if is_role(line)]
    if not roles:
        return None
    for line in tail[roles[-1] + 1:]:
        if looks_like_name(line) and not is_role(line):
            return person_name(line)
    return None


def read_header(text: str) -> AdministrativeHeader:
    """The metadata of the administrative document in `text` (clean text); empty for other texts."""
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    header = header_lines(lines)
    code = next((m["code"].rstrip(".,;:") for line in header if (m := NUMBER.search(line))), None)
    issued = next((date for line in header if (date := issued_date_in(line))), None)
    doc_type, subject = None, None
    for index, line in enumerate(header):
        if heading := type_heading(line):
            doc_type, opening = heading
            subject = subject_after(header, index + 1, opening)
            break
    about = next((ABOUT.sub("", line) for line in header if ABOUT.match(line)), None)
    if doc_type is None and about:
        doc_type, subject = (type_of_code(code) if code else None) or LETTER, f"về việc {about}"
    if doc_type is None and code:
        doc_type = type_of_code(code)
    has_header = bool(code or issued or doc_type)
    return AdministrativeHeader(
        doc_code=code, issued_date=issued, doc_type=doc_type,
        issuer=issuer_of(header) if has_header else None,
        signer=signer_of(lines) if has_header else None,
        subject=subject)
