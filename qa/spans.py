"""Typed answer candidates in one sentence: numbers, percents, dates, document codes and names.

The answering pipeline asks for these in its best sentences and keeps the one nearest the
question's keywords. Every candidate is an exact, trimmed slice of the sentence it was given
(expected in NFC, like the corpus) and says where its core value begins (`value_start`): the
digits after a qualifier ("hơn 3,4 triệu"), "thứ" after a rank verb ("đứng thứ 1"), the name
after a category word ("xã Hà Lâu"). `sentence[value_start:end]` is the value with its unit.

How a sentence is read; each step skips what an earlier one took, so a number never comes out
of a date or a code:
1. Numeric atoms are index.tokens.PROTECTED_PATTERN's tokens, the ones the lexical index keeps
   whole, so "09-NQ/TU", "99,8 %" and "3/63" are read alike everywhere.
2. Codes: an atom with a letter part ("59/KH-UBND"), or a number right after a capitalised
   document word ("Nghị quyết 09"), with those words ("Kế hoạch số 59/KH-UBND").
3. Dates (`_DATE`), which may hold several atoms ("6 tháng đầu năm 2023", "2020 - 2025").
4. Ranks ("đứng vị trí thứ 3/63"), rank changes ("tăng 4 bậc": the direction is part of the
   answer), then percents and numbers with their qualifier ("hơn") and magnitude ("triệu").
5. Units: the counted noun after a value (`_unit_end`).
6. Entities: category words and runs of capitalised syllables (`_entity_spans`).

Limits, on purpose: words are matched as written, without a dictionary or a model. A unit is at
most MAX_UNIT_WORDS syllables up to a function word or a frequent verb (STOP_WORDS); an
organisation's name ends at the first such word or punctuation. A bare year ("2022") is a date,
so a count of 2000 things would be one too; "4.0" is a version, not a number. Two values in one
phrase ("27 mục tiêu, 51 nhiệm vụ") and lists of names stay separate candidates.
"""

import re
from dataclasses import dataclass

from index.provinces import ALIASES, PROVINCES
from index.text import normalize_for_matching
from index.tokens import PROTECTED_PATTERN


@dataclass(frozen=True)
class SpanCandidate:
    start: int  # offsets into the sentence string given
    end: int
    answer_type: str  # "number" | "percent" | "date" | "code" | "entity"
    entity_kind: str | None  # for "entity": "person" | "organization" | "location" | "name"
    value_start: int  # where the core value begins (the digits, the name)
    text: str  # sentence[start:end]


def _normalized(words) -> frozenset[str]:
    """Lowercase, modern tone placement ("uỷ" = "ủy"), as words are compared here."""
    return frozenset(normalize_for_matching(word) for word in words)


# --- numbers, dates and codes -------------------------------------------------------------------
_NUMBER = r"\d+(?:[.,]\d+)*"  # 6.100, 3,4, 1.552 (Vietnamese "." thousands, "," decimals)
_YEAR = r"(?:19|20)\d\d(?!\d)"
# How far back the words before a value may start ("Kế hoạch số ", "đứng vị trí thứ ").
_LOOKBACK = 40

# The shape of one PROTECTED_PATTERN atom decides what it can be.
_CODE_ATOM = re.compile(
    r"""
    \d+ (?:[/-](?:\d+|[^\W\d_]+))*      # 59, 46/2018
    [/-][^\W\d_]+                       # at least one part made of letters: -NQ, /KH, /TTBYT
    (?:[/-](?:\d+|[^\W\d_]+))*          # /TU, -UBND, -TTg
    """,
    re.VERBOSE,
)
_PERCENT_ATOM = re.compile(rf"{_NUMBER}\s?%")  # 99,8% and "99,8 %"
_RATIO_ATOM = re.compile(rf"{_NUMBER}/{_NUMBER}")  # 16/20, 621/1.725
_RANGE_ATOM = re.compile(rf"{_NUMBER}[-–]{_NUMBER}")  # 3-5
_MEASURE_ATOM = re.compile(rf"{_NUMBER}(?:km|m|cm|mm|kg|ha|kw|mw|gb|mb|tb|mbps|gbps)", re.I)
_NUMBER_ATOM = re.compile(_NUMBER)
_VERSION_ATOM = re.compile(r"\d+\.\d{1,2}")  # "4.0": Vietnamese thousands have three digits
_URL_ATOM = re.compile(r"(?:https?://|www\.)", re.I)

