"""Claims of the prevalence page (``prevalence.*``), each computed with lib and asserted.

Settings: the page's defaults (n = 20,000, training 1:1000, sep 2, seed 0,
deployment 1:10, c_FN = 100, c_FP = 1) and others, on every shape of
:data:`lib.data.SHAPES` where the claim is general.
"""

from __future__ import annotations

import inspect
from functools import cache

import numpy as np
import pytest

from lib.bayes import true_log_odds, true_posterior
from lib.data import SHAPES, make_imbalanced
from lib.metrics import bootstrap_intervals, estimate_prior_em, label_shift_correction
from lib.models import fit_logistic
from lib.prevalence import (
    PREVALENCE_RATIOS,
    cost_by_prevalence,
    deployment_data,
    deployment_report,
    label_shift_study,
    metrics_by_prevalence,
    uncorrected_threshold,
)
from lib.thresholds import bayes_threshold

DEFAULTS = {"n": 20_000, "ratio": 1000, "deploy": 10}
#: (n, training ratio, deployment ratio): the defaults and settings where the
#: deployment has more, and fewer, positives than training.
SETTINGS = [(20_000, 1000, 10), (20_000, 100, 1000), (5000, 10, 1)]


@cache
def report(
    n: int = 20_000,
    ratio: int = 1000,
    deploy: int = 10,
    shape: str = "gaussian",
    cost_fn: float = 100.0,
):
    return deployment_report(
        n, ratio, deploy, class_sep=2.0, shape=shape, seed=0, cost_fp=1.0, cost_fn=cost_fn
    )


@cache
def fitted(n: int, ratio: int, deploy: int, shape: str):
    X, y = make_imbalanced(n, ratio, class_sep=2.0, shape=shape, random_state=0)
    model = fit_logistic(X, y)
    Xd, yd = deployment_data(n, deploy, class_sep=2.0, shape=shape, random_state=0)
    return X, y, model, Xd, yd, model.predict_proba(Xd)[:, 1]


# ---------------------------------------------------------------- metrics section
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("setting", SETTINGS)
def test_recall_roc_auc_and_balanced_accuracy_are_the_same_at_every_prevalence(shape, setting):
    ranges = report(*setting, shape=shape).ranges
    for name in ("recall", "roc_auc", "balanced_accuracy"):
        assert ranges.loc[name, "spread"] < 1e-12, name


@pytest.mark.parametrize("shape", ["gaussian", "unequal_var"])
@pytest.mark.parametrize("setting", SETTINGS[:2])
def test_precision_pr_auc_and_mcc_depend_on_the_prevalence(shape, setting):
    r = report(*setting, shape=shape)
    assert r.ranges.loc["precision", "spread"] > 0.5
    assert r.ranges.loc["average_precision", "spread"] > 0.5
    assert r.ranges.loc["mcc", "spread"] > 0.1
    # falling with the prevalence (the grid's ratios rise)
    assert np.all(np.diff(r.by_prevalence["precision"]) < 0)
    assert np.all(np.diff(r.by_prevalence["average_precision"]) < 0)


def test_a_rule_with_no_positives_has_precision_and_mcc_zero_everywhere():
    r = report(shape="two_clusters")  # the flat linear fit predicts nobody at t*
    assert r.study.rules.loc["bayes_uncorrected", "positives"] == 0
    assert r.ranges.loc["precision", "high"] == r.ranges.loc["mcc", "high"] == 0.0
    assert r.ranges.loc["average_precision", "spread"] > 0.3  # PR-AUC still moves


def test_pr_auc_chance_level_is_the_prevalence_and_the_grid_spans_1_to_10000():
    assert PREVALENCE_RATIOS[0] == 1 and PREVALENCE_RATIOS[-1] == 10_000
    rng = np.random.default_rng(0)
    y = np.r_[np.ones(200, dtype=int), np.zeros(2000, dtype=int)]
    table = metrics_by_prevalence(y, np.full(len(y), 0.3))  # a score that ignores x
    np.testing.assert_allclose(table["average_precision"], table["prevalence"], rtol=1e-12)
    noise = metrics_by_prevalence(y, rng.random(len(y)))
    np.testing.assert_allclose(noise["average_precision"], noise["prevalence"], rtol=0.35)
    assert abs(noise["roc_auc"].iloc[0] - 0.5) < 0.06  # ROC-AUC's chance level is 0.5


