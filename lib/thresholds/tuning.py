r"""The cost-minimising threshold chosen by cross-validation.

:func:`tune_threshold_cv` wraps scikit-learn's ``TunedThresholdClassifierCV``;
:func:`tune_plain_threshold` applies it to the plain logistic model.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV

from lib._validation import (
    as_binary_labels,
    as_float_array,
    as_probabilities,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.i18n import LabError
from lib.thresholds.costs import cost_scorer


@dataclass(frozen=True)
class TunedThreshold:
    """Result of :func:`tune_threshold_cv`.

    Attributes
    ----------
    threshold : float
        The probability cut-off with the lowest cross-validated average cost.
    cv_cost : float
        That cost, averaged over the validation folds: an honest estimate of
        the cost on new data (the folds never trained the model they score).
    thresholds, cv_costs : ndarray
        Every candidate threshold and its cross-validated average cost.
    model : TunedThresholdClassifierCV
        Refitted on all the data; ``predict`` applies ``threshold`` and
        ``predict_proba`` gives the untouched probabilities.
    """

    threshold: float
    cv_cost: float
    thresholds: NDArray[np.float64]
    cv_costs: NDArray[np.float64]
    model: TunedThresholdClassifierCV


def _log_odds_grid(n: int = 200, eps: float = 1e-4) -> NDArray[np.float64]:
    # Evenly spaced in log-odds: imbalanced problems need their resolution
    # near 0, where a linear grid of the same size has hardly any points.
    z = np.linspace(np.log(eps / (1 - eps)), np.log((1 - eps) / eps), n)
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def tune_threshold_cv(
    estimator: Any,
    X: ArrayLike,
    y: ArrayLike,
    *,
    cost_fp: float,
    cost_fn: float,
    cv: int = 5,
    thresholds: ArrayLike | None = None,
    random_state: int | None = 0,
) -> TunedThreshold:
    r"""Choose the cost-minimising probability threshold by cross-validation.

    scikit-learn's ``TunedThresholdClassifierCV``: for each of ``cv``
    stratified folds, fit a clone of ``estimator`` on the other folds,
    predict probabilities on this fold and compute the average cost
    :math:`C_k(t)` of predicting class 1 for :math:`p \ge t`; then

    .. math:: \hat t = \arg\min_t \frac{1}{K} \sum_{k=1}^{K} C_k(t),

    and refit the estimator on all the data. Unlike a search over training
    predictions (:func:`lib.thresholds.optimal_threshold` on the data the model was fitted
    to), each fold is scored by a model that has not seen it, so the chosen
    threshold and its cost are not optimistic; unlike
    :func:`lib.thresholds.bayes_threshold` it does not need calibrated probabilities.

    Parameters
    ----------
    estimator : unfitted scikit-learn classifier with ``predict_proba``
    X : array_like of shape (n, d)
        Training features.
    y : array_like of shape (n,)
        Training labels 0/1, both present with at least ``cv`` samples each.
    cost_fp, cost_fn : float
        Costs of a false positive and of a false negative, both > 0.
    cv : int, default=5
        Number of stratified folds, 2 to 20.
    thresholds : array_like or None, default=None
        Candidate thresholds in [0, 1]; None: 200 values spaced evenly in
        log-odds between 1e-4 and 1 - 1e-4.
    random_state : int or None, default=0
        Seed of the shuffled fold assignment.

    Returns
    -------
    TunedThreshold

    Raises
    ------
    ValueError
        If a cost is not > 0, ``y`` is not 0/1 with both classes, a class has
        fewer than ``cv`` samples, or the lengths differ.

    References
    ----------
    scikit-learn User Guide, sec. 3.3 "Tuning the decision threshold for
    class prediction" (``TunedThresholdClassifierCV``); Elkan (2001), "The
    Foundations of Cost-Sensitive Learning", IJCAI; Provost (2000),
    "Machine Learning from Imbalanced Data Sets 101", AAAI Workshop.
    """
    scorer = cost_scorer(cost_fp=cost_fp, cost_fn=cost_fn)
    folds = check_int("cv", cv, low=2, high=20)
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    check_same_length(X=X_arr, y=y_arr)
    counts = np.bincount(y_arr, minlength=2)
    if counts.min() == 0:
        raise LabError("error.arg.one_class", name="y", cls=int(y_arr[0]))
    if counts.min() < folds:
        cls = int(np.argmin(counts))
        raise LabError("error.cv.too_few_for_folds", splits=folds, cls=cls, have=int(counts[cls]))
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    grid = (
        _log_odds_grid()
        if thresholds is None
        else np.sort(as_probabilities("thresholds", thresholds))
    )
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    tuned = TunedThresholdClassifierCV(
        estimator,
        scoring=scorer,
        response_method="predict_proba",
        thresholds=grid,
        cv=splitter,
        refit=True,
        store_cv_results=True,
    )
    tuned.fit(X_arr, y_arr)
    return TunedThreshold(
        threshold=float(tuned.best_threshold_),
        cv_cost=-float(tuned.best_score_),
        thresholds=np.asarray(tuned.cv_results_["thresholds"], dtype=np.float64),
        cv_costs=-np.asarray(tuned.cv_results_["scores"], dtype=np.float64),
        model=tuned,
    )


def tune_plain_threshold(
    X: ArrayLike,
    y: ArrayLike,
    *,
    cost_fp: float,
    cost_fn: float,
    C: float = 1.0,
    random_state: int | None = 0,
) -> TunedThreshold | None:
    r"""Cross-validated cost threshold of the plain (unweighted) logistic model.

    :func:`tune_threshold_cv` with the model of :func:`lib.models.fit_logistic`
    (``LogisticRegression(C=C, max_iter=1000)``) and
    :math:`K = \min(5, n_1)` stratified folds, where :math:`n_1` is the size
    of the smaller class.

    Parameters
    ----------
    X, y : array_like
        Training data, labels 0/1.
    cost_fp, cost_fn : float
        Costs of a false positive and of a false negative, both > 0.
    C : float, default=1.0
        Inverse L2 penalty of the logistic regression.
    random_state : int or None, default=0
        Seed of the folds.

    Returns
    -------
    TunedThreshold or None
        None when a class has fewer than 2 samples (no fold could score it).

    References
    ----------
    scikit-learn User Guide, sec. 3.3 (``TunedThresholdClassifierCV``);
    Elkan (2001), IJCAI.
    """
    y_arr = as_binary_labels("y", y).astype(np.int64)
    smallest = int(np.bincount(y_arr, minlength=2).min())
    if smallest < 2:
        return None
    model = LogisticRegression(
        C=check_finite_number("C", C, low=0.0, low_inclusive=False), max_iter=1000
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return tune_threshold_cv(
            model,
            X,
            y_arr,
            cost_fp=cost_fp,
            cost_fn=cost_fn,
            cv=min(5, smallest),
            random_state=random_state,
        )
