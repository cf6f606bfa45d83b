import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import precision_recall_fscore_support

from lib.data import make_imbalanced
from lib.losses import sigmoid
from lib.metrics import (
    evaluate_under_weights,
    per_class_report,
    percent_change,
    prior_correction,
    weighted_threshold,
)
from lib.models import boundary_offset, fit_logistic, predict_labels, probability_grid


def test_fit_logistic_uses_class_weights_like_sample_weights():
    X, y = make_imbalanced(3000, 20, class_sep=2.0, random_state=0)
    a = fit_logistic(X, y, w0=1.0, w1=7.0)
    sw = np.where(y == 1, 7.0, 1.0)
    b = fit_logistic(X, y, sample_weight=sw)
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-4)
    np.testing.assert_allclose(a.intercept_, b.intercept_, rtol=1e-4)


def test_fit_logistic_rejects_one_class_and_bad_weights():
    X = np.ones((4, 2))
    with pytest.raises(ValueError, match="both classes"):
        fit_logistic(X, [0, 0, 0, 0])
    with pytest.raises(ValueError, match="sample_weight"):
        fit_logistic(X, [0, 1, 0, 1], sample_weight=[1, -1, 1, 1])
    with pytest.raises(ValueError, match="`C`"):
        fit_logistic(X, [0, 1, 0, 1], C=0)


def test_weighting_approximates_threshold_moving():
    # Well-specified model: the weighted 0.5 boundary equals the unweighted
    # boundary at p = w0/(w0+w1), up to estimation noise.
    X, y = make_imbalanced(100_000, 50, class_sep=2.0, random_state=0)
    u = fit_logistic(X, y, C=1e4)
    w = fit_logistic(X, y, w0=1.0, w1=50.0, C=1e4)
    t = weighted_threshold(1.0, 50.0)
    centre = X.mean(axis=0)
    moved = boundary_offset(u.coef_[0], u.intercept_[0], centre, threshold=t)
    weighted = boundary_offset(w.coef_[0], w.intercept_[0], centre)
    assert weighted == pytest.approx(moved, abs=0.1)
    agree = np.mean(predict_labels(u.coef_[0], u.intercept_[0], X, threshold=t) == w.predict(X))
    assert agree > 0.99


def test_predict_labels_matches_sklearn_at_one_half():
    X, y = make_imbalanced(2000, 5, random_state=0)
    m = fit_logistic(X, y)
    np.testing.assert_array_equal(predict_labels(m.coef_[0], m.intercept_[0], X), m.predict(X))


def test_probability_grid_and_boundary_offset_hand_values():
    gx, gy, p = probability_grid([1.0, 0.0], 0.0, (-1, 1), (0, 2), size=3)
    np.testing.assert_allclose(gx, [-1, 0, 1])
    np.testing.assert_allclose(p[0], sigmoid(np.array([-1.0, 0.0, 1.0])))
    # boundary x1 = 0; point (2, 0) lies 2 units on the positive side
    assert boundary_offset([1.0, 0.0], 0.0, [2.0, 0.0]) == pytest.approx(-2.0)
    assert boundary_offset([0.0, 0.0], 0.0, [2.0, 0.0]) == np.inf


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


def test_predict_proba_linear_is_logistic_regressions_probability():
    from lib.models import predict_proba_linear

    X, y = make_imbalanced(500, 5, random_state=3)
    model = fit_logistic(X, y)
    p = predict_proba_linear(model.coef_[0], model.intercept_[0], X)
    assert np.allclose(p, model.predict_proba(X)[:, 1])
    with pytest.raises(ValueError, match="features"):
        predict_proba_linear([1.0, 2.0, 3.0], 0.0, X)
