r"""PR and ROC curves over every threshold, and the confusion counts at one.

:func:`threshold_curves` and :func:`confusion_at` (class 1 predicted for
:math:`p \ge t`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import (
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

from lib._validation import check_threshold, labels_and_scores


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
    y, prob = labels_and_scores(y_true, p)
    precision, recall, _ = precision_recall_curve(y, prob)
    fpr, tpr, _ = roc_curve(y, prob)
    return ThresholdCurves(
        precision=np.asarray(precision, dtype=np.float64),
        recall=np.asarray(recall, dtype=np.float64),
        fpr=np.asarray(fpr, dtype=np.float64),
        tpr=np.asarray(tpr, dtype=np.float64),
        average_precision=float(average_precision_score(y, prob)),
        roc_auc=float(roc_auc_score(y, prob)),
        prevalence=float(np.mean(y)),
    )


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
    y, prob = labels_and_scores(y_true, p)
    t = check_threshold("threshold", threshold)
    pred = prob >= t
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    tn = int(np.sum(~pred & (y == 0)))
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn),
        "tpr": tp / (tp + fn),
        "fpr": fp / (fp + tn),
    }
