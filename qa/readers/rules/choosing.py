"""Choosing the answer: the best-supported sentence and, in it, the typed span nearest the
question's keywords. Pure: sentences come in with their scores, a choice goes out."""

from index.vietnamese.text import fold_diacritics
from qa.keywords import coverage, evidence_words, words as words_of
from qa.question import AnalysedQuestion
from qa.readers.rules.fits import FALLBACK_PENALTY
from qa.readers.rules.scoring import coordinated_span, typed_choices
from qa.readers.rules.slots import text_choice
from qa.readers.rules.views import Choice, SentenceView, sentence_score


def asked_category(question: AnalysedQuestion) -> frozenset[str]:
    """The folded words of the category a name question asks for: "huyện" in "huyện nào"."""
    cue = question.expected.cue or ""
    if question.expected.answer_type != "entity" or not cue.endswith(" nào"):
        return frozenset()
    return frozenset(fold_diacritics(cue.removesuffix(" nào")).split())


def choose_answer(question: AnalysedQuestion, sentences: list[SentenceView], weights: dict[str, float]) -> Choice | None:
    question_words = f" {' '.join(words_of(question.expanded))} "  # folded, as echoes_question compares
    category = asked_category(question)
    best: Choice | None = None
    for view in sentences:
        base, support, context = sentence_score(view, weights, question.fold)
        if category:
            # the category a name question asks for ("thuộc huyện nào") is what the answer
            # supplies, not what its sentence must say: "thị trấn Quảng Hà (Hải Hà)"
            support = coverage(set(evidence_words(view.text, question.fold)) | category, weights)
        # An answer is chosen as it will be trusted: a context that lacks what the question
        # names (its year, its index) costs the choice what it will cost the confidence.
        scored = [(score * view.anchor_factor, candidate)
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
