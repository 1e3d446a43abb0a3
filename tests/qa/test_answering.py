"""The answer pipeline around any reader: a fixed fake reader shows that citing, the province,
year and code checks, choosing among candidates and abstention are the pipeline's, not the
reader's."""

from dataclasses import dataclass, field

import pytest

from index.embedder import HashingEmbedder
from qa.answering import QuestionAnswerer
from qa.question import AnalysedQuestion
from qa.readers.base import AnswerCandidate, Evidence
from qa.retrieval import PassageRetriever

COVERAGE = "99,8%"  # in document "qn" of the small corpus (tests/conftest.py)
CODE = "1574/QĐ-UBND"  # in document "qn-dvc"


@dataclass
class FixedReader:
    """Answers with the given (text, score) pairs wherever the evidence holds the text."""

    answers: list[tuple[str, float]]
    name: str = "fixed"
    seen: list[Evidence] = field(default_factory=list)

    def warm_up(self) -> None:
        pass

    def read(self, question: AnalysedQuestion, evidence: Evidence) -> list[AnswerCandidate]:
        self.seen.append(evidence)
        found = []
        for text, score in self.answers:
            for item in evidence.passages:
                if text in item.passage.text:
                    start = item.passage.start + item.passage.text.index(text)
                    found.append(AnswerCandidate(item.passage.doc_id, item.passage.id, start, start + len(text), text,
                                                 "number", score, self.name))
        return found


class CountingEmbedder(HashingEmbedder):
    def __init__(self):
        super().__init__()
        self.questions = 0

    def embed_queries(self, texts):
        self.questions += len(texts)
        return super().embed_queries(texts)


def answerer(index, reader, embedder=None) -> QuestionAnswerer:
    return QuestionAnswerer(PassageRetriever(index, embedder or HashingEmbedder()), reader, min_confidence=0.5)


def test_a_readers_answer_is_cited_by_the_sentence_that_holds_it(fake_index):
    result = answerer(fake_index, FixedReader([(COVERAGE, 0.9)])).ask("Tỷ lệ phủ sóng 4G của Quảng Ninh?")
    assert (result.answer, result.confidence, result.answer_type) == (COVERAGE, 0.9, "number")
    citation = result.citations[0]
    document = fake_index.documents[citation.doc_id].text
    assert document[citation.start:citation.end] == citation.quote and COVERAGE in citation.quote
    assert document[result.answer_start:result.answer_end] == COVERAGE
    assert result.passages[0].passage.id == citation.passage_id


def test_a_year_the_context_lacks_costs_any_reader_its_answer(fake_index):
    result = answerer(fake_index, FixedReader([(COVERAGE, 0.9)])).ask("Năm 2019, tỷ lệ phủ sóng 4G là bao nhiêu?")
    assert result.answer is None and result.answer_type == "none"
    assert result.confidence == pytest.approx(0.9 * 0.4)
    assert result.passages  # an abstention still lists the closest passages


def test_passages_about_another_province_never_reach_the_reader(fake_index):
    reader = FixedReader([(COVERAGE, 0.9)])
    result = answerer(fake_index, reader).ask("Tỷ lệ phủ sóng 4G của Bắc Ninh?")
    assert (result.answer, result.confidence) == (None, 0.0)
    assert {item.passage.doc_id for item in reader.seen[0].passages} == {"bn"}


def test_the_pipeline_chooses_the_candidate_it_trusts_most_after_its_anchors(fake_index):
    # the code the question names is only in the second candidate's passage; neither names
    # "UBND" apart from the code (x 0.6)
    reader = FixedReader([(COVERAGE, 0.95), (CODE, 0.9)])
    result = answerer(fake_index, reader).ask(f"Quyết định số {CODE} về dịch vụ công trực tuyến là gì?")
    assert (result.answer, result.confidence) == (CODE, pytest.approx(0.9 * 0.6))


def test_the_evidence_carries_one_cosine_and_anchor_factor_per_sentence(fake_index):
    reader = FixedReader([])
    answerer(fake_index, reader).ask("Tỷ lệ phủ sóng 4G của Quảng Ninh?")
    evidence = reader.seen[0]
    assert evidence.passage_count == len(fake_index.passages)
    for item in evidence.passages:
        assert len(item.sentence_cosines) == len(item.anchor_factors) == len(item.passage.sentences)
        assert item.document_text[item.passage.start:item.passage.end] == item.passage.text
    assert evidence.document_frequency("4g") == 1


def test_the_question_is_embedded_once(fake_index):
    embedder = CountingEmbedder()
    pipeline = answerer(fake_index, FixedReader([]), embedder)
    pipeline.ask("Tỷ lệ phủ sóng 4G của Quảng Ninh?", mode="hybrid")
    assert embedder.questions == 1


def test_the_rules_read_by_default_and_settings_are_checked(fake_index):
    retriever = PassageRetriever(fake_index, HashingEmbedder())
    assert QuestionAnswerer(retriever).reader.name == "rules"
    with pytest.raises(ValueError, match="min_confidence must be between 0 and 1"):
        QuestionAnswerer(retriever, min_confidence=1.5)


def test_an_answer_that_is_not_the_evidence_text_at_its_offsets_is_refused(fake_index):
    @dataclass
    class MisplacedReader(FixedReader):
        def read(self, question, evidence):
            [candidate] = super().read(question, evidence)
            return [AnswerCandidate(candidate.doc_id, candidate.passage_id, candidate.start + 1, candidate.end + 1,
                                    candidate.text, "number", 0.9, self.name)]

    with pytest.raises(ValueError, match="reader 'fixed' answered with text that is not its evidence's"):
        answerer(fake_index, MisplacedReader([(COVERAGE, 0.9)])).ask("Tỷ lệ phủ sóng 4G của Quảng Ninh?")


def test_names_the_document_writes_only_in_its_title_are_not_missing(fake_index):
    # "Hạ tầng số" is the title of the document holding the figure; its text never writes "Hạ"
    question = "Theo bài Hạ tầng số, tỷ lệ phủ sóng 4G là bao nhiêu?"
    result = answerer(fake_index, FixedReader([(COVERAGE, 0.9)])).ask(question)
    assert (result.answer, result.confidence) == (COVERAGE, 0.9)
