"""How a sentence is laid out for the rules: its words, its clauses (split at ';') and
parenthesis groups, the header of a list of facts, and the keyword weight around a span."""

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from qa.question import YEAR
from qa.readers.rules.span_parts import SpanCandidate
from qa.readers.rules.spans import typed_spans

FIGURE_TYPES = ("number", "percent")
CODE_LETTERS = re.compile(r"[/-]([^\W\d_]+)")
LOCAL_DECAY_WORDS = 6
OTHER_CLAUSE_DAMPING = 0.3
HEADER = -1  # clause number of a list's header
HEADER_WEIGHT = 0.5
OUTSIDE_GROUP_DAMPING = 0.8
BLOCKED_DAMPING = 0.5


@lru_cache(maxsize=8192)
def sentence_candidates(sentence: str) -> tuple[SpanCandidate, ...]:
    """typed_spans is pure and the same sentences come back question after question."""
    return tuple(typed_spans(sentence))


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
