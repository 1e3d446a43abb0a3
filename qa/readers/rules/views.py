"""What the rules read and return: one sentence of the evidence with its scores (SentenceView),
and the span they choose in it (Choice)."""

from dataclasses import dataclass

from qa.keywords import coverage, evidence_words

# A sentence's score: its keyword coverage, its passage's, cosine with the question, retrieval rank.
SENTENCE_WEIGHTS = (0.5, 0.2, 0.2, 0.1)


@dataclass(frozen=True)
class SentenceView:
    """One sentence of a retrieved passage, with what scoring needs."""

    text: str
    start: int                 # offsets in the document's clean text
    end: int
    passage_text: str
    passage_rank: int          # 0 = best retrieved
    retrieval_share: float     # passage score / best passage score
    cosine: float              # sentence vector . question vector
    anchor_factor: float = 1.0  # what the context lacks of what the question names (qa.anchors)
    doc_id: str = ""
    passage_id: str = ""


@dataclass(frozen=True)
class Choice:
    sentence: SentenceView
    start: int                 # answer offsets in the sentence
    end: int
    answer_type: str
    score: float
    support: float             # sentence coverage of the question keywords
    context_support: float     # passage coverage
    entity_kind: str | None = None

    @property
    def text(self) -> str:
        return self.sentence.text[self.start:self.end]


def scaled_cosine(cosine: float) -> float:
    # e5 cosines between related Vietnamese texts sit around 0.75-0.9.
    return min(max((cosine - 0.7) / 0.2, 0.0), 1.0)


def sentence_score(view: SentenceView, weights: dict[str, float], fold: bool) -> tuple[float, float, float]:
    """(score, sentence coverage, passage coverage)."""
    support = coverage(set(evidence_words(view.text, fold)), weights)
    context = coverage(set(evidence_words(view.passage_text, fold)), weights)
    support_weight, context_weight, cosine_weight, retrieval_weight = SENTENCE_WEIGHTS
    score = (support_weight * support + context_weight * context + cosine_weight * scaled_cosine(view.cosine)
             + retrieval_weight * view.retrieval_share)
    return score, support, context