def test_the_metrics_rule_is_the_bayes_threshold_on_uncorrected_probabilities():
    assert report().threshold == pytest.approx(bayes_threshold(1.0, 100.0))
    assert report().threshold == pytest.approx(1 / 101)


# ---------------------------------------------------------------- intervals
def test_intervals_are_95_percent_stratified_bootstrap_with_500_replicates():
    assert inspect.signature(deployment_report).parameters["n_boot"].default == 500
    assert inspect.signature(bootstrap_intervals).parameters["level"].default == 0.95
    _, _, model, Xd, yd, p = fitted(5000, 100, 10, "gaussian")
    r = deployment_report(5000, 100, 10, class_sep=2.0, seed=0)
    again = bootstrap_intervals(yd, p, threshold=r.threshold, n_boot=500, random_state=0).set_index(
        "metric"
    )
    np.testing.assert_allclose(r.intervals[["low", "high"]], again[["low", "high"]])


@pytest.mark.parametrize("shape", SHAPES[:2])
def test_recall_interval_is_wide_with_few_positives(shape):
    r = report(shape=shape)
    assert (r.n1_deploy, r.n1_test) == (1818, 20)
    width = r.intervals.loc["recall", "high"] - r.intervals.loc["recall", "low"]
    width_few = r.intervals_test.loc["recall", "high"] - r.intervals_test.loc["recall", "low"]
    assert width_few > 5 * width
    # recall of n1 positives moves in steps of 1/n1
    assert (r.intervals_test.loc["recall", "estimate"] * 20) == pytest.approx(
        round(r.intervals_test.loc["recall", "estimate"] * 20)
    )
    # and at a deployment of 1:1000 the deployment set keeps few positives: wider
    few = report(deploy=1000, shape=shape)
    assert few.n1_deploy == 20
    assert few.intervals.loc["recall", "high"] - few.intervals.loc["recall", "low"] > 5 * width


# ---------------------------------------------------------------- label shift
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("ratio", "deploy"), [(1000, 10), (10, 1000), (3, 1)])
def test_for_the_true_posterior_the_correction_is_exact_on_every_shape(shape, ratio, deploy):
    X, _ = make_imbalanced(2000, 5, class_sep=2.0, shape=shape, random_state=1)
    at_train = true_posterior(X, ratio=ratio, class_sep=2.0, shape=shape)
    moved = label_shift_correction(
        at_train, train_prior=1 / (1 + ratio), deploy_prior=1 / (1 + deploy)
    )
    np.testing.assert_allclose(
        moved, true_posterior(X, ratio=deploy, class_sep=2.0, shape=shape), rtol=1e-9, atol=1e-15
    )


def test_gaussian_true_posterior_is_logistic_in_x():
    X, _ = make_imbalanced(500, 10, class_sep=2.0, random_state=2)
    lo = true_log_odds(X, ratio=10, class_sep=2.0)
    A = np.c_[X, np.ones(len(X))]
    coef, *_ = np.linalg.lstsq(A, lo, rcond=None)
    np.testing.assert_allclose(A @ coef, lo, atol=1e-9)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("setting", SETTINGS)
def test_the_correction_keeps_roc_auc(shape, setting):
    r = report(*setting, shape=shape)
    assert r.auc_corrected == r.auc_uncorrected


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("setting", SETTINGS)
def test_training_mean_probability_equals_the_training_rate(shape, setting):
    X, y, model, *_ = fitted(*setting, shape)
    assert model.predict_proba(X)[:, 1].mean() == pytest.approx(y.mean(), rel=0.05)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("setting", SETTINGS)
def test_mean_p_lies_between_the_training_and_the_deployment_rate(shape, setting):
    *_, p = fitted(*setting, shape)
    study = report(*setting, shape=shape).study
    low, high = sorted((study.train_prior, study.deploy_prior))
    assert study.mean_p == pytest.approx(p.mean())
    if shape == "two_clusters":  # a line barely separates: about the training rate
        assert abs(study.mean_p - study.train_prior) < 0.05 * (high - low)
    else:
        assert low < study.mean_p < high


