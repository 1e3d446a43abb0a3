"""How much of the evidence the neural reader reads: its latency.

Reading costs about half a millisecond a token on two cores, so the reader reads a budget of
context tokens, not whole passages: the top passages in retrieval order, each whole while it
fits; the first that does not fit gives the run of neighbouring sentences around its sentence
closest to the question (by the embedding cosine the pipeline already computed) that does.
Reading stops when the budget is spent. Pure functions: the reader passes its tokenizer in.
"""

from collections.abc import Callable
from dataclasses import dataclass

from qa.readers.base import EvidencePassage

# Reading costs about half a millisecond a token on two cores. On eval/dev.jsonl and
# eval/gold.jsonl the third-epoch reader answered as many questions right reading the top
# passage as reading two (whole, or within 96, 128 or 160 tokens) or three: 210 or 211 of 232.
# The top passage alone is the cheapest (p95 164 tokens read, against 293 for two).
PASSAGES_READ = 1
# While the reader doubts its best span (calibrated probability below the service's threshold), it
# may read the next passages in retrieval order, the sentences closest to the question within 48
# tokens each: on 600 questions of the validation split (`viquad1.dev`, open corpus), where a
# paragraph is cut into two or three passages, the second passage's 48 closest tokens gave the
# neural reader alone F1 0.604 against 0.572 (the whole passage: 0.608), and the hybrid 0.591
# against 0.570; dev and gold answers stayed the same. Each doubted question reads one window more
# (about 45 ms here: gold p95 139-140 -> 179-208 ms), so it is off unless asked for.
PASSAGES_WHEN_DOUBTED = 0
TOKENS_WHEN_DOUBTED = 48
MIN_PIECE_TOKENS = 12  # less than a short sentence left: not worth a window of its own


@dataclass(frozen=True)
class ReadingBudget:
    """How much of the evidence the neural reader reads: the top `passages` (at most `tokens`
    context tokens; None: whole), then, one at a time while it doubts its best span, the sentences
    closest to the question of up to `passages_when_doubted` more, `tokens_when_doubted` each."""

    passages: int = PASSAGES_READ
    tokens: int | None = None
    passages_when_doubted: int = PASSAGES_WHEN_DOUBTED
    tokens_when_doubted: int = TOKENS_WHEN_DOUBTED

    def __post_init__(self):
        if self.passages < 1:
            raise ValueError("the reader reads at least one passage")
        if self.passages_when_doubted < 0:
            raise ValueError("passages read when doubted cannot be negative")
        if (self.tokens is not None and self.tokens < MIN_PIECE_TOKENS) or self.tokens_when_doubted < MIN_PIECE_TOKENS:
            raise ValueError(f"a token budget is at least {MIN_PIECE_TOKENS} tokens (or None: whole passages)")


@dataclass(frozen=True)
class Piece:
    """A contiguous stretch of one retrieved passage the reader reads."""

    item: EvidencePassage
    start: int  # document offsets
    end: int

    @property
    def text(self) -> str:
        return self.item.document_text[self.start:self.end]


def sentence_run(token_counts: list[int], cosines: list[float], budget: int) -> tuple[int, int]:
    """(first, last) sentence of the run to read: it starts at the sentence closest to the
    question and grows towards the closer of its two neighbours while the run fits the budget.
    One sentence longer than the budget is read alone (its windows cut it)."""
    best = max(range(len(cosines)), key=lambda i: cosines[i])
    first = last = best
    used = token_counts[best]
    while True:
        neighbours = [i for i in (first - 1, last + 1) if 0 <= i < len(cosines) and used + token_counts[i] <= budget]
        if not neighbours:
            return first, last
        chosen = max(neighbours, key=lambda i: cosines[i])
        used += token_counts[chosen]
        first, last = min(first, chosen), max(last, chosen)


def pieces_to_read(passages: list[EvidencePassage], budget: int | None,
                   count_tokens: Callable[[str], int]) -> list[Piece]:
    """The pieces of the passages (best first) the reader reads within `budget` context tokens;
    every passage whole when there is no budget."""
    pieces, left = [], budget
    for item in passages:
        passage = item.passage
        if left is None:
            pieces.append(Piece(item, passage.start, passage.end))
            continue
        if left < MIN_PIECE_TOKENS:
            break
        sentences = item.sentences()
        counts = [count_tokens(text) for _, _, text in sentences]
        if not sentences or sum(counts) <= left:
            pieces.append(Piece(item, passage.start, passage.end))
            left -= sum(counts)
            continue
        first, last = sentence_run(counts, list(item.sentence_cosines), left)
        pieces.append(Piece(item, sentences[first][0], sentences[last][1]))
        left -= sum(counts[first:last + 1])
    return pieces
