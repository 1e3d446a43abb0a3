"""Choosing the answer: the best-supported sentence and, in it, the typed span nearest
the question's keywords. Pure: sentences come in with their scores, a choice goes out.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from qa.evidence import coverage, evidence_spans, evidence_words, keyword_hits, word_spans, words as words_of
from index.vietnamese.text import fold_diacritics
from qa.answer_types import WEB_ADDRESS_CUE
from qa.confidence import DAY_MONTH, RANK_SUBJECT, RANK_WORDS, context_factor, scaled_cosine
from qa.entities import LOCATION_WORDS, is_web_address
from qa.question import YEAR, Question
from qa.spans import SpanCandidate, typed_spans

# Which candidate types answer which expected type; the second tuple is a fallback.
ACCEPTED_TYPES = {
    "number": (("number", "percent"), ()),
    "percent": (("percent",), ("number",)),
    "date": (("date",), ()),
    "code": (("code",), ()),
    "entity": (("entity",), ("text",)),
    "text": (("text",), ("entity",)),
}
FIGURE_TYPES = ("number", "percent")
FALLBACK_PENALTY = 0.15
OTHER_YEAR_PENALTY = 0.3
MAX_TEXT_ANSWER_WORDS = 12
CLAUSE = re.compile(r"[^,;:()]+")
LOCAL_DECAY_WORDS = 6
OTHER_CLAUSE_DAMPING = 0.3
# Place categories a question may ask for ("huyện nào"), with their short forms.
LOCATION_CATEGORIES = {fold_diacritics(word): fold_diacritics(word) for word in LOCATION_WORDS} | {
    "tp": "thanh pho", "tx": "thi xa"}
PLACE_WORDS = frozenset(word for category in LOCATION_CATEGORIES for word in category.split())
HEADER = -1  # clause number of a list's header
HEADER_WEIGHT = 0.5
# A sentence's score: its keyword coverage, its passage's, cosine with the question, retrieval rank.
SENTENCE_WEIGHTS = (0.5, 0.2, 0.2, 0.1)
LOCAL_WEIGHT = 0.4  # the keywords around a candidate, on top of its sentence's score
OUTSIDE_GROUP_DAMPING = 0.8
# A bare number after these words is a label ("mức độ 4", "giai đoạn 2"), not a quantity.
LABEL_BEFORE = re.compile(r"(?:mức|mức độ|cấp|cấp độ|loại|nhóm|giai đoạn|khu|số|bài|lần)\s*$", re.IGNORECASE)
BARE_INTEGER = re.compile(r"\d{1,2}")
DEADLINE_BEFORE = re.compile(r"(?:đến|tới|trước|định hướng)\s*(?:hết\s*)?(?:năm\s*)?$|^(?:đến|tới|trước)\s")
DATE_GRANULARITY_BONUS = 0.15
DEADLINE_PENALTY = 0.1
ASKED_UNIT_BONUS = 0.25
SAME_YEAR_BONUS = 0.15
RANK_BONUS = 0.15
RANK_CUES = ("thứ", "hạng", "xếp", "đứng")
RANK_CHANGE = re.compile(r"\bbậc\b", re.IGNORECASE)
FULL_CODE_BONUS = 0.1
DOCUMENT_KIND_BONUS = 0.2
# The letters a code carries for the kind of document a question names.
DOCUMENT_KIND_LETTERS = {"nghi quyet": "nq", "quyet dinh": "qd", "ke hoach": "kh", "chi thi": "ct",
                         "thong tu": "tt", "nghi dinh": "nd", "cong van": "cv", "de an": "da"}
CODE_LETTERS = re.compile(r"[/-]([^\W\d_]+)")
COORDINATION = re.compile(r"\s*(?:,|và|,\s*và)\s*$")


@dataclass(frozen=True)
class SentenceView:
    """One sentence of a retrieved passage, with what scoring needs."""

    text: str
    start: int                 # offsets in the document's clean text
    end: int
    passage_text: str
    passage_rank: int          # 0 = best retrieved
    retrieval_share: float     # passage score / best passage score
    cosine: float              # sentence vector . question vector
    preceding_text: str = ""   # the document text just before the passage (its context)


@dataclass(frozen=True)
class Choice:
    sentence: SentenceView
    start: int                 # answer offsets in the sentence
    end: int
    answer_type: str
    score: float
    support: float             # sentence coverage of the question keywords
    context_support: float     # passage coverage
    entity_kind: str | None = None

    @property
    def text(self) -> str:
        return self.sentence.text[self.start:self.end]


def sentence_score(view: SentenceView, weights: dict[str, float], fold: bool) -> tuple[float, float, float]:
    """(score, sentence coverage, passage coverage)."""
    support = coverage(set(evidence_words(view.text, fold)), weights)
    context = coverage(set(evidence_words(view.passage_text, fold)), weights)
    support_weight, context_weight, cosine_weight, retrieval_weight = SENTENCE_WEIGHTS
    score = (support_weight * support + context_weight * context + cosine_weight * scaled_cosine(view.cosine)
             + retrieval_weight * view.retrieval_share)
    return score, support, context


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
    if PLACE_IN_BRACKETS.search(before) and set(words_of(before)[-5:]) & PLACE_WORDS:
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


def date_before(words: list[tuple[str, int, int]], clauses, position: int) -> str | None:
    """The last year or dated word ("9/2023") before a position in its clause: the period a
    figure belongs to. A year across a ';' belongs to another fact."""
    own = clauses[position][0] if position < len(clauses) else None
    for index in range(min(position, len(words)) - 1, -1, -1):
        if own is not None and clauses[index][0] not in (own, HEADER):
            if any(clause == HEADER for clause, _ in clauses[:index]):
                continue  # the list's header speaks for this item too
            return None
        word = words[index][0]
        if YEAR.search(word) and not CODE_LETTERS.search(word):
            return word
    return None


def word_range(words: list[tuple[str, int, int]], start: int, end: int) -> tuple[int, int]:
    """Indexes of the first and last word inside sentence[start:end]."""
    starts, ends = word_bounds(words)
    first, last = bisect_left(starts, start), bisect_right(ends, end) - 1
    if first <= last:
        return first, last
    after = bisect_right(ends, start)
    return after, after


@lru_cache(maxsize=256)
def word_bounds(words: tuple[tuple[str, int, int], ...]) -> tuple[list[int], list[int]]:
    """Where the words start and end, both ascending: word_range runs for every candidate."""
    return [word_start for _, word_start, _ in words], [word_end for _, _, word_end in words]


def clause_numbers(sentence: str, words: list[tuple[str, int, int]], header: bool = True) -> list[tuple[int, int]]:
    """(clause, parenthesis group) of each word. Lists of facts split at ';'; a parenthesis
    qualifies what sits inside it ("(riêng tháng 9/2023 đạt 64,6%)", "(cả nước 75,39%)").
    Commas are not boundaries: damping across them made answers worse on the gold set.
    Without `header`, a list's header is read as the clause it opens (for a candidate in it)."""
    places = []
    clause = group = depth = 0
    position = 0
    header_end = list_header_end(sentence) if header else -1
    for _, start, _ in words:
        for char in sentence[position:start]:
            if char == ";":
                clause += 1
            elif char == "(":
                depth += 1
                group += 1
            elif char == ")" and depth:
                depth -= 1
                group += 1
        places.append((HEADER if start < header_end else clause, group if depth else -group - 1))
        position = start
    return places


