"""Issue 14, section 3: label shift, prevalence and metrics, calibration repair, tuned thresholds.

Every tolerance below comes from a measurement, noted next to it (the spread
over 6 to 30 seeds of the same experiment, with a margin); the seeds the
tests use are fixed, so the margin guards against library drift, not luck.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import integrate
from scipy import stats as sps
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import RandomForestClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.utils.class_weight import compute_sample_weight

from lib.bayes import true_log_odds
from lib.calibration import (
    brier_score,
    expected_calibration_error,
    fit_calibrator,
    recalibrate,
    weight_correction,
)
from lib.data import make_imbalanced
from lib.i18n import LabError, error_text
from lib.metrics import (
    BOOTSTRAP_METRICS,
    PrevalenceMetrics,
    _WeightedMetrics,
    bootstrap_intervals,
    estimate_prior_em,
    label_shift_correction,
    prevalence_metrics,
    prior_correction,
)
from lib.models import fit_logistic
from lib.thresholds import (
    average_cost,
    bayes_threshold,
    cost_scorer,
    expected_cost,
    optimal_threshold,
    tune_threshold_cv,
)

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


# ============================================================ prevalence and metrics
@pytest.fixture(scope="module")
def score_pools() -> tuple[np.ndarray, np.ndarray]:
    """Scores of one fixed logistic model (trained at 1:10) on many positives and negatives."""
    Xt, yt = make_imbalanced(5000, 10, class_sep=2.0, random_state=0)
    model = LogisticRegression().fit(Xt, yt)
    X, y = make_imbalanced(200_000, 1, class_sep=2.0, random_state=1)
    p = model.predict_proba(X)[:, 1]
    return p[y == 1], p[y == 0]


def _test_set(
    pools: tuple[np.ndarray, np.ndarray], n1: int, n0: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    pos, neg = pools
    p = np.r_[rng.choice(pos, n1, replace=False), rng.choice(neg, n0, replace=False)]
    return np.r_[np.ones(n1), np.zeros(n0)], p


def test_precision_and_pr_auc_follow_prevalence_roc_and_recall_do_not(score_pools):
    # Same model, same score distribution in each class, 500 positives and
    # prevalence 0.5, 0.1, 0.01. Over 30 seeds the largest change from the 0.5 set
    # was 0.024 (ROC-AUC), 0.082 (recall), 0.037 (balanced accuracy), while precision
    # fell by at least 0.72 and PR-AUC by at least 0.58 from 0.5 to 0.01.
    rng = np.random.default_rng(0)
    rows = []
    for pi in (0.5, 0.1, 0.01):
        y, p = _test_set(score_pools, 500, round(500 * (1 - pi) / pi), rng)
        rows.append(prevalence_metrics(y, p))
    assert [r.prevalence for r in rows] == pytest.approx([0.5, 0.1, 0.01])
    for name, tol in (("roc_auc", 0.04), ("recall", 0.12), ("balanced_accuracy", 0.06)):
        values = [getattr(r, name) for r in rows]
        assert max(values) - min(values) < tol, (name, values)
    for name, drop in (("precision", 0.5), ("average_precision", 0.4)):
        values = [getattr(r, name) for r in rows]
        assert values[0] > values[1] > values[2], (name, values)
        assert values[0] - values[2] > drop, (name, values)


@pytest.mark.parametrize("pi", [0.5, 0.1, 0.01])
def test_pr_auc_chance_level_is_the_prevalence(pi):
    # Scores that ignore the label: over 20 seeds of n = 20,000, |AP - pi| <= 0.0082
    # and |ROC-AUC - 0.5| <= 0.041 (at pi = 0.01: 200 positives).
    rng = np.random.default_rng(1)
    y = np.zeros(20_000)
    y[: round(20_000 * pi)] = 1
    result = prevalence_metrics(y, rng.random(len(y)))
    assert abs(result.average_precision - pi) < 0.015
    assert abs(result.roc_auc - 0.5) < 0.06
    assert result.prevalence == pytest.approx(pi)


@settings(max_examples=200)
@given(
    y=arrays(np.int64, st.integers(2, 60), elements=st.integers(0, 1)),
    seed=st.integers(0, 2**32 - 1),
    t=st.floats(0.05, 0.95),
)
def test_balanced_accuracy_is_accuracy_with_balanced_sample_weights(y, seed, t):
    # scikit-learn's definition. The two sums run in a different order, so they
    # agree to rounding only: measured over 20,000 random cases, at most 5.6e-16
    # (a few units in the last place of a number near 0.5); allowed: 1e-15.
    if y.min() == y.max():
        return
    p = np.random.default_rng(seed).random(len(y))
    weights = compute_sample_weight("balanced", y)
    expected = accuracy_score(y, (p >= t).astype(np.int64), sample_weight=weights)
    assert prevalence_metrics(y, p, threshold=t).balanced_accuracy == pytest.approx(
        expected, rel=0.0, abs=1e-15
    )


@settings(max_examples=200)
@given(
    y=arrays(np.int64, st.integers(2, 40), elements=st.integers(0, 1)),
    scores=arrays(np.int64, 40, elements=st.integers(0, 6)),
    w=arrays(np.int64, 40, elements=st.integers(0, 3)),
    t=st.sampled_from([0.1, 0.5, 0.55, 0.9]),
)
def test_fast_bootstrap_metrics_equal_scikit_learn_on_the_repeated_sample(y, scores, w, t):
    # The bootstrap evaluates a replicate as weights (multiplicities); it must give
    # what scikit-learn gives on the sample with each point repeated w_i times,
    # ties in the scores included.
    n = len(y)
    p, w = scores[:n] / 6.0, w[:n]
    repeated = np.repeat(np.arange(n), w)
    if len(repeated) == 0 or np.unique(y[repeated]).size < 2 or np.unique(y).size < 2:
        return
    fast = _WeightedMetrics(y, p, t)(w.astype(np.float64))
    reference = prevalence_metrics(y[repeated], p[repeated], threshold=t).as_dict()
    np.testing.assert_allclose(
        fast, [reference[m] for m in BOOTSTRAP_METRICS], rtol=1e-12, atol=1e-12
    )


def test_metrics_dataclass_fields():
    result = prevalence_metrics([0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9])
    assert isinstance(result, PrevalenceMetrics)
    assert result.as_dict() == {
        "prevalence": 0.5,
        "precision": 0.5,
        "recall": 0.5,
        "average_precision": pytest.approx(0.8333333333),
        "roc_auc": 0.75,
        "balanced_accuracy": 0.5,
        "mcc": 0.0,
    }
    # nothing predicted positive: precision 0 (scikit-learn's zero_division=0), MCC 0
    none = prevalence_metrics([0, 1], [0.1, 0.2], threshold=0.5)
    assert none.precision == 0.0 and none.recall == 0.0 and none.mcc == 0.0


def test_intervals_contain_the_estimate_and_widen_with_fewer_positives(score_pools):
    # Prevalence 0.05 with 20 or 500 positives. Over 10 seeds the 95 % width of
    # recall was 0.35-0.45 with 20 positives and 0.082-0.090 with 500; the smallest
    # ratio of any metric below (AP: 0.222 / 0.085) was 2.6.
    rng = np.random.default_rng(2)
    widths = {}
    for n1 in (20, 500):
        y, p = _test_set(score_pools, n1, 19 * n1, rng)
        table = bootstrap_intervals(y, p, n_boot=1000, random_state=n1)
        assert list(table["metric"]) == list(BOOTSTRAP_METRICS)
        assert (table["low"] <= table["estimate"]).all() and (
            table["estimate"] <= table["high"]
        ).all(), table
        estimate = prevalence_metrics(y, p).as_dict()
        assert list(table["estimate"]) == [estimate[m] for m in BOOTSTRAP_METRICS]
        widths[n1] = (table["high"] - table["low"]).to_numpy()
    wider = dict(zip(BOOTSTRAP_METRICS, widths[20] / widths[500], strict=True))
    for name in ("precision", "recall", "average_precision", "balanced_accuracy", "mcc"):
        assert wider[name] > 2.0, wider
    # recall of 20 positives moves in steps of 1/20: its interval spans several
    assert widths[20][BOOTSTRAP_METRICS.index("recall")] >= 0.25


def _population_truth() -> dict[str, float]:
    # Scores Beta(3, 2) for positives and Beta(2, 3) for negatives, prevalence 0.1,
    # threshold 0.5: every population value in closed form or by quadrature.
    pi, tpr, fpr = 0.1, sps.beta.sf(0.5, 3, 2), sps.beta.sf(0.5, 2, 3)
    tp, fn, fp, tn = pi * tpr, pi * (1 - tpr), (1 - pi) * fpr, (1 - pi) * (1 - fpr)
    auc = integrate.quad(lambda s: sps.beta.pdf(s, 3, 2) * sps.beta.cdf(s, 2, 3), 0, 1)[0]
    return {
        "precision": tp / (tp + fp),
        "recall": tpr,
        "roc_auc": auc,
        "balanced_accuracy": 0.5 * (tpr + 1 - fpr),
        "mcc": (tp * tn - fp * fn) / math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)),
    }


def test_intervals_cover_the_population_value_about_as_often_as_promised():
    # 150 test sets of 50 positives and 450 negatives, 200 replicates each.
    # Measured: coverage 0.933-0.947 for these metrics (0.935-0.955 with 200 sets
    # of 300 replicates; the percentile interval of PR-AUC covered only 0.915:
    # average precision is biased on small samples, so it is left out here).
    # Binomial sd at 150 sets: 0.018. Too narrow or too wide intervals fall outside.
    truth = _population_truth()
    hits = dict.fromkeys(truth, 0)
    for s in range(150):
        rng = np.random.default_rng(s)
        p = np.r_[rng.beta(3, 2, 50), rng.beta(2, 3, 450)]
        y = np.r_[np.ones(50), np.zeros(450)]
        table = bootstrap_intervals(y, p, n_boot=200, random_state=s).set_index("metric")
        for name, value in truth.items():
            hits[name] += int(table.at[name, "low"] <= value <= table.at[name, "high"])
    coverage = {name: k / 150 for name, k in hits.items()}
    assert all(0.88 <= c <= 0.99 for c in coverage.values()), coverage


def test_a_single_positive_is_in_every_replicate():
    # Stratified resampling: a plain bootstrap would draw replicates without the
    # only positive (about e^-1 of them), where recall and ROC-AUC are undefined.
    y = np.r_[1.0, np.zeros(30)]
    p = np.r_[0.55, np.linspace(0.05, 0.95, 30)]
    table = bootstrap_intervals(y, p, n_boot=200, random_state=0).set_index("metric")
    assert table.loc["recall", ["low", "high"]].tolist() == [1.0, 1.0]
    assert 0.0 < table.at["roc_auc", "low"] < table.at["roc_auc", "high"] < 1.0


def test_intervals_are_reproducible_and_nested():
    rng = np.random.default_rng(3)
    y = np.r_[np.ones(40), np.zeros(400)]
    p = np.r_[rng.beta(3, 2, 40), rng.beta(2, 3, 400)]
    a = bootstrap_intervals(y, p, n_boot=200, random_state=5)
    b = bootstrap_intervals(y, p, n_boot=200, random_state=5)
    assert a.equals(b)
    narrow = bootstrap_intervals(y, p, n_boot=200, level=0.5, random_state=5)
    assert (narrow["low"] >= a["low"]).all() and (narrow["high"] <= a["high"]).all()
    assert (narrow["high"] - narrow["low"] < a["high"] - a["low"]).all()


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda: prevalence_metrics([0, 0], [0.1, 0.2]), "error.arg.one_class"),
        (lambda: bootstrap_intervals([1, 1], [0.1, 0.2]), "error.arg.one_class"),
        (lambda: prevalence_metrics([0, 2], [0.1, 0.2]), "error.arg.binary_labels"),
        (lambda: prevalence_metrics([0, 1], [0.1, 1.2]), "error.arg.not_probabilities"),
        (lambda: prevalence_metrics([0, 1], [0.1, 0.2, 0.3]), "error.arg.lengths"),
        (lambda: prevalence_metrics([0, 1], [0.1, 0.2], threshold=1.0), "error.arg.below"),
        (lambda: bootstrap_intervals([0, 1], [0.1, 0.2], n_boot=5), "error.arg.at_least"),
        (lambda: bootstrap_intervals([0, 1], [0.1, 0.2], level=1.0), "error.arg.below"),
        (lambda: bootstrap_intervals([0, 1], [0.1, 0.2], random_state=-1), "error.arg.at_least"),
    ],
)
def test_metrics_reject_bad_input(call, key):
    with pytest.raises(LabError) as info:
        call()
    assert info.value.message.key == key


def test_new_errors_read_in_every_language():
    with pytest.raises(LabError) as info:
        prevalence_metrics([0, 0], [0.1, 0.2])
    assert str(info.value) == "`y_true` must contain both classes 0 and 1; it has only class 0."
    for lang in ("ru", "ko"):
        text = error_text(info.value, lang)
        assert text != str(info.value) and "`y_true`" in text and "0" in text
    with pytest.raises(LabError) as info:
        fit_calibrator(LogisticRegression(), np.ones((4, 1)), [0, 1, 0, 1])
    for lang in ("ru", "ko"):
        assert error_text(info.value, lang) != str(info.value)


# ================================================================ calibration repair
@pytest.fixture(scope="module")
def rebalanced_models():
    """An undersampled and a weighted logistic model at 1:100, with calibration and test data."""
    X, y = make_imbalanced(60_000, 100, class_sep=2.0, random_state=0)
    (Xtr, ytr), cal, test = ((X[i : i + 20_000], y[i : i + 20_000]) for i in (0, 20_000, 40_000))
    rng = np.random.default_rng(0)
    pos, neg = np.flatnonzero(ytr == 1), np.flatnonzero(ytr == 0)
    kept = np.r_[pos, rng.choice(neg, len(pos), replace=False)]
    n0, n1 = np.bincount(ytr)
    return (
        {
            "undersampled": fit_logistic(Xtr[kept], ytr[kept]),
            "weighted": fit_logistic(Xtr, ytr, w0=1.0, w1=n0 / n1),
        },
        cal,
        test,
    )


@pytest.mark.parametrize("name", ["undersampled", "weighted"])
@pytest.mark.parametrize("method", ["sigmoid", "isotonic"])
def test_repair_improves_calibration_on_held_out_data(rebalanced_models, name, method):
    # Over 10 seeds: ECE 0.22 -> 0.001 (worst after/before 0.010), Brier 0.11 -> 0.008
    # (worst after/before 0.087), for both methods and both models.
    models, (Xc, yc), (Xte, yte) = rebalanced_models
    model = models[name]
    before = model.predict_proba(Xte)[:, 1]
    after = recalibrate(model, Xc, yc, Xte, method=method)
    assert expected_calibration_error(yte, after) < 0.05 * expected_calibration_error(yte, before)
    assert brier_score(yte, after) < 0.2 * brier_score(yte, before)


def test_repair_is_scikit_learns_frozen_calibration(rebalanced_models):
    # The documented use, CalibratedClassifierCV(FrozenEstimator(model)) with its
    # default folds, gives the same probabilities; the model itself is not refitted.
    models, (Xc, yc), (Xte, _) = rebalanced_models
    model = models["weighted"]
    coef = model.coef_.copy()
    for method in ("sigmoid", "isotonic"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # few positives per fold
            reference = CalibratedClassifierCV(FrozenEstimator(model), method=method).fit(Xc, yc)
        ours = fit_calibrator(model, Xc, yc, method=method)
        np.testing.assert_allclose(
            ours.predict_proba(Xte), reference.predict_proba(Xte), rtol=0, atol=1e-12
        )
    np.testing.assert_array_equal(model.coef_, coef)


def _odds_vs_repair(shape: str) -> dict[str, float]:
    # 1:20, separation 1: an undersampled and a weighted logistic model, each
    # corrected by the one-line odds correction or repaired by isotonic regression.
    X, y = make_imbalanced(60_000, 20, class_sep=1.0, shape=shape, random_state=0)
    (Xtr, ytr), (Xc, yc), (Xte, yte) = (
        (X[i : i + 20_000], y[i : i + 20_000]) for i in (0, 20_000, 40_000)
    )
    rng = np.random.default_rng(0)
    pos, neg = np.flatnonzero(ytr == 1), np.flatnonzero(ytr == 0)
    kept = np.r_[pos, rng.choice(neg, len(pos), replace=False)]
    beta = len(pos) / len(neg)
    under = fit_logistic(Xtr[kept], ytr[kept])
    weighted = fit_logistic(Xtr, ytr, w0=1.0, w1=1.0 / beta)
    out = {}
    for name, model, corrected in (
        ("under", under, prior_correction(under.predict_proba(Xte)[:, 1], beta)),
        (
            "weighted",
            weighted,
            weight_correction(weighted.predict_proba(Xte)[:, 1], 1.0, 1.0 / beta),
        ),
    ):
        repaired = recalibrate(model, Xc, yc, Xte, method="isotonic")
        out[f"{name}_ece_ratio"] = expected_calibration_error(
            yte, corrected
        ) / expected_calibration_error(yte, repaired)
        out[f"{name}_brier_ratio"] = brier_score(yte, corrected) / brier_score(yte, repaired)
    return out


def test_odds_correction_is_not_enough_on_a_misspecified_shape():
    # "unequal_var" (curved Bayes boundary). Over 6 seeds, odds-corrected / isotonic:
    # ECE ratio >= 8.5 (0.023 vs 0.0018), Brier ratio >= 1.12, for both models.
    ratios = _odds_vs_repair("unequal_var")
    for name in ("under", "weighted"):
        assert ratios[f"{name}_ece_ratio"] > 4.0, ratios
        assert ratios[f"{name}_brier_ratio"] > 1.05, ratios


def test_odds_correction_is_enough_on_the_well_specified_shape():
    # The same settings on "gaussian": over 6 seeds the Brier ratio stayed within
    # 0.996-1.0023 (and the ECE ratio, of two ECEs near 0.003, within 0.61-2.07).
    ratios = _odds_vs_repair("gaussian")
    for name in ("under", "weighted"):
        assert ratios[f"{name}_brier_ratio"] < 1.01, ratios


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (
            lambda m: fit_calibrator(LogisticRegression(), np.ones((4, 1)), [0, 1, 0, 1]),
            "error.calibration.not_fitted",
        ),
        (
            lambda m: fit_calibrator(m, np.ones((4, 1)), [0, 1, 0, 1], method="beta"),
            "error.arg.choice",
        ),
        (lambda m: fit_calibrator(m, np.ones((4, 1)), [0, 0, 0, 0]), "error.arg.one_class"),
        (lambda m: fit_calibrator(m, np.ones((4, 1)), [0, 1, 0]), "error.arg.lengths"),
        (lambda m: recalibrate(m, np.ones((4, 1)), [0, 1, 0, 1], np.ones(3)), "error.arg.ndim"),
    ],
)
def test_calibration_rejects_bad_input(call, key):
    fitted = LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), [0, 0, 1, 1])
    with pytest.raises(LabError) as info:
        call(fitted)
    assert info.value.message.key == key


# =================================================================== tuned thresholds
def test_cost_scorer_is_the_negative_average_cost():
    X, y = make_imbalanced(2000, 20, class_sep=2.0, random_state=0)
    model = LogisticRegression().fit(X, y)
    pred = model.predict(X)
    cost = average_cost(y, pred, cost_fp=1.0, cost_fn=20.0)
    fp = int(np.sum((pred == 1) & (y == 0)))
    fn = int(np.sum((pred == 0) & (y == 1)))
    assert cost == pytest.approx((fp + 20.0 * fn) / len(y))
    assert cost_scorer(cost_fp=1.0, cost_fn=20.0)(model, X, y) == pytest.approx(-cost)
    # the same count as expected_cost at threshold 0.5 (scikit-learn predicts p > 0.5,
    # expected_cost p >= 0.5; no probability here is exactly 0.5)
    p = model.predict_proba(X)[:, 1]
    assert not np.any(p == 0.5)
    table = expected_cost(y, p, cost_fp=1.0, cost_fn=20.0, thresholds=[0.5])
    assert table["cost"].iloc[0] == pytest.approx(cost)
    with pytest.raises(LabError, match="class labels 0 and 1"):
        average_cost([0, 1], [0, 2], cost_fp=1.0, cost_fn=1.0)
    with pytest.raises(LabError, match="same number of samples"):
        average_cost([0, 1], [0], cost_fp=1.0, cost_fn=1.0)


@pytest.mark.parametrize("seed", [0, 3])
def test_tuned_threshold_is_near_bayes_for_a_calibrated_model(seed):
    # Gaussian data at 1:50 (well specified), unweighted logistic regression,
    # c_FP = 1, c_FN = 20: Bayes threshold 1/21 = 0.0476. Over 10 seeds of 20,000
    # samples the tuned threshold was within 0.36 in log-odds (0.019 in p) of it,
    # and its test cost at most 1.008 times the Bayes threshold's.
    X, y = make_imbalanced(20_000, 50, class_sep=2.0, random_state=seed)
    tuned = tune_threshold_cv(
        LogisticRegression(), X, y, cost_fp=1.0, cost_fn=20.0, random_state=seed
    )
    bayes = bayes_threshold(1.0, 20.0)
    gap = math.log(tuned.threshold / (1 - tuned.threshold)) - math.log(bayes / (1 - bayes))
    assert abs(gap) < 0.6, (tuned.threshold, bayes)
    Xte, yte = make_imbalanced(100_000, 50, class_sep=2.0, random_state=seed + 100)
    p = tuned.model.predict_proba(Xte)[:, 1]
    costs = expected_cost(yte, p, cost_fp=1.0, cost_fn=20.0, thresholds=[tuned.threshold, bayes])[
        "cost"
    ].to_numpy()
    assert costs[0] < 1.05 * costs[1], costs
    # the returned curve is the one the threshold was chosen from
    assert tuned.cv_cost == pytest.approx(tuned.cv_costs.min())
    assert tuned.threshold == tuned.thresholds[np.argmin(tuned.cv_costs)]
    np.testing.assert_array_equal(
        tuned.model.predict(Xte[:500]), (p[:500] >= tuned.threshold).astype(np.int64)
    )


def test_training_threshold_is_optimistic_cross_validated_one_is_not():
    # A random forest nearly memorises its training data, so the threshold searched
    # on its training predictions looks almost free there. Over 6 seeds (4,000
    # samples, 1:20, c_FN = 20 c_FP): training cost 0-0.0005 vs test cost 0.60-0.65 at
    # that threshold; the CV-tuned threshold's CV cost 0.35-0.45 vs its test cost
    # 0.38-0.41 (largest relative gap 0.17), the lower test cost of the two.
    X, y = make_imbalanced(4000, 20, class_sep=2.0, random_state=0)
    Xte, yte = make_imbalanced(40_000, 20, class_sep=2.0, random_state=100)
    forest = RandomForestClassifier(n_estimators=50, random_state=0, n_jobs=1)
    fitted = forest.fit(X, y)
    t_train, train_cost = optimal_threshold(
        y, fitted.predict_proba(X)[:, 1], cost_fp=1.0, cost_fn=20.0
    )
    test_at_train = expected_cost(
        yte, fitted.predict_proba(Xte)[:, 1], cost_fp=1.0, cost_fn=20.0, thresholds=[t_train]
    )["cost"].iloc[0]
    assert train_cost < 0.05 * test_at_train, (train_cost, test_at_train)

    tuned = tune_threshold_cv(
        RandomForestClassifier(n_estimators=50, random_state=0, n_jobs=1),
        X,
        y,
        cost_fp=1.0,
        cost_fn=20.0,
        random_state=0,
    )
    test_at_cv = expected_cost(
        yte,
        tuned.model.predict_proba(Xte)[:, 1],
        cost_fp=1.0,
        cost_fn=20.0,
        thresholds=[tuned.threshold],
    )["cost"].iloc[0]
    assert abs(tuned.cv_cost - test_at_cv) < 0.3 * test_at_cv, (tuned.cv_cost, test_at_cv)
    assert test_at_cv < test_at_train


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"cost_fp": 0.0, "cost_fn": 1.0}, "error.arg.above"),
        ({"cost_fp": 1.0, "cost_fn": float("inf")}, "error.arg.not_finite"),
        ({"cost_fp": 1.0, "cost_fn": 1.0, "cv": 1}, "error.arg.at_least"),
        ({"cost_fp": 1.0, "cost_fn": 1.0, "cv": 8}, "error.cv.too_few_for_folds"),
        ({"cost_fp": 1.0, "cost_fn": 1.0, "thresholds": [0.5, 2.0]}, "error.arg.not_probabilities"),
    ],
)
def test_tuning_rejects_bad_input(kwargs, key):
    X, y = make_imbalanced(120, 20, class_sep=2.0, random_state=0)  # 6 positives
    with pytest.raises(LabError) as info:
        tune_threshold_cv(LogisticRegression(), X, y, **kwargs)
    assert info.value.message.key == key
    with pytest.raises(LabError) as info:
        tune_threshold_cv(LogisticRegression(), X, np.zeros(len(y)), cost_fp=1.0, cost_fn=1.0)
    assert info.value.message.key == "error.arg.one_class"
