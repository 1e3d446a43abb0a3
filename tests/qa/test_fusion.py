import pytest

from qa.fusion import fuse_scores, normalise_by_max, normalise_min_max


def test_min_max_maps_best_to_one_and_worst_to_zero():
    assert normalise_min_max([(3, 0.9), (1, 0.7), (2, 0.8)]) == pytest.approx({3: 1.0, 1: 0.0, 2: 0.5})
    assert normalise_min_max([(5, 0.4)]) == {5: 1.0}
    assert normalise_min_max([]) == {}


def test_bm25_normalised_by_its_best_score():
    assert normalise_by_max([(1, 10.0), (2, 5.0)]) == {1: 1.0, 2: 0.5}
    assert normalise_by_max([(1, 0.0)]) == {}


def test_fusion_weights_and_unions_both_rankings():
    dense = [(1, 0.9), (2, 0.5)]
    lexical = [(3, 8.0), (1, 4.0)]
    fused = dict(fuse_scores(dense, lexical, dense_weight=0.5))
    assert fused == pytest.approx({1: 0.75, 2: 0.0, 3: 0.5})


def test_fusion_extremes_reproduce_one_side():
    dense = [(1, 0.9), (2, 0.5)]
    lexical = [(2, 8.0), (1, 4.0)]
    assert [row for row, _ in fuse_scores(dense, lexical, 1.0)][:2] == [1, 2]
    assert [row for row, _ in fuse_scores(dense, lexical, 0.0)][:2] == [2, 1]
