"""Unit tests of lib.prevalence and lib.figures_prevalence (issue 14, section 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import make_imbalanced
from lib.figures_prevalence import cost_prevalence_chart, metrics_prevalence_chart
from lib.metrics import label_shift_correction, prevalence_metrics
from lib.models import fit_logistic
from lib.prevalence import (
    DEPLOY_SEED_OFFSET,
    PREVALENCE_METRICS,
    PREVALENCE_RATIOS,
    RULES,
    cost_by_prevalence,
    deployment_data,
    deployment_report,
    label_shift_study,
    metric_ranges,
    metrics_by_prevalence,
    uncorrected_threshold,
)


def _scores(seed: int = 0, n: int = 3000, ratio: int = 5):
    X, y = make_imbalanced(n, ratio, class_sep=1.5, random_state=seed)
    p = fit_logistic(X, y).predict_proba(X)[:, 1]
    return y, p


def test_deployment_data_is_make_imbalanced_with_another_seed():
    X, y = deployment_data(500, 10, class_sep=2.0, shape="unequal_var", random_state=3)
    X2, y2 = make_imbalanced(
        500, 10, class_sep=2.0, shape="unequal_var", random_state=3 + DEPLOY_SEED_OFFSET
    )
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert DEPLOY_SEED_OFFSET not in (0, 1)  # neither the training nor the test seed


def test_metrics_at_the_sets_own_ratio_equal_prevalence_metrics():
    y, p = _scores()
    own = (len(y) - y.sum()) / y.sum()
    row = metrics_by_prevalence(y, p, [own], threshold=0.3).iloc[0]
    expected = prevalence_metrics(y, p, threshold=0.3).as_dict()
    for name in PREVALENCE_METRICS:
        assert row[name] == pytest.approx(expected[name], abs=1e-12), name
    assert row["prevalence"] == pytest.approx(expected["prevalence"])


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    t=st.floats(0.05, 0.95),
    ratios=st.lists(st.sampled_from(PREVALENCE_RATIOS), min_size=2, max_size=6),
)
def test_within_class_metrics_do_not_depend_on_prevalence(seed, t, ratios):
    y, p = _scores(seed, n=400)
    table = metrics_by_prevalence(y, p, ratios, threshold=t)
    for name in ("recall", "roc_auc", "balanced_accuracy"):
        assert np.ptp(table[name]) < 1e-9, name


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), t=st.floats(0.05, 0.95))
def test_precision_follows_its_formula_and_rises_with_prevalence(seed, t):
    y, p = _scores(seed, n=400)
    table = metrics_by_prevalence(y, p, threshold=t)
    pred = p >= t
    tpr, fpr = pred[y == 1].mean(), pred[y == 0].mean()
    pi = table["prevalence"].to_numpy()
    if tpr + fpr > 0:
        expected = pi * tpr / (pi * tpr + (1 - pi) * fpr)
        np.testing.assert_allclose(table["precision"], expected, atol=1e-9)
    if tpr > 0 and fpr > 0:
        assert np.all(np.diff(table["precision"]) < 0)  # ratios rise, prevalence falls


def test_ranges_and_bad_inputs():
    y, p = _scores()
    ranges = metric_ranges(metrics_by_prevalence(y, p))
    assert list(ranges.index) == list(PREVALENCE_METRICS)
    assert np.all(ranges["high"] >= ranges["low"])
    np.testing.assert_allclose(ranges["spread"], ranges["high"] - ranges["low"])
    with pytest.raises(ValueError, match="ratios"):
        metrics_by_prevalence(y, p, [0.5])
    with pytest.raises(ValueError, match="ratios"):
        metrics_by_prevalence(y, p, [])
    with pytest.raises(ValueError):
        metrics_by_prevalence(np.zeros(5), np.full(5, 0.5))
    with pytest.raises(ValueError, match="metrics_by_prevalence"):
        metric_ranges(pd.DataFrame({"x": [1.0]}))


@settings(max_examples=50, deadline=None)
@given(
    t=st.floats(0.001, 0.999),
    src=st.floats(0.001, 0.999),
    dst=st.floats(0.001, 0.999),
    p=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=30),
)
def test_uncorrected_threshold_gives_the_same_decisions(t, src, dst, p):
    tu = uncorrected_threshold(t, train_prior=src, deploy_prior=dst)
    corrected = label_shift_correction(np.array(p), train_prior=src, deploy_prior=dst)
    arr = np.array(p)
    # away from the boundary itself (rounding), p >= tu exactly when p' >= t
    clear = np.abs(corrected - t) > 1e-9
    np.testing.assert_array_equal((arr >= tu)[clear], (corrected >= t)[clear])
    assert uncorrected_threshold(t, train_prior=src, deploy_prior=src) == pytest.approx(t)


def test_label_shift_study_rules_and_means():
    y, p = _scores(1, n=4000, ratio=3)
    Xd, yd = make_imbalanced(4000, 20, class_sep=1.5, random_state=5)
    X, y = make_imbalanced(4000, 3, class_sep=1.5, random_state=1)
    model = fit_logistic(X, y)
    pd_ = model.predict_proba(Xd)[:, 1]
    study = label_shift_study(yd, pd_, train_prior=y.mean(), cost_fp=1.0, cost_fn=10.0)
    assert list(study.rules.index) == list(RULES)
    assert study.bayes == pytest.approx(1 / 11)
    assert study.rules.loc["half", "threshold"] == 0.5
    assert study.rules.loc["bayes_uncorrected", "threshold"] == pytest.approx(1 / 11)
    assert study.deploy_prior == pytest.approx(yd.mean())
    assert study.mean_p == pytest.approx(pd_.mean())
    assert study.mean_corrected_em == pytest.approx(study.em_prior, abs=1e-6)
    for rule in RULES:
        pred = pd_ >= study.rules.loc[rule, "threshold"]
        fp, fn = np.sum(pred & (yd == 0)), np.sum(~pred & (yd == 1))
        assert study.rules.loc[rule, "cost"] == pytest.approx((fp + 10 * fn) / len(yd))
        assert study.rules.loc[rule, "recall"] == pytest.approx(pred[yd == 1].mean())
    with pytest.raises(ValueError):
        label_shift_study(yd, pd_, train_prior=1.5)
    with pytest.raises(ValueError):
        label_shift_study(yd, pd_, train_prior=0.2, cost_fp=0.0, cost_fn=0.0)


def test_cost_by_prevalence_matches_the_study_at_the_sets_own_ratio():
    X, y = make_imbalanced(4000, 3, class_sep=1.5, random_state=1)
    Xd, yd = make_imbalanced(4000, 20, class_sep=1.5, random_state=5)
    p = fit_logistic(X, y).predict_proba(Xd)[:, 1]
    own = (len(yd) - yd.sum()) / yd.sum()
    costs = cost_by_prevalence(yd, p, [own], train_prior=y.mean(), cost_fp=1.0, cost_fn=10.0)
    study = label_shift_study(yd, p, train_prior=y.mean(), cost_fp=1.0, cost_fn=10.0)
    for rule in ("half", "bayes_uncorrected", "bayes_corrected"):
        assert costs[rule].iloc[0] == pytest.approx(study.rules.loc[rule, "cost"]), rule
    with pytest.raises(ValueError):
        cost_by_prevalence(yd, p, [0.0], train_prior=0.2)


def test_deployment_report_is_consistent():
    r = deployment_report(2000, 20, 5, class_sep=2.0, shape="gaussian", seed=0, n_boot=50)
    assert r.n_deploy == 2000 and r.n1_deploy == round(2000 / 6)
    assert r.n1_test == round(2000 / 21)
    assert list(r.intervals.index) == list(PREVALENCE_METRICS)
    assert np.all(r.intervals["low"] <= r.intervals["high"])
    assert r.auc_corrected == pytest.approx(r.auc_uncorrected, abs=1e-12)
    # the grid's 1:5 is pi = 1/6; the set holds round(2000 / 6) = 333 positives
    row = r.by_prevalence.loc[r.by_prevalence["ratio"] == 5].iloc[0]
    for name in PREVALENCE_METRICS:
        assert row[name] == pytest.approx(r.current[name], abs=2e-3), name


def test_figures_draw_what_they_are_given():
    r = deployment_report(2000, 20, 5, class_sep=2.0, seed=0, n_boot=20)
    fig = metrics_prevalence_chart(r.by_prevalence, r.study.deploy_prior)
    assert len(fig.data) == len(PREVALENCE_METRICS) + 1
    np.testing.assert_allclose(fig.data[-1].y, r.by_prevalence["prevalence"])  # chance = π
    assert fig.layout.xaxis.type == "log"
    fig = cost_prevalence_chart(r.costs, r.study.deploy_prior)
    assert len(fig.data) == 3
    np.testing.assert_allclose(fig.data[2].y, r.costs["bayes_corrected"])
    assert fig.layout.shapes[0].x0 == pytest.approx(r.study.deploy_prior)


def test_test_and_deployment_sets_are_capped_but_training_follows_the_sidebar(monkeypatch):
    """prevalence.intro: the evaluation sets have the training set's size, at most
    EVAL_MAX_ROWS (200,000) samples, so a million-row setting stays responsive."""
    import lib.prevalence as prevalence

    assert prevalence.EVAL_MAX_ROWS == 200_000
    monkeypatch.setattr(prevalence, "EVAL_MAX_ROWS", 1500)
    small = prevalence.deployment_report(1000, 20, 5, class_sep=2.0, n_boot=20)
    capped = prevalence.deployment_report(4000, 20, 5, class_sep=2.0, n_boot=20)
    assert small.n_deploy == 1000 and capped.n_deploy == 1500
