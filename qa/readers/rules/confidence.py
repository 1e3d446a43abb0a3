"""How sure the rules are of a choice, in [0, 1], before the pipeline's anchor checks
(qa.anchors): how much of the question its sentence covers, less what the answer fails to be
(a day for "ngày nào", a person for "ai", a rank about the index asked, a count for "bao nhiêu",
a point in time for "khi nào").
Pure: a choice and its question come in, a number goes out.
"""

import re

from qa.anchors import MISSING_ANCHOR_FACTOR, NAMED_INDEX_FACTOR
from index.vietnamese.text import fold_diacritics
from qa.keywords import evidence_words, words as words_of
from qa.question import AnalysedQuestion
from qa.readers.rules.span_parts import MAGNITUDE_WORDS
from qa.readers.rules.views import Choice, scaled_cosine

RANK_SUBJECT = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}về\s+(?P<subject>[^;.(]+)")
RANK_WORDS = re.compile(r"^(?:đứng\s+|xếp\s+)?(?:vị trí\s+)?(?:thứ|hạng)\b", re.IGNORECASE)
DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}")
NAMED_KINDS = ("person", "organization")
OTHER_KIND_FACTOR = 0.6
COUNT_CUES = ("bao nhiêu", "mấy")  # "thứ mấy", "hạng bao nhiêu" ask a rank
# A rank asked in other words, folded: "xếp thứ", "đứng hạng", "vị trí", "thứ hạng".
RANK_QUESTION = re.compile(r"\b(?:xep|dung)\s+(?:thu|hang)\b|\bvi tri\b|\bthu hang\b")
POINT_IN_TIME_CUES = ("khi nào", "bao giờ", "lúc nào", "thời điểm nào", "ngày nào", "tháng nào",
                      "năm nào")
# "giai đoạn 2024-2030", "thời kỳ đổi mới", "2021 - 2025", "từ 1975 đến 1985"
PERIOD = re.compile(r"^(?:từ\s+)?(?:giai đoạn|thời kỳ)\b|\d{4}\s*[-–]\s*\d{4}|^từ\b.*\bđến\b",
                    re.IGNORECASE)


def confidence(choice: Choice, question: AnalysedQuestion) -> float:
    """How sure the choice is: mostly how much of the question its sentence covers."""
    value = 0.55 * choice.support + 0.25 * choice.context_support + 0.2 * scaled_cosine(choice.sentence.cosine)
    if question.expected.entity_kind in NAMED_KINDS and is_other_kind(choice, question.expected.entity_kind):
        value *= OTHER_KIND_FACTOR  # "ai" is not answered by a body, "doanh nghiệp nào" not by a phrase
    if question.named_indexes and ranks_another_index(choice, question.named_indexes):
        value *= NAMED_INDEX_FACTOR  # "thứ 2 về chỉ số thành phần Chính quyền số" is no DTI rank
    if asks_day(question.expected.cue) and choice.answer_type == "date" and not names_day(choice.text):
        value *= MISSING_ANCHOR_FACTOR  # "ban hành ngày nào" is not answered by "đến năm 2025"
    if asks_point_in_time(question.expected.cue) and choice.answer_type == "date" and PERIOD.search(choice.text):
        value *= MISSING_ANCHOR_FACTOR  # "khi nào ban hành" is not answered by "giai đoạn 2024-2030"
    counting = asks_count(question)
    if counting and RANK_WORDS.search(choice.text):
        value *= MISSING_ANCHOR_FACTOR  # "bao nhiêu doanh nghiệp" is not answered by "xếp thứ 14/63"
    if counting and choice.answer_type in ("number", "percent") \
            and counts_another_unit(choice.text, question.asked_units, share=choice.answer_type == "percent"):
        value *= MISSING_ANCHOR_FACTOR  # "bao nhiêu kiosk" is not answered by "29 thủ tục hành chính"
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


def asks_point_in_time(cue: str | None) -> bool:
    """"khi nào", "năm nào": when something happened, which a period ("giai đoạn 2024-2030",
    often a plan's title) does not say; "giai đoạn nào", "thời gian nào" and "từ năm nào" may
    be answered by one."""
    return cue in POINT_IN_TIME_CUES


def figure_unit(text: str) -> list[str]:
    """The folded words a figure counts in ("29 thủ tục hành chính" → thu tuc hanh chinh): those
    after its last number, but for the magnitudes ("3,4 triệu"), read with their tones, which
    tell "trăm" (hundred) from "trạm" (station)."""
    words = words_of(text, fold=False)
    last_number = max((i for i, word in enumerate(words) if any(c.isdigit() for c in word)), default=None)
    if last_number is None:
        return []
    return [fold_diacritics(word) for word in words[last_number + 1:] if word not in MAGNITUDE_WORDS]


def counts_another_unit(text: str, asked_units: tuple[tuple[str, ...], ...], share: bool = False) -> bool:
    """A figure written with a unit that shares no word with what the question counts: "29 thủ
    tục hành chính" for "bao nhiêu kiosk"; or a bare share ("trên 70%" for "bao nhiêu tài
    khoản"), which counts nothing. A bare number ("236.945/592.363"), or a figure sharing a word
    ("3 đảng phái chính" for "bao nhiêu phe chính", "94% phiếu ủng hộ"), may still count it."""
    if not asked_units:
        return False
    unit = figure_unit(text)
    if not unit:
        return share
    found = set(words_of(text))
    return not any(word in found for asked in asked_units for word in asked)


def asks_count(question: AnalysedQuestion) -> bool:
    """"bao nhiêu doanh nghiệp": how many, which a rank ("xếp thứ 14/63") does not say; a question
    with a rank word ("đứng thứ bao nhiêu", "ở vị trí bao nhiêu") asks the rank."""
    return (question.expected.answer_type == "number" and question.expected.cue in COUNT_CUES
            and not RANK_QUESTION.search(question.folded))


def names_day(text: str) -> bool:
    return bool(DAY_MONTH.search(text)) or text.lower().startswith("ngày")
