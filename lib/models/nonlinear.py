r"""A non-linear model (gradient-boosted trees) and decision maps of any classifier.

:func:`fit_nonlinear` trains the decision-boundaries page's trees;
:func:`model_probability_grid` and :func:`boundary_cells` evaluate any fitted
2-D classifier on a grid, for models without a closed-form boundary.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.ensemble import HistGradientBoostingClassifier

from lib._validation import (
    as_binary_labels,
    as_float_array,
    check_class_weights,
    check_int,
    check_same_length,
    check_threshold,
)
from lib.i18n import LabError


def model_probability_grid(
    model: Any, x_range: tuple[float, float], y_range: tuple[float, float], *, size: int = 100
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Probability of class 1 of any fitted 2-D classifier on a regular grid.

    .. math:: P_{ij} = \hat p(1 \mid g^x_j, g^y_i)

    For models without a closed-form boundary (trees, ensembles, resampling
    pipelines); the grid is passed to ``predict_proba`` in one call.

    Parameters
    ----------
    model : fitted classifier
        With ``predict_proba`` and ``classes_`` containing 1, trained on two
        features.
    x_range, y_range : (float, float)
        Extent of the grid.
    size : int, default=100
        Points per axis (2 to 400).

    Returns
    -------
    grid_x : ndarray of shape (size,)
    grid_y : ndarray of shape (size,)
    prob : ndarray of shape (size, size)
        Rows follow ``grid_y``, columns ``grid_x``.

    References
    ----------
    scikit-learn ``DecisionBoundaryDisplay`` (the same grid evaluation).
    """
    m = check_int("size", size, low=2, high=400)
    classes = list(getattr(model, "classes_", []))
    if 1 not in classes:
        raise LabError("error.model.no_class_1")
    gx = np.linspace(float(x_range[0]), float(x_range[1]), m)
    gy = np.linspace(float(y_range[0]), float(y_range[1]), m)
    xx, yy = np.meshgrid(gx, gy)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    prob = np.asarray(model.predict_proba(points), dtype=np.float64)[:, classes.index(1)]
    return gx, gy, prob.reshape(m, m)


def boundary_cells(
    grid_x: ArrayLike, grid_y: ArrayLike, prob: ArrayLike, *, threshold: float = 0.5
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Grid points on the decision boundary of any classifier.

    A point :math:`(i, j)` is on the boundary when its decision
    :math:`[P_{ij} > t]` differs from its right or upper neighbour's (strict,
    like scikit-learn's ``predict``, which breaks a tie at 0.5 towards class
    0 — frequent for tree ensembles that average votes); the
    returned point is the midpoint between the two. Drawing these as markers
    is cheap in a browser, unlike contour lines of a piecewise-constant
    (tree) probability.

    Parameters
    ----------
    grid_x, grid_y : array_like
        Grid axes, lengths m and k.
    prob : array_like of shape (k, m)
        Probability of class 1, rows following ``grid_y``.
    threshold : float, default=0.5
        Decision threshold in (0, 1).

    Returns
    -------
    xs, ys : ndarray
        Coordinates of the boundary points.

    References
    ----------
    scikit-learn ``DecisionBoundaryDisplay`` (``response_method="predict"``).
    """
    gx = as_float_array("grid_x", grid_x)
    gy = as_float_array("grid_y", grid_y)
    p = np.asarray(prob, dtype=np.float64)
    if p.shape != (len(gy), len(gx)):
        raise LabError("error.model.grid_shape", rows=len(gy), cols=len(gx), shape=str(p.shape))
    t = check_threshold("threshold", threshold)
    above = p > t
    right = np.argwhere(above[:, 1:] != above[:, :-1])
    up = np.argwhere(above[1:, :] != above[:-1, :])
    xs = np.concatenate([(gx[right[:, 1]] + gx[right[:, 1] + 1]) / 2, gx[up[:, 1]]])
    ys = np.concatenate([gy[right[:, 0]], (gy[up[:, 0]] + gy[up[:, 0] + 1]) / 2])
    return xs, ys


#: Settings of the non-linear model on the decision-boundaries page: small and
#: fast (100 trees of at most 15 leaves, no early stopping, so the number of
#: trees does not depend on a validation split).
NONLINEAR_PARAMS: dict[str, Any] = {
    "max_iter": 100,
    "max_leaf_nodes": 15,
    "learning_rate": 0.1,
    "early_stopping": False,
}


def fit_nonlinear(
    X: ArrayLike, y: ArrayLike, *, w0: float = 1.0, w1: float = 1.0, random_state: int = 0
) -> HistGradientBoostingClassifier:
    r"""Gradient-boosted trees trained with class weights as sample weights.

    scikit-learn's ``HistGradientBoostingClassifier`` (:data:`NONLINEAR_PARAMS`)
    adds regression trees :math:`f_m` to the log-odds,
    :math:`F(x) = \sum_m f_m(x)`, each fitted to the gradient of the weighted
    log-loss

    .. math:: L = \sum_i w_{y_i}\bigl[-y_i \log p_i - (1 - y_i)\log(1 - p_i)\bigr],
              \qquad p_i = \sigma(F(x_i)),

    with :math:`w_{y_i} = w_0` or :math:`w_1` passed as ``sample_weight``.
    Its boundary :math:`F(x) = 0` is piecewise and can be curved or split
    into several regions, which no line can.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1; both classes must be present.
    w0, w1 : float, default=1.0
        Class weights; finite, >= 0, not both zero.
    random_state : int, default=0
        Seed of the model (>= 0).

    Returns
    -------
    sklearn.ensemble.HistGradientBoostingClassifier
        The fitted model.

    References
    ----------
    Friedman (2001), "Greedy function approximation: a gradient boosting
    machine", Annals of Statistics 29(5); Ke et al. (2017), "LightGBM",
    NeurIPS (histogram-based splits); scikit-learn User Guide, sec. 1.11.1
    (histogram-based gradient boosting, ``sample_weight``).
    """
    w0, w1 = check_class_weights(w0, w1)
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    check_same_length(X=X_arr, y=y_arr)
    if y_arr.min() == y_arr.max():
        raise LabError("error.model.one_class", cls=int(y_arr[0]))
    seed = check_int("random_state", random_state, low=0)
    model = HistGradientBoostingClassifier(**NONLINEAR_PARAMS, random_state=seed)
    model.fit(X_arr, y_arr, sample_weight=np.where(y_arr == 1, w1, w0))
    return model
