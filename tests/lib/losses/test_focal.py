"""lib.losses.focal: the focal loss, its gradient, its shares and its curves."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.losses import focal_loss, focal_loss_grad, sigmoid, weighted_bce
from tests.lib.losses.helpers import binary_logits, labelled


@given(labelled())
def test_focal_gamma_zero_no_alpha_is_bce(data):
    y, p = data
    assert focal_loss(y, p, gamma=0.0) == pytest.approx(weighted_bce(y, p), rel=1e-12)


def test_focal_hand_value():
    # y=1, p=0.9, gamma=2, alpha=0.25: -0.25 * 0.1**2 * log 0.9
    expected = -0.25 * 0.01 * math.log(0.9)
    assert focal_loss([1], [0.9], gamma=2.0, alpha=0.25) == pytest.approx(expected)
    # y=0 uses 1 - alpha and p_t = 1 - p
    expected0 = -0.75 * 0.9**2 * math.log(0.1)
    assert focal_loss([0], [0.9], gamma=2.0, alpha=0.25) == pytest.approx(expected0)


def test_focal_loss_shares():
    from lib.losses import focal_loss_shares

    y = np.array([0, 0, 0, 1])
    p = np.array([0.01, 0.05, 0.6, 0.7])  # p_t = 0.99, 0.95, 0.4, 0.7
    shares = focal_loss_shares(y, p, gamma=2.0, easy=0.9)
    groups = ["easy_majority", "hard_majority", "minority"]
    np.testing.assert_allclose(shares.loc[["bce", "focal"], groups].sum(axis=1), [1.0, 1.0])
    assert shares.loc["count", groups].tolist() == [2, 1, 1]
    bce = -np.log([0.99, 0.95, 0.4, 0.7])
    assert shares.loc["bce", "easy_majority"] == pytest.approx(bce[:2].sum() / bce.sum())
    assert shares.loc["bce", "total"] == pytest.approx(bce.sum())
    focal = (1 - np.array([0.99, 0.95, 0.4, 0.7])) ** 2 * bce
    assert shares.loc["focal", "minority"] == pytest.approx(focal[3] / focal.sum())
    assert shares.loc["focal", "easy_majority"] < shares.loc["bce", "easy_majority"]
    same = focal_loss_shares(y, p, gamma=0.0)
    np.testing.assert_allclose(same.loc["focal"], same.loc["bce"])


@given(st.lists(st.floats(0.0, 5.0), min_size=1, max_size=4), st.sampled_from([None, 0.25, 0.75]))
def test_focal_curves_are_the_focal_loss_and_its_gradient(gammas, alpha):
    from lib.losses import focal_curves

    curves = focal_curves([0.0, *gammas], alpha=alpha, n_points=51)
    scale = 1.0 if alpha is None else alpha
    # γ = 0 is (alpha-scaled) cross-entropy: -log p_t and |∂/∂z| = 1 - p_t.
    assert np.allclose(curves.loss[0.0], -scale * np.log(curves.p_t))
    assert np.allclose(curves.grad[0.0], scale * (1 - curves.p_t))
    # A larger γ never raises the loss of a class-1 sample.
    ordered = sorted(curves.loss)
    for low, high in zip(ordered, ordered[1:], strict=False):
        assert np.all(curves.loss[high] <= curves.loss[low] + 1e-12)


#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None)

gammas = st.floats(0.0, 5.0)
alphas = st.one_of(st.none(), st.floats(0.0, 1.0))


# --------------------------------------------------------------------------- focal_loss_grad


@settings(DET, max_examples=200)
@given(binary_logits(), gammas, alphas)
def test_focal_grad_matches_central_finite_differences(data, gamma, alpha):
    y, z = data
    h = 1e-5

    def loss(logits):
        return focal_loss(y, sigmoid(logits), gamma=gamma, alpha=alpha, reduction="none")

    numeric = (loss(z + h) - loss(z - h)) / (2 * h)
    analytic = focal_loss_grad(y, z, gamma=gamma, alpha=alpha)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6)


@DET
@given(binary_logits(z_max=50.0, n_max=50))
def test_focal_grad_gamma_zero_is_p_minus_y(data):
    y, z = data
    np.testing.assert_allclose(focal_loss_grad(y, z, gamma=0.0), sigmoid(z) - y, rtol=0, atol=1e-12)


def test_focal_grad_hand_value():
    # y=1, z=0: p_t = 1/2, gamma=2, alpha=0.25:
    # 0.25 * [2 * (1/2)^2 * (1/2) * log(1/2) - (1/2)^3] = 0.25 * (-(log 2)/4 - 1/8)
    expected = 0.25 * (-math.log(2) / 4 - 1 / 8)
    assert focal_loss_grad([1], [0.0], gamma=2.0, alpha=0.25)[0] == pytest.approx(expected)
    # y=0 flips the sign and uses 1 - alpha
    expected0 = -0.75 * (-math.log(2) / 4 - 1 / 8)
    assert focal_loss_grad([0], [0.0], gamma=2.0, alpha=0.25)[0] == pytest.approx(expected0)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("alpha", [None, 0.0, 0.25, 1.0])
def test_focal_grad_finite_for_huge_logits(gamma, alpha):
    y = np.array([1, 0, 1, 0, 1, 0])
    z = np.array([1e3, 1e3, -1e3, -1e3, 500.0, -500.0])
    g = focal_loss_grad(y, z, gamma=gamma, alpha=alpha)
    assert np.all(np.isfinite(g))
    # Confident right answers have no gradient; confident mistakes push with
    # magnitude alpha_t (the focal term (1 - p_t)^gamma is 1 for them).
    a_pos = 1.0 if alpha is None else alpha
    a_neg = 1.0 if alpha is None else 1.0 - alpha
    np.testing.assert_allclose(g, [0.0, a_neg, -a_pos, 0.0, 0.0, 0.0], atol=1e-12)
