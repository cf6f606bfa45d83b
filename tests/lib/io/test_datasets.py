from collections import Counter

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_digits

from lib.io import MIN_MINORITY, REAL_DATASETS, load_real


def original(name):
    """The full data set from scikit-learn, with the app's class 1."""
    if name == "breast_cancer":
        data = load_breast_cancer()
        return data.data, (data.target == 0).astype(int)  # malignant is sklearn's 0
    data = load_digits()
    return data.data, (data.target == 8).astype(int)


ORIGINAL = {name: original(name) for name in ("breast_cancer", "digits")}
N_MAJORITY = {"breast_cancer": 357, "digits": 1623}
N_MINORITY = {"breast_cancer": 212, "digits": 174}
CASES = [
    ("breast_cancer", 10),
    ("breast_cancer", 50),
    ("digits", 10),
    ("digits", 50),
    ("digits", 200),
]


def rows(X):
    return Counter(map(bytes, np.ascontiguousarray(X, dtype=np.float64)))


def test_the_original_class_counts_are_as_documented():
    for name, (_, y) in ORIGINAL.items():
        assert int(np.sum(y == 0)) == N_MAJORITY[name]
        assert int(np.sum(y == 1)) == N_MINORITY[name]


@pytest.mark.parametrize("name, ratio", CASES)
def test_load_real_keeps_every_majority_row_and_draws_the_minority(name, ratio):
    X, y = load_real(name, ratio, random_state=0)
    X0, y0 = ORIGINAL[name]
    n0 = N_MAJORITY[name]
    assert X.dtype == np.float64 and X.shape[1] == X0.shape[1]
    assert np.issubdtype(y.dtype, np.integer)
    assert set(np.unique(y)) == {0, 1}
    assert len(X) == len(y)
    assert int(np.sum(y == 0)) == n0
    assert int(np.sum(y == 1)) == max(MIN_MINORITY, round(n0 / ratio))
    # Every majority row, unchanged and in the original order.
    np.testing.assert_array_equal(X[y == 0], X0[y0 == 0])
    # The minority rows are distinct rows of the original minority class.
    drawn, available = rows(X[y == 1]), rows(X0[y0 == 1])
    assert all(available[row] >= count for row, count in drawn.items())
    # The achieved imbalance is the requested one up to rounding.
    assert n0 / np.sum(y == 1) == pytest.approx(ratio, rel=0.1)


@pytest.mark.parametrize("name, ratio", CASES)
def test_load_real_keeps_the_original_row_order(name, ratio):
    X, y = load_real(name, ratio, random_state=3)
    X0, y0 = ORIGINAL[name]
    index = {}
    for i, row in enumerate(np.ascontiguousarray(X0)):
        index.setdefault(bytes(row), []).append(i)
    positions = []
    for row, label in zip(np.ascontiguousarray(X), y, strict=True):
        matches = [i for i in index[bytes(row)] if y0[i] == label]
        assert matches, "a returned row is not in the original data with that label"
        positions.append(matches[0])
    assert np.all(np.diff(positions) >= 0)


def test_the_expected_minority_counts():
    counts = {(name, ratio): int(np.sum(load_real(name, ratio)[1] == 1)) for name, ratio in CASES}
    assert counts == {
        ("breast_cancer", 10): 36,
        ("breast_cancer", 50): 7,
        ("digits", 10): 162,
        ("digits", 50): 32,
        ("digits", 200): 8,
    }


@pytest.mark.parametrize("name, ratio", CASES)
def test_load_real_is_reproducible_and_seeded(name, ratio):
    Xa, ya = load_real(name, ratio, random_state=7)
    Xb, yb = load_real(name, ratio, random_state=7)
    np.testing.assert_array_equal(Xa, Xb)
    np.testing.assert_array_equal(ya, yb)
    Xc, yc = load_real(name, ratio, random_state=8)
    assert int(np.sum(yc == 1)) == int(np.sum(ya == 1))
    assert rows(Xa[ya == 1]) != rows(Xc[yc == 1])
    # The majority class never depends on the seed.
    np.testing.assert_array_equal(Xa[ya == 0], Xc[yc == 0])


def test_the_default_seed_is_zero():
    X, y = load_real("breast_cancer", 10)
    X0, y0 = load_real("breast_cancer", 10, random_state=0)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_every_offered_ratio_loads():
    assert set(REAL_DATASETS) == {"breast_cancer", "digits"}
    for name, spec in REAL_DATASETS.items():
        assert spec.name == name
        assert spec.ratios, f"{name} offers no ratio"
        for ratio in spec.ratios:
            X, y = load_real(name, ratio)
            assert int(np.sum(y == 1)) >= MIN_MINORITY
            assert int(np.sum(y == 0)) == N_MAJORITY[name]
            assert len(X) == len(y)


def test_loaders_return_the_full_data():
    for name, spec in REAL_DATASETS.items():
        X, y = spec.load()
        X0, y0 = ORIGINAL[name]
        np.testing.assert_array_equal(X, X0)
        np.testing.assert_array_equal(y, y0)


def test_a_float_ratio_and_the_extreme_reachable_ratios_work():
    X, y = load_real("breast_cancer", 12.5)
    assert int(np.sum(y == 1)) == round(357 / 12.5)
    # The smallest ratio the message suggests is reachable: 1:2 needs 178 of 212.
    _, y = load_real("breast_cancer", 2)
    assert int(np.sum(y == 1)) == round(357 / 2)
    # The largest it suggests: 1:71 keeps exactly five minority rows.
    _, y = load_real("breast_cancer", 71)
    assert int(np.sum(y == 1)) == MIN_MINORITY
    _, y = load_real("digits", 10)
    assert int(np.sum(y == 1)) == 162


@pytest.mark.parametrize(
    "name, ratio, match",
    [
        ("iris", 10, "`name` must be one of breast_cancer, digits"),
        ("", 10, "`name` must be one of"),
        ("digits", 0.5, "`ratio` must be >= 1"),
        ("digits", -3, "`ratio` must be >= 1"),
        ("digits", float("nan"), "`ratio` must be a finite number"),
        ("digits", float("inf"), "`ratio` must be a finite number"),
        ("digits", "ten", "`ratio` must be a number"),
        # 1:1 would need 357 malignant rows; there are 212.
        ("breast_cancer", 1, r"only 212 minority rows.*needs 357.*at least 2"),
        ("breast_cancer", 1.5, r"only 212 minority rows.*at least 2"),
        ("digits", 1, r"only 174 minority rows.*needs 1623.*at least 10"),
        ("digits", 5, r"only 174 minority rows.*at least 10"),
        # 1:1000 would leave fewer than five minority rows.
        ("breast_cancer", 1000, r"357 majority rows.*fewer than 5 minority rows.*at most 71"),
        ("digits", 10_000, r"1623 majority rows.*fewer than 5 minority rows.*at most 324"),
    ],
)
def test_load_real_refuses_with_a_useful_message(name, ratio, match):
    with pytest.raises(ValueError, match=match):
        load_real(name, ratio)


@pytest.mark.parametrize("seed", [-1, 1.5, "0"])
def test_load_real_refuses_bad_seeds(seed):
    with pytest.raises(ValueError, match="random_state"):
        load_real("digits", 10, random_state=seed)


@pytest.mark.parametrize("name, ratio", [("breast_cancer", 100), ("digits", 450)])
def test_ratios_beyond_the_advertised_maximum_are_refused(name, ratio):
    with pytest.raises(ValueError, match="at most"):
        load_real(name, ratio)
