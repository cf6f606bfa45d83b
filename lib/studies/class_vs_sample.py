r"""Class weights against sample weights: the page's first study.

``class_weight={1: w}`` is the same as a ``sample_weight`` array holding
``w`` for every class-1 point; the array can also single out hand-picked
points. This module holds

* :func:`point_weights` — the array :math:`s_i = w_{y_i} f^{[i \in P]}`;
* :func:`boundary_candidates` — the points nearest to a boundary, worth picking;
* :func:`compare_class_and_sample_weights` and :func:`boundary_shifts` —
  logistic fits unweighted, with ``class_weight`` and with ``sample_weight``,
  and how far each moved the boundary;
* :func:`weight_table` — the array at chosen points;
* :func:`pickable_data` and :func:`picked_points_section` — everything the
  sample-weights page's first section shows, in two calls (the data and its
  candidates before the controls, the fits after them).

Every model is fitted by scikit-learn through :func:`lib.models.fit_logistic`
and returned as a :class:`lib.linear.LinearModel`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_binary_labels,
    as_coefficients,
    as_float_array,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.data import make_imbalanced, plot_extent
from lib.i18n import LabError
from lib.linear import LinearModel
from lib.models import fit_logistic
from lib.weights import sample_weights

#: A probability grid ``(grid_x, grid_y, prob)`` as :meth:`LinearModel.probability_grid` returns.
Grid = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]


def _point_ids(name: str, ids: Sequence[int] | ArrayLike, n: int) -> NDArray[np.int64]:
    raw = np.asarray(ids)
    if raw.size == 0:
        return np.zeros(0, dtype=np.int64)
    if raw.ndim != 1:
        raise LabError("error.arg.point_ids", name=name)
    out = np.array(
        [check_int(f"{name}[{k}]", v, low=0, high=n - 1) for k, v in enumerate(raw.tolist())],
        dtype=np.int64,
    )
    return np.unique(out)


def point_weights(
    y: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    picked: Sequence[int] | ArrayLike = (),
    factor: float = 1.0,
) -> NDArray[np.float64]:
    r"""A ``sample_weight`` array: class weights times a factor for chosen points.

    .. math:: s_i = w_{y_i} \cdot f^{[\,i \in P\,]}

    where :math:`w_0, w_1` are the class weights, :math:`P` the picked
    indices and :math:`f` their extra factor (``f = 0`` removes a point from
    the fit, ``f = 1`` changes nothing).

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1.
    w0, w1 : float, default=1.0
        Class weights, finite and >= 0.
    picked : sequence of int, default=()
        Indices of the points to re-weight, each in ``[0, n)``; repeats are
        counted once.
    factor : float, default=1.0
        Multiplier of the picked points' weights, finite and >= 0.

    Returns
    -------
    ndarray of shape (n,)

    Raises
    ------
    ValueError
        On labels other than 0/1, a negative or non-finite weight or factor,
        or an index outside ``[0, n)``.

    References
    ----------
    scikit-learn Glossary, "sample_weight" and "class_weight": class weights
    are multiplied into the sample weights.
    """
    labels = as_binary_labels("y", y).astype(np.int64)
    a = check_finite_number("w0", w0, low=0.0)
    b = check_finite_number("w1", w1, low=0.0)
    f = check_finite_number("factor", factor, low=0.0)
    weights = sample_weights(labels, {0: a, 1: b})
    weights[_point_ids("picked", picked, len(labels))] *= f
    return weights


def boundary_candidates(
    X: ArrayLike, coef: ArrayLike, intercept: float, *, k: int = 12
) -> NDArray[np.int64]:
    r"""The ``k`` points nearest to a linear boundary: the ones worth re-weighting.

    Distance of :math:`x_i` from the line :math:`\beta^\top x + \beta_0 = 0`:

    .. math:: d_i = \frac{|\beta^\top x_i + \beta_0|}{\lVert\beta\rVert}

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    coef : array_like of shape (d,)
        Boundary coefficients :math:`\beta`.
    intercept : float
        Boundary intercept :math:`\beta_0`.
    k : int, default=12
        How many points to return, >= 1 (at most ``n`` are returned).

    Returns
    -------
    ndarray of int
        Indices of the nearest points in increasing index order (ties keep
        the lower index; a zero ``coef`` gives the first ``k`` points).
    """
    X_arr = as_float_array("X", X, ndim=2)
    beta = as_coefficients(coef)
    if X_arr.shape[1] != len(beta):
        raise LabError("error.arg.features_mismatch", features=X_arr.shape[1], coef=len(beta))
    b = check_finite_number("intercept", intercept)
    count = check_int("k", k, low=1)
    distance = np.abs(X_arr @ beta + b)
    order = np.argsort(distance, kind="stable")[:count]
    return np.sort(order).astype(np.int64)


@dataclass(frozen=True)
class WeightingComparison:
    """Three logistic fits of the same data (see :func:`compare_class_and_sample_weights`).

    Attributes
    ----------
    weights : ndarray of shape (n,)
        The ``sample_weight`` array of the third fit.
    unweighted : LinearModel
        The fit without any weights.
    class_weighted : LinearModel
        The fit with ``class_weight={0: 1, 1: w1}``.
    class_as_sample : LinearModel
        The fit with the class weights given as a ``sample_weight`` array (no
        point picked): equal to ``class_weighted``.
    sample_weighted : LinearModel
        The fit with ``sample_weight=weights``.
    """

    weights: NDArray[np.float64]
    unweighted: LinearModel
    class_weighted: LinearModel
    class_as_sample: LinearModel
    sample_weighted: LinearModel


def _linear(model: Any) -> LinearModel:
    # A fitted binary scikit-learn classifier as a LinearModel.
    return LinearModel.of(model.coef_[0].copy(), model.intercept_[0])


def compare_class_and_sample_weights(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w1: float,
    picked: Sequence[int] | ArrayLike = (),
    factor: float = 1.0,
    C: float = 1.0,
) -> WeightingComparison:
    r"""Fit logistic regression unweighted, with ``class_weight`` and with ``sample_weight``.

    scikit-learn minimises

    .. math::

        \tfrac12\lVert\beta\rVert^2 + C\sum_i s_i\, w_{y_i}\,
        \ell\bigl(y_i, \sigma(\beta^\top x_i + \beta_0)\bigr),

    so ``class_weight={0: 1, 1: w1}`` and the array
    :math:`s_i = w_1^{[y_i = 1]}` (all picked factors 1) define the same
    objective and the same fit. Picking points with ``factor != 1`` changes
    only their terms (:func:`point_weights`).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1, both present.
    w1 : float
        Class-1 weight (class 0 keeps weight 1), finite and >= 0.
    picked : sequence of int, default=()
        Indices whose sample weight is multiplied by ``factor``.
    factor : float, default=1.0
        Extra factor of the picked points, >= 0.
    C : float, default=1.0
        Inverse regularisation strength, > 0.

    Returns
    -------
    WeightingComparison

    References
    ----------
    scikit-learn User Guide, sec. 1.1.11 "Logistic regression" (objective
    with sample weights); King & Zeng (2001), "Logistic Regression in Rare
    Events Data", Political Analysis 9(2).
    """
    weights = point_weights(y, w1=w1, picked=picked, factor=factor)
    return WeightingComparison(
        weights=weights,
        unweighted=_linear(fit_logistic(X, y, C=C)),
        class_weighted=_linear(fit_logistic(X, y, w1=w1, C=C)),
        class_as_sample=_linear(fit_logistic(X, y, sample_weight=point_weights(y, w1=w1), C=C)),
        sample_weighted=_linear(fit_logistic(X, y, sample_weight=weights, C=C)),
    )


def weight_table(
    X: ArrayLike,
    y: ArrayLike,
    ids: Sequence[int] | ArrayLike,
    *,
    w1: float,
    picked: Sequence[int] | ArrayLike = (),
    factor: float = 1.0,
) -> pd.DataFrame:
    r"""The ``sample_weight`` array of :func:`point_weights` at chosen points.

    .. math:: s_i = w_{y_i} \cdot f^{[\,i \in P\,]},\qquad w_0 = 1,\ w_1 = w

    Parameters
    ----------
    X : array_like of shape (n, 2)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    ids : sequence of int
        Rows to list (e.g. :func:`boundary_candidates`), each in ``[0, n)``.
    w1 : float
        Class-1 weight, >= 0.
    picked : sequence of int, default=()
        Indices whose weight is multiplied by ``factor``.
    factor : float, default=1.0
        Extra factor of the picked points, >= 0.

    Returns
    -------
    DataFrame
        One row per id in the given order; columns ``point``, ``x1``, ``x2``,
        ``class``, ``class_weight``, ``factor`` and ``weight``
        (= ``class_weight * factor``).
    """
    X_arr = as_float_array("X", X, ndim=2)
    labels = as_binary_labels("y", y).astype(np.int64)
    check_same_length(X=X_arr, y=labels)
    if X_arr.shape[1] != 2:
        raise LabError("error.arg.two_features", features=X_arr.shape[1])
    rows = np.array(
        [
            check_int(f"ids[{k}]", i, low=0, high=len(labels) - 1)
            for k, i in enumerate(np.asarray(ids).ravel().tolist())
        ],
        dtype=np.int64,
    )
    chosen = _point_ids("picked", picked, len(labels))
    f = check_finite_number("factor", factor, low=0.0)
    class_weight = point_weights(labels, w1=w1)[rows]
    factors = np.where(np.isin(rows, chosen), f, 1.0)
    return pd.DataFrame(
        {
            "point": rows,
            "x1": X_arr[rows, 0],
            "x2": X_arr[rows, 1],
            "class": labels[rows],
            "class_weight": class_weight,
            "factor": factors,
            "weight": class_weight * factors,
        }
    )


def boundary_shifts(fits: WeightingComparison, point: ArrayLike) -> dict[str, float]:
    r"""How far each kind of weight moved the boundary, measured at ``point``.

    With :math:`d(\cdot)` the signed distance from ``point`` to a boundary
    (:meth:`lib.linear.LinearModel.boundary_offset`):

    * ``"class"``: :math:`d(\text{class\_weight}) - d(\text{unweighted})`;
    * ``"picked"``: :math:`d(\text{sample\_weight}) - d(\text{class\_weight})`,
      the extra shift caused by the picked points alone;
    * ``"identical"``: :math:`\max |\Delta\beta|` over coefficients and
      intercept between ``class_weight`` and the same weights given as an
      array: 0 up to rounding.

    Parameters
    ----------
    fits : WeightingComparison
        From :func:`compare_class_and_sample_weights`.
    point : array_like of shape (d,)
        Where to measure, e.g. the mean of the data.

    Returns
    -------
    dict of str to float
    """
    plain, by_class, by_sample = (
        fit.boundary_offset(point)
        for fit in (fits.unweighted, fits.class_weighted, fits.sample_weighted)
    )
    gap = np.append(*fits.class_weighted) - np.append(*fits.class_as_sample)
    return {
        "class": by_class - plain,
        "picked": by_sample - by_class,
        "identical": float(np.max(np.abs(gap))),
    }


# ---------------------------------------------------------------- the page's section
@dataclass(frozen=True)
class PickableData:
    """The first section's data and the points offered for picking.

    Attributes
    ----------
    X : ndarray of shape (n, 2)
        Features.
    y : ndarray of int of shape (n,)
        Labels 0/1.
    candidates : dict of int to int
        The :func:`boundary_candidates` of the unweighted fit, in increasing
        order, each mapped to its class.
    """

    X: NDArray[np.float64]
    y: NDArray[np.int64]
    candidates: Mapping[int, int]


def pickable_data(
    n_samples: int,
    ratio: float,
    *,
    class_sep: float,
    shape: str,
    random_state: int,
    max_samples: int,
    max_ratio: float,
    k: int = 12,
) -> PickableData:
    r"""Draw the section's data (with capped size and ratio) and the points worth picking.

    The data are :func:`lib.data.make_imbalanced` with
    :math:`\min(n, n_{\max})` samples at ratio :math:`\min(r, r_{\max})`, so
    every point stays visible and class 1 keeps enough points to pick; the
    candidates are the ``k`` points nearest to the unweighted logistic fit's
    boundary (:func:`boundary_candidates`).

    Parameters
    ----------
    n_samples : int
        Requested number of samples (the sidebar's).
    ratio : float
        Requested majority per minority sample, >= 1.
    class_sep, shape, random_state
        As in :func:`lib.data.make_imbalanced`.
    max_samples : int
        Cap of ``n_samples``, >= 2.
    max_ratio : float
        Cap of ``ratio``, >= 1.
    k : int, default=12
        Number of candidates, >= 1.

    Returns
    -------
    PickableData
    """
    n = min(check_int("n_samples", n_samples, low=2), check_int("max_samples", max_samples, low=2))
    check_finite_number("max_ratio", max_ratio, low=1.0)
    r = min(ratio, max_ratio)
    X, y = make_imbalanced(n, r, class_sep=class_sep, shape=shape, random_state=random_state)
    plain = _linear(fit_logistic(X, y))
    ids = boundary_candidates(X, plain.coef, plain.intercept, k=k)
    return PickableData(X=X, y=y, candidates={int(i): int(y[i]) for i in ids})


@dataclass(frozen=True)
class PickedPointsSection:
    """Every number and array the first section of the sample-weights page shows.

    Attributes
    ----------
    fits : WeightingComparison
        :func:`compare_class_and_sample_weights` of the data.
    class_weights : ndarray of shape (n,)
        The class weights as an array (no point picked), drawn on the left map.
    x_range, y_range : (float, float)
        Extent of both maps (:func:`lib.data.plot_extent`).
    grids : dict of str to Grid
        Probability grids of the maps: ``"class"`` of the ``class_weight``
        fit, ``"sample"`` of the ``sample_weight`` fit.
    shifts : dict of str to float
        :func:`boundary_shifts` measured at the mean of the data.
    table : DataFrame
        :func:`weight_table` of the candidates.
    total_weight : float
        Sum of the ``sample_weight`` array.
    """

    fits: WeightingComparison
    class_weights: NDArray[np.float64]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    grids: Mapping[str, Grid]
    shifts: Mapping[str, float]
    table: pd.DataFrame
    total_weight: float


def picked_points_section(
    data: PickableData,
    *,
    w1: float,
    picked: Sequence[int] = (),
    factor: float = 1.0,
    grid_size: int = 100,
) -> PickedPointsSection:
    r"""Fit, compare and tabulate class and sample weights for the chosen controls.

    Composes :func:`compare_class_and_sample_weights` (:math:`w_0 = 1`,
    :math:`w_1 = w`, picked points times :math:`f`), the fits' probability
    grids (:meth:`lib.linear.LinearModel.probability_grid`),
    :func:`boundary_shifts` at the mean of the data and :func:`weight_table`
    of the candidates.

    Parameters
    ----------
    data : PickableData
        From :func:`pickable_data`.
    w1 : float
        Class-1 weight, >= 0.
    picked : sequence of int, default=()
        Indices whose sample weight is multiplied by ``factor``.
    factor : float, default=1.0
        Extra factor of the picked points, >= 0.
    grid_size : int, default=100
        Points per axis of the probability grids.

    Returns
    -------
    PickedPointsSection
    """
    fits = compare_class_and_sample_weights(data.X, data.y, w1=w1, picked=picked, factor=factor)
    x_range, y_range = plot_extent(data.X, data.y)
    grids = {
        name: fit.probability_grid(x_range, y_range, size=grid_size)
        for name, fit in (("class", fits.class_weighted), ("sample", fits.sample_weighted))
    }
    return PickedPointsSection(
        fits=fits,
        class_weights=point_weights(data.y, w1=w1),
        x_range=x_range,
        y_range=y_range,
        grids=grids,
        shifts=boundary_shifts(fits, data.X.mean(axis=0)),
        table=weight_table(
            data.X, data.y, list(data.candidates), w1=w1, picked=picked, factor=factor
        ),
        total_weight=float(fits.weights.sum()),
    )
