import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.utils.class_weight import compute_class_weight

from lib.data import long_tail_counts
from lib.weights import (
    SCHEMES,
    class_weights,
    effective_number,
    multilabel_sample_weights,
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
