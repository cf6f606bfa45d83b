"""lib.gradients.contributions: each class's share of the gradient of the weighted loss."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import majority_sample, make_imbalanced
from lib.gradients import (
    class_gradient_contributions,
    contribution_table,
    contributions_at,
    gradient_descent,
    sample_counts,
)
from lib.losses import weighted_bce_with_logits
from lib.weights import class_weights


def loss(X, y, theta, w0, w1):
    return weighted_bce_with_logits(y, X @ theta[:-1] + theta[-1], w0=w0, w1=w1)


@settings(deadline=None, max_examples=40)
@given(st.integers(0, 10_000), st.floats(0.05, 20), st.floats(0.05, 20), st.integers(1, 3))
def test_grad0_plus_grad1_is_full_gradient(seed, w0, w1, d):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, d))
    y = (rng.random(40) < 0.3).astype(int)
    theta = rng.normal(size=d + 1)
    result = class_gradient_contributions(X, y, theta[:-1], theta[-1], w0=w0, w1=w1)
    assert result.grad0.shape == result.grad1.shape == (d + 1,)
    h = 1e-6
    numeric = np.array(
        [
            (loss(X, y, theta + h * e, w0, w1) - loss(X, y, theta - h * e, w0, w1)) / (2 * h)
            for e in np.eye(d + 1)
        ]
    )
    np.testing.assert_allclose(result.grad0 + result.grad1, numeric, rtol=1e-5, atol=1e-7)
    assert 0.0 <= result.share1 <= 1.0


def test_hand_computed_at_zero():
    # At theta = 0 every p = 1/2:
    # g0 = (1/n) sum_{y=0} w0/2 (x, 1) and g1 = -(1/n) sum_{y=1} w1/2 (x, 1)
    X = np.array([[1.0], [3.0], [2.0]])
    y = np.array([0, 0, 1])
    r = class_gradient_contributions(X, y, [0.0], 0.0, w0=2.0, w1=4.0)
    np.testing.assert_allclose(r.grad0, [(1 + 3) * 1.0 / 3, 2 * 1.0 / 3])
    np.testing.assert_allclose(r.grad1, [-2.0 * 2 / 3, -2.0 / 3])
    assert r.loss_sum0 == pytest.approx(2 * 2 * np.log(2))
    assert r.loss_sum1 == pytest.approx(4 * np.log(2))
    assert (r.n0, r.n1) == (2, 1)


def test_masking_at_1_to_1000_and_balanced_restores():
    X, y = make_imbalanced(20_000, 1000, class_sep=2.0, random_state=0)
    plain = class_gradient_contributions(X, y, [0.0, 0.0], 0.0)
    assert plain.share1 < 0.005
    w = class_weights(y)
    balanced = class_gradient_contributions(X, y, [0.0, 0.0], 0.0, w0=w[0], w1=w[1])
    assert 0.4 < balanced.share1 < 0.6


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"coef": [1.0, 2.0]}, "one entry per feature"),
        ({"intercept": np.nan}, "finite"),
        ({"intercept": [1.0, 2.0]}, "single number"),
        ({"w0": -1}, "`w0`"),
    ],
)
def test_bad_input(kwargs, message):
    args = {"coef": [1.0], "intercept": 0.0} | kwargs
    with pytest.raises(ValueError, match=message):
        class_gradient_contributions(
            np.ones((3, 1)), [0, 1, 0], args.pop("coef"), args.pop("intercept"), **args
        )


def test_contributions_at_a_step_and_their_table():
    X, y = make_imbalanced(500, 9, random_state=0)
    run = gradient_descent(X, y, w1=9.0, n_steps=5)
    c = contributions_at(X, y, run, 3, w1=9.0)
    row = run.iloc[3]
    direct = class_gradient_contributions(
        X, y, [row["coef_0"], row["coef_1"]], row["intercept"], w1=9.0
    )
    assert c.share1 == pytest.approx(direct.share1)
    table = contribution_table({"a": c})
    assert list(table.index) == ["norm0", "norm1", "share1", "loss0", "loss1", "loss_share1"]
    assert table.loc["share1", "a"] == pytest.approx(100 * c.share1)
    with pytest.raises(ValueError, match="step"):
        contributions_at(X, y, run, 6)
    rows, h = majority_sample(y, 100, random_state=0)
    counts = sample_counts(y, rows, h)
    assert counts == {"n0": 450.0, "n1": 50.0, "m": 100.0, "h": 4.5}
