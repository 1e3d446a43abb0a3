"""Measuring how well a sentence supports a question: pure functions on words.

Words are compared folded (lowercase, no diacritics) so unaccented questions count
the same; each question keyword is weighted by its rarity in the corpus (IDF), so
"4G" or "2019" matter more than "tỉnh", and a word the corpus never uses ("vàng")
weighs most of all: a question about something absent gets little coverage.
"""

import math
import re
from functools import lru_cache
from collections.abc import Callable, Iterable

from index.vietnamese.text import fold_diacritics, normalize_for_matching
from index.vietnamese.abbreviations import long_form

# Numbers and codes stay whole ("99,8%", "5/2/2022", "59/KH-UBND"); a rate's denominator
# does not ("di động/100 dân" is "động" and "100").
WORD = re.compile(r"[^\W_]+(?:(?:[.,&-]|(?<=\d)/|/(?!\d))[^\W_]+)*%?")


# A language has far fewer words than a corpus has sentences: each word's form and long form are
# worked out once, which makes reading a passage never seen before about twice as fast.
@lru_cache(maxsize=65536)
def matching_form(word: str, fold: bool) -> str:
    matched = normalize_for_matching(word)
    return fold_diacritics(matched) if fold else matched


cached_long_form = lru_cache(maxsize=65536)(long_form)


@lru_cache(maxsize=16384)  # passages and their sentences come back question after question
def word_spans(text: str, fold: bool = True) -> tuple[tuple[str, int, int], ...]:
    """(word, start, end) for every word of text, lowercased with modern tone placement and,
    when fold is set, without diacritics; numbers and codes stay whole.

    A question typed with diacritics is matched with them: folded, "tuyển" would match
    "trực tuyến" and "đá" would match "đã"."""
    return tuple((matching_form(m.group(), fold), m.start(), m.end()) for m in WORD.finditer(text))


def words(text: str, fold: bool = True) -> list[str]:
    return [word for word, _, _ in word_spans(text, fold)]


@lru_cache(maxsize=16384)
def evidence_spans(text: str, fold: bool = True) -> tuple[tuple[str, int, int], ...]:
    """word_spans with every abbreviation read as the words it stands for, each at the
    abbreviation's offsets: "QN" and "Quảng Ninh", "TTHC" and "thủ tục hành chính" are then
    the same evidence, whichever form the question or the sentence uses. Without this a
    question's "QN" weighs as a word the corpus hardly uses, and sinks every answer."""
    spans = []
    for word, start, end in word_spans(text, fold):
        long = cached_long_form(text[start:end])
        if long is None:
            spans.append((word, start, end))
        else:
            spans.extend((part, start, end) for part, _, _ in word_spans(long, fold))
    return tuple(spans)


def evidence_words(text: str, fold: bool = True) -> list[str]:
    return [word for word, _, _ in evidence_spans(text, fold)]


def idf(document_frequency: int, documents: int) -> float:
    return math.log(1 + (documents - document_frequency + 0.5) / (document_frequency + 0.5))


def keyword_weights(keywords: Iterable[str], document_frequency: Callable[[str], int], documents: int) -> dict[str, float]:
    return {word: idf(document_frequency(word), documents) for word in keywords}


def coverage(words: set[str], weights: dict[str, float]) -> float:
    """Share of the question's keyword weight that the words contain."""
    total = sum(weights.values())
    return sum(w for word, w in weights.items() if word in words) / total if total else 0.0


def keyword_hits(words: list[str], weights: dict[str, float]) -> dict[str, list[int]]:
    hits: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        if word in weights:
            hits.setdefault(word, []).append(index)
    return hits
