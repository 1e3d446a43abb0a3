import pytest

from qa.readers.neural.spans import best_span
from qa.readers.neural.training import learning_rate, TrainingPlan
from qa.readers.neural.windows import NO_ANSWER, Window, answer_label

CONTEXT = "Quảng Ninh đạt 99,8% phủ sóng 4G."


def window_over(offsets):
    """[CLS] q [SEP] [SEP] context tokens [SEP], with the given context offsets."""
    prefix = [False] * 4
    return Window(0, list(range(len(offsets) + 5)), prefix + [True] * len(offsets) + [False],
                  [(0, 0)] * 4 + offsets + [(0, 0)])


TOKENS = [(0, 5), (6, 10), (11, 14), (15, 20), (21, 24), (25, 29), (30, 32), (32, 33)]


def test_an_answer_inside_the_window_is_labelled_by_its_tokens():
    window = window_over(TOKENS)
    start = CONTEXT.index("99,8%")
    assert answer_label(window, start, start + 5) == (7, 7)
    assert answer_label(window, 0, 10) == (4, 5)


def test_an_answer_cut_by_the_window_edge_is_no_answer():
    window = window_over(TOKENS[:3])  # the window stops before "99,8%"
    start = CONTEXT.index("99,8%")
    assert answer_label(window, start, start + 5) == NO_ANSWER


def test_the_best_span_stays_inside_the_context_and_the_length_limit():
    import torch

    mask = [False, False, True, True, True, False]
    start = torch.tensor([9.0, 0, 1, 5, 0, 9])
    end = torch.tensor([9.0, 0, 0, 1, 4, 9])
    assert best_span(start, end, mask)[1:] == (3, 4)
    assert best_span(start, end, mask, max_answer_tokens=1)[1:] == (3, 3)
    assert best_span(start, end, [False] * 6) is None


@pytest.mark.parametrize("epoch", [0, 1])
def test_each_epoch_warms_or_peaks_then_falls_to_a_tenth(epoch):
    plan = TrainingPlan(backbone=None, out_dir=None, mix=[], data_dir=None, learning_rate=1e-4, warmup_share=0.1)
    rates = [learning_rate(plan, epoch, step, 100) for step in range(100)]
    peak = 1e-4 * 0.5 ** epoch
    assert max(rates) == pytest.approx(peak) and rates[-1] == pytest.approx(peak * 0.109, rel=0.01)


def test_windows_of_unlike_lengths_are_read_in_batches_of_their_own():
    from qa.readers.neural.reading import batches_of_like_length

    assert batches_of_like_length([150, 60, 62, 160]) == [[1, 2], [0, 3]], "160 pads 150 by under a tenth"
    assert batches_of_like_length([150, 60]) == [[1], [0]], "a 60-token window is not padded to 150"
    assert batches_of_like_length([100] * 5, max_windows=2) == [[0, 1], [2, 3], [4]]
