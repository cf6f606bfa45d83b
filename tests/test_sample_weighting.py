import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LinearRegression, LogisticRegression

from lib.data import make_imbalanced
from lib.figures import BoundaryLine
from lib.figures_sample import (
    RegressionLine,
    Sample,
    errorbar_fit,
    estimate_histograms,
    weight_opacities,
    weight_sizes,
    weighted_map,
)
from lib.models import fit_logistic, probability_grid
from lib.sample_weighting import (
    angle_between,
    boundary_candidates,
    boundary_shifts,
    compare_class_and_sample_weights,
    effective_sample_size,
    fit_line,
    fit_recency,
    format_point_ids,
    inverse_variance_weights,
    line_error,
    make_drifting,
    make_heteroscedastic,
    point_ids_param,
    point_weights,
    recency_study,
    replicate_line_fits,
    slope_standard_deviations,
    weight_table,
)
from lib.settings import ParamError
from lib.weights import sample_weights


def small_data(seed=0):
    return make_imbalanced(200, 20, class_sep=2.0, random_state=seed)


# ---------------------------------------------------------------- (a) class vs sample weight
@settings(max_examples=25, deadline=None)
@given(st.floats(0.01, 1000.0), st.integers(0, 5))
def test_class_weight_equals_sample_weight_array(w, seed):
    X, y = small_data(seed)
    by_class = fit_logistic(X, y, w1=w)
    by_sample = fit_logistic(X, y, sample_weight=sample_weights(y, {1: w}))
    np.testing.assert_allclose(by_class.coef_, by_sample.coef_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(by_class.intercept_, by_sample.intercept_, rtol=1e-9, atol=1e-12)
    # and both equal scikit-learn used directly
    direct = LogisticRegression(class_weight={0: 1.0, 1: w}, max_iter=1000).fit(X, y)
    np.testing.assert_allclose(by_class.coef_, direct.coef_, rtol=1e-9, atol=1e-12)


def test_comparison_without_picks_is_identical_and_picks_move_the_boundary():
    X, y = small_data()
    fits = compare_class_and_sample_weights(X, y, w1=10.0)
    for a, b in (
        (fits.class_weighted, fits.class_as_sample),
        (fits.class_weighted, fits.sample_weighted),
    ):
        np.testing.assert_allclose(a[0], b[0], rtol=1e-9, atol=1e-12)
        assert a[1] == pytest.approx(b[1], rel=1e-9, abs=1e-12)
    assert not np.allclose(fits.unweighted[0], fits.class_weighted[0])
    # factor 1 changes nothing; a large factor on a misclassified point moves the fit
    same = compare_class_and_sample_weights(X, y, w1=10.0, picked=[0, 1, 2], factor=1.0)
    np.testing.assert_allclose(same.sample_weighted[0], fits.class_weighted[0], rtol=1e-9)
    coef, b = fits.class_weighted
    wrong = np.flatnonzero((X @ coef + b > 0).astype(int) != y)
    assert len(wrong) > 0
    moved = compare_class_and_sample_weights(X, y, w1=10.0, picked=wrong[:1], factor=1000.0)
    assert not np.allclose(moved.sample_weighted[0], fits.class_weighted[0])
    i = wrong[0]
    margin = lambda fit: (X[i] @ fit[0] + fit[1]) * (1 if y[i] == 1 else -1)  # noqa: E731
    assert margin(moved.sample_weighted) > margin(fits.class_weighted)


@given(
    st.lists(st.integers(0, 1), min_size=2, max_size=50),
    st.floats(0.0, 1e4),
    st.floats(0.0, 100.0),
    st.data(),
)
def test_point_weights_are_class_weights_times_factor(labels, w1, factor, data):
    y = np.array(labels)
    picked = data.draw(st.lists(st.integers(0, len(y) - 1), max_size=5))
    s = point_weights(y, w1=w1, picked=picked, factor=factor)
    expected = np.where(y == 1, w1, 1.0)
    expected[sorted(set(picked))] *= factor
    np.testing.assert_allclose(s, expected)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"w1": -1.0}, "`w1` must be >= 0"),
        ({"factor": float("nan")}, "`factor` must be a finite number"),
        ({"picked": [5]}, "`picked[0]` must be <= 3"),
        ({"picked": [-1]}, "`picked[0]` must be >= 0"),
        ({"picked": [0.5]}, "must be an integer"),
    ],
)
def test_point_weights_validation(kwargs, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        point_weights([0, 1, 0, 1], **kwargs)


def test_point_weights_rejects_bad_labels():
    with pytest.raises(ValueError, match="labels 0 and 1"):
        point_weights([0, 2])


def test_boundary_candidates_are_the_nearest_points():
    X = np.array([[0.0, 5.0], [0.0, 0.1], [0.0, -0.2], [0.0, 3.0], [0.0, -0.05]])
    ids = boundary_candidates(X, [0.0, 1.0], 0.0, k=3)
    assert ids.tolist() == [1, 2, 4]
    assert boundary_candidates(X, [0.0, 0.0], 0.0, k=2).tolist() == [0, 1]
    assert len(boundary_candidates(X, [0.0, 1.0], 0.0, k=99)) == 5
    with pytest.raises(ValueError, match="2 features but `coef` has 3"):
        boundary_candidates(X, [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="`k` must be >= 1"):
        boundary_candidates(X, [1.0, 2.0], 0.0, k=0)


def test_weight_table_lists_the_array():
    X, y = small_data()
    ids = [3, 0, 7]
    table = weight_table(X, y, ids, w1=5.0, picked=[0], factor=20.0)
    assert table["point"].tolist() == ids
    full = point_weights(y, w1=5.0, picked=[0], factor=20.0)
    np.testing.assert_allclose(table["weight"], full[ids])
    np.testing.assert_allclose(table["weight"], table["class_weight"] * table["factor"])
    assert table["factor"].tolist() == [1.0, 20.0, 1.0]
    with pytest.raises(ValueError, match=r"`ids\[0\]` must be <= 199"):
        weight_table(X, y, [200], w1=1.0)


def test_point_ids_param_round_trip_and_errors():
    parse = point_ids_param([3, 17, 42])
    assert parse("17,3") == [3, 17]
    assert parse("none") == parse("") == []
    assert parse(format_point_ids([42, 3])) == [3, 42]
    assert format_point_ids([]) == "none"
    for raw in ("5", "3,x", "3;17", "1e3"):
        with pytest.raises(ParamError) as err:
            parse(raw)
        assert err.value.key == "sw.notice_ids" and err.value.values["choices"] == "3, 17, 42"


# ---------------------------------------------------------------- (b) recency
def test_drifting_shapes_and_true_boundary():
    d = make_drifting(300, drift=90.0, max_age=50.0, random_state=1)
    assert d.X.shape == (300, 2) and d.y.shape == d.age.shape == (300,)
    assert set(np.unique(d.y)) == {0, 1}
    assert d.age.min() >= 0 and d.age.max() <= 50
    assert angle_between(d.coef, d.coef_oldest) == pytest.approx(90.0)
    assert np.linalg.norm(d.coef) == pytest.approx(4.0)
    fresh = make_drifting(100, max_age=0.0, random_state=1)
    assert np.all(fresh.age == 0)
    again = make_drifting(300, drift=90.0, max_age=50.0, random_state=1)
    np.testing.assert_array_equal(again.X, d.X)


def test_old_labels_follow_the_old_boundary():
    d = make_drifting(20_000, drift=180.0, sharpness=20.0, random_state=0)
    new, old = d.age < 10, d.age > 90
    agree_now = (d.X @ d.coef > 0).astype(int) == d.y
    assert agree_now[new].mean() > 0.9 and agree_now[old].mean() < 0.1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 1}, "`n_samples` must be >= 2"),
        ({"n_samples": 10, "drift": 200.0}, "`drift` must be <= 180"),
        ({"n_samples": 10, "max_age": -1.0}, "`max_age` must be >= 0"),
        ({"n_samples": 10, "sharpness": 0.0}, "`sharpness` must be > 0"),
        ({"n_samples": 10, "random_state": -3}, "`random_state` must be >= 0"),
    ],
)
def test_make_drifting_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_drifting(**kwargs)


