"""What spans (numbers, dates, codes) and entities (names) both use: the candidate they
return, the words they read, and the stop words that end a unit or a name."""

import re
from dataclasses import dataclass

from index.vietnamese import lexicon
from index.vietnamese.text import normalize_for_matching


# Words that scale a number ("3,4 triệu"), with their tones: "trăm" (hundred) is not "trạm".
MAGNITUDE_WORDS = ("triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "vạn")


@dataclass(frozen=True)
class SpanCandidate:
    start: int  # offsets into the sentence string given
    end: int
    answer_type: str  # "number" | "percent" | "date" | "code" | "entity"
    entity_kind: str | None  # for "entity": "person" | "organization" | "location" | "name"
    value_start: int  # where the core value begins (the digits, the name)
    text: str  # sentence[start:end]

    @property
    def value(self) -> str:
        """The core value with its unit: "3,4 triệu tài khoản" of "hơn 3,4 triệu tài khoản"."""
        return self.text[self.value_start - self.start:]

    @property
    def lead(self) -> str:
        """The words before the value: a qualifier ("hơn") or a category ("huyện")."""
        return self.text[:self.value_start - self.start].strip()


@dataclass(frozen=True)
class Core:
    """A value before its unit is attached."""

    start: int
    value_start: int
    end: int
    answer_type: str
    unit: str  # "any", "lowercase" (ranks: "thứ 3 toàn quốc", never "thứ 10 Chỉ số") or "none"


@dataclass(frozen=True)
class Word:
    """A word as units (spans) and names (entities) are read."""

    text: str
    start: int
    end: int
    norm: str  # lowercase, modern tone placement
    joined: bool  # only a space before it (or "TP. "), so it may continue a name or a unit


def normalized(words) -> frozenset[str]:
    """Lowercase, modern tone placement ("uỷ" = "ủy"), as words are compared here."""
    return frozenset(normalize_for_matching(word) for word in words)


# A unit or a name stops before a function word or a frequent verb (the lexicon's stop words).
STOP_WORDS = normalized(lexicon.STOP_WORDS)
# Nouns whose second word is a stop word on its own: "chữ ký số" is no "ký" (sign).
COMPOUND_NOUNS = normalized(lexicon.COMPOUND_NOUNS)
# Date words end a unit ("12 nhiệm vụ | năm 2023") unless they are the unit ("3 năm liền").
DATE_WORDS = normalized(lexicon.DATE_WORDS)
VERSION_ATOM = re.compile(r"\d+\.\d{1,2}")  # "4.0": Vietnamese thousands have three digits


def is_stop(words: list[Word], index: int) -> bool:
    """A stop word, alone or with the next word ("trở lên"), unless it ends a compound noun."""
    word = words[index].norm
    if index and f"{words[index - 1].norm} {word}" in COMPOUND_NOUNS:
        return False
    pair = f"{word} {words[index + 1].norm}" if index + 1 < len(words) else ""
    return word in STOP_WORDS or pair in STOP_WORDS


def overlaps(start: int, end: int, cores: list[Core]) -> bool:
    return any(start < core.end and core.start < end for core in cores)


def span(sentence: str, start: int, value_start: int, end: int, answer_type: str,
         entity_kind: str | None = None) -> SpanCandidate:  # fmt: skip
    return SpanCandidate(start, end, answer_type, entity_kind, value_start, sentence[start:end])