def list_header_end(sentence: str) -> int:
    """Where the header of a list ends ("…tăng hạng: A đạt …; B đạt …; C đạt …"): the header
    speaks for every item, so its words count alike for all of them. Without a colon, the
    phrases fronted before the first of several figures ("Đến năm 2030, 100% …; 90% …") are
    their header."""
    colon = sentence.find(":")
    if colon >= 0 and ";" in sentence[colon:]:
        return colon
    figures = [c.start for c in sentence_candidates(sentence) if c.answer_type in FIGURE_TYPES]
    if len(figures) < 2:
        return -1
    first_figure = min(figures)
    return sentence.rfind(",", 0, first_figure)


def local_support(first: int, last: int, words, clauses, hits, weights,
                  reach: tuple[int, int] | None = None, siblings: frozenset[int] = frozenset(),
                  blockers: tuple[int, ...] = (), shared: frozenset[str] = frozenset()) -> float:
    """Keyword weight around a candidate, decaying with distance, damped outside its clause.

    Words inside the candidate (its unit: "tài khoản doanh nghiệp") count fully, so the
    value whose unit the question names wins over its neighbours. An item of a list
    ("100% … cấp tỉnh, 90% … cấp huyện và 90% … cấp xã được xử lý …") shares the words around
    the list (`reach`: its first and last word) but not the words of its siblings. Words past
    another figure (`blockers`: where other figures start) are mostly that figure's; `shared`
    words (a total the question states) count alike wherever they stand."""
    total = sum(weights.values())
    if not total:
        return 0.0
    own = clauses[first] if first < len(clauses) else None
    near_first, near_last = reach or (first, last)
    score = 0.0
    for word, places in hits.items():
        best = 0.0
        for place in places:
            if clauses[place][0] == HEADER or word in shared:
                best = max(best, HEADER_WEIGHT)
                continue
            if place in siblings:
                continue  # a sibling's words describe the sibling
            if near_first <= place <= near_last:
                # between the items: the words of the item they stand next to
                distance = 0 if first <= place <= last else min(abs(place - first), abs(place - last))
            else:
                distance = min(abs(place - near_first), abs(place - near_last))
            kernel = 1 / (1 + distance / LOCAL_DECAY_WORDS)
            if any(place < blocker < near_first or near_last < blocker < place for blocker in blockers):
                kernel *= BLOCKED_DAMPING  # another figure stands between: the words are its own
            if own is not None and clauses[place][0] != own[0]:
                kernel *= OTHER_CLAUSE_DAMPING
            elif own is not None and clauses[place][1] != own[1]:
                if clauses[place][1] >= 0:
                    continue  # words inside another parenthesis qualify its value only ("(cả nước 75,39%)")
                kernel *= OUTSIDE_GROUP_DAMPING  # the topic a parenthesis shares with its neighbours
            best = max(best, kernel)
        score += weights[word] * best
    return score / total


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
def asked_labels(question: str) -> frozenset[str]:
    return frozenset().union(*(numbers for _, _, numbers in labels_in(fold_diacritics(question.lower()))))


