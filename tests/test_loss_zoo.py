"""Focal-loss gradient, softmax / class-balanced losses and the weight helpers."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lib.losses import (
    cb_focal_loss,
    cb_sigmoid_cross_entropy,
    cb_softmax_cross_entropy,
    focal_loss,
    focal_loss_grad,
    sigmoid,
    softmax_cross_entropy,
    weighted_bce_with_logits,
)
from lib.weights import (
    class_weights,
    effective_number,
    recency_weights,
    sample_weights,
    weights_from_counts,
)

#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None)

gammas = st.floats(0.0, 5.0)
alphas = st.one_of(st.none(), st.floats(0.0, 1.0))
betas = st.floats(0.0, 0.9999)
class_counts = st.integers(2, 5).flatmap(
    lambda k: arrays(np.int64, k, elements=st.integers(1, 5000))
)


def binary_logits(z_max=8.0, n_max=20):
    return st.integers(1, n_max).flatmap(
        lambda n: st.tuples(
            arrays(np.int64, n, elements=st.integers(0, 1)),
            arrays(np.float64, n, elements=st.floats(-z_max, z_max)),
        )
    )


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


# --------------------------------------------------------------------------- lib.weights


def test_effective_number_hand_values():
    # (1 - 0.5**n) / (1 - 0.5) for n = 0, 1, 2, 3
    np.testing.assert_allclose(
        effective_number([0, 1, 2, 3], beta=0.5), [0.0, 1.0, 1.5, 1.75], rtol=1e-14
    )
    # beta = 0.9, n = 10: (1 - 0.9**10) / 0.1
    assert effective_number([10], beta=0.9)[0] == pytest.approx((1 - 0.9**10) / 0.1, rel=1e-13)
    np.testing.assert_array_equal(
        effective_number([0, 1, 7, 10_000], beta=0.0), [0.0, 1.0, 1.0, 1.0]
    )


@DET
@given(arrays(np.int64, st.integers(1, 10), elements=st.integers(1, 10_000)))
def test_effective_number_tends_to_n_as_beta_to_one(counts):
    np.testing.assert_allclose(effective_number(counts, beta=1 - 1e-10), counts, rtol=1e-5)


@DET
@given(arrays(np.int64, st.integers(1, 10), elements=st.integers(0, 10**7)), betas)
def test_effective_number_saturates_below_one_over_one_minus_beta(counts, beta):
    e = effective_number(counts, beta=beta)
    assert np.all(e >= 0)
    assert np.all(e <= counts)
    assert np.all(e <= (1 + 1e-12) / (1 - beta))
    # strictly below the bound while beta**n is representable
    small = (counts > 0) & (counts * -math.log(max(beta, 1e-300)) < 30)
    assert np.all(e[small] < 1 / (1 - beta))
    # more samples never lower the effective number
    order = np.argsort(counts, kind="stable")
    assert np.all(np.diff(e[order]) >= -1e-9 * e[order][1:])


@DET
@given(class_counts, st.sampled_from(["ins", "isns", "ens"]), betas)
def test_weights_from_counts_normalised_schemes_sum_to_k(counts, scheme, beta):
    w = weights_from_counts(counts, scheme, beta=beta)
    assert w.sum() == pytest.approx(len(counts), rel=1e-12)
    assert np.all(w > 0)


@DET
@given(class_counts)
def test_weights_from_counts_balanced_totals_n(counts):
    w = weights_from_counts(counts, "balanced")
    assert float(np.sum(counts * w)) == pytest.approx(counts.sum(), rel=1e-12)
    np.testing.assert_allclose(w, counts.sum() / (len(counts) * counts), rtol=1e-14)


@pytest.mark.parametrize(
    ("counts", "kwargs", "message"),
    [
        ([3, 0], {}, "> 0"),
        ([3, 1], {"scheme": "magic"}, "`scheme`"),
        ([3, 1], {"scheme": "ens", "beta": 1.0}, "`beta` must be < 1"),
    ],
)
def test_weights_from_counts_bad_input(counts, kwargs, message):
    with pytest.raises(ValueError, match=message):
        weights_from_counts(counts, **kwargs)


labels = arrays(np.int64, st.integers(1, 200), elements=st.integers(0, 5))


@DET
@given(labels, st.floats(0.0, 10.0))
def test_sample_weights_mapping_is_keras_idiom(y, weight):
    w = np.ones(len(y))
    w[y == 3] = weight
    np.testing.assert_array_equal(sample_weights(y, {3: weight}), w)


def test_sample_weights_keras_example():
    y = np.array([0, 3, 1, 3, 2])
    np.testing.assert_array_equal(sample_weights(y, {3: 1.5}), [1.0, 1.5, 1.0, 1.5, 1.0])
    np.testing.assert_array_equal(sample_weights(y), np.ones(5))


@DET
@given(labels, st.sampled_from(["balanced", "ins", "isns", "ens"]))
def test_sample_weights_scheme_maps_class_weights(y, scheme):
    cw = class_weights(y, scheme)
    np.testing.assert_array_equal(sample_weights(y, scheme), [cw[int(c)] for c in y])


def test_sample_weights_rejects_negative_weight():
    with pytest.raises(ValueError, match=r"class_weight\[1\]"):
        sample_weights([0, 1], {1: -1.0})


@pytest.mark.parametrize("h", [0.5, 1.0, 7.0, 365.0])
def test_recency_weights_half_lives(h):
    np.testing.assert_allclose(
        recency_weights([0.0, h, 2 * h, 3 * h], half_life=h), [1.0, 0.5, 0.25, 0.125], rtol=1e-15
    )


@DET
@given(arrays(np.float64, st.integers(2, 50), elements=st.floats(0.0, 100.0)), st.floats(0.1, 1e3))
def test_recency_weights_monotone_decreasing(age, h):
    # age / h <= 1000 keeps 2**(-age / h) a normal float
    order = np.argsort(age)
    w = recency_weights(age, half_life=h)[order]
    assert np.all((w > 0) & (w <= 1))
    assert np.all(np.diff(w) <= 0)
    a = age[order]
    strictly = np.diff(a) > 1e-6 * h
    assert np.all(np.diff(w)[strictly] < 0)


@pytest.mark.parametrize(
    ("age", "h", "message"),
    [
        ([0.0, -1.0], 1.0, "`age` must be >= 0"),
        ([0.0, 1.0], 0.0, "`half_life` must be > 0"),
        ([0.0, 1.0], -2.0, "`half_life` must be > 0"),
        ([0.0, np.nan], 1.0, "finite"),
        ([0.0, 1.0], np.inf, "`half_life` must be a finite number"),
    ],
)
def test_recency_weights_bad_input(age, h, message):
    with pytest.raises(ValueError, match=message):
        recency_weights(age, half_life=h)


def test_recency_weights_never_zero():
    assert np.all(recency_weights([0.0, 2000.0], half_life=1.0) > 0)
