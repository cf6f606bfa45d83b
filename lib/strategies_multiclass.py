r"""Class-balanced losses compared per class on a long-tailed, multi-class problem.

Five training strategies for the same softmax regression model
(:func:`lib.training.train_softmax`), differing only in the loss:

* ``"none"``: plain softmax cross-entropy, :math:`\ell_i = -\log p_{i y_i}`;
* ``"ins"``, ``"isns"``, ``"ens"``: the same loss times a class weight
  :math:`w_{y_i}` (inverse, inverse-square-root and effective number of
  samples, :func:`lib.weights.weights_from_counts`);
* ``"cb_focal"``: the class-balanced focal loss,
  :math:`\ell_i = -w^{\text{ENS}}_{y_i} (1 - p_{i y_i})^{\gamma} \log p_{i y_i}`.

The class weights come either from the class counts of the whole training set,
looked up for every sample of each mini-batch (``source="global"``, the
method of the GumGum Tech post "Handling Class Imbalance by Introducing
Sample Weighting in the Loss Function", the page's default), or from the
counts inside each mini-batch (``source="batch"``, a literal reading of
"weights within the mini-batch", shown with its costs:
:func:`batch_weight_spread`, :func:`source_comparison`). Evaluation helpers
turn the trained models into a tidy per-class table (classes ordered from
the most to the least frequent in training), the percent change against
``"none"``, and overall macro and weighted F-beta scores.

References
----------
Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on Effective
Number of Samples", CVPR.
Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
Detection", ICCV.
GumGum Tech (2020), "Handling Class Imbalance by Introducing Sample Weighting
in the Loss Function", Medium.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import accuracy_score, fbeta_score

from lib._validation import (
    as_class_indices,
    as_float_array,
    check_beta,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.metrics import per_class_report, percent_change
from lib.training import (
    TrainingResult,
    batch_class_weights,
    mean_sample_weight,
    minibatches,
    train_softmax,
)
from lib.weights import weights_from_counts

#: The strategies, in the order the page shows them (the baseline first).
STRATEGIES = ("none", "ins", "isns", "ens", "cb_focal")
#: Where the class weights come from: the whole training set (the source's
#: method, first and default) or the counts inside each mini-batch (the literal
#: reading).
SOURCES = ("global", "batch")
#: Test-set designs of :func:`evaluation_counts`.
TEST_SETS = ("balanced", "longtail")
#: Per-class metrics of :func:`compare_strategies`.
METRICS = ("precision", "recall", "f_beta")
#: The weighting scheme behind each weighted strategy.
_SCHEME = {"ins": "ins", "isns": "isns", "ens": "ens", "cb_focal": "ens"}


def _check_choice(name: str, value: Any, choices: Sequence[str]) -> str:
    if value not in choices:
        raise ValueError(f"`{name}` must be one of {', '.join(choices)}. Got {value!r} instead.")
    return str(value)


def _check_counts(counts: ArrayLike) -> NDArray[np.float64]:
    n = as_float_array("counts", counts)
    if len(n) < 2 or np.any(n < 1) or np.any(n != np.round(n)):
        raise ValueError(
            "`counts` must hold at least two whole numbers >= 1 (samples per "
            f"class). Got {n.tolist()!r} instead."
        )
    return n


def relevant_params(
    strategy: str, *, source: str = "global", beta: float = 0.999, gamma: float = 2.0
) -> dict[str, Any]:
    """The settings a strategy actually depends on (a cache key for its fit).

    ``"none"`` depends on none of them, ``"ins"`` and ``"isns"`` on the
    weight ``source``, ``"ens"`` also on ``beta`` and ``"cb_focal"`` also on
    ``gamma``. Passing only these to a cached fit keeps the other models
    cached when β or γ move.

    Parameters
    ----------
    strategy : {"none", "ins", "isns", "ens", "cb_focal"}
        The strategy.
    source : {"global", "batch"}, default="global"
        Where the class weights come from.
    beta : float, default=0.999
        ENS hyper-parameter, in [0, 1).
    gamma : float, default=2.0
        Focal focusing parameter, >= 0.

    Returns
    -------
    dict
        Keyword arguments for :func:`train_strategy`.
    """
    _check_choice("strategy", strategy, STRATEGIES)
    params: dict[str, Any] = {}
    if strategy != "none":
        params["source"] = _check_choice("source", source, SOURCES)
    if strategy in ("ens", "cb_focal"):
        params["beta"] = check_beta(beta)
    if strategy == "cb_focal":
        params["gamma"] = check_finite_number("gamma", gamma, low=0.0)
    return params


def train_strategy(
    X: ArrayLike,
    y: ArrayLike,
    strategy: str,
    *,
    n_classes: int | None = None,
    source: str = "global",
    beta: float = 0.999,
    gamma: float = 2.0,
    epochs: int = 30,
    batch_size: int = 256,
    learning_rate: float = 0.5,
    random_state: int = 0,
    callback: Callable[[int, int], None] | None = None,
) -> TrainingResult:
    r"""Train softmax regression by mini-batch SGD with one strategy.

    With class weights :math:`w` (all 1 for ``"none"``), SGD minimises

    .. math:: J_B = \frac{1}{|B|}\sum_{i\in B} w_{y_i}\,(1 - p_{i y_i})^{\gamma}
              \,(-\log p_{i y_i}),

    with :math:`\gamma = 0` except for ``"cb_focal"``. The weights are

    .. math:: w^{\text{INS}}_c \propto \frac{1}{n_c},\quad
              w^{\text{ISNS}}_c \propto \frac{1}{\sqrt{n_c}},\quad
              w^{\text{ENS}}_c \propto \frac{1 - \beta}{1 - \beta^{n_c}},
              \quad \sum_c w_c = k,

    with :math:`n_c` counted in the whole training set and looked up for each
    sample of every batch (``source="global"``, the GumGum Tech post's
    method) or counted in the mini-batch :math:`B` (``source="batch"``;
    classes absent from the batch do not matter there). So that weighted runs
    take steps of comparable size, the step size is divided by the mean sample
    weight of the run, :math:`\eta = \eta_0 / \bar w`
    (:func:`lib.training.mean_sample_weight`: over the training set for
    ``"global"``, over every sample of every batch for ``"batch"``). The batch
    loss is divided by :math:`|B|` (see :func:`lib.training.batch_loss`).

    ``"cb_focal"`` uses the softmax form of the focal loss; Cui et al. state
    it with one sigmoid per class (:func:`lib.losses.cb_focal_loss`).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Class indices 0..k-1.
    strategy : {"none", "ins", "isns", "ens", "cb_focal"}
        Which loss and weights.
    n_classes : int or None, default=None
        ``k``; default ``max(y) + 1``.
    source : {"global", "batch"}, default="global"
        Class counts of the whole training set or of each mini-batch.
    beta : float, default=0.999
        ENS hyper-parameter in [0, 1) (``"ens"``, ``"cb_focal"``); β = 0
        gives uniform weights, the same model as ``"none"``.
    gamma : float, default=2.0
        Focal focusing parameter >= 0 (``"cb_focal"`` only).
    epochs : int, default=30
        Passes over the training data.
    batch_size : int, default=256
        Mini-batch size.
    learning_rate : float, default=0.5
        Base step size :math:`\eta_0`, > 0.
    random_state : int, default=0
        Seed of the batch order; the same seed gives the same model.
    callback : callable or None
        ``callback(epoch, epochs)`` after every epoch.

    Returns
    -------
    TrainingResult
        See :class:`lib.training.TrainingResult`.

    References
    ----------
    Cui et al. (2019), CVPR, eq. (3) and sec. 4; Lin et al. (2017), ICCV,
    eq. (5).
    """
    params = relevant_params(strategy, source=source, beta=beta, gamma=gamma)
    y_arr = np.asarray(y)
    lr = check_finite_number("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    if strategy == "none":
        return train_softmax(
            X,
            y,
            n_classes=n_classes,
            epochs=epochs,
            batch_size=batch_size,
            learning_rate=lr,
            random_state=random_state,
            callback=callback,
        )
    scheme = _SCHEME[strategy]
    b = params.get("beta", beta)
    labels = as_class_indices("y", y_arr)
    mean_weight = mean_sample_weight(
        labels,
        weighting=params["source"],
        scheme=scheme,
        beta=b,
        n_classes=n_classes,
        batch_size=batch_size,
        epochs=epochs,
        random_state=random_state,
    )
    return train_softmax(
        X,
        y,
        n_classes=n_classes,
        loss="focal" if strategy == "cb_focal" else "ce",
        gamma=params.get("gamma", 0.0),
        weighting=params["source"],
        scheme=scheme,
        beta=b,
        epochs=epochs,
        batch_size=batch_size,
        learning_rate=lr / mean_weight,
        random_state=random_state,
        callback=callback,
    )


def train_all(
    X: ArrayLike,
    y: ArrayLike,
    *,
    strategies: Sequence[str] = STRATEGIES,
    progress: Callable[[int, int], None] | None = None,
    **kwargs: Any,
) -> dict[str, TrainingResult]:
    """Train every strategy on the same data with the same seed.

    Parameters
    ----------
    X, y : array_like
        Training data (see :func:`train_strategy`).
    strategies : sequence of str, default=STRATEGIES
        Which strategies, in order.
    progress : callable or None
        ``progress(done, total)`` after every model.
    **kwargs
        Passed to :func:`train_strategy` (``source``, ``beta``, ``gamma``,
        ``epochs``, ...).

    Returns
    -------
    dict of str to TrainingResult
        In the order of ``strategies``.
    """
    models = {}
    for done, strategy in enumerate(strategies, start=1):
        models[strategy] = train_strategy(X, y, strategy, **kwargs)
        if progress is not None:
            progress(done, len(strategies))
    return models


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
    _check_choice("kind", kind, TEST_SETS)
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
        Trained models by name, e.g. from :func:`train_all`.
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
        raise ValueError("`models` must hold at least one trained model.")
    if y.max() >= len(n):
        raise ValueError(
            f"`y_test` must contain class indices below {len(n)} (one per entry of `counts`)."
        )
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
    _check_choice("metric", metric, METRICS)
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
        raise ValueError(
            f"`baseline` {baseline!r} is not among the strategies "
            f"{', '.join(map(str, wide.columns))}."
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


def batch_weight_spread(
    y: ArrayLike,
    scheme: str = "ins",
    *,
    beta: float = 0.999,
    batch_size: int = 256,
    epochs: int = 1,
    random_state: int = 0,
) -> pd.DataFrame:
    r"""How much per-batch class weights scatter around the global ones.

    The batches are those :func:`lib.training.train_softmax` draws with the
    same seed (a fresh permutation every epoch). In every batch the weights
    of the classes present are recomputed from the batch counts
    :math:`n_{c,B}` (e.g. INS: :math:`w_{c,B} = k_B\,n_{c,B}^{-1} / \sum_j
    n_{j,B}^{-1}` over the :math:`k_B` classes in the batch,
    :func:`lib.training.batch_class_weights`).

    Each class's share of all the weight the run hands out,

    .. math:: S_c = \frac{\sum_B n_{c,B}\, w_{c,B}}{\sum_B \sum_j n_{j,B}\, w_{j,B}}
              \quad\text{against}\quad
              S^{\text{global}}_c = \frac{n_c w_c}{\sum_j n_j w_j},

    shows where the weight goes: with global INS weights every class gets
    :math:`1/k`; counted per batch, a class missing from most batches gets
    less.

    Parameters
    ----------
    y : array_like of shape (n,)
        Training labels 0..k-1.
    scheme : {"balanced", "ins", "isns", "ens"}, default="ins"
        Weighting scheme.
    beta : float, default=0.999
        ENS hyper-parameter.
    batch_size : int, default=256
        Mini-batch size.
    epochs : int, default=1
        Epochs of batches to look at, 1 to 1000.
    random_state : int, default=0
        Seed of the batch order (as in ``train_softmax``).

    Returns
    -------
    DataFrame
        Index = class (most to least frequent); columns ``global`` (weight
        from the whole set), ``batch_min``, ``batch_median``, ``batch_max``
        (over the batches that contain the class; NaN if none does),
        ``missing`` (fraction of batches without the class), ``share_global``
        and ``share_batch`` (the class's share :math:`S_c` of all the weight
        with global and with per-batch weights).

    References
    ----------
    Cui et al. (2019), CVPR, sec. 4 (weights from class counts).
    """
    y_arr = as_class_indices("y", y)
    counts = np.bincount(y_arr)
    k = max(len(counts), 2)
    counts = np.bincount(y_arr, minlength=k)
    present = counts > 0
    global_w = np.full(k, np.nan)
    global_w[present] = weights_from_counts(counts[present], scheme, beta=beta)
    rows, totals = [], np.zeros(k)
    for batches in minibatches(
        len(y_arr), batch_size=batch_size, epochs=epochs, random_state=random_state
    ):
        for idx in batches:
            yb = y_arr[idx]
            w = batch_class_weights(yb, k, scheme, beta=beta)
            rows.append(w)
            totals += np.bincount(yb, weights=w[yb], minlength=k)
    per_batch = np.array(rows)
    seen = ~np.isnan(per_batch)
    global_total = np.where(present, counts * np.nan_to_num(global_w), 0.0)
    stats = {name: np.full(k, np.nan) for name in ("batch_min", "batch_median", "batch_max")}
    for c in np.flatnonzero(seen.any(axis=0)):
        values = per_batch[seen[:, c], c]
        stats["batch_min"][c] = values.min()
        stats["batch_median"][c] = np.median(values)
        stats["batch_max"][c] = values.max()
    frame = pd.DataFrame(
        {
            "global": global_w,
            **stats,
            "missing": 1.0 - seen.mean(axis=0),
            "share_global": global_total / global_total.sum(),
            "share_batch": totals / totals.sum(),
        },
        index=pd.Index(np.arange(k), name="class"),
    )
    return frame.iloc[frequency_order(counts)]


def pytorch_divisor_ratio(
    y: ArrayLike,
    scheme: str = "ins",
    *,
    beta: float = 0.999,
    batch_size: int = 256,
    epochs: int = 1,
    random_state: int = 0,
) -> pd.Series:
    r"""How PyTorch's weighted-mean divisor compares with this trainer's, batch by batch.

    With global class weights :math:`w` (the source's method), this trainer
    divides a batch's weighted loss by :math:`|B|` and its step size by the
    run's mean sample weight :math:`\bar w` (:func:`train_strategy`), i.e. by
    :math:`|B|\,\bar w` in all. PyTorch's ``CrossEntropyLoss(weight=w)`` with
    ``reduction="mean"`` divides by :math:`\sum_{i\in B} w_{y_i}` instead. Their
    ratio for batch :math:`B`,

    .. math:: r_B = \frac{\sum_{i\in B} w_{y_i}}{|B|\,\bar w},

    is 1 on average over an epoch's full batches and exactly 1 for a single
    batch holding all the data; a batch with more rare samples than average
    has :math:`r_B > 1`, so PyTorch would take a smaller step on it.

    Parameters
    ----------
    y : array_like of shape (n,)
        Training labels 0..k-1.
    scheme : {"balanced", "ins", "isns", "ens"}, default="ins"
        Weighting scheme of the global weights.
    beta : float, default=0.999
        ENS hyper-parameter.
    batch_size, epochs, random_state
        The batches :func:`lib.training.train_softmax` draws with this seed.

    Returns
    -------
    Series
        ``min``, ``median`` and ``max`` of :math:`r_B` over the batches.

    References
    ----------
    PyTorch documentation, ``torch.nn.NLLLoss`` (``reduction="mean"``:
    :math:`\sum_n l_n / \sum_n w_{y_n}`) and ``torch.nn.CrossEntropyLoss``.
    """
    y_arr = as_class_indices("y", y)
    counts = np.bincount(y_arr)
    present = counts > 0
    w = np.ones(len(counts))
    w[present] = weights_from_counts(counts[present], scheme, beta=beta)
    mean_w = float(np.mean(w[y_arr]))
    ratios = np.array(
        [
            np.mean(w[y_arr[idx]]) / mean_w
            for batches in minibatches(
                len(y_arr), batch_size=batch_size, epochs=epochs, random_state=random_state
            )
            for idx in batches
        ]
    )
    return pd.Series(
        {"min": float(ratios.min()), "median": float(np.median(ratios)), "max": float(ratios.max())}
    )


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
    models that differ only in ``source`` (:func:`train_strategy`).

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
