"""Where a question names its slots — provinces, years, document codes, index names — and
the words around them, as character spans of the text itself, so that a follow-up can swap
one value for another and leave the rest of the sentence as it was typed. Pure functions.
"""

import re
from dataclasses import dataclass

from index.vietnamese.provinces import ALIASES, PROVINCE_ABBREVIATIONS, PROVINCES
from qa.followups import lexicon
from index.vietnamese.text import fold_diacritics, has_diacritics
from qa.keywords import word_spans
from qa.question import ACRONYM


@dataclass(frozen=True)
class Word:
    form: str   # lowercase; folded when the text it is compared with was typed without diacritics
    start: int
    end: int


@dataclass(frozen=True)
class Slot:
    kind: str   # "province", "year", "code" or "index"
    value: str  # the canonical value: "Quảng Ninh", "2022", "09-NQ/TU", "DTI"
    start: int
    end: int


def text_words(text: str, fold: bool) -> list[Word]:
    return [Word(form, start, end) for form, start, end in word_spans(text, fold)]


def as_typed(value: str, text: str) -> str:
    """value written the way text is: folded into a question typed without diacritics."""
    return value if has_diacritics(text) else fold_diacritics(value)


def _name_pattern(name: str) -> re.Pattern:
    words = fold_diacritics(name.lower()).replace("tp. ", "").split()
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")


PROVINCE_PATTERNS = [(name, _name_pattern(name)) for name in PROVINCES]
PROVINCE_PATTERNS += [(canonical, _name_pattern(alias)) for alias, canonical in ALIASES.items()]
# A year on its own, not a date's ("9/2023") nor a range's end ("2017-2019").
YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d%/-]|[.,]\d)")
# A document's number and sign: 09-NQ/TU, 59/KH-UBND, 46/2018/TT-BYT, 749/QĐ-TTg.
CODE = re.compile(r"(?<![\w/])\d+(?:/\d+)*[/-][^\W\d_][\w]*(?:[/-][\w]+)*")


def province_slots(text: str) -> list[Slot]:
    """Provinces by name (with or without diacritics), alias or capitalised abbreviation (QN)."""
    folded = fold_diacritics(text.lower())  # same length as text: NFC letters fold one to one
    found = [Slot("province", name, m.start(), m.end())
             for name, pattern in PROVINCE_PATTERNS for m in pattern.finditer(folded)]
    for match in re.finditer(r"(?<!\w)[A-ZĐ]{2,4}(?!\w)", text):
        if name := PROVINCE_ABBREVIATIONS.get(match.group().lower()):
            found.append(Slot("province", name, match.start(), match.end()))
    return sorted(found, key=lambda slot: slot.start)


def year_slots(text: str) -> list[Slot]:
    return [Slot("year", m.group(1), m.start(1), m.end(1)) for m in YEAR.finditer(text)]


def code_slots(text: str) -> list[Slot]:
    return [Slot("code", m.group(), m.start(), m.end()) for m in CODE.finditer(text)]


def index_slots(text: str) -> list[Slot]:
    """Upper-case names of an index or a programme (DTI, PCI, ICT), provinces' abbreviations aside."""
    return [Slot("index", m.group(), m.start(), m.end()) for m in ACRONYM.finditer(text)
            if m.group().lower() not in PROVINCE_ABBREVIATIONS]


def all_slots(text: str) -> list[Slot]:
    return province_slots(text) + year_slots(text) + code_slots(text) + index_slots(text)


def find_sequence(words: list[Word], sequence: tuple[str, ...], start: int = 0) -> int | None:
    """Index of the first run of words equal to sequence (compared folded), from start."""
    folded = [fold_diacritics(word.form) for word in words]
    target = [fold_diacritics(part) for part in sequence]
    for index in range(start, len(words) - len(target) + 1):
        if all(same_word(folded[index + k], target[k]) for k in range(len(target))):
            return index
    return None


def same_word(first: str, second: str) -> bool:
    """Folded words alike, "tỷ" and "tỉ" too (both spellings are current)."""
    return first == second or {first, second} == {"ty", "ti"}


def joined(text: str, words: list[Word], first: int, last: int) -> bool:
    """True when words first..last follow one another with only spaces between them."""
    return all(text[words[k].end:words[k + 1].start].strip() == "" for k in range(first, last))


def scope_slots(text: str) -> list[Slot]:
    words = text_words(text, fold=True)
    found = []
    for scope in lexicon.NATIONAL_SCOPES:
        index = find_sequence(words, scope)
        if index is not None:
            found.append(Slot("province", text[words[index].start:words[index + len(scope) - 1].end],
                              words[index].start, words[index + len(scope) - 1].end))
    return found


def main_slot(text: str, kind: str) -> Slot | None:
    """The slot of that kind a swap replaces: for years, the one not set as a target ("đến năm 2025")."""
    slots = [s for s in all_slots(text) if s.kind == kind]
    if kind == "year":
        plain = [s for s in slots if fold_diacritics(text[:s.start].lower()).split()[-2:-1] != ["den"]]
        slots = plain or slots
    return slots[-1] if slots else None
