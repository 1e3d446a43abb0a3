"""Tokens for the BM25 lexical index: pyvi words, and unaccented syllables with bigrams.

Documents and queries must go through the same function, so every choice here is about
producing the same tokens for the same words however they were typed.

Casing: text is lowercased *before* pyvi segments it. pyvi does segment cased text better on
proper names ("Bắc_Ninh", "Việt_Nam", "Tường_Huy"; 64 of 233 seed sentences segment differently),
but queries are often typed in lowercase, and a cased document token "bắc_ninh" would never
meet a lowercase query's "bắc" "ninh". Lowercasing first makes tokens independent of case.
"""

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache

from index.vietnamese.text import fold_diacritics, normalize_for_matching, normalize_whitespace

_NUMBER = r"\d+(?:[.,]\d+)*"  # 6.100, 0,7804, 1.552, 4.0 (Vietnamese "." thousands, "," decimals)
_CODE_PART = rf"(?:{_NUMBER}|[a-zđ]+)"  # the parts of 09-NQ/TU, 749/QĐ-TTg, 46/2018/TT-BYT

# Spans that must stay whole tokens; pyvi alone splits "09-NQ/TU" into "09 - NQ / TU".
# Case-insensitive so that a lowercase query ("749/qđ-ttg") finds the same token as the text.
PROTECTED_PATTERN = re.compile(
    rf"""
    (?<!\w)
    (?:
        (?:https?://|www\.)\S*[^\s.,;:!?)\]"'”’]        # URLs, without trailing punctuation
      | \d{{1,2}}(?::\d{{2}}){{1,2}}                    # times: 14:15, 14:15:41
      | {_NUMBER}(?:[/-]{_CODE_PART})*                  # numbers, ratios, dates, ranges, codes
        (?:[ \u00a0]?%|[a-zđ]{{1,3}})?                  # 99,8% or "99,8 %"; 4G, 5G, 15km
      | [a-zđ]+&[a-zđ]+                                 # TT&TT, GD&ĐT
    )
    (?!\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A year range is indexed whole and also as its two years, so "2019" finds "2019-2020".
_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)-((?:19|20)\d\d)")
_SYLLABLE = re.compile(r"[^\W_]+")

# Recorded in the index manifest: an index built with other settings must be rebuilt. Plain JSON
# values only, so a manifest read back compares equal. Bump "version" when a rule changes.
TOKENIZER_SETTINGS = {
    "version": 1,
    "words": "pyvi.ViTokenizer on lowercased text",
    "folded": "syllables and adjacent-syllable bigrams, without diacritics",
    "tone_placement": "modern (hoà, thuỷ)",
    "year_ranges": "whole and each year",
    "protected_pattern_sha256": hashlib.sha256(PROTECTED_PATTERN.pattern.encode()).hexdigest()[:16],
}


def lexical_tokens(text: str) -> list[str]:
    """Lowercase pyvi words ("chuyển_đổi", "quảng_ninh") and whole protected tokens, in text order.

    One-letter syllables ("ở", "ý") are kept and there is no stopword list; tokens made only of
    punctuation are dropped and punctuation around a word is trimmed ("tp." -> "tp").
    """
    tokens: list[str] = []
    for piece, is_protected in _split_protected(_prepare(text)):
        tokens += _protected_tokens(piece) if is_protected else _segment_words(piece)
    return tokens


def folded_tokens(text: str) -> list[str]:
    """Unaccented tokens for queries typed without diacritics, in text order.

    Protected tokens stay whole ("749/qd-ttg"); the rest is split into syllables without pyvi,
    which segments unaccented text poorly. After each syllable comes the bigram it forms with
    the syllable before it ("quang", "ninh", "quang_ninh") when only spaces separate them, so a
    phrase match weighs more than scattered syllables. Bigrams never cross punctuation or a
    protected token.
    """
    tokens: list[str] = []
    for piece, is_protected in _split_protected(_prepare(text)):
        folded = fold_diacritics(piece)
        tokens += _protected_tokens(folded) if is_protected else _syllables_and_bigrams(folded)
    return tokens


def _prepare(text: str) -> str:
    return normalize_for_matching(normalize_whitespace(text))


def _split_protected(text: str) -> Iterator[tuple[str, bool]]:
    """Yield (piece, is_protected) covering `text` in order."""
    position = 0
    for match in PROTECTED_PATTERN.finditer(text):
        yield text[position : match.start()], False
        yield match.group(), True
        position = match.end()
    yield text[position:], False


def _protected_tokens(span: str) -> list[str]:
    token = re.sub(r"\s", "", span)  # "99,8 %" -> "99,8%"
    year_range = _YEAR_RANGE.fullmatch(token)
    return [token, *year_range.groups()] if year_range else [token]


def _segment_words(piece: str) -> list[str]:
    if not any(char.isalnum() for char in piece):
        return []
    words = (_trim_punctuation(word) for word in _word_segmenter()(piece).split())
    return [word for word in words if word]


def _trim_punctuation(word: str) -> str:
    """Strip punctuation and symbols at both ends; "" when nothing alphanumeric is left."""
    start, end = 0, len(word)
    while start < end and not _is_word_char(word[start]):
        start += 1
    while end > start and not _is_word_char(word[end - 1]):
        end -= 1
    return word[start:end]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) == "Mn"


def _syllables_and_bigrams(piece: str) -> list[str]:
    tokens: list[str] = []
    previous, previous_end = None, 0
    for match in _SYLLABLE.finditer(piece):
        syllable = match.group()
        tokens.append(syllable)
        if previous and piece[previous_end : match.start()].isspace():
            tokens.append(f"{previous}_{syllable}")
        previous, previous_end = syllable, match.end()
    return tokens


@cache
def _word_segmenter() -> Callable[[str], str]:
    """pyvi's tokenizer, imported on first use: loading its CRF model takes about two seconds."""
    from pyvi import ViTokenizer

    return ViTokenizer.tokenize
