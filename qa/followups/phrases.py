"""Words compared the way the question was typed, where a phrase ends, and edits to a text by
character spans. Pure functions."""

from index.vietnamese.text import fold_diacritics
from qa.followups import lexicon
from qa.followups.slots import Word


def cue_form(word: str, fold: bool) -> str:
    return fold_diacritics(word) if fold else word


def matches(words: list[Word], index: int, phrase: tuple[str, ...], fold: bool) -> bool:
    if index < 0 or index + len(phrase) > len(words):
        return False
    return all(words[index + k].form == cue_form(part, fold) for k, part in enumerate(phrase))


def is_stop(word: Word) -> bool:
    """A word ending a phrase, compared with its accents when it has any: "độ" is not "do"."""
    return word.form in lexicon.PHRASE_STOPS or (word.form.isascii() and word.form in FOLDED_STOPS)


FOLDED_STOPS = frozenset(fold_diacritics(w) for w in lexicon.PHRASE_STOPS)


def strip_end(text: str) -> str:
    return text.rstrip(" ?.!,;")


def replace_spans(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """text with each (start, end, new) applied, right to left so offsets hold."""
    for start, end, new in sorted(replacements, key=lambda r: (r[0], r[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text
