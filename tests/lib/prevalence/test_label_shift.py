"""lib.prevalence.label_shift: decision rules under label shift and their costs (issue 14, s. 3)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import make_imbalanced
from lib.metrics import label_shift_correction
from lib.models import fit_logistic
from lib.prevalence import RULES, cost_by_prevalence, label_shift_study, uncorrected_threshold
from tests.lib.prevalence.helpers import _scores


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
