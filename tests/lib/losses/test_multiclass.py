"""lib.losses.multiclass: softmax cross-entropy, the class-balanced losses and the
softmax focal loss with its gradient, as the trainer uses them."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lib.i18n import LabError
from lib.losses import (
    cb_focal_loss,
    cb_sigmoid_cross_entropy,
    cb_softmax_cross_entropy,
    softmax_cross_entropy,
    softmax_focal_loss,
    softmax_focal_loss_with_grad,
    weighted_bce_with_logits,
)
from lib.weights import weights_from_counts
from tests.lib.losses.helpers import binary_logits

#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None)


betas = st.floats(0.0, 0.9999)


def multiclass(k_min=2, k_max=5, n_max=20, z_max=10.0):
    """(y, logits, counts) with labels in 0..k-1 and one positive count per class."""

    def build(shape):
        n, k = shape
        return st.tuples(
            arrays(np.int64, n, elements=st.integers(0, k - 1)),
            arrays(np.float64, (n, k), elements=st.floats(-z_max, z_max)),
            arrays(np.int64, k, elements=st.integers(1, 5000)),
        )

    return st.tuples(st.integers(1, n_max), st.integers(k_min, k_max)).flatmap(build)


def ens_weights_by_hand(counts, beta):
    raw = [(1 - beta) / (1 - beta**n) for n in counts]
    return [w * len(counts) / sum(raw) for w in raw]


def log_sigmoid(z):
    return -math.log1p(math.exp(-z))


# --------------------------------------------------------------------------- softmax CE


@DET
@given(binary_logits(z_max=20.0), st.floats(0.0, 100.0), st.floats(0.0, 100.0))
def test_two_class_softmax_equals_weighted_bce_with_logits(data, c0, c1):
    y, z1 = data
    rng = np.random.default_rng(len(y))
    z0 = rng.uniform(-5, 5, size=len(y))
    logits = np.column_stack([z0, z1])
    cw = [c0, c1]
    for reduction in ("mean", "sum", "none"):
        got = softmax_cross_entropy(y, logits, class_weight=cw, reduction=reduction)
        if c0 == 0 and c1 == 0:
            np.testing.assert_allclose(got, 0.0)
            continue
        expected = weighted_bce_with_logits(y, z1 - z0, w0=c0, w1=c1, reduction=reduction)
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_softmax_cross_entropy_three_class_hand_value():
    logits = [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5]]
    y = [0, 1, 2]
    cw = [2.0, 1.0, 0.5]
    log_z0 = math.log(math.e + math.e**2 + math.e**3)
    expected = [
        -2.0 * (1.0 - log_z0),
        -1.0 * math.log(1 / 3),
        -0.5 * (0.5 - math.log(math.exp(2) + math.exp(-1) + math.exp(0.5))),
    ]
    np.testing.assert_allclose(
        softmax_cross_entropy(y, logits, class_weight=cw, reduction="none"), expected, rtol=1e-12
    )
    assert softmax_cross_entropy(y, logits, class_weight=cw) == pytest.approx(sum(expected) / 3)
    assert softmax_cross_entropy(y, logits, class_weight=cw, reduction="sum") == pytest.approx(
        sum(expected)
    )


@DET
@given(multiclass())
def test_softmax_class_weight_none_equals_ones(data):
    y, z, _ = data
    k = z.shape[1]
    np.testing.assert_array_equal(
        softmax_cross_entropy(y, z, reduction="none"),
        softmax_cross_entropy(y, z, class_weight=np.ones(k), reduction="none"),
    )


@pytest.mark.parametrize(
    ("y", "logits", "kwargs", "message"),
    [
        ([0, 3], [[0.0, 1.0, 2.0], [1.0, 0.0, 0.0]], {}, "class indices 0..2"),
        ([0, -1], [[0.0, 1.0], [1.0, 0.0]], {}, "class indices 0..1"),
        ([0, 0.5], [[0.0, 1.0], [1.0, 0.0]], {}, "class indices"),
        ([0, 1], [[0.0, 1.0], [1.0, 0.0]], {"class_weight": [1.0, 2.0, 3.0]}, "2 weights"),
        ([0, 1], [[0.0, 1.0], [1.0, 0.0]], {"class_weight": [1.0, -2.0]}, ">= 0"),
        ([0, 1], [0.0, 1.0], {}, "2-D"),
        ([0, 0], [[0.0], [1.0]], {}, "at least 2"),
        ([0, 1, 0], [[0.0, 1.0], [1.0, 0.0]], {}, "same number of samples"),
        ([0, 1], [[0.0, np.nan], [1.0, 0.0]], {}, "finite"),
        ([0, 1], [[0.0, 1.0], [1.0, 0.0]], {"reduction": "avg"}, "`reduction`"),
    ],
)
def test_softmax_cross_entropy_bad_input(y, logits, kwargs, message):
    with pytest.raises(ValueError, match=message):
        softmax_cross_entropy(y, logits, **kwargs)


# --------------------------------------------------------------------------- class-balanced


@DET
@given(multiclass())
def test_cb_softmax_beta_zero_is_plain_softmax(data):
    y, z, counts = data
    for reduction in ("mean", "none"):
        np.testing.assert_allclose(
            cb_softmax_cross_entropy(y, z, counts=counts, beta=0.0, reduction=reduction),
            softmax_cross_entropy(y, z, reduction=reduction),
            rtol=1e-12,
            atol=0,
        )


@DET
@given(st.integers(2, 6).flatmap(lambda k: arrays(np.int64, k, elements=st.integers(1, 1000))))
def test_cb_softmax_beta_near_one_approaches_ins(counts):
    k = len(counts)
    y = np.arange(k)  # one sample per class
    z = np.random.default_rng(k).normal(size=(k, k))
    cb = cb_softmax_cross_entropy(y, z, counts=counts, beta=1 - 1e-9, reduction="none")
    plain = softmax_cross_entropy(y, z, reduction="none")
    np.testing.assert_allclose(cb / plain, weights_from_counts(counts, "ins"), rtol=1e-5)


def test_cb_sigmoid_hand_value():
    counts = [10, 3, 1]
    beta = 0.9
    w = ens_weights_by_hand(counts, beta)
    assert sum(w) == pytest.approx(3.0)
    y = [0, 2]
    logits = [[1.0, -0.5, 2.0], [0.3, -1.2, 0.7]]
    expected = []
    for label, row in zip(y, logits, strict=True):
        total = 0.0
        for j, z in enumerate(row):
            z_t = z if j == label else -z
            total += -log_sigmoid(z_t)
        expected.append(w[label] * total)
    got = cb_sigmoid_cross_entropy(y, logits, counts=counts, beta=beta, reduction="none")
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert cb_sigmoid_cross_entropy(y, logits, counts=counts, beta=beta) == pytest.approx(
        sum(expected) / 2, rel=1e-12
    )
    # The same weights through the library's ENS scheme.
    np.testing.assert_allclose(weights_from_counts(counts, "ens", beta=beta), w, rtol=1e-12)


def test_cb_focal_hand_value():
    counts = [4, 1]
    beta = 0.5
    w = ens_weights_by_hand(counts, beta)
    y, logits, gamma = [1], [[0.4, -0.2]], 2.0
    total = 0.0
    for z_t in (-0.4, -0.2):  # class 0 is wrong, class 1 is right
        p_t = 1 / (1 + math.exp(-z_t))
        total += -((1 - p_t) ** gamma) * math.log(p_t)
    got = cb_focal_loss(y, logits, counts=counts, beta=beta, gamma=gamma)
    assert got == pytest.approx(w[1] * total, rel=1e-12)


@settings(DET, max_examples=200)
@given(multiclass(z_max=30.0), betas, st.floats(0.0, 5.0, exclude_min=True))
def test_cb_focal_at_most_cb_sigmoid(data, beta, gamma):
    y, z, counts = data
    sig = cb_sigmoid_cross_entropy(y, z, counts=counts, beta=beta, reduction="none")
    foc = cb_focal_loss(y, z, counts=counts, beta=beta, gamma=gamma, reduction="none")
    assert np.all(foc >= 0)
    assert np.all(foc <= sig * (1 + 1e-12))
    zero = cb_focal_loss(y, z, counts=counts, beta=beta, gamma=0.0, reduction="none")
    np.testing.assert_array_equal(zero, sig)


@pytest.mark.parametrize(
    "loss", [cb_softmax_cross_entropy, cb_sigmoid_cross_entropy, cb_focal_loss]
)
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"counts": [5, 1]}, "one count per class"),
        ({"counts": [5, 0, 1]}, "> 0"),
        ({"counts": [5, 2, 1], "beta": 1.0}, "`beta` must be < 1"),
        ({"y_true": [0, 3]}, "class indices"),
    ],
)
def test_cb_losses_bad_input(loss, kwargs, message):
    args = {
        "y_true": [0, 2],
        "logits": [[0.0, 1.0, 2.0], [1.0, 0.0, 0.0]],
        "counts": [5, 2, 1],
    } | kwargs
    with pytest.raises(ValueError, match=message):
        loss(args.pop("y_true"), args.pop("logits"), **args)


def test_cb_softmax_one_d_logits_message_names_logits():
    with pytest.raises(ValueError, match="logits"):
        cb_softmax_cross_entropy([0, 1], [0.0, 1.0], counts=[1, 2])


def logits(seed, n=20, k=4, scale=3.0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, k, size=n), scale * rng.standard_normal((n, k))


@DET
@given(st.integers(0, 10**6), st.floats(0.0, 5.0))
def test_the_gradient_is_the_derivative_of_the_loss(seed, gamma):
    y, z = logits(seed)
    losses, grad = softmax_focal_loss_with_grad(y, z, gamma=gamma)
    np.testing.assert_array_equal(losses, softmax_focal_loss(y, z, gamma=gamma, reduction="none"))
    h = 1e-6
    for j in range(z.shape[1]):
        step = np.zeros_like(z)
        step[:, j] = h
        plus = softmax_focal_loss(y, z + step, gamma=gamma, reduction="none")
        minus = softmax_focal_loss(y, z - step, gamma=gamma, reduction="none")
        np.testing.assert_allclose(grad[:, j], (plus - minus) / (2 * h), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gamma_zero_is_softmax_cross_entropy(seed):
    y, z = logits(seed)
    w = np.array([0.5, 1.0, 2.0, 4.0])
    for reduction in ("mean", "sum", "none"):
        np.testing.assert_array_equal(
            softmax_focal_loss(y, z, gamma=0.0, class_weight=w, reduction=reduction),
            softmax_cross_entropy(y, z, class_weight=w, reduction=reduction),
        )


def test_hand_values_and_class_weights():
    # z = (0, log 3): p = (1/4, 3/4); true class 0.
    z = np.array([[0.0, math.log(3.0)]])
    assert softmax_focal_loss([0], z, gamma=2.0) == pytest.approx(0.75**2 * math.log(4.0))
    assert softmax_focal_loss([0], z, gamma=2.0, class_weight=[3.0, 1.0]) == pytest.approx(
        3.0 * 0.75**2 * math.log(4.0)
    )
    _, grad = softmax_focal_loss_with_grad([0], z, gamma=0.0)
    np.testing.assert_allclose(grad, [[0.25 - 1.0, 0.75]])


def test_confident_predictions_stay_finite():
    y = np.array([0, 1])
    z = np.array([[60.0, 0.0], [0.0, 60.0]])
    losses, grad = softmax_focal_loss_with_grad(y, z, gamma=0.5)
    assert np.all(np.isfinite(losses)) and np.all(np.isfinite(grad))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"gamma": -1.0}, "`gamma` must be >= 0"),
        ({"y_true": [0, 5]}, r"class indices 0\.\.2"),
        ({"logits": [[0.0], [1.0]]}, "one column per class"),
        ({"class_weight": [1.0, -1.0, 1.0]}, "`class_weight` must hold 3 weights >= 0"),
        ({"reduction": "avg"}, "`reduction`"),
    ],
)
def test_bad_input_raises_a_lab_error(kwargs, message):
    args = {"y_true": [0, 2], "logits": [[0.0, 1.0, 2.0], [1.0, 0.0, 0.0]]} | kwargs
    with pytest.raises(LabError, match=message):
        softmax_focal_loss(args.pop("y_true"), args.pop("logits"), **args)
