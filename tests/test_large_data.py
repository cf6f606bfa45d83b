"""Large data (issue 6): weighted majority samples stand in for a million rows.

The gradient-masking page runs 500 gradient-descent steps twice; on a
million rows it trains on every minority row plus a Horvitz-Thompson
majority sample. These tests pin the two facts the page states: the
weighted sample is the same loss as the full data counted with
multiplicities, and at a million rows it stays within 1 % of the full run.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import display_subsample, majority_sample, make_imbalanced
from lib.gradients import gradient_descent

COLUMNS = [
    "loss",
    "norm0",
    "norm1",
    "share1",
    "loss_sum0",
    "loss_sum1",
    "intercept",
    "coef_0",
    "coef_1",
]


@settings(deadline=None, max_examples=60)
@given(st.integers(0, 10_000), st.integers(2, 400), st.integers(1, 60), st.integers(1, 500))
def test_majority_sample_keeps_minority_and_class_totals(seed, n0, n1, m):
    y = np.random.default_rng(seed).permutation(np.r_[np.zeros(n0, int), np.ones(n1, int)])
    rows, h = majority_sample(y, m, random_state=seed)
    assert np.all(np.diff(rows) > 0)
    assert set(np.flatnonzero(y == 1)) <= set(rows)
    assert np.sum(y[rows] == 0) == min(n0, m)
    # Horvitz-Thompson weights: each class's weights add up to its full size.
    assert np.sum(h[y[rows] == 0]) == pytest.approx(n0)
    assert np.sum(h[y[rows] == 1]) == pytest.approx(n1)
    assert np.all(h[y[rows] == 1] == 1.0)
    if n0 <= m:
        np.testing.assert_array_equal(rows, np.arange(len(y)))


@settings(deadline=None, max_examples=30)
@given(st.integers(0, 10_000), st.floats(0.1, 20), st.floats(0.1, 20))
def test_integer_sample_weight_equals_repeated_rows(seed, w0, w1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, 2))
    y = np.r_[np.zeros(25, int), np.ones(5, int)]
    h = rng.integers(1, 4, size=30)
    weighted = gradient_descent(X, y, w0=w0, w1=w1, n_steps=15, sample_weight=h)
    repeated = gradient_descent(np.repeat(X, h, axis=0), np.repeat(y, h), w0=w0, w1=w1, n_steps=15)
    np.testing.assert_allclose(weighted[COLUMNS], repeated[COLUMNS], rtol=1e-9, atol=1e-12)


def test_unit_sample_weight_changes_nothing():
    X, y = make_imbalanced(2000, 50, random_state=3)[:2]
    plain = gradient_descent(X, y, w0=0.5, w1=25, n_steps=20)
    ones = gradient_descent(X, y, w0=0.5, w1=25, n_steps=20, sample_weight=np.ones(len(y)))
    np.testing.assert_allclose(plain[COLUMNS], ones[COLUMNS], rtol=1e-12)


@pytest.mark.parametrize(
    "bad, message",
    [
        (lambda n: -np.ones(n), "non-negative"),
        (lambda n: np.ones(n - 1), "same number of samples"),
        (lambda n: np.r_[np.zeros(n - 5), np.ones(5)], "class 0"),
        (lambda n: np.full(n, np.nan), "numbers|NaN|finite"),
    ],
)
def test_bad_sample_weight_is_refused(bad, message):
    y = np.r_[np.zeros(45, int), np.ones(5, int)]
    X = np.random.default_rng(0).normal(size=(50, 2))
    with pytest.raises(ValueError, match=message):
        gradient_descent(X, y, n_steps=2, sample_weight=bad(len(y)))


@pytest.mark.parametrize("w0, w1", [(1.0, 1.0), (0.50005, 5000.0)])
def test_sample_of_a_million_rows_stays_within_one_percent(w0, w1):
    # The claim on the gradient-masking page, at the sidebar's largest n and ratio.
    X, y = make_imbalanced(1_000_000, 10_000, random_state=0)[:2]
    full = gradient_descent(X, y, w0=w0, w1=w1, n_steps=10)
    rows, h = majority_sample(y, 100_000, random_state=0)
    sample = gradient_descent(X[rows], y[rows], w0=w0, w1=w1, n_steps=10, sample_weight=h)
    for column in COLUMNS:
        np.testing.assert_allclose(
            sample[column], full[column], rtol=0.01, atol=1e-4, err_msg=column
        )


def test_display_subsample_keeps_every_minority_point_of_a_million():
    _, y = make_imbalanced(1_000_000, 10_000, random_state=0)[:2]
    shown = display_subsample(y, max_points=5000, random_state=0)
    assert np.sum(y[shown] == 1) == np.sum(y == 1) == 100
    assert np.sum(y[shown] == 0) == 5000


@settings(deadline=None, max_examples=40)
@given(st.integers(0, 10_000), st.integers(1, 300), st.integers(1, 300), st.integers(1, 100))
def test_display_subsample_caps_each_class(seed, n0, n1, cap):
    y = np.random.default_rng(seed).permutation(np.r_[np.zeros(n0, int), np.ones(n1, int)])
    shown = display_subsample(y, max_points=cap, random_state=seed)
    assert np.all(np.diff(shown) > 0)
    assert np.sum(y[shown] == 0) == min(n0, cap)
    assert np.sum(y[shown] == 1) == min(n1, cap)
