"""Class weights versus a moved threshold: what is exact, what is not, and why.

The texts (``boundaries.equivalence``, ``thresholds.same_text``,
``lesson.threshold.*``, ``lesson.surface.*``) say that weighting equals
threshold moving only in the limit of a well-specified model fitted to many
samples; that the gap on the app's data comes from finite-sample variance
(not from the L2 penalty); that plain agreement hides it; and that for a
well-specified model the moved threshold is the more efficient estimate
(King & Zeng 2001). Each statement is measured here (lib.models.weighting_vs_threshold),
the numbers the lessons quote in tests/lib/studies/test_lessons.py.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import balanced_accuracy_score

from lib.data import make_imbalanced
from lib.metrics import weighted_threshold
from lib.models import compare_weighting_and_threshold, fit_logistic
from lib.weights import class_weights

RATIO, SEP = 1000, 2.0


def _compare(n, *, C=1.0, seed=0, n_test=200_000):
    X, y = make_imbalanced(n, RATIO, class_sep=SEP, random_state=seed)
    X_test, _ = make_imbalanced(n_test, RATIO, class_sep=SEP, random_state=seed + 1)
    w = class_weights(y)
    plain = fit_logistic(X, y, C=C)
    weighted = fit_logistic(X, y, w0=w[0], w1=w[1], C=C)
    return compare_weighting_and_threshold(
        plain.coef_[0],
        plain.intercept_[0],
        weighted.coef_[0],
        weighted.intercept_[0],
        X_test,
        w0=w[0],
        w1=w[1],
    )


@settings(max_examples=40, deadline=None)
@given(
    st.floats(0.1, 5),
    st.floats(-3, 3),
    st.floats(-4, 4),
    st.floats(1e-3, 1e3),
    st.integers(0, 10_000),
)
def test_exact_odds_scaling_is_exact_threshold_moving(a1, a2, b, ratio, seed):
    X = np.random.default_rng(seed).normal(size=(500, 2))
    coef = np.array([a1, a2])
    result = compare_weighting_and_threshold(coef, b, coef, b + np.log(ratio), X, w0=1.0, w1=ratio)
    # Points exactly on the line could fall either side by rounding.
    assert result.agreement >= 0.998 and result.jaccard >= 0.99
    assert result.slope_change == pytest.approx(0.0, abs=1e-12)
    assert result.angle == pytest.approx(0.0, abs=1e-4)
    assert result.intercept_shift == pytest.approx(result.log_ratio)
    assert result.threshold == pytest.approx(weighted_threshold(1.0, ratio))


def test_plain_agreement_hides_the_disagreement_on_positives():
    """lesson.threshold.explain: ~96 % agreement, but a Jaccard of about 0.8."""
    result = _compare(20_000)
    assert result.agreement > 0.95
    assert 0.7 < result.jaccard < 0.9


def test_the_gap_is_not_the_penalty():
    """Refitting with C = 1e6 (almost no L2 penalty) keeps the gap."""
    penalised, free = _compare(20_000, C=1.0), _compare(20_000, C=1e6)
    assert free.jaccard < 0.9 and penalised.jaccard < 0.9
    assert abs(free.jaccard - penalised.jaccard) < 0.05
    assert free.slope_change > 0.1


def test_the_gap_shrinks_with_more_minority_samples():
    """Finite-sample variance: 200 positives instead of 20 close most of the gap."""
    small, large = _compare(20_000, C=1e6), _compare(200_000, C=1e6)
    assert large.jaccard > 0.95 > small.jaccard
    assert abs(large.slope_change) < 0.05 < abs(small.slope_change)
    assert large.angle < small.angle / 3
    # Exact threshold moving would shift the intercept by log(w1/w0).
    assert 0.95 < large.intercept_shift / large.log_ratio < 1.02


def test_moved_threshold_is_the_more_efficient_estimate_on_well_specified_data():
    """King & Zeng (2001): with a correct model, prior correction beats weighting.

    Over 20 training sets at 1:1000 both rules aim at the same Bayes decision
    (predict 1 when the true posterior exceeds w0/(w0+w1)); measured by the
    balanced accuracy they lose against that Bayes rule, the moved threshold
    loses less on average and varies less between samples.
    """
    X_test, y_test = make_imbalanced(400_000, RATIO, class_sep=SEP, random_state=999)
    true_logit = SEP * X_test @ (np.ones(2) / np.sqrt(2)) - np.log(RATIO)
    regrets = []
    for seed in range(20):
        X, y = make_imbalanced(20_000, RATIO, class_sep=SEP, random_state=seed)
        w = class_weights(y)
        t = weighted_threshold(w[0], w[1])
        plain, weighted = fit_logistic(X, y, C=1e6), fit_logistic(X, y, w0=w[0], w1=w[1], C=1e6)
        bayes = balanced_accuracy_score(y_test, true_logit > np.log(t / (1 - t)))
        regrets.append(
            (
                bayes - balanced_accuracy_score(y_test, plain.predict_proba(X_test)[:, 1] > t),
                bayes - balanced_accuracy_score(y_test, weighted.predict(X_test)),
            )
        )
    moved, weighted_regret = np.array(regrets).T
    assert moved.mean() < weighted_regret.mean()
    assert moved.std() < weighted_regret.std()
