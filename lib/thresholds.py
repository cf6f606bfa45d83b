r"""Threshold moving and misclassification costs for a binary classifier.

A probabilistic classifier predicts class 1 when :math:`p(1 \mid x) \ge t`.
Moving :math:`t` trades recall for precision along the PR and ROC curves;
with costs :math:`c_{FP}` and :math:`c_{FN}` the threshold that minimises the
expected cost of calibrated probabilities is
:math:`t^* = c_{FP} / (c_{FP} + c_{FN})` (Elkan 2001), the same as the
threshold class weights imply with :math:`w_0 = c_{FP}`, :math:`w_1 = c_{FN}`.
Without calibrated probabilities, :func:`tune_threshold_cv` chooses the
threshold by cross-validated cost (scikit-learn's
``TunedThresholdClassifierCV``) instead of on the training predictions, where
the choice is optimistic.

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
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    average_precision_score,
    make_scorer,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)
from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV

from lib._validation import (
    as_binary_labels,
    as_float_array,
    as_probabilities,
    check_finite_number,
    check_int,
    check_same_length,
    check_threshold,
    labels_and_scores,
)
from lib.i18n import LabError
from lib.metrics import weighted_threshold
from lib.models import compare_weighting_and_threshold, predict_labels


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
        raise ValueError(
            "`cost_fp` and `cost_fn` must not both be 0: every decision would cost nothing."
        )
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
    predictions (:func:`optimal_threshold` on the data the model was fitted
    to), each fold is scored by a model that has not seen it, so the chosen
    threshold and its cost are not optimistic; unlike
    :func:`bayes_threshold` it does not need calibrated probabilities.

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
        Threshold and cross-validated cost from :func:`tune_plain_threshold`.

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
