"""lib.thresholds.curves: precision, recall and rates at every threshold; the confusion at one."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import (
    average_precision_score,
    confusion_matrix,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

from lib.thresholds import ThresholdCurves, confusion_at, threshold_curves
from tests.lib.thresholds.helpers import any_probs, coarse_probs, labelled, thresholds

# --- threshold_curves ------------------------------------------------------------------


@given(labelled(st.one_of(coarse_probs, any_probs)))
def test_threshold_curves_match_sklearn(data):
    y, p = data
    curves = threshold_curves(y, p)
    assert isinstance(curves, ThresholdCurves)
    precision, recall, _ = precision_recall_curve(y, p)
    fpr, tpr, _ = roc_curve(y, p)
    np.testing.assert_allclose(curves.precision, precision)
    np.testing.assert_allclose(curves.recall, recall)
    np.testing.assert_allclose(curves.fpr, fpr)
    np.testing.assert_allclose(curves.tpr, tpr)
    assert curves.average_precision == pytest.approx(average_precision_score(y, p))
    assert curves.roc_auc == pytest.approx(roc_auc_score(y, p))
    assert curves.prevalence == pytest.approx(np.mean(y))
    for arr in (curves.precision, curves.recall, curves.fpr, curves.tpr):
        assert arr.dtype == np.float64


def test_threshold_curves_hand_values():
    y = [0, 0, 1, 1, 0, 0, 0, 0]
    p = [0.1, 0.4, 0.35, 0.8, 0.2, 0.2, 0.05, 0.3]
    curves = threshold_curves(y, p)
    assert curves.prevalence == pytest.approx(0.25)
    # Positive scores 0.35 and 0.8 beat 5 and 6 of the 6 negatives.
    assert curves.roc_auc == pytest.approx(11 / 12)
    # Ranking: 0.8 (pos), 0.4 (neg), 0.35 (pos): AP = (1/1 + 2/3) / 2.
    assert curves.average_precision == pytest.approx((1 + 2 / 3) / 2)


def test_threshold_curves_of_a_perfect_ranking():
    curves = threshold_curves([0, 0, 0, 1], [0.1, 0.2, 0.3, 0.9])
    assert curves.roc_auc == 1.0
    assert curves.average_precision == 1.0
    assert curves.prevalence == 0.25


# --- confusion_at ----------------------------------------------------------------------


def test_confusion_at_hand_example():
    y = [0, 0, 1, 1, 1, 0]
    p = [0.1, 0.6, 0.4, 0.8, 0.6, 0.3]
    out = confusion_at(y, p, 0.5)
    assert {k: out[k] for k in ("tp", "fp", "fn", "tn")} == {"tp": 2, "fp": 1, "fn": 1, "tn": 2}
    assert out["precision"] == pytest.approx(2 / 3)
    assert out["recall"] == pytest.approx(2 / 3)
    assert out["tpr"] == pytest.approx(2 / 3)
    assert out["fpr"] == pytest.approx(1 / 3)
    # p >= t: a probability equal to the threshold is predicted positive.
    assert confusion_at(y, p, 0.6)["tp"] == 2 and confusion_at(y, p, 0.6)["fp"] == 1
    above = confusion_at(y, p, 0.61)
    assert (above["tp"], above["fp"], above["fn"], above["tn"]) == (1, 0, 2, 3)
    assert above["precision"] == 1.0
    assert above["recall"] == pytest.approx(1 / 3)
    assert above["fpr"] == 0.0


def test_confusion_at_precision_is_one_when_nothing_is_predicted_positive():
    out = confusion_at([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], 0.9)
    assert out["tp"] == out["fp"] == 0
    assert out["fn"] == 2 and out["tn"] == 2
    assert out["precision"] == 1.0
    assert out["recall"] == 0.0 and out["fpr"] == 0.0


@given(labelled(st.one_of(coarse_probs, any_probs)), thresholds)
def test_confusion_at_agrees_with_sklearn(data, t):
    y, p = data
    out = confusion_at(y, p, t)
    tn, fp, fn, tp = confusion_matrix(y, (p >= t).astype(int), labels=[0, 1]).ravel()
    assert (out["tp"], out["fp"], out["fn"], out["tn"]) == (tp, fp, fn, tn)
    assert out["tp"] + out["fp"] + out["fn"] + out["tn"] == len(y)
    assert out["tp"] + out["fn"] == int(np.sum(y == 1))
    assert out["recall"] == pytest.approx(tp / (tp + fn))
    assert out["fpr"] == pytest.approx(fp / (fp + tn))
    assert out["precision"] == pytest.approx(tp / (tp + fp) if tp + fp else 1.0)
    assert all(0.0 <= out[k] <= 1.0 for k in ("precision", "recall", "tpr", "fpr"))


@pytest.mark.parametrize("t", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_confusion_at_refuses_thresholds_outside_the_open_interval(t):
    with pytest.raises(ValueError, match="threshold"):
        confusion_at([0, 1], [0.2, 0.7], t)
