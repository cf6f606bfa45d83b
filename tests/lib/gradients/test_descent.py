"""lib.gradients.descent: full-batch gradient descent on the weighted logistic loss.

Large data (issue 6): weighted majority samples stand in for a million rows.
The gradient-masking page runs 500 gradient-descent steps twice; on a
million rows it trains on every minority row plus a Horvitz-Thompson
majority sample. The sample-weight tests pin the two facts the page states: the
weighted sample is the same loss as the full data counted with
multiplicities, and at a million rows it stays within 1 % of the full run
(the sample itself, ``lib.data.majority_sample``, is tested in tests/lib/test_data.py).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import majority_sample, make_imbalanced
from lib.gradients import class_gradient_contributions, gradient_descent


def test_share_is_one_half_at_an_optimum():
    X, y = make_imbalanced(2000, 10, class_sep=2.0, random_state=1)
    run = gradient_descent(X, y, n_steps=3000)
    last = run.iloc[-1]
    assert last["share1"] == pytest.approx(0.5, abs=0.02)
    assert run["loss"].iloc[-1] < run["loss"].iloc[0]
    assert np.all(np.diff(run["loss"].to_numpy()) <= 1e-12)  # 1/L step never increases


def test_gradient_descent_columns():
    X, y = make_imbalanced(200, 3, random_state=0)
    run = gradient_descent(X, y, w0=1, w1=3, n_steps=5)
    assert list(run["step"]) == list(range(6))
    assert {"coef_0", "coef_1", "intercept", "share1", "loss_sum0", "loss_sum1"} <= set(run)


def test_run_in_chunks_equals_one_run():
    X, y = make_imbalanced(2000, 10, random_state=0)
    whole = gradient_descent(X, y, w1=5, n_steps=100)
    first = gradient_descent(X, y, w1=5, n_steps=60)
    last = first.iloc[-1]
    rest = gradient_descent(
        X, y, w1=5, n_steps=40, init=[last["coef_0"], last["coef_1"], last["intercept"]]
    )
    joined = np.vstack(
        [first.drop(columns="step").to_numpy(), rest.drop(columns="step").to_numpy()[1:]]
    )
    np.testing.assert_array_equal(joined, whole.drop(columns="step").to_numpy())
    with pytest.raises(ValueError, match="`init` must have 3 entries"):
        gradient_descent(X, y, init=[0.0])


def test_first_steps_fit_the_majority():
    X, y = make_imbalanced(20_000, 1000, class_sep=2.0, random_state=0)
    run = gradient_descent(X, y, n_steps=50)
    assert run["loss_sum0"].iloc[50] < 0.1 * run["loss_sum0"].iloc[0]  # falls > 90 %
    assert run["loss_sum1"].iloc[50] > run["loss_sum1"].iloc[0]  # rises
    start = class_gradient_contributions(X, y, [0.0, 0.0], 0.0)
    assert start.share1 == pytest.approx(0.001, rel=0.1)  # "about 0.1 %": 0.0983 %


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
