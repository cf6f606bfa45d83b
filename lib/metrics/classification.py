r"""Per-class scores of hard predictions, and how they change.

:func:`per_class_report` (precision, recall, F-beta, support of every class),
:func:`percent_change` between two such tables, and
:func:`evaluate_under_weights` (what class weights do, and do not do, to a
metric).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)

from lib._validation import (
    as_float_array,
    check_class_weights,
    check_finite_number,
    check_same_length,
    check_threshold,
)
from lib.i18n import LabError
from lib.losses import weighted_bce


def per_class_report(
    y_true: ArrayLike, y_pred: ArrayLike, *, beta: float = 0.5, labels: ArrayLike | None = None
) -> pd.DataFrame:
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
        raise LabError("error.metrics.labels_1d")
    check_same_length(y_true=t, y_pred=p)
    labs = np.unique(np.concatenate([t, p])) if labels is None else np.asarray(labels)
    precision, recall, f_beta, support = precision_recall_fscore_support(
        t, p, beta=b, labels=labs, zero_division=0.0
    )
    frame = pd.DataFrame(
        {
            "precision": precision,
            "recall": recall,
            "f_beta": f_beta,
            "support": np.asarray(support, dtype=np.int64),
        },
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
    if (
        before.shape != after.shape
        or not before.index.equals(after.index)
        or not before.columns.equals(after.columns)
    ):
        raise LabError("error.metrics.tables_differ")
    b = before.to_numpy(dtype=np.float64)
    a = after.to_numpy(dtype=np.float64)
    diff = a - b
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(
            b != 0,
            100.0 * diff / np.where(b != 0, b, 1.0),
            np.where(diff == 0, 0.0, np.sign(diff) * np.inf),
        )
    return pd.DataFrame(out, index=before.index, columns=before.columns)


def evaluate_under_weights(
    y_true: ArrayLike,
    p: ArrayLike,
    weight_pairs: Sequence[tuple[float, float]],
    *,
    threshold: float = 0.5,
) -> pd.DataFrame:
    r"""Score one set of predictions without weights and with each pair of class weights.

    The weights a model was *trained* with appear nowhere in a metric's
    formula: accuracy, precision, recall and balanced accuracy of the same
    predictions are the same in every row. Passing ``(w0, w1)`` to a metric
    as ``sample_weight`` defines a *different* metric, the same decisions
    scored as if an error on class :math:`c` counted :math:`w_c` times:

    .. math::

        \mathrm{acc}_w = 1 - \frac{w_0\,FP + w_1\,FN}{w_0 n_0 + w_1 n_1},\qquad
        \mathrm{prec}_w = \frac{w_1\,TP}{w_1\,TP + w_0\,FP},\qquad
        \mathrm{rec}_w = \mathrm{rec}.

    That metric is the right one when the weights express deployment, not
    because a model was trained with them:

    * balanced weights :math:`w_c \propto 1/n_c` (of the evaluated labels)
      give :math:`\mathrm{acc}_w` = balanced accuracy, scikit-learn's
      definition ("accuracy_score with class-balanced sample weights");
    * :math:`w_0 = c_{FP}`, :math:`w_1 = c_{FN}` (real error costs) make
      :math:`1 - \mathrm{acc}_w` proportional to the expected cost per
      sample, so it ranks models as the cost does (Elkan 2001);
    * importance weights :math:`w_c = \pi'_c / \pi_c` (deployment share over
      evaluation share of class :math:`c`) give every metric its value at
      the deployment class mix, e.g.
      :math:`\mathrm{prec}_w = \mathrm{TPR}\,\pi'_1 / (\mathrm{TPR}\,\pi'_1 +
      \mathrm{FPR}\,\pi'_0)`.

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
        ``precision``, ``recall`` (class 1), ``balanced_accuracy`` (all
        unweighted, identical in every row) and ``accuracy_sw``,
        ``precision_sw``, ``recall_sw`` (the same metrics computed with
        ``sample_weight = w[y]``).

    References
    ----------
    scikit-learn User Guide, sec. 3.4 "Metrics and scoring" (``sample_weight``
    in classification metrics; ``balanced_accuracy_score``); Elkan (2001),
    "The Foundations of Cost-Sensitive Learning", IJCAI, sec. 1 (expected
    cost); Shimodaira (2000), "Improving predictive inference under
    covariate shift by weighting the log-likelihood function", J. Statist.
    Plann. Inference 90 (importance weights).
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
        rows.append(
            {
                "w0": a,
                "w1": b,
                "weighted_loss": weighted_bce(y, prob, w0=a, w1=b),
                "loss": weighted_bce(y, prob),
                "accuracy": accuracy_score(y, pred),
                "precision": precision_score(y, pred, zero_division=0.0),
                "recall": recall_score(y, pred, zero_division=0.0),
                "balanced_accuracy": balanced_accuracy_score(y, pred),
                "accuracy_sw": accuracy_score(y, pred, sample_weight=sw),
                "precision_sw": precision_score(y, pred, sample_weight=sw, zero_division=0.0),
                "recall_sw": recall_score(y, pred, sample_weight=sw, zero_division=0.0),
            }
        )
    return pd.DataFrame(rows)
