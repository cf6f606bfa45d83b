r"""Threshold moving and misclassification costs for a binary classifier.

A probabilistic classifier predicts class 1 when :math:`p(1 \mid x) \ge t`.
Moving :math:`t` trades recall for precision along the PR and ROC curves;
with costs :math:`c_{FP}` and :math:`c_{FN}` the threshold that minimises the
expected cost of calibrated probabilities is
:math:`t^* = c_{FP} / (c_{FP} + c_{FN})` (Elkan 2001), the same as the
threshold class weights imply with :math:`w_0 = c_{FP}`, :math:`w_1 = c_{FN}`.

References
----------
Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI.
Davis & Goadrich (2006), "The Relationship Between Precision-Recall and ROC
Curves", ICML.
Saito & Rehmsmeier (2015), "The Precision-Recall Plot Is More Informative than
the ROC Plot When Evaluating Binary Classifiers on Imbalanced Datasets", PLOS ONE.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import (
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

from lib._validation import (
    as_binary_labels,
    as_probabilities,
    check_finite_number,
    check_same_length,
    check_threshold,
)


def _labels_and_scores(y_true: ArrayLike, p: ArrayLike
                       ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    y = as_binary_labels("y_true", y_true).astype(np.int64)
    prob = as_probabilities("p", p)
    check_same_length(y_true=y, p=prob)
    if np.unique(y).size < 2:
        raise ValueError("`y_true` must contain both classes to draw PR and ROC curves.")
    return y, prob


@dataclass(frozen=True)
class ThresholdCurves:
    """PR and ROC curves of one model on one labelled set.

    Attributes
    ----------
    precision, recall : ndarray
        The PR curve (:func:`sklearn.metrics.precision_recall_curve`).
    fpr, tpr : ndarray
        The ROC curve (:func:`sklearn.metrics.roc_curve`).
    average_precision : float
        PR-AUC as average precision.
    roc_auc : float
        Area under the ROC curve.
    prevalence : float
        Fraction of class 1: the precision of a random classifier.
    """

    precision: NDArray[np.float64]
    recall: NDArray[np.float64]
    fpr: NDArray[np.float64]
    tpr: NDArray[np.float64]
    average_precision: float
    roc_auc: float
    prevalence: float


def threshold_curves(y_true: ArrayLike, p: ArrayLike) -> ThresholdCurves:
    r"""PR and ROC curves over every threshold.

    .. math:: \mathrm{precision}(t) = \frac{TP(t)}{TP(t) + FP(t)},\quad
              \mathrm{recall}(t) = \mathrm{TPR}(t) = \frac{TP(t)}{n_1},\quad
              \mathrm{FPR}(t) = \frac{FP(t)}{n_0}

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1, both present.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.

    Returns
    -------
    ThresholdCurves

    References
    ----------
    Davis & Goadrich (2006), ICML; Saito & Rehmsmeier (2015), PLOS ONE.
    """
    y, prob = _labels_and_scores(y_true, p)
    precision, recall, _ = precision_recall_curve(y, prob)
    fpr, tpr, _ = roc_curve(y, prob)
    return ThresholdCurves(
        precision=np.asarray(precision, dtype=np.float64),
        recall=np.asarray(recall, dtype=np.float64),
        fpr=np.asarray(fpr, dtype=np.float64), tpr=np.asarray(tpr, dtype=np.float64),
        average_precision=float(average_precision_score(y, prob)),
        roc_auc=float(roc_auc_score(y, prob)), prevalence=float(np.mean(y)))


def confusion_at(y_true: ArrayLike, p: ArrayLike, threshold: float) -> dict[str, float]:
    r"""Confusion counts and rates when class 1 is predicted for :math:`p \ge t`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1, both present.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    threshold : float
        :math:`t` in (0, 1).

    Returns
    -------
    dict
        ``tp``, ``fp``, ``fn``, ``tn`` (counts), ``precision`` (1 when
        nothing is predicted positive, as on the PR curve's end point),
        ``recall`` (= ``tpr``), ``fpr``.

    References
    ----------
    Fawcett (2006), "An Introduction to ROC Analysis", Pattern Recognition
    Letters 27.
    """
    y, prob = _labels_and_scores(y_true, p)
    t = check_threshold("threshold", threshold)
    pred = prob >= t
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    tn = int(np.sum(~pred & (y == 0)))
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn), "tpr": tp / (tp + fn), "fpr": fp / (fp + tn)}


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
        raise ValueError("`cost_fp` and `cost_fn` must not both be 0: every decision "
                         "would cost nothing.")
    return a / (a + b)


def expected_cost(y_true: ArrayLike, p: ArrayLike, *, cost_fp: float, cost_fn: float,
                  thresholds: ArrayLike | None = None) -> pd.DataFrame:
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
    y, prob = _labels_and_scores(y_true, p)
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
    return pd.DataFrame({"threshold": ts, "fp": fp.astype(np.int64),
                         "fn": fn.astype(np.int64), "cost": cost.astype(np.float64)})


def optimal_threshold(y_true: ArrayLike, p: ArrayLike, *, cost_fp: float,
                      cost_fn: float) -> tuple[float, float]:
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
    y, prob = _labels_and_scores(y_true, p)
    candidates = np.unique(np.concatenate([prob[prob > 0.0], [1.0]]))
    table = expected_cost(y_true, p, cost_fp=cost_fp, cost_fn=cost_fn,
                          thresholds=candidates)
    best = int(np.argmin(table["cost"].to_numpy()))
    threshold, cost = float(table["threshold"].iloc[best]), float(table["cost"].iloc[best])
    never = check_finite_number("cost_fn", cost_fn, low=0.0) * float(np.sum(y == 1)) / len(y)
    return (math.inf, never) if never < cost else (threshold, cost)
