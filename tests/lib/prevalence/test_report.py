"""lib.prevalence.report: deployment data and the prevalence page's report (issue 14, section 3)."""

from __future__ import annotations

import numpy as np
import pytest

from lib.data import make_imbalanced
from lib.prevalence import (
    DEPLOY_SEED_OFFSET,
    PREVALENCE_METRICS,
    deployment_data,
    deployment_report,
)


def test_deployment_data_is_make_imbalanced_with_another_seed():
    X, y = deployment_data(500, 10, class_sep=2.0, shape="unequal_var", random_state=3)
    X2, y2 = make_imbalanced(
        500, 10, class_sep=2.0, shape="unequal_var", random_state=3 + DEPLOY_SEED_OFFSET
    )
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert DEPLOY_SEED_OFFSET not in (0, 1)  # neither the training nor the test seed


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


def test_test_and_deployment_sets_are_capped_but_training_follows_the_sidebar(monkeypatch):
    """prevalence.intro: the evaluation sets have the training set's size, at most
    EVAL_MAX_ROWS (200,000) samples, so a million-row setting stays responsive."""
    import lib.prevalence.report as prevalence

    assert prevalence.EVAL_MAX_ROWS == 200_000
    monkeypatch.setattr(prevalence, "EVAL_MAX_ROWS", 1500)
    small = prevalence.deployment_report(1000, 20, 5, class_sep=2.0, n_boot=20)
    capped = prevalence.deployment_report(4000, 20, 5, class_sep=2.0, n_boot=20)
    assert small.n_deploy == 1000 and capped.n_deploy == 1500
