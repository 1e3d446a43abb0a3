"""Answering a question: retrieve, keep passages about what the question names, pick the
best typed span, cite the sentence it came from — or abstain."""

import time
from dataclasses import dataclass, field, replace

import numpy as np

from index.vietnamese.text import fold_diacritics, normalize_for_matching
from qa.evidence import evidence_spans, keyword_weights
from qa.confidence import confidence
from qa.extraction import SentenceView, choose_answer, sentence_candidates
from qa.question import Question, analyse_question
from qa.retrieval import PassageRetriever, RetrievedPassage

CANDIDATE_PASSAGES = 5
CONTEXT_CHARS = 600  # document text before a passage that still sets its year and subject
DEFAULT_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Citation:
    doc_id: str
    title: str
    passage_id: str
    start: int
    end: int
    quote: str
    source: str | None = None   # where the document was published, for a reader to judge it
    date: str | None = None

    def to_json(self) -> dict:
        return dict(vars(self))


@dataclass(frozen=True)
class AnswerResult:
    answer: str | None
    confidence: float
    answer_type: str
    citations: list[Citation] = field(default_factory=list)
    passages: list[RetrievedPassage] = field(default_factory=list)
    answer_start: int | None = None   # answer offsets in the first citation's document
    answer_end: int | None = None
    # Seconds spent per stage ("retrieve", "extract") for logs and metrics; not part of the answer.
    timings: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def to_json(self) -> dict:
        return {"answer": self.answer, "confidence": self.confidence, "answer_type": self.answer_type,
                "citations": [c.to_json() for c in self.citations],
                "passages": [p.to_json() for p in self.passages],
                "answer_start": self.answer_start, "answer_end": self.answer_end}


def about_named_provinces(hit: RetrievedPassage, metadata: dict, provinces: tuple[str, ...]) -> bool:
    """A passage can answer for a province its document is about or that it names."""
    if not provinces:
        return True
    covered = set(metadata.get("provinces") or [metadata.get("province")])
    if covered & set(provinces):
        return True
    text = fold_diacritics(normalize_for_matching(hit.passage.text))
    return any(fold_diacritics(normalize_for_matching(name)) in text for name in provinces)


