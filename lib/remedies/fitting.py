r"""Fitting a strategy and reading what it did: counts, resampled rows, coefficients.

:func:`fit_strategy` fits a registered strategy and reports the class counts
before and after resampling (:class:`StrategyFit`); :func:`fit_model` turns a
fitting failure into a translatable error naming the strategy;
:func:`resampling_view` splits a resampling fit into removed, duplicated and
synthetic rows for drawing; :func:`linear_coefficients` maps a fitted logistic
strategy back to the original features as a :class:`~lib.linear.LinearModel`.

References
----------
Chawla, Bowyer, Hall, Kegelmeyer (2002), "SMOTE: Synthetic Minority
Over-sampling Technique", JAIR 16.
He, Bai, Garcia, Li (2008), "ADASYN: Adaptive Synthetic Sampling Approach for
Imbalanced Learning", IJCNN.
Hastie, Tibshirani, Friedman (2009), "The Elements of Statistical Learning",
2nd ed., sec. 3.4.1 (standardised inputs).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import FixedThresholdClassifier
from sklearn.preprocessing import StandardScaler

from lib._validation import as_float_array, check_int, check_same_length
from lib.i18n import LabError, Message
from lib.linear import LinearModel
from lib.models import model_probability_grid
from lib.remedies.checks import check_strategy_data
from lib.remedies.estimators import _DelegatingClassifier
from lib.remedies.registry import STRATEGIES, make_strategy, strategy_name

#: Resamplers that append synthetic (interpolated) rows after the originals.
_SYNTHETIC = ("smote", "adasyn", "borderline_smote")


def linear_coefficients(model: Any) -> LinearModel:
    r"""Coefficients of a fitted logistic strategy in the original feature space.

    The logistic strategies standardise features, :math:`z_j = (x_j - \mu_j)
    / \sigma_j`, before the logistic regression :math:`\theta^\top z + b`.
    In terms of :math:`x` the same model is

    .. math:: \beta_j = \theta_j / \sigma_j,\qquad
              \beta_0 = b - \sum_j \theta_j \mu_j / \sigma_j .

    Parameters
    ----------
    model : fitted estimator
        From :func:`fit_strategy` with ``"none"``, ``"class_weight"``, a
        resampling strategy or ``"threshold"``.

    Returns
    -------
    LinearModel
        :math:`\beta` and :math:`\beta_0` of class 1 (unpacks as
        ``coef, intercept = linear_coefficients(model)``).

    Raises
    ------
    ValueError
        For a strategy whose model is not a (standardised) logistic regression.

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), "The Elements of Statistical
    Learning", 2nd ed., sec. 3.4.1 (standardised inputs).
    """
    inner = model
    while True:
        if isinstance(inner, FixedThresholdClassifier):
            inner = inner.estimator_
        elif isinstance(inner, _DelegatingClassifier):
            inner = inner.model_
        else:
            break
    steps = getattr(inner, "named_steps", {})
    lr, scaler = steps.get("model"), steps.get("scale")
    if not isinstance(lr, LogisticRegression) or not isinstance(scaler, StandardScaler):
        raise LabError("error.strategy.not_logistic")
    theta = np.asarray(lr.coef_[0], dtype=np.float64)
    scale = np.asarray(scaler.scale_, dtype=np.float64)
    mean = np.asarray(scaler.mean_, dtype=np.float64)
    beta = theta / scale
    return LinearModel(beta, float(lr.intercept_[0] - np.sum(beta * mean)))


@dataclass(frozen=True)
class StrategyFit:
    """A fitted strategy and what it did to the training set.

    Attributes
    ----------
    name : str
        Strategy name.
    model : estimator
        The fitted estimator or pipeline.
    counts_before : dict of int to int
        Class counts of the training data.
    counts_after : dict of int to int
        Class counts the final model was trained on (equal to
        ``counts_before`` unless a pipeline resampled; ensembles resample
        inside every member and report ``counts_before``).
    synthetic : ndarray of bool
        One flag per row of the resampled training set, True for synthetic
        (interpolated) rows; empty when nothing was resampled.
    sample_indices : ndarray of int or None
        Rows of the original data behind each resampled row, for the random
        samplers (``sample_indices_``); None otherwise.
    fit_seconds : float
        Wall-clock time of ``fit``.
    params : dict
        The parameters passed to :func:`make_strategy`.
    X_resampled, y_resampled : ndarray or None
        The training set the final model saw, for the resampling strategies
        (original rows first, then synthetic ones); None otherwise.
    """

    name: str
    model: Any
    counts_before: dict[int, int]
    counts_after: dict[int, int]
    synthetic: NDArray[np.bool_]
    sample_indices: NDArray[np.int64] | None
    fit_seconds: float
    params: dict[str, Any] = field(default_factory=dict)
    X_resampled: NDArray[np.float64] | None = None
    y_resampled: NDArray[np.int64] | None = None

    @property
    def n_synthetic(self) -> int:
        """Number of synthetic rows added to the training set."""
        return int(np.count_nonzero(self.synthetic))


def _counts(y: NDArray[Any]) -> dict[int, int]:
    labels, counts = np.unique(y, return_counts=True)
    return {int(k): int(v) for k, v in zip(labels, counts, strict=True)}


def _fit_detail(err: Exception) -> str:
    # The two failures this lab provokes on purpose get a translatable
    # explanation; any other library message is passed on as it is.
    text = str(err)
    # (imbalanced-learn spells it "neigbours"; accept the correct spellings too)
    if isinstance(err, RuntimeError) and re.search(r"neig\w*rs belong to the majority", text):
        return Message("error.strategy.adasyn_far")
    if "worse than random" in text:
        return Message("error.strategy.boosting_random")
    return text


def fit_model(name: str, model: Any, X: NDArray[np.float64], y: NDArray[np.int64]) -> Any:
    """Fit a strategy's estimator; a failure becomes a ``ValueError`` naming the strategy.

    ADASYN stops with a ``RuntimeError`` when no minority point has a
    majority neighbour (classes far apart): there is nothing to adapt to;
    boosting stops with a ``ValueError`` when its first tree is worse than
    chance. The message starts with the strategy's name, so a page showing
    several strategies says which one failed.

    Parameters
    ----------
    name : str
        Strategy name, for the message.
    model : estimator
        From :func:`make_strategy`.
    X, y : ndarray
        Training data.

    Returns
    -------
    estimator
        The fitted ``model``.

    Raises
    ------
    ValueError
        When the sampler or ensemble cannot be fitted on this data.

    References
    ----------
    He et al. (2008), IJCNN, step (c): ADASYN's density ratio needs majority
    neighbours.
    """
    try:
        return model.fit(X, y)
    except (RuntimeError, ValueError) as err:
        raise LabError(
            "error.strategy.cannot_fit", name=strategy_name(name), detail=_fit_detail(err)
        ) from None


def fit_strategy(
    name: str, X: ArrayLike, y: ArrayLike, *, random_state: int = 0, **params: Any
) -> StrategyFit:
    """Fit a strategy and report class counts before and after resampling.

    For the resampling strategies the pipeline's sampler is re-run with
    ``fit_resample`` on the same data and seed (identical output), which
    yields the counts after resampling and, for SMOTE, ADASYN and
    Borderline-SMOTE, which rows are synthetic: imbalanced-learn appends them
    after the ``n`` original rows.

    Parameters
    ----------
    name : str
        A key of :data:`STRATEGIES`.
    X : array_like of shape (n, d)
        Training features.
    y : array_like of shape (n,)
        Integer training labels with at least two classes.
    random_state : int, default=0
        Seed, see :func:`make_strategy`.
    **params
        Strategy parameters, see :func:`make_strategy`.

    Returns
    -------
    StrategyFit

    Raises
    ------
    ValueError
        On bad inputs or parameters, or fewer than two classes.

    References
    ----------
    Chawla et al. (2002), JAIR 16 (SMOTE appends synthetic samples); see the
    module references for every strategy.
    """
    model = make_strategy(name, random_state=random_state, **params)
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_float_array("y", y)
    check_same_length(X=X_arr, y=y_arr)
    if not np.all(y_arr == np.round(y_arr)):
        raise LabError("error.strategy.integer_labels")
    labels = y_arr.astype(np.int64)
    before = _counts(labels)
    if len(before) < 2:
        raise LabError("error.strategy.one_class", cls=next(iter(before)))
    check_strategy_data(name, before, **params)
    start = time.perf_counter()
    fit_model(name, model, X_arr, labels)
    seconds = time.perf_counter() - start
    after = dict(before)
    synthetic = np.zeros(0, dtype=bool)
    indices: NDArray[np.int64] | None = None
    X_res: NDArray[np.float64] | None = None
    y_res: NDArray[np.int64] | None = None
    if STRATEGIES[name].kind == "resampling":
        sampler = clone(model.named_steps["sampler"])
        X_out, y_out = sampler.fit_resample(X_arr, labels)
        X_res = np.asarray(X_out, dtype=np.float64)
        y_res = np.asarray(y_out, dtype=np.int64)
        after = _counts(y_res)
        synthetic = np.zeros(len(y_res), dtype=bool)
        if name in _SYNTHETIC:
            synthetic[len(labels) :] = True
        if hasattr(sampler, "sample_indices_"):
            indices = np.asarray(sampler.sample_indices_, dtype=np.int64)
    return StrategyFit(
        name=name,
        model=model,
        counts_before=before,
        counts_after=after,
        synthetic=synthetic,
        sample_indices=indices,
        fit_seconds=seconds,
        params=dict(params),
        X_resampled=X_res,
        y_resampled=y_res,
    )


@dataclass(frozen=True)
class ResamplingView:
    """What a resampler did to each row, for drawing.

    Attributes
    ----------
    removed : ndarray of int
        Original rows left out of the resampled set (under-sampling).
    copies : ndarray of int of shape (n,)
        How often each original row appears in the resampled set (1 for
        untouched rows, 0 for removed ones, more for duplicated ones).
    synthetic : ndarray of shape (m, d)
        The synthetic rows (SMOTE, ADASYN, Borderline-SMOTE).
    """

    removed: NDArray[np.int64]
    copies: NDArray[np.int64]
    synthetic: NDArray[np.float64]


def resampling_view(fit: StrategyFit, n_rows: int) -> ResamplingView:
    r"""Split a resampling fit into removed, duplicated and synthetic rows.

    With the sampler's ``sample_indices_`` :math:`s`, row :math:`i` appears
    :math:`c_i = |\{j : s_j = i\}|` times; without them (SMOTE-like samplers
    keep every original row once and append the synthetic ones),
    :math:`c_i = 1`.

    Parameters
    ----------
    fit : StrategyFit
        From :func:`fit_strategy` on ``n_rows`` rows.
    n_rows : int
        Number of original training rows.

    Returns
    -------
    ResamplingView

    References
    ----------
    imbalanced-learn ``RandomUnderSampler.sample_indices_`` /
    ``RandomOverSampler.sample_indices_``.
    """
    n = check_int("n_rows", n_rows, low=1)
    if fit.sample_indices is not None:
        copies = np.bincount(fit.sample_indices, minlength=n).astype(np.int64)
    else:
        copies = np.ones(n, dtype=np.int64)
    if len(copies) != n:
        raise LabError("error.strategy.rows_mismatch", n=n)
    synthetic = fit.X_resampled[fit.synthetic] if fit.X_resampled is not None else np.zeros((0, 2))
    return ResamplingView(
        removed=np.flatnonzero(copies == 0).astype(np.int64),
        copies=copies,
        synthetic=np.asarray(synthetic, dtype=np.float64),
    )


@dataclass(frozen=True)
class RemedyOutputs:
    """What a fitted remedy predicts on the test set, and its probability map.

    Attributes
    ----------
    p_test : ndarray of shape (n_test,)
        Predicted probability of class 1.
    pred : ndarray of shape (n_test,)
        Predicted labels (the model's own rule: threshold, vote, ...).
    grid : (grid_x, grid_y, prob)
        Probability of class 1 on a regular grid (:func:`lib.models.model_probability_grid`).
    """

    p_test: NDArray[np.float64]
    pred: NDArray[np.int64]
    grid: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]


def remedy_outputs(
    model: Any,
    X_test: ArrayLike,
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    size: int = 80,
) -> RemedyOutputs:
    r"""Test-set probabilities and labels of a fitted classifier, and its probability grid.

    ``p_test`` is the column of ``predict_proba`` for class 1 (looked up in
    ``model.classes_``, not assumed to be the last); ``pred`` is
    ``model.predict``, so a remedy that moves the threshold keeps its rule.

    Parameters
    ----------
    model : fitted classifier
        With ``predict_proba``, ``predict`` and ``classes_`` containing 1.
    X_test : array_like of shape (n, 2)
    x_range, y_range : (float, float)
        Extent of the probability grid.
    size : int, default=80
        Grid points per axis.

    Returns
    -------
    RemedyOutputs
    """
    X = as_float_array("X_test", X_test, ndim=2)
    classes = list(model.classes_)
    p_test = np.asarray(model.predict_proba(X), dtype=float)[:, classes.index(1)]
    pred = np.asarray(model.predict(X), dtype=np.int64)
    grid = model_probability_grid(model, x_range, y_range, size=size)
    return RemedyOutputs(p_test, pred, grid)
