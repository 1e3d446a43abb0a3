"""How sure an answer is, in [0, 1]: how much of the question its sentence covers, less what
its context fails to name (the question's year, anchors, role, index, period) and what the
answer fails to be (a day for "ngày nào", a person for "ai", a rank about the index asked).
Pure: a choice and its question come in, a number goes out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from qa.evidence import evidence_words
from qa.question import YEAR, Question

if TYPE_CHECKING:  # extraction builds choices and asks this module what a context is worth
    from qa.extraction import Choice, SentenceView

RANK_SUBJECT = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}về\s+(?P<subject>[^;.(]+)")
RANK_WORDS = re.compile(r"^(?:đứng\s+|xếp\s+)?(?:vị trí\s+)?(?:thứ|hạng)\b", re.IGNORECASE)
DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}")
MISSING_ANCHOR_FACTOR = 0.4
DISTANT_ANCHOR_FACTOR = 0.75
NAMED_INDEX_FACTOR = 0.6  # softer: an index is often paraphrased ("DTI" as "về chuyển đổi số")


def scaled_cosine(cosine: float) -> float:
    # e5 cosines between related Vietnamese texts sit around 0.75-0.9.
    return min(max((cosine - 0.7) / 0.2, 0.0), 1.0)


ROLE_BODY_REACH = 5  # words between a title and its body ("Chủ tịch | UBND | tỉnh"; UBND reads as 4)


def holds_role(text: str, title: tuple[str, ...], body: tuple[str, ...]) -> bool:
    """Whether the text names the role itself: the title, not a deputy's ("Phó Chủ tịch"),
    followed by the body the question names ("Chủ tịch UBND tỉnh", not "Chủ tịch Hội đồng")."""
    words = evidence_words(text)
    for index in range(len(words) - len(title) + 1):
        if tuple(words[index:index + len(title)]) != title or (index and words[index - 1] == "pho"):
            continue
        after = words[index + len(title):index + len(title) + ROLE_BODY_REACH + len(body)]
        if not body or any(tuple(after[i:i + len(body)]) == body for i in range(len(after))):
            return True
    return False


@lru_cache(maxsize=1024)
def context_evidence(context: str) -> tuple[frozenset[str], str]:
    """A passage's words with its context, as a set and as one spaced string; the sentences of
    a passage share them."""
    found = evidence_words(context)
    return frozenset(found), f" {' '.join(found)} "


def context_factor(view: SentenceView, question: Question) -> float:
    """How far the sentence's context names what the question does: its year, its anchors,
    the role and the index it asks about. 1 when all are there."""
    factor = 1.0
    passage = view.passage_text
    context = view.preceding_text + " " + passage
    if question.years and not set(question.years) & set(YEAR.findall(context)):
        factor *= MISSING_ANCHOR_FACTOR  # the question's year is nowhere near this answer
    passage_words, folded_context = context_evidence(context)
    sentence_words = set(evidence_words(view.text))
    if any(anchor not in passage_words for anchor in question.anchors):
        factor *= MISSING_ANCHOR_FACTOR  # "Quyết định 1575/QĐ-UBND" is not "1574/QĐ-UBND"
    elif any(anchor not in sentence_words for anchor in question.anchors):
        factor *= DISTANT_ANCHOR_FACTOR  # named nearby, not by the sentence that answers
    if question.asked_role and not holds_role(context, *question.asked_role):
        factor *= MISSING_ANCHOR_FACTOR  # "Chủ tịch UBND tỉnh" is not answered by a "Phó Chủ tịch"
    if any(not any(f" {form} " in folded_context for form in forms) for forms in question.named_indexes):
        factor *= NAMED_INDEX_FACTOR  # a question about the PCI is not answered by the PAR index
    return factor


def confidence(choice: Choice, question: Question) -> float:
    """How sure the choice is, in [0, 1]: mostly how much of the question its sentence covers."""
    value = 0.55 * choice.support + 0.25 * choice.context_support + 0.2 * scaled_cosine(choice.sentence.cosine)
    value *= context_factor(choice.sentence, question)
    if question.expected.entity_kind in NAMED_KINDS and is_other_kind(choice, question.expected.entity_kind):
        value *= OTHER_KIND_FACTOR  # "ai" is not answered by a body, "doanh nghiệp nào" not by a phrase
    if question.named_indexes and ranks_another_index(choice, question.named_indexes):
        value *= NAMED_INDEX_FACTOR  # "thứ 2 về chỉ số thành phần Chính quyền số" is no DTI rank
    if asks_day(question.expected.cue) and choice.answer_type == "date" and not names_day(choice.text):
        value *= MISSING_ANCHOR_FACTOR  # "ban hành ngày nào" is not answered by "đến năm 2025"
    return round(min(max(value, 0.0), 1.0), 4)


NAMED_KINDS = ("person", "organization")
OTHER_KIND_FACTOR = 0.6


def is_other_kind(choice: Choice, asked: str) -> bool:
    """A phrase, or a name known to be of another kind ("Ủy ban …" for "ai"); a bare name
    ("Catherine Tate") may be anything."""
    return choice.answer_type != "entity" or choice.entity_kind not in ("name", asked)


def ranks_another_index(choice: Choice, indexes: tuple[tuple[str, ...], ...]) -> bool:
    """A rank whose subject ("… thứ 2 về <subject>") names none of the forms of an index the
    question asks about."""
    if not RANK_WORDS.search(choice.text):
        return False
    subject = RANK_SUBJECT.match(choice.sentence.text, choice.end)
    if not subject:
        return False
    named = f" {' '.join(evidence_words(subject['subject']))} "
    return any(not any(f" {form} " in named for form in forms) for forms in indexes)


def asks_day(cue: str | None) -> bool:
    return bool(cue) and "ngày" in cue


def names_day(text: str) -> bool:
    return bool(DAY_MONTH.search(text)) or text.lower().startswith("ngày")
