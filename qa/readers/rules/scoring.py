"""Scoring the typed candidates of one sentence: the keywords around each (its clause, its
list, its bracket), then how it fits what the question asks (qa.readers.rules.fits)."""

import re

from qa.answer_types import WEB_ADDRESS_CUE
from qa.keywords import coverage, evidence_spans, evidence_words, keyword_hits
from qa.question import YEAR, AnalysedQuestion
from qa.readers.rules.clauses import (FIGURE_TYPES, HEADER, clause_numbers, date_before, local_support,
                                      sentence_candidates, word_range)  # fmt: skip
from qa.readers.rules.confidence import RANK_SUBJECT, RANK_WORDS
from qa.readers.rules.entities import is_web_address
from qa.readers.rules.fits import (
    ADDRESS_BONUS, CATEGORY_BONUS, ECHO_PENALTY, FALLBACK_PENALTY, GIVEN_FIGURE_PENALTY, LABEL_BEFORE, OWN_BRACKET,
    QUALIFIER_BONUS, RANK_CUES, SAME_YEAR_BONUS, asks_qualifier, category_fit, category_of,
    code_fit, counts_asked_unit, date_fit, echoes_question, given_figure, issue_year_fit, label_fit,
    mostly_echoes, named_by_slot, qualified_figure, rank_fit, stated_quantities,
)  # fmt: skip
from qa.readers.rules.slots import DEFINES, slot_phrases
from qa.readers.rules.span_parts import SpanCandidate
from qa.readers.rules.views import SentenceView

# Which candidate types answer which expected type; the second tuple is a fallback.
ACCEPTED_TYPES = {
    "number": (("number", "percent"), ()),
    "percent": (("percent",), ("number",)),
    "date": (("date",), ()),
    "code": (("code",), ()),
    "entity": (("entity",), ("text",)),
    "text": (("text",), ("entity",)),
}
OTHER_YEAR_PENALTY = 0.3
LOCAL_WEIGHT = 0.4  # the keywords around a candidate, on top of its sentence's score
ASKED_UNIT_BONUS = 0.25
BARE_INTEGER = re.compile(r"\d{1,2}")
COORDINATION = re.compile(r"\s*(?:,|và|,\s*và)\s*$")


def candidate_score(candidate: SpanCandidate, sentence: str, words, clauses, hits, weights,
                    question: AnalysedQuestion, items: tuple[SpanCandidate, ...] = (),
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



def typed_choices(view: SentenceView, base: float, question: AnalysedQuestion, weights, question_words) -> list[tuple[float, SpanCandidate]]:
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
                     question: AnalysedQuestion) -> tuple[int, int]:
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
