import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import make_imbalanced
from lib.gradients import class_gradient_contributions, gradient_descent
from lib.losses import weighted_bce_with_logits
from lib.weights import class_weights


def loss(X, y, theta, w0, w1):
    return weighted_bce_with_logits(y, X @ theta[:-1] + theta[-1], w0=w0, w1=w1)


@settings(deadline=None, max_examples=40)
@given(st.integers(0, 10_000), st.floats(0.05, 20), st.floats(0.05, 20),
       st.integers(1, 3))
def test_grad0_plus_grad1_is_full_gradient(seed, w0, w1, d):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, d))
    y = (rng.random(40) < 0.3).astype(int)
    theta = rng.normal(size=d + 1)
    result = class_gradient_contributions(X, y, theta[:-1], theta[-1], w0=w0, w1=w1)
    assert result.grad0.shape == result.grad1.shape == (d + 1,)
    h = 1e-6
    numeric = np.array([
        (loss(X, y, theta + h * e, w0, w1) - loss(X, y, theta - h * e, w0, w1)) / (2 * h)
        for e in np.eye(d + 1)
    ])
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


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"coef": [1.0, 2.0]}, "one entry per feature"),
    ({"intercept": np.nan}, "finite"),
    ({"intercept": [1.0, 2.0]}, "single number"),
    ({"w0": -1}, "`w0`"),
])
def test_bad_input(kwargs, message):
    args = {"coef": [1.0], "intercept": 0.0} | kwargs
    with pytest.raises(ValueError, match=message):
        class_gradient_contributions(np.ones((3, 1)), [0, 1, 0], args.pop("coef"),
                                     args.pop("intercept"), **args)


def test_run_in_chunks_equals_one_run():
    X, y = make_imbalanced(2000, 10, random_state=0)
    whole = gradient_descent(X, y, w1=5, n_steps=100)
    first = gradient_descent(X, y, w1=5, n_steps=60)
    last = first.iloc[-1]
    rest = gradient_descent(X, y, w1=5, n_steps=40,
                            init=[last["coef_0"], last["coef_1"], last["intercept"]])
    joined = np.vstack([first.drop(columns="step").to_numpy(),
                        rest.drop(columns="step").to_numpy()[1:]])
    np.testing.assert_array_equal(joined, whole.drop(columns="step").to_numpy())
    with pytest.raises(ValueError, match="`init` must have 3 entries"):
        gradient_descent(X, y, init=[0.0])
