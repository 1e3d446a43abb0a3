"""A reader on a transformers question-answering model (optional, `QA_READER_MODEL`).

Every passage is read in windows of `max_seq_length` tokens that overlap by `doc_stride`, so long
passages are read whole. A span's score is P(start) x P(end), each a softmax over the context tokens
of its window: the model's probability for the span given that the answer is in that window. It is
not calibrated across passages (there is no "no answer" mass), so use it to rank, not to refuse.
"""

from dataclasses import dataclass

import torch

from index.offline import forbid_model_downloads
from qa.question import AnalysedQuestion
from qa.readers.base import AnswerCandidate, Evidence

BATCH_WINDOWS = 16
MIN_FREE_TOKENS = 32  # room for the question and special tokens beside the stride


@dataclass(frozen=True)
class ReaderSpan:
    passage_index: int  # which of the given passages
    start: int  # character offsets into that passage's text
    end: int
    score: float  # in [0, 1]: the model's probability for this span
    text: str  # passage_text[start:end]


@dataclass(frozen=True)
class _Window:
    passage_index: int
    input_ids: list[int]
    token_type_ids: list[int] | None
    context: list[bool]  # which tokens belong to the passage
    offsets: list[tuple[int, int]]


class TransformersReader:
    """Finds answer spans with AutoModelForQuestionAnswering; the model loads in `warm_up()`.
    `read` gives the pipeline the `candidates` best spans to choose from."""

    name = "transformers"

    def __init__(self, model: str, max_answer_tokens: int = 30, max_seq_length: int = 384, doc_stride: int = 128,
                 candidates: int = 3):
        if not model or not model.strip():
            raise ValueError("reader model must be a question-answering model name or a local path (QA_READER_MODEL)")
        if max_answer_tokens < 1:
            raise ValueError("max_answer_tokens must be at least 1")
        if doc_stride < 0:
            raise ValueError("doc_stride must not be negative")
        if max_seq_length - doc_stride < MIN_FREE_TOKENS:
            raise ValueError(f"max_seq_length must exceed doc_stride by at least {MIN_FREE_TOKENS} tokens")
        if candidates < 1:
            raise ValueError("candidates must be at least 1")
        self.candidates = candidates
        self.model_name = model
        self.max_answer_tokens = max_answer_tokens
        self.max_seq_length = max_seq_length
        self.doc_stride = doc_stride
        self._tokenizer = None
        self._model = None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        forbid_model_downloads()
        from transformers import AutoModelForQuestionAnswering, AutoTokenizer

        fix = ("point QA_READER_MODEL at a local directory holding a question-answering model "
               "(config.json, weights, tokenizer.json), or unset it to use the rule-based extractor")
        try:
            tokenizer = AutoTokenizer.from_pretrained(self.model_name, local_files_only=True)
            model, info = AutoModelForQuestionAnswering.from_pretrained(
                self.model_name, local_files_only=True, output_loading_info=True)
        except (OSError, ValueError, KeyError) as error:
            raise RuntimeError(f"cannot load reader model {self.model_name!r} offline: {fix}") from error
        # A plain encoder (the embedding model, say) loads too, with a random head: refuse it.
        head_missing = sorted(k for k in info["missing_keys"] if not k.startswith(model.base_model_prefix + "."))
        if head_missing:
            raise RuntimeError(f"reader model {self.model_name!r} has no trained question-answering head "
                               f"(missing {', '.join(head_missing[:2])}): {fix}")
        if not tokenizer.is_fast:
            raise RuntimeError(f"reader model {self.model_name!r} has no fast tokenizer, needed for character "
                               f"offsets: add its tokenizer.json, or {fix}")
        self._tokenizer = tokenizer
        self._model = model.to("cpu").eval()

    def read(self, question: AnalysedQuestion, evidence: Evidence) -> list[AnswerCandidate]:
        passages = [item.passage for item in evidence.passages]
        candidates = []
        for span in self.find_spans(question.text, [p.text for p in passages], top_n=self.candidates):
            passage = passages[span.passage_index]
            candidates.append(AnswerCandidate(
                doc_id=passage.doc_id, passage_id=passage.id, start=passage.start + span.start,
                end=passage.start + span.end, text=span.text, answer_type=question.expected.answer_type,
                score=span.score, reader=self.name))
        return candidates

    def find_spans(self, question: str, passages: list[str], top_n: int = 1) -> list[ReaderSpan]:
        """The best `top_n` spans over all passages, best first."""
        if top_n < 1:
            raise ValueError("top_n must be at least 1")
        if not question or not question.strip():
            raise ValueError("question must not be empty")
        readable = [i for i, text in enumerate(passages) if text.strip()]
        if not readable:
            return []
        self.warm_up()
        # Windows of like length share a batch, so short passages are not padded to long ones.
        windows = sorted(self._windows(question.strip(), passages, readable), key=lambda w: len(w.input_ids))
        best: dict[tuple[int, int, int], ReaderSpan] = {}
        for first in range(0, len(windows), BATCH_WINDOWS):
            batch = windows[first:first + BATCH_WINDOWS]
            start_logits, end_logits = self._logits(batch)
            for window, starts, ends in zip(batch, start_logits, end_logits):
                for span in self._best_spans(window, passages[window.passage_index], starts, ends, top_n):
                    key = (span.passage_index, span.start, span.end)
                    if key not in best or best[key].score < span.score:  # overlapping windows see a span twice
                        best[key] = span
        return sorted(best.values(), key=lambda s: (-s.score, s.passage_index, s.start))[:top_n]

    def _windows(self, question: str, passages: list[str], readable: list[int]) -> list[_Window]:
        tokenizer = self._tokenizer
        max_length = min(self.max_seq_length, tokenizer.model_max_length)
        stride = min(self.doc_stride, max_length // 2)
        question = self._shorten(question, (max_length - stride) // 2)
        encoded = tokenizer([question] * len(readable), [passages[i] for i in readable],
                            truncation="only_second", max_length=max_length, stride=stride,
                            return_overflowing_tokens=True, return_offsets_mapping=True)
        windows = []
        for w, sample in enumerate(encoded["overflow_to_sample_mapping"]):
            sequence_ids = encoded.sequence_ids(w)
            windows.append(_Window(
                passage_index=readable[sample],
                input_ids=encoded["input_ids"][w],
                token_type_ids=encoded["token_type_ids"][w] if "token_type_ids" in encoded else None,
                context=[s == 1 for s in sequence_ids],
                offsets=[tuple(o) for o in encoded["offset_mapping"][w]],
            ))
        return windows

    def _shorten(self, question: str, max_tokens: int) -> str:
        """Cut a very long question so every window keeps room for the passage."""
        encoded = self._tokenizer(question, add_special_tokens=False, return_offsets_mapping=True)
        offsets = encoded["offset_mapping"]
        return question if len(offsets) <= max_tokens else question[:offsets[max_tokens - 1][1]]

    @torch.inference_mode()
    def _logits(self, batch: list[_Window]) -> tuple[torch.Tensor, torch.Tensor]:
        width = max(len(w.input_ids) for w in batch)
        pad_id = self._tokenizer.pad_token_id or 0
        padding = [width - len(w.input_ids) for w in batch]
        inputs = {
            "input_ids": torch.tensor([w.input_ids + [pad_id] * p for w, p in zip(batch, padding)]),
            "attention_mask": torch.tensor([[1] * len(w.input_ids) + [0] * p for w, p in zip(batch, padding)]),
        }
        if batch[0].token_type_ids is not None:
            inputs["token_type_ids"] = torch.tensor([w.token_type_ids + [0] * p for w, p in zip(batch, padding)])
        output = self._model(**inputs)
        return output.start_logits.float(), output.end_logits.float()

    def _best_spans(self, window: _Window, text: str, start_logits: torch.Tensor, end_logits: torch.Tensor,
                    top_n: int) -> list[ReaderSpan]:
        size = len(window.input_ids)
        context = torch.tensor(window.context)
        start_probs = torch.softmax(start_logits[:size].masked_fill(~context, float("-inf")), dim=0)
        end_probs = torch.softmax(end_logits[:size].masked_fill(~context, float("-inf")), dim=0)
        # Allowed (start, end): both in the context, end >= start, at most max_answer_tokens long.
        allowed = (context[:, None] & context[None, :]).triu().tril(self.max_answer_tokens - 1)
        scores = (start_probs[:, None] * end_probs[None, :]).masked_fill(~allowed, -1.0).flatten()
        spans: dict[tuple[int, int], ReaderSpan] = {}  # token spans differing only by whitespace are one span
        for flat in torch.argsort(scores, descending=True).tolist():
            score = float(scores[flat])
            if score < 0 or len(spans) == top_n:
                break
            span = _text_span(text, window.offsets[flat // size][0], window.offsets[flat % size][1])
            if span is not None and span not in spans:
                spans[span] = ReaderSpan(window.passage_index, *span, min(score, 1.0), text[span[0]:span[1]])
        return list(spans.values())


def _text_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Character offsets with surrounding whitespace removed; None when nothing is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    start += len(piece) - len(piece.lstrip())
    return start, start + len(stripped)
