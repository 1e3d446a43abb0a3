"""Answers that are phrases rather than typed values: the words after the question's slot
("gồm những trụ cột nào" -> "… trụ cột là Chính phủ số, kinh tế số và xã hội số"), and for an
open question the clause that adds most to it."""

import re

from index.vietnamese.text import has_diacritics
from qa.keywords import evidence_words, word_spans
from qa.question import SLOT_SYNONYMS
from qa.readers.rules.span_parts import SpanCandidate
from qa.readers.rules.views import SentenceView

CLAUSE = re.compile(r"[^,;:()]+")
MAX_TEXT_ANSWER_WORDS = 12
DEFINES = re.compile(r"(?:\blà|\bgồm|:)\s*\Z", re.IGNORECASE)
SLOT_CONNECTORS = frozenset({"la", "gom", "co", "nhu", "cac", "nhung", "bao"})
SLOT_END = re.compile(r"[.;()!?]|\s-\s")
MAX_SLOT_WORDS = 12


def slot_phrases(sentence: str, slot: tuple[str, ...]) -> list[SpanCandidate]:
    """The phrase right after the words the question's wh-word hangs on: for "gồm những
    trụ cột nào", "… 3 trụ cột là Chính phủ số, kinh tế số và xã hội số" gives the list."""
    if not slot:
        return []
    words = word_spans(sentence, True)
    folded = [w for w, _, _ in words]
    marked = [w for w, _, _ in word_spans(sentence, False)]
    patterns = [slot] if len(slot) == 1 else [slot, slot[-1:]]
    found = []
    for pattern in patterns:
        for alternative in SLOT_SYNONYMS.get(pattern[-1], (pattern[-1],)):
            wanted = (*pattern[:-1], alternative)
            read_as = [marked if has_diacritics(word) else folded for word in wanted]  # each word's form
            for i in range(len(folded) - len(wanted) + 1):
                if any(word != forms[i + j] for j, (word, forms) in enumerate(zip(wanted, read_as))):
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
