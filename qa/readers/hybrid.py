"""The default reader: the neural reader with the rule-based reader as a typed second opinion.

The neural reader understands the question (descriptions, bodies named without a category word,
paraphrase); the rules know the shape of a figure, date or code (its unit, its qualifier: "hơn
3,4 triệu", "16/20") and read questions typed without diacritics, which the neural reader,
trained on accented text, does not. So, without any per-question rule:
- a question asking for a figure, date or code is answered with a typed span: the rules' answer
  when they are sure of it, else the typed span inside a believed neural span's sentence that
  overlaps it (the neural reader chose where, the rules say how far). A neural span holding no
  such span is no answer of that type: "bao nhiêu" is never answered by a phrase;
- a name (entity) question is answered with the neural span when the neural reader believes it
  (calibrated probability at least `min_confidence`), else with the rules' answer;
- a description (any other question) is answered with a believed neural span or not at all.
  The rules' clause is no second opinion there: on 600 questions of the validation split
  (`viquad1.dev`, open corpus) it answered 41 descriptions the neural reader did not believe, none
  of them right (F1 0.15); on eval/dev.jsonl and eval/gold.jsonl it answered none.
Which opinion leads for typed questions was measured on eval/dev.jsonl (see the README).
"""

from collections.abc import Callable

from qa.question import AnalysedQuestion
from qa.readers.base import AnswerCandidate, Evidence, Reader
from qa.readers.rules.clauses import sentence_candidates

TYPED_ANSWERS = ("number", "percent", "date", "code")
NAMED_ANSWERS = ("entity",)  # a name the rules still find when the neural reader doubts its span
COMPATIBLE = {"number": {"number", "percent"}, "percent": {"percent", "number"}, "date": {"date"}, "code": {"code"}}


def sentence_of(candidate: AnswerCandidate, evidence: Evidence) -> tuple[int, str] | None:
    """(document start, text) of the sentence holding a candidate, if one does."""
    for item in evidence.passages:
        if item.passage.id == candidate.passage_id:
            for start, end, text in item.sentences():
                if start <= candidate.start and candidate.end <= end:
                    return start, text
    return None


def typed_inside(candidate: AnswerCandidate, evidence: Evidence, wanted: set[str]) -> list[AnswerCandidate]:
    """Typed spans of the wanted kinds overlapping the candidate, in its sentence, widest overlap first."""
    found = sentence_of(candidate, evidence)
    if found is None:
        return []
    offset, sentence = found
    spans = []
    for typed in sentence_candidates(sentence):
        start, end = offset + typed.start, offset + typed.end
        overlap = min(end, candidate.end) - max(start, candidate.start)
        if typed.answer_type in wanted and overlap > 0:
            spans.append((overlap, AnswerCandidate(candidate.doc_id, candidate.passage_id, start, end, typed.text,
                                                   typed.answer_type, candidate.score, "hybrid")))
    return [span for _, span in sorted(spans, key=lambda pair: -pair[0])]


def combine(expected: str, neural: Callable[[], list[AnswerCandidate]], rules: Callable[[], list[AnswerCandidate]],
            typed_spans: Callable[[AnswerCandidate, set[str]], list[AnswerCandidate]],
            min_confidence: float) -> list[AnswerCandidate]:
    """The hybrid's answer candidate (see the module's docstring); empty when neither reader has
    one. Each reader reads only when called: a typed answer the rules are sure of needs no
    neural reading, and a description the neural reader believes needs no rules (about 9 ms on
    the slowest questions, those the neural reader reads)."""
    if expected in TYPED_ANSWERS:
        wanted = COMPATIBLE[expected]
        typed_rules = [c for c in rules() if c.answer_type in wanted]
        if typed_rules and typed_rules[0].score >= min_confidence:
            return typed_rules[:1]
        for candidate in (c for c in neural() if c.score >= min_confidence):
            spans = typed_spans(candidate, wanted)
            if spans:
                return spans[:1]
        return typed_rules[:1]
    believed = [c for c in neural() if c.score >= min_confidence]
    if believed or expected not in NAMED_ANSWERS:
        return believed[:1]
    return rules()[:1]


class HybridReader:
    name = "hybrid"

    def __init__(self, neural: Reader, rules: Reader, min_confidence: float = 0.5):
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError("min_confidence must be between 0 and 1")
        self.neural = neural
        self.rules = rules
        self.min_confidence = min_confidence

    def warm_up(self) -> None:
        self.neural.warm_up()
        self.rules.warm_up()

    def read(self, question: AnalysedQuestion, evidence: Evidence) -> list[AnswerCandidate]:
        return combine(question.expected.answer_type, lambda: self.neural.read(question, evidence),
                       lambda: self.rules.read(question, evidence),
                       lambda candidate, wanted: typed_inside(candidate, evidence, wanted), self.min_confidence)
