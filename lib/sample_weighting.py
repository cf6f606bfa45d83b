r"""Per-sample weights beyond classes: chosen points, recency and 1/σ² regression.

Three small studies, each a data generator plus scikit-learn fits:

* :func:`compare_class_and_sample_weights` — ``class_weight={1: w}`` is the
  same as a ``sample_weight`` array holding ``w`` for every class-1 point;
  the array can also single out hand-picked points (:func:`point_weights`).
* :func:`make_drifting` and :func:`recency_study` — data whose true boundary
  rotates over time, fitted with exponential recency weights
  (:func:`lib.weights.recency_weights`).
* :func:`make_heteroscedastic`, :func:`fit_line` and
  :func:`replicate_line_fits` — a straight line measured with unequal
  uncertainty, fitted by ordinary and by weighted least squares
  (:math:`s_i = 1/\sigma_i^2`).

Every model is fitted by scikit-learn (``LogisticRegression`` through
:func:`lib.models.fit_logistic`, ``LinearRegression``); nothing here solves
an optimisation problem by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.linear_model import LinearRegression

from lib._validation import (
    as_binary_labels,
    as_coefficients,
    as_float_array,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.data import MAX_SAMPLES
from lib.i18n import LabError
from lib.models import boundary_offset, fit_logistic, predict_labels
from lib.settings import ParamError
from lib.weights import recency_weights, sample_weights

#: A fitted linear boundary ``coef @ x + intercept = 0`` as (coef, intercept).
Boundary = tuple[NDArray[np.float64], float]


# ---------------------------------------------------------------- (a) class vs sample weight
def _point_ids(name: str, ids: Sequence[int] | ArrayLike, n: int) -> NDArray[np.int64]:
    raw = np.asarray(ids)
    if raw.size == 0:
        return np.zeros(0, dtype=np.int64)
    if raw.ndim != 1:
        raise ValueError(f"`{name}` must be a flat list of point indices.")
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
        raise ValueError(f"`X` has {X_arr.shape[1]} features but `coef` has {len(beta)} entries.")
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
    unweighted : (ndarray, float)
        ``(coef, intercept)`` without any weights.
    class_weighted : (ndarray, float)
        ``(coef, intercept)`` with ``class_weight={0: 1, 1: w1}``.
    class_as_sample : (ndarray, float)
        ``(coef, intercept)`` with the class weights given as a
        ``sample_weight`` array (no point picked): equal to ``class_weighted``.
    sample_weighted : (ndarray, float)
        ``(coef, intercept)`` with ``sample_weight=weights``.
    """

    weights: NDArray[np.float64]
    unweighted: Boundary
    class_weighted: Boundary
    class_as_sample: Boundary
    sample_weighted: Boundary


def _boundary(model: Any) -> Boundary:
    coef = np.asarray(model.coef_[0], dtype=np.float64).copy()
    return coef, float(model.intercept_[0])


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
        unweighted=_boundary(fit_logistic(X, y, C=C)),
        class_weighted=_boundary(fit_logistic(X, y, w1=w1, C=C)),
        class_as_sample=_boundary(fit_logistic(X, y, sample_weight=point_weights(y, w1=w1), C=C)),
        sample_weighted=_boundary(fit_logistic(X, y, sample_weight=weights, C=C)),
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
        raise ValueError(f"`X` must have 2 features. Got {X_arr.shape[1]} instead.")
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
    (:func:`lib.models.boundary_offset`):

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
    boundaries = {
        "unweighted": fits.unweighted,
        "class_weighted": fits.class_weighted,
        "sample_weighted": fits.sample_weighted,
    }
    d = {
        name: boundary_offset(coef, intercept, point)
        for name, (coef, intercept) in boundaries.items()
    }
    gap = np.append(*fits.class_weighted) - np.append(*fits.class_as_sample)
    return {
        "class": d["class_weighted"] - d["unweighted"],
        "picked": d["sample_weighted"] - d["class_weighted"],
        "identical": float(np.max(np.abs(gap))),
    }


