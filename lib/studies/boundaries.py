"""The decision-boundaries page's numbers, one call per section.

:func:`summarise_boundaries` holds what sits under the two linear maps (the
boundary shift, the gap to a moved threshold, per-class test metrics),
:func:`gap_table` compares weighting and threshold moving across data shapes
and :func:`compare_nonlinear` trains gradient-boosted trees without and with
balanced weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import balanced_accuracy_score

from lib._validation import as_binary_labels, as_float_array, check_same_length
from lib.linear import LinearModel
from lib.metrics import per_class_report, weighted_threshold
from lib.models import (
    WeightingVsThreshold,
    boundary_cells,
    compare_weighting_and_threshold,
    fit_logistic,
    fit_nonlinear,
    model_probability_grid,
)
from lib.weights import class_weights

Grid = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]

#: Rows of :func:`gap_table`, in order.
GAP_ROWS = (
    "agreement",
    "jaccard",
    "coef_change",
    "slope_change",
    "angle",
    "precision_weighted",
    "recall_weighted",
    "precision_moved",
    "recall_moved",
)


@dataclass(frozen=True)
class BoundarySummary:
    """The numbers under the two linear boundary maps.

    Attributes
    ----------
    threshold : float
        :math:`t = w_0 / (w_0 + w_1)`.
    shift : float
        Signed distance of the weighted 0.5 line minus that of the plain 0.5
        line from the centre of the training data
        (:meth:`lib.linear.LinearModel.boundary_offset`).
    threshold_gap : float
        The same for the weighted 0.5 line minus the plain line at ``t``.
    n_test, n1_test : int
        Size of the test set and its number of class-1 points.
    reports : dict of str to DataFrame
        :func:`lib.metrics.per_class_report` on the test set of ``"unweighted"``
        (plain at 0.5), ``"weighted"`` (weighted at 0.5) and ``"moved"``
        (plain at ``t``).
    gap : WeightingVsThreshold
        :func:`lib.models.compare_weighting_and_threshold` on the test set.
    """

    threshold: float
    shift: float
    threshold_gap: float
    n_test: int
    n1_test: int
    reports: dict[str, pd.DataFrame]
    gap: WeightingVsThreshold


def summarise_boundaries(
    coef: ArrayLike,
    intercept: float,
    coef_weighted: ArrayLike,
    intercept_weighted: float,
    X: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    w0: float,
    w1: float,
) -> BoundarySummary:
    r"""Boundary shift, gap to the moved threshold and per-class test metrics.

    With :math:`d(\beta, \beta_0, t)` the signed distance of the line
    :math:`\beta^\top x + \beta_0 = \mathrm{logit}(t)` from the centre
    :math:`\bar x` of the training data,

    .. math::

        \text{shift} = d(\beta_w, \beta_{0,w}, \tfrac12) - d(\beta, \beta_0, \tfrac12),\qquad
        \text{gap} = d(\beta_w, \beta_{0,w}, \tfrac12) - d(\beta, \beta_0, t),

    :math:`t = w_0/(w_0 + w_1)`; the gap is 0 when weighting is exactly
    threshold moving (Elkan 2001, Theorem 1).

    Parameters
    ----------
    coef, intercept : array_like of shape (d,), float
        The plain model.
    coef_weighted, intercept_weighted : array_like of shape (d,), float
        The model trained with class weights ``w0``, ``w1``.
    X : array_like of shape (n, d)
        Training features (their mean is the reference point).
    X_test, y_test : array_like
        Test features and labels 0/1.
    w0, w1 : float
        Class weights, > 0.

    Returns
    -------
    BoundarySummary

    References
    ----------
    Elkan (2001), "The foundations of cost-sensitive learning", IJCAI.
    """
    X_arr = as_float_array("X", X, ndim=2)
    X_t = as_float_array("X_test", X_test, ndim=2)
    y_t = as_binary_labels("y_test", y_test).astype(np.int64)
    check_same_length(X_test=X_t, y_test=y_t)
    t = weighted_threshold(w0, w1)
    centre = X_arr.mean(axis=0)
    plain = LinearModel.of(coef, intercept)
    weighted = LinearModel.of(coef_weighted, intercept_weighted)
    offset = weighted.boundary_offset(centre)
    predictions = {
        "unweighted": plain.predict(X_t),
        "weighted": weighted.predict(X_t),
        "moved": plain.predict(X_t, threshold=t),
    }
    return BoundarySummary(
        threshold=t,
        shift=offset - plain.boundary_offset(centre),
        threshold_gap=offset - plain.boundary_offset(centre, threshold=t),
        n_test=len(y_t),
        n1_test=int(np.sum(y_t == 1)),
        reports={
            name: per_class_report(y_t, pred, beta=0.5, labels=[0, 1])
            for name, pred in predictions.items()
        },
        gap=compare_weighting_and_threshold(
            coef, intercept, coef_weighted, intercept_weighted, X_t, w0=w0, w1=w1
        ),
    )


def gap_table(summaries: Mapping[str, BoundarySummary]) -> pd.DataFrame:
    r"""Weighting against a moved threshold, one column per data set.

    Rows (:data:`GAP_ROWS`): agreement of all decisions, Jaccard index of the
    class-1 calls, coefficient change
    :math:`\lVert\beta_w - \beta\rVert / \lVert\beta\rVert`, slope change
    :math:`\lVert\beta_w\rVert / \lVert\beta\rVert - 1`, angle between the
    lines in degrees, and class-1 precision and recall of the weighted model
    at 0.5 and of the plain model at :math:`w_0/(w_0+w_1)`.

    Parameters
    ----------
    summaries : mapping of str to BoundarySummary
        Column name (e.g. the shape) to its :func:`summarise_boundaries`.

    Returns
    -------
    DataFrame
        Index :data:`GAP_ROWS`, one column per entry of ``summaries``.

    References
    ----------
    King & Zeng (2001), "Logistic regression in rare events data",
    Political Analysis 9(2), sec. 4 (weighting under misspecification).
    """
    columns = {}
    for name, summary in summaries.items():
        gap = summary.gap
        w = summary.reports["weighted"].to_dict()
        m = summary.reports["moved"].to_dict()
        columns[name] = [
            gap.agreement,
            gap.jaccard,
            gap.coef_change,
            gap.slope_change,
            gap.angle,
            w["precision"][1],
            w["recall"][1],
            m["precision"][1],
            m["recall"][1],
        ]
    return pd.DataFrame(columns, index=list(GAP_ROWS), dtype=np.float64)


@dataclass(frozen=True)
class NonlinearComparison:
    """Gradient-boosted trees without and with balanced weights, and the balanced line.

    Attributes
    ----------
    weights : (float, float)
        The balanced class weights :math:`(w_0, w_1)` of the training data.
    line : LinearModel
        Logistic regression with those weights.
    grids : dict of str to (grid_x, grid_y, prob)
        Probability maps of ``"plain"`` and ``"balanced"`` trees.
    boundaries : dict of str to (xs, ys)
        Grid points on each map's decision boundary at 0.5
        (:func:`lib.models.boundary_cells`).
    reports : dict of str to DataFrame
        Per-class test metrics of ``"plain"``, ``"balanced"`` and ``"line"``.
    balanced_accuracy : dict of str to float
        Test balanced accuracy of the same three models.
    predicted1 : dict of str to int
        Test points each model calls class 1.
    """

    weights: tuple[float, float]
    line: LinearModel
    grids: dict[str, Grid]
    boundaries: dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]]
    reports: dict[str, pd.DataFrame]
    balanced_accuracy: dict[str, float]
    predicted1: dict[str, int]


def compare_nonlinear(
    X: ArrayLike,
    y: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    random_state: int = 0,
    size: int = 80,
) -> NonlinearComparison:
    r"""A model that can fit curved boundaries, without and with balanced weights.

    Trains :func:`lib.models.fit_nonlinear` with :math:`w_0 = w_1 = 1` and
    with the balanced weights :math:`w_c = n / (2 n_c)`
    (:func:`lib.weights.class_weights`), and logistic regression with the
    balanced weights for reference; scores all three on the test set with
    :func:`lib.metrics.per_class_report` and balanced accuracy
    :math:`\tfrac12(\mathrm{TPR} + \mathrm{TNR})`.

    Parameters
    ----------
    X, y : array_like
        Training data, labels 0/1.
    X_test, y_test : array_like
        Test data, labels 0/1.
    x_range, y_range : (float, float)
        Extent of the probability maps.
    random_state : int, default=0
        Seed of the trees.
    size : int, default=80
        Grid points per axis.

    Returns
    -------
    NonlinearComparison

    References
    ----------
    Friedman (2001), gradient boosting; King & Zeng (2001) on weighting;
    Brodersen et al. (2010), balanced accuracy; scikit-learn
    ``HistGradientBoostingClassifier``.
    """
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    X_t = as_float_array("X_test", X_test, ndim=2)
    y_t = as_binary_labels("y_test", y_test).astype(np.int64)
    check_same_length(X_test=X_t, y_test=y_t)
    w = class_weights(y_arr)
    trees = {
        "plain": fit_nonlinear(X_arr, y_arr, random_state=random_state),
        "balanced": fit_nonlinear(X_arr, y_arr, w0=w[0], w1=w[1], random_state=random_state),
    }
    line_model = fit_logistic(X_arr, y_arr, w0=w[0], w1=w[1])
    line = LinearModel.of(line_model.coef_[0], line_model.intercept_[0])
    predictions = {
        name: np.asarray(model.predict(X_t), dtype=np.int64) for name, model in trees.items()
    }
    predictions["line"] = line.predict(X_t)
    grids = {
        name: model_probability_grid(model, x_range, y_range, size=size)
        for name, model in trees.items()
    }
    return NonlinearComparison(
        weights=(w[0], w[1]),
        line=line,
        grids=grids,
        boundaries={name: boundary_cells(*grid) for name, grid in grids.items()},
        reports={
            name: per_class_report(y_t, pred, beta=0.5, labels=[0, 1])
            for name, pred in predictions.items()
        },
        balanced_accuracy={
            name: float(balanced_accuracy_score(y_t, pred)) for name, pred in predictions.items()
        },
        predicted1={name: int(np.sum(pred)) for name, pred in predictions.items()},
    )
