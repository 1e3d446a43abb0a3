"""From the reader's raw scores to a probability that its span is a right answer.

The model scores a span against "no answer" in the same window; the margin between the two
orders spans well but is no probability: a margin of 2 may be right 90% of the time on
Wikipedia paragraphs and 60% on our news passages. A logistic curve fitted on questions of the
service's own kind (`qa reader calibrate`: the top passages retrieval hands the reader for
eval/dev.jsonl and eval/gold.jsonl, never the held-out set or XQuAD) makes the score mean what
`QA_MIN_CONFIDENCE` assumes. Pure functions; the command is the edge.
"""

import math
from dataclasses import dataclass

import numpy as np

from qa.readers.neural.reading import Reading


@dataclass(frozen=True)
class Calibration:
    """P(the span answers) = sigmoid(slope x (span score - no-answer score) + bias)."""

    slope: float = 1.0
    bias: float = 0.0

    def probability(self, reading: Reading) -> float:
        if not reading.text:
            return 0.0
        return 1 / (1 + math.exp(-(self.slope * margin(reading) + self.bias)))


def margin(reading: Reading) -> float:
    """How far the span's score is above the window's no-answer score."""
    return reading.span_score - reading.null_score


def fit_calibration(margins: list[float], correct: list[bool], l2: float = 0.01, steps: int = 50) -> Calibration:
    """The logistic curve of correctness on margin, by Newton's method on the log-likelihood with
    a little L2 on the slope (a handful of questions must not make it steep)."""
    if len(margins) != len(correct):
        raise ValueError("one correctness label per margin")
    if len(set(correct)) < 2:
        raise ValueError("calibration needs both right and wrong spans")
    x = np.column_stack([np.asarray(margins, dtype=float), np.ones(len(margins))])
    y = np.asarray(correct, dtype=float)
    weights = np.zeros(2)
    penalty = np.diag([l2, 0.0])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ weights)))
        gradient = x.T @ (p - y) + penalty @ weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return Calibration(slope=round(float(weights[0]), 4), bias=round(float(weights[1]), 4))
