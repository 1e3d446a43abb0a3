"""The reader seam: what every reader gets (an analysed question and the evidence) and what it
returns (scored answer candidates at document offsets).

The answer pipeline (qa.answering) retrieves, gathers the Evidence, asks the reader, then
chooses among its candidates, cites the sentence holding the answer, applies the checks of what
the question pins down (qa.anchors) and abstains below its minimum confidence, the same for every
reader. A reader only reads: it never cites, filters passages or decides to abstain.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from index.chunking import Passage
from qa.question import AnalysedQuestion


@dataclass(frozen=True)
class EvidencePassage:
    """One retrieved passage as a reader sees it."""

    passage: Passage             # text, document offsets, sentence offsets (passage.sentences)
    score: float                 # retrieval score, fused as retrieved
    document_text: str           # the whole clean document all offsets refer to
    sentence_cosines: tuple[float, ...]  # each sentence's vector . the question's vector
    # How far each sentence's context names what the question pins down (qa.anchors; 1 = all).
    # The pipeline applies it to the answer; a reader may weigh sentences by it.
    anchor_factors: tuple[float, ...]
    document_title: str = ""     # the document's title, which names what its text may only call "ông", "tỉnh"

    @property
    def document_names_text(self) -> str:
        """Where the document writes names: its title and its text."""
        return f"{self.document_title}\n{self.document_text}"

    def sentences(self) -> list[tuple[int, int, str]]:
        """(document start, document end, text) of each sentence, in order."""
        p = self.passage
        return [(start, end, p.text[start - p.start:end - p.start]) for start, end in p.sentences]


@dataclass(frozen=True)
class Evidence:
    """What was retrieved for a question: passages in rank order, after the province check."""

    passages: tuple[EvidencePassage, ...]
    question_vector: np.ndarray  # the question's embedding, computed once per question
    # Passages whose folded BM25 view holds a word, and how many passages there are: the IDF
    # weights of the question's keywords.
    document_frequency: Callable[[str], int]
    passage_count: int


@dataclass(frozen=True)
class AnswerCandidate:
    doc_id: str
    passage_id: str
    start: int                   # answer offsets in the document's clean text
    end: int
    text: str                    # document_text[start:end]
    answer_type: str             # one of qa.answer_types.ANSWER_TYPES
    score: float                 # in [0, 1]; the pipeline scales it by the anchor factor and
                                 # abstains below min_confidence
    reader: str                  # the reader's name


class Reader(Protocol):
    """Reads evidence for an answer. Settings are checked in `__init__`, heavy models load in
    `warm_up()`, and `read` returns candidates best first (empty when it finds none)."""

    name: str

    def warm_up(self) -> None: ...

    def read(self, question: AnalysedQuestion, evidence: Evidence) -> list[AnswerCandidate]: ...