@pytest.mark.parametrize("seed", range(6))
def test_recency_weights_bring_the_fit_closer_to_todays_boundary(seed):
    train = make_drifting(500, drift=90.0, random_state=seed)
    recent = fit_recency(train, half_life=10.0)
    plain = fit_recency(train, half_life=None)
    assert angle_between(recent[0], train.coef) < angle_between(plain[0], train.coef)


def test_recency_study_scores_and_effective_sizes():
    train = make_drifting(500, drift=90.0, random_state=0)
    fresh = make_drifting(2000, drift=90.0, max_age=0.0, random_state=1)
    table = recency_study(train, fresh, half_lives=[5, 10, 1000])
    assert table["half_life"].tolist() == [5.0, 10.0, 1000.0, float("inf")]
    assert table["n_eff"].is_monotonic_increasing and table["n_eff"].iloc[-1] == 500
    assert table["accuracy"].iloc[1] > table["accuracy"].iloc[-1] + 0.05
    assert table["accuracy"].max() <= table.attrs["bayes_accuracy"] + 0.02
    assert table["accuracy"].iloc[2] == pytest.approx(table["accuracy"].iloc[3], abs=0.02)
    with pytest.raises(ValueError, match="at least one half-life"):
        recency_study(train, fresh, half_lives=[])


