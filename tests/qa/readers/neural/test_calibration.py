import numpy as np
import pytest

from qa.readers.neural.calibration import Calibration, fit_calibration, margin
from qa.readers.neural.reading import Reading


def test_fit_recovers_the_curve_the_labels_were_drawn_from():
    rng = np.random.default_rng(0)
    margins = rng.uniform(-6, 6, 4000)
    right = rng.random(4000) < 1 / (1 + np.exp(-(0.8 * margins - 1.5)))
    fitted = fit_calibration(list(margins), list(right), l2=0.0)
    assert fitted.slope == pytest.approx(0.8, abs=0.1) and fitted.bias == pytest.approx(-1.5, abs=0.2)


def test_probability_rises_with_the_margin_and_an_empty_span_has_none():
    calibration = Calibration(slope=0.5, bias=-1.0)
    low, high = Reading("a", 0, 1, 1.0, 2.0), Reading("a", 0, 1, 6.0, 2.0)
    assert margin(high) == 4.0
    assert calibration.probability(low) < 0.5 < calibration.probability(high)
    assert calibration.probability(Reading("", 0, 0, 9.0, 0.0)) == 0.0


def test_the_slope_is_kept_finite_when_the_labels_separate_perfectly():
    fitted = fit_calibration([-2.0, -1.0, 1.0, 2.0], [False, False, True, True])
    assert 0 < fitted.slope < 50


def test_fit_needs_both_kinds_of_label():
    with pytest.raises(ValueError, match="both right and wrong"):
        fit_calibration([1.0, 2.0], [True, True])
    with pytest.raises(ValueError, match="one correctness label"):
        fit_calibration([1.0], [True, False])
