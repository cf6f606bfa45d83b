"""lib.studies.weighted_regression: inverse-variance weights (sample weights, c)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.linear_model import LinearRegression

from lib.studies.weighted_regression import (
    fit_line,
    inverse_variance_weights,
    line_error,
    make_heteroscedastic,
    regression_section,
    regression_study,
    replicate_line_fits,
    slope_standard_deviations,
)


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


def test_regression_section_summarises_the_study():
    view = regression_section(40, spread=20.0, n_reps=200, random_state=5)
    data = make_heteroscedastic(40, spread=20.0, random_state=5)
    study = regression_study(data, n_reps=200, random_state=5)
    np.testing.assert_array_equal(view.data.y, data.y)
    np.testing.assert_array_equal(view.weights, inverse_variance_weights(data.sigma))
    assert view.fits.equals(study.fits)
    assert view.lines["truth"] == (data.intercept, data.slope)
    assert view.lines["wls"] == pytest.approx(fit_line(data.x, data.y, sample_weight=view.weights))
    for k in ("ols", "wls"):
        np.testing.assert_array_equal(view.slopes[k], study.replicates[f"{k}_slope"])
        assert view.sd[k] == pytest.approx(np.std(view.slopes[k], ddof=1))
    assert (view.sd_theory["ols"], view.sd_theory["wls"]) == study.sd_theory
