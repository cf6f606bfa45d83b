"""lib.metrics.classification: per-class reports, percent changes and metrics under weights."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import precision_recall_fscore_support

from lib.metrics import evaluate_under_weights, per_class_report, percent_change


@given(arrays(np.int64, st.integers(1, 60), elements=st.integers(0, 1)), st.integers(0, 2**32 - 1))
def test_per_class_report_matches_sklearn(y_true, seed):
    y_pred = np.random.default_rng(seed).integers(0, 2, len(y_true))
    report = per_class_report(y_true, y_pred, labels=[0, 1])
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, beta=0.5, labels=[0, 1], zero_division=0.0
    )
    np.testing.assert_allclose(report["precision"], p)
    np.testing.assert_allclose(report["recall"], r)
    np.testing.assert_allclose(report["f_beta"], f)
    assert list(report.columns) == ["precision", "recall", "f_beta", "support"]
    assert list(report.index) == [0, 1]


def test_per_class_report_hand_values():
    # class 1: TP=1, FP=1, FN=1 -> P=R=0.5, F0.5 = 0.5
    report = per_class_report([1, 1, 0, 0], [1, 0, 1, 0])
    assert report.loc[1, "precision"] == 0.5 and report.loc[1, "f_beta"] == pytest.approx(0.5)
    never = per_class_report([1, 0, 0], [0, 0, 0], labels=[0, 1])
    assert never.loc[1, "precision"] == 0.0 and never.loc[1, "support"] == 1


def test_percent_change():
    before = pd.DataFrame({"a": [1.0, 0.0, 0.0]})
    after = pd.DataFrame({"a": [1.5, 0.0, 2.0]})
    out = percent_change(before, after)
    assert out["a"].tolist() == [50.0, 0.0, np.inf]
    with pytest.raises(ValueError):
        percent_change(before, after.iloc[:2])


def test_evaluate_under_weights_columns_and_balanced_row():
    y = np.array([0, 0, 0, 0, 0, 0, 1, 1])
    p = np.array([0.1, 0.2, 0.7, 0.3, 0.1, 0.6, 0.8, 0.4])  # TN 4, FP 2, TP 1, FN 1
    frame = evaluate_under_weights(y, p, [(1.0, 1.0), (8 / 12, 2.0)])
    assert list(frame.columns) == [
        "w0",
        "w1",
        "weighted_loss",
        "loss",
        "accuracy",
        "precision",
        "recall",
        "balanced_accuracy",
        "accuracy_sw",
        "precision_sw",
        "recall_sw",
    ]
    assert frame["accuracy"].tolist() == [5 / 8, 5 / 8]
    assert frame["balanced_accuracy"].tolist() == pytest.approx([(4 / 6 + 1 / 2) / 2] * 2)
    assert frame["accuracy_sw"][0] == pytest.approx(5 / 8)
    # balanced weights n / (2 n_c): weighted accuracy is balanced accuracy
    assert frame["accuracy_sw"][1] == pytest.approx(frame["balanced_accuracy"][1])
    assert frame["precision_sw"][1] == pytest.approx(2 * 1 / (2 * 1 + 8 / 12 * 2))
    assert frame["recall_sw"].tolist() == pytest.approx([0.5, 0.5])
    with pytest.raises(ValueError):
        evaluate_under_weights(y, p, [(-1.0, 1.0)])
