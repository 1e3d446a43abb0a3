"""Pure Vietnamese text normalisation: Unicode form, tone-mark placement, diacritics, whitespace.

Everything here is a plain str -> str (or bool) function with no state, so the corpus builder,
the lexical index and the query path can all agree on one form of the text.
"""

import re
import unicodedata
from functools import lru_cache

# Combining marks as they appear after NFD. Tones sit on top of the vowel marks, so a letter such
# as "ệ" decomposes to e + circumflex + dot below.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VOWEL_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex (â ê ô), breve (ă), horn (ơ ư)
_VIETNAMESE_MARKS = _TONE_MARKS | _VOWEL_MARKS
# U+00D0 (Icelandic eth) is a common stand-in for "Đ" in badly encoded Vietnamese pages.
_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D"})

_WORD = re.compile(r"[^\W\d_]+")
# Onset, vowel nucleus, final consonant of a Vietnamese syllable (lowercase, tone marks removed).
# "qu" and "gi" are onsets, so the "u"/"i" in them never carries the tone ("quả", "giữa"); the
# regex backtracks to "g" + "i" when no vowel follows ("gì", "gìn").
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]{1,3})"
    r"(ch|ng|nh|[cmnpt])?"
)
_MARKED_VOWELS = frozenset("ăâêôơư")
# Open syllables whose first vowel is a glide: the modern convention puts the tone on the second.
_GLIDE_FIRST_PAIRS = frozenset({"oa", "oe", "uy"})

_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")
_SPACE_LIKE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width characters and the soft hyphen carry no text; web captures scatter them inside words.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_SPACE_RUNS = re.compile(r" {2,}")
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")


def to_nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form every other function here expects and returns."""
    return unicodedata.normalize("NFC", text)


def normalize_tone_placement(text: str) -> str:
    """Put every tone mark where the modern ("new") convention puts it: "hoà", "thuỷ", "khoẻ".

    Old-style spellings ("hòa", "thủy", "khỏe", "Hòa") are moved onto the same form, so the two
    compare equal. The modern convention is chosen because pyvi's dictionary is written in it
    ("hoá", "uỷ", "thuỷ"), so segmentation is better on text folded this way. Rules, per syllable:
    a vowel with a vowel mark (ă â ê ô ơ ư) takes the tone, the last one if two ("người");
    otherwise with a final consonant the last vowel does ("hoàng"); otherwise the middle of
    three vowels ("ngoài"), the second of "oa"/"oe"/"uy", the first of any other pair ("mùa").
    "qu"/"gi" are onsets ("quả", "giữa" are left alone). Words that are not one well-formed
    syllable with one tone mark (foreign words, typos) are returned unchanged. Case and all
    other characters are preserved; the result is NFC and the function is idempotent.
    """
    return _WORD.sub(lambda match: _place_tone(match.group()), to_nfc(text))


def fold_diacritics(text: str) -> str:
    """Remove tone and vowel marks and turn "đ" into "d": "chuyển đổi số" -> "chuyen doi so"."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if char not in _VIETNAMESE_MARKS)
    return to_nfc(bare).translate(_D_WITH_STROKE)


def has_diacritics(text: str) -> bool:
    """Tell whether `text` carries any Vietnamese mark or "đ", i.e. was not typed unaccented."""
    if any(char in "đĐ\u00d0" for char in text):
        return True
    return any(char in _VIETNAMESE_MARKS for char in unicodedata.normalize("NFD", text))


def normalize_whitespace(text: str) -> str:
    """Make the whitespace of captured web text plain.

    Exotic spaces (NBSP, narrow and figure spaces, tabs) become a space; zero-width characters
    and C0/C1 controls are dropped; CR, CRLF and other line separators become "\\n". Then runs
    of spaces collapse, each line is stripped, 3+ newlines collapse to one blank line and the
    ends are stripped.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACE_LIKE.sub(" ", text)
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    text = _SPACE_RUNS.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return _BLANK_LINE_RUNS.sub("\n\n", text).strip()


def normalize_for_matching(text: str) -> str:
    """NFC, modern tone placement, lowercase: the form lexical indexes and queries meet in."""
    return normalize_tone_placement(text).lower()


@lru_cache(maxsize=65536)
def _place_tone(word: str) -> str:
    letters, tones = zip(*(_split_tone(char) for char in word))
    marked = [index for index, tone in enumerate(tones) if tone]
    bare = "".join(letters)
    if len(marked) != 1 or len(tones[marked[0]]) != 1:
        return word
    if len(bare) != len(word) or len(bare.lower()) != len(bare):
        return word
    target = _tone_position(bare.lower())
    if target is None or target == marked[0]:
        return word
    tone = tones[marked[0]]
    return bare[:target] + to_nfc(bare[target] + tone) + bare[target + 1 :]


@lru_cache(maxsize=4096)
def _split_tone(char: str) -> tuple[str, str]:
    """Split one letter into (letter without tone, tone mark or "")."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(mark for mark in decomposed if mark in _TONE_MARKS)
    return to_nfc("".join(mark for mark in decomposed if mark not in _TONE_MARKS)), tone


def _tone_position(syllable: str) -> int | None:
    """Index of the letter that carries the tone in a lowercase, tone-free syllable."""
    match = _SYLLABLE.fullmatch(syllable)
    if match is None:
        return None
    vowels, start = match.group(2), match.start(2)
    marked = [index for index, vowel in enumerate(vowels) if vowel in _MARKED_VOWELS]
    if marked:
        return start + marked[-1]
    if match.group(3) or vowels in _GLIDE_FIRST_PAIRS:
        return start + len(vowels) - 1
    if len(vowels) == 3:
        return start + 1
    return start