def point_ids_param(choices: Sequence[int]) -> Callable[[str], list[int]]:
    """Parser of a comma-separated list of point indices for a URL parameter.

    ``""`` and ``"none"`` mean no point. Anything else must be indices from
    ``choices``; otherwise :class:`lib.settings.ParamError` with the reason
    key ``"sw.notice_ids"`` is raised (the caller then falls back to no
    point, with a notice).

    Parameters
    ----------
    choices : sequence of int
        The indices that may be picked.

    Returns
    -------
    callable
        ``parse(raw) -> list[int]``, sorted and without repeats.
    """
    allowed = {int(c) for c in choices}

    def parse(raw: str) -> list[int]:
        text = raw.strip().lower()
        if text in ("", "none"):
            return []
        try:
            ids = {int(part) for part in text.split(",") if part.strip()}
        except ValueError:
            raise ParamError("sw.notice_ids", choices=_listed(allowed)) from None
        if not ids <= allowed:
            raise ParamError("sw.notice_ids", choices=_listed(allowed))
        return sorted(ids)

    return parse


def _listed(ids: set[int]) -> str:
    return ", ".join(str(i) for i in sorted(ids)) or "none"


def format_point_ids(ids: Sequence[int]) -> str:
    """URL text of a list of point indices (inverse of :func:`point_ids_param`).

    Parameters
    ----------
    ids : sequence of int
        Point indices.

    Returns
    -------
    str
        ``"3,17"``, or ``"none"`` for an empty list.
    """
    return ",".join(str(int(i)) for i in sorted(ids)) or "none"


# ---------------------------------------------------------------- (b) recency
@dataclass(frozen=True)
class DriftingData:
    """A 2-D data set whose true boundary rotated while it was collected.

    Attributes
    ----------
    X : ndarray of shape (n, 2)
        Features.
    y : ndarray of int of shape (n,)
        Labels 0/1.
    age : ndarray of shape (n,)
        Age of every sample (0 = collected now).
    coef, intercept : ndarray of shape (2,), float
        True log-odds of the current boundary: coefficients ``k u(0)``, intercept 0.
    coef_oldest : ndarray of shape (2,)
        True log-odds coefficients at the oldest age, ``k u(max_age)``.
    """

    X: NDArray[np.float64]
    y: NDArray[np.int64]
    age: NDArray[np.float64]
    coef: NDArray[np.float64]
    intercept: float
    coef_oldest: NDArray[np.float64]


#: Direction (degrees) of the current true boundary's normal vector.
CURRENT_ANGLE = 30.0


def make_drifting(
    n_samples: int,
    *,
    drift: float = 90.0,
    max_age: float = 100.0,
    sharpness: float = 4.0,
    random_state: int | None = None,
) -> DriftingData:
    r"""Draw data whose true decision boundary rotates as the samples get older.

    Ages are uniform, :math:`a_i \sim U(0, a_{\max})`; features are standard
    normal; the label of a sample of age :math:`a` follows the logistic model

    .. math::

        P(y = 1 \mid x, a) = \sigma\bigl(k\, u(a)^\top x\bigr),\qquad
        u(a) = (\cos\theta(a), \sin\theta(a)),\quad
        \theta(a) = \theta_0 + \delta\, \frac{a}{a_{\max}},

    so the boundary through the origin has turned by :math:`\delta`
    (``drift``) between the oldest sample and now (:math:`\theta_0 = 30°`).
    ``max_age=0`` draws fresh data from the current boundary only (a test
    set "from today").

    Parameters
    ----------
    n_samples : int
        Number of samples, 2 to 1,000,000.
    drift : float, default=90.0
        Rotation :math:`\delta` in degrees over the whole age range, 0 to 180.
    max_age : float, default=100.0
        Age of the oldest possible sample, >= 0 (any time unit).
    sharpness : float, default=4.0
        Log-odds slope :math:`k` across the boundary, > 0; larger means less
        label noise.
    random_state : int or None, default=None
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    DriftingData

    References
    ----------
    Gama, Žliobaitė, Bifet, Pechenizkiy, Bouchachia (2014), "A Survey on
    Concept Drift Adaptation", ACM Computing Surveys 46(4), sec. 2 (real
    concept drift: P(y | x) changes over time).
    """
    n = check_int("n_samples", n_samples, low=2, high=MAX_SAMPLES)
    delta = check_finite_number("drift", drift, low=0.0, high=180.0)
    oldest = check_finite_number("max_age", max_age, low=0.0)
    k = check_finite_number("sharpness", sharpness, low=0.0, low_inclusive=False)
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    rng = np.random.default_rng(random_state)
    age = rng.uniform(0.0, oldest, n) if oldest > 0 else np.zeros(n)
    fraction = age / oldest if oldest > 0 else np.zeros(n)
    theta = np.deg2rad(CURRENT_ANGLE + delta * fraction)
    X = rng.standard_normal((n, 2))
    logits = k * (np.cos(theta) * X[:, 0] + np.sin(theta) * X[:, 1])
    y = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-logits))).astype(np.int64)

    def normal(angle: float) -> NDArray[np.float64]:
        rad = np.deg2rad(angle)
        return np.array([k * np.cos(rad), k * np.sin(rad)])

    return DriftingData(
        X=X,
        y=y,
        age=age,
        coef=normal(CURRENT_ANGLE),
        intercept=0.0,
        coef_oldest=normal(CURRENT_ANGLE + delta),
    )


