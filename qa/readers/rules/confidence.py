"""How sure the rules are of a choice, in [0, 1], before the pipeline's anchor checks
(qa.anchors): how much of the question its sentence covers, less what the answer fails to be
(a day for "ngày nào", a person for "ai", a rank about the index asked).
Pure: a choice and its question come in, a number goes out.
"""

import re

from qa.anchors import MISSING_ANCHOR_FACTOR, NAMED_INDEX_FACTOR
from qa.keywords import evidence_words
from qa.question import AnalysedQuestion
from qa.readers.rules.views import Choice, scaled_cosine

RANK_SUBJECT = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}về\s+(?P<subject>[^;.(]+)")
RANK_WORDS = re.compile(r"^(?:đứng\s+|xếp\s+)?(?:vị trí\s+)?(?:thứ|hạng)\b", re.IGNORECASE)
DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}")
NAMED_KINDS = ("person", "organization")
OTHER_KIND_FACTOR = 0.6


def confidence(choice: Choice, question: AnalysedQuestion) -> float:
    """How sure the choice is: mostly how much of the question its sentence covers."""
    value = 0.55 * choice.support + 0.25 * choice.context_support + 0.2 * scaled_cosine(choice.sentence.cosine)
    if question.expected.entity_kind in NAMED_KINDS and is_other_kind(choice, question.expected.entity_kind):
        value *= OTHER_KIND_FACTOR  # "ai" is not answered by a body, "doanh nghiệp nào" not by a phrase
    if question.named_indexes and ranks_another_index(choice, question.named_indexes):
        value *= NAMED_INDEX_FACTOR  # "thứ 2 về chỉ số thành phần Chính quyền số" is no DTI rank
    if asks_day(question.expected.cue) and choice.answer_type == "date" and not names_day(choice.text):
        value *= MISSING_ANCHOR_FACTOR  # "ban hành ngày nào" is not answered by "đến năm 2025"
    return min(max(value, 0.0), 1.0)


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
