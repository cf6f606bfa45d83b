"""The library pieces added for issue 5: model grids, boundaries, probability
histograms, resampling ratios, skipped strategies and the new figure builders."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from imblearn.ensemble import RUSBoostClassifier
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline as SkPipeline
from sklearn.tree import DecisionTreeClassifier

import lib.evaluation as evaluation
from lib.calibration import probability_histogram, reliability_curve
from lib.data import make_imbalanced
from lib.evaluation import cross_validate_strategies
from lib.figures import BoundaryLine
from lib.figures_strategies import (
    REMOVED_COLOR,
    SYNTHETIC_COLOR,
    Marked,
    Point,
    add_points,
    interval_chart,
    probability_panels,
    reliability_chart,
    strategy_map,
)
from lib.losses import logit
from lib.models import boundary_cells, model_probability_grid, probability_grid
from lib.strategies import check_strategy_data, fit_strategy, make_strategy


@pytest.fixture(scope="module")
def data():
    return make_imbalanced(300, 10, random_state=0)  # 273 of class 0, 27 of class 1


@pytest.fixture(scope="module")
def logistic():
    X, y = make_imbalanced(400, 4, class_sep=2.0, random_state=1)
    return LogisticRegression().fit(X, y)


# --- lib.models.model_probability_grid -------------------------------------------------


@pytest.mark.parametrize("size", [2, 17, 60])
def test_model_probability_grid_equals_the_closed_form_grid(logistic, size):
    gx, gy, prob = model_probability_grid(logistic, (-3.0, 4.0), (-2.5, 1.5), size=size)
    ex, ey, expected = probability_grid(
        logistic.coef_, float(logistic.intercept_[0]), (-3.0, 4.0), (-2.5, 1.5), size=size
    )
    assert gx.shape == gy.shape == (size,)
    assert prob.shape == (size, size)
    np.testing.assert_allclose(gx, ex)
    np.testing.assert_allclose(gy, ey)
    np.testing.assert_allclose(prob, expected, rtol=0, atol=1e-9)
    assert gx[0] == -3.0 and gx[-1] == 4.0 and gy[0] == -2.5 and gy[-1] == 1.5


def test_model_probability_grid_rows_follow_y(logistic):
    gx, gy, prob = model_probability_grid(logistic, (-1.0, 1.0), (-2.0, 3.0), size=5)
    i, j = 3, 1
    point = np.array([[gx[j], gy[i]]])
    assert prob[i, j] == pytest.approx(logistic.predict_proba(point)[0, 1], abs=1e-12)


def test_model_probability_grid_uses_the_column_of_class_one():
    X, y01 = make_imbalanced(300, 3, class_sep=2.0, random_state=2)
    model = LogisticRegression().fit(X, y01 + 1)  # classes_ == [1, 2]
    _, _, prob = model_probability_grid(model, (-2, 2), (-2, 2), size=8)
    xx, yy = np.meshgrid(np.linspace(-2, 2, 8), np.linspace(-2, 2, 8))
    expected = model.predict_proba(np.column_stack([xx.ravel(), yy.ravel()]))[:, 0]
    np.testing.assert_allclose(prob, expected.reshape(8, 8))


def test_model_probability_grid_of_a_tree():
    X = np.array([[0.0, 0.0], [0.2, 1.0], [0.8, 0.0], [1.0, 1.0]])
    model = DecisionTreeClassifier(max_depth=1).fit(X, [0, 0, 1, 1])
    gx, _, prob = model_probability_grid(model, (0, 1), (0, 1), size=11)
    assert set(np.unique(prob)) == {0.0, 1.0}
    # The stump splits on feature 1 at 0.5: every row is the same step.
    threshold = model.tree_.threshold[0]
    np.testing.assert_array_equal(prob, np.tile((gx > threshold).astype(float), (11, 1)))


def test_model_probability_grid_refuses_models_without_class_one():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    model = LogisticRegression().fit(X, [0, 2, 0, 2])
    with pytest.raises(ValueError, match="classes include 1"):
        model_probability_grid(model, (0, 1), (0, 1))
    with pytest.raises(ValueError, match="classes include 1"):
        model_probability_grid(LogisticRegression(), (0, 1), (0, 1))  # not fitted


@pytest.mark.parametrize("size", [1, 401, 2.5])
def test_model_probability_grid_refuses_bad_sizes(logistic, size):
    with pytest.raises(ValueError, match="size"):
        model_probability_grid(logistic, (0, 1), (0, 1), size=size)


# --- lib.models.boundary_cells ---------------------------------------------------------


def test_boundary_cells_hand_example():
    gx, gy = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0])
    prob = np.array([[0.1, 0.6, 0.7], [0.2, 0.3, 0.8]])
    xs, ys = boundary_cells(gx, gy, prob)
    assert sorted(zip(xs.tolist(), ys.tolist(), strict=True)) == [
        (0.5, 0.0),
        (1.0, 0.5),
        (1.5, 1.0),
    ]
    xs, ys = boundary_cells(gx, gy, prob, threshold=0.65)
    assert sorted(zip(xs.tolist(), ys.tolist(), strict=True)) == [(1.5, 0.0), (1.5, 1.0)]
    # p > t is positive, like scikit-learn's predict: a cell exactly at the
    # threshold sits on the negative side.
    xs, ys = boundary_cells(gx, gy, prob, threshold=0.6)
    assert sorted(zip(xs.tolist(), ys.tolist(), strict=True)) == [(1.5, 0.0), (1.5, 1.0)]


@settings(max_examples=60)
@given(
    st.floats(-3, 3).filter(lambda v: abs(v) > 0.05),
    st.floats(-3, 3).filter(lambda v: abs(v) > 0.05),
    st.floats(-2, 2),
    st.floats(0.05, 0.95),
    st.integers(5, 60),
    st.integers(5, 60),
)
def test_boundary_cells_lie_on_the_line_of_a_linear_model(w1, w2, b, t, m, k):
    gx = np.linspace(-3.0, 3.0, m)
    gy = np.linspace(-2.0, 2.0, k)
    prob = 1.0 / (1.0 + np.exp(-(w1 * gx[None, :] + w2 * gy[:, None] + b)))
    xs, ys = boundary_cells(gx, gy, prob, threshold=t)
    assert xs.shape == ys.shape
    step = max(gx[1] - gx[0], gy[1] - gy[0])
    margin = np.abs(w1 * xs + w2 * ys + b - logit(t)) / np.hypot(w1, w2)
    assert np.all(margin <= step + 1e-9)
    # Every row and every column the line crosses has a boundary point
    # (positive means p > t, like scikit-learn's predict).
    above = prob > t
    for i in np.flatnonzero(above.any(axis=1) & ~above.all(axis=1)):
        assert np.any(ys == gy[i])
    for j in np.flatnonzero(above.any(axis=0) & ~above.all(axis=0)):
        assert np.any(xs == gx[j])
    # Each point marks one change between neighbours.
    changes = np.sum(above[:, 1:] != above[:, :-1]) + np.sum(above[1:, :] != above[:-1, :])
    assert len(xs) == changes


@pytest.mark.parametrize("value", [0.0, 0.3, 0.7, 1.0])
def test_boundary_cells_without_a_boundary(value):
    gx, gy = np.linspace(0, 1, 7), np.linspace(0, 1, 4)
    xs, ys = boundary_cells(gx, gy, np.full((4, 7), value))
    assert len(xs) == len(ys) == 0


@pytest.mark.parametrize(
    "prob, threshold, match",
    [
        (np.zeros((3, 4)), 0.5, r"must have shape \(4, 3\)"),  # transposed
        (np.zeros((4, 3, 1)), 0.5, "must have shape"),
        (np.zeros(12), 0.5, "must have shape"),
        (np.zeros((4, 3)), 0.0, "threshold"),
        (np.zeros((4, 3)), 1.0, "threshold"),
    ],
)
def test_boundary_cells_refuses_bad_input(prob, threshold, match):
    with pytest.raises(ValueError, match=match):
        boundary_cells(np.arange(3.0), np.arange(4.0), prob, threshold=threshold)


def test_boundary_cells_refuses_non_finite_axes():
    with pytest.raises(ValueError, match="finite"):
        boundary_cells([0.0, np.nan], [0.0, 1.0], np.zeros((2, 2)))


# --- lib.calibration.probability_histogram ---------------------------------------------


def brute_histogram(y, p, left, right):
    m = len(left)
    counts = np.zeros((2, m))
    for yi, pi in zip(y, p, strict=True):
        b = next((b for b in range(m) if left[b] <= pi < right[b]), None)
        if b is None:
            b = 0 if pi < left[0] else m - 1
        counts[int(yi), b] += 1
    totals = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)


@given(
    arrays(
        np.float64,
        st.integers(1, 80),
        elements=st.one_of(
            st.floats(0, 1, allow_nan=False), st.just(1.0), st.floats(0, 1e-3, allow_nan=False)
        ),
    ),
    st.integers(1, 40),
    st.sampled_from([1e-6, 1e-4, 1e-2, 0.3]),
    st.integers(0, 2**31 - 1),
)
def test_probability_histogram_shares_and_bins(p, n_bins, low, seed):
    y = np.random.default_rng(seed).integers(0, 2, size=len(p))
    hist = probability_histogram(y, p, n_bins=n_bins, low=low)
    assert list(hist.columns) == ["left", "right", "share_0", "share_1"]
    assert len(hist) == n_bins
    left, right = hist["left"].to_numpy(), hist["right"].to_numpy()
    assert left[0] == pytest.approx(low) and right[-1] == pytest.approx(1.0)
    np.testing.assert_array_equal(left[1:], right[:-1])
    widths = np.log10(right) - np.log10(left)
    np.testing.assert_allclose(widths, -np.log10(low) / n_bins, rtol=1e-9)
    for cls in (0, 1):
        share = hist[f"share_{cls}"].to_numpy()
        assert np.all((share >= 0) & (share <= 1))
        if np.any(y == cls):
            assert share.sum() == pytest.approx(1.0)
        else:
            assert np.all(share == 0)
    expected = brute_histogram(y, p, left, right)
    np.testing.assert_allclose(hist[["share_0", "share_1"]].to_numpy().T, expected)


def test_probability_histogram_ends():
    y = [0, 0, 1, 1, 1, 0]
    p = [0.0, 1e-9, 1.0, 1.0, 0.2, 0.05]
    hist = probability_histogram(y, p, n_bins=2, low=0.01)  # edges 0.01, 0.1, 1
    np.testing.assert_allclose(hist["left"], [0.01, 0.1])
    np.testing.assert_allclose(hist["right"], [0.1, 1.0])
    # Class 0: 0 and 1e-9 (below low) and 0.05 all in the first bin.
    np.testing.assert_allclose(hist["share_0"], [1.0, 0.0])
    # Class 1: 0.2 and both p = 1 in the last bin.
    np.testing.assert_allclose(hist["share_1"], [0.0, 1.0])


def test_probability_histogram_default_bins_and_a_single_class():
    hist = probability_histogram([0, 0, 0, 0], [0.001, 0.01, 0.5, 0.9])
    assert len(hist) == 24
    assert hist["left"].iloc[0] == pytest.approx(1e-4)
    assert hist["share_0"].sum() == pytest.approx(1.0)
    assert np.all(hist["share_1"] == 0.0)
    np.testing.assert_allclose(hist["share_0"][hist["share_0"] > 0], 0.25)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n_bins": 0}, "n_bins"),
        ({"n_bins": 1001}, "n_bins"),
        ({"low": 0.0}, "low"),
        ({"low": 1.0}, "low"),
        ({"p": [0.1, 1.5]}, "between 0 and 1"),
        ({"p": [0.1]}, "same number"),
        ({"y": [0, 3]}, "0 and 1"),
    ],
)
def test_probability_histogram_refuses_bad_input(kwargs, match):
    args = {"y": [0, 1], "p": [0.1, 0.6], **kwargs}
    with pytest.raises(ValueError, match=match):
        probability_histogram(args.pop("y"), args.pop("p"), **args)


# --- lib.strategies: sampling ratios and resampled data --------------------------------


@pytest.mark.parametrize(
    "name, ratio, after",
    [
        ("random_under", 0.5, {0: 54, 1: 27}),
        ("random_under", 1.0, {0: 27, 1: 27}),
        ("random_over", 0.5, {0: 273, 1: 136}),
        ("smote", 0.25, {0: 273, 1: 68}),
        ("borderline_smote", 0.5, {0: 273, 1: 136}),
    ],
)
def test_resamplers_follow_the_sampling_strategy(data, name, ratio, after):
    X, y = data
    fit = fit_strategy(name, X, y, sampling_strategy=ratio)
    assert fit.counts_before == {0: 273, 1: 27}
    assert fit.counts_after == after
    assert fit.counts_after[1] / fit.counts_after[0] == pytest.approx(ratio, abs=1 / 273)
    assert len(fit.X_resampled) == len(fit.y_resampled) == sum(fit.counts_after.values())
    assert dict(zip(*np.unique(fit.y_resampled, return_counts=True), strict=True)) == after
    assert fit.X_resampled.shape[1] == 2


def test_default_sampling_strategy_balances(data):
    X, y = data
    assert fit_strategy("random_over", X, y).counts_after == {0: 273, 1: 273}
    assert fit_strategy("smote", X, y).counts_after == {0: 273, 1: 273}
    assert fit_strategy("random_under", X, y, sampling_strategy="auto").counts_after == {
        0: 27,
        1: 27,
    }


def test_smote_appends_synthetic_rows_after_the_originals(data):
    X, y = data
    fit = fit_strategy("smote", X, y, sampling_strategy=0.25, random_state=3)
    n = len(y)
    np.testing.assert_array_equal(fit.X_resampled[:n], X)
    np.testing.assert_array_equal(fit.y_resampled[:n], y)
    assert np.all(fit.y_resampled[n:] == 1)
    assert fit.n_synthetic == 68 - 27 == len(fit.y_resampled) - n
    np.testing.assert_array_equal(fit.synthetic, np.arange(len(fit.y_resampled)) >= n)
    # Interpolated between minority points: inside their bounding box, not copies.
    minority = X[y == 1]
    new = fit.X_resampled[n:]
    assert np.all(new >= minority.min(axis=0) - 1e-12)
    assert np.all(new <= minority.max(axis=0) + 1e-12)
    assert not any((minority == row).all(axis=1).any() for row in new)


def test_the_final_model_was_trained_on_the_reported_resampled_data(data):
    X, y = data
    for name, params in [
        ("smote", {"sampling_strategy": 0.4}),
        ("random_under", {"sampling_strategy": 0.5}),
        ("random_over", {}),
    ]:
        fit = fit_strategy(name, X, y, random_state=1, **params)
        assert fit.model.steps[0][0] == "sampler"
        # Everything after the sampler, refitted on the reported data, is the same model.
        rest = SkPipeline([(k, clone(step)) for k, step in fit.model.steps[1:]])
        rest.fit(fit.X_resampled, fit.y_resampled)
        np.testing.assert_allclose(
            rest.predict_proba(X), fit.model.predict_proba(X), rtol=1e-9, atol=1e-12
        )


def test_random_under_resampled_rows_are_the_sampled_indices(data):
    X, y = data
    fit = fit_strategy("random_under", X, y, sampling_strategy=0.5, random_state=4)
    np.testing.assert_array_equal(fit.X_resampled, X[fit.sample_indices])
    np.testing.assert_array_equal(fit.y_resampled, y[fit.sample_indices])
    assert len(fit.synthetic) == len(fit.y_resampled) and not fit.synthetic.any()


@pytest.mark.parametrize(
    "name, params", [("none", {}), ("class_weight", {}), ("easy_ensemble", {"n_estimators": 2})]
)
def test_non_resampling_strategies_report_no_resampled_data(data, name, params):
    X, y = data
    fit = fit_strategy(name, X, y, **params)
    assert fit.X_resampled is None and fit.y_resampled is None
    assert fit.counts_after == fit.counts_before


@pytest.mark.parametrize(
    "value, match",
    [
        (0.0, "sampling_strategy` must be > 0"),
        (-0.5, "sampling_strategy` must be > 0"),
        (1.5, "sampling_strategy` must be <= 1"),
        (float("nan"), "sampling_strategy` must be a finite"),
        ("minority", "'auto' or a number"),
    ],
)
@pytest.mark.parametrize(
    "name", ["random_over", "random_under", "smote", "adasyn", "borderline_smote"]
)
def test_bad_sampling_strategies_are_refused(name, value, match):
    with pytest.raises(ValueError, match=match):
        make_strategy(name, sampling_strategy=value)


def test_sampling_strategy_is_only_a_resampler_parameter():
    with pytest.raises(ValueError, match="does not take sampling_strategy"):
        make_strategy("none", sampling_strategy=0.5)


@pytest.mark.parametrize(
    "name, key",
    [("smote", "k_neighbors"), ("borderline_smote", "k_neighbors"), ("adasyn", "n_neighbors")],
)
def test_check_strategy_data_needs_k_plus_one_minority_samples(name, key):
    with pytest.raises(
        ValueError,
        match=rf"\({key}=5\).*at least 6 minority samples.*"
        rf"only 3\. Lower {key} to 2",
    ):
        check_strategy_data(name, {0: 100, 1: 3}, **{key: 5})
    with pytest.raises(ValueError, match=rf"{key}=5"):
        check_strategy_data(name, {0: 100, 1: 3})  # default k is 5
    check_strategy_data(name, {0: 100, 1: 3}, **{key: 2})
    check_strategy_data(name, {0: 100, 1: 6}, **{key: 5})
    # one minority sample: no k can work, so the message does not suggest a lower one
    with pytest.raises(ValueError, match=r"at least 2 minority samples.*only 1\. Use more data"):
        check_strategy_data(name, {0: 100, 1: 1}, **{key: 1})


def test_check_strategy_data_uses_the_smaller_class_whatever_its_label():
    with pytest.raises(ValueError, match="only 3"):
        check_strategy_data("smote", {0: 3, 1: 100})


@pytest.mark.parametrize(
    "name", ["random_over", "random_under", "smote", "adasyn", "borderline_smote"]
)
def test_check_strategy_data_refuses_a_ratio_below_the_current_one(name):
    with pytest.raises(
        ValueError,
        match=r"minority/majority = 0\.1, above the sampling "
        r"ratio 0\.05.*(at least|above) 0\.1",
    ):
        check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.05)
    check_strategy_data(name, {0: 100, 1: 100}, sampling_strategy="auto")  # adds nothing
    if name == "random_under":
        check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.1)
    else:  # an over-sampler must have something to add (imbalanced-learn's condition)
        with pytest.raises(ValueError, match="no minority sample to add"):
            check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.1)
        with pytest.raises(ValueError, match=r"= 1 \(balanced\).*no minority sample to add"):
            check_strategy_data(name, {0: 100, 1: 100}, sampling_strategy=1.0)
        # 67 * 0.5 - 33 = 0.5: imbalanced-learn would add int(0.5) = 0 rows
        with pytest.raises(ValueError, match="no minority sample to add"):
            check_strategy_data(name, {0: 67, 1: 33}, sampling_strategy=0.5)
    check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.5)
    check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy="auto")


def test_check_strategy_data_ignores_other_strategies_and_refuses_unknown_names():
    for name in ("none", "class_weight", "easy_ensemble", "rusboost", "focal", "threshold"):
        check_strategy_data(name, {0: 100, 1: 1})
    with pytest.raises(ValueError, match="`name` must be one of"):
        check_strategy_data("tomek", {0: 100, 1: 10})


def test_fit_strategy_checks_the_data_first(data):
    X, y = data
    few = np.concatenate([np.flatnonzero(y == 0), np.flatnonzero(y == 1)[:3]])
    with pytest.raises(ValueError, match="k_neighbors=5.*only 3"):
        fit_strategy("smote", X[few], y[few])
    assert fit_strategy("smote", X[few], y[few], k_neighbors=2).counts_after == {0: 273, 1: 273}
    with pytest.raises(ValueError, match="sampling ratio 0.05"):
        fit_strategy("random_under", X, y, sampling_strategy=0.05)


#: (data seed, model seed) on which imbalanced-learn's default RUSBoost (stumps,
#: 1:1 samples) aborts with "worse than random".
RUSBOOST_CASES = [(0, 0), (2, 2), (11, 1)]


@pytest.mark.parametrize("data_seed, seed", RUSBOOST_CASES)
def test_rusboost_fits_where_the_default_configuration_aborts(data_seed, seed):
    X, y = make_imbalanced(10_000, 100, random_state=data_seed)
    fit = fit_strategy("rusboost", X, y, random_state=seed)
    proba = fit.model.predict_proba(X)
    assert proba.shape == (10_000, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert roc_auc_score(y, proba[:, 1]) > 0.6
    assert fit.counts_after == fit.counts_before == {0: 9901, 1: 99}


def test_the_rusboost_regression_cases_still_break_the_default_configuration():
    # Keeps the test above meaningful: these cases used to raise.
    X, y = make_imbalanced(10_000, 100, random_state=RUSBOOST_CASES[0][0])
    with pytest.raises(ValueError, match="worse than random"):
        RUSBoostClassifier(n_estimators=50, random_state=RUSBOOST_CASES[0][1]).fit(X, y)


def test_rusboost_max_depth_parameter():
    model = make_strategy("rusboost", max_depth=2, n_estimators=7)
    assert model.estimator.max_depth == 2
    assert model.n_estimators == 7
    # at most two majority rows per minority row, whatever the data's ratio
    target = model.sampling_strategy(np.array([0] * 100 + [1] * 10))
    assert target == {0: 20, 1: 10}
    assert model.sampling_strategy(np.array([0] * 10 + [1] * 10)) == {0: 10, 1: 10}
    with pytest.raises(ValueError, match="max_depth"):
        make_strategy("rusboost", max_depth=0)


# --- lib.evaluation.cross_validate_strategies(errors=...) ------------------------------


@pytest.fixture(scope="module")
def five_minority():
    X, y = make_imbalanced(100, 19, random_state=0)
    assert int(np.sum(y == 1)) == 5  # 4 in every training fold of 5
    return X, y


def test_cv_skips_a_strategy_that_cannot_be_fitted(five_minority):
    X, y = five_minority
    result = cross_validate_strategies(
        X, y, {"none": {}, "smote": {"k_neighbors": 5}}, n_splits=5, n_repeats=1, errors="skip"
    )
    assert set(result.errors) == {"smote"}
    assert "k_neighbors" in result.errors["smote"]
    assert "only 4" in result.errors["smote"]
    assert set(result.folds["strategy"]) == {"none"}
    assert set(result.summary["strategy"]) == {"none"}
    assert len(result.folds) == 5
    assert result.folds["pr_auc"].notna().all()


def test_cv_raises_by_default_when_a_strategy_cannot_be_fitted(five_minority):
    X, y = five_minority
    for kwargs in ({}, {"errors": "raise"}):
        with pytest.raises(ValueError, match="k_neighbors=5.*only 4"):
            cross_validate_strategies(X, y, ["none", "smote"], n_splits=5, n_repeats=1, **kwargs)


def test_cv_without_failures_reports_no_errors(five_minority):
    X, y = five_minority
    result = cross_validate_strategies(
        X, y, {"none": {}, "smote": {"k_neighbors": 3}}, n_splits=5, n_repeats=1, errors="skip"
    )
    assert result.errors == {}
    assert set(result.folds["strategy"]) == {"none", "smote"}


@pytest.mark.parametrize("value", ["bogus", "ignore", None])
def test_cv_refuses_unknown_error_modes(five_minority, value):
    X, y = five_minority
    with pytest.raises(ValueError, match="`errors` must be 'raise' or 'skip'"):
        cross_validate_strategies(X, y, ["none"], n_splits=5, n_repeats=1, errors=value)


def test_cv_raises_when_every_strategy_fails(five_minority):
    X, y = five_minority
    with pytest.raises(
        ValueError,
        match=r"No strategy can be fitted on this data: SMOTE: "
        r".*ADASYN: ",
    ):
        cross_validate_strategies(X, y, ["smote", "adasyn"], n_splits=5, n_repeats=1, errors="skip")


def test_cv_skips_a_strategy_that_fails_while_fitting():
    # Classes 30 standard deviations apart: no minority point has a majority
    # neighbour, and ADASYN stops with a RuntimeError in every fold.
    X, y = make_imbalanced(300, 10, class_sep=30.0, random_state=0)
    result = cross_validate_strategies(
        X, y, ["none", "adasyn"], n_splits=3, n_repeats=1, errors="skip"
    )
    assert set(result.errors) == {"adasyn"}
    assert result.errors["adasyn"].startswith("failed on 3 of 3 folds")
    assert "ADASYN cannot be fitted on this data" in result.errors["adasyn"]
    assert set(result.folds["strategy"]) == {"none"}
    assert "error" not in result.folds.columns
    with pytest.raises(ValueError, match="ADASYN cannot be fitted on this data"):
        cross_validate_strategies(X, y, ["none", "adasyn"], n_splits=3, n_repeats=1)
    with pytest.raises(ValueError, match="No strategy can be fitted.*ADASYN: failed on 3"):
        cross_validate_strategies(X, y, ["adasyn"], n_splits=3, n_repeats=1, errors="skip")


def test_cv_leaves_out_a_strategy_that_fails_on_some_folds_only(five_minority, monkeypatch):
    X, y = five_minority
    calls = {"smote": 0}
    real_fit = evaluation.fit_model

    def flaky(name, model, X_train, y_train):
        if name == "smote":
            calls["smote"] += 1
            if calls["smote"] == 2:
                raise ValueError("boom")
        return real_fit(name, model, X_train, y_train)

    monkeypatch.setattr(evaluation, "fit_model", flaky)
    result = cross_validate_strategies(
        X, y, {"none": {}, "smote": {"k_neighbors": 3}}, n_splits=5, n_repeats=1, errors="skip"
    )
    assert calls["smote"] == 5
    assert result.errors == {
        "smote": "failed on 1 of 5 folds, so it is left out of the comparison: boom"
    }
    # The four folds smote did fit are dropped too: every strategy shown shares folds.
    assert set(result.folds["strategy"]) == {"none"}
    assert len(result.folds) == 5
    calls["smote"] = 0
    with pytest.raises(ValueError, match="boom"):
        cross_validate_strategies(
            X, y, {"none": {}, "smote": {"k_neighbors": 3}}, n_splits=5, n_repeats=1
        )


# --- lib.figures_strategies ------------------------------------------------------------


def test_strategy_map_draws_map_points_lines_marks_and_boundary(logistic):
    X, y = make_imbalanced(200, 9, class_sep=2.0, random_state=0)
    grid = model_probability_grid(logistic, (-3, 3), (-3, 3), size=20)
    line = BoundaryLine(
        coef=logistic.coef_[0],
        intercept=float(logistic.intercept_[0]),
        threshold=0.5,
        label="reference",
        color="#000000",
    )
    marked = [
        Marked(
            x=np.array([0.1, 0.2]), y=np.array([0.3, 0.4]), label="synthetic", color=SYNTHETIC_COLOR
        ),
        Marked(
            x=np.array([1.0]),
            y=np.array([-1.0]),
            label="removed",
            color=REMOVED_COLOR,
            symbol="x-open",
        ),
    ]
    boundary = boundary_cells(*grid)
    fig = strategy_map(
        X,
        y,
        np.arange(len(y)),
        grid,
        lines=[line],
        marked=marked,
        boundary=boundary,
        boundary_label="boundary",
        title="A map",
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "A map"
    assert [type(t).__name__ for t in fig.data] == [
        "Heatmap",
        "Scatter",
        "Scatter",
        "Scatter",
        "Scatter",
        "Scatter",
        "Scatter",
    ]
    assert [t.name for t in fig.data[3:]] == ["reference", "synthetic", "removed", "boundary"]
    assert "class 1 (n = 20)" in fig.data[2].name
    assert len(fig.data[1].x) + len(fig.data[2].x) == len(y)
    np.testing.assert_allclose(fig.data[4].x, [0.1, 0.2], rtol=1e-6)
    assert fig.data[4].marker.color == SYNTHETIC_COLOR
    assert fig.data[5].marker.symbol == "x-open"
    assert len(fig.data[6].x) == len(boundary[0]) > 0
    np.testing.assert_allclose(fig.data[0].z, grid[2], rtol=1e-6)


def test_strategy_map_minimal(logistic):
    X, y = make_imbalanced(50, 4, random_state=0)
    grid = model_probability_grid(logistic, (-3, 3), (-3, 3), size=5)
    fig = strategy_map(X, y, np.arange(10), grid, title="t")
    assert len(fig.data) == 3  # heatmap and the two classes
    assert len(fig.data[1].x) + len(fig.data[2].x) == 10


def histograms():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=200)
    return {
        "plain": probability_histogram(y, rng.uniform(size=200), n_bins=6),
        "weighted": probability_histogram(y, rng.uniform(size=200) ** 2, n_bins=6),
    }


def test_probability_panels_one_panel_per_model():
    hists = histograms()
    marks = {
        "plain": [(0.01, "#000000", "dash")],
        "weighted": [(0.2, "#111111", "dot"), (0.5, "#222222", "solid")],
    }
    fig = probability_panels(
        hists,
        marks=marks,
        title="Probabilities",
        xtitle="p",
        ytitle="share",
        tr=lambda key, **v: f"{key}{v['cls']}",
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "Probabilities"
    assert len(fig.data) == 4
    assert [t.name for t in fig.data] == ["fig.class0", "fig.class1"] * 2
    assert [t.showlegend for t in fig.data] == [True, True, False, False]
    assert [a.text for a in fig.layout.annotations] == ["plain", "weighted"]
    np.testing.assert_allclose(fig.data[1].y, hists["plain"]["share_1"], rtol=1e-6)
    centers = np.sqrt(hists["weighted"]["left"] * hists["weighted"]["right"])
    np.testing.assert_allclose(fig.data[2].x, centers, rtol=1e-6)
    # Vertical lines at the marked probabilities (shapes take data values on a
    # log axis), in the right panels.
    shapes = fig.layout.shapes
    assert len(shapes) == 3
    np.testing.assert_allclose([s.x0 for s in shapes], [0.01, 0.2, 0.5])
    assert [s.line.dash for s in shapes] == ["dash", "dot", "solid"]
    # The probability axis spans the histogram bins, log10(low) to 0.
    np.testing.assert_allclose(fig.layout.xaxis.range, [np.log10(hists["plain"]["left"][0]), 0])
    assert [s.xref for s in shapes] == ["x", "x2", "x2"]
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis2.type == "log"
    assert fig.layout.xaxis.title.text == "p"  # (2 + 1) // 2: the first of two panels
    assert fig.layout.xaxis2.title.text in (None, "")


def test_probability_panels_titles_the_middle_axis_of_three():
    h = histograms()["plain"]
    fig = probability_panels(
        {"a": h, "b": h, "c": h},
        marks={"c": [(0.2, "#000000", "dash")]},
        title="t",
        xtitle="p",
        ytitle="s",
        tr=lambda key, **v: key,
    )
    assert len(fig.data) == 6
    assert [fig.layout[f"xaxis{k}"].title.text or "" for k in ("", "2", "3")] == ["", "p", ""]
    assert [(s.xref, s.x0) for s in fig.layout.shapes] == [("x3", pytest.approx(0.2))]


def test_probability_panels_without_marks():
    fig = probability_panels(
        {"only": histograms()["plain"]},
        marks={},
        title="t",
        xtitle="p",
        ytitle="s",
        tr=lambda key, **v: key,
    )
    assert len(fig.data) == 2
    assert len(fig.layout.shapes) == 0


def test_probability_panels_with_the_default_translator():
    fig = probability_panels(histograms(), marks={}, title="t", xtitle="p", ytitle="s")
    assert [t.name for t in fig.data[:2]] == ["class 0", "class 1"]


def test_reliability_chart_diagonal_and_one_curve_per_model():
    rng = np.random.default_rng(1)
    p = rng.uniform(0.001, 1.0, size=400)
    y = (rng.uniform(size=400) < p).astype(int)
    y[p < 0.1] = 0  # a bin without positives -> frequency 0
    curves = {
        "plain": reliability_curve(y, p, n_bins=10),
        "squared": reliability_curve(y, p**2, n_bins=10),
    }
    assert (curves["plain"]["observed_frequency"] == 0).any()
    fig = reliability_chart(
        curves, title="Reliability", xtitle="mean", ytitle="freq", diagonal="calibrated", low=1e-3
    )
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 3
    assert [t.name for t in fig.data] == ["calibrated", "plain", "squared"]
    assert list(fig.data[0].x) == [1e-3, 1.0] and list(fig.data[0].y) == [1e-3, 1.0]
    assert fig.layout.title.text == "Reliability"
    assert fig.layout.xaxis.title.text == "mean" and fig.layout.yaxis.title.text == "freq"
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis.range[0] == pytest.approx(-3)
    freq = np.asarray(fig.data[1].y)
    assert freq.min() == pytest.approx(1e-3)  # the empty bin is drawn at the floor
    np.testing.assert_allclose(
        freq, np.maximum(curves["plain"]["observed_frequency"], 1e-3), rtol=1e-6
    )
    np.testing.assert_array_equal(fig.data[1].customdata, curves["plain"]["count"])
    assert fig.data[1].line.color != fig.data[2].line.color


def test_add_points_adds_one_trace_per_point_to_the_same_figure():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    points = [
        Point(x=0.2, y=0.8, label="t = 0.5", color="#000000"),
        Point(x=0.4, y=0.6, label="Bayes", color="#009E73", symbol="star"),
    ]
    out = add_points(fig, points)
    assert out is fig
    assert len(fig.data) == 3
    assert [t.name for t in fig.data[1:]] == ["t = 0.5", "Bayes"]
    assert list(fig.data[2].x) == [0.4] and list(fig.data[2].y) == [0.6]
    assert fig.data[2].marker.symbol == "star"
    assert "Bayes" in fig.data[2].hovertemplate
    assert add_points(go.Figure(), []).data == ()


def test_interval_chart_one_panel_per_metric_rows_in_label_order():
    summary = pd.DataFrame(
        [
            {"strategy": s, "metric": m, "mean": mean, "ci_low": mean - 0.1, "ci_high": mean + 0.05}
            for s, base in (("smote", 0.5), ("none", 0.3))
            for m, mean in (("pr_auc", base), ("recall_1", base + 0.2))
        ]
    )
    summary.loc[len(summary)] = {
        "strategy": "focal",
        "metric": "pr_auc",
        "mean": 0.4,
        "ci_low": np.nan,
        "ci_high": np.nan,
    }
    labels = {"none": "No remedy", "focal": "Focal loss", "smote": "SMOTE", "absent": "Not run"}
    fig = interval_chart(
        summary, {"pr_auc": "PR-AUC", "recall_1": "Recall 1"}, labels, title="Intervals"
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "Intervals"
    assert len(fig.data) == 2
    assert [a.text for a in fig.layout.annotations] == ["PR-AUC", "Recall 1"]
    assert list(fig.data[0].y) == ["No remedy", "Focal loss", "SMOTE"]
    np.testing.assert_allclose(fig.data[0].x, [0.3, 0.4, 0.5])
    np.testing.assert_allclose(fig.data[0].error_x.array, [0.05, 0.0, 0.05])
    np.testing.assert_allclose(fig.data[0].error_x.arrayminus, [0.1, 0.0, 0.1])
    # focal has no recall_1 row: NaN mean, nothing drawn.
    assert np.isnan(fig.data[1].x[1])
    np.testing.assert_allclose(np.asarray(fig.data[1].x)[[0, 2]], [0.5, 0.7])
    assert fig.layout.yaxis.autorange == "reversed"


@pytest.mark.parametrize("name", ["random_over", "random_under", "smote"])
@pytest.mark.parametrize("counts", [(67, 33), (100, 10), (100, 49), (30, 29), (200, 3)])
@pytest.mark.parametrize("ratio", [0.05, 0.1, 0.25, 0.5, 0.75, 1.0])
def test_check_strategy_data_agrees_with_imbalanced_learn(name, counts, ratio):
    """check_strategy_data refuses exactly what imbalanced-learn refuses."""
    n0, n1 = counts
    X = np.random.default_rng(0).normal(size=(n0 + n1, 2))
    y = np.array([0] * n0 + [1] * n1)
    sampler = clone(
        make_strategy(name, sampling_strategy=ratio, k_neighbors=2)
        if name == "smote"
        else make_strategy(name, sampling_strategy=ratio)
    ).named_steps["sampler"]
    try:
        sampler.fit_resample(X, y)
        imblearn_ok = True
    except ValueError:
        imblearn_ok = False
    try:
        extra = {"k_neighbors": 2} if name == "smote" else {}
        check_strategy_data(name, {0: n0, 1: n1}, sampling_strategy=ratio, **extra)
        ours_ok = True
    except ValueError:
        ours_ok = False
    assert ours_ok == imblearn_ok


def test_balanced_bagging_needs_five_minority_samples():
    with pytest.raises(ValueError, match="BalancedBagging draws a bootstrap sample"):
        check_strategy_data("balanced_bagging", {0: 100, 1: 4})
    check_strategy_data("balanced_bagging", {0: 100, 1: 5})
