import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.utils.class_weight import compute_class_weight

from lib.data import long_tail_counts
from lib.weights import (
    SCHEMES,
    class_weights,
    effective_number,
    multilabel_sample_weights,
    recency_weights,
    sample_weights,
    weights_from_counts,
)

labels = arrays(np.int64, st.integers(1, 300), elements=st.integers(0, 6))


@given(labels)
def test_balanced_equals_sklearn(y):
    classes = np.unique(y)
    expected = compute_class_weight("balanced", classes=classes, y=y)
    got = class_weights(y, "balanced")
    assert list(got) == classes.tolist()
    np.testing.assert_allclose(list(got.values()), expected, rtol=1e-12)


@given(labels)
def test_balanced_weights_total_n(y):
    w = class_weights(y)
    counts = {c: int(np.sum(y == c)) for c in w}
    assert sum(counts[c] * w[c] for c in w) == pytest.approx(len(y))


@given(labels, st.sampled_from(["ins", "isns", "ens"]), st.floats(0.0, 0.9999))
def test_normalised_schemes_sum_to_k(y, scheme, beta):
    w = class_weights(y, scheme, beta=beta)
    assert sum(w.values()) == pytest.approx(len(np.unique(y)))
    assert all(v > 0 for v in w.values())


def test_hand_values():
    y = np.array([0] * 9 + [1])
    assert class_weights(y) == pytest.approx({0: 10 / 18, 1: 10 / 2})
    # ins: 1/9 and 1/1 normalised to sum 2
    assert class_weights(y, "ins") == pytest.approx({0: 0.2, 1: 1.8})
    # isns: 1/3 and 1 normalised to sum 2
    assert class_weights(y, "isns") == pytest.approx({0: 0.5, 1: 1.5})


def test_ens_limits():
    y = np.array([0] * 500 + [1] * 5 + [2] * 50)
    ins = class_weights(y, "ins")
    near_one = class_weights(y, "ens", beta=1 - 1e-9)
    assert near_one == pytest.approx(ins, rel=1e-4)
    uniform = class_weights(y, "ens", beta=0.0)
    assert uniform == pytest.approx({0: 1.0, 1: 1.0, 2: 1.0})


@pytest.mark.parametrize(
    ("y", "kwargs", "message"),
    [
        ([], {}, "non-empty"),
        ([0.5, 1.0], {}, "integer"),
        ([0, 1], {"scheme": "magic"}, "`scheme`"),
        ([0, 1], {"scheme": "ens", "beta": 1.0}, "`beta` must be < 1"),
        ([0, 1], {"scheme": "ens", "beta": -0.1}, "`beta` must be >= 0"),
        (["a", "b"], {}, "integer"),
    ],
)
def test_bad_input(y, kwargs, message):
    with pytest.raises(ValueError, match=message):
        class_weights(np.asarray(y), **kwargs)


def test_all_schemes_listed():
    assert set(SCHEMES) == {"balanced", "ins", "isns", "ens"}


# ------------------------------------------------------------ claims of the schemes page
def test_multilabel_sample_weights_sum_the_weights_of_a_samples_labels():
    """cb.batch_text: the source's method looks each sample's weight up, summing over labels."""
    Y = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1]])
    w = weights_from_counts(Y.sum(axis=0), "ins")
    np.testing.assert_allclose(
        multilabel_sample_weights(Y, w), [w[0], w[0] + w[1], w[2], w[1] + w[2]]
    )
    y = np.array([0, 2, 1, 0, 0])  # one label per row: a plain look-up
    np.testing.assert_allclose(
        multilabel_sample_weights(np.eye(3)[y], w), sample_weights(y, dict(enumerate(w)))
    )
    for args, message in [
        ((Y * 2, w), "0/1"),
        ((Y, w[:2]), "one weight per column"),
        ((Y, -w), ">= 0"),
    ]:
        with pytest.raises(ValueError, match=message):
            multilabel_sample_weights(*args)


