r"""Test metrics of fixed predictions at other prevalences, by class reweighting.

Moving the prevalence by reweighting the classes of one labelled set keeps
every within-class rate (TPR, FPR, the ROC curve) and changes only the class
mix: :func:`metrics_by_prevalence` shows which metrics move with it
(precision, PR-AUC, MCC) and which do not (recall, ROC-AUC, balanced
accuracy).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import average_precision_score, roc_auc_score

from lib._validation import check_threshold, labels_and_scores
from lib.i18n import LabError
from lib.metrics import BOOTSTRAP_METRICS

#: Deployment ratios (majority per minority) of the prevalence charts.
PREVALENCE_RATIOS: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)


#: Metrics of :func:`metrics_by_prevalence`, in column order: those of
#: :func:`lib.metrics.prevalence_metrics` (:data:`lib.metrics.BOOTSTRAP_METRICS`).
PREVALENCE_METRICS: tuple[str, ...] = BOOTSTRAP_METRICS


def _check_ratios(ratios: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(ratios, dtype=np.float64).ravel()
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr < 1.0):
        raise LabError("error.prevalence.ratios", values=str(arr.tolist()))
    return arr


def _class_weights_for(y: NDArray[np.int64], prevalence: float) -> NDArray[np.float64]:
    # weights that turn the set's positive rate into `prevalence`, keeping n
    own = float(np.mean(y))
    return np.where(y == 1, prevalence / own, (1.0 - prevalence) / (1.0 - own))


def metrics_by_prevalence(
    y_true: ArrayLike,
    p: ArrayLike,
    ratios: ArrayLike = PREVALENCE_RATIOS,
    *,
    threshold: float = 0.5,
) -> pd.DataFrame:
    r"""The test metrics of fixed predictions at other prevalences (class reweighting).

    For a target prevalence :math:`\pi = 1 / (1 + r)` every positive gets the
    weight :math:`\pi / \hat\pi` and every negative
    :math:`(1 - \pi) / (1 - \hat\pi)`, :math:`\hat\pi` the set's own rate;
    the metrics of :func:`lib.metrics.prevalence_metrics` are computed with
    these sample weights (the thresholded ones from the weighted confusion
    matrix, as fractions of n: :math:`TP = \pi\,\mathrm{TPR}`,
    :math:`FP = (1 - \pi)\,\mathrm{FPR}`, ...; average precision with
    scikit-learn's ``sample_weight``). Rates within a class are unchanged, so

    .. math::

        \mathrm{precision}(\pi) =
        \frac{\pi\,\mathrm{TPR}}{\pi\,\mathrm{TPR} + (1 - \pi)\,\mathrm{FPR}},

    rises with :math:`\pi` (when TPR, FPR > 0), PR-AUC (average precision,
    chance level :math:`\pi`) and MCC move with it, while recall (TPR),
    ROC-AUC and balanced accuracy :math:`\tfrac12(\mathrm{TPR} + 1 -
    \mathrm{FPR})` are the same at every :math:`\pi`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1, both present.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    ratios : array_like, default=PREVALENCE_RATIOS
        Majority per minority of each target prevalence, >= 1.
    threshold : float, default=0.5
        Predict 1 when :math:`p \ge t`, :math:`t` in (0, 1).

    Returns
    -------
    DataFrame
        One row per ratio: ``ratio``, ``prevalence`` and the columns of
        :data:`PREVALENCE_METRICS`. At the set's own ratio the row equals
        :func:`lib.metrics.prevalence_metrics` (weights all 1).

    References
    ----------
    Saito & Rehmsmeier (2015), PLOS ONE 10(3) (precision and PR-AUC depend on
    the prevalence, ROC does not); Brodersen et al. (2010), ICPR (balanced
    accuracy); Chicco & Jurman (2020), BMC Genomics 21 (MCC).
    """
    y, prob = labels_and_scores(y_true, p)
    t = check_threshold("threshold", threshold)
    grid = _check_ratios(ratios)
    pred = prob >= t
    # within-class rates: the same at every prevalence
    tpr = float(np.mean(pred[y == 1]))
    fpr = float(np.mean(pred[y == 0]))
    auc = float(roc_auc_score(y, prob))
    rows = []
    for r in grid:
        pi = 1.0 / (1.0 + r)
        tp, fn, fp, tn = pi * tpr, pi * (1.0 - tpr), (1.0 - pi) * fpr, (1.0 - pi) * (1.0 - fpr)
        den = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)
        rows.append(
            {
                "ratio": float(r),
                "prevalence": pi,
                "precision": tp / (tp + fp) if tp + fp > 0 else 0.0,
                "recall": tpr,
                "average_precision": float(
                    average_precision_score(y, prob, sample_weight=_class_weights_for(y, pi))
                ),
                "roc_auc": auc,
                "balanced_accuracy": 0.5 * (tpr + 1.0 - fpr),
                "mcc": float((tp * tn - fp * fn) / np.sqrt(den)) if den > 0 else 0.0,
            }
        )
    return pd.DataFrame(rows)


def metric_ranges(table: pd.DataFrame) -> pd.DataFrame:
    """Lowest and highest value of each metric of :func:`metrics_by_prevalence`.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`metrics_by_prevalence`.

    Returns
    -------
    DataFrame
        Index :data:`PREVALENCE_METRICS`, columns ``low``, ``high``, ``spread``
        (high - low).
    """
    missing = [m for m in PREVALENCE_METRICS if m not in table.columns]
    if missing:
        raise LabError("error.prevalence.table_columns", missing=str(missing))
    low = table[list(PREVALENCE_METRICS)].min()
    high = table[list(PREVALENCE_METRICS)].max()
    return pd.DataFrame({"low": low, "high": high, "spread": high - low})
