import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.utils.class_weight import compute_class_weight

from lib.weights import SCHEMES, class_weights

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


@pytest.mark.parametrize(("y", "kwargs", "message"), [
    ([], {}, "non-empty"),
    ([0.5, 1.0], {}, "integer"),
    ([0, 1], {"scheme": "magic"}, "`scheme`"),
    ([0, 1], {"scheme": "ens", "beta": 1.0}, "`beta` must be < 1"),
    ([0, 1], {"scheme": "ens", "beta": -0.1}, "`beta` must be >= 0"),
    (["a", "b"], {}, "integer"),
])
def test_bad_input(y, kwargs, message):
    with pytest.raises(ValueError, match=message):
        class_weights(np.asarray(y), **kwargs)


def test_all_schemes_listed():
    assert set(SCHEMES) == {"balanced", "ins", "isns", "ens"}
