"""lib.metrics.corrections: the prior (label-shift) correction, the EM estimate of a
deployment prior (issue 14, section 3) and the weighted threshold.

Every tolerance below comes from a measurement, noted next to it (the spread
over 6 to 30 seeds of the same experiment, with a margin); the seeds the
tests use are fixed, so the margin guards against library drift, not luck.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.linear_model import LogisticRegression

from lib.bayes import true_log_odds
from lib.data import make_imbalanced
from lib.i18n import LabError
from lib.metrics import (
    estimate_prior_em,
    label_shift_correction,
    prior_correction,
    weighted_threshold,
)


def test_prior_correction_inverts_undersampling_shift():
    # True p; undersampling negatives by beta multiplies the odds by 1/beta.
    p = np.linspace(0.001, 0.999, 50)
    beta = 0.05
    odds_s = p / (1 - p) / beta
    p_s = odds_s / (1 + odds_s)
    np.testing.assert_allclose(prior_correction(p_s, beta), p, rtol=1e-10)
    with pytest.raises(ValueError):
        prior_correction([0.5], 0.0)
    with pytest.raises(ValueError):
        prior_correction([np.nan], 0.5)


@given(st.floats(1e-3, 1e4), st.floats(1e-3, 1e4))
def test_weighted_threshold(w0, w1):
    t = weighted_threshold(w0, w1)
    assert t == pytest.approx(w0 / (w0 + w1))
    assert weighted_threshold(1, 1) == 0.5


def test_weighted_threshold_rejects_bad_weights():
    with pytest.raises(ValueError):
        weighted_threshold(-1, 1)


probability = st.floats(0.0, 1.0, allow_nan=False)
prior = st.floats(1e-4, 1.0 - 1e-4, allow_nan=False)
prob_arrays = arrays(np.float64, st.integers(1, 30), elements=probability)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _posterior(X: np.ndarray, ratio: float, *, sep: float, shape: str = "gaussian") -> np.ndarray:
    """The Bayes posterior P(y=1|x) of make_imbalanced's data at prior 1 / (1 + ratio)."""
    return _sigmoid(true_log_odds(X, ratio=ratio, class_sep=sep, shape=shape))


# ======================================================================= label shift
@given(p=prob_arrays, pi=prior)
def test_equal_priors_leave_probabilities_unchanged(p, pi):
    np.testing.assert_allclose(
        label_shift_correction(p, train_prior=pi, deploy_prior=pi), p, rtol=1e-12, atol=1e-15
    )


@given(p=prob_arrays, pi=prior, beta=st.floats(1e-3, 1.0))
def test_undersampling_is_the_label_shift_back_to_the_true_prior(p, pi, beta):
    # Keeping a fraction beta of the negatives raises the positive rate from pi to
    # pi_s = pi / (pi + beta (1 - pi)); moving back from pi_s to pi is prior_correction.
    pi_s = pi / (pi + beta * (1.0 - pi))
    if not 0.0 < pi_s < 1.0:  # rounding at the extremes
        return
    np.testing.assert_allclose(
        label_shift_correction(p, train_prior=pi_s, deploy_prior=pi),
        prior_correction(p, beta),
        rtol=1e-9,
        atol=1e-12,
    )


@given(p=prob_arrays, a=prior, b=prior)
def test_correction_is_monotone_in_p(p, a, b):
    ordered = np.sort(p)
    out = label_shift_correction(ordered, train_prior=a, deploy_prior=b)
    assert np.all(np.diff(out) >= 0.0)
    assert np.all((out >= 0.0) & (out <= 1.0))


@given(p=prob_arrays, a=prior, b=prior)
def test_correction_is_invertible(p, a, b):
    there = label_shift_correction(p, train_prior=a, deploy_prior=b)
    back = label_shift_correction(there, train_prior=b, deploy_prior=a)
    np.testing.assert_allclose(back, p, rtol=1e-9, atol=1e-9)


@given(p=prob_arrays, a=prior, b=prior)
@example(p=np.array([0.9999]), a=0.0001, b=0.9921875)  # 1 - out = 8e-11 (was a false alarm)
def test_correction_moves_the_odds_by_the_prior_odds_ratio(p, a, b):
    # Saerens et al. eq. (2.4) in odds form: odds' = odds * [b / (1 - b)] / [a / (1 - a)]
    inner = p[(p > 1e-6) & (p < 1 - 1e-6)]
    out = label_shift_correction(inner, train_prior=a, deploy_prior=b)
    # Odds from a probability within 1e-6 of 0 or 1 lose digits to 1 - out.
    keep = (out > 1e-6) & (out < 1 - 1e-6)
    ratio = (out[keep] / (1 - out[keep])) / (inner[keep] / (1 - inner[keep]))
    np.testing.assert_allclose(ratio, (b / (1 - b)) / (a / (1 - a)), rtol=1e-6)


def test_shape_of_the_input_is_kept():
    p = np.full((3, 4), 0.2)
    assert label_shift_correction(p, train_prior=0.5, deploy_prior=0.1).shape == (3, 4)
    assert label_shift_correction([], train_prior=0.5, deploy_prior=0.1).shape == (0,)


@pytest.mark.parametrize("shape", ["gaussian", "unequal_var", "two_clusters"])
def test_correction_turns_one_bayes_posterior_into_the_other(shape):
    # Only the prior differs between ratio 100 and ratio 10; the class densities are
    # the same, so moving the exact posterior at 1:100 to prior 1/11 must give the
    # exact posterior at 1:10 (true_log_odds uses the prior odds 1/r).
    X, _ = make_imbalanced(2000, 100, class_sep=2.0, shape=shape, random_state=0)
    at_100 = _posterior(X, 100, sep=2.0, shape=shape)
    at_10 = _posterior(X, 10, sep=2.0, shape=shape)
    moved = label_shift_correction(at_100, train_prior=1 / 101, deploy_prior=1 / 11)
    np.testing.assert_allclose(moved, at_10, rtol=1e-9, atol=1e-12)