def effective_sample_size(weights: ArrayLike) -> float:
    r"""Kish's effective sample size of a weighted sample.

    .. math:: n_{\mathrm{eff}} = \frac{\bigl(\sum_i s_i\bigr)^2}{\sum_i s_i^2}

    It equals ``n`` for equal weights and shrinks towards 1 as a few weights
    dominate; it does not change when all weights are scaled.

    Parameters
    ----------
    weights : array_like of shape (n,)
        Finite weights >= 0, not all zero.

    Returns
    -------
    float

    References
    ----------
    Kish (1965), *Survey Sampling*, Wiley, sec. 11.7.
    """
    s = as_float_array("weights", weights)
    if np.any(s < 0):
        raise ValueError("`weights` must be >= 0 everywhere.")
    top = float(s.max())
    if top == 0.0:
        raise ValueError("`weights` must not all be zero.")
    r = s / top  # scale first so that squares of huge or tiny weights stay finite
    return float(r.sum() ** 2 / np.sum(r * r))


def angle_between(coef_a: ArrayLike, coef_b: ArrayLike) -> float:
    r"""Angle in degrees between two boundaries' normal vectors.

    .. math::

        \angle(a, b) = \arccos\frac{a^\top b}{\lVert a\rVert\,\lVert b\rVert}
        = 2\arctan\frac{\lVert \hat a - \hat b\rVert}{\lVert \hat a + \hat b\rVert},
        \quad \hat a = a / \lVert a\rVert,

    computed in the second form, which stays accurate for nearly parallel
    vectors (Kahan).

    Parameters
    ----------
    coef_a, coef_b : array_like of shape (d,)
        Coefficient vectors of the same length.

    Returns
    -------
    float
        In [0, 180]; ``nan`` if either vector is zero.
    """
    a = as_coefficients(coef_a)
    b = as_coefficients(coef_b)
    if len(a) != len(b):
        raise ValueError(f"`coef_a` has {len(a)} entries but `coef_b` has {len(b)}.")
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na == 0.0 or nb == 0.0:
        return float("nan")
    ua, ub = a / na, b / nb
    return float(np.degrees(2.0 * np.arctan2(np.linalg.norm(ua - ub), np.linalg.norm(ua + ub))))


