"""Reading (question, context) pairs with any engine that turns windows into logits.

The same decoding serves validation during training (PyTorch), the parity check of the export
and the service (ONNX Runtime), so they cannot drift apart.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from qa.readers.neural.spans import best_span
from qa.readers.neural.windows import Window, cut_windows

LogitsFunction = Callable[[list[Window]], tuple[np.ndarray, np.ndarray]]
BATCH_WINDOWS = 32
# A batch is as wide as its longest window and padding costs what tokens cost: a 150- and a
# 60-token window read 154 ms batched, 114 ms one after the other (int8, two threads).
MAX_PADDING = 0.1


@dataclass(frozen=True)
class Reading:
    text: str  # the best span, "" when no window had one
    start: int  # character offsets into the context
    end: int
    span_score: float  # start + end logit of the span
    null_score: float  # start + end logit of "no answer" in the span's window

    @property
    def answer_probability(self) -> float:
        """P(span) against P(no answer) in the span's window: a softmax over the two."""
        return float(1 / (1 + np.exp(self.null_score - self.span_score))) if self.text else 0.0


def padded(batch: list[Window], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(w.input_ids) for w in batch)
    ids = np.full((len(batch), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(batch), width), dtype=np.int64)
    for row, window in enumerate(batch):
        ids[row, :len(window.input_ids)] = window.input_ids
        mask[row, :len(window.input_ids)] = 1
    return ids, mask


def torch_logits(model, pad_id: int, autocast=None) -> LogitsFunction:
    import contextlib

    @torch.inference_mode()
    def run(batch: list[Window]):
        ids, mask = padded(batch, pad_id)
        with autocast or contextlib.nullcontext():
            output = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
        return output.start_logits.float().numpy(), output.end_logits.float().numpy()
    return run


def onnx_logits(session, pad_id: int) -> LogitsFunction:
    def run(batch: list[Window]):
        ids, mask = padded(batch, pad_id)
        start, end = session.run(["start_logits", "end_logits"], {"input_ids": ids, "attention_mask": mask})
        return start, end
    return run


def batches_of_like_length(lengths: list[int], max_windows: int = BATCH_WINDOWS,
                           max_padding: float = MAX_PADDING) -> list[list[int]]:
    """Indices of windows in batches of like lengths: shortest first, a batch closing when it is
    full or its next window would pad its shortest by more than `max_padding`."""
    batches: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        current = batches[-1] if batches else None
        if current and len(current) < max_windows and lengths[index] <= lengths[current[0]] * (1 + max_padding):
            current.append(index)
        else:
            batches.append([index])
    return batches


def read_windows(logits: LogitsFunction, windows: list[Window], contexts: list[str]) -> dict[int, list[Reading]]:
    """Every window's best span (or none), grouped by the example it came from, best first."""
    readings: dict[int, list[Reading]] = {}
    for indices in batches_of_like_length([len(w.input_ids) for w in windows]):
        batch = [windows[i] for i in indices]
        starts, ends = logits(batch)
        for row, window in enumerate(batch):
            start_logits, end_logits = torch.from_numpy(starts[row]), torch.from_numpy(ends[row])
            null = float(start_logits[0] + end_logits[0])
            span = best_span(start_logits, end_logits, window.context_mask)
            if span is None:
                continue
            score, first_token, last_token = span
            start, end = window.offsets[first_token][0], window.offsets[last_token][1]
            context = contexts[window.example]
            piece = context[start:end]
            start += len(piece) - len(piece.lstrip())
            text = piece.strip()
            readings.setdefault(window.example, []).append(Reading(text, start, start + len(text), score, null))
    for group in readings.values():
        group.sort(key=lambda r: -r.span_score)
    return readings


def read_examples(logits: LogitsFunction, tokenizer, questions: list[str], contexts: list[str],
                  max_length: int, stride: int) -> list[Reading]:
    """The best reading of each (question, context) pair over all its windows."""
    windows = cut_windows(tokenizer, questions, contexts, max_length, stride)
    readings = read_windows(logits, windows, contexts)
    empty = Reading("", 0, 0, float("-inf"), 0.0)
    return [readings.get(n, [empty])[0] for n in range(len(questions))]


def f1_and_exact(predictions: list[str], answers: list[list[str]]) -> dict[str, float]:
    from eval.scoring import best_f1, exact_match

    f1 = sum(best_f1(p, a) for p, a in zip(predictions, answers)) / max(1, len(answers))
    em = sum(exact_match(p, a) for p, a in zip(predictions, answers)) / max(1, len(answers))
    return {"f1": round(f1, 4), "exact_match": round(em, 4)}
