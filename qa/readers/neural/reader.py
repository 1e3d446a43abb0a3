"""The neural reader behind the reader seam: reads the top retrieved passages with the shipped
int8 model and returns each passage's best span, scored by its calibrated probability of
answering the question (not only of being the best span in its passage).
"""

from qa.question import AnalysedQuestion
from qa.readers.base import AnswerCandidate, Evidence
from qa.readers.neural.budget import Piece, ReadingBudget, pieces_to_read
from qa.readers.neural.calibration import Calibration
from qa.readers.neural.onnx_reader import OnnxReader
from qa.readers.neural.reading import Reading
from qa.readers.rules.clauses import sentence_candidates

TRAILING = " ,;:.-–—(\"'“"  # what a token boundary leaves after a span
LEADING = " ,;:.-–—("  # and before it


def span_type(text: str, expected: str) -> str:
    """The typed kind of a span that is one figure, date or code as a whole; "text" otherwise."""
    for candidate in sentence_candidates(text):
        if candidate.start <= 1 and candidate.end >= len(text) - 1:
            return candidate.answer_type
    return "entity" if expected == "entity" else "text"


def trimmed(text: str, start: int) -> tuple[str, int]:
    """A span without the punctuation a token boundary leaves at its edges."""
    stripped = text.rstrip(TRAILING)
    lead = len(stripped) - len(stripped.lstrip(LEADING))
    return stripped[lead:], start + lead


class NeuralReader:
    name = "neural"

    def __init__(self, engine: OnnxReader | None = None, reading: ReadingBudget = ReadingBudget(),
                 calibration: Calibration | None = None, believed_at: float = 0.5):
        self.engine = engine or OnnxReader()
        self.reading = reading
        self.believed_at = believed_at  # the calibrated probability from which a span is believed
        self._calibration = calibration

    @property
    def calibration(self) -> Calibration:
        if self._calibration is None:
            self.engine.warm_up()
            fitted = self.engine.manifest.get("calibration", {})  # also says what it was fitted on
            self._calibration = Calibration(fitted.get("slope", 1.0), fitted.get("bias", 0.0))
        return self._calibration

    def warm_up(self) -> None:
        self.engine.warm_up()

    def readings(self, question: AnalysedQuestion, evidence: Evidence) -> list[tuple[Piece, Reading]]:
        """The best span of each piece of evidence read, with the piece (its offsets are the
        reading's origin). `qa reader calibrate` fits its curve on exactly these."""
        budget, passages = self.reading, list(evidence.passages)
        found = self.read_pieces(question, pieces_to_read(passages[:budget.passages], budget.tokens,
                                                          self.engine.count_tokens))
        # A doubted span is often a top passage that does not hold the answer; the rest of its
        # paragraph or another article may (see `budget.PASSAGES_WHEN_DOUBTED`).
        for item in passages[budget.passages:budget.passages + budget.passages_when_doubted]:
            if any(self.calibration.probability(reading) >= self.believed_at for _, reading in found):
                break
            found += self.read_pieces(question, pieces_to_read([item], budget.tokens_when_doubted,
                                                               self.engine.count_tokens))
        return found

    def read_pieces(self, question: AnalysedQuestion, pieces: list[Piece]) -> list[tuple[Piece, Reading]]:
        if not pieces:
            return []
        found = self.engine.read(question.expanded, [piece.text for piece in pieces])
        return [(piece, readings[0]) for piece, readings in zip(pieces, found) if readings]

    def read(self, question: AnalysedQuestion, evidence: Evidence) -> list[AnswerCandidate]:
        candidates = []
        for piece, reading in self.readings(question, evidence):
            text, start = trimmed(reading.text, reading.start)
            if not text:
                continue
            start += piece.start
            passage = piece.item.passage
            candidates.append(AnswerCandidate(
                doc_id=passage.doc_id, passage_id=passage.id, start=start, end=start + len(text), text=text,
                answer_type=span_type(text, question.expected.answer_type),
                score=round(self.calibration.probability(reading), 4), reader=self.name))
        return sorted(candidates, key=lambda c: -c.score)
