"""lib.data: the synthetic imbalanced data, its shapes, samples and projections."""

import functools
import hashlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import balanced_accuracy_score

from lib.bayes import true_log_odds
from lib.data import (
    MINORITY_SPREAD,
    SHAPES,
    display_subsample,
    majority_sample,
    make_imbalanced,
    minority_count,
    plot_extent,
    project_1d,
)
from lib.i18n import LabError, error_text, languages
from lib.models import fit_logistic


@settings(deadline=None)
@given(st.integers(2, 5000), st.floats(1, 10_000), st.integers(0, 2**31), st.sampled_from(SHAPES))
def test_counts_follow_the_contract(n, ratio, seed, shape):
    X, y = make_imbalanced(n, ratio, shape=shape, random_state=seed)
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


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ratio": 0.5}, r"`ratio` must be >= 1. Got 0.5 instead."),
        ({"ratio": np.nan}, "finite"),
        ({"ratio": 20_000}, "<= 10000"),
        ({"n_samples": 1}, "`n_samples` must be >= 2"),
        ({"n_samples": 10.5}, "integer"),
        ({"class_sep": -1}, "`class_sep`"),
        ({"n_features": 0}, "`n_features`"),
        ({"random_state": -3}, "`random_state`"),
    ],
)
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


# ---------------------------------------------------------------- data shapes
def _gaussian_before_shapes(n_samples, ratio, *, n_features=2, class_sep=1.0, random_state=None):
    """make_imbalanced as it was before it had shapes (commit 40112b0), written out."""
    n1 = minority_count(n_samples, ratio)
    rng = np.random.default_rng(random_state)
    direction = np.full(n_features, 1.0 / np.sqrt(n_features))
    X = rng.standard_normal((n_samples, n_features))
    y = np.zeros(n_samples, dtype=np.int64)
    y[:n1] = 1
    X += np.where(y[:, None] == 1, 0.5 * class_sep, -0.5 * class_sep) * direction
    order = rng.permutation(n_samples)
    return X[order], y[order]


def test_shapes_are_the_designed_ones():
    assert SHAPES[0] == "gaussian" and len(SHAPES) >= 3
    assert {"unequal_var", "two_clusters"} <= set(SHAPES)


@settings(deadline=None, max_examples=60)
@given(
    st.integers(2, 3000),
    st.floats(1, 10_000),
    st.integers(1, 6),
    st.floats(0, 8),
    st.integers(0, 2**31),
)
def test_gaussian_is_unchanged_bit_for_bit(n, ratio, d, sep, seed):
    expected = _gaussian_before_shapes(n, ratio, n_features=d, class_sep=sep, random_state=seed)
    for got in (
        make_imbalanced(n, ratio, n_features=d, class_sep=sep, random_state=seed),
        make_imbalanced(n, ratio, n_features=d, class_sep=sep, shape="gaussian", random_state=seed),
    ):
        np.testing.assert_array_equal(got[0], expected[0])
        np.testing.assert_array_equal(got[1], expected[1])


@pytest.mark.parametrize(
    ("args", "digest"),
    [
        ((1000, 10, 2.0, 2, 3), "6b9b86fb1a79b3fed713d594cc15376c78d16ca9df7684a7f0019c25f42fdd03"),
        (
            (20000, 1000, 2.0, 2, 0),
            "67c4ac38461ce4249b32594591693f21ca2cc7adff60e86ef52b96d7efd08d9b",
        ),
        (
            (777, 3.5, 0.7, 5, 12345),
            "d97ab96ab3f52db39338f22de5b4ac68dd4abe792a35368e3678a20df4d8a1e3",
        ),
    ],
)
def test_gaussian_matches_the_data_recorded_before_shapes(args, digest):
    # SHA-256 of X and y as the implementation of commit 40112b0 drew them.
    n, ratio, sep, d, seed = args
    X, y = make_imbalanced(n, ratio, n_features=d, class_sep=sep, random_state=seed)
    assert hashlib.sha256(X.tobytes() + y.tobytes()).hexdigest() == digest


@settings(deadline=None, max_examples=30)
@given(
    st.sampled_from(SHAPES),
    st.integers(2, 2000),
    st.floats(1, 1000),
    st.floats(0, 6),
    st.integers(0, 2**31 - 2),
)
def test_every_shape_is_determined_by_its_seed(shape, n, ratio, sep, seed):
    a = make_imbalanced(n, ratio, class_sep=sep, shape=shape, random_state=seed)
    b = make_imbalanced(n, ratio, class_sep=sep, shape=shape, random_state=seed)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    other = make_imbalanced(n, ratio, class_sep=sep, shape=shape, random_state=seed + 1)
    assert not np.array_equal(a[0], other[0])


def test_shapes_share_the_draw_and_differ_only_in_the_minority_placement():
    # the same seed gives the same labels and the same majority of unequal_var as gaussian
    g = make_imbalanced(5000, 10, class_sep=2.0, random_state=4)
    u = make_imbalanced(5000, 10, class_sep=2.0, shape="unequal_var", random_state=4)
    c = make_imbalanced(5000, 10, class_sep=2.0, shape="two_clusters", random_state=4)
    np.testing.assert_array_equal(g[1], u[1])
    np.testing.assert_array_equal(g[1], c[1])
    majority = g[1] == 0
    np.testing.assert_array_equal(g[0][majority], u[0][majority])
    assert not np.allclose(g[0][~majority], u[0][~majority])


