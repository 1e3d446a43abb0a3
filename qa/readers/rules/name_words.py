"""How names are read from a sentence's words: the words themselves (with whether only a space
separates them), the category phrases that start a name (lexicon: places, organisations, named
things, titles, honorifics) and what capitals say."""

import re

from index.vietnamese import lexicon
from index.vietnamese.text import normalize_for_matching
from qa.readers.rules.span_parts import DATE_WORDS, Core, Word, is_stop, overlaps

# What a category phrase makes of the words after it. A title is never part of an entity: one
# right before a name makes it a person's.
ROLE_TABLES = (
    ("location", lexicon.PLACE_WORDS), ("organization", lexicon.ORGANIZATION_HEADS),
    ("standalone", lexicon.STANDALONE_ORGANIZATIONS), ("name", lexicon.NAME_HEADS), ("title", lexicon.TITLES),
    ("honorific", lexicon.HONORIFICS),
)  # fmt: skip
# Longest first, so "Bộ chỉ số" (a name) wins over "Bộ" (a ministry), "Bộ trưởng" (a title) too.
PHRASES = sorted(
    ((tuple(normalize_for_matching(phrase).split()), role)
     for role, table in ROLE_TABLES for phrase in table),
    key=lambda entry: -len(entry[0]),
)  # fmt: skip
# The phrases by first word, longest first: looking up one word's phrases, not all of them.
PHRASES_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _role in PHRASES:
    PHRASES_BY_FIRST_WORD.setdefault(_phrase[0], []).append((_phrase, _role))
# Roles written with a capital when they head a name; "sở" or "bộ" in prose heads nothing.
CAPITALISED_ROLES = frozenset({"organization", "standalone", "name", "title"})
# A word: letters or digits, with "&" or "_" inside, or "." or "-" between (TT&TT, QN_DTI, 4.0).
WORD = re.compile(r"[^\W_](?:[\w&]|[.-](?=[^\W_]))*")


def read_words(sentence: str, blocked: list[Core]) -> list[Word]:
    """The words outside codes and URLs; a code or URL between two words breaks a name."""
    words: list[Word] = []
    for match in WORD.finditer(sentence):
        if overlaps(match.start(), match.end(), blocked):
            continue
        gap = sentence[words[-1].end : match.start()] if words else ""
        after_abbreviation = bool(words) and words[-1].norm in ("tp", "tx") and gap.strip() == "."
        joined = bool(words) and (gap.isspace() or after_abbreviation)
        norm = normalize_for_matching(match.group())
        words.append(Word(match.group(), match.start(), match.end(), norm, joined))
    return words


def phrase_at(words: list[Word], index: int, any_case: bool = False) -> tuple[str | None, int]:
    """(role, number of words) of the longest category phrase starting at `index`."""
    for phrase, role in PHRASES_BY_FIRST_WORD.get(words[index].norm, ()):
        window = words[index : index + len(phrase)]
        if len(window) != len(phrase) or tuple(word.norm for word in window) != phrase:
            continue
        capitalised = any_case or role not in CAPITALISED_ROLES or window[0].text[0].isupper()
        if capitalised and all(word.joined for word in window[1:]):
            return role, len(phrase)
    return None, 0


def starts_category(words: list[Word], index: int) -> bool:
    """Whether a category phrase starts here ("TX" in "GD&ĐT TX Đông Triều"). Not an honorific:
    inside a name that is more often one of its syllables ("Nguyễn Thị Anh")."""
    return phrase_at(words, index)[0] not in (None, "honorific")


def is_proper(text: str) -> bool:
    """Capitalised ("Hạ", "Đông"), or mixed case ("VNeID", "iPhone")."""
    return text[0].isalpha() and (text[0].isupper() or any(char.isupper() for char in text[1:]))


def is_acronym(text: str) -> bool:
    return sum(char.isupper() for char in text) >= 2


def is_name_syllable(text: str) -> bool:
    return text[0].isupper() and not is_acronym(text) and text.isalpha()


def is_name_stop(words: list[Word], index: int) -> bool:
    """A stop word, or a date word: "Cổng dịch vụ công quốc gia | năm 2020"."""
    return is_stop(words[index : index + 2], 0) or words[index].norm in DATE_WORDS


def proper_run_end(words: list[Word], index: int, most: int) -> int:
    """End of the capitalised words joined to each other from `index` (at most `most`)."""
    end = index
    while end < min(len(words), index + most) and words[end].joined and is_proper(words[end].text):
        if end > index and starts_category(words, end):
            break
        end += 1
    return end