def fit_recency(data: DriftingData, *, half_life: float | None, C: float = 1.0) -> Boundary:
    r"""Logistic regression on drifting data, optionally with recency weights.

    The weights :math:`s_i = 2^{-a_i/h}` (:func:`lib.weights.recency_weights`)
    are divided by their mean before fitting, so their scale does not
    interact with the regularisation strength ``C``:

    .. math::

        \min_\beta\ \tfrac12\lVert\beta\rVert^2 + C\sum_i
        \frac{s_i}{\bar s}\,\ell\bigl(y_i, \sigma(\beta^\top x_i + \beta_0)\bigr)

    Parameters
    ----------
    data : DriftingData
        Training data (:func:`make_drifting`).
    half_life : float or None
        Half-life ``h`` in the unit of ``data.age``, > 0; ``None`` fits
        without weights (no forgetting).
    C : float, default=1.0
        Inverse regularisation strength, > 0.

    Returns
    -------
    (ndarray of shape (2,), float)
        ``(coef, intercept)`` of the fitted boundary.

    References
    ----------
    Gama et al. (2014), ACM Computing Surveys 46(4), sec. 3.2 (fading
    factors); Koychev (2000), "Gradual Forgetting for Adaptation to Concept
    Drift", ECAI workshop.
    """
    if half_life is None:
        return _boundary(fit_logistic(data.X, data.y, C=C))
    s = recency_weights(data.age, half_life=half_life)
    return _boundary(fit_logistic(data.X, data.y, sample_weight=s / s.mean(), C=C))


def recency_study(
    train: DriftingData, test: DriftingData, *, half_lives: Sequence[float], C: float = 1.0
) -> pd.DataFrame:
    r"""Recency-weighted fits for several half-lives, scored on fresh data.

    For every half-life (and ``inf`` = unweighted) the fit of
    :func:`fit_recency` is scored by its accuracy on ``test`` (data from the
    current boundary, ``max_age=0``) and by its angle to the true current
    boundary; Kish's :func:`effective_sample_size` shows how many samples
    the weights effectively keep.

    Parameters
    ----------
    train : DriftingData
        Training data with ages.
    test : DriftingData
        Fresh test data.
    half_lives : sequence of float
        Half-lives to try, each > 0.
    C : float, default=1.0
        Inverse regularisation strength, > 0.

    Returns
    -------
    DataFrame
        One row per half-life in the given order, then one for ``inf``;
        columns ``half_life``, ``accuracy``, ``angle_error`` (degrees) and
        ``n_eff``. ``attrs["bayes_accuracy"]`` holds the accuracy of the true
        current boundary on ``test``.

    References
    ----------
    Kish (1965), *Survey Sampling*, sec. 11.7; Gama et al. (2014), sec. 3.2.
    """
    if len(half_lives) == 0:
        raise ValueError("`half_lives` must list at least one half-life.")
    rows = []
    for h in [*half_lives, None]:
        coef, intercept = fit_recency(train, half_life=h, C=C)
        weights = np.ones(len(train.y)) if h is None else recency_weights(train.age, half_life=h)
        rows.append(
            {
                "half_life": float("inf") if h is None else float(h),
                "accuracy": float(np.mean(predict_labels(coef, intercept, test.X) == test.y)),
                "angle_error": angle_between(coef, train.coef),
                "n_eff": effective_sample_size(weights),
            }
        )
    table = pd.DataFrame(rows)
    table.attrs["bayes_accuracy"] = float(
        np.mean(predict_labels(test.coef, test.intercept, test.X) == test.y)
    )
    return table


# ---------------------------------------------------------------- (c) weighted regression
@dataclass(frozen=True)
class HeteroscedasticData:
    """Points on a straight line measured with unequal, known uncertainty.

    Attributes
    ----------
    x, y : ndarray of shape (n,)
        Measurements.
    sigma : ndarray of shape (n,)
        Standard deviation of every measurement's noise.
    intercept, slope : float
        The true line :math:`y = a + b x`.
    x_range : (float, float)
        The interval the ``x`` were drawn from.
    """

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    sigma: NDArray[np.float64]
    intercept: float
    slope: float
    x_range: tuple[float, float]


