import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import display_subsample, make_imbalanced, minority_count, plot_extent, project_1d


@settings(deadline=None)
@given(st.integers(2, 5000), st.floats(1, 10_000), st.integers(0, 2**31))
def test_counts_follow_the_contract(n, ratio, seed):
    X, y = make_imbalanced(n, ratio, random_state=seed)
    assert X.shape == (n, 2) and y.shape == (n,)
    assert int(y.sum()) == max(1, round(n / (1 + ratio))) == minority_count(n, ratio)
    assert set(np.unique(y)) <= {0, 1}


def test_one_minority_sample_at_extreme_ratio():
    _, y = make_imbalanced(100, 10_000, random_state=0)
    assert int(y.sum()) == 1


def test_same_seed_same_data_and_separation():
    a = make_imbalanced(1000, 10, class_sep=3.0, n_features=3, random_state=7)
    b = make_imbalanced(1000, 10, class_sep=3.0, n_features=3, random_state=7)
    np.testing.assert_array_equal(a[0], b[0])
    X, y = make_imbalanced(200_000, 1, class_sep=3.0, random_state=1)
    gap = np.linalg.norm(X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0))
    assert gap == pytest.approx(3.0, abs=0.03)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"ratio": 0.5}, r"`ratio` must be >= 1. Got 0.5 instead."),
    ({"ratio": np.nan}, "finite"),
    ({"ratio": 20_000}, "<= 10000"),
    ({"n_samples": 1}, "`n_samples` must be >= 2"),
    ({"n_samples": 10.5}, "integer"),
    ({"class_sep": -1}, "`class_sep`"),
    ({"n_features": 0}, "`n_features`"),
    ({"random_state": -3}, "`random_state`"),
])
def test_bad_input(kwargs, message):
    args = {"n_samples": 100, "ratio": 10.0} | kwargs
    with pytest.raises(ValueError, match=message):
        make_imbalanced(args.pop("n_samples"), args.pop("ratio"), **args)


def test_projection_is_standardised_and_separates():
    X, y = make_imbalanced(5000, 5, class_sep=2.0, random_state=0)
    x = project_1d(X, y)
    assert x.mean() == pytest.approx(0, abs=1e-9) and x.std() == pytest.approx(1)
    assert x[y == 1].mean() > x[y == 0].mean()
    with pytest.raises(ValueError, match="both classes"):
        project_1d(X, np.zeros(len(y)))


def test_display_subsample_keeps_every_minority_point():
    _, y = make_imbalanced(50_000, 100, random_state=0)
    shown = display_subsample(y, max_points=1000)
    assert np.sum(y[shown] == 1) == np.sum(y == 1)
    assert np.sum(y[shown] == 0) == 1000
    assert len(np.unique(shown)) == len(shown)


def test_plot_extent_contains_minority():
    X, y = make_imbalanced(10_000, 1000, class_sep=5.0, random_state=0)
    (x0, x1), (y0, y1) = plot_extent(X, y)
    minority = X[y == 1]
    assert np.all((minority[:, 0] > x0) & (minority[:, 0] < x1))
    assert np.all((minority[:, 1] > y0) & (minority[:, 1] < y1))


def test_stratified_subsample_keeps_shares_or_a_minimum_per_class():
    from lib.data import stratified_subsample
    _, y = make_imbalanced(1_000_000, 10_000, random_state=0)
    rows = stratified_subsample(y, 20_000, random_state=1)
    assert len(rows) == 20_000 and len(np.unique(rows)) == 20_000
    assert int(y[rows].sum()) == 2  # 100 minority rows * 20,000 / 1,000,000
    rows = stratified_subsample(y, 20_000, random_state=1, min_per_class=60)
    assert len(rows) == 20_000 and int(y[rows].sum()) == 60
    _, y = make_imbalanced(100_000, 10, random_state=0)
    rows = stratified_subsample(y, 20_000, min_per_class=60)
    assert abs(y[rows].mean() - y.mean()) < 1e-3
    assert np.array_equal(stratified_subsample(y[:50], 100), np.arange(50))
