"""lib.models.logistic: the weighted logistic regression, its labels, grids and boundary."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from lib.data import make_imbalanced
from lib.losses import sigmoid
from lib.metrics import weighted_threshold
from lib.models import boundary_offset, fit_logistic, predict_labels, probability_grid
from lib.weights import sample_weights


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


def test_predict_proba_linear_is_logistic_regressions_probability():
    from lib.models import predict_proba_linear

    X, y = make_imbalanced(500, 5, random_state=3)
    model = fit_logistic(X, y)
    p = predict_proba_linear(model.coef_[0], model.intercept_[0], X)
    assert np.allclose(p, model.predict_proba(X)[:, 1])
    with pytest.raises(ValueError, match="features"):
        predict_proba_linear([1.0, 2.0, 3.0], 0.0, X)


def small_data(seed=0):
    return make_imbalanced(200, 20, class_sep=2.0, random_state=seed)


@settings(max_examples=25, deadline=None)
@given(st.floats(0.01, 1000.0), st.integers(0, 5))
def test_class_weight_equals_sample_weight_array(w, seed):
    X, y = small_data(seed)
    by_class = fit_logistic(X, y, w1=w)
    by_sample = fit_logistic(X, y, sample_weight=sample_weights(y, {1: w}))
    np.testing.assert_allclose(by_class.coef_, by_sample.coef_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(by_class.intercept_, by_sample.intercept_, rtol=1e-9, atol=1e-12)
    # and both equal scikit-learn used directly
    direct = LogisticRegression(class_weight={0: 1.0, 1: w}, max_iter=1000).fit(X, y)
    np.testing.assert_allclose(by_class.coef_, direct.coef_, rtol=1e-9, atol=1e-12)