def label_fit(candidate: SpanCandidate, sentence: str, question: Question) -> float:
    """ "mức độ 3" asks for the figure the text gives for level 3: not the one for levels 3
    and 4 together ("mức độ 3, mức độ 4 là 1.552"), nor one that names no level at all."""
    asked = asked_labels(question.text)
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
BLOCKED_DAMPING = 0.5


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


def counts_asked_unit(candidate: SpanCandidate, question: Question) -> bool:
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


def candidate_score(candidate: SpanCandidate, sentence: str, words, clauses, hits, weights,
                    question: Question, items: tuple[SpanCandidate, ...] = (),
                    figures: tuple[SpanCandidate, ...] = ()) -> float:
    first, last = word_range(words, candidate.start, candidate.end)
    reach, siblings = None, frozenset()
    if len(items) > 1:
        ranges = [(item, *word_range(words, item.start, item.end)) for item in items]
        reach = (ranges[0][1], ranges[-1][2])
        siblings = frozenset(index for item, low, high in ranges if item is not candidate
                             for index in range(low, high + 1))
    # a figure qualified by a bracket shares its words with the bracket ("95% (mục tiêu 92%)")
    qualified = qualified_figure(candidate, sentence, figures)
    blockers = tuple(word_range(words, other.value_start, other.end)[0] for other in figures
                     if other not in items and (other.end <= candidate.start or other.start >= candidate.end)
                     and not OWN_BRACKET.fullmatch(sentence, candidate.end, other.start)
                     and other is not qualified)
    shared = stated_quantities(question.text)
    score = LOCAL_WEIGHT * local_support(first, last, words, clauses, hits, weights, reach, siblings, blockers, shared)
    if qualified and asks_qualifier(first, last, words, clauses, hits):
        score += QUALIFIER_BONUS
    if question.years and (dated := date_before(words, clauses, word_range(words, candidate.value_start, candidate.end)[0])):
        # "(năm 2019 là 22%)" answers a question about 2019, not one about 2020;
        # "(riêng tháng 9/2023 đạt 64,6%)" one about September 2023 in particular.
        score += SAME_YEAR_BONUS if set(YEAR.findall(dated)) & set(question.years) else -OTHER_YEAR_PENALTY
        if dated in question.anchors:
            score += SAME_YEAR_BONUS
    if candidate.answer_type == "date":
        score += date_fit(candidate, sentence, question.expected.cue)
    if counts_asked_unit(candidate, question):
        score += ASKED_UNIT_BONUS
    if candidate.answer_type == "code":
        score += code_fit(candidate, question) + issue_year_fit(candidate, sentence, question.years)
    if candidate.answer_type in FIGURE_TYPES:
        score += label_fit(candidate, sentence, question)
    asks_rank = any(word in (question.expected.cue or "") for word in RANK_CUES)
    if asks_rank and RANK_WORDS.search(candidate.text) and (subject := RANK_SUBJECT.match(sentence, candidate.end)):
        # "thứ 3/63 về Chỉ số … (ICT Index)": what a rank is about follows "về"
        score += 0.3 * coverage(set(evidence_words(subject["subject"], question.fold)), weights)
    return score + rank_fit(candidate, question.expected.cue)