def test_without_drift_forgetting_does_not_help_on_average():
    gains = []
    for seed in range(5):
        train = make_drifting(500, drift=0.0, random_state=seed)
        fresh = make_drifting(2000, drift=0.0, max_age=0.0, random_state=seed + 100)
        table = recency_study(train, fresh, half_lives=[2])
        gains.append(table["accuracy"].iloc[0] - table["accuracy"].iloc[-1])
    assert np.mean(gains) < 0


@given(
    st.lists(st.floats(0.0, 1e6), min_size=1, max_size=30).filter(lambda v: max(v) >= 1e-6),
    st.floats(1e-6, 1e6),
)
def test_effective_sample_size_bounds_and_scale_invariance(weights, c):
    n_eff = effective_sample_size(weights)
    assert 1.0 - 1e-9 <= n_eff <= len(weights) + 1e-9
    assert effective_sample_size(np.array(weights) * c) == pytest.approx(n_eff, rel=1e-9)


def test_effective_sample_size_values_and_errors():
    assert effective_sample_size([1, 1, 1, 1]) == pytest.approx(4.0)
    assert effective_sample_size([1, 0, 0, 0]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="not all be zero"):
        effective_sample_size([0, 0])
    with pytest.raises(ValueError, match=">= 0"):
        effective_sample_size([1, -1])


def test_angle_between():
    assert angle_between([1, 0], [0, 2]) == pytest.approx(90.0)
    assert angle_between([1, 1], [-3, -3]) == pytest.approx(180.0)
    assert angle_between([1, 1], [2, 2]) == pytest.approx(0.0, abs=1e-6)
    assert np.isnan(angle_between([0, 0], [1, 0]))
    with pytest.raises(ValueError, match="2 entries but `coef_b` has 3"):
        angle_between([1, 0], [1, 0, 0])


# ---------------------------------------------------------------- (c) weighted regression
def test_heteroscedastic_shapes_and_spread():
    d = make_heteroscedastic(50, spread=100.0, noise=2.0, random_state=3)
    assert d.x.shape == d.y.shape == d.sigma.shape == (50,)
    assert np.all(np.diff(d.x) >= 0) and d.x_range == (0.0, 10.0)
    assert d.sigma.min() >= 2.0 / 10 and d.sigma.max() <= 2.0 * 10
    equal = make_heteroscedastic(20, spread=1.0, random_state=3)
    np.testing.assert_allclose(equal.sigma, 1.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 2}, "`n_samples` must be >= 3"),
        ({"spread": 0.5}, "`spread` must be >= 1"),
        ({"noise": 0.0}, "`noise` must be > 0"),
        ({"slope": float("inf")}, "`slope` must be a finite number"),
        ({"x_max": -1.0}, "`x_max` must be > 0"),
    ],
)
def test_make_heteroscedastic_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_heteroscedastic(**kwargs)


finite = st.floats(-100, 100, allow_nan=False)


@given(st.lists(st.tuples(finite, finite), min_size=3, max_size=30), st.floats(0.01, 100.0))
def test_wls_with_equal_sigmas_equals_ols(points, sigma):
    x, y = np.array(points).T
    if np.ptp(x) < 1e-3:
        return
    w = inverse_variance_weights(np.full(len(x), sigma))
    ols, wls = fit_line(x, y), fit_line(x, y, sample_weight=w)
    np.testing.assert_allclose(wls, ols, rtol=1e-6, atol=1e-6)


