r"""Everything the thresholds page shows about one plain and one weighted model.

:func:`threshold_report` (operating points, costs, the Bayes, tuned and
chosen thresholds) and :func:`weighting_gap_row` (class weighting against a
moved threshold, with precision and recall).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from lib._validation import as_binary_labels, check_same_length, check_threshold, labels_and_scores
from lib.metrics import weighted_threshold
from lib.models import compare_weighting_and_threshold, predict_labels
from lib.thresholds.costs import bayes_threshold, expected_cost
from lib.thresholds.curves import ThresholdCurves, confusion_at, threshold_curves


@dataclass(frozen=True)
class ThresholdReport:
    """Everything the thresholds page shows about one plain and one weighted model.

    Attributes
    ----------
    curves : ThresholdCurves
        PR and ROC curves of the plain model on the test set.
    operating : DataFrame
        Rows ``current`` (plain model at the chosen t), ``implied`` (plain
        model at :math:`w_0/(w_0+w_1)`), ``weighted`` (weighted model at 0.5);
        columns ``precision`` (NaN when nothing is predicted positive),
        ``recall``, ``tp``, ``fp``, ``fn``, ``fpr``, ``tpr``.
    implied : float
        :math:`w_0/(w_0+w_1)`.
    costs : DataFrame
        :func:`expected_cost` of the plain model on the test set.
    thresholds : dict of str to float
        ``bayes`` (:func:`bayes_threshold`), ``tuned`` (cross-validated; NaN
        when it could not be tuned), ``half`` (0.5), ``current``.
    test_costs : dict of str to float
        Average test cost at each of ``thresholds`` (NaN when not tuned).
    cv_cost : float
        Cross-validated average cost of the tuned threshold (NaN if none).
    n_test, n1_test : int
        Test samples and class-1 test samples.
    """

    curves: ThresholdCurves
    operating: pd.DataFrame
    implied: float
    costs: pd.DataFrame
    thresholds: dict[str, float]
    test_costs: dict[str, float]
    cv_cost: float
    n_test: int
    n1_test: int


def threshold_report(
    y_test: ArrayLike,
    p_plain: ArrayLike,
    p_weighted: ArrayLike,
    *,
    t: float,
    w0: float,
    w1: float,
    cost_fp: float,
    cost_fn: float,
    tuned: tuple[float, float] | None = None,
) -> ThresholdReport:
    r"""Operating points and costs of the plain model, and the weighted model at 0.5.

    Operating points by :func:`confusion_at`; the average test cost
    :math:`C(t) = (c_{FP} FP(t) + c_{FN} FN(t)) / n` by :func:`expected_cost`
    at the Bayes threshold :math:`c_{FP}/(c_{FP}+c_{FN})`, the
    cross-validated threshold, 0.5 and the chosen :math:`t`.

    Parameters
    ----------
    y_test : array_like of shape (n,)
        Test labels 0/1, both present.
    p_plain, p_weighted : array_like of shape (n,)
        Test probabilities of class 1 of the plain and the weighted model.
    t : float
        The chosen threshold, in (0, 1).
    w0, w1 : float
        Class weights of the weighted model.
    cost_fp, cost_fn : float
        Costs of a false positive and of a false negative.
    tuned : (float, float) or None, default=None
        Threshold and cross-validated cost from :func:`lib.thresholds.tune_plain_threshold`.

    Returns
    -------
    ThresholdReport

    References
    ----------
    Elkan (2001), IJCAI; Fawcett (2006); Saito & Rehmsmeier (2015).
    """
    y, p = labels_and_scores(y_test, p_plain)
    _, pw = labels_and_scores(y_test, p_weighted)
    check_same_length(y_test=y, p_weighted=pw)
    implied = weighted_threshold(w0, w1)
    ops = {
        "current": confusion_at(y, p, t),
        "implied": confusion_at(y, p, min(max(implied, 1e-12), 1 - 1e-12)),
        "weighted": confusion_at(y, pw, 0.5),
    }
    operating = pd.DataFrame(ops).T[["precision", "recall", "tp", "fp", "fn", "fpr", "tpr"]]
    operating = operating.astype(np.float64)
    # Nothing predicted positive: precision is undefined (the curve's end point is 1).
    operating.loc[operating["tp"] + operating["fp"] == 0, "precision"] = np.nan
    marks = {
        "bayes": bayes_threshold(cost_fp, cost_fn),
        "tuned": math.nan if tuned is None else float(tuned[0]),
        "half": 0.5,
        "current": check_threshold("t", t),
    }
    at = {
        name: float(
            expected_cost(y, p, cost_fp=cost_fp, cost_fn=cost_fn, thresholds=[v])["cost"].iloc[0]
        )
        if not math.isnan(v)
        else math.nan
        for name, v in marks.items()
    }
    return ThresholdReport(
        curves=threshold_curves(y, p),
        operating=operating,
        implied=implied,
        costs=expected_cost(y, p, cost_fp=cost_fp, cost_fn=cost_fn),
        thresholds=marks,
        test_costs=at,
        cv_cost=math.nan if tuned is None else float(tuned[1]),
        n_test=len(y),
        n1_test=int(y.sum()),
    )


def weighting_gap_row(
    coef: ArrayLike,
    intercept: float,
    coef_weighted: ArrayLike,
    intercept_weighted: float,
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    w0: float,
    w1: float,
) -> dict[str, float]:
    r"""How far a class-weighted linear model is from the plain one at a moved threshold.

    :func:`lib.models.compare_weighting_and_threshold` (agreement, Jaccard
    overlap of the predicted positives, slope change
    :math:`\lVert\beta_w\rVert/\lVert\beta\rVert - 1`, angle between the
    coefficient vectors) plus class-1 precision and recall of the weighted
    model at 0.5 and of the plain model at :math:`t = w_0/(w_0+w_1)`.

    Parameters
    ----------
    coef, intercept : array_like, float
        The plain model.
    coef_weighted, intercept_weighted : array_like, float
        The model trained with class weights ``w0``, ``w1``.
    X_test, y_test : array_like
        Test data, labels 0/1.
    w0, w1 : float
        The class weights.

    Returns
    -------
    dict
        ``agreement``, ``jaccard``, ``slope_change``, ``angle``,
        ``precision_weighted``, ``recall_weighted``, ``precision_moved``,
        ``recall_moved`` (precision NaN when nothing is predicted positive).

    References
    ----------
    Elkan (2001), IJCAI, theorem 1; King & Zeng (2001), Political Analysis 9(2).
    """
    y = as_binary_labels("y_test", y_test).astype(np.int64)
    gap = compare_weighting_and_threshold(
        coef, intercept, coef_weighted, intercept_weighted, X_test, w0=w0, w1=w1
    )
    t = min(max(weighted_threshold(w0, w1), 1e-12), 1 - 1e-12)
    out = {
        "agreement": gap.agreement,
        "jaccard": gap.jaccard,
        "slope_change": gap.slope_change,
        "angle": gap.angle,
    }
    for name, pred in (
        ("weighted", predict_labels(coef_weighted, intercept_weighted, X_test)),
        ("moved", predict_labels(coef, intercept, X_test, threshold=t)),
    ):
        tp = int(np.sum((pred == 1) & (y == 1)))
        called = int(np.sum(pred == 1))
        out[f"precision_{name}"] = tp / called if called else math.nan
        out[f"recall_{name}"] = tp / max(int(y.sum()), 1)
    return out