def make_heteroscedastic(
    n_samples: int = 40,
    *,
    spread: float = 20.0,
    slope: float = 0.8,
    intercept: float = 1.0,
    noise: float = 1.0,
    x_max: float = 10.0,
    random_state: int | None = None,
) -> HeteroscedasticData:
    r"""Draw points of a line whose noise level differs from point to point.

    .. math::

        x_i \sim U(0, x_{\max}),\quad
        \sigma_i = \sigma\, R^{\,u_i - 1/2},\ u_i \sim U(0, 1),\quad
        y_i = a + b\,x_i + \sigma_i\,\varepsilon_i,\ \varepsilon_i \sim N(0, 1)

    so the noise levels are log-uniform between :math:`\sigma/\sqrt R` and
    :math:`\sigma\sqrt R` (their geometric mean stays :math:`\sigma`), and
    ``spread`` :math:`R` is the ratio of the largest to the smallest
    possible :math:`\sigma_i`; ``spread=1`` is homoscedastic.

    Parameters
    ----------
    n_samples : int, default=40
        Number of points, 3 to 1,000,000.
    spread : float, default=20.0
        :math:`R \ge 1`, at most 10,000.
    slope, intercept : float
        The true line.
    noise : float, default=1.0
        Geometric-mean noise level :math:`\sigma > 0`.
    x_max : float, default=10.0
        Upper end of the x range, > 0.
    random_state : int or None, default=None
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    HeteroscedasticData

    References
    ----------
    Aitken (1935), "On Least Squares and Linear Combination of
    Observations", Proc. Royal Society of Edinburgh 55, 42-48.
    """
    n = check_int("n_samples", n_samples, low=3, high=MAX_SAMPLES)
    R = check_finite_number("spread", spread, low=1.0, high=10_000.0)
    b = check_finite_number("slope", slope)
    a = check_finite_number("intercept", intercept)
    s = check_finite_number("noise", noise, low=0.0, low_inclusive=False)
    top = check_finite_number("x_max", x_max, low=0.0, low_inclusive=False)
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    rng = np.random.default_rng(random_state)
    x = np.sort(rng.uniform(0.0, top, n))
    sigma = s * R ** (rng.uniform(size=n) - 0.5)
    y = a + b * x + sigma * rng.standard_normal(n)
    return HeteroscedasticData(x=x, y=y, sigma=sigma, intercept=a, slope=b, x_range=(0.0, top))


def inverse_variance_weights(sigma: ArrayLike) -> NDArray[np.float64]:
    r"""Weights of weighted least squares for known noise levels.

    .. math:: s_i = 1 / \sigma_i^2

    Parameters
    ----------
    sigma : array_like of shape (n,)
        Noise standard deviations, finite and > 0.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Aitken (1935), Proc. Royal Society of Edinburgh 55, 42-48.
    """
    s = as_float_array("sigma", sigma)
    if np.any(s <= 0):
        raise ValueError("`sigma` must be > 0 everywhere (a noise standard deviation).")
    return np.asarray(1.0 / (s * s), dtype=np.float64)


