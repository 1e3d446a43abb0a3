"""Names of public bodies and people in normal case, from the capitals of a document header.

Headers print "ỦY BAN NHÂN DÂN / HUYỆN BẢO THẮNG"; text and filters want "Ủy ban nhân dân
huyện Bảo Thắng". The rules are those of administrative writing (Nghị định 30/2020/NĐ-CP,
appendix II): a body's name capitalises its first word and the first word of each field it
covers ("Sở Thông tin và Truyền thông"), never the words of its kind ("Ủy ban nhân dân"),
and a place capitalises every word after its unit ("huyện Bảo Thắng"). The spelling of
the source is kept ("Ủy" stays "Ủy", "Uỷ" stays "Uỷ").
"""

import re

from index.vietnamese.lexicon import ORGANIZATION_HEADS
from index.vietnamese.text import fold_diacritics, normalize_for_matching

ABBREVIATED = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "mttq": "mặt trận tổ quốc",
               "tp": "thành phố", "tp.": "thành phố", "tx": "thị xã", "tx.": "thị xã"}
# Kinds of body written as one phrase: only their first word may take a capital.
KIND_PHRASES = ("ủy ban nhân dân", "hội đồng nhân dân")
# Party committees named after a place: "Huyện ủy Bảo Thắng", "Đảng ủy xã Phong Niên".
PLACE_COMMITTEES = ("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy", "đảng ủy", "đảng bộ")
# Administrative units: every word after one is the place's name.
PLACE_UNITS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "xã", "phường", "quận")
# Words capitalised wherever they stand.
PROPER_PHRASES = {"đảng": "Đảng", "nhà nước": "Nhà nước", "chính phủ": "Chính phủ", "quốc hội": "Quốc hội",
                  "việt nam": "Việt Nam", "mặt trận tổ quốc": "Mặt trận Tổ quốc", "hồ chí minh": "Hồ Chí Minh"}
FIELD_HEADS = tuple(head for head in ORGANIZATION_HEADS if head not in ("ủy ban", "hội đồng"))
VOWELS = re.compile(r"[aăâeêioôơuưy]")


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def is_acronym(word: str) -> bool:
    """'THPT', 'VNPT': capitals with no vowel are letters to keep, not a word to lower."""
    return word.isupper() and len(word) >= 2 and not VOWELS.search(fold_diacritics(word).lower())


def phrase_at(words: list[str], position: int, phrases) -> int:
    """The length in words of the phrase of `phrases` starting at `position`, or 0."""
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        size = len(phrase.split())
        if normalize_for_matching(" ".join(words[position:position + size])) == normalize_for_matching(phrase):
            return size
    return 0


def expanded_words(text: str) -> list[str]:
    words = []
    for word in text.split():
        expansion = ABBREVIATED.get(word.lower())
        if expansion:
            words.extend(expansion.split())
        else:
            words.append(word if is_acronym(word) else word.lower())
    return words


def body_name(text: str) -> str:
    """'ỦY BAN NHÂN DÂN HUYỆN BẢO THẮNG' -> 'Ủy ban nhân dân huyện Bảo Thắng'."""
    words = expanded_words(text)
    out: list[str] = []
    position, in_place, field_next = 0, False, True  # the first word is capitalised like a field's
    while position < len(words):
        word = words[position]
        if in_place:
            out.append(capitalised(word))
            position += 1
            continue
        if size := phrase_at(words, position, PROPER_PHRASES):
            out.extend(PROPER_PHRASES[normalize_for_matching(" ".join(words[position:position + size]))].split())
            position, field_next = position + size, False
            continue
        if size := phrase_at(words, position, PLACE_COMMITTEES):
            out.extend([capitalised(words[position])] + words[position + 1:position + size])
            position, in_place = position + size, True
            continue
        if size := phrase_at(words, position, KIND_PHRASES):
            out.extend([capitalised(words[position]) if field_next else words[position]]
                       + words[position + 1:position + size])
            position, field_next = position + size, False
            continue
        if (size := phrase_at(words, position, PLACE_UNITS)) and out:
            out.extend(words[position:position + size])
            position, in_place = position + size, True
            continue
        if size := phrase_at(words, position, FIELD_HEADS):
            out.extend([capitalised(words[position]) if field_next or not out else words[position]]
                       + words[position + 1:position + size])
            position, field_next = position + size, True
            continue
        out.append(capitalised(word) if field_next else word)
        field_next = word in ("và", ",") or word.endswith(",")
        position += 1
    return " ".join(out)


def person_name(text: str) -> str:
    """'NGUYỄN VĂN AN' or 'Nguyễn Văn An' -> 'Nguyễn Văn An'."""
    return " ".join(capitalised(word.lower()) for word in text.split())
