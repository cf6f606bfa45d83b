r"""Logistic regression with class and sample weights, and what a linear model predicts.

:func:`fit_logistic` trains scikit-learn's ``LogisticRegression``; the
helpers that take ``(coef, intercept)`` (:func:`predict_proba_linear`,
:func:`predict_labels`, :func:`boundary_offset`, :func:`probability_grid`)
are the methods of :class:`lib.linear.LinearModel` under their old names.
"""

from __future__ import annotations

import warnings

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from lib._validation import (
    as_binary_labels,
    as_float_array,
    check_class_weights,
    check_finite_number,
    check_same_length,
)
from lib.i18n import LabError
from lib.linear import LinearModel


def fit_logistic(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    sample_weight: ArrayLike | None = None,
    C: float = 1.0,
) -> LogisticRegression:
    r"""Fit a logistic regression with class weights (and sample weights).

    scikit-learn minimises

    .. math::

        \frac{1}{2}\lVert\beta\rVert^2 + C \sum_i s_i\, w_{y_i}
        \bigl[-y_i \log p_i - (1 - y_i)\log(1 - p_i)\bigr],

    where :math:`w_{y_i}` is the class weight (``{0: w0, 1: w1}``) and
    :math:`s_i` the optional per-sample weight; the two multiply.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1; both classes must be present.
    w0, w1 : float, default=1.0
        Class weights; finite, >= 0, not both zero.
    sample_weight : array_like of shape (n,) or None, default=None
        Extra per-sample weights, finite and >= 0.
    C : float, default=1.0
        Inverse regularisation strength, > 0.

    Returns
    -------
    sklearn.linear_model.LogisticRegression
        The fitted model (``coef_`` of shape (1, d), ``intercept_`` (1,)).

    References
    ----------
    scikit-learn User Guide, "Logistic regression", sec. 1.1.11 (objective
    with sample weights); King & Zeng (2001) on weighting rare events.
    """
    w0, w1 = check_class_weights(w0, w1)
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y)
    check_same_length(X=X_arr, y=y_arr)
    if y_arr.min() == y_arr.max():
        raise LabError("error.model.one_class", cls=int(y_arr[0]))
    C = check_finite_number("C", C, low=0.0, low_inclusive=False)
    sw: NDArray[np.float64] | None = None
    if sample_weight is not None:
        sw = as_float_array("sample_weight", sample_weight)
        check_same_length(X=X_arr, sample_weight=sw)
        if np.any(sw < 0):
            raise LabError("error.model.sample_weight_negative")
    model = LogisticRegression(C=C, class_weight={0: w0, 1: w1}, max_iter=1000)
    with warnings.catch_warnings():
        # Heavily weighted or nearly separable data can need more lbfgs
        # iterations than the cap; the result is still the best found and the
        # app must not flood the console for it.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X_arr, y_arr.astype(np.int64), sample_weight=sw)
    return model


def boundary_offset(
    coef: ArrayLike, intercept: float, point: ArrayLike, *, threshold: float = 0.5
) -> float:
    r"""Signed distance from ``point`` to the line where ``p = threshold``.

    For :math:`p = \sigma(\beta^\top x + \beta_0)` the set
    :math:`p = t` is the hyperplane :math:`\beta^\top x + \beta_0 =
    \mathrm{logit}(t)`, whose signed distance from :math:`x_0` is

    .. math:: d = \frac{\mathrm{logit}(t) - \beta^\top x_0 - \beta_0}{\lVert\beta\rVert}.

    Positive means the boundary lies on the positive side of the point, in the
    direction of :math:`\beta`.

    Parameters
    ----------
    coef : array_like of shape (d,)
        Coefficients.
    intercept : float
        Intercept.
    point : array_like of shape (d,)
        Reference point.
    threshold : float, default=0.5
        Probability threshold in (0, 1).

    Returns
    -------
    float
        The signed distance, or ``inf`` if ``coef`` is zero.
    """
    return LinearModel.of(coef, intercept).boundary_offset(point, threshold=threshold)


def probability_grid(
    coef: ArrayLike,
    intercept: float,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    size: int = 100,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Probability of class 1 of a 2-D linear model on a regular grid.

    .. math:: P_{ij} = \sigma(\beta_1 g^x_j + \beta_2 g^y_i + \beta_0)

    Parameters
    ----------
    coef : array_like of shape (2,)
        Coefficients :math:`(\beta_1, \beta_2)`.
    intercept : float
        Intercept :math:`\beta_0`.
    x_range, y_range : (float, float)
        Extent of the grid.
    size : int, default=100
        Points per axis (2 to 400); 100 keeps a heatmap light in the browser.

    Returns
    -------
    grid_x : ndarray of shape (size,)
    grid_y : ndarray of shape (size,)
    prob : ndarray of shape (size, size)
        Rows follow ``grid_y``, columns ``grid_x``.
    """
    return LinearModel.of(coef, intercept).probability_grid(x_range, y_range, size=size)


def predict_labels(
    coef: ArrayLike, intercept: float, X: ArrayLike, *, threshold: float = 0.5
) -> NDArray[np.int64]:
    r"""Class labels of a linear model at a probability threshold.

    .. math:: \hat y_i = [\,\beta^\top x_i + \beta_0 > \mathrm{logit}(t)\,]

    Comparing logits instead of probabilities keeps thresholds near 0 or 1
    exact; at ``t = 0.5`` this is scikit-learn's ``predict``.

    Parameters
    ----------
    coef : array_like of shape (d,)
        Coefficients.
    intercept : float
        Intercept.
    X : array_like of shape (n, d)
        Features.
    threshold : float, default=0.5
        Probability threshold in (0, 1).

    Returns
    -------
    ndarray of int of shape (n,)
    """
    return LinearModel.of(coef, intercept).predict(X, threshold=threshold)


def predict_proba_linear(coef: ArrayLike, intercept: float, X: ArrayLike) -> NDArray[np.float64]:
    r"""Probability of class 1 under a linear (logistic) model.

    .. math:: p_i = \sigma(\beta^\top x_i + \beta_0)

    Parameters
    ----------
    coef : array_like of shape (d,)
        Coefficients.
    intercept : float
        Intercept.
    X : array_like of shape (n, d)
        Features.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), *The Elements of Statistical
    Learning*, eq. (4.17).
    """
    return LinearModel.of(coef, intercept).probability(X)