class QuestionAnswerer:
    """Rule-based extraction by default; a transformers reader (qa.reader) when one is given."""

    def __init__(self, retriever: PassageRetriever, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                 candidate_passages: int = CANDIDATE_PASSAGES, reader=None, reader_min_score: float = 0.3):
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError("min_confidence must be between 0 and 1")
        if not 0.0 <= reader_min_score <= 1.0:
            raise ValueError("reader_min_score must be between 0 and 1")
        self.retriever = retriever
        self.index = retriever.index
        self.min_confidence = min_confidence
        self.candidate_passages = candidate_passages
        self.reader = reader
        self.reader_min_score = reader_min_score
        self.passage_rows = {passage.id: row for row, passage in enumerate(self.index.passages)}

    def warm_up(self, max_sentences: int = 50_000) -> None:
        """Read the sentences once ahead of the first questions: word and candidate caches
        then serve the first visitors as fast as the hundredth."""
        seen = 0
        for passage in self.index.passages:
            for start, end in passage.sentences:
                sentence = passage.text[start - passage.start:end - passage.start]
                sentence_candidates(sentence)
                evidence_spans(sentence, True)
                seen += 1
            evidence_spans(passage.text, True)
            if seen >= max_sentences:
                return

    def sentence_views(self, question: Question, hits: list[RetrievedPassage]) -> list[SentenceView]:
        vector = self.retriever.query_vector(question.retrieval_text)
        best = hits[0].score if hits and hits[0].score > 0 else 1.0
        views = []
        for rank, hit in enumerate(hits):
            passage = hit.passage
            document_text = self.index.documents[passage.doc_id].text
            preceding = document_text[max(0, passage.start - CONTEXT_CHARS):passage.start]
            first = self.index.sentence_rows[self.passage_rows[passage.id]]
            cosines = self.index.sentence_vectors[first:first + len(passage.sentences)].astype(np.float32) @ vector
            for (start, end), cosine in zip(passage.sentences, cosines):
                views.append(SentenceView(text=passage.text[start - passage.start:end - passage.start],
                                          start=start, end=end, passage_text=passage.text, passage_rank=rank,
                                          retrieval_share=max(hit.score, 0.0) / best, cosine=float(cosine),
                                          preceding_text=preceding))
        return views

    def keyword_weights(self, question: Question) -> dict[str, float]:
        lexical = self.index.lexical
        return keyword_weights(question.keywords,
                               lambda word: lexical.document_frequency("folded", fold_diacritics(word)),
                               lexical.passage_count)

    def ask(self, question_text: str, top_k: int = 5, filters: dict | None = None,
            mode: str = "hybrid") -> AnswerResult:
        question = analyse_question(question_text)
        started = time.perf_counter()
        hits = self.retriever.search(question.text, k=max(top_k, self.candidate_passages), mode=mode,
                                     filters=filters)
        retrieved = time.perf_counter()
        result = self.answer_from(question, hits, top_k)
        return replace(result, timings={"retrieve": retrieved - started, "extract": time.perf_counter() - retrieved})

    def answer_from(self, question: Question, hits: list[RetrievedPassage], top_k: int) -> AnswerResult:
        """The extract stage: the best typed span in the retrieved passages, cited, or an abstention."""
        documents = self.index.documents
        relevant = [h for h in hits if about_named_provinces(h, documents[h.passage.doc_id].metadata, question.provinces)]
        candidates = relevant[:self.candidate_passages]
        if self.reader is not None:
            return self.read_answer(question, candidates, hits, top_k)
        choice = choose_answer(question, self.sentence_views(question, candidates), self.keyword_weights(question))
        sure = confidence(choice, question) if choice else 0.0
        if choice is None or sure < self.min_confidence:
            return AnswerResult(None, sure, "none", passages=hits[:top_k])
        sentence = choice.sentence
        answer_hit = next(h for h in candidates if h.passage.text == sentence.passage_text
                          and h.passage.start <= sentence.start < h.passage.end)
        return self.cited(answer_hit, sentence.start + choice.start, sentence.start + choice.end,
                          sure, choice.answer_type, hits, top_k)

    def cited(self, answer_hit: RetrievedPassage, start: int, end: int, sure: float, answer_type: str,
              hits: list[RetrievedPassage], top_k: int) -> AnswerResult:
        """The answer at document offsets [start:end], cited by the sentence that holds it."""
        passage = answer_hit.passage
        sentence_start, sentence_end = next(((s, e) for s, e in passage.sentences if s <= start and end <= e),
                                            (passage.start, passage.end))
        document = self.index.documents[passage.doc_id]
        citation = Citation(doc_id=passage.doc_id, title=document.title, passage_id=passage.id,
                            start=sentence_start, end=sentence_end, quote=document.text[sentence_start:sentence_end],
                            source=document.metadata.get("source"), date=document.metadata.get("date"))
        # The passage the answer came from leads; the others keep their retrieval order.
        passages = [answer_hit] + [h for h in hits if h is not answer_hit]
        return AnswerResult(document.text[start:end], sure, answer_type, [citation], passages[:top_k],
                            answer_start=start, answer_end=end)

    def read_answer(self, question: Question, candidates: list[RetrievedPassage],
                    hits: list[RetrievedPassage], top_k: int) -> AnswerResult:
        spans = self.reader.read(question.text, [h.passage.text for h in candidates], top_n=1)
        if not spans or spans[0].score < self.reader_min_score:
            return AnswerResult(None, round(spans[0].score, 4) if spans else 0.0, "none", passages=hits[:top_k])
        best = spans[0]
        answer_hit = candidates[best.passage_index]
        start = answer_hit.passage.start + best.start
        return self.cited(answer_hit, start, start + len(best.text), round(best.score, 4),
                          question.expected.answer_type, hits, top_k)
