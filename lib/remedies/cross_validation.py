r"""Repeated stratified cross-validation of imbalance strategies.

Every strategy of :mod:`lib.remedies` is an estimator or an
imbalanced-learn pipeline, so fitting it on a training fold resamples that
fold only; the test fold keeps its true class counts and its true prior.

References
----------
Kohavi (1995), "A Study of Cross-Validation and Bootstrap for Accuracy
Estimation and Model Selection", IJCAI (stratified k-fold).
Nadeau & Bengio (2003), "Inference for the Generalization Error", Machine
Learning 52(3) (fold scores are not independent).
Saito & Rehmsmeier (2015), "The Precision-Recall Plot Is More Informative than
the ROC Plot When Evaluating Binary Classifiers on Imbalanced Datasets", PLOS ONE.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed  # type: ignore[import-untyped]
from numpy.typing import ArrayLike, NDArray
from scipy import stats
from sklearn.base import clone
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold

from lib._validation import (
    as_binary_labels,
    as_float_array,
    check_finite_number,
    check_int,
    check_same_length,
    check_threshold,
)
from lib.i18n import LabError, Message, message_of
from lib.metrics import per_class_report
from lib.remedies.checks import check_strategy_data
from lib.remedies.fitting import fit_model
from lib.remedies.registry import make_strategy, strategy_name

#: Fold-level metrics besides the per-class ones.
SCORES = ("pr_auc", "roc_auc", "brier", "fit_seconds", "predict_seconds")


@dataclass(frozen=True)
class CrossValidationResult:
    """Fold scores and their summary.

    Attributes
    ----------
    folds : DataFrame
        One row per (strategy, repeat, fold): ``strategy``, ``repeat``,
        ``fold``, ``n_train``, ``n_test``, ``test_count_0``, ``test_count_1``,
        ``precision_c``, ``recall_c``, ``f_beta_c`` for c in 0, 1, and
        ``pr_auc``, ``roc_auc``, ``brier``, ``fit_seconds``, ``predict_seconds``.
    summary : DataFrame
        One row per (strategy, metric): ``mean``, ``std``, ``ci_low``,
        ``ci_high`` (95 % t-interval over folds) and ``n_folds``.
    errors : dict of str to str
        Strategies left out with ``errors="skip"`` and why (they appear in
        neither table, so every strategy shown was scored on the same folds).
    """

    folds: pd.DataFrame
    summary: pd.DataFrame
    errors: dict[str, str] = field(default_factory=dict)


def _strategy_params(
    strategies: Sequence[str] | Mapping[str, Mapping[str, Any]],
) -> dict[str, dict[str, Any]]:
    if isinstance(strategies, str):
        raise LabError("error.cv.single_string", value=repr(strategies))
    if isinstance(strategies, Mapping):
        out = {str(k): dict(v) for k, v in strategies.items()}
    else:
        out = {str(k): {} for k in strategies}
    if not out:
        raise LabError("error.cv.no_strategies")
    return out


def _none_fitted(failed: dict[str, str]) -> LabError:
    return LabError(
        "error.cv.none_fitted",
        reasons=tuple(
            Message("error.cv.reason", name=strategy_name(name), why=why)
            for name, why in failed.items()
        ),
    )


def _score_fold(
    name: str,
    params: dict[str, Any],
    random_state: int,
    beta: float,
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    train: NDArray[np.intp],
    test: NDArray[np.intp],
    repeat: int,
    fold: int,
    skip: bool,
) -> dict[str, Any]:
    model = clone(make_strategy(name, random_state=random_state, **params))
    start = time.perf_counter()
    try:
        fit_model(name, model, X[train], y[train])
    except ValueError as err:
        if not skip:
            raise
        return {"strategy": name, "repeat": repeat, "fold": fold, "error": message_of(err)}
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    proba = np.asarray(model.predict_proba(X[test]))
    pred = np.asarray(model.predict(X[test]))
    predict_seconds = time.perf_counter() - start
    p1 = proba[:, list(model.classes_).index(1)]
    y_test = y[test]
    row: dict[str, Any] = {
        "strategy": name,
        "repeat": repeat,
        "fold": fold,
        "n_train": len(train),
        "n_test": len(test),
        "test_count_0": int(np.sum(y_test == 0)),
        "test_count_1": int(np.sum(y_test == 1)),
    }
    report = per_class_report(y_test, pred, beta=beta, labels=[0, 1])
    for column in ("precision", "recall", "f_beta"):
        for c, value in enumerate(report[column].to_numpy(dtype=np.float64)):
            row[f"{column}_{c}"] = float(value)
    row["pr_auc"] = float(average_precision_score(y_test, p1))
    row["roc_auc"] = float(roc_auc_score(y_test, p1))
    row["brier"] = float(brier_score_loss(y_test, p1, labels=[0, 1]))
    row["fit_seconds"] = fit_seconds
    row["predict_seconds"] = predict_seconds
    return row


def summarize_folds(folds: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    r"""Mean and t confidence interval of every metric over the folds.

    With :math:`k` fold scores of mean :math:`\bar x` and standard deviation
    :math:`s`:

    .. math:: \bar x \pm t_{(1 + c)/2,\, k - 1}\, \frac{s}{\sqrt{k}}

    Caveat: the folds share training data, so their scores are positively
    correlated and this interval is too narrow (Nadeau & Bengio 2003); read
    it as a rough guide for comparing strategies, not as a test.

    Parameters
    ----------
    folds : DataFrame
        The ``folds`` table of :func:`cross_validate_strategies`.
    confidence : float, default=0.95
        Coverage of the interval, in (0, 1).

    Returns
    -------
    DataFrame
        Columns ``strategy``, ``metric``, ``mean``, ``std``, ``ci_low``,
        ``ci_high``, ``n_folds``; NaN bounds with a single fold.

    References
    ----------
    Nadeau & Bengio (2003), "Inference for the Generalization Error", Machine
    Learning 52(3).
    """
    conf = check_threshold("confidence", confidence)
    metrics = [c for c in folds.columns if c.startswith(("precision_", "recall_", "f_beta_"))]
    metrics += list(SCORES)
    rows = []
    for name, group in folds.groupby("strategy", sort=False):
        k = len(group)
        for metric in metrics:
            values = group[metric].to_numpy(dtype=np.float64)
            mean = float(np.mean(values))
            std = float(np.std(values, ddof=1)) if k > 1 else float("nan")
            half = (
                float(stats.t.ppf((1.0 + conf) / 2.0, k - 1) * std / np.sqrt(k))
                if k > 1
                else float("nan")
            )
            rows.append(
                {
                    "strategy": name,
                    "metric": metric,
                    "mean": mean,
                    "std": std,
                    "ci_low": mean - half,
                    "ci_high": mean + half,
                    "n_folds": k,
                }
            )
    return pd.DataFrame(rows)


def cross_validate_strategies(
    X: ArrayLike,
    y: ArrayLike,
    strategies: Sequence[str] | Mapping[str, Mapping[str, Any]],
    *,
    n_splits: int = 5,
    n_repeats: int = 3,
    random_state: int = 0,
    beta: float = 0.5,
    n_jobs: int = 1,
    callback: Callable[[int, int], None] | None = None,
    errors: str = "raise",
) -> CrossValidationResult:
    r"""Repeated stratified k-fold cross-validation of several strategies.

    Each strategy (:func:`lib.remedies.make_strategy`) is fitted on every
    training fold of :class:`~sklearn.model_selection.RepeatedStratifiedKFold`
    and scored on the untouched test fold: per-class precision, recall and
    :math:`F_\beta` (:func:`lib.metrics.per_class_report`), PR-AUC
    (average precision), ROC-AUC, Brier score of class 1 and fit / predict
    time. Resamplers sit inside pipelines, so only training folds are
    resampled. The same ``random_state`` gives the same folds, the same models
    and the same scores (timings aside).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1; each class needs at least ``n_splits`` samples.
    strategies : sequence of str or mapping of str to dict
        Strategy names, or ``{name: params}`` for :func:`make_strategy`.
    n_splits : int, default=5
        Folds per repeat, >= 2.
    n_repeats : int, default=3
        Repeats with different fold assignments, >= 1.
    random_state : int, default=0
        Seed of the folds and of every strategy.
    beta : float, default=0.5
        The :math:`\beta` of the F-score (0.5 favours precision).
    n_jobs : int, default=1
        Parallel jobs (joblib); 1 runs in this process.
    callback : callable or None, default=None
        ``callback(done, total)`` after every fitted (strategy, fold).
    errors : {"raise", "skip"}, default="raise"
        What to do when a strategy cannot be fitted (e.g. SMOTE with fewer
        minority samples than neighbours, RUSBoost aborting): raise the
        ``ValueError``, or leave the strategy out and report why in
        ``CrossValidationResult.errors``.

    Returns
    -------
    CrossValidationResult
        ``folds`` (one row per strategy and fold) and ``summary`` (mean and
        95 % t-interval, :func:`summarize_folds`; intervals are optimistic as
        fold scores are correlated, Nadeau & Bengio 2003).

    Raises
    ------
    ValueError
        On bad inputs, unknown strategies or parameters, or a class with fewer
        than ``n_splits`` samples (a test fold could miss it).

    References
    ----------
    Kohavi (1995), IJCAI; Nadeau & Bengio (2003), Machine Learning 52(3);
    Saito & Rehmsmeier (2015), PLOS ONE (PR-AUC under imbalance).
    """
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    check_same_length(X=X_arr, y=y_arr)
    splits = check_int("n_splits", n_splits, low=2)
    repeats = check_int("n_repeats", n_repeats, low=1)
    seed = check_int("random_state", random_state, low=0)
    b = check_finite_number("beta", beta, low=0.0, low_inclusive=False)
    jobs = check_int("n_jobs", n_jobs)
    if jobs == 0:
        raise LabError("error.cv.n_jobs_zero")
    if errors not in ("raise", "skip"):
        raise LabError("error.cv.errors_choice", value=repr(errors))
    skip = errors == "skip"
    chosen = _strategy_params(strategies)
    for name, params in chosen.items():
        make_strategy(name, random_state=seed, **params)  # fail fast on bad names/params
    counts = np.bincount(y_arr, minlength=2)
    if counts.min() < splits:
        raise LabError(
            "error.cv.too_few_for_folds",
            splits=splits,
            cls=int(np.argmin(counts)),
            have=int(counts.min()),
        )
    # The smallest training fold of stratified k-fold holds n_c - ceil(n_c / k)
    # samples of class c.
    train_counts = {c: int(n - -(-n // splits)) for c, n in enumerate(counts)}
    failed: dict[str, str] = {}
    for name, params in list(chosen.items()):
        try:
            check_strategy_data(name, train_counts, **params)
        except ValueError as err:
            if not skip:
                raise
            failed[name] = message_of(err)
            del chosen[name]
    if not chosen:
        raise _none_fitted(failed)
    cv = RepeatedStratifiedKFold(n_splits=splits, n_repeats=repeats, random_state=seed)
    folds = [
        (i // splits, i % splits, train, test)
        for i, (train, test) in enumerate(cv.split(X_arr, y_arr))
    ]
    tasks = [(name, params, fold) for name, params in chosen.items() for fold in folds]
    total = len(tasks)

    def run(task: tuple[str, dict[str, Any], tuple[int, int, Any, Any]]) -> dict[str, Any]:
        name, params, (rep, k, train, test) = task
        return _score_fold(name, params, seed, b, X_arr, y_arr, train, test, rep, k, skip)

    results: Iterator[dict[str, Any]]
    if jobs == 1:
        results = (run(t) for t in tasks)
    else:
        results = Parallel(n_jobs=jobs, return_as="generator")(
            delayed(_score_fold)(name, params, seed, b, X_arr, y_arr, train, test, rep, k, skip)
            for name, params, (rep, k, train, test) in tasks
        )
    rows = []
    for done, row in enumerate(results, start=1):
        rows.append(row)
        if callback is not None:
            callback(done, total)
    for row in rows:
        if "error" in row and row["strategy"] not in failed:
            n_bad = sum(1 for r in rows if r["strategy"] == row["strategy"] and "error" in r)
            failed[row["strategy"]] = Message(
                "error.cv.failed_folds", bad=n_bad, folds=len(folds), error=row["error"]
            )
    rows = [r for r in rows if r["strategy"] not in failed]
    if not rows:
        raise _none_fitted(failed)
    table = pd.DataFrame(rows)
    return CrossValidationResult(folds=table, summary=summarize_folds(table), errors=failed)


def summary_wide(summary: pd.DataFrame, value: str = "mean") -> pd.DataFrame:
    r"""One row per strategy, one column per metric, from :func:`summarize_folds`.

    ``value="half_width"`` gives the half width of the confidence interval,
    :math:`(\mathrm{ci\_high} - \mathrm{ci\_low}) / 2`.

    Parameters
    ----------
    summary : DataFrame
        The ``summary`` of :func:`cross_validate_strategies`.
    value : {"mean", "std", "ci_low", "ci_high", "half_width"}, default="mean"
        Which number to tabulate.

    Returns
    -------
    DataFrame
        Indexed by strategy in the order they first appear.

    References
    ----------
    Nadeau & Bengio (2003), Machine Learning 52(3) (read the intervals as rough).
    """
    allowed = ("mean", "std", "ci_low", "ci_high", "half_width")
    if value not in allowed:
        raise LabError(
            "error.arg.choice", name="value", choices=", ".join(allowed), value=repr(value)
        )
    table = summary.assign(half_width=(summary["ci_high"] - summary["ci_low"]) / 2.0)
    wide = table.pivot_table(
        index="strategy", columns="metric", values=value, aggfunc="first", sort=False, dropna=False
    )
    wide.columns.name = None
    return wide