@given(st.integers(0, 10_000), st.floats(1e-6, 1e6))
def test_scaling_all_weights_changes_nothing(seed, c):
    d = make_heteroscedastic(30, spread=50.0, random_state=seed)
    w = inverse_variance_weights(d.sigma)
    np.testing.assert_allclose(
        fit_line(d.x, d.y, sample_weight=c * w),
        fit_line(d.x, d.y, sample_weight=w),
        rtol=1e-7,
        atol=1e-9,
    )


def test_fit_line_matches_sklearn_and_recovers_an_exact_line():
    d = make_heteroscedastic(40, random_state=0)
    w = inverse_variance_weights(d.sigma)
    model = LinearRegression().fit(d.x[:, None], d.y, sample_weight=w)
    assert fit_line(d.x, d.y, sample_weight=w) == pytest.approx(
        (model.intercept_, model.coef_[0]), rel=1e-9
    )
    x = np.array([0.0, 1.0, 2.0, 5.0])
    assert fit_line(x, 2 + 3 * x) == pytest.approx((2.0, 3.0))


def test_wls_is_closer_to_the_truth_than_ols_on_average():
    ols_err, wls_err = [], []
    for seed in range(40):
        d = make_heteroscedastic(40, spread=20.0, random_state=seed)
        for store, fit in (
            (ols_err, fit_line(d.x, d.y)),
            (wls_err, fit_line(d.x, d.y, sample_weight=inverse_variance_weights(d.sigma))),
        ):
            store.append(
                line_error(*fit, true_intercept=d.intercept, true_slope=d.slope, x_range=d.x_range)
            )
    assert np.mean(wls_err) < 0.6 * np.mean(ols_err)


def test_replicates_are_unbiased_and_match_the_theoretical_spread():
    d = make_heteroscedastic(40, spread=20.0, random_state=0)
    reps = replicate_line_fits(d, n_reps=4000, random_state=1)
    sd_ols, sd_wls = slope_standard_deviations(d.x, d.sigma)
    assert sd_wls < sd_ols
    assert reps["ols_slope"].mean() == pytest.approx(d.slope, abs=4 * sd_ols / np.sqrt(4000))
    assert reps["wls_slope"].mean() == pytest.approx(d.slope, abs=4 * sd_wls / np.sqrt(4000))
    assert reps["ols_slope"].std() == pytest.approx(sd_ols, rel=0.06)
    assert reps["wls_slope"].std() == pytest.approx(sd_wls, rel=0.06)
    # the same seed gives the same repetitions
    again = replicate_line_fits(d, n_reps=4000, random_state=1)
    np.testing.assert_array_equal(again.to_numpy(), reps.to_numpy())


def test_equal_sigmas_give_equal_theoretical_spread():
    x = np.linspace(0, 10, 20)
    sd_ols, sd_wls = slope_standard_deviations(x, np.full(20, 0.5))
    assert sd_ols == pytest.approx(sd_wls)
    assert sd_ols == pytest.approx(0.5 / np.sqrt(np.sum((x - x.mean()) ** 2)))


def test_line_error_formula():
    assert line_error(1.0, 0.8, true_intercept=1.0, true_slope=0.8, x_range=(0, 10)) == 0.0
    assert line_error(
        1.5, 0.8, true_intercept=1.0, true_slope=0.8, x_range=(0, 10)
    ) == pytest.approx(0.5)
    # error 0 at x = 5, linear: RMS of 0.1 * (x - 5) over [0, 10] = 0.1 * 10 / sqrt(12)
    assert line_error(
        0.5, 0.9, true_intercept=1.0, true_slope=0.8, x_range=(0, 10)
    ) == pytest.approx(1 / np.sqrt(12))
    with pytest.raises(ValueError, match=r"`x_range\[1\]` must be >= 2"):
        line_error(0, 0, true_intercept=0, true_slope=0, x_range=(2, 1))


