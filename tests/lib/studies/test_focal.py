"""Tests of lib.studies.focal: loss shares and the weighted against the focal-loss model."""

import pandas as pd
import pytest

from lib.data import make_imbalanced
from lib.i18n import LabError
from lib.linear import LinearModel
from lib.losses import focal_loss_shares
from lib.metrics import per_class_report
from lib.models import fit_focal_linear, fit_logistic
from lib.studies.focal import ALPHA_CHOICES, alpha_value, focal_comparison


def _linear(model):
    return LinearModel.of(model.coef_[0], model.intercept_[0])


@pytest.fixture(scope="module")
def setting():
    X, y = make_imbalanced(3000, 40, random_state=5)
    X_t, y_t = make_imbalanced(3000, 40, random_state=6)
    models = {
        "plain": _linear(fit_logistic(X, y)),
        "weighted": _linear(fit_logistic(X, y, w0=1.0, w1=40.0)),
        "focal": fit_focal_linear(X, y, gamma=2.0, alpha=0.25),
    }
    return X, y, X_t, y_t, models


def test_alpha_choices_parse_to_numbers_or_none():
    assert alpha_value("none") is None
    assert [alpha_value(a) for a in ALPHA_CHOICES[1:]] == [float(a) for a in ALPHA_CHOICES[1:]]
    with pytest.raises(LabError):
        alpha_value("0.3")


def test_the_comparison_holds_lib_shares_and_reports(setting):
    X, y, X_t, y_t, models = setting
    result = focal_comparison(X, y, X_t, y_t, **models, gamma=2.0, alpha=0.25)
    expected = focal_loss_shares(y, models["plain"].probability(X), gamma=2.0, alpha=0.25)
    pd.testing.assert_frame_equal(result.shares, expected)
    for name in ("weighted", "focal"):
        pd.testing.assert_frame_equal(
            result.reports[name],
            per_class_report(y_t, models[name].predict(X_t), labels=[0, 1]),
        )
    assert result.n_majority == int((y == 0).sum())
    assert 0 < result.n_easy <= result.n_majority
    assert result.easy_bce == expected.loc["bce", "easy_majority"]
    assert result.easy_focal == expected.loc["focal", "easy_majority"]


def test_focal_loss_shrinks_the_share_of_easy_negatives(setting):
    X, y, X_t, y_t, models = setting
    result = focal_comparison(X, y, X_t, y_t, **models, gamma=2.0, alpha=None)
    assert result.easy_focal < result.easy_bce
    plain = focal_comparison(X, y, X_t, y_t, **models, gamma=0.0, alpha=None)
    assert plain.easy_focal == pytest.approx(plain.easy_bce)  # gamma = 0: focal is BCE