# A document's date follows its code: "Kế hoạch số 59/KH-UBND (ngày 1/3/2022)", "… ngày 17/2/2023".
ISSUE_DATE_AFTER = re.compile(r"\s*[(,]?\s*(?:ban hành\s+)?ngày\s+\d{1,2}/\d{1,2}/((?:19|20)\d\d)", re.IGNORECASE)


def issue_year_fit(candidate: SpanCandidate, sentence: str, years: tuple[str, ...]) -> float:
    """A plan "ban hành năm 2022" is the one dated 2022, not the next year's plan. No penalty
    for another year: a question's years are often the document's horizon ("đến năm 2025")."""
    dated = ISSUE_DATE_AFTER.match(sentence, candidate.end)
    return SAME_YEAR_BONUS if dated and dated.group(1) in years else 0.0


def code_fit(candidate: SpanCandidate, question: Question) -> float:
    """A full code ("09-NQ/TU") beats a short mention ("Nghị quyết 09"), and a plan's code
    (KH) answers a question about a plan (kế hoạch)."""
    letters = [part.lower() for part in CODE_LETTERS.findall(fold_diacritics(candidate.text))]
    score = FULL_CODE_BONUS if letters else 0.0
    asked = fold_diacritics(question.text.lower())
    wanted = {code for kind, code in DOCUMENT_KIND_LETTERS.items() if kind in asked}
    if wanted and wanted & set(letters):
        score += DOCUMENT_KIND_BONUS
    return score


@lru_cache(maxsize=8192)
def sentence_candidates(sentence: str) -> tuple[SpanCandidate, ...]:
    """typed_spans is pure and the same sentences come back question after question."""
    return tuple(typed_spans(sentence))