# Words before a value. Each *_BEFORE pattern ends (\Z) where the value starts.
_DOCUMENT_BEFORE = re.compile(
    r"""
    (?<!\w)
    (?P<document>nghị\s+quyết|quyết\s+định|kế\s+hoạch|thông\s+tư|nghị\s+định|chỉ\s+thị
      |công\s+văn|văn\s+bản|thông\s+báo|đề\s+án|luật)
    \s+ (?:(?P<number_word>số)\s+)?
    \Z
    """,
    re.IGNORECASE | re.VERBOSE,
)
_RANK_BEFORE = re.compile(
    r"""
    (?<!\w)
    (?P<verb>(?:xếp|đứng)\s+)?
    (?P<position>vị\s+trí\s+)?
    (?<!lần\s)(?P<rank>(?:thứ|hạng)\s+)?     # "lần thứ" counts occurrences, it is no rank
    \Z
    """,
    re.IGNORECASE | re.VERBOSE,
)
_RANK_CHANGE_BEFORE = re.compile(r"(?<!\w)(?:tăng|giảm)\s+\Z", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    r"""
    (?<!\w)
    (?:hơn|trên|gần|khoảng|tới|đến|dưới|tối\s+thiểu|tối\s+đa|ít\s+nhất|từ)
    \s+\Z
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Words after a value.
_RANK_STEP_AFTER = re.compile(r"\s+(?:bậc|hạng)(?!\w)", re.IGNORECASE)
_MAGNITUDE_AFTER = re.compile(r"\s+(?:triệu|tỷ|tỉ|nghìn|ngàn|trăm|vạn)(?!\w)", re.IGNORECASE)

# "đứng thứ hai cả nước": a rank in words needs the verb or "vị trí" before it.
_WORD_RANK = re.compile(
    r"""
    (?<!\w)
    (?:xếp|đứng|vị\s+trí)(?:\s+vị\s+trí)?\s+
    (?P<value>thứ\s+(?:nhất|nhì|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))
    (?!\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DATE = re.compile(
    rf"""
    (?<![\w/.,])
    (?:(?:từ|đến|tới|trước|sau)\s+)?                 # từ năm 2012, đến ngày 7/3/2019
    (?:
        (?P<count>\d{{1,2}})\s+tháng\s+(?:(?:đầu|cuối)\s+)?năm\s+{_YEAR}   # 6 tháng đầu năm 2023
      | quý\s+(?P<quarter>IV|I{{1,3}}|[1-4])(?:/|\s+năm\s+){_YEAR}         # quý I/2023
      | (?:ngày\s+)?\d{{1,2}}/\d{{1,2}}/{_YEAR}                           # ngày 5/2/2022
      | ngày\s+\d{{1,2}}/\d{{1,2}}(?![\d/])                               # ngày 28/8
      | (?:tháng\s+)?\d{{1,2}}/{_YEAR}                                    # tháng 8/2019
      | tháng\s+\d{{1,2}}(?:\s+năm\s+{_YEAR})?                           # tháng 9 năm 2023
      | (?:(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+)?{_YEAR}\s*[-–]\s*{_YEAR}   # 2020 - 2025
      | (?:(?:(?:đầu|cuối|giữa|hết)\s+)?năm\s+)?{_YEAR}                  # đầu năm 2022, 2022
    )
    (?![\w/%]|[.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/|(?![\d/]))")
_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(?:19|20)\d\d")

# --- units ---------------------------------------------------------------------------------
# A word of a unit: letters first, may hold "/" ("thuê bao/người", "tỉnh/thành phố") or "&".
_UNIT_WORD = re.compile(r"\s+([^\W\d_][\w&]*(?:/[^\W\d_][\w&]*)*)")
# One more item of a list of nouns: ", phường" in "177/177 xã, phường, thị trấn".
_LIST_ITEM = re.compile(r",\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
_LIST_END = re.compile(r"\s*(?:[,.;:)…]|\Z)")
MAX_UNIT_WORDS = 7  # "100% nhân lực công nghệ số nòng cốt"

# Function words and frequent verbs: a unit or a name stops before them.
STOP_WORDS = _normalized((
    "của", "là", "được", "bị", "đã", "đang", "sẽ", "vẫn", "cũng", "đều", "và", "với", "cho",
    "tại", "trong", "ngoài", "trên", "dưới", "về", "do", "để", "từ", "đến", "tới", "theo", "khi",
    "nên", "nhưng", "mà", "thì", "các", "những", "này", "đó", "có", "không", "chưa", "lên",
    "xuống", "vào", "qua", "bằng", "so", "như", "hay", "hoặc", "nhằm", "cùng", "gồm", "bao gồm",
    "thông qua", "rất", "hơn", "gần", "khoảng", "hằng", "mỗi", "mọi", "nhiều", "riêng", "đạt",
    "chiếm", "tăng", "giảm", "xếp", "đứng", "nằm", "trở thành", "trở lên", "thực hiện",
    "triển khai", "cung cấp", "sử dụng", "đăng ký", "tham gia", "ghi nhận", "đề xuất", "đặt",
    "làm", "chọn", "giúp", "chủ trì", "tham mưu", "ban hành", "phê duyệt", "hoàn thành",
    "dẫn đầu", "phối hợp", "hỗ trợ", "chia sẻ", "nhận định", "công bố", "đưa", "kết nối",
    "tích hợp", "ký", "phát biểu", "hướng dẫn", "tuyên truyền", "cho phép", "xác định",
    "tiếp tục", "đẩy mạnh", "định hướng", "đi", "nộp", "ông", "bà", "anh", "chị", "giai đoạn",
    "hiện", "hiện nay", "số lượng", "tổng số", "đồng bảo", "phục vụ", "góp phần", "bảo đảm", "đảm bảo",
))  # fmt: skip
# Nouns whose second word is a stop word on its own: "chữ ký số" is no "ký" (sign).
COMPOUND_NOUNS = _normalized(("chữ ký", "người ký"))
# Date words end a unit ("12 nhiệm vụ | năm 2023") unless they are the unit ("3 năm liền").
DATE_WORDS = _normalized(("ngày", "tháng", "năm", "quý"))

# --- entities ----------------------------------------------------------------------------------
LOCATION_WORDS = ("xã", "huyện", "phường", "thị xã", "thị trấn", "tỉnh", "thành phố", "tp", "tx",
                  "quận", "thôn", "khu phố")  # fmt: skip
# Heads of an organisation's name that need the name after them: "Sở Kế hoạch và Đầu tư".
ORGANIZATION_HEADS = ("sở", "bộ", "ban", "ủy ban", "trung tâm", "tập đoàn", "công ty", "cục",
                      "tổng cục", "hội đồng", "hội", "văn phòng", "viện", "trường", "bệnh viện",
                      "ngân hàng", "phòng", "tổ")  # fmt: skip
# Organisations complete on their own, optionally followed by a place: "UBND tỉnh Quảng Ninh".
STANDALONE_ORGANIZATIONS = ("ubnd", "hđnd", "chính phủ", "thủ tướng chính phủ", "tỉnh ủy",
                            "thành ủy", "huyện ủy", "công an", "đoàn thanh niên", "huyện đoàn",
                            "tỉnh đoàn", "thành đoàn", "quốc hội", "viettel", "vnpt",
                            "mobifone", "fpt")  # fmt: skip
# Heads of named things: "Cổng dịch vụ công quốc gia", "Đề án Thành phố thông minh".
NAME_HEADS = ("cổng", "đề án", "chương trình", "hệ thống", "báo cáo", "bộ chỉ số", "chỉ số",
              "dự án")  # fmt: skip
# Titles are never part of an entity; one right before a name makes it a person's.
TITLES = ("giám đốc", "phó giám đốc", "tổng giám đốc", "chủ tịch", "phó chủ tịch",
          "phó chủ tịch thường trực", "bí thư", "phó bí thư", "bộ trưởng", "thứ trưởng",
          "thủ tướng", "phó thủ tướng", "cục trưởng", "phó cục trưởng", "vụ trưởng",
          "trưởng ban", "phó trưởng ban", "trưởng phòng", "chánh văn phòng", "quản lý",
          "chủ nhiệm", "trưởng thôn")  # fmt: skip
HONORIFICS = ("ông", "bà", "anh", "chị", "đồng chí")
SURNAMES = _normalized((
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Cao", "Thái", "Đinh", "Trịnh", "Đoàn", "Lâm", "Mai", "Trương",
    "Tô", "Hà", "Chu", "Lương", "Đào", "Tạ", "Triệu", "Quách", "Kiều", "Lưu", "Vương", "Chìu",
))  # fmt: skip
# Capitalised abbreviations of common nouns, not names: "100% TTHC", "GRDP".
COMMON_ACRONYMS = _normalized(("TTHC", "CNTT", "GRDP", "THPT", "CBCCVC", "BHYT", "DN", "KCN",
                               "DVC", "CĐS", "QR"))  # fmt: skip
PLACE_NAMES = _normalized((*PROVINCES, *ALIASES))
MAX_NAME_WORDS = 10
MAX_PERSON_WORDS = 4
MAX_QUOTED_WORDS = 12

_ROLE_TABLES = (
    ("location", LOCATION_WORDS), ("organization", ORGANIZATION_HEADS),
    ("standalone", STANDALONE_ORGANIZATIONS), ("name", NAME_HEADS), ("title", TITLES),
    ("honorific", HONORIFICS),
)  # fmt: skip
# Longest first, so "Bộ chỉ số" (a name) wins over "Bộ" (a ministry), "Bộ trưởng" (a title) too.
_PHRASES = sorted(
    ((tuple(normalize_for_matching(phrase).split()), role)
     for role, table in _ROLE_TABLES for phrase in table),
    key=lambda entry: -len(entry[0]),
)  # fmt: skip
# The phrases by first word, longest first: looking up one word's phrases, not all of them.
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _role in _PHRASES:
    _PHRASES_BY_FIRST_WORD.setdefault(_phrase[0], []).append((_phrase, _role))
# Roles written with a capital when they head a name; "sở" or "bộ" in prose heads nothing.
_CAPITALISED_ROLES = frozenset({"organization", "standalone", "name", "title"})
# A word: letters or digits, with "&" or "_" inside, or "." or "-" between (TT&TT, QN_DTI, 4.0).
_WORD = re.compile(r"[^\W_](?:[\w&]|[.-](?=[^\W_]))*")
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
_QUOTED = re.compile(r"[“\"]([^“”\"]{1,150})[”\"]")


@dataclass(frozen=True)
class _Core:
    """A value before its unit is attached."""

    start: int
    value_start: int
    end: int
    answer_type: str
    unit: str  # "any", "lowercase" (ranks: "thứ 3 toàn quốc", never "thứ 10 Chỉ số") or "none"


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    norm: str  # lowercase, modern tone placement
    joined: bool  # only a space before it (or "TP. "), so it may continue a name or a unit


def typed_spans(sentence: str) -> list[SpanCandidate]:
    """Every typed candidate in `sentence`, in order; candidates of one type never overlap."""
    atoms = list(PROTECTED_PATTERN.finditer(sentence))
    codes = _code_cores(sentence, atoms)
    dates = _date_cores(sentence, codes)
    quantities = _quantity_cores(sentence, atoms, codes + dates)
    cores = sorted(codes + dates + quantities, key=lambda core: core.start)
    found = _with_units(sentence, cores) + _entity_spans(sentence, atoms, codes)
    return sorted(found, key=lambda candidate: (candidate.start, candidate.end))


# --- numbers, dates and codes -------------------------------------------------------------------
def _code_cores(sentence: str, atoms: list[re.Match]) -> list[_Core]:
    cores = []
    for atom in atoms:
        document = _before(_DOCUMENT_BEFORE, sentence, atom.start())
        if _CODE_ATOM.fullmatch(atom.group()):
            start = document.start() if document else atom.start()
        elif document and _NUMBER_ATOM.fullmatch(atom.group()) and _names_a_document(document):
            start = document.start()  # "Nghị quyết 09", "Đề án 06"
        else:
            continue
        cores.append(_Core(start, atom.start(), atom.end(), "code", "none"))
    return cores


def _names_a_document(document: re.Match) -> bool:
    """ "Nghị quyết 17", "quyết định số 1574" name a document; "vượt kế hoạch 11 ..." does not."""
    return document.group("document")[0].isupper() or document.group("number_word") is not None


def _date_cores(sentence: str, taken: list[_Core]) -> list[_Core]:
    cores = []
    for match in _DATE.finditer(sentence):
        if _overlaps(match.start(), match.end(), taken) or not _is_calendar_date(match.group()):
            continue
        if match.group("count") or match.group("quarter"):  # "6 tháng ...", "quý I/..."
            value_start = match.start("count" if match.group("count") else "quarter")
        else:
            value_start = match.start() + re.search(r"\d", match.group()).start()
        cores.append(_Core(match.start(), value_start, match.end(), "date", "none"))
    return cores


def _is_calendar_date(text: str) -> bool:
    """Day 1-31 and month 1-12 wherever "d/m" or "m/yyyy" appears."""
    for day, month in _DAY_MONTH.findall(text):
        if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            return False
    return all(1 <= int(month) <= 12 for month in _MONTH_YEAR.findall(text))


def _quantity_cores(sentence: str, atoms: list[re.Match], taken: list[_Core]) -> list[_Core]:
    cores = [
        _Core(match.start(), match.start("value"), match.end(), "number", "lowercase")
        for match in _WORD_RANK.finditer(sentence)
        if not _overlaps(match.start(), match.end(), taken)
    ]
    for atom in atoms:
        if not _overlaps(atom.start(), atom.end(), taken + cores):
            if (core := _quantity_core(sentence, atom)) is not None:
                cores.append(core)
    return cores


def _quantity_core(sentence: str, atom: re.Match) -> _Core | None:
    """A percent, rank, rank change, ratio, range or number, with the words that belong to it."""
    text, start, end = atom.group(), atom.start(), atom.end()
    qualifier = _before(_QUALIFIER_BEFORE, sentence, start)
    qualified_start = qualifier.start() if qualifier else start
    if _PERCENT_ATOM.fullmatch(text):
        return _Core(qualified_start, start, end, "percent", "any")
    is_ratio = bool(_RATIO_ATOM.fullmatch(text))
    is_number = bool(_NUMBER_ATOM.fullmatch(text)) and not _VERSION_ATOM.fullmatch(text)
    if not (is_ratio or is_number or _RANGE_ATOM.fullmatch(text) or _MEASURE_ATOM.fullmatch(text)):
        return None  # 4G, 5G, 14:15, 4.0
    rank = _before(_RANK_BEFORE, sentence, start)
    if (is_ratio or is_number) and rank and (rank.group("rank") or rank.group("position")):
        value_start = rank.start("rank") if rank.group("rank") else start
        return _Core(rank.start(), value_start, end, "number", "lowercase")
    change = _before(_RANK_CHANGE_BEFORE, sentence, start)
    step = _RANK_STEP_AFTER.match(sentence, end)
    if is_number and change and step:
        return _Core(change.start(), start, step.end(), "number", "none")
    magnitude = _MAGNITUDE_AFTER.match(sentence, end) if is_number else None
    return _Core(qualified_start, start, magnitude.end() if magnitude else end, "number", "any")


def _before(pattern: re.Pattern, sentence: str, position: int) -> re.Match | None:
    """`pattern` (ending in \\Z) matched on the words right before `position`; None if empty."""
    match = pattern.search(sentence, max(0, position - _LOOKBACK), position)
    return match if match and match.start() < position else None


def _overlaps(start: int, end: int, cores: list[_Core]) -> bool:
    return any(start < core.end and core.start < end for core in cores)


# --- units ---------------------------------------------------------------------------------------
def _with_units(sentence: str, cores: list[_Core]) -> list[SpanCandidate]:
    """Candidates from cores, each extended over its unit but never into the next core."""
    candidates = []
    for index, core in enumerate(cores):
        limit = cores[index + 1].start if index + 1 < len(cores) else len(sentence)
        end = core.end if core.unit == "none" else _unit_end(sentence, core, limit)
        candidates.append(_span(sentence, core.start, core.value_start, end, core.answer_type))
    return candidates


def _unit_end(sentence: str, core: _Core, limit: int) -> int:
    """End of the counted noun after a value: up to MAX_UNIT_WORDS words, stopping at
    punctuation, a number, a stop word or a later date word; a list of short nouns may follow
    ("177/177 xã, phường, thị trấn")."""
    words = _following_words(sentence, core.end, limit)
    taken = 0
    for index, word in enumerate(words[:MAX_UNIT_WORDS]):
        if _is_stop(words, index) or (index and word.norm in DATE_WORDS):
            break
        if core.unit == "lowercase" and not word.text.islower():
            break
        taken += 1
    return _list_end(sentence, words[taken - 1].end, limit) if taken else core.end


def _following_words(sentence: str, position: int, limit: int) -> list[_Word]:
    """The words after `position` separated only by spaces, up to `limit` or a number."""
    words = []
    while (match := _UNIT_WORD.match(sentence, position, limit)) is not None:
        if match.end() < limit and sentence[match.end()].isdigit():
            break
        text = match.group(1)
        words.append(_Word(text, match.start(1), match.end(1), normalize_for_matching(text), True))
        position = match.end()
    return words


def _list_end(sentence: str, end: int, limit: int) -> int:
    """Extend over ", noun" items of one or two lowercase words closed by punctuation or a stop."""
    while (item := _LIST_ITEM.match(sentence, end, limit)) is not None:
        for item_end in (item.end(), item.end(1)):  # two words, else one
            if _is_list_item(sentence, item.start(1), item_end, limit):
                end = item_end
                break
        else:
            return end
    return end


def _is_list_item(sentence: str, start: int, end: int, limit: int) -> bool:
    words = sentence[start:end].split()
    if not all(word.islower() and normalize_for_matching(word) not in STOP_WORDS for word in words):
        return False
    after = _following_words(sentence, end, limit)
    return bool(_LIST_END.match(sentence, end)) or bool(after and _is_stop(after, 0))


def _is_stop(words: list[_Word], index: int) -> bool:
    """A stop word, alone or with the next word ("trở lên"), unless it ends a compound noun."""
    word = words[index].norm
    if index and f"{words[index - 1].norm} {word}" in COMPOUND_NOUNS:
        return False
    pair = f"{word} {words[index + 1].norm}" if index + 1 < len(words) else ""
    return word in STOP_WORDS or pair in STOP_WORDS


def _span(sentence: str, start: int, value_start: int, end: int, answer_type: str,
          entity_kind: str | None = None) -> SpanCandidate:  # fmt: skip
    return SpanCandidate(start, end, answer_type, entity_kind, value_start, sentence[start:end])


# --- entities ------------------------------------------------------------------------------------
def _entity_spans(sentence: str, atoms: list[re.Match], codes: list[_Core]) -> list[SpanCandidate]:
    urls = [_Core(atom.start(), atom.start(), atom.end(), "entity", "none")
            for atom in atoms if _URL_ATOM.match(atom.group())]  # fmt: skip
    words = _words(sentence, codes + urls)
    found = [_span(sentence, url.start, url.start, url.end, "entity", "name") for url in urls]
    found += _quoted_names(sentence)
    index = 0
    while index < len(words):
        spans, index = _entities_at(sentence, words, index)
        found += spans
    return _without_overlaps(found)


def _words(sentence: str, blocked: list[_Core]) -> list[_Word]:
    """The words outside codes and URLs; a code or URL between two words breaks a name."""
    words: list[_Word] = []
    for match in _WORD.finditer(sentence):
        if _overlaps(match.start(), match.end(), blocked):
            continue
        gap = sentence[words[-1].end : match.start()] if words else ""
        after_abbreviation = bool(words) and words[-1].norm in ("tp", "tx") and gap.strip() == "."
        joined = bool(words) and (gap.isspace() or after_abbreviation)
        norm = normalize_for_matching(match.group())
        words.append(_Word(match.group(), match.start(), match.end(), norm, joined))
    return words


def _entities_at(sentence: str, words: list[_Word], index: int) -> tuple[list[SpanCandidate], int]:
    """The entities that start at words[index], and the index to go on from."""
    role, length = _phrase_at(words, index)
    after = index + length
    if role in ("honorific", "title"):
        end = _proper_run_end(words, after, MAX_PERSON_WORDS)
        if end > after and (role == "honorific" or _is_titled_name(words, after, end)):
            return [_entity(sentence, words, after, end, "person")], end
        if role == "title":
            return [], after
    elif role == "location":
        end = _proper_run_end(words, after, MAX_NAME_WORDS)
        if end > after:
            return [_entity(sentence, words, index, end, "location", value_index=after)], end
    elif role in ("organization", "name"):
        end = _continuation_end(words, after, lowercase_after_and=role == "organization")
        if end == after:
            return [], after
        return _split_person_tail(sentence, words, index, end, role), end
    elif role == "standalone":
        return _standalone_organization(sentence, words, index, after)
    if _is_proper(words[index].text):
        return _proper_run(sentence, words, index)
    return [], index + 1


def _is_titled_name(words: list[_Word], start: int, end: int) -> bool:
    """ "Thủ tướng Phạm Minh Chính"; not "Chủ tịch UBND", "Giám đốc Sở ..." (an organisation)."""
    return (end - start >= 2 and _phrase_at(words, start)[0] is None
            and not any(_is_acronym(word.text) for word in words[start:end]))  # fmt: skip


def _phrase_at(words: list[_Word], index: int, any_case: bool = False) -> tuple[str | None, int]:
    """(role, number of words) of the longest category phrase starting at `index`."""
    for phrase, role in _PHRASES_BY_FIRST_WORD.get(words[index].norm, ()):
        window = words[index : index + len(phrase)]
        if len(window) != len(phrase) or tuple(word.norm for word in window) != phrase:
            continue
        capitalised = any_case or role not in _CAPITALISED_ROLES or window[0].text[0].isupper()
        if capitalised and all(word.joined for word in window[1:]):
            return role, len(phrase)
    return None, 0


def _starts_category(words: list[_Word], index: int) -> bool:
    """Whether a category phrase starts here ("TX" in "GD&ĐT TX Đông Triều"). Not an honorific:
    inside a name that is more often one of its syllables ("Nguyễn Thị Anh")."""
    return _phrase_at(words, index)[0] not in (None, "honorific")


def _is_proper(text: str) -> bool:
    """Capitalised ("Hạ", "Đông"), or mixed case ("VNeID", "iPhone")."""
    return text[0].isalpha() and (text[0].isupper() or any(char.isupper() for char in text[1:]))


def _is_acronym(text: str) -> bool:
    return sum(char.isupper() for char in text) >= 2


def _is_name_syllable(text: str) -> bool:
    return text[0].isupper() and not _is_acronym(text) and text.isalpha()


def _is_name_stop(words: list[_Word], index: int) -> bool:
    """A stop word, or a date word: "Cổng dịch vụ công quốc gia | năm 2020"."""
    return _is_stop(words[index : index + 2], 0) or words[index].norm in DATE_WORDS


def _proper_run_end(words: list[_Word], index: int, most: int) -> int:
    """End of the capitalised words joined to each other from `index` (at most `most`)."""
    end = index
    while end < min(len(words), index + most) and words[end].joined and _is_proper(words[end].text):
        if end > index and _starts_category(words, end):
            break
        end += 1
    return end


def _continuation_end(words: list[_Word], index: int, lowercase_after_and: bool) -> int:
    """End of the words naming an organisation or a thing after its head: any words up to
    punctuation, a number, a stop word or MAX_NAME_WORDS. "và" joins a capitalised word that is no
    new head ("Sở Kế hoạch và Đầu tư", not "Ban Kinh tế Trung ương và Bộ ..."), and for an
    organisation a lowercase word too ("Cục Công nghệ thông tin và truyền thông")."""
    end = index
    while end < len(words) and end - index < MAX_NAME_WORDS and words[end].joined:
        word = words[end]
        if word.text[0].isdigit() and not (end > index and _VERSION_ATOM.fullmatch(word.text)):
            break
        if word.norm == "và" and not _continues_after_and(words, end + 1, lowercase_after_and):
            break
        if word.norm != "và" and _is_name_stop(words, end):
            break
        end += 1
    return end


def _continues_after_and(words: list[_Word], index: int, lowercase: bool) -> bool:
    if index >= len(words) or not words[index].joined or _is_name_stop(words, index):
        return False
    if _is_proper(words[index].text):
        return _phrase_at(words, index)[0] not in _CAPITALISED_ROLES
    return lowercase


def _standalone_organization(sentence: str, words: list[_Word], index: int, after: int):
    """ "UBND", "UBND tỉnh", "UBND TP Hạ Long", "Viettel Quảng Ninh"; "Chính phủ số" is none."""
    following = words[after] if after < len(words) and words[after].joined else None
    if following is not None and following.norm in ("số", "điện"):  # "Chính phủ điện tử"
        return [], after
    end = after
    role, length = _phrase_at(words, after) if following is not None else (None, 0)
    if role == "location":
        end = _proper_run_end(words, after + length, MAX_NAME_WORDS)
    elif following is not None and role is None:
        end = _proper_run_end(words, after, MAX_NAME_WORDS)
    return [_entity(sentence, words, index, end, "organization")], end


def _split_person_tail(sentence: str, words: list[_Word], start: int, end: int, role: str):
    """A person's name right after an organisation ("Bộ Thông tin và Truyền thông Nguyễn Mạnh
    Hùng") is split off where a surname starts the trailing capitalised syllables."""
    kind = "organization" if role == "organization" else "name"
    tail = end
    while tail > max(start + 1, end - MAX_PERSON_WORDS) and _is_name_syllable(words[tail - 1].text):
        tail -= 1
    for split in range(tail, end - 1):
        name = words[split:end]
        if name[0].norm in SURNAMES and " ".join(word.norm for word in name) not in PLACE_NAMES:
            return [_entity(sentence, words, start, split, kind),
                    _entity(sentence, words, split, end, "person")]  # fmt: skip
    return [_entity(sentence, words, start, end, kind)]


def _proper_run(sentence: str, words: list[_Word], index: int) -> tuple[list[SpanCandidate], int]:
    """Capitalised words without a category word: a person, a province or another name.

    A lowercase word may bridge two capitalised ones ("Quốc gia Paygov"), except right after the
    first word of a sentence or clause, which is capitalised anyway ("Hạ tầng Internet"). A
    single capitalised word is skipped unless it is an acronym: it is mostly such a first word or
    the start of a common noun ("Chính quyền số"); so is a function word ("Để Nghị quyết").
    """
    if _is_name_stop(words, index):
        return [], index + 1
    end = index + 1
    while end < len(words) and words[end].joined and not _starts_category(words, end):
        if _is_proper(words[end].text) or _VERSION_ATOM.fullmatch(words[end].text):  # "Chợ 4.0"
            end += 1
        elif (end > index + 1 or words[index].joined) and _bridges(words, end):
            end += 2
        else:
            break
    if end == index + 1 and not _is_name_acronym(words[index]):
        return [], end
    kind = _proper_run_kind(sentence, words, index, end)
    return [_entity(sentence, words, index, end, kind)], end


def _bridges(words: list[_Word], index: int) -> bool:
    """Whether the lowercase word at `index` joins two capitalised words of one name."""
    word, following = words[index], index + 1
    return (word.text.isalpha() and word.text.islower() and not _is_name_stop(words, index)
            and _phrase_at(words, index)[0] is None and following < len(words)
            and words[following].joined and _is_proper(words[following].text)
            and not _starts_category(words, following))  # fmt: skip


def _is_name_acronym(word: _Word) -> bool:
    """ "VNeID", "SMAS", "QN_DTI"; not "TTHC", "GRDP" or a Roman numeral ("XV")."""
    return (_is_acronym(word.text) and word.norm not in COMMON_ACRONYMS
            and not _ROMAN_NUMERAL.fullmatch(word.text))  # fmt: skip


def _proper_run_kind(sentence: str, words: list[_Word], start: int, end: int) -> str:
    """A province (PLACE_NAMES), a person (a surname and 2-3 more syllables, or a title after a
    comma: "Ngô Hải Phan, Cục trưởng ..."), or a name."""
    run = words[start:end]
    if " ".join(word.norm for word in run) in PLACE_NAMES:
        return "location"
    syllables = all(_is_name_syllable(word.text) for word in run)
    if not (syllables and 2 <= len(run) <= MAX_PERSON_WORDS):
        return "name"
    if run[0].norm in SURNAMES and len(run) >= 3:
        return "person"
    comma_then_title = (end < len(words) and sentence[run[-1].end : words[end].start].strip() == ","
                        and _phrase_at(words, end, any_case=True)[0] == "title")  # fmt: skip
    return "person" if comma_then_title else "name"


def _entity(sentence: str, words: list[_Word], start: int, end: int, kind: str,
            value_index: int | None = None) -> SpanCandidate:  # fmt: skip
    value_start = words[start if value_index is None else value_index].start
    return _span(sentence, words[start].start, value_start, words[end - 1].end, "entity", kind)


def _quoted_names(sentence: str) -> list[SpanCandidate]:
    """A short quoted title that starts with a capital: “Thành phố vì tương lai”."""
    names = []
    for match in _QUOTED.finditer(sentence):
        content = match.group(1)
        start = match.start(1) + len(content) - len(content.lstrip())
        end = match.end(1) - (len(content) - len(content.rstrip()))
        words = sentence[start:end].split()
        if words and words[0][0].isupper() and len(words) <= MAX_QUOTED_WORDS:
            names.append(_span(sentence, start, start, end, "entity", "name"))
    return names


def _without_overlaps(candidates: list[SpanCandidate]) -> list[SpanCandidate]:
    """Keep the longest of overlapping entities, earliest first; a quoted title wins a tie."""
    kept: list[SpanCandidate] = []
    for candidate in sorted(candidates, key=lambda span: (span.start, span.start - span.end)):
        if all(candidate.start >= other.end or other.start >= candidate.end for other in kept):
            kept.append(candidate)
    return kept
