"""Typed answer candidates in one sentence: numbers, percents, dates, document codes and names.

The answering pipeline asks for these in its best sentences and keeps the one nearest the
question's keywords. Every candidate is an exact, trimmed slice of the sentence it was given
(expected in NFC, like the corpus) and says where its core value begins (`value_start`): the
digits after a qualifier ("hơn 3,4 triệu"), "thứ" after a rank verb ("đứng thứ 1"), the name
after a category word ("xã Hà Lâu"). `sentence[value_start:end]` is the value with its unit.

How a sentence is read; each step skips what an earlier one took, so a number never comes out
of a date or a code:
1. Numeric atoms are index.vietnamese.tokens.PROTECTED_PATTERN's tokens, the ones the lexical index keeps
   whole, so "09-NQ/TU", "99,8 %" and "3/63" are read alike everywhere.
2. Codes: an atom with a letter part ("59/KH-UBND"), or a number right after a capitalised
   document word ("Nghị quyết 09"), with those words ("Kế hoạch số 59/KH-UBND").
3. Dates (`_DATE`), which may hold several atoms ("6 tháng đầu năm 2023", "2020 - 2025").
4. Ranks ("đứng vị trí thứ 3/63"), rank changes ("tăng 4 bậc": the direction is part of the
   answer), then percents and numbers with their qualifier ("hơn") and magnitude ("triệu").
5. Units: the counted noun after a value (`_unit_end`).
6. Entities (qa.readers.rules.entities): category words and runs of capitalised syllables; a name never
   runs through a code.

Limits, on purpose: words are matched as written, without a dictionary or a model. A unit is at
most MAX_UNIT_WORDS syllables up to a function word or a frequent verb (STOP_WORDS). A bare
year ("2022") is a date, so a count of 2000 things would be one too; "4.0" is a version, not a
number. Two values in one phrase ("27 mục tiêu, 51 nhiệm vụ") stay separate candidates.
"""

import re

from index.vietnamese.text import normalize_for_matching
from index.vietnamese.tokens import PROTECTED_PATTERN
from qa.readers.rules.entities import entity_spans
from qa.readers.rules.span_parts import (DATE_WORDS, MAGNITUDE_WORDS, STOP_WORDS, VERSION_ATOM, Core,
                                         SpanCandidate, Word, is_stop, overlaps, span)  # fmt: skip


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
_PER_UNIT_BEFORE = re.compile(r"[^\W\d_]/\Z")
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
_MAGNITUDE_AFTER = re.compile(rf"\s+(?:{'|'.join(MAGNITUDE_WORDS)})(?!\w)", re.IGNORECASE)

# "đứng thứ hai cả nước": a rank in words needs the verb or "vị trí" before it.
# A count in words before its unit: "ba trụ cột", "hai xã", "Hai năm" opening a sentence. Not
# "một" (also "a", "one of"), not "năm" (also "year"), not after "thứ" (a rank or a weekday),
# not a capitalised name ("Ba Chẽ") elsewhere.
_COUNT_WORDS = "hai|ba|bốn|sáu|bảy|tám|chín|mười"
_NUMBER_WORD = re.compile(rf"(?:(?<!\w)(?<!thứ )(?:{_COUNT_WORDS})|\A(?:{_COUNT_WORDS.title()}))(?=\s+[a-zà-ỹđ])")
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
      | (?:ngày\s+)?\d{{1,2}}\s+tháng\s+\d{{1,2}}(?:\s+năm\s+\d{{3,4}})?      # ngày 4 tháng 3 năm 1933
      | tháng\s+\d{{1,2}}(?:\s+năm\s+\d{{3,4}})?                          # tháng 9 năm 2023, tháng 7 năm 1867
      | (?:(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+)?{_YEAR}\s*[-–]\s*{_YEAR}   # 2020 - 2025
      | (?:năm\s+\d{{3,4}}|{_YEAR})\s+(?:đến|tới)\s+(?:năm\s+\d{{3,4}}|{_YEAR})   # 1975 đến 1985
      | (?:(?:(?:đầu|cuối|giữa|hết)\s+)?năm\s+)?{_YEAR}                  # đầu năm 2022, 2022
      | năm\s+\d{{3,4}}(?:\s+(?:TCN|CN|trước\s+Công\s+nguyên))?          # năm 845, năm 1841
      | (?:thế|thập)\s+(?:kỷ|kỉ)\s+(?:thứ\s+)?(?:\d{{1,4}}|[IVXL]+)      # thế kỷ 14, thập kỷ 1690
      | (?:(?:đầu|cuối|giữa)\s+)?thập\s+niên\s+\d{{2,4}}                   # đầu thập niên 1990
    )
    (?![\w/%]|[.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/|(?![\d/]))")
_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(?:19|20)\d\d")
_WRITTEN_DAY_MONTH = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})", re.IGNORECASE)
_WRITTEN_MONTH = re.compile(r"tháng\s+(\d{1,2})", re.IGNORECASE)