def _along_u(X):
    return X @ np.full(X.shape[1], 1.0 / np.sqrt(X.shape[1]))


@pytest.mark.parametrize("d", [1, 2, 3])
def test_unequal_var_minority_has_half_the_spread_and_the_means_sep_apart(d):
    # sidebar.shape_help: "the minority cloud has half the majority's spread"
    X, y = make_imbalanced(
        200_000, 1, n_features=d, class_sep=2.5, shape="unequal_var", random_state=0
    )
    sd0, sd1 = X[y == 0].std(axis=0), X[y == 1].std(axis=0)
    np.testing.assert_allclose(sd0, 1.0, rtol=0.01)
    np.testing.assert_allclose(sd1 / sd0, MINORITY_SPREAD, rtol=0.01)
    assert MINORITY_SPREAD == 0.5
    gap = np.linalg.norm(X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0))
    assert gap == pytest.approx(2.5, abs=0.02)


@pytest.mark.parametrize("sep", [1.0, 3.0])
def test_two_clusters_sit_on_both_sides_of_the_majority_at_sep(sep):
    # sidebar.shape_help: "the minority sits on both sides of the majority, each
    # cluster one separation away from the majority's centre"
    X, y = make_imbalanced(100_000, 1, class_sep=sep, shape="two_clusters", random_state=1)
    majority, minority = X[y == 0], X[y == 1]
    np.testing.assert_allclose(majority.mean(axis=0), 0.0, atol=0.02)
    np.testing.assert_allclose(majority.std(axis=0), 1.0, rtol=0.01)
    # alternate minority samples go to the + and the - cluster; rows are shuffled,
    # so regenerate the unshuffled order from the same draw to tell them apart
    rng = np.random.default_rng(1)
    z = rng.standard_normal((100_000, 2))
    order = rng.permutation(100_000)
    n1 = minority_count(100_000, 1)
    cluster = np.zeros(100_000)
    cluster[:n1] = np.where(np.arange(n1) % 2 == 0, 1.0, -1.0)
    np.testing.assert_array_equal(X, (z + cluster[:, None] * sep / np.sqrt(2))[order])
    side = cluster[order][y == 1]
    for sign in (1.0, -1.0):
        centre = minority[side == sign].mean(axis=0)
        assert np.linalg.norm(centre - majority.mean(axis=0)) == pytest.approx(sep, abs=0.02)
        assert np.sign(_along_u(centre[None, :])[0]) == sign  # on opposite sides
        np.testing.assert_allclose(minority[side == sign].std(axis=0), 1.0, rtol=0.02)
    # so the class means coincide: the mean difference points nowhere
    assert np.linalg.norm(minority.mean(axis=0) - majority.mean(axis=0)) < 0.03


def test_two_clusters_split_the_minority_evenly_and_deterministically():
    X, y = make_imbalanced(1001, 10, class_sep=6.0, shape="two_clusters", random_state=2)
    t1 = _along_u(X[y == 1])
    n1 = minority_count(1001, 10)
    # at sep 6 each point's side is its cluster's (a unit Gaussian is never 6 sd off)
    assert np.sum(t1 > 0) == (n1 + 1) // 2 and np.sum(t1 < 0) == n1 // 2
    _, y1 = make_imbalanced(100, 10_000, class_sep=3.0, shape="two_clusters", random_state=0)
    assert int(y1.sum()) == 1  # a single minority sample still works


def test_unknown_shape_is_refused_in_every_language():
    for bad in ("xyz", "Gaussian", None, 3):
        with pytest.raises(ValueError, match=r"`shape` must be one of 'gaussian'") as info:
            make_imbalanced(100, 10, shape=bad)
        assert isinstance(info.value, LabError) and info.value.message.key == "error.data.shape"
        texts = {lang: error_text(info.value, lang) for lang in languages()}
        assert len(set(texts.values())) == len(texts)
        assert all("two_clusters" in text for text in texts.values())
    with pytest.raises(ValueError, match="`shape`"):
        true_log_odds(np.zeros((2, 2)), ratio=10, class_sep=1.0, shape="xyz")


# ---------------------------------------------------------------- misspecified: measured
#: The figures the issue asks for: 1:100, separation 2, n = 20,000, seed 0, test set seed 1.
RATIO_M, SEP_M, N_M = 100, 2.0, 20_000


