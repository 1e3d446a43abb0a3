"""Answering a question, the same way whatever the reader: retrieve → read → choose → cite →
abstain.

The question is analysed once (qa.question) and embedded once; retrieval keeps the passages
about the provinces it names and hands the best of them to the reader as Evidence; the reader
returns scored candidates (qa.readers.base); each candidate's score is scaled by what its
context fails to name of the question's year, codes, period, role and index (qa.anchors); the
best is cited by the sentence holding it, or the pipeline abstains below `min_confidence`.
"""

import time
from dataclasses import dataclass, field, replace

import numpy as np

from qa.anchors import about_named_provinces, anchor_factor, anchored_confidence, context_before
from qa.question import AnalysedQuestion
from qa.readers.base import AnswerCandidate, Evidence, EvidencePassage, Reader
from qa.readers.rules.reader import RulesReader
from qa.retrieval import PassageRetriever, RetrievedPassage

CANDIDATE_PASSAGES = 5
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
    # Seconds spent per stage for logs and metrics, not part of the answer: "retrieve", "read" (the
    # reader: the neural model's time when it reads) and "extract" (evidence, choice and citation).
    timings: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def to_json(self) -> dict:
        return {"answer": self.answer, "confidence": self.confidence, "answer_type": self.answer_type,
                "citations": [c.to_json() for c in self.citations],
                "passages": [p.to_json() for p in self.passages],
                "answer_start": self.answer_start, "answer_end": self.answer_end}


class QuestionAnswerer:
    """The answer pipeline over one loaded index; the rule-based reader unless another is given."""

    def __init__(self, retriever: PassageRetriever, reader: Reader | None = None,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE, candidate_passages: int = CANDIDATE_PASSAGES):
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError("min_confidence must be between 0 and 1")
        self.retriever = retriever
        self.index = retriever.index
        self.reader = reader if reader is not None else RulesReader(self.index.passages)
        self.min_confidence = min_confidence
        self.candidate_passages = candidate_passages
        self.passage_rows = {passage.id: row for row, passage in enumerate(self.index.passages)}

    def warm_up(self) -> None:
        self.retriever.marks  # learned before the first question typed without diacritics
        self.reader.warm_up()

    def ask(self, question_text: str, top_k: int = 5, filters: dict | None = None,
            mode: str = "hybrid") -> AnswerResult:
        question = self.retriever.analyse(question_text)
        started = time.perf_counter()
        vector = self.retriever.query_vector(question)
        hits = self.retriever.search(question, k=max(top_k, self.candidate_passages), mode=mode,
                                     filters=filters, vector=vector)
        retrieved = time.perf_counter()
        result = self.answer_from(question, hits, top_k, vector)
        read = result.timings.get("read", 0.0)
        return replace(result, timings={"retrieve": retrieved - started, "read": read,
                                        "extract": time.perf_counter() - retrieved - read})

    def answer_from(self, question: AnalysedQuestion, hits: list[RetrievedPassage], top_k: int,
                    vector: np.ndarray) -> AnswerResult:
        """The extract stage: read the evidence, choose, cite, or abstain."""
        evidence = self.evidence(question, self.readable(question, hits), vector)
        reading = time.perf_counter()
        candidates = self.reader.read(question, evidence)
        read = {"read": time.perf_counter() - reading}
        chosen, sure = self.choose(candidates, evidence, question)
        if chosen is None or sure < self.min_confidence:
            return AnswerResult(None, sure, "none", passages=hits[:top_k], timings=read)
        answer_hit = next(h for h in hits if h.passage.id == chosen.passage_id)
        return replace(self.cited(answer_hit, chosen, sure, hits, top_k), timings=read)

    def readable(self, question: AnalysedQuestion, hits: list[RetrievedPassage]) -> list[RetrievedPassage]:
        """The hits a reader reads, best first: those about the provinces the question names."""
        documents = self.index.documents
        return [h for h in hits if about_named_provinces(h.passage.text, documents[h.passage.doc_id].metadata,
                                                         question.provinces)][:self.candidate_passages]

    def evidence(self, question: AnalysedQuestion, hits: list[RetrievedPassage], vector: np.ndarray) -> Evidence:
        """The passages a reader reads, with their sentences' cosines to the question and anchor factors."""
        store = self.index.vectors
        passages = []
        for hit in hits:
            passage = hit.passage
            document = self.index.documents[passage.doc_id]
            cosines = store.sentence_similarities(self.passage_rows[passage.id], vector)
            item = EvidencePassage(passage, hit.score, document.text, tuple(float(c) for c in cosines), (),
                                   document.title or "")
            before, names_text = context_before(document.text, passage.start), item.document_names_text
            factors = tuple(anchor_factor(question, passage.text[start - passage.start:end - passage.start],
                                          passage.text, before, names_text) for start, end in passage.sentences)
            passages.append(replace(item, anchor_factors=factors))
        return Evidence(tuple(passages), vector, lambda token: store.document_frequency("folded", token),
                        store.passage_count)

    def choose(self, candidates: list[AnswerCandidate], evidence: Evidence,
               question: AnalysedQuestion) -> tuple[AnswerCandidate | None, float]:
        """The candidate the pipeline is surest of once its anchors are checked (the reader's
        order breaks ties), with that confidence; (None, 0.0) without candidates."""
        read = {item.passage.id: item for item in evidence.passages}
        best, best_sure = None, 0.0
        for candidate in candidates:
            item = read.get(candidate.passage_id)
            if item is None or item.document_text[candidate.start:candidate.end] != candidate.text:
                raise ValueError(f"reader {candidate.reader!r} answered with text that is not its evidence's "
                                 f"at the offsets it gave: {candidate}")
            sure = anchored_confidence(candidate.score, sentence_anchor_factor(candidate, item, question))
            if best is None or sure > best_sure:
                best, best_sure = candidate, sure
        return best, best_sure

    def cited(self, answer_hit: RetrievedPassage, chosen: AnswerCandidate, sure: float,
              hits: list[RetrievedPassage], top_k: int) -> AnswerResult:
        """The answer at document offsets [start:end], cited by the sentence that holds it."""
        passage, start, end = answer_hit.passage, chosen.start, chosen.end
        sentence_start, sentence_end = next(((s, e) for s, e in passage.sentences if s <= start and end <= e),
                                            (passage.start, passage.end))
        document = self.index.documents[passage.doc_id]
        citation = Citation(doc_id=passage.doc_id, title=document.title, passage_id=passage.id,
                            start=sentence_start, end=sentence_end, quote=document.text[sentence_start:sentence_end],
                            source=document.metadata.get("source"),
                            date=document.metadata.get("date") or document.metadata.get("issued_date"))
        # The passage the answer came from leads; the others keep their retrieval order.
        passages = [answer_hit] + [h for h in hits if h is not answer_hit]
        return AnswerResult(document.text[start:end], sure, chosen.answer_type, [citation], passages[:top_k],
                            answer_start=start, answer_end=end)


def sentence_anchor_factor(candidate: AnswerCandidate, item: EvidencePassage, question: AnalysedQuestion) -> float:
    """The anchor factor of the sentence holding the answer; an answer across sentences is
    checked, as it is cited, with its whole passage."""
    for (start, end), factor in zip(item.passage.sentences, item.anchor_factors):
        if start <= candidate.start and candidate.end <= end:
            return factor
    passage = item.passage
    return anchor_factor(question, passage.text, passage.text, context_before(item.document_text, passage.start),
                         item.document_names_text)