# --- units ---------------------------------------------------------------------------------
# A word of a unit: letters first, may hold "/" ("thuê bao/người", "tỉnh/thành phố") or "&".
_UNIT_WORD = re.compile(r"\s+([^\W\d_][\w&]*(?:/[^\W\d_][\w&]*)*)")
# One more item of a list of nouns: ", phường" in "177/177 xã, phường, thị trấn".
_LIST_ITEM = re.compile(r",\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
_LIST_END = re.compile(r"\s*(?:[,.;:)…]|\Z)")
MAX_UNIT_WORDS = 7  # "100% nhân lực công nghệ số nòng cốt"


def typed_spans(sentence: str) -> list[SpanCandidate]:
    """Every typed candidate in `sentence`, in order; candidates of one type never overlap."""
    atoms = list(PROTECTED_PATTERN.finditer(sentence))
    codes = _code_cores(sentence, atoms)
    dates = _date_cores(sentence, codes)
    quantities = _quantity_cores(sentence, atoms, codes + dates)
    cores = sorted(codes + dates + quantities, key=lambda core: core.start)
    found = _with_units(sentence, cores) + entity_spans(sentence, atoms, codes)
    return sorted(found, key=lambda candidate: (candidate.start, candidate.end))


# --- numbers, dates and codes -------------------------------------------------------------------
def _code_cores(sentence: str, atoms: list[re.Match]) -> list[Core]:
    cores = []
    for atom in atoms:
        document = _before(_DOCUMENT_BEFORE, sentence, atom.start())
        if _CODE_ATOM.fullmatch(atom.group()):
            start = document.start() if document else atom.start()
        elif document and _NUMBER_ATOM.fullmatch(atom.group()) and _names_a_document(document):
            start = document.start()  # "Nghị quyết 09", "Đề án 06"
        else:
            continue
        cores.append(Core(start, atom.start(), atom.end(), "code", "none"))
    return cores


def _names_a_document(document: re.Match) -> bool:
    """ "Nghị quyết 17", "quyết định số 1574" name a document; "vượt kế hoạch 11 ..." does not."""
    return document.group("document")[0].isupper() or document.group("number_word") is not None


def _date_cores(sentence: str, taken: list[Core]) -> list[Core]:
    cores = []
    for match in _DATE.finditer(sentence):
        if overlaps(match.start(), match.end(), taken) or not _is_calendar_date(match.group()):
            continue
        if match.group("count") or match.group("quarter"):  # "6 tháng ...", "quý I/..."
            value_start = match.start("count" if match.group("count") else "quarter")
        else:
            digit = re.search(r"\d", match.group())  # none in "thế kỷ XIV"
            value_start = match.start() + (digit.start() if digit else 0)
        cores.append(Core(match.start(), value_start, match.end(), "date", "none"))
    return cores


def _is_calendar_date(text: str) -> bool:
    """Day 1-31 and month 1-12 wherever "d/m", "m/yyyy" or "d tháng m" appears."""
    for day, month in _DAY_MONTH.findall(text) + _WRITTEN_DAY_MONTH.findall(text):
        if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            return False
    months = _MONTH_YEAR.findall(text) + _WRITTEN_MONTH.findall(text)
    return all(1 <= int(month) <= 12 for month in months)


def _quantity_cores(sentence: str, atoms: list[re.Match], taken: list[Core]) -> list[Core]:
    cores = [
        Core(match.start(), match.start("value"), match.end(), "number", "lowercase")
        for match in _WORD_RANK.finditer(sentence)
        if not overlaps(match.start(), match.end(), taken)
    ]
    for atom in atoms:
        if not overlaps(atom.start(), atom.end(), taken + cores):
            if (core := _quantity_core(sentence, atom)) is not None:
                cores.append(core)
    cores += [Core(match.start(), match.start(), match.end(), "number", "lowercase")
              for match in _NUMBER_WORD.finditer(sentence) if not overlaps(match.start(), match.end(), taken + cores)]
    return cores


def _quantity_core(sentence: str, atom: re.Match) -> Core | None:
    """A percent, rank, rank change, ratio, range or number, with the words that belong to it."""
    text, start, end = atom.group(), atom.start(), atom.end()
    if _before(_PER_UNIT_BEFORE, sentence, start):
        return None  # "thuê bao di động/100 dân": a rate's denominator, not a quantity
    qualifier = _before(_QUALIFIER_BEFORE, sentence, start)
    qualified_start = qualifier.start() if qualifier else start
    if _PERCENT_ATOM.fullmatch(text):
        return Core(qualified_start, start, end, "percent", "any")
    is_ratio = bool(_RATIO_ATOM.fullmatch(text))
    is_number = bool(_NUMBER_ATOM.fullmatch(text)) and not VERSION_ATOM.fullmatch(text)
    if not (is_ratio or is_number or _RANGE_ATOM.fullmatch(text) or _MEASURE_ATOM.fullmatch(text)):
        return None  # 4G, 5G, 14:15, 4.0
    rank = _before(_RANK_BEFORE, sentence, start)
    if (is_ratio or is_number) and rank and (rank.group("rank") or rank.group("position")):
        value_start = rank.start("rank") if rank.group("rank") else start
        return Core(rank.start(), value_start, end, "number", "lowercase")
    change = _before(_RANK_CHANGE_BEFORE, sentence, start)
    step = _RANK_STEP_AFTER.match(sentence, end)
    if is_number and change and step:
        return Core(change.start(), start, step.end(), "number", "none")
    magnitude = _MAGNITUDE_AFTER.match(sentence, end) if is_number else None
    return Core(qualified_start, start, magnitude.end() if magnitude else end, "number", "any")


def _before(pattern: re.Pattern, sentence: str, position: int) -> re.Match | None:
    """`pattern` (ending in \\Z) matched on the words right before `position`; None if empty."""
    match = pattern.search(sentence, max(0, position - _LOOKBACK), position)
    return match if match and match.start() < position else None


# --- units ---------------------------------------------------------------------------------------
def _with_units(sentence: str, cores: list[Core]) -> list[SpanCandidate]:
    """Candidates from cores, each extended over its unit but never into the next core."""
    candidates = []
    for index, core in enumerate(cores):
        limit = cores[index + 1].start if index + 1 < len(cores) else len(sentence)
        end = core.end if core.unit == "none" else _unit_end(sentence, core, limit)
        candidates.append(span(sentence, core.start, core.value_start, end, core.answer_type))
    return candidates


def _unit_end(sentence: str, core: Core, limit: int) -> int:
    """End of the counted noun after a value: up to MAX_UNIT_WORDS words, stopping at
    punctuation, a number, a stop word or a later date word; a list of short nouns may follow
    ("177/177 xã, phường, thị trấn")."""
    words = _following_words(sentence, core.end, limit)
    taken = 0
    for index, word in enumerate(words[:MAX_UNIT_WORDS]):
        if is_stop(words, index) or (index and word.norm in DATE_WORDS):
            break
        if core.unit == "lowercase" and not word.text.islower():
            break
        taken += 1
    return _list_end(sentence, words[taken - 1].end, limit) if taken else core.end


def _following_words(sentence: str, position: int, limit: int) -> list[Word]:
    """The words after `position` separated only by spaces, up to `limit` or a number."""
    words = []
    while (match := _UNIT_WORD.match(sentence, position, limit)) is not None:
        if match.end() < limit and sentence[match.end()].isdigit():
            break
        text = match.group(1)
        words.append(Word(text, match.start(1), match.end(1), normalize_for_matching(text), True))
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
    return bool(_LIST_END.match(sentence, end)) or bool(after and is_stop(after, 0))


