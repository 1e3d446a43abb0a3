"""How well a typed span fits what the question asks, beyond the keywords around it: bonuses
and penalties for its year, unit, level, rank, date, document code and category, and the tests
that a span only echoes the question."""

import re
from functools import lru_cache

from index.vietnamese.lexicon import PLACE_WORDS
from index.vietnamese.text import fold_diacritics
from qa.keywords import evidence_words, words as words_of
from qa.question import YEAR, AnalysedQuestion
from qa.readers.rules.clauses import CODE_LETTERS, FIGURE_TYPES
from qa.readers.rules.confidence import DAY_MONTH, RANK_WORDS
from qa.readers.rules.span_parts import SpanCandidate

FALLBACK_PENALTY = 0.15
# Place categories a question may ask for ("huyện nào"), with their short forms.
LOCATION_CATEGORIES = {fold_diacritics(word): fold_diacritics(word) for word in PLACE_WORDS} | {
    "tp": "thanh pho", "tx": "thi xa"}
PLACE_CATEGORY_WORDS = frozenset(word for category in LOCATION_CATEGORIES for word in category.split())
# A bare number after these words is a label ("mức độ 4", "giai đoạn 2"), not a quantity.
LABEL_BEFORE = re.compile(r"(?:mức|mức độ|cấp|cấp độ|loại|nhóm|giai đoạn|khu|số|bài|lần)\s*$", re.IGNORECASE)
DEADLINE_BEFORE = re.compile(r"(?:đến|tới|trước|định hướng)\s*(?:hết\s*)?(?:năm\s*)?$|^(?:đến|tới|trước)\s")
DATE_GRANULARITY_BONUS = 0.15
DEADLINE_PENALTY = 0.1
SAME_YEAR_BONUS = 0.15
RANK_BONUS = 0.15
RANK_CUES = ("thứ", "hạng", "xếp", "đứng")
RANK_CHANGE = re.compile(r"\bbậc\b", re.IGNORECASE)
FULL_CODE_BONUS = 0.1
DOCUMENT_KIND_BONUS = 0.2
# The letters a code carries for the kind of document a question names.
DOCUMENT_KIND_LETTERS = {"nghi quyet": "nq", "quyet dinh": "qd", "ke hoach": "kh", "chi thi": "ct",
                         "thong tu": "tt", "nghi dinh": "nd", "cong van": "cv", "de an": "da"}

SHORT_NAME_WORDS = 3


def echoes_question(candidate: SpanCandidate, question_words: str) -> bool:
    """An answer that only repeats the question ("năm 2022" asked about 2022) is no answer.

    A short name echoes only when the question has it as one run: names share syllables, and
    "Quảng Yên" answers a question naming "phường Yên Giang" and "Quảng Ninh"."""
    value_words = words_of(candidate.value)
    if not value_words or not all(f" {word} " in question_words for word in value_words):
        return False
    if candidate.answer_type == "entity" and len(value_words) <= SHORT_NAME_WORDS:
        return f" {' '.join(value_words)} " in question_words
    return True


FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
GIVEN_FIGURE_PENALTY = 0.3
ADDRESS_BONUS = 0.3


def given_figure(candidate: SpanCandidate, question_words: str) -> bool:
    """A figure the question states ("trong 1.000 dịch vụ công…", "mức độ 3") is what it
    asks about, not its answer."""
    figure = FIGURE.search(candidate.value)
    return bool(figure) and f" {figure.group()} " in question_words


CATEGORY_BONUS = 0.15
CATEGORY_PENALTY = 0.3
PLACE_IN_BRACKETS = re.compile(r"\s*\(\s*$")


def category_fit(candidate: SpanCandidate, sentence: str, cue: str | None) -> float:
    """ "huyện nào" is answered by a "huyện …", not a "thị trấn …"; a bare name in brackets
    after a place ("thị trấn Quảng Hà (Hải Hà)") is the unit that place belongs to."""
    if not cue or not cue.endswith(" nào"):
        return 0.0
    asked = fold_diacritics(cue.removesuffix(" nào"))
    if asked not in LOCATION_CATEGORIES:
        return 0.0
    category = fold_diacritics(category_of(candidate))
    if category:
        same = LOCATION_CATEGORIES.get(category, category) == LOCATION_CATEGORIES[asked]
        return CATEGORY_BONUS if same else -CATEGORY_PENALTY
    before = sentence[:candidate.start]
    if PLACE_IN_BRACKETS.search(before) and set(words_of(before)[-5:]) & PLACE_CATEGORY_WORDS:
        return CATEGORY_BONUS + FALLBACK_PENALTY  # a place, whatever kind of name it looked like
    return 0.0


