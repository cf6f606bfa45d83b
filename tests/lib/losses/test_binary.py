"""lib.losses.binary: weighted binary cross-entropy, its logit form, sigmoid, logit and softplus."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lib.losses import logit, sigmoid, softplus, weighted_bce, weighted_bce_with_logits
from tests.lib.losses.helpers import labelled

weights = st.floats(1e-3, 1e3)


def test_hand_computed_values():
    # One positive with p=0.8, one negative with p=0.3, w0=2, w1=5:
    # L = (-5 log 0.8 - 2 log 0.7) / 2
    expected = (-5 * math.log(0.8) - 2 * math.log(0.7)) / 2
    assert weighted_bce([1, 0], [0.8, 0.3], w0=2, w1=5) == pytest.approx(expected)
    assert weighted_bce([1, 0], [0.8, 0.3], w0=2, w1=5, reduction="sum") == pytest.approx(
        2 * expected
    )
    np.testing.assert_allclose(
        weighted_bce([1, 0], [0.8, 0.3], w0=2, w1=5, reduction="none"),
        [-5 * math.log(0.8), -2 * math.log(0.7)],
    )


def test_mean_divides_by_number_of_samples_not_weights():
    # PyTorch BCELoss(weight=...) convention from DESIGN.md
    y = np.array([1, 0, 0, 0])
    p = np.full(4, 0.5)
    assert weighted_bce(y, p, w0=1, w1=10) == pytest.approx(13 * math.log(2) / 4)


@given(labelled())
def test_unit_weights_equal_plain_bce(data):
    y, p = data
    plain = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert weighted_bce(y, p) == pytest.approx(plain, rel=1e-12)


@given(labelled(), weights, weights, st.floats(1e-3, 1e3))
def test_scaling_both_weights_scales_loss(data, w0, w1, c):
    y, p = data
    base = weighted_bce(y, p, w0=w0, w1=w1)
    assert weighted_bce(y, p, w0=c * w0, w1=c * w1) == pytest.approx(c * base, rel=1e-9)


@given(labelled(), weights, weights)
def test_logits_version_matches_probability_version(data, w0, w1):
    y, p = data
    z = np.log(p) - np.log1p(-p)
    assert weighted_bce_with_logits(y, z, w0=w0, w1=w1) == pytest.approx(
        weighted_bce(y, p, w0=w0, w1=w1), rel=1e-7
    )


def test_logits_stable_up_to_1e3():
    y = np.array([1, 0, 1, 0])
    z = np.array([1e3, -1e3, -1e3, 1e3])
    losses = weighted_bce_with_logits(y, z, reduction="none")
    np.testing.assert_allclose(losses, [0.0, 0.0, 1e3, 1e3], atol=1e-12)
    assert np.all(np.isfinite(losses))


def test_probability_zero_is_clamped_not_infinite():
    loss = weighted_bce([1, 0], [0.0, 1.0], reduction="none")
    np.testing.assert_allclose(loss, [100.0, 100.0])
    # the unused log never produces NaN
    assert weighted_bce([0, 1], [0.0, 1.0]) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"p": [0.5, np.nan]}, "finite"),
        ({"p": [0.5, 1.5]}, "between 0 and 1"),
        ({"p": [0.5]}, "same number of samples"),
        ({"w0": -1.0}, "`w0` must be >= 0"),
        ({"w1": np.inf}, "`w1` must be a finite number"),
        ({"w1": np.nan}, "`w1` must be a finite number"),
        ({"w0": 0.0, "w1": 0.0}, "At least one"),
        ({"reduction": "avg"}, "`reduction`"),
        ({"y_true": [2, 0]}, "labels between 0 and 1"),
    ],
)
def test_bad_input_raises_clear_value_error(kwargs, message):
    args = {"y_true": [1, 0], "p": [0.5, 0.5]} | kwargs
    with pytest.raises(ValueError, match=message):
        weighted_bce(args.pop("y_true"), args.pop("p"), **args)


def test_logits_reject_nan():
    with pytest.raises(ValueError, match="finite"):
        weighted_bce_with_logits([1], [np.nan])


@given(arrays(np.float64, st.integers(1, 30), elements=st.floats(-700, 700)))
def test_softplus_and_sigmoid(z):
    np.testing.assert_allclose(softplus(z) - softplus(-z), z, atol=1e-9)
    s = sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))


@given(st.floats(1e-9, 1 - 1e-9))
def test_logit_inverts_sigmoid(p):
    assert sigmoid(logit(p)) == pytest.approx(p, rel=1e-9)


@settings(deadline=None)
@given(st.floats(-1e3, 1e3))
def test_single_sample_logit_loss_is_finite(z):
    assert math.isfinite(weighted_bce_with_logits([1], [z]))
