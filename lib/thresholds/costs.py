r"""Misclassification costs of a threshold, and the cheapest threshold.

:func:`bayes_threshold` (:math:`c_{FP}/(c_{FP} + c_{FN})` for calibrated
probabilities, Elkan 2001), :func:`expected_cost` over a grid of thresholds,
:func:`optimal_threshold` on a labelled set, and :func:`average_cost` /
:func:`cost_scorer` for scikit-learn's model selection.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.metrics import make_scorer

from lib._validation import (
    as_binary_labels,
    as_probabilities,
    check_finite_number,
    check_same_length,
    labels_and_scores,
)
from lib.i18n import LabError


def bayes_threshold(cost_fp: float, cost_fn: float) -> float:
    r"""Cost-minimising threshold for calibrated probabilities.

    Predicting 1 costs :math:`(1 - p)\,c_{FP}` in expectation, predicting 0
    costs :math:`p\,c_{FN}`; predict 1 when the first is smaller:

    .. math:: t^* = \frac{c_{FP}}{c_{FP} + c_{FN}}

    Parameters
    ----------
    cost_fp, cost_fn : float
        Cost of a false positive and of a false negative; finite, >= 0, not
        both 0.

    Returns
    -------
    float

    References
    ----------
    Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI, eq. (2).
    """
    a = check_finite_number("cost_fp", cost_fp, low=0.0)
    b = check_finite_number("cost_fn", cost_fn, low=0.0)
    if a + b == 0.0:
        raise LabError("error.thresholds.costs_zero")
    return a / (a + b)


def expected_cost(
    y_true: ArrayLike,
    p: ArrayLike,
    *,
    cost_fp: float,
    cost_fn: float,
    thresholds: ArrayLike | None = None,
) -> pd.DataFrame:
    r"""Average misclassification cost per sample at each threshold.

    .. math:: C(t) = \frac{c_{FP}\,FP(t) + c_{FN}\,FN(t)}{n}

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1, both present.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    cost_fp, cost_fn : float
        Costs of a false positive and a false negative (see
        :func:`bayes_threshold`).
    thresholds : array_like or None, default=None
        Thresholds in [0, 1] to evaluate; None: 200 values spaced evenly in
        log-odds between 1e-4 and 1 - 1e-4, where imbalanced problems need
        the resolution.

    Returns
    -------
    DataFrame
        Columns ``threshold``, ``fp``, ``fn``, ``cost``, sorted by threshold.

    References
    ----------
    Elkan (2001), IJCAI; Drummond & Holte (2006), "Cost Curves", Machine
    Learning 65.
    """
    y, prob = labels_and_scores(y_true, p)
    a = check_finite_number("cost_fp", cost_fp, low=0.0)
    b = check_finite_number("cost_fn", cost_fn, low=0.0)
    if thresholds is None:
        z = np.linspace(np.log(1e-4 / (1 - 1e-4)), np.log((1 - 1e-4) / 1e-4), 200)
        ts = 1.0 / (1.0 + np.exp(-z))
    else:
        ts = np.sort(as_probabilities("thresholds", thresholds))
    # Counting with a sorted copy: FN(t) = #positives with p < t, FP(t) =
    # #negatives with p >= t, for all thresholds in O((n + m) log n).
    pos = np.sort(prob[y == 1])
    neg = np.sort(prob[y == 0])
    fn = np.searchsorted(pos, ts, side="left")
    fp = len(neg) - np.searchsorted(neg, ts, side="left")
    cost = (a * fp + b * fn) / len(y)
    return pd.DataFrame(
        {
            "threshold": ts,
            "fp": fp.astype(np.int64),
            "fn": fn.astype(np.int64),
            "cost": cost.astype(np.float64),
        }
    )


def optimal_threshold(
    y_true: ArrayLike, p: ArrayLike, *, cost_fp: float, cost_fn: float
) -> tuple[float, float]:
    r"""The threshold with the lowest average cost on a labelled set.

    Searches every distinct predicted probability, and "never predict
    positive" (returned as threshold ``inf``, cost :math:`c_{FN} n_1 / n`):
    :math:`\hat t = \arg\min_t C(t)` with :math:`C` from
    :func:`expected_cost`. Chosen on a validation set, not the test set, it
    is the empirical counterpart of :func:`bayes_threshold` and does not need
    calibrated probabilities.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1, both present.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    cost_fp, cost_fn : float
        Costs of a false positive and a false negative.

    Returns
    -------
    (float, float)
        The threshold (the smallest among ties; ``inf`` when never
        predicting class 1 is cheapest) and its average cost.

    References
    ----------
    Elkan (2001), IJCAI; scikit-learn's ``TunedThresholdClassifierCV`` does
    the same search with cross-validation.
    """
    y, prob = labels_and_scores(y_true, p)
    candidates = np.unique(np.concatenate([prob[prob > 0.0], [1.0]]))
    table = expected_cost(y_true, p, cost_fp=cost_fp, cost_fn=cost_fn, thresholds=candidates)
    best = int(np.argmin(table["cost"].to_numpy()))
    threshold, cost = float(table["threshold"].iloc[best]), float(table["cost"].iloc[best])
    never = check_finite_number("cost_fn", cost_fn, low=0.0) * float(np.sum(y == 1)) / len(y)
    return (math.inf, never) if never < cost else (threshold, cost)


def average_cost(y_true: ArrayLike, y_pred: ArrayLike, *, cost_fp: float, cost_fn: float) -> float:
    r"""Average misclassification cost of hard predictions.

    .. math:: C = \frac{c_{FP}\,FP + c_{FN}\,FN}{n}

    The score function of :func:`cost_scorer` (scikit-learn calls it with
    labels, once per candidate threshold).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        True and predicted labels 0/1.
    cost_fp, cost_fn : float
        Costs of a false positive and of a false negative, >= 0.

    Returns
    -------
    float

    References
    ----------
    Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI.
    """
    y = as_binary_labels("y_true", y_true)
    pred = as_binary_labels("y_pred", y_pred)
    check_same_length(y_true=y, y_pred=pred)
    a = check_finite_number("cost_fp", cost_fp, low=0.0)
    b = check_finite_number("cost_fn", cost_fn, low=0.0)
    fp = np.count_nonzero((pred == 1) & (y == 0))
    fn = np.count_nonzero((pred == 0) & (y == 1))
    return float((a * fp + b * fn) / len(y))


def cost_scorer(*, cost_fp: float, cost_fn: float) -> Any:
    r"""A scikit-learn scorer of the negative average cost, for model selection.

    ``make_scorer(average_cost, greater_is_better=False, ...)``: scikit-learn
    maximises scores, so the scorer returns :math:`-C` with :math:`C` from
    :func:`average_cost`.

    Parameters
    ----------
    cost_fp, cost_fn : float
        Costs of a false positive and of a false negative, both > 0.

    Returns
    -------
    scorer
        Callable ``scorer(estimator, X, y)``.

    References
    ----------
    scikit-learn User Guide, sec. 3.4.3 "Defining your scoring strategy from
    score functions"; Elkan (2001), IJCAI.
    """
    a = check_finite_number("cost_fp", cost_fp, low=0.0, low_inclusive=False)
    b = check_finite_number("cost_fn", cost_fn, low=0.0, low_inclusive=False)
    return make_scorer(average_cost, greater_is_better=False, cost_fp=a, cost_fn=b)
