"""Claims of the decision-boundaries page's shape and tree sections (issue 14, section 2).

Every number or direction in ``boundaries.shapes_*`` and ``boundaries.nonlinear_*``
is computed here with the page's own lib functions
(:func:`lib.studies.boundaries.summarise_boundaries`, :func:`~lib.studies.boundaries.gap_table`,
:func:`~lib.studies.boundaries.compare_nonlinear`) at the settings the texts name:
balanced weights, separation 2, n = 20,000, test set seed + 1. The new lessons'
claims are in tests/app/test_lessons.py.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

from lib.data import SHAPES, make_imbalanced, plot_extent
from lib.metrics import weighted_threshold
from lib.models import NONLINEAR_PARAMS, fit_logistic, fit_nonlinear
from lib.studies.boundaries import GAP_ROWS, compare_nonlinear, gap_table, summarise_boundaries
from lib.weights import class_weights

N, SEP = 20_000, 2.0
MISSPECIFIED = ("unequal_var", "two_clusters")


def _data(ratio, seed, shape):
    train = make_imbalanced(N, ratio, class_sep=SEP, shape=shape, random_state=seed)
    test = make_imbalanced(N, ratio, class_sep=SEP, shape=shape, random_state=seed + 1)
    return train, test


@functools.cache
def _summary(ratio, seed, shape):
    """What the page's table shows with balanced weights (ui.boundary_summary)."""
    (X, y), (X_t, y_t) = _data(ratio, seed, shape)
    w = class_weights(y)
    plain, weighted = fit_logistic(X, y), fit_logistic(X, y, w0=w[0], w1=w[1])
    return summarise_boundaries(
        plain.coef_[0],
        plain.intercept_[0],
        weighted.coef_[0],
        weighted.intercept_[0],
        X,
        X_t,
        y_t,
        w0=w[0],
        w1=w[1],
    )


@functools.cache
def _trees(ratio, shape, seed=0):
    """What the tree section shows (ui.nonlinear)."""
    (X, y), (X_t, y_t) = _data(ratio, seed, shape)
    x_range, y_range = plot_extent(X, y)
    return compare_nonlinear(
        X, y, X_t, y_t, x_range=x_range, y_range=y_range, random_state=seed, size=20
    )


# ------------------------------------------------------------ shapes section
@pytest.mark.parametrize("ratio", [10, 100, 1000])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_boundaries_weights_move_the_coefficients_more_on_misspecified_shapes(ratio, seed):
    # boundaries.shapes_text: "at 1:10, 1:100 and 1:1000 the coefficients moved more on
    # both misspecified shapes than on the Gaussian data" (seeds 0, 1, 2)
    gaussian = _summary(ratio, seed, "gaussian").gap.coef_change
    for shape in MISSPECIFIED:
        assert _summary(ratio, seed, shape).gap.coef_change > gaussian, (shape, ratio, seed)


@pytest.mark.parametrize("ratio", [10, 100])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_boundaries_with_200_positives_gaussian_rules_share_90_percent(ratio, seed):
    # boundaries.shapes_text: "with 200 or more positives in training (1:100 and 1:10) the
    # Gaussian rules shared at least 90 % of their class-1 calls and the misspecified
    # ones fewer"
    (_, y), _ = _data(ratio, seed, "gaussian")
    assert np.sum(y == 1) >= 198  # 1:100 of 20,000 is 198, "200" rounded
    gaussian = _summary(ratio, seed, "gaussian").gap.jaccard
    assert gaussian >= 0.9
    for shape in MISSPECIFIED:
        assert _summary(ratio, seed, shape).gap.jaccard < gaussian, (shape, ratio, seed)