def typed_choices(view: SentenceView, base: float, question: Question, weights, question_words) -> list[tuple[float, SpanCandidate]]:
    expected = question.expected
    preferred, fallback = ACCEPTED_TYPES[expected.answer_type]
    words = evidence_spans(view.text, question.fold)
    clauses = clause_numbers(view.text, words)
    plain = None
    hits = keyword_hits([w for w, _, _ in words], weights)
    scored = []
    # Category questions ("xã nào", "ai") are answered by names; open ones by the slot's phrase.
    wants_phrase = expected.answer_type == "text" or expected.entity_kind == "name" or \
        question.slot_words[-1:] in (("o",), ("tai",))
    extra = slot_phrases(view.text, question.slot_words) if wants_phrase else []
    candidates = [*sentence_candidates(view.text), *extra]
    figures = tuple(c for c in candidates if c.answer_type in FIGURE_TYPES)
    for candidate in candidates:
        if candidate.answer_type not in preferred + fallback or echoes_question(candidate, question_words):
            continue
        if BARE_INTEGER.fullmatch(candidate.text) and LABEL_BEFORE.search(view.text[:candidate.start]):
            continue
        items = list_items(candidates, candidate, view.text, lambda other: same_kind(other, candidate))
        first = word_range(words, candidate.start, candidate.end)[0]
        if first < len(clauses) and clauses[first][0] == HEADER:
            plain = plain or clause_numbers(view.text, words, header=False)  # "vào tháng 5 năm 2013, …"
        own_clauses = plain if first < len(clauses) and clauses[first][0] == HEADER else clauses
        score = base + candidate_score(candidate, view.text, words, own_clauses, hits, weights, question, items,
                                       figures if candidate.answer_type in FIGURE_TYPES else ())
        if candidate.answer_type in FIGURE_TYPES and given_figure(candidate, question_words):
            score -= GIVEN_FIGURE_PENALTY
        if expected.cue == WEB_ADDRESS_CUE and is_web_address(candidate.text):
            score += ADDRESS_BONUS
        if candidate.answer_type == "entity":
            score += category_fit(candidate, view.text, expected.cue)
            if named_by_slot(candidate, view.text, question.slot_words):
                score += CATEGORY_BONUS
            if mostly_echoes(candidate, question_words):
                score -= ECHO_PENALTY
        if candidate.answer_type in fallback and not (candidate in extra and DEFINES.search(view.text, 0, candidate.start)):
            # the text saying what the question's slot is ("3 trụ cột là …") is no fallback;
            # the words that merely follow it ("pháo đài … đã được xây dựng lại") often are
            score -= FALLBACK_PENALTY
        if expected.answer_type == "entity" and candidate.answer_type == "entity":
            if expected.entity_kind and candidate.entity_kind != expected.entity_kind:
                score -= FALLBACK_PENALTY
            elif not expected.entity_kind and candidate.entity_kind == "name":
                score -= FALLBACK_PENALTY / 2  # "đơn vị nào" asks for a body or a place, rarely a title
        scored.append((score, candidate))
    return scored


def joins(sentence: str, left: SpanCandidate, right: SpanCandidate) -> bool:
    """Two items of one list: "A và B", or "A, B" of one category ("chợ A, chợ B"); a comma
    between categories ranks a place ("xã Hà Lâu, huyện Tiên Yên")."""
    gap = sentence[left.end:right.start]
    if left.end > right.start or not COORDINATION.match(gap):
        return False
    return "và" in gap or left.answer_type != "entity" or category_of(left) == category_of(right)


def category_of(candidate: SpanCandidate) -> str:
    return candidate.lead.lower()


def same_kind(other: SpanCandidate, chosen: SpanCandidate) -> bool:
    if other.answer_type != chosen.answer_type:
        return False
    return chosen.answer_type != "entity" or other.entity_kind == chosen.entity_kind


def list_items(candidates: list[SpanCandidate], chosen: SpanCandidate, sentence: str,
               same_list) -> tuple[SpanCandidate, ...]:
    """The items of the list a candidate stands in, in text order (itself alone if none).
    Candidates of other kinds (a phrase over the same words) do not break the list."""
    ordered = sorted((c for c in candidates if c is chosen or same_list(c)), key=lambda c: c.start)
    index = ordered.index(chosen)
    first = last = index
    while first > 0 and joins(sentence, ordered[first - 1], ordered[first]):
        first -= 1
    while last + 1 < len(ordered) and joins(sentence, ordered[last], ordered[last + 1]):
        last += 1
    return tuple(ordered[first:last + 1])


def coordinated_span(candidates: list[SpanCandidate], chosen: SpanCandidate, sentence: str,
                     question: Question) -> tuple[int, int]:
    """Widen a choice over the list it stands in: "phường Yên Giang và xã Cẩm La" for names
    of one kind; "11 mục tiêu, 19 nhiệm vụ" for counts when the question asks for both."""
    def same_list(other: SpanCandidate) -> bool:
        if not same_kind(other, chosen):
            return False
        return chosen.answer_type == "entity" or (  # not "32 quyết định" for "bao nhiêu văn bản …"
            chosen.answer_type in FIGURE_TYPES and len(question.asked_units) > 1
            and counts_asked_unit(other, question))
    items = list_items(candidates, chosen, sentence, same_list)
    return items[0].start, items[-1].end


