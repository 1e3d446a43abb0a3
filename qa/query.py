"""Preparing a question for retrieval: clean it, expand abbreviations, choose the lexical views.

A question typed without diacritics only matches the folded view; one with
diacritics matches both (the words view is sharper, the folded view forgives a
wrong or missing tone mark).
"""

from dataclasses import dataclass

from index.vietnamese.text import has_diacritics, normalize_whitespace, to_nfc
from index.vietnamese.tokens import folded_tokens, lexical_tokens
from index.vietnamese.abbreviations import expand_question


@dataclass(frozen=True)
class PreparedQuery:
    text: str
    dense_text: str
    lexical_tokens: dict[str, list[str]]
    accented: bool


def prepare_query(question: str) -> PreparedQuery:
    typed = normalize_whitespace(to_nfc(question))
    accented = has_diacritics(typed)  # expansions add accents the person did not type
    text = expand_question(typed)
    views = {"folded": folded_tokens(text)}
    if accented:
        views["words"] = lexical_tokens(text)
    return PreparedQuery(text=text, dense_text=text, lexical_tokens=views, accented=accented)
