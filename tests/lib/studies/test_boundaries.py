"""Tests of lib.studies.boundaries: the decision-boundaries page's numbers.

The claims its texts make are checked in tests/claims/test_shapes_lessons.py;
here: the summary's definitions and the tree comparison's fields.
"""

import numpy as np
import pytest

from lib.data import make_imbalanced, plot_extent
from lib.linear import LinearModel
from lib.metrics import per_class_report
from lib.models import boundary_cells, fit_logistic
from lib.studies.boundaries import compare_nonlinear, summarise_boundaries


@pytest.fixture(scope="module")
def data():
    return make_imbalanced(3000, 30, random_state=2), make_imbalanced(3000, 30, random_state=3)


def _fit(X, y, w0=1.0, w1=1.0):
    model = fit_logistic(X, y, w0=w0, w1=w1)
    return LinearModel.of(model.coef_[0], model.intercept_[0])


def test_shift_gap_and_reports_follow_their_definitions(data):
    (X, y), (X_t, y_t) = data
    plain, weighted = _fit(X, y), _fit(X, y, 1.0, 30.0)
    s = summarise_boundaries(*plain, *weighted, X, X_t, y_t, w0=1.0, w1=30.0)
    centre = X.mean(axis=0)
    assert s.threshold == pytest.approx(1 / 31)
    assert s.shift == pytest.approx(
        weighted.boundary_offset(centre) - plain.boundary_offset(centre)
    )
    assert s.threshold_gap == pytest.approx(
        weighted.boundary_offset(centre) - plain.boundary_offset(centre, threshold=1 / 31)
    )
    assert (s.n_test, s.n1_test) == (len(y_t), int(y_t.sum()))
    moved = per_class_report(y_t, plain.predict(X_t, threshold=1 / 31), labels=[0, 1])
    assert s.reports["moved"].equals(moved)
    # Weighting moves the 0.5 line towards the majority: more class-1 calls, higher recall.
    assert s.reports["weighted"].loc[1, "recall"] >= s.reports["unweighted"].loc[1, "recall"]


def test_equal_weights_leave_the_boundary_where_it_was(data):
    (X, y), (X_t, y_t) = data
    plain = _fit(X, y)
    s = summarise_boundaries(*plain, *plain, X, X_t, y_t, w0=2.0, w1=2.0)
    assert s.threshold == 0.5
    assert s.shift == 0.0 and s.threshold_gap == 0.0


def test_the_tree_comparison_holds_the_balanced_line_and_boundary_points():
    X, y = make_imbalanced(600, 10, random_state=2)
    X_t, y_t = make_imbalanced(600, 10, random_state=3)
    x_range, y_range = plot_extent(X, y)
    result = compare_nonlinear(X, y, X_t, y_t, x_range=x_range, y_range=y_range, size=15)
    assert isinstance(result.line, LinearModel)
    coef, intercept = result.line  # still unpacks like the (coef, intercept) it replaced
    assert intercept == result.line.intercept
    expected = _fit(X, y, *result.weights)
    np.testing.assert_allclose(result.line.coef, expected.coef)
    for name in ("plain", "balanced"):
        xs, ys = result.boundaries[name]
        exp_x, exp_y = boundary_cells(*result.grids[name])
        np.testing.assert_array_equal(xs, exp_x)
        np.testing.assert_array_equal(ys, exp_y)
    assert result.predicted1["line"] == int(result.line.predict(X_t).sum())
