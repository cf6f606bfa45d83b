"""Unit tests of lib.linear.LinearModel: one value for a fitted linear model."""

import pickle

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import expit
from scipy.special import logit as scipy_logit

from lib.data import make_imbalanced
from lib.i18n import LabError
from lib.linear import LinearModel
from lib.models import (
    boundary_offset,
    fit_focal_linear,
    fit_logistic,
    predict_labels,
    predict_proba_linear,
    probability_grid,
)

finite = st.floats(-5.0, 5.0, allow_nan=False, allow_infinity=False)
coefs = arrays(np.float64, 2, elements=finite)
points = arrays(np.float64, st.tuples(st.integers(1, 30), st.just(2)), elements=finite)
thresholds = st.floats(1e-6, 1.0 - 1e-6)


@given(coefs, finite, points)
def test_probability_is_the_logistic_of_the_decision(coef, intercept, X):
    model = LinearModel.of(coef, intercept)
    np.testing.assert_array_equal(model.probability(X), predict_proba_linear(coef, intercept, X))
    np.testing.assert_allclose(model.decision(X), X @ coef + intercept, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(model.probability(X), expit(X @ coef + intercept), atol=1e-15)


def test_probability_and_predict_match_scikit_learn():
    X, y = make_imbalanced(3000, 10, class_sep=1.5, random_state=0)
    fitted = fit_logistic(X, y, w1=5.0)
    model = LinearModel.of(fitted.coef_, fitted.intercept_[0])
    np.testing.assert_allclose(model.probability(X), fitted.predict_proba(X)[:, 1], atol=1e-12)
    np.testing.assert_array_equal(model.predict(X), fitted.predict(X))


@given(coefs, finite, points, thresholds)
def test_predict_is_predict_labels_and_the_probability_rule(coef, intercept, X, t):
    model = LinearModel.of(coef, intercept)
    labels = model.predict(X, threshold=t)
    np.testing.assert_array_equal(labels, predict_labels(coef, intercept, X, threshold=t))
    # Away from ties the logit rule is the probability rule p > t.
    clear = np.abs(model.decision(X) - scipy_logit(t)) > 1e-9
    np.testing.assert_array_equal(labels[clear], (model.probability(X) > t)[clear])


@given(coefs, finite, arrays(np.float64, 2, elements=finite), thresholds)
def test_the_boundary_is_where_the_decision_is_logit_t(coef, intercept, x0, t):
    assume(np.linalg.norm(coef) > 0.1)
    model = LinearModel.of(coef, intercept)
    offset = model.boundary_offset(x0, threshold=t)
    assert offset == boundary_offset(coef, intercept, x0, threshold=t)
    # The offset is signed along coef: the model's logit at the point is
    # below logit(t) exactly when the boundary lies ahead of it.
    gap = scipy_logit(t) - float(model.decision(x0[None, :])[0])
    assert np.sign(offset) == np.sign(gap) or abs(gap) < 1e-12
    on_line = x0 + offset * coef / np.linalg.norm(coef)
    assert model.decision(on_line[None, :])[0] == pytest.approx(scipy_logit(t), abs=1e-9)
    assert model.boundary_offset(on_line, threshold=t) == pytest.approx(0.0, abs=1e-9)


def test_a_zero_model_has_no_boundary():
    assert LinearModel.of([0.0, 0.0], 1.0).boundary_offset([3.0, -1.0]) == float("inf")


@given(coefs, finite, st.integers(2, 40))
def test_probability_grid_matches_lib_models_and_the_pointwise_probability(coef, intercept, m):
    model = LinearModel.of(coef, intercept)
    gx, gy, prob = model.probability_grid((-3.0, 2.0), (-1.0, 4.0), size=m)
    ref = probability_grid(coef, intercept, (-3.0, 2.0), (-1.0, 4.0), size=m)
    for ours, theirs in zip((gx, gy, prob), ref, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    assert prob.shape == (m, m)
    xx, yy = np.meshgrid(gx, gy)
    pointwise = model.probability(np.column_stack([xx.ravel(), yy.ravel()])).reshape(m, m)
    np.testing.assert_allclose(prob, pointwise, atol=1e-12)


@given(coefs, finite)
def test_a_model_unpacks_like_the_tuple_it_replaces(coef, intercept):
    model = LinearModel.of(coef, intercept)
    c, b = model
    np.testing.assert_array_equal(c, coef)
    assert b == intercept and isinstance(b, float)
    X = np.array([[0.5, -1.0], [2.0, 3.0]])
    np.testing.assert_array_equal(predict_labels(*model, X), model.predict(X))
    assert model.n_features == 2


@given(coefs, finite)
def test_equal_models_hash_alike(coef, intercept):
    a = LinearModel.of(coef, intercept)
    b = LinearModel.of(list(coef), np.float64(intercept))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != LinearModel.of(coef, intercept + 1.0)
    assert a != LinearModel.of(np.append(coef, 0.0), intercept)
    assert a != (coef, intercept)  # a model is not a tuple, even if it unpacks like one
    back = pickle.loads(pickle.dumps(a))  # st.cache_data pickles return values
    assert back == a and hash(back) == hash(a)


def test_a_model_is_immutable_and_flattens_sklearn_coefficients():
    model = LinearModel.of(np.array([[1.0, -2.0]]), 0.5)
    assert model.coef.shape == (2,)
    with pytest.raises(AttributeError):
        model.intercept = 1.0  # type: ignore[misc]


def test_bad_models_and_inputs_raise_translatable_errors():
    with pytest.raises(LabError, match="`coef` must contain finite numbers only"):
        LinearModel.of([1.0, np.nan], 0.0)
    with pytest.raises(LabError, match="`coef` must contain numbers only"):
        LinearModel.of(["a", "b"], 0.0)
    with pytest.raises(LabError, match="`intercept` must be a finite number"):
        LinearModel.of([1.0, 2.0], np.inf)
    with pytest.raises(LabError, match="`X` has 3 features but `coef` has 2 entries"):
        LinearModel.of([1.0, 2.0], 0.0).probability(np.ones((4, 3)))
    with pytest.raises(LabError, match="`coef` must have 2 entries. Got 3 instead"):
        LinearModel.of([1.0, 2.0, 3.0], 0.0).probability_grid((0.0, 1.0), (0.0, 1.0))
    with pytest.raises(LabError, match="`threshold` must be < 1"):
        LinearModel.of([1.0, 2.0], 0.0).predict(np.ones((2, 2)), threshold=1.0)


def test_the_focal_model_is_a_linear_model():
    X, y = make_imbalanced(2000, 10, class_sep=2.0, random_state=0)
    model = fit_focal_linear(X, y, gamma=2.0, epochs=2)
    assert isinstance(model, LinearModel)
    coef, intercept = model
    np.testing.assert_array_equal(predict_labels(coef, intercept, X), model.predict(X))