def test_boundaries_at_1000_the_gaussian_fit_is_noisy_and_two_clusters_can_overlap_more():
    # boundaries.shapes_text: "At 1:1000 (20 positives) the Gaussian fit is noisy too, and
    # the overlap on Two minority clusters can be larger than on the Gaussian data"
    (_, y), _ = _data(1000, 0, "gaussian")
    assert np.sum(y == 1) == 20
    assert all(_summary(1000, seed, "gaussian").gap.jaccard < 0.9 for seed in (0, 1, 2))
    assert _summary(1000, 0, "two_clusters").gap.jaccard > _summary(1000, 0, "gaussian").gap.jaccard


def test_boundaries_shape_table_rows_are_the_comparisons_numbers():
    # boundaries.shapes_intro / boundaries.gap.*: the table shows compare_weighting_and_threshold
    # and the class-1 precision/recall of the weighted model at 0.5 and the moved threshold
    here, gaussian = _summary(100, 0, "unequal_var"), _summary(100, 0, "gaussian")
    table = gap_table({"unequal_var": here, "gaussian": gaussian})
    assert list(table.index) == list(GAP_ROWS)
    assert table.loc["jaccard", "unequal_var"] == here.gap.jaccard
    assert table.loc["coef_change", "gaussian"] == gaussian.gap.coef_change
    assert table.loc["recall_moved", "unequal_var"] == here.reports["moved"].loc[1, "recall"]
    assert (
        table.loc["precision_weighted", "gaussian"]
        == gaussian.reports["weighted"].loc[1, "precision"]
    )
    assert 0 < table.loc["angle", "unequal_var"] < 180


def test_boundaries_equal_weights_leave_no_threshold_to_compare():
    # boundaries.shapes_equal: "With w0 equal to w1 ... the moved threshold is 0.5"
    for c in (0.5, 1.0, 7.0):
        assert weighted_threshold(c, c) == 0.5


# ------------------------------------------------------------ trees section
def test_boundaries_trees_are_small_seeded_and_use_balanced_weights():
    # boundaries.nonlinear_intro: "100 trees of at most 15 leaves, seeded", balanced weights
    # n / (2 n_c); no early stopping, so all 100 trees are fitted
    (X, y), _ = _data(100, 0, "two_clusters")
    model = fit_nonlinear(X, y, random_state=0)
    assert NONLINEAR_PARAMS["max_iter"] == model.n_iter_ == 100
    assert all(len(tree[0].nodes) <= 2 * 15 - 1 for tree in model._predictors)
    again = fit_nonlinear(X, y, random_state=0)
    np.testing.assert_array_equal(model.predict_proba(X[:500]), again.predict_proba(X[:500]))
    n1 = np.sum(y == 1)
    assert _trees(100, "two_clusters").weights == pytest.approx(
        (len(y) / (2 * (len(y) - n1)), len(y) / (2 * n1))
    )


def test_boundaries_no_line_fits_two_clusters_but_balanced_trees_do():
    # boundaries.nonlinear_text: "at 1:100, separation 2, the balanced line stays near
    # chance while the balanced trees ... exceed 0.7"
    ba = _trees(100, "two_clusters").balanced_accuracy
    assert abs(ba["line"] - 0.5) < 0.05  # measured 0.507
    assert ba["balanced"] > 0.7  # measured 0.758


@pytest.mark.parametrize("ratio", [100, 1000])
@pytest.mark.parametrize("shape", SHAPES)
def test_boundaries_weights_move_the_trees_boundary_too(ratio, shape):
    # boundaries.nonlinear_text: "on every shape, at 1:100 and at 1:1000, the trees with
    # balanced weights call more test points class 1 than without"
    n1 = _trees(ratio, shape).predicted1
    assert n1["balanced"] > n1["plain"]


@pytest.mark.parametrize("shape", SHAPES)
def test_boundaries_trees_need_positives_to_draw_a_shape(shape):
    # boundaries.nonlinear_text: "at 1:1000 (20 positives in training) they find under a
    # fifth of the class-1 test points on every shape, with or without weights"
    reports = _trees(1000, shape).reports
    for name in ("plain", "balanced"):
        assert reports[name].loc[1, "recall"] < 0.2, name