@pytest.mark.parametrize(
    ("x", "y", "kwargs", "message"),
    [
        ([1, 1, 1], [1, 2, 3], {}, "two different values"),
        ([1, 2], [1, 2, 3], {}, "same number of samples"),
        ([1, 2, 3], [1, np.nan, 3], {}, "finite numbers only"),
        ([1, 2, 3], [1, 2, 3], {"sample_weight": [1, -1, 1]}, "positive sum"),
        ([1, 2, 3], [1, 2, 3], {"sample_weight": [0, 0, 0]}, "positive sum"),
        ([1, 2, 3], [1, 2, 3], {"sample_weight": [0, 0, 1]}, "two different x values"),
    ],
)
def test_fit_line_validation(x, y, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fit_line(x, y, **kwargs)


def test_inverse_variance_weights():
    np.testing.assert_allclose(inverse_variance_weights([0.5, 2.0]), [4.0, 0.25])
    with pytest.raises(ValueError, match="> 0 everywhere"):
        inverse_variance_weights([1.0, 0.0])


# ---------------------------------------------------------------- figures
def test_weighted_map_draws_weights_as_size_or_opacity():
    X, y = small_data()
    fits = compare_class_and_sample_weights(X, y, w1=10.0, picked=[0, 5], factor=0.0)
    grid = probability_grid(*fits.sample_weighted, (-4, 4), (-4, 4), size=20)
    lines = [BoundaryLine(*fits.sample_weighted, 0.5, "fit", "#000000")]
    fig = weighted_map(
        X,
        y,
        fits.weights,
        lines,
        x_range=(-4, 4),
        y_range=(-4, 4),
        title="t",
        grid=grid,
        labels={0: "#0", 5: "#5"},
    )
    kinds = [type(t).__name__ for t in fig.data]
    assert kinds == ["Heatmap", "Scattergl", "Scattergl", "Scatter", "Scatter"]
    assert sum(len(t.x) for t in fig.data[1:3]) == len(y)
    assert list(fig.data[3].text) == ["#0", "#5"]
    class1 = fig.data[2]
    assert max(class1.marker.size) > max(fig.data[1].marker.size)  # weight 10 > weight 1
    assert "circle-open" in fig.data[1].marker.symbol + class1.marker.symbol  # weight 0
    faded = weighted_map(
        X,
        y,
        np.linspace(0.01, 1, len(y)),
        [],
        x_range=(-4, 4),
        y_range=(-4, 4),
        title="t",
        encoding="opacity",
    )
    assert len(faded.data) == 2 and len(faded.data[0].marker.opacity) == int(np.sum(y == 0))
    with pytest.raises(ValueError, match="`encoding`"):
        weighted_map(
            X, y, fits.weights, [], x_range=(-4, 4), y_range=(-4, 4), title="t", encoding="colour"
        )


def test_weight_encodings():
    assert weight_sizes(np.array([0.0, 1.0, 10.0, 1e9])).tolist() == [3.0, 6.0, 10.0, 24.0]
    np.testing.assert_allclose(weight_opacities(np.array([0.0, 0.5, 1.0])), [0.08, 0.54, 1.0])
    assert weight_opacities(np.zeros(3)).tolist() == [1.0, 1.0, 1.0]


def test_errorbar_fit_and_histograms():
    d = make_heteroscedastic(40, random_state=0)
    fig = errorbar_fit(
        d.x,
        d.y,
        d.sigma,
        [RegressionLine(1.0, 0.8, "true", "#009E73")],
        x_range=d.x_range,
        title="t",
        weights=inverse_variance_weights(d.sigma),
    )
    assert isinstance(fig.data[0], go.Scattergl)
    np.testing.assert_allclose(fig.data[0].error_y.array, d.sigma)
    assert list(fig.data[1].y) == pytest.approx([1.0, 9.0])
    reps = replicate_line_fits(d, n_reps=50, random_state=0)
    hist = estimate_histograms(
        [
            Sample("OLS", reps["ols_slope"].to_numpy(), "#000000"),
            Sample("WLS", reps["wls_slope"].to_numpy(), "#CC79A7"),
        ],
        truth=0.8,
        truth_label="truth",
        title="t",
        xtitle="b",
        ytitle="n",
    )
    assert [type(t).__name__ for t in hist.data] == ["Histogram", "Histogram", "Scatter"]
    assert hist.data[0].xbins.size == hist.data[1].xbins.size
    assert list(hist.data[2].x) == [0.8, 0.8]


def test_boundary_shifts():
    X, y = small_data()
    plain = compare_class_and_sample_weights(X, y, w1=1.0)
    shifts = boundary_shifts(plain, X.mean(axis=0))
    assert shifts == {"class": 0.0, "picked": 0.0, "identical": 0.0}
    heavy = compare_class_and_sample_weights(X, y, w1=50.0)
    shifts = boundary_shifts(heavy, X.mean(axis=0))
    assert shifts["class"] < 0 and shifts["picked"] == 0.0 and shifts["identical"] < 1e-12
