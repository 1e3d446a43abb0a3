"""The rule-based reader: typed spans (figures, dates, codes, names) chosen by the keywords
around them, with a confidence from how much of the question their sentence covers."""

from collections.abc import Sequence

from index.chunking import Passage
from index.vietnamese.text import fold_diacritics
from qa.keywords import evidence_spans, keyword_weights
from qa.question import AnalysedQuestion
from qa.readers.base import AnswerCandidate, Evidence
from qa.readers.rules.choosing import choose_answer
from qa.readers.rules.clauses import sentence_candidates
from qa.readers.rules.confidence import confidence
from qa.readers.rules.views import SentenceView

MAX_WARM_SENTENCES = 50_000


class RulesReader:
    """No model: `warm_up()` reads the corpus's sentences once, so the word and candidate
    caches serve the first questions as fast as the hundredth."""

    name = "rules"

    def __init__(self, corpus: Sequence[Passage] = (), max_warm_sentences: int = MAX_WARM_SENTENCES):
        self.corpus = corpus
        self.max_warm_sentences = max_warm_sentences

    def warm_up(self) -> None:
        seen = 0
        for passage in self.corpus:
            for start, end in passage.sentences:
                sentence = passage.text[start - passage.start:end - passage.start]
                sentence_candidates(sentence)
                evidence_spans(sentence, True)
                seen += 1
            evidence_spans(passage.text, True)
            if seen >= self.max_warm_sentences:
                return

    def read(self, question: AnalysedQuestion, evidence: Evidence) -> list[AnswerCandidate]:
        weights = keyword_weights(question.keywords, lambda word: evidence.document_frequency(fold_diacritics(word)),
                                  evidence.passage_count)
        choice = choose_answer(question, sentence_views(evidence), weights)
        if choice is None:
            return []
        sentence = choice.sentence
        return [AnswerCandidate(doc_id=sentence.doc_id, passage_id=sentence.passage_id,
                                start=sentence.start + choice.start, end=sentence.start + choice.end,
                                text=choice.text, answer_type=choice.answer_type,
                                score=confidence(choice, question), reader=self.name)]


def sentence_views(evidence: Evidence) -> list[SentenceView]:
    """Every sentence of the evidence, with its passage's rank and share of the best retrieval score."""
    passages = evidence.passages
    best = passages[0].score if passages and passages[0].score > 0 else 1.0
    views = []
    for rank, item in enumerate(passages):
        passage = item.passage
        for (start, end, text), cosine, factor in zip(item.sentences(), item.sentence_cosines, item.anchor_factors):
            views.append(SentenceView(text=text, start=start, end=end, passage_text=passage.text, passage_rank=rank,
                                      retrieval_share=max(item.score, 0.0) / best, cosine=cosine,
                                      anchor_factor=factor, doc_id=passage.doc_id, passage_id=passage.id))
    return views