def test_mean_corrected_true_posterior_matches_the_deployment_rate():
    Xd, yd = deployment_data(200_000, 10, class_sep=2.0, random_state=0)
    truth_at_train = true_posterior(Xd, ratio=1000, class_sep=2.0)
    corrected = label_shift_correction(truth_at_train, train_prior=1 / 1001, deploy_prior=1 / 11)
    assert corrected.mean() == pytest.approx(yd.mean(), rel=0.02)


def test_em_uses_no_labels_and_its_correction_has_mean_equal_to_the_estimate():
    *_, yd, p = fitted(20_000, 1000, 10, "gaussian")
    study = label_shift_study(yd, p, train_prior=0.001)
    shuffled = label_shift_study(np.random.default_rng(0).permutation(yd), p, train_prior=0.001)
    assert study.em_prior == shuffled.em_prior == estimate_prior_em(p, train_prior=0.001)
    assert study.deploy_prior == yd.mean()
    assert study.mean_corrected_em == pytest.approx(study.em_prior, abs=1e-6)


@pytest.mark.parametrize("shape", SHAPES)
def test_rule_thresholds_and_the_uncorrected_equivalent(shape):
    r = report(shape=shape)
    rules, study = r.study.rules, r.study
    assert rules.loc["half", "threshold"] == 0.5
    assert rules.loc["bayes_uncorrected", "threshold"] == pytest.approx(1 / 101)
    tu = uncorrected_threshold(
        1 / 101, train_prior=study.train_prior, deploy_prior=study.deploy_prior
    )
    assert rules.loc["bayes_corrected", "threshold"] == pytest.approx(tu)
    *_, p = fitted(20_000, 1000, 10, shape)
    corrected = label_shift_correction(
        p, train_prior=study.train_prior, deploy_prior=study.deploy_prior
    )
    clear = np.abs(corrected - 1 / 101) > 1e-9
    np.testing.assert_array_equal((p >= tu)[clear], (corrected >= 1 / 101)[clear])


@pytest.mark.parametrize("shape", SHAPES)
def test_corrected_rule_moves_with_prevalence_and_meets_the_uncorrected_at_training(shape):
    *_, yd, p = fitted(20_000, 1000, 10, shape)
    pi_s = 1 / 1001
    costs = cost_by_prevalence(yd, p, [1000], train_prior=pi_s, cost_fn=100.0)
    assert costs["bayes_corrected"].iloc[0] == costs["bayes_uncorrected"].iloc[0]
    thresholds = [
        uncorrected_threshold(1 / 101, train_prior=pi_s, deploy_prior=1 / (1 + r))
        for r in PREVALENCE_RATIOS
    ]
    assert np.all(np.diff(thresholds) > 0)  # higher prevalence, lower threshold on p


def test_well_specified_em_differs_from_the_true_rate_at_the_defaults():
    study = report().study
    assert abs(study.em_prior - study.deploy_prior) > 0.01 * study.deploy_prior


@pytest.mark.parametrize(("n", "ratio", "deploy"), [(20_000, 1000, 10), (200_000, 10, 100)])
def test_on_misspecified_shapes_the_correction_is_only_approximate(n, ratio, deploy):
    def error(shape: str) -> float:
        _, y, _, Xd, yd, p = fitted(n, ratio, deploy, shape)
        corrected = label_shift_correction(p, train_prior=y.mean(), deploy_prior=yd.mean())
        truth = true_posterior(Xd, ratio=deploy, class_sep=2.0, shape=shape)
        return float(np.mean(np.abs(corrected - truth)))

    gaussian = error("gaussian")
    for shape in ("unequal_var", "two_clusters"):
        assert error(shape) > 3 * gaussian, shape


# ---------------------------------------------------------------- what to look for
def test_look_for_at_the_defaults():
    r = report()
    rules, study = r.study.rules, r.study
    assert rules.loc["bayes_uncorrected", "recall"] < 0.5  # misses most positives
    assert rules.loc["bayes_uncorrected", "cost"] > 3 * rules.loc["bayes_corrected", "cost"]
    assert abs(study.em_prior - study.deploy_prior) < 0.25 * study.deploy_prior
    assert report(shape="two_clusters").study.em_prior > 3 * study.deploy_prior
