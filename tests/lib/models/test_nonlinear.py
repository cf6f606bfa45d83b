"""lib.models.nonlinear: probability grids of any fitted model and the cells on its boundary."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from lib.data import make_imbalanced
from lib.losses import logit
from lib.models import boundary_cells, model_probability_grid, probability_grid

# --- lib.models.model_probability_grid -------------------------------------------------


@pytest.mark.parametrize("size", [2, 17, 60])
def test_model_probability_grid_equals_the_closed_form_grid(logistic, size):
    gx, gy, prob = model_probability_grid(logistic, (-3.0, 4.0), (-2.5, 1.5), size=size)
    ex, ey, expected = probability_grid(
        logistic.coef_, float(logistic.intercept_[0]), (-3.0, 4.0), (-2.5, 1.5), size=size
    )
    assert gx.shape == gy.shape == (size,)
    assert prob.shape == (size, size)
    np.testing.assert_allclose(gx, ex)
    np.testing.assert_allclose(gy, ey)
    np.testing.assert_allclose(prob, expected, rtol=0, atol=1e-9)
    assert gx[0] == -3.0 and gx[-1] == 4.0 and gy[0] == -2.5 and gy[-1] == 1.5


def test_model_probability_grid_rows_follow_y(logistic):
    gx, gy, prob = model_probability_grid(logistic, (-1.0, 1.0), (-2.0, 3.0), size=5)
    i, j = 3, 1
    point = np.array([[gx[j], gy[i]]])
    assert prob[i, j] == pytest.approx(logistic.predict_proba(point)[0, 1], abs=1e-12)


def test_model_probability_grid_uses_the_column_of_class_one():
    X, y01 = make_imbalanced(300, 3, class_sep=2.0, random_state=2)
    model = LogisticRegression().fit(X, y01 + 1)  # classes_ == [1, 2]
    _, _, prob = model_probability_grid(model, (-2, 2), (-2, 2), size=8)
    xx, yy = np.meshgrid(np.linspace(-2, 2, 8), np.linspace(-2, 2, 8))
    expected = model.predict_proba(np.column_stack([xx.ravel(), yy.ravel()]))[:, 0]
    np.testing.assert_allclose(prob, expected.reshape(8, 8))


def test_model_probability_grid_of_a_tree():
    X = np.array([[0.0, 0.0], [0.2, 1.0], [0.8, 0.0], [1.0, 1.0]])
    model = DecisionTreeClassifier(max_depth=1).fit(X, [0, 0, 1, 1])
    gx, _, prob = model_probability_grid(model, (0, 1), (0, 1), size=11)
    assert set(np.unique(prob)) == {0.0, 1.0}
    # The stump splits on feature 1 at 0.5: every row is the same step.
    threshold = model.tree_.threshold[0]
    np.testing.assert_array_equal(prob, np.tile((gx > threshold).astype(float), (11, 1)))


def test_model_probability_grid_refuses_models_without_class_one():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    model = LogisticRegression().fit(X, [0, 2, 0, 2])
    with pytest.raises(ValueError, match="classes include 1"):
        model_probability_grid(model, (0, 1), (0, 1))
    with pytest.raises(ValueError, match="classes include 1"):
        model_probability_grid(LogisticRegression(), (0, 1), (0, 1))  # not fitted


@pytest.mark.parametrize("size", [1, 401, 2.5])
def test_model_probability_grid_refuses_bad_sizes(logistic, size):
    with pytest.raises(ValueError, match="size"):
        model_probability_grid(logistic, (0, 1), (0, 1), size=size)


# --- lib.models.boundary_cells ---------------------------------------------------------


def test_boundary_cells_hand_example():
    gx, gy = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0])
    prob = np.array([[0.1, 0.6, 0.7], [0.2, 0.3, 0.8]])
    xs, ys = boundary_cells(gx, gy, prob)
    assert sorted(zip(xs.tolist(), ys.tolist(), strict=True)) == [
        (0.5, 0.0),
        (1.0, 0.5),
        (1.5, 1.0),
    ]
    xs, ys = boundary_cells(gx, gy, prob, threshold=0.65)
    assert sorted(zip(xs.tolist(), ys.tolist(), strict=True)) == [(1.5, 0.0), (1.5, 1.0)]
    # p > t is positive, like scikit-learn's predict: a cell exactly at the
    # threshold sits on the negative side.
    xs, ys = boundary_cells(gx, gy, prob, threshold=0.6)
    assert sorted(zip(xs.tolist(), ys.tolist(), strict=True)) == [(1.5, 0.0), (1.5, 1.0)]


@settings(max_examples=60)
@given(
    st.floats(-3, 3).filter(lambda v: abs(v) > 0.05),
    st.floats(-3, 3).filter(lambda v: abs(v) > 0.05),
    st.floats(-2, 2),
    st.floats(0.05, 0.95),
    st.integers(5, 60),
    st.integers(5, 60),
)
def test_boundary_cells_lie_on_the_line_of_a_linear_model(w1, w2, b, t, m, k):
    gx = np.linspace(-3.0, 3.0, m)
    gy = np.linspace(-2.0, 2.0, k)
    prob = 1.0 / (1.0 + np.exp(-(w1 * gx[None, :] + w2 * gy[:, None] + b)))
    xs, ys = boundary_cells(gx, gy, prob, threshold=t)
    assert xs.shape == ys.shape
    step = max(gx[1] - gx[0], gy[1] - gy[0])
    margin = np.abs(w1 * xs + w2 * ys + b - logit(t)) / np.hypot(w1, w2)
    assert np.all(margin <= step + 1e-9)
    # Every row and every column the line crosses has a boundary point
    # (positive means p > t, like scikit-learn's predict).
    above = prob > t
    for i in np.flatnonzero(above.any(axis=1) & ~above.all(axis=1)):
        assert np.any(ys == gy[i])
    for j in np.flatnonzero(above.any(axis=0) & ~above.all(axis=0)):
        assert np.any(xs == gx[j])
    # Each point marks one change between neighbours.
    changes = np.sum(above[:, 1:] != above[:, :-1]) + np.sum(above[1:, :] != above[:-1, :])
    assert len(xs) == changes


@pytest.mark.parametrize("value", [0.0, 0.3, 0.7, 1.0])
def test_boundary_cells_without_a_boundary(value):
    gx, gy = np.linspace(0, 1, 7), np.linspace(0, 1, 4)
    xs, ys = boundary_cells(gx, gy, np.full((4, 7), value))
    assert len(xs) == len(ys) == 0


@pytest.mark.parametrize(
    "prob, threshold, match",
    [
        (np.zeros((3, 4)), 0.5, r"must have shape \(4, 3\)"),  # transposed
        (np.zeros((4, 3, 1)), 0.5, "must have shape"),
        (np.zeros(12), 0.5, "must have shape"),
        (np.zeros((4, 3)), 0.0, "threshold"),
        (np.zeros((4, 3)), 1.0, "threshold"),
    ],
)
def test_boundary_cells_refuses_bad_input(prob, threshold, match):
    with pytest.raises(ValueError, match=match):
        boundary_cells(np.arange(3.0), np.arange(4.0), prob, threshold=threshold)


def test_boundary_cells_refuses_non_finite_axes():
    with pytest.raises(ValueError, match="finite"):
        boundary_cells([0.0, np.nan], [0.0, 1.0], np.zeros((2, 2)))
