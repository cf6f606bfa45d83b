import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.calibration import calibration_curve
from sklearn.metrics import log_loss

from lib.calibration import (
    brier_score,
    expected_calibration_error,
    reliability_curve,
    weight_correction,
)
from lib.data import make_imbalanced
from lib.losses import sigmoid
from lib.metrics import prior_correction
from lib.models import fit_logistic

probs = arrays(np.float64, st.integers(1, 50), elements=st.floats(1e-6, 1 - 1e-6, allow_nan=False))
weights = st.floats(1e-2, 1e2, allow_nan=False)


@given(probs, weights, weights)
def test_weight_correction_inverts_the_odds_shift(p, w0, w1):
    # The weighted model's odds are (w1/w0) times the true odds.
    p_w = w1 * p / (w1 * p + w0 * (1 - p))
    np.testing.assert_allclose(weight_correction(p_w, w0, w1), p, rtol=1e-9, atol=1e-12)


@given(probs, st.floats(1e-3, 1.0, allow_nan=False))
def test_weight_correction_with_beta_equals_prior_correction(p, beta):
    np.testing.assert_allclose(
        weight_correction(p, beta, 1.0), prior_correction(p, beta), rtol=1e-12
    )


def test_corrections_recover_known_logistic_probabilities():
    rng = np.random.default_rng(0)
    x = rng.normal(size=2000)
    p_true = sigmoid(1.5 * x - 3.0)
    beta = 0.05  # keep 5 % of the majority: odds grow by 1/beta
    p_s = p_true / (p_true + beta * (1 - p_true))
    np.testing.assert_allclose(prior_correction(p_s, beta), p_true, rtol=1e-10)
    w0, w1 = 1.0, 20.0
    p_w = sigmoid(1.5 * x - 3.0 + np.log(w1 / w0))
    np.testing.assert_allclose(weight_correction(p_w, w0, w1), p_true, rtol=1e-10)


def test_weighted_logistic_corrected_probabilities_approach_the_unweighted_ones():
    X, y = make_imbalanced(20_000, 20, class_sep=2.0, random_state=1)
    w0, w1 = 1.0, 20.0
    plain = fit_logistic(X, y, C=1e4).predict_proba(X)[:, 1]
    p_w = fit_logistic(X, y, w0=w0, w1=w1, C=1e4).predict_proba(X)[:, 1]
    corrected = weight_correction(p_w, w0, w1)
    assert np.mean((corrected - plain) ** 2) < 0.01 * np.mean((p_w - plain) ** 2)
    assert brier_score(y, corrected) < brier_score(y, p_w)
    assert log_loss(y, corrected) < log_loss(y, p_w)
    assert abs(log_loss(y, corrected) - log_loss(y, plain)) < 1e-3


def test_weight_correction_keeps_the_ends_and_handles_a_zero_weight():
    np.testing.assert_allclose(weight_correction([0.0, 0.5, 1.0], 1.0, 3.0), [0.0, 0.25, 1.0])
    np.testing.assert_allclose(weight_correction([0.0, 0.3], 0.0, 1.0), [0.0, 0.0])


def test_ece_is_zero_for_perfectly_calibrated_bins():
    centres = np.arange(10) / 10 + 0.05
    p = np.repeat(centres, 20)
    y = np.concatenate(
        [np.r_[np.ones(round(c * 20)), np.zeros(20 - round(c * 20))] for c in centres]
    )
    assert expected_calibration_error(y, p, n_bins=10) == pytest.approx(0.0, abs=1e-12)
    curve = reliability_curve(y, p, n_bins=10)
    np.testing.assert_allclose(curve["observed_frequency"], curve["mean_predicted"])


def test_ece_matches_a_hand_computation():
    y = [0, 1, 1, 0, 1]
    p = [0.1, 0.3, 0.8, 0.9, 0.9]
    # 2 bins: [0, .5] holds {0.1, 0.3} -> acc 1/2, conf 0.2;
    #         (.5, 1] holds {0.8, 0.9, 0.9} -> acc 2/3, conf 13/15.
    expected = 2 / 5 * abs(0.5 - 0.2) + 3 / 5 * abs(2 / 3 - 2.6 / 3)
    assert expected_calibration_error(y, p, n_bins=2) == pytest.approx(expected)


@given(
    arrays(np.float64, st.integers(2, 60), elements=st.floats(0, 1, allow_nan=False)),
    st.integers(1, 20),
    st.integers(0, 2**31 - 1),
)
def test_ece_in_unit_interval_and_curve_counts_add_up(p, n_bins, seed):
    y = np.random.default_rng(seed).integers(0, 2, size=len(p))
    ece = expected_calibration_error(y, p, n_bins=n_bins)
    assert 0.0 <= ece <= 1.0
    for strategy in ("uniform", "quantile"):
        curve = reliability_curve(y, p, n_bins=n_bins, strategy=strategy)
        assert curve["count"].sum() == len(p)
        assert curve["bin"].is_monotonic_increasing
        if 0 < y.sum() < len(y):
            true, pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
            np.testing.assert_allclose(curve["observed_frequency"], true)
            np.testing.assert_allclose(curve["mean_predicted"], pred)


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_reliability_curve_matches_sklearn(strategy):
    rng = np.random.default_rng(3)
    p = rng.uniform(size=500)
    y = (rng.uniform(size=500) < p).astype(int)
    curve = reliability_curve(y, p, n_bins=8, strategy=strategy)
    true, pred = calibration_curve(y, p, n_bins=8, strategy=strategy)
    np.testing.assert_allclose(curve["observed_frequency"], true)
    np.testing.assert_allclose(curve["mean_predicted"], pred)
    assert list(curve.columns) == ["bin", "mean_predicted", "observed_frequency", "count"]
    assert isinstance(curve, pd.DataFrame)


def test_reliability_curve_with_a_single_class():
    curve = reliability_curve([0, 0, 0], [0.1, 0.2, 0.9], n_bins=2)
    np.testing.assert_allclose(curve["observed_frequency"], [0.0, 0.0])
    np.testing.assert_allclose(curve["mean_predicted"], [0.15, 0.9])
    np.testing.assert_array_equal(curve["count"], [2, 1])


def test_brier_score_hand_value():
    assert brier_score([0, 1, 1], [0.2, 0.6, 1.0]) == pytest.approx((0.04 + 0.16 + 0) / 3)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: weight_correction([0.2, np.nan], 1, 2), "finite"),
        (lambda: weight_correction([1.2], 1, 2), "between 0 and 1"),
        (lambda: weight_correction([0.2], 0, 0), "w0"),
        (lambda: weight_correction([0.2], -1, 1), "w0"),
        (lambda: brier_score([0, 1], [0.2]), "same number"),
        (lambda: brier_score([0, 2], [0.2, 0.3]), "0 and 1"),
        (lambda: brier_score([0, 1], [-0.1, 0.3]), "between 0 and 1"),
        (lambda: expected_calibration_error([0, 1], [0.1, 0.2], n_bins=0), "n_bins"),
        (lambda: expected_calibration_error([0, 1], [0.1, 0.2], n_bins=2.5), "n_bins"),
        (lambda: reliability_curve([0, 1], [0.1, 0.2], strategy="equal"), "strategy"),
        (lambda: reliability_curve([], [], n_bins=2), "empty"),
    ],
)
def test_bad_inputs_raise_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