ECHO_PENALTY = 0.2


def named_by_slot(candidate: SpanCandidate, sentence: str, slot: tuple[str, ...]) -> bool:
    """ "bộ lạc nào" is answered by the name the text puts right after "bộ lạc"; "hội nào" by
    a name that begins with it ("Hội Tin học Việt Nam")."""
    if not slot:
        return False
    before = words_of(sentence[max(0, candidate.start - 40):candidate.start])
    return tuple(before[-len(slot):]) == slot or tuple(words_of(candidate.text)[:len(slot)]) == slot


def mostly_echoes(candidate: SpanCandidate, question_words: str) -> bool:
    """A long name made mostly of the question's words ("Chương trình chuyển đổi số tỉnh Bắc
    Ninh" asked about the national programme) is a variant of its subject, rarely its answer."""
    value_words = evidence_words(candidate.value)
    return len(value_words) > SHORT_NAME_WORDS and \
        3 * sum(f" {word} " in question_words for word in value_words) >= 2 * len(value_words)


DATE_WORD_BEFORE = re.compile(r"(?:năm|tháng|ngày|thế kỷ)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1024)
def stated_quantities(question: str) -> frozenset[str]:
    """Quantities the question states ("trong 1.000 DVC…"): the total it counts within, which
    sets the topic of every figure in a sentence, not of the figure next to it. Years and
    labels ("mức độ 4") still tell figures apart."""
    return frozenset(fold_diacritics(match.group()) for match in FIGURE.finditer(question)
                     if not YEAR.fullmatch(match.group()) and not LABEL_BEFORE.search(question[:match.start()])
                     and not DATE_WORD_BEFORE.search(question[:match.start()]))


# A label and its numbers, folded: "mức độ 3", "mức 3,4", "giai đoạn 1 và 2".
LABEL = re.compile(r"\b(?:muc do|muc|cap do|giai doan|nhom|loai)\s+(\d{1,2}(?:\s*(?:,|va)\s*\d{1,2})*)(?!\d|[.,]\d|\s*%)")
LABEL_GAP = re.compile(r"\s*(?:,|va|,\s*va)\s*")
LABEL_BONUS = 0.15
LABEL_PENALTY = 0.15
UNLABELLED_PENALTY = 0.1


def labels_in(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, numbers) of each label group in folded text; labels joined by a comma
    or "và" are one group ("mức độ 3, mức độ 4")."""
    groups: list[tuple[int, int, frozenset[str]]] = []
    for match in LABEL.finditer(text):
        numbers = frozenset(re.findall(r"\d+", match.group(1)))
        if groups and LABEL_GAP.fullmatch(text[groups[-1][1]:match.start()]):
            start, _, earlier = groups.pop()
            groups.append((start, match.end(), earlier | numbers))
        else:
            groups.append((match.start(), match.end(), numbers))
    return groups


@lru_cache(maxsize=1024)
def asked_labels(folded_question: str) -> frozenset[str]:
    return frozenset().union(*(numbers for _, _, numbers in labels_in(folded_question)))


def label_fit(candidate: SpanCandidate, sentence: str, question: AnalysedQuestion) -> float:
    """ "mức độ 3" asks for the figure the text gives for level 3: not the one for levels 3
    and 4 together ("mức độ 3, mức độ 4 là 1.552"), nor one that names no level at all."""
    asked = asked_labels(question.folded)
    if not asked:
        return 0.0
    clause_start = sentence.rfind(";", 0, candidate.start) + 1
    before = fold_diacritics(sentence[clause_start:candidate.start].lower())
    groups = labels_in(before)
    if not groups:
        return -UNLABELLED_PENALTY
    return LABEL_BONUS if groups[-1][2] == asked else -LABEL_PENALTY


QUALIFIER_BONUS = 0.1
# A bracket right after a figure restates it ("1.388 (0,9%) hộ gia đình …"): no other figure.
OWN_BRACKET = re.compile(r"\s*\(\s*(?:[^\W\d_]+\s+){0,2}")


def qualified_figure(candidate: SpanCandidate, sentence: str,
                     figures: tuple[SpanCandidate, ...]) -> SpanCandidate | None:
    """The figure whose bracket the candidate stands in, earlier in its clause ("89,13%
    (cả nước 75,39%)", "89,13% hộ gia đình có … (mục tiêu 88%)"), not in an aside ("(Các nhà
    máy … sẽ đóng cửa vào tháng 10 năm 2016)")."""
    bracket = sentence.rfind("(", 0, candidate.start)
    if bracket < 0 or sentence.rfind(")", 0, candidate.start) > bracket:
        return None
    return next((other for other in reversed(figures) if other.end <= bracket
                 and not re.search(r"[;()]", sentence[other.end:bracket])), None)


def asks_qualifier(first: int, last: int, words, clauses, hits) -> bool:
    """A value in brackets qualifies the one before it ("89,13% (cả nước 75,39%)",
    "35.299 lượt (trong đó, khai thác thành công 25.624 lượt)"): a question naming a word of
    the qualifier that the sentence does not use outside brackets asks for that value.

    Words are two asked syllables in a row ("cả nước", "thành công"): single syllables
    ("năm", "công") are everywhere."""
    if first >= len(clauses) or clauses[first][1] < 0:
        return False
    group = clauses[first][1]
    asked = sorted(place for places in hits.values() for place in places)
    pairs = [(left, right) for left, right in zip(asked, asked[1:]) if right == left + 1]
    outside = {(words[left][0], words[right][0]) for left, right in pairs if clauses[left][1] < 0}
    return any(clauses[left][1] == clauses[right][1] == group and not first <= left <= last
               and (words[left][0], words[right][0]) not in outside for left, right in pairs)


def date_fit(candidate: SpanCandidate, sentence: str, cue: str | None) -> float:
    """'ngày nào' wants a day, and an issue date rather than a deadline ('đến năm 2030')."""
    text = candidate.text.lower()
    bonus = 0.0
    if cue and any(word in cue for word in ("ngày", "khi nào", "bao giờ", "lúc nào", "thời điểm")):
        bonus += DATE_GRANULARITY_BONUS if (DAY_MONTH.search(text) or text.startswith("ngày")) else 0.0
    if cue and "tháng" in cue and ("tháng" in text or DAY_MONTH.search(text)):
        bonus += DATE_GRANULARITY_BONUS
    before = sentence[max(0, candidate.start - 16):candidate.start].lower()
    if DEADLINE_BEFORE.search(before) or DEADLINE_BEFORE.match(text):
        bonus -= DEADLINE_PENALTY
    return bonus


def counts_asked_unit(candidate: SpanCandidate, question: AnalysedQuestion) -> bool:
    """The candidate counts what the question does: the unit's head noun and most of its
    words ("3-5 điểm nạp" for "bao nhiêu điểm nạp rút tiền"; a unit may be cut short)."""
    found = set(words_of(candidate.text))
    return any(unit[0] in found and 2 * sum(word in found for word in unit) >= len(unit)
               for unit in question.asked_units)


def rank_fit(candidate: SpanCandidate, cue: str | None) -> float:
    """'thứ mấy' wants 'thứ 3/63', not 'tăng 4 bậc'; 'mấy bậc' the other way round."""
    if not cue or candidate.answer_type not in FIGURE_TYPES:
        return 0.0
    asks_rank = any(word in cue for word in RANK_CUES)
    if RANK_CHANGE.search(candidate.text):
        return -RANK_BONUS if asks_rank else 0.0
    return RANK_BONUS if asks_rank and RANK_WORDS.search(candidate.text) else 0.0

ISSUE_DATE_AFTER = re.compile(r"\s*[(,]?\s*(?:ban hành\s+)?ngày\s+\d{1,2}/\d{1,2}/((?:19|20)\d\d)", re.IGNORECASE)


def issue_year_fit(candidate: SpanCandidate, sentence: str, years: tuple[str, ...]) -> float:
    """A plan "ban hành năm 2022" is the one dated 2022, not the next year's plan. No penalty
    for another year: a question's years are often the document's horizon ("đến năm 2025")."""
    dated = ISSUE_DATE_AFTER.match(sentence, candidate.end)
    return SAME_YEAR_BONUS if dated and dated.group(1) in years else 0.0


def code_fit(candidate: SpanCandidate, question: AnalysedQuestion) -> float:
    """A full code ("09-NQ/TU") beats a short mention ("Nghị quyết 09"), and a plan's code
    (KH) answers a question about a plan (kế hoạch)."""
    letters = [part.lower() for part in CODE_LETTERS.findall(fold_diacritics(candidate.text))]
    score = FULL_CODE_BONUS if letters else 0.0
    asked = question.folded
    wanted = {code for kind, code in DOCUMENT_KIND_LETTERS.items() if kind in asked}
    if wanted and wanted & set(letters):
        score += DOCUMENT_KIND_BONUS
    return score


def category_of(candidate: SpanCandidate) -> str:
    return candidate.lead.lower()