DEFINES = re.compile(r"(?:\blà|\bgồm|:)\s*\Z", re.IGNORECASE)
SLOT_CONNECTORS = frozenset({"la", "gom", "co", "nhu", "cac", "nhung", "bao"})
SLOT_END = re.compile(r"[.;()!?]|\s-\s")
MAX_SLOT_WORDS = 12


def slot_phrases(sentence: str, slot: tuple[str, ...]) -> list[SpanCandidate]:
    """The phrase right after the words the question's wh-word hangs on: for "gồm những
    trụ cột nào", "… 3 trụ cột là Chính phủ số, kinh tế số và xã hội số" gives the list."""
    from qa.question import SLOT_SYNONYMS  # the synonyms belong with the question's slot rule

    if not slot:
        return []
    words = word_spans(sentence, True)
    folded = [w for w, _, _ in words]
    patterns = [slot] if len(slot) == 1 else [slot, slot[-1:]]
    found = []
    for pattern in patterns:
        for alternative in SLOT_SYNONYMS.get(pattern[-1], (pattern[-1],)):
            wanted = (*pattern[:-1], alternative)
            for i in range(len(folded) - len(wanted) + 1):
                if tuple(folded[i:i + len(wanted)]) != wanted:
                    continue
                first = i + len(wanted)
                while first < len(words) and words[first][0] in SLOT_CONNECTORS:
                    first += 1
                if first >= len(words):
                    continue
                start = words[first][1]
                stop = SLOT_END.search(sentence, start)
                limit = stop.start() if stop else len(sentence)
                inside = [w for w in words[first:first + MAX_SLOT_WORDS] if w[2] <= limit]
                if inside:
                    end = inside[-1][2]
                    found.append(SpanCandidate(start, end, "text", None, start, sentence[start:end]))
        if found:
            return found
    return found


def text_choice(view: SentenceView, weights: dict[str, float], fold: bool) -> tuple[int, int] | None:
    """For open questions: the clause adding the most words the question lacks, next to its keywords."""
    clauses = [(m.start(), m.end()) for m in CLAUSE.finditer(view.text) if m.group().strip()]
    best = None
    for start, end in clauses:
        words = evidence_words(view.text[start:end], fold)
        new = sum(1 for w in words if w not in weights)
        if words and (best is None or new > best[0]):
            best = (new, start, end)
    if best is None:
        return None
    _, start, end = best
    words = word_spans(view.text[start:end])[:MAX_TEXT_ANSWER_WORDS]
    return start + words[0][1], start + words[-1][2]


def asked_category(question: Question) -> frozenset[str]:
    """The folded words of the category a name question asks for: "huyện" in "huyện nào"."""
    cue = question.expected.cue or ""
    if question.expected.answer_type != "entity" or not cue.endswith(" nào"):
        return frozenset()
    return frozenset(fold_diacritics(cue.removesuffix(" nào")).split())


def choose_answer(question: Question, sentences: list[SentenceView], weights: dict[str, float]) -> Choice | None:
    question_words = f" {' '.join(words_of(question.retrieval_text))} "  # folded, as echoes_question compares
    best: Choice | None = None
    for view in sentences:
        base, support, context = sentence_score(view, weights, question.fold)
        if category := asked_category(question):
            # the category a name question asks for ("thuộc huyện nào") is what the answer
            # supplies, not what its sentence must say: "thị trấn Quảng Hà (Hải Hà)"
            support = coverage(set(evidence_words(view.text, question.fold)) | category, weights)
        # An answer is chosen as it will be trusted: a context that lacks what the question
        # names (its year, its index) costs the choice what it would cost the confidence.
        factor = context_factor(view, question)
        scored = [(score * factor, candidate)
                  for score, candidate in typed_choices(view, base, question, weights, question_words)]
        candidates = [c for _, c in scored]
        options = [(score, *coordinated_span(candidates, c, view.text, question), c.answer_type, c.entity_kind)
                   for score, c in scored]
        if question.expected.answer_type == "text" and not options and (span := text_choice(view, weights, question.fold)):
            options = [(base - FALLBACK_PENALTY, span[0], span[1], "text", None)]
        for score, start, end, answer_type, kind in options:
            if best is None or score > best.score:
                best = Choice(view, start, end, answer_type, score, support, context, kind)
    return best