@functools.cache
def _fits(shape):
    X, y = make_imbalanced(N_M, RATIO_M, class_sep=SEP_M, shape=shape, random_state=0)
    X_t, y_t = make_imbalanced(N_M, RATIO_M, class_sep=SEP_M, shape=shape, random_state=1)
    w1 = float(np.sum(y == 0) / np.sum(y == 1))
    plain, weighted = fit_logistic(X, y), fit_logistic(X, y, w0=1.0, w1=w1)
    hgb = HistGradientBoostingClassifier(class_weight="balanced", random_state=0).fit(X, y)
    z = true_log_odds(X_t, ratio=RATIO_M, class_sep=SEP_M, shape=shape)
    moved = plain.decision_function(X_t) > -np.log(w1)  # plain model, threshold w0/(w0+w1)
    at_half = weighted.predict(X_t) == 1
    return {
        "linear_bal": balanced_accuracy_score(y_t, weighted.predict(X_t)),
        "hgb_bal": balanced_accuracy_score(y_t, hgb.predict(X_t)),
        "bayes_bal": balanced_accuracy_score(y_t, z > -np.log(RATIO_M)),
        "coef_change": float(
            np.linalg.norm(weighted.coef_ - plain.coef_) / np.linalg.norm(plain.coef_)
        ),
        "jaccard": float(np.sum(moved & at_half) / max(1, np.sum(moved | at_half))),
        "X_t": X_t,
        "y_t": y_t,
    }


def test_no_line_fits_two_clusters_but_a_nonlinear_model_does():
    # sidebar.shape_help: "no line separates it"; measured at 1:100, separation 2
    f = _fits("two_clusters")
    assert f["linear_bal"] < 0.6  # balanced logistic regression: near chance
    assert f["hgb_bal"] > 0.7 and f["hgb_bal"] - f["linear_bal"] > 0.15
    assert f["bayes_bal"] > f["hgb_bal"] - 0.1
    # the best half-plane of all, chosen on the test set itself, cuts off one cluster
    # at most: below 3/4 (make_imbalanced's bound), well below the Bayes rule
    X_t, y_t = f["X_t"], f["y_t"]
    best = 0.0
    for angle in np.linspace(0.0, 2.0 * np.pi, 72, endpoint=False):
        proj = X_t @ np.array([np.cos(angle), np.sin(angle)])
        order = np.argsort(-proj)
        tpr = np.cumsum(y_t[order] == 1) / np.sum(y_t == 1)
        fpr = np.cumsum(y_t[order] == 0) / np.sum(y_t == 0)
        best = max(best, float(np.max(0.5 * (tpr + 1.0 - fpr))))
    assert best < 0.75 and best < f["bayes_bal"] - 0.08
    assert f["linear_bal"] < best - 0.1  # and logistic regression does not even find it


def test_on_gaussian_data_the_linear_model_is_as_good_as_any():
    f = _fits("gaussian")
    assert f["linear_bal"] > f["bayes_bal"] - 0.02
    assert f["linear_bal"] >= f["hgb_bal"]


def test_weights_change_the_line_in_substance_only_on_misspecified_shapes():
    # sidebar.shape_help: "on the others, how the samples are weighted changes which
    # line the model fits" -- balanced weights against the plain fit, same data
    g, u, c = _fits("gaussian"), _fits("unequal_var"), _fits("two_clusters")
    assert g["coef_change"] < 0.1
    assert u["coef_change"] > 3 * g["coef_change"] and c["coef_change"] > 3 * g["coef_change"]
    # decisions: the weighted model at 0.5 against the plain one at the moved threshold
    assert g["jaccard"] > 0.9 and u["jaccard"] < 0.85 and c["jaccard"] < 0.85


@settings(deadline=None, max_examples=60)
@given(st.integers(0, 10_000), st.integers(2, 400), st.integers(1, 60), st.integers(1, 500))
def test_majority_sample_keeps_minority_and_class_totals(seed, n0, n1, m):
    y = np.random.default_rng(seed).permutation(np.r_[np.zeros(n0, int), np.ones(n1, int)])
    rows, h = majority_sample(y, m, random_state=seed)
    assert np.all(np.diff(rows) > 0)
    assert set(np.flatnonzero(y == 1)) <= set(rows)
    assert np.sum(y[rows] == 0) == min(n0, m)
    # Horvitz-Thompson weights: each class's weights add up to its full size.
    assert np.sum(h[y[rows] == 0]) == pytest.approx(n0)
    assert np.sum(h[y[rows] == 1]) == pytest.approx(n1)
    assert np.all(h[y[rows] == 1] == 1.0)
    if n0 <= m:
        np.testing.assert_array_equal(rows, np.arange(len(y)))


def test_display_subsample_keeps_every_minority_point_of_a_million():
    _, y = make_imbalanced(1_000_000, 10_000, random_state=0)[:2]
    shown = display_subsample(y, max_points=5000, random_state=0)
    assert np.sum(y[shown] == 1) == np.sum(y == 1) == 100
    assert np.sum(y[shown] == 0) == 5000


@settings(deadline=None, max_examples=40)
@given(st.integers(0, 10_000), st.integers(1, 300), st.integers(1, 300), st.integers(1, 100))
def test_display_subsample_caps_each_class(seed, n0, n1, cap):
    y = np.random.default_rng(seed).permutation(np.r_[np.zeros(n0, int), np.ones(n1, int)])
    shown = display_subsample(y, max_points=cap, random_state=seed)
    assert np.all(np.diff(shown) > 0)
    assert np.sum(y[shown] == 0) == min(n0, cap)
    assert np.sum(y[shown] == 1) == min(n1, cap)