@pytest.mark.parametrize(("head", "tail"), [(2000, 200), (500, 1000), (50_000, 10), (5000, 100)])
def test_ins_ratio_is_the_count_ratio_and_every_class_gets_the_same_total(head, tail):
    """schemes.look_for: n_head / n_tail times the weight, equal totals; ISNS the square root."""
    counts = long_tail_counts(head, tail)
    ins = weights_from_counts(counts, "ins")
    assert ins[-1] / ins[0] == pytest.approx(counts[0] / counts[-1])
    np.testing.assert_allclose(counts * ins, (counts * ins)[0])
    isns = weights_from_counts(counts, "isns")
    assert isns[-1] / isns[0] == pytest.approx(np.sqrt(ins[-1] / ins[0]))
    if (head, tail) == (2000, 200):
        assert counts[-1] == 10 and ins[-1] / ins[0] == pytest.approx(200)


@pytest.mark.parametrize("beta", [0.9, 0.99, 0.999, 0.9999])
def test_effective_number_saturates(beta):
    """schemes.beta_text, cb.beta_help, lesson.schemes.explain."""
    n = np.arange(1, 200_001)
    e = effective_number(n, beta=beta)
    cap = 1.0 / (1.0 - beta)
    assert np.all(e <= cap * (1 + 1e-12))  # no class counts more than 1/(1 - beta)
    np.testing.assert_allclose(np.diff(e)[:50], beta ** n[:50], rtol=1e-9)  # n-th adds beta^(n-1)
    at_cap = effective_number([round(cap)], beta=beta)[0] / cap
    assert 0.63 <= at_cap <= 0.66  # about 63 % when beta is close to 1
    if beta == 0.999:  # the lesson: "no class is worth more than 1,000"
        assert e.max() < 1000


@pytest.mark.parametrize("head", [500, 2000, 50_000])
@pytest.mark.parametrize("tail", [10, 200, 1000])
def test_small_beta_gives_nearly_uniform_weights(head, tail):
    """schemes.look_for (beta = 0.9) and schemes.beta_text (small beta)."""
    counts = long_tail_counts(head, tail)
    e = effective_number(counts, beta=0.9)
    big = counts >= 30
    assert np.all((e[big] >= 9.5) & (e[big] <= 10.0 * (1 + 1e-12)))
    w = weights_from_counts(counts, "ens", beta=0.9)
    if big.sum() > 1:
        assert w[big].max() / w[big].min() < 1.05
    w_half = weights_from_counts(counts, "ens", beta=0.5)
    few = counts >= 7
    if few.sum() > 1:
        assert w_half[few].max() / w_half[few].min() < 1.01
    np.testing.assert_allclose(weights_from_counts(counts, "ens", beta=0.0), 1.0)


def test_ens_at_0_9999_is_close_to_ins_only_while_the_head_is_well_under_10000():
    """schemes.look_for; cb.look_for (heads up to 5,000: within 25 % of INS's tail:head ratio)."""

    def closeness(head, tail):
        counts = long_tail_counts(head, tail)
        ens = weights_from_counts(counts, "ens", beta=0.9999)
        ins = weights_from_counts(counts, "ins")
        return (ens[-1] / ens[0]) / (ins[-1] / ins[0])

    for tail in (10, 100, 1000):
        assert closeness(2000, tail) > 0.9
        assert closeness(50_000, tail) < 0.3
        for head in (200, 500, 1000, 2000, 5000):  # the class-balanced page's head sizes
            assert closeness(head, tail) > 0.75


#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None)


betas = st.floats(0.0, 0.9999)
class_counts = st.integers(2, 5).flatmap(
    lambda k: arrays(np.int64, k, elements=st.integers(1, 5000))
)


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


sample_labels = arrays(np.int64, st.integers(1, 200), elements=st.integers(0, 5))


@DET
@given(sample_labels, st.floats(0.0, 10.0))
def test_sample_weights_mapping_is_keras_idiom(y, weight):
    w = np.ones(len(y))
    w[y == 3] = weight
    np.testing.assert_array_equal(sample_weights(y, {3: weight}), w)


def test_sample_weights_keras_example():
    y = np.array([0, 3, 1, 3, 2])
    np.testing.assert_array_equal(sample_weights(y, {3: 1.5}), [1.0, 1.5, 1.0, 1.5, 1.0])
    np.testing.assert_array_equal(sample_weights(y), np.ones(5))


@DET
@given(sample_labels, st.sampled_from(["balanced", "ins", "isns", "ens"]))
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
