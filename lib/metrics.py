"""Per-class metrics, thresholds and probability corrections."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import (
    accuracy_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)

from lib._validation import (
    as_float_array,
    as_probabilities,
    check_class_weights,
    check_finite_number,
    check_same_length,
    check_threshold,
)
from lib.losses import weighted_bce


def per_class_report(y_true: ArrayLike, y_pred: ArrayLike, *, beta: float = 0.5,
                     labels: ArrayLike | None = None) -> pd.DataFrame:
    r"""Precision, recall, F-beta and support of every class.

    .. math::

        P_c = \frac{TP_c}{TP_c + FP_c},\quad R_c = \frac{TP_c}{TP_c + FN_c},\quad
        F_{\beta,c} = \frac{(1 + \beta^2) P_c R_c}{\beta^2 P_c + R_c}

    Undefined ratios (no predicted or no true sample of a class) are reported
    as 0, scikit-learn's ``zero_division=0``.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        True and predicted labels.
    beta : float, default=0.5
        Weight of recall in the F-score, > 0 (0.5 favours precision).
    labels : array_like or None, default=None
        Classes to report, in order; default: every label in either input.

    Returns
    -------
    DataFrame
        Index = class label; columns ``precision``, ``recall``, ``f_beta``,
        ``support``.

    References
    ----------
    van Rijsbergen (1979), *Information Retrieval*, ch. 7 (F-measure);
    scikit-learn ``precision_recall_fscore_support``.
    """
    b = check_finite_number("beta", beta, low=0.0, low_inclusive=False)
    t = np.asarray(y_true)
    p = np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1 or t.size == 0:
        raise ValueError("`y_true` and `y_pred` must be non-empty 1-D arrays.")
    check_same_length(y_true=t, y_pred=p)
    labs = np.unique(np.concatenate([t, p])) if labels is None else np.asarray(labels)
    precision, recall, f_beta, support = precision_recall_fscore_support(
        t, p, beta=b, labels=labs, zero_division=0.0
    )
    frame = pd.DataFrame(
        {"precision": precision, "recall": recall, "f_beta": f_beta,
         "support": np.asarray(support, dtype=np.int64)},
        index=pd.Index(labs, name="class"),
    )
    return frame


def percent_change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    r"""Percent change of every cell, :math:`100 (a - b) / b`.

    ``0/0`` gives 0 (nothing changed) and ``x/0`` with ``x != 0`` gives
    ``+inf`` or ``-inf``.

    Parameters
    ----------
    before, after : DataFrame
        Tables of the same shape, index and columns.

    Returns
    -------
    DataFrame
        Same shape as the inputs.
    """
    if before.shape != after.shape or not before.index.equals(after.index) \
            or not before.columns.equals(after.columns):
        raise ValueError("`before` and `after` must have the same index and columns.")
    b = before.to_numpy(dtype=np.float64)
    a = after.to_numpy(dtype=np.float64)
    diff = a - b
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(b != 0, 100.0 * diff / np.where(b != 0, b, 1.0),
                       np.where(diff == 0, 0.0, np.sign(diff) * np.inf))
    return pd.DataFrame(out, index=before.index, columns=before.columns)


def prior_correction(p_s: ArrayLike, beta: float) -> NDArray[np.float64]:
    r"""Undo the probability shift caused by undersampling the majority class.

    .. math:: p = \frac{\beta p_s}{\beta p_s - p_s + 1}

    Parameters
    ----------
    p_s : array_like
        Probabilities of class 1 from a model trained on undersampled data.
    beta : float
        Fraction of the majority class kept by undersampling, in (0, 1].

    Returns
    -------
    ndarray
        Corrected probabilities, same shape as ``p_s``.

    References
    ----------
    Dal Pozzolo, Caelen, Johnson, Bontempi (2015), "Calibrating Probability
    with Undersampling for Unbalanced Classification", IEEE SSCI, eq. (4).
    """
    bt = check_finite_number("beta", beta, low=0.0, low_inclusive=False, high=1.0)
    arr = np.asarray(p_s, dtype=np.float64)
    as_probabilities("p_s", arr.ravel(), allow_empty=True)
    return bt * arr / (bt * arr - arr + 1.0)


def weighted_threshold(w0: float, w1: float) -> float:
    r"""Probability threshold that class weights imply, :math:`w_0 / (w_0 + w_1)`.

    Minimising the weighted BCE moves a well-specified model's probability to
    :math:`\mathrm{odds}_w = \tfrac{w_1}{w_0}\,\mathrm{odds}`; the weighted
    model's 0.5 cut-off therefore equals the unweighted model's cut-off at
    :math:`p = w_0 / (w_0 + w_1)`.

    Parameters
    ----------
    w0, w1 : float
        Class weights; finite, >= 0, not both zero.

    Returns
    -------
    float
        The threshold in [0, 1].

    References
    ----------
    Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI,
    theorem 1.
    """
    a, b = check_class_weights(w0, w1)
    return a / (a + b)


def evaluate_under_weights(y_true: ArrayLike, p: ArrayLike,
                           weight_pairs: Sequence[tuple[float, float]], *,
                           threshold: float = 0.5) -> pd.DataFrame:
    r"""Evaluate one set of predictions as if different class weights applied.

    For every ``(w0, w1)`` the weighted log-loss changes, while accuracy,
    precision and recall of the *same* predictions do not — unless the
    weights are (wrongly) passed to the metric as ``sample_weight``, which
    turns precision into :math:`w_1 TP / (w_1 TP + w_0 FP)`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    weight_pairs : sequence of (w0, w1)
        Class weights to evaluate under.
    threshold : float, default=0.5
        Probability cut-off for the predicted labels.

    Returns
    -------
    DataFrame
        One row per pair with columns ``w0``, ``w1``, ``weighted_loss``
        (:func:`lib.losses.weighted_bce`), ``loss`` (unweighted), ``accuracy``,
        ``precision``, ``recall`` (class 1, unweighted) and
        ``accuracy_sw``, ``precision_sw``, ``recall_sw`` (the same metrics
        computed with ``sample_weight = w[y]``).

    References
    ----------
    scikit-learn User Guide, sec. 3.4 "Metrics and scoring" (``sample_weight``
    in classification metrics).
    """
    y = np.asarray(y_true)
    prob = as_float_array("p", p)
    check_same_length(y_true=y, p=prob)
    t = check_threshold("threshold", threshold)
    pred = (prob > t).astype(np.int64)
    rows = []
    for w0, w1 in weight_pairs:
        a, b = check_class_weights(w0, w1)
        sw = np.where(y == 1, b, a)
        rows.append({
            "w0": a, "w1": b,
            "weighted_loss": weighted_bce(y, prob, w0=a, w1=b),
            "loss": weighted_bce(y, prob),
            "accuracy": accuracy_score(y, pred),
            "precision": precision_score(y, pred, zero_division=0.0),
            "recall": recall_score(y, pred, zero_division=0.0),
            "accuracy_sw": accuracy_score(y, pred, sample_weight=sw),
            "precision_sw": precision_score(y, pred, sample_weight=sw, zero_division=0.0),
            "recall_sw": recall_score(y, pred, sample_weight=sw, zero_division=0.0),
        })
    return pd.DataFrame(rows)