def _line_inputs(x: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x_arr = as_float_array("x", x)
    y_arr = as_float_array("y", y)
    check_same_length(x=x_arr, y=y_arr)
    if np.ptp(x_arr) == 0.0:
        raise ValueError("`x` must hold at least two different values to fit a line.")
    return x_arr, y_arr


def fit_line(
    x: ArrayLike, y: ArrayLike, *, sample_weight: ArrayLike | None = None
) -> tuple[float, float]:
    r"""Least-squares line, ordinary or weighted (scikit-learn ``LinearRegression``).

    .. math:: (\hat a, \hat b) = \arg\min_{a, b} \sum_i s_i\,(y_i - a - b\,x_i)^2

    with :math:`s_i = 1` (OLS) or the given weights; with
    :math:`s_i = 1/\sigma_i^2` this is weighted least squares, the best
    linear unbiased estimator under independent noise of known
    :math:`\sigma_i` (Aitken 1935; the Gauss-Markov theorem). Multiplying all
    weights by the same constant does not change the line.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Measurements; ``x`` must hold at least two different values.
    sample_weight : array_like of shape (n,) or None, default=None
        Weights >= 0 with a positive sum; ``None`` is OLS.

    Returns
    -------
    (float, float)
        ``(intercept, slope)``.

    References
    ----------
    Aitken (1935); scikit-learn API, ``LinearRegression.fit(sample_weight=...)``.
    """
    x_arr, y_arr = _line_inputs(x, y)
    sw: NDArray[np.float64] | None = None
    if sample_weight is not None:
        sw = as_float_array("sample_weight", sample_weight)
        check_same_length(x=x_arr, sample_weight=sw)
        if np.any(sw < 0) or not np.any(sw > 0):
            raise LabError("error.weights.nonpositive")
        if np.ptp(x_arr[sw > 0]) == 0.0:
            raise LabError("error.weights.one_x")
        sw = sw / sw.max()  # same line, and the solver never sees huge numbers
    model = LinearRegression().fit(x_arr[:, None], y_arr, sample_weight=sw)
    return float(model.intercept_), float(model.coef_[0])


def slope_standard_deviations(x: ArrayLike, sigma: ArrayLike) -> tuple[float, float]:
    r"""Standard deviation of the OLS and WLS slope for a fixed design.

    With independent noise of standard deviation :math:`\sigma_i`:

    .. math::

        \operatorname{Var}\hat b_{\mathrm{OLS}} =
        \frac{\sum_i (x_i - \bar x)^2 \sigma_i^2}{\bigl(\sum_i (x_i - \bar x)^2\bigr)^2},
        \qquad
        \operatorname{Var}\hat b_{\mathrm{WLS}} =
        \frac{1}{\sum_i w_i (x_i - \bar x_w)^2},\ w_i = \sigma_i^{-2},

    where :math:`\bar x_w` is the weighted mean of ``x``; the second is never
    larger (Gauss-Markov).

    Parameters
    ----------
    x : array_like of shape (n,)
        Design points, at least two different values.
    sigma : array_like of shape (n,)
        Noise standard deviations, > 0.

    Returns
    -------
    (float, float)
        ``(sd_ols, sd_wls)``.

    References
    ----------
    Aitken (1935); Seber & Lee (2003), *Linear Regression Analysis*, 2nd ed.,
    Wiley, sec. 3.10 (generalised least squares).
    """
    x_arr, s = _line_inputs(x, sigma)
    w = inverse_variance_weights(s)
    dx = x_arr - x_arr.mean()
    sxx = float(np.sum(dx * dx))
    var_ols = float(np.sum(dx * dx * s * s)) / sxx**2
    dxw = x_arr - float(np.sum(w * x_arr) / np.sum(w))
    var_wls = 1.0 / float(np.sum(w * dxw * dxw))
    return float(np.sqrt(var_ols)), float(np.sqrt(var_wls))


def line_error(
    intercept: float,
    slope: float,
    *,
    true_intercept: float,
    true_slope: float,
    x_range: tuple[float, float],
) -> float:
    r"""Root-mean-square vertical distance between a fitted and the true line.

    Averaged uniformly over :math:`x \in [l, u]`, with
    :math:`\Delta a = \hat a - a`, :math:`\Delta b = \hat b - b` and the
    midpoint :math:`m = (l + u)/2`:

    .. math::

        \sqrt{\frac{1}{u - l}\int_l^u (\Delta a + \Delta b\,x)^2\,dx}
        = \sqrt{(\Delta a + \Delta b\,m)^2 + \Delta b^2\,\frac{(u - l)^2}{12}}

    One number that counts an error in the intercept and in the slope alike.

    Parameters
    ----------
    intercept, slope : float
        The fitted line.
    true_intercept, true_slope : float
        The true line.
    x_range : (float, float)
        Interval ``(l, u)`` with ``l <= u``.

    Returns
    -------
    float
        >= 0, in the unit of ``y``.
    """
    da = check_finite_number("intercept", intercept) - check_finite_number(
        "true_intercept", true_intercept
    )
    db = check_finite_number("slope", slope) - check_finite_number("true_slope", true_slope)
    lo = check_finite_number("x_range[0]", x_range[0])
    hi = check_finite_number("x_range[1]", x_range[1], low=lo)
    mid = 0.5 * (lo + hi)
    return float(np.sqrt((da + db * mid) ** 2 + db * db * (hi - lo) ** 2 / 12.0))


def replicate_line_fits(
    data: HeteroscedasticData, *, n_reps: int = 400, random_state: int | None = None
) -> pd.DataFrame:
    r"""OLS and WLS estimates over many repetitions of the same experiment.

    The design (``x`` and ``sigma``) stays fixed; only the noise is drawn
    again, :math:`y^{(r)}_i = a + b x_i + \sigma_i \varepsilon^{(r)}_i`, and
    each repetition is fitted by :func:`fit_line` with and without
    :math:`s_i = 1/\sigma_i^2`. Both estimators are unbiased; the spread of
    their estimates shows which one is more precise.

    Parameters
    ----------
    data : HeteroscedasticData
        The experiment (:func:`make_heteroscedastic`).
    n_reps : int, default=400
        Number of repetitions, 2 to 10,000.
    random_state : int or None, default=None
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    DataFrame
        One row per repetition; columns ``ols_intercept``, ``ols_slope``,
        ``wls_intercept``, ``wls_slope``.

    References
    ----------
    Aitken (1935); Gauss-Markov theorem, e.g. Seber & Lee (2003), sec. 3.2.
    """
    reps = check_int("n_reps", n_reps, low=2, high=10_000)
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    weights = inverse_variance_weights(data.sigma)
    x = as_float_array("data.x", data.x)
    rng = np.random.default_rng(random_state)
    noise = rng.standard_normal((len(x), reps))
    Y = data.intercept + data.slope * x[:, None] + data.sigma[:, None] * noise
    # One multi-output fit per estimator: every column of Y is a repetition.
    ols = LinearRegression().fit(x[:, None], Y)
    wls = LinearRegression().fit(x[:, None], Y, sample_weight=weights / weights.max())
    return pd.DataFrame(
        {
            "ols_intercept": ols.intercept_,
            "ols_slope": ols.coef_[:, 0],
            "wls_intercept": wls.intercept_,
            "wls_slope": wls.coef_[:, 0],
        }
    )


@dataclass(frozen=True)
class RegressionStudy:
    """OLS against WLS on one experiment and on its repetitions.

    Attributes
    ----------
    fits : DataFrame
        Index ``truth``, ``ols``, ``wls``; columns ``intercept``, ``slope``
        and ``error`` (:func:`line_error` against the true line).
    replicates : DataFrame
        :func:`replicate_line_fits` of the same design.
    sd_theory : (float, float)
        :func:`slope_standard_deviations`, ``(sd_ols, sd_wls)``.
    """

    fits: pd.DataFrame
    replicates: pd.DataFrame
    sd_theory: tuple[float, float]


def regression_study(
    data: HeteroscedasticData, *, n_reps: int = 400, random_state: int | None = None
) -> RegressionStudy:
    r"""Fit one experiment by OLS and WLS and repeat it ``n_reps`` times.

    OLS minimises :math:`\sum_i (y_i - a - b x_i)^2`, WLS
    :math:`\sum_i (y_i - a - b x_i)^2 / \sigma_i^2` (:func:`fit_line` with
    :func:`inverse_variance_weights`); each fit is scored by its
    :func:`line_error` over ``data.x_range``.

    Parameters
    ----------
    data : HeteroscedasticData
        The experiment (:func:`make_heteroscedastic`).
    n_reps : int, default=400
        Repetitions for :func:`replicate_line_fits`, 2 to 10,000.
    random_state : int or None, default=None
        Seed of the repetitions' noise.

    Returns
    -------
    RegressionStudy

    References
    ----------
    Aitken (1935), Proc. Royal Society of Edinburgh 55, 42-48; Seber & Lee
    (2003), *Linear Regression Analysis*, sec. 3.10.
    """
    lines = {
        "truth": (data.intercept, data.slope),
        "ols": fit_line(data.x, data.y),
        "wls": fit_line(data.x, data.y, sample_weight=inverse_variance_weights(data.sigma)),
    }
    fits = pd.DataFrame(
        [
            (
                a,
                b,
                line_error(
                    a, b, true_intercept=data.intercept, true_slope=data.slope, x_range=data.x_range
                ),
            )
            for a, b in lines.values()
        ],
        index=list(lines),
        columns=["intercept", "slope", "error"],
    )
    return RegressionStudy(
        fits=fits,
        replicates=replicate_line_fits(data, n_reps=n_reps, random_state=random_state),
        sd_theory=slope_standard_deviations(data.x, data.sigma),
    )