def _label_shifted(
    seed: int, *, n1: int = 1000, n0: int = 10_000, ratio: float = 100, sep: float = 2.0
) -> tuple[np.ndarray, np.ndarray]:
    """Deployment data at prior n1 / (n1 + n0) from a 1:ratio population.

    Labels are drawn from the exact posterior at 1:ratio, so probabilities equal to
    that posterior are calibrated by construction; selecting by label keeps p(x|y)
    and changes only the prior (pure label shift).
    """
    X, _ = make_imbalanced(200_000, ratio, class_sep=sep, random_state=seed)
    rng = np.random.default_rng(seed + 1000)
    y = (rng.random(len(X)) < _posterior(X, ratio, sep=sep)).astype(np.int64)
    pos = rng.choice(np.flatnonzero(y == 1), n1, replace=False)
    neg = rng.choice(np.flatnonzero(y == 0), n0, replace=False)
    idx = np.r_[pos, neg]
    return X[idx], y[idx]


@pytest.mark.parametrize("seed", [0, 1])
def test_em_recovers_the_deployment_prior_from_calibrated_probabilities(seed):
    # Train 1:100, deploy 1:10 (prior 1/11 = 0.0909). Over 20 seeds the EM error with
    # the exact posterior had sd 0.0037 and max 0.0070; tolerance 0.015 (4 sd). The
    # uncorrected mean of p (0.021-0.023) is off by more than 0.06.
    X, y = _label_shifted(seed)
    p = _posterior(X, 100, sep=2.0)
    truth = float(y.mean())
    estimate = estimate_prior_em(p, train_prior=1 / 101)
    assert abs(estimate - truth) < 0.015
    assert abs(float(p.mean()) - truth) > 0.06
    # the estimate is a fixed point of the EM step
    step = float(np.mean(label_shift_correction(p, train_prior=1 / 101, deploy_prior=estimate)))
    assert abs(step - estimate) < 1e-6


def test_em_with_a_fitted_logistic_model():
    # A (well-specified) logistic fit on 20,000 training points at 1:100 instead of the
    # exact posterior: over 20 seeds the error had sd 0.0066 and max 0.0117.
    X, y = _label_shifted(3)
    Xt, yt = make_imbalanced(20_000, 100, class_sep=2.0, random_state=503)
    model = LogisticRegression(C=1e6).fit(Xt, yt)
    estimate = estimate_prior_em(model.predict_proba(X)[:, 1], train_prior=float(yt.mean()))
    assert abs(estimate - float(y.mean())) < 0.025


def test_em_without_shift_stays_at_the_training_prior():
    X, _ = make_imbalanced(50_000, 100, class_sep=2.0, random_state=7)
    rng = np.random.default_rng(7)
    p = _posterior(X, 100, sep=2.0)
    y = rng.random(len(p)) < p
    # no shift: the estimate is the sample's own positive rate (sd of that ~0.00045)
    assert abs(estimate_prior_em(p, train_prior=1 / 101) - y.mean()) < 0.003


def test_em_edge_cases():
    assert estimate_prior_em([0.0, 0.0], train_prior=0.3) == 0.0
    assert estimate_prior_em([1.0, 1.0], train_prior=0.3) == 1.0
    # one step only: the mean of the (uncorrected) probabilities
    assert estimate_prior_em([0.1, 0.7], train_prior=0.3, max_iter=1) == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"train_prior": 0.0, "deploy_prior": 0.5}, "error.arg.above"),
        ({"train_prior": 1.0, "deploy_prior": 0.5}, "error.arg.below"),
        ({"train_prior": 0.5, "deploy_prior": -0.1}, "error.arg.above"),
        ({"train_prior": 0.5, "deploy_prior": 1.5}, "error.arg.at_most"),
        ({"train_prior": float("nan"), "deploy_prior": 0.5}, "error.arg.not_finite"),
        ({"train_prior": 0.5, "deploy_prior": "a"}, "error.arg.not_number"),
    ],
)
def test_label_shift_rejects_bad_priors(kwargs, key):
    with pytest.raises(LabError) as info:
        label_shift_correction([0.2], **kwargs)
    assert info.value.message.key == key


@pytest.mark.parametrize(
    ("p", "key"),
    [
        ([0.2, 1.5], "error.arg.not_probabilities"),
        ([-0.1], "error.arg.not_probabilities"),
        ([0.2, float("nan")], "error.arg.non_finite"),
        (["x"], "error.arg.numbers_only"),
    ],
)
def test_label_shift_rejects_bad_probabilities(p, key):
    with pytest.raises(LabError) as info:
        label_shift_correction(p, train_prior=0.5, deploy_prior=0.1)
    assert info.value.message.key == key
    with pytest.raises(LabError):
        estimate_prior_em(p, train_prior=0.5)


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"train_prior": 0.0}, "error.arg.above"),
        ({"train_prior": 0.5, "tol": 0.0}, "error.arg.above"),
        ({"train_prior": 0.5, "max_iter": 0}, "error.arg.at_least"),
        ({"train_prior": 0.5, "max_iter": 2.5}, "error.arg.not_integer"),
    ],
)
def test_em_rejects_bad_arguments(kwargs, key):
    with pytest.raises(LabError) as info:
        estimate_prior_em([0.2, 0.3], **kwargs)
    assert info.value.message.key == key
    with pytest.raises(LabError, match="must not be empty"):
        estimate_prior_em([], train_prior=0.5)
