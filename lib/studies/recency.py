r"""Recency weights on drifting data: the page's second study.

Data whose true boundary rotates while it is collected
(:func:`make_drifting`, real concept drift), fitted by logistic regression
with exponential recency weights :math:`s_i = 2^{-a_i/h}`
(:func:`lib.weights.recency_weights`, :func:`fit_recency`) and scored on
fresh data for several half-lives (:func:`recency_study`). Two measures the
study reports live here too: Kish's :func:`effective_sample_size` of a
weighted sample and the :func:`angle_between` two boundaries.
:func:`recency_section` returns everything the sample-weights page's second
section shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import as_coefficients, as_float_array, check_finite_number, check_int
from lib.data import MAX_SAMPLES
from lib.i18n import LabError
from lib.linear import LinearModel
from lib.models import fit_logistic, predict_labels
from lib.weights import recency_weights


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
        raise LabError("error.arg.nonnegative_all", name="weights")
    top = float(s.max())
    if top == 0.0:
        raise LabError("error.weights.all_zero", name="weights")
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
        raise LabError("error.arg.coef_lengths", a=len(a), b=len(b))
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na == 0.0 or nb == 0.0:
        return float("nan")
    ua, ub = a / na, b / nb
    return float(np.degrees(2.0 * np.arctan2(np.linalg.norm(ua - ub), np.linalg.norm(ua + ub))))


def fit_recency(data: DriftingData, *, half_life: float | None, C: float = 1.0) -> LinearModel:
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
    LinearModel
        The fitted boundary (unpacks as ``coef, intercept``).

    References
    ----------
    Gama et al. (2014), ACM Computing Surveys 46(4), sec. 3.2 (fading
    factors); Koychev (2000), "Gradual Forgetting for Adaptation to Concept
    Drift", ECAI workshop.
    """
    if half_life is None:
        model = fit_logistic(data.X, data.y, C=C)
    else:
        s = recency_weights(data.age, half_life=half_life)
        model = fit_logistic(data.X, data.y, sample_weight=s / s.mean(), C=C)
    return LinearModel.of(model.coef_[0].copy(), model.intercept_[0])


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
        raise LabError("error.weights.no_half_life")
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


# ---------------------------------------------------------------- the page's section
@dataclass(frozen=True)
class RecencySection:
    """Every number and array the second section of the sample-weights page shows.

    Attributes
    ----------
    train : DriftingData
        The training data, drawn on the map.
    weights : ndarray of shape (n,)
        Recency weights of ``train`` at the chosen half-life.
    unweighted, recency : LinearModel
        The fits without weights and with the chosen half-life.
    half_lives : ndarray
        The half-lives of the study, the x of the accuracy curves.
    accuracy : ndarray
        Accuracy on fresh data of the fit at every half-life.
    unweighted_accuracy, bayes_accuracy : ndarray
        Accuracy of the unweighted fit and of the true current boundary,
        repeated for every half-life (flat lines on the same x).
    accuracy_change, angle_change : (float, float)
        Accuracy and angle to today's true boundary (degrees), unweighted
        then at the chosen half-life.
    n_eff : float
        :func:`effective_sample_size` of ``weights``.
    """

    train: DriftingData
    weights: NDArray[np.float64]
    unweighted: LinearModel
    recency: LinearModel
    half_lives: NDArray[np.float64]
    accuracy: NDArray[np.float64]
    unweighted_accuracy: NDArray[np.float64]
    bayes_accuracy: NDArray[np.float64]
    accuracy_change: tuple[float, float]
    angle_change: tuple[float, float]
    n_eff: float


def recency_section(
    *,
    n_train: int,
    n_fresh: int,
    max_age: float,
    drift: float,
    half_lives: Sequence[float],
    half_life: float,
    random_state: int,
) -> RecencySection:
    r"""Draw drifting data, run :func:`recency_study` and pick out one half-life.

    Training data of ``n_train`` samples up to ``max_age`` old and fresh test
    data of ``n_fresh`` samples from today's boundary (seed
    ``random_state + 1``) come from :func:`make_drifting`; every half-life
    is scored by :func:`recency_study`, and the chosen one is fitted again
    (:func:`fit_recency`) for the map, with its weights
    :math:`s_i = 2^{-a_i/h}`.

    Parameters
    ----------
    n_train, n_fresh : int
        Sizes of the training and the fresh test data.
    max_age : float
        Age of the oldest training sample, >= 0.
    drift : float
        Rotation of the true boundary over ``max_age``, degrees (0 to 180).
    half_lives : sequence of float
        Half-lives of the study, each > 0.
    half_life : float
        The chosen half-life, one of ``half_lives``.
    random_state : int
        Seed of the training data, >= 0.

    Returns
    -------
    RecencySection

    References
    ----------
    Gama et al. (2014), ACM Computing Surveys 46(4), sec. 3.2; Kish (1965),
    *Survey Sampling*, sec. 11.7.
    """
    if half_life not in half_lives:
        raise LabError(
            "error.arg.choice",
            name="half_life",
            choices=", ".join(f"{h:g}" for h in half_lives),
            value=f"{half_life:g}",
        )
    seed = check_int("random_state", random_state, low=0)
    train = make_drifting(n_train, drift=drift, max_age=max_age, random_state=seed)
    fresh = make_drifting(n_fresh, drift=drift, max_age=0, random_state=seed + 1)
    table = recency_study(train, fresh, half_lives=half_lives)
    rows, unweighted = table.iloc[:-1], table.iloc[-1]
    now = table.iloc[list(half_lives).index(half_life)]
    flat = np.ones(len(rows))
    weights = recency_weights(train.age, half_life=half_life)
    return RecencySection(
        train=train,
        weights=weights,
        unweighted=fit_recency(train, half_life=None),
        recency=fit_recency(train, half_life=float(half_life)),
        half_lives=rows["half_life"].to_numpy(),
        accuracy=rows["accuracy"].to_numpy(),
        unweighted_accuracy=flat * unweighted["accuracy"],
        bayes_accuracy=flat * table.attrs["bayes_accuracy"],
        accuracy_change=(float(unweighted["accuracy"]), float(now["accuracy"])),
        angle_change=(float(unweighted["angle_error"]), float(now["angle_error"])),
        n_eff=float(now["n_eff"]),
    )
