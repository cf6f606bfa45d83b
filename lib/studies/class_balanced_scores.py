r"""Per-class scores of the class-balanced comparison on a long-tailed, multi-class problem.

Turns trained softmax models (:class:`lib.training.TrainingResult`, e.g. from
:func:`lib.studies.class_balanced.train_all`) into a tidy per-class table
with the classes ordered from the most to the least frequent in training,
the percent change of every strategy against the unweighted baseline, and
overall macro and weighted F-beta scores; also the test-set designs the
comparison is scored on (:func:`evaluation_counts`).

References
----------
Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on Effective
Number of Samples", CVPR (balanced test sets for long-tailed training data).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import accuracy_score, fbeta_score

from lib._validation import (
    as_class_indices,
    as_float_array,
    check_choice,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.i18n import LabError
from lib.metrics import per_class_report, percent_change
from lib.training import TrainingResult

#: Test-set designs of :func:`evaluation_counts`.
TEST_SETS = ("balanced", "longtail")
#: Per-class metrics of :func:`compare_strategies`.
METRICS = ("precision", "recall", "f_beta")


def _check_counts(counts: ArrayLike) -> NDArray[np.float64]:
    """Training samples per class: at least two whole numbers >= 1, as floats."""
    n = as_float_array("counts", counts)
    if len(n) < 2 or np.any(n < 1) or np.any(n != np.round(n)):
        raise LabError("error.cb.counts", counts=repr(n.tolist()))
    return n


def evaluation_counts(
    counts: ArrayLike, kind: str = "balanced", *, per_class: int = 1000
) -> NDArray[np.int64]:
    r"""Class counts of a test set for a training set with ``counts``.

    * ``"balanced"``: ``per_class`` samples of every class. Every class then
      weighs the same in accuracy and in weighted averages, so a change in a
      rare class is as visible as one in a frequent class (the evaluation of
      Cui et al. 2019 on long-tailed CIFAR);
    * ``"longtail"``: the training proportions with the same total,
      :math:`m_c = \max(1, \mathrm{round}(k \cdot \text{per\_class} \cdot
      n_c / \sum_j n_j))`, as a model would meet in deployment.

    Parameters
    ----------
    counts : array_like of shape (k,)
        Training samples per class, whole numbers >= 1.
    kind : {"balanced", "longtail"}, default="balanced"
        Test-set design.
    per_class : int, default=1000
        Mean test samples per class, 1 to 100,000.

    Returns
    -------
    ndarray of int of shape (k,)
    """
    n = _check_counts(counts)
    check_choice("kind", kind, TEST_SETS)
    m = check_int("per_class", per_class, low=1, high=100_000)
    if kind == "balanced":
        return np.full(len(n), m, dtype=np.int64)
    return np.asarray(np.maximum(1, np.rint(len(n) * m * n / n.sum())), dtype=np.int64)


def frequency_order(counts: ArrayLike) -> NDArray[np.int64]:
    """Class indices from the most to the least frequent (ties by index).

    Parameters
    ----------
    counts : array_like of shape (k,)
        Training samples per class.

    Returns
    -------
    ndarray of int of shape (k,)
    """
    n = as_float_array("counts", counts)
    return np.asarray(np.argsort(-n, kind="stable"), dtype=np.int64)


def _test_data(
    X_test: ArrayLike, y_test: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    X = as_float_array("X_test", X_test, ndim=2)
    y = as_class_indices("y_test", y_test)
    check_same_length(X_test=X, y_test=y)
    return X, y


def compare_strategies(
    models: Mapping[str, TrainingResult],
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    counts: ArrayLike,
    beta: float = 0.5,
) -> pd.DataFrame:
    r"""Tidy per-class precision, recall and F-beta of every model on a test set.

    .. math:: P_c = \frac{TP_c}{TP_c + FP_c},\quad R_c = \frac{TP_c}{TP_c + FN_c},
              \quad F_{\beta,c} = \frac{(1+\beta^2) P_c R_c}{\beta^2 P_c + R_c}

    (0 where undefined, see :func:`lib.metrics.per_class_report`).

    Parameters
    ----------
    models : mapping of str to TrainingResult
        Trained models by name, e.g. from :func:`lib.studies.class_balanced.train_all`.
    X_test, y_test : array_like
        Test data; ``y_test`` holds class indices below ``len(counts)``.
    counts : array_like of shape (k,)
        Training samples per class; sets the class order.
    beta : float, default=0.5
        F-beta weight of recall (0.5 favours precision).

    Returns
    -------
    DataFrame
        One row per (model, class), models in the given order and classes
        from the most to the least frequent in training; columns
        ``strategy``, ``class``, ``train_count``, ``precision``, ``recall``,
        ``f_beta``, ``support`` (test samples of the class).
    """
    n = _check_counts(counts)
    X, y = _test_data(X_test, y_test)
    if len(models) == 0:
        raise LabError("error.cb.no_models")
    if y.max() >= len(n):
        raise LabError("error.cb.test_classes", k=len(n))
    order = frequency_order(n)
    frames = []
    for name, model in models.items():
        report = per_class_report(y, model.predict(X), beta=beta, labels=order)
        frames.append(
            report.reset_index().assign(strategy=name, train_count=n[order].astype(np.int64))
        )
    table = pd.concat(frames, ignore_index=True)
    return table[["strategy", "class", "train_count", *METRICS, "support"]]


def metric_by_class(table: pd.DataFrame, metric: str) -> pd.DataFrame:
    """One metric of :func:`compare_strategies` as a class × strategy table.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`compare_strategies`.
    metric : {"precision", "recall", "f_beta"}
        Which column.

    Returns
    -------
    DataFrame
        Index = class (most to least frequent), columns = strategies in the
        order of ``table``.
    """
    check_choice("metric", metric, METRICS)
    strategies = list(dict.fromkeys(table["strategy"]))
    classes = list(dict.fromkeys(table["class"]))
    wide = table.pivot_table(
        index="class", columns="strategy", values=metric, aggfunc="first", sort=False
    )
    return wide.reindex(index=classes, columns=strategies).rename_axis(columns=None)


def change_vs_baseline(table: pd.DataFrame, metric: str, *, baseline: str = "none") -> pd.DataFrame:
    r"""Percent change of a per-class metric against the baseline strategy.

    .. math:: \Delta_{s,c} = 100\,\frac{m_{s,c} - m_{\text{base},c}}{m_{\text{base},c}}

    (:func:`lib.metrics.percent_change`: 0/0 gives 0, x/0 gives ±inf).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`compare_strategies`.
    metric : {"precision", "recall", "f_beta"}
        Which metric.
    baseline : str, default="none"
        The strategy every other one is compared with.

    Returns
    -------
    DataFrame
        Index = class (most to least frequent), columns = the other
        strategies.
    """
    wide = metric_by_class(table, metric)
    if baseline not in wide.columns:
        raise LabError(
            "error.cb.baseline",
            baseline=repr(baseline),
            strategies=", ".join(map(str, wide.columns)),
        )
    others = [c for c in wide.columns if c != baseline]
    before = pd.DataFrame({c: wide[baseline] for c in others}, index=wide.index)
    return percent_change(before, wide[others])


def overall_scores(
    models: Mapping[str, TrainingResult],
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    n_classes: int,
    beta: float = 0.5,
) -> pd.DataFrame:
    r"""Macro and weighted F-beta and accuracy of every model.

    .. math:: F^{\text{macro}} = \frac{1}{k}\sum_c F_{\beta,c},\qquad
              F^{\text{weighted}} = \sum_c \frac{m_c}{m} F_{\beta,c}

    with :math:`m_c` the test samples of class :math:`c`: macro gives every
    class the same say, weighted lets each class count by its test support
    (on a balanced test set the two coincide). scikit-learn's
    ``fbeta_score(average="macro" | "weighted", zero_division=0)`` over all
    ``n_classes`` labels.

    Parameters
    ----------
    models : mapping of str to TrainingResult
        Trained models by name.
    X_test, y_test : array_like
        Test data.
    n_classes : int
        ``k``; every class 0..k-1 takes part in the averages.
    beta : float, default=0.5
        F-beta weight of recall.

    Returns
    -------
    DataFrame
        Index = model names; columns ``macro_f``, ``weighted_f``, ``accuracy``.
    """
    X, y = _test_data(X_test, y_test)
    k = check_int("n_classes", n_classes, low=2)
    b = check_finite_number("beta", beta, low=0.0, low_inclusive=False)
    labels = np.arange(k)
    rows = {}
    for name, model in models.items():
        pred = model.predict(X)
        rows[name] = {
            "macro_f": float(
                fbeta_score(y, pred, beta=b, labels=labels, average="macro", zero_division=0.0)
            ),
            "weighted_f": float(
                fbeta_score(y, pred, beta=b, labels=labels, average="weighted", zero_division=0.0)
            ),
            "accuracy": float(accuracy_score(y, pred)),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def source_comparison(
    models: Mapping[str, TrainingResult],
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    counts: ArrayLike,
    beta: float = 0.5,
) -> pd.DataFrame:
    r"""Head and tail recall and macro F-beta of models trained with different weight sources.

    A compact view of what counting the weights inside each mini-batch costs
    against the source's method (weights from the whole training set), for
    models that differ only in ``source``
    (:func:`lib.studies.class_balanced.train_strategy`).

    .. math:: R_c = \frac{TP_c}{TP_c + FN_c},\qquad
              F^{\text{macro}}_\beta = \frac{1}{k}\sum_c F_{\beta,c}

    Parameters
    ----------
    models : mapping of str to TrainingResult
        Trained models by source name (e.g. ``{"global": ..., "batch": ...}``).
    X_test, y_test : array_like
        Test data.
    counts : array_like of shape (k,)
        Training samples per class (the head is the most frequent class, the
        tail the rarest).
    beta : float, default=0.5
        F-beta weight of recall.

    Returns
    -------
    DataFrame
        Index = model names; columns ``head_recall``, ``tail_recall``,
        ``macro_f`` (see :func:`compare_strategies`, :func:`overall_scores`).
    """
    n = _check_counts(counts)
    order = frequency_order(n)
    table = compare_strategies(models, X_test, y_test, counts=n, beta=beta)
    recall = metric_by_class(table, "recall")
    overall = overall_scores(models, X_test, y_test, n_classes=len(n), beta=beta)
    return pd.DataFrame(
        {
            "head_recall": recall.loc[order[0]],
            "tail_recall": recall.loc[order[-1]],
            "macro_f": overall["macro_f"],
        }
    )
