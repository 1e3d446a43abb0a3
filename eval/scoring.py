"""Answer scoring after Vietnamese normalisation: pure functions.

An answer is *correct* when it is short (at most MAX_ANSWER_TOKENS words) and holds one
of the gold aliases, compared after normalisation or, for unaccented questions' sake,
also without diacritics. Exact match and token F1 are reported beside it.
"""

import re

from index.vietnamese.text import fold_diacritics, normalize_for_matching

MAX_ANSWER_TOKENS = 15
QUOTES_AND_BRACKETS = re.compile(r"[\"“”'‘’()\[\]]")
TOKEN = re.compile(r"\w+(?:[.,/-]\w+)*%?")


def normalise_answer(text: str | None) -> str:
    """NFC, modern tone placement, lower case, no quotes; "99,8 %" == "99,8%"."""
    text = normalize_for_matching(text or "").replace("\u00a0", " ")
    text = re.sub(r"(\d)\s+%", r"\1%", QUOTES_AND_BRACKETS.sub(" ", text))
    return " ".join(text.split()).strip(" .,;:")


def answer_tokens(text: str | None) -> list[str]:
    return TOKEN.findall(normalise_answer(text))


def exact_match(prediction: str | None, aliases: list[str]) -> bool:
    return any(normalise_answer(prediction) == normalise_answer(alias) for alias in aliases)


def token_f1(prediction: str | None, alias: str) -> float:
    predicted, gold = answer_tokens(prediction), answer_tokens(alias)
    common = sum(min(predicted.count(t), gold.count(t)) for t in set(gold))
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def best_f1(prediction: str | None, aliases: list[str]) -> float:
    return max((token_f1(prediction, alias) for alias in aliases), default=0.0)


def is_correct(prediction: str | None, aliases: list[str]) -> bool:
    if not prediction or len(answer_tokens(prediction)) > MAX_ANSWER_TOKENS:
        return False
    answer = normalise_answer(prediction)
    return any(normalise_answer(a) in answer or fold_diacritics(normalise_answer(a)) in fold_diacritics(answer)
               for a in aliases)
