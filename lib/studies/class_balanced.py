r"""Class-balanced losses compared per class on a long-tailed, multi-class problem.

Five training strategies for the same softmax regression model
(:func:`lib.training.train_softmax`), differing only in the loss
(:data:`MULTICLASS_STRATEGIES`):

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
"weights within the mini-batch", shown with its costs in
:mod:`lib.studies.class_balanced_batches`). The per-class scores live in
:mod:`lib.studies.class_balanced_scores`; both modules' functions are
re-exported here. :func:`class_balanced_study` runs the whole experiment of
the class-balanced page and returns every number it shows.

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_class_indices,
    check_beta,
    check_choice,
    check_finite_number,
    check_int,
)
from lib.data import long_tail_counts, make_long_tailed
from lib.studies.class_balanced_batches import batch_weight_spread as batch_weight_spread
from lib.studies.class_balanced_batches import batch_weights_on_long_tail
from lib.studies.class_balanced_batches import pytorch_divisor_ratio as pytorch_divisor_ratio
from lib.studies.class_balanced_scores import (
    METRICS,
    change_vs_baseline,
    compare_strategies,
    evaluation_counts,
    frequency_order,
    metric_by_class,
    overall_scores,
    source_comparison,
)
from lib.studies.class_balanced_scores import TEST_SETS as TEST_SETS
from lib.training import TrainingResult, mean_sample_weight, train_softmax

#: The strategies, in the order the page shows them (the baseline first).
MULTICLASS_STRATEGIES = ("none", "ins", "isns", "ens", "cb_focal")
#: Where the class weights come from: the whole training set (the source's
#: method, first and default) or the counts inside each mini-batch (the literal
#: reading).
SOURCES = ("global", "batch")
#: The weighting scheme behind each weighted strategy.
_SCHEME = {"ins": "ins", "isns": "isns", "ens": "ens", "cb_focal": "ens"}
#: The page's experiment: distance of neighbouring class means (in standard
#: deviations), epochs of every training run, and mean test samples per class.
CLASS_SEP, EPOCHS, PER_CLASS = 3.0, 30, 1000


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
    check_choice("strategy", strategy, MULTICLASS_STRATEGIES)
    params: dict[str, Any] = {}
    if strategy != "none":
        params["source"] = check_choice("source", source, SOURCES)
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
    strategies: Sequence[str] = MULTICLASS_STRATEGIES,
    progress: Callable[[int, int], None] | None = None,
    **kwargs: Any,
) -> dict[str, TrainingResult]:
    """Train every strategy on the same data with the same seed.

    Parameters
    ----------
    X, y : array_like
        Training data (see :func:`train_strategy`).
    strategies : sequence of str, default=MULTICLASS_STRATEGIES
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


def fit_long_tail(
    counts: Sequence[int],
    seed: int,
    strategy: str,
    *,
    batch_size: int = 256,
    source: str = "global",
    beta: float = 0.999,
    gamma: float = 2.0,
) -> TrainingResult:
    r"""One strategy trained on the page's long-tailed data, drawn from its counts and seed.

    Data: :func:`lib.data.make_long_tailed` (``counts`` samples per class,
    means :data:`CLASS_SEP` standard deviations apart, ``random_state=seed``);
    model: :func:`train_strategy` for :data:`EPOCHS` epochs, batch order from
    ``seed``. Pass only :func:`relevant_params` as keyword arguments, so a
    cache keyed on them keeps the models a moved setting does not affect.

    Parameters
    ----------
    counts : sequence of int
        Training samples per class (e.g. :func:`lib.data.long_tail_counts`).
    seed : int
        Seed of the data and of the batch order.
    strategy : {"none", "ins", "isns", "ens", "cb_focal"}
        The strategy.
    batch_size, source, beta, gamma
        See :func:`train_strategy`.

    Returns
    -------
    TrainingResult
    """
    X, y = make_long_tailed(counts, class_sep=CLASS_SEP, random_state=seed)
    return train_strategy(
        X,
        y,
        strategy,
        n_classes=len(counts),
        source=source,
        beta=beta,
        gamma=gamma,
        epochs=EPOCHS,
        batch_size=batch_size,
        random_state=seed,
    )


@dataclass(frozen=True)
class ClassBalancedStudy:
    """Every number of the class-balanced page, from :func:`class_balanced_study`.

    Attributes
    ----------
    counts, test_counts : ndarray of int of shape (k,)
        Training and test samples per class.
    order : ndarray of int of shape (k,)
        Classes from the most to the least frequent in training.
    sources : tuple of str
        Weight sources whose five models were trained, ``"global"`` first.
    table : DataFrame
        :func:`compare_strategies` of the chosen source's models.
    by_class, change : dict of str to DataFrame
        Per metric of :data:`METRICS`: :func:`metric_by_class` and
        :func:`change_vs_baseline` (class × strategy).
    reports : dict of str to DataFrame
        Per strategy: precision, recall, F-beta and support by class.
    scores : DataFrame
        :func:`overall_scores` per strategy (rows); columns (source, score).
    spread : DataFrame
        :func:`batch_weight_spread` of INS (class rows, most frequent first).
    divisor_ratio : Series
        :func:`pytorch_divisor_ratio` of INS.
    effect : DataFrame
        :func:`source_comparison` of INS trained with each source.
    n_batches : int
        Mini-batches of a training run, all epochs.
    test_total, test_rarest : int
        Test samples in all and of the rarest test class.
    """

    counts: NDArray[np.int64]
    test_counts: NDArray[np.int64]
    order: NDArray[np.int64]
    sources: tuple[str, ...]
    table: pd.DataFrame
    by_class: dict[str, pd.DataFrame]
    change: dict[str, pd.DataFrame]
    reports: dict[str, pd.DataFrame]
    scores: pd.DataFrame
    spread: pd.DataFrame
    divisor_ratio: pd.Series
    effect: pd.DataFrame
    n_batches: int
    test_total: int
    test_rarest: int


def _direct(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def class_balanced_study(
    *,
    imbalance: int,
    n_max: int,
    seed: int,
    beta: float = 0.999,
    gamma: float = 2.0,
    source: str = "global",
    batch_size: int = 256,
    test: str = "balanced",
    cache: Callable[..., Any] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ClassBalancedStudy:
    r"""The class-balanced page's experiment: five strategies trained and scored per class.

    Training data: :func:`lib.data.long_tail_counts` (``n_max`` samples of
    the head class down to ``n_max / imbalance``), drawn by
    :func:`fit_long_tail`; test data: :func:`evaluation_counts` of design
    ``test`` with :data:`PER_CLASS` samples per class on average, drawn with
    ``seed + 1``. Every strategy of :data:`MULTICLASS_STRATEGIES` is trained
    with global weights and, when ``source="batch"``, with per-batch weights
    too; the tables are those of :mod:`lib.studies.class_balanced_scores`
    (F-beta with beta = 0.5) and :mod:`lib.studies.class_balanced_batches`.

    Parameters
    ----------
    imbalance : int
        Head-to-tail ratio, >= 1.
    n_max : int
        Training samples of the most frequent class, >= 1.
    seed : int
        Seed of the data and of the batch order.
    beta, gamma : float
        ENS and focal hyper-parameters (see :func:`train_strategy`).
    source : {"global", "batch"}, default="global"
        Where the chosen models' class weights come from.
    batch_size : int, default=256
        Mini-batch size.
    test : {"balanced", "longtail"}, default="balanced"
        Test-set design.
    cache : callable or None, default=None
        ``cache(fn, *args, **kwargs)`` runs the expensive steps
        (:func:`fit_long_tail`,
        :func:`lib.studies.class_balanced_batches.batch_weights_on_long_tail`),
        e.g. a memoising wrapper; ``None`` calls them directly.
    progress : callable or None, default=None
        ``progress(done, total, strategy)`` after each of the chosen models.

    Returns
    -------
    ClassBalancedStudy

    References
    ----------
    Cui et al. (2019), CVPR; GumGum Tech (2020), Medium.
    """
    run = _direct if cache is None else cache
    check_choice("source", source, SOURCES)
    counts = long_tail_counts(n_max, imbalance)
    key = tuple(int(c) for c in counts)
    batch = check_int("batch_size", batch_size, low=1)
    test_counts = evaluation_counts(counts, test, per_class=PER_CLASS)
    X_test, y_test = make_long_tailed(
        tuple(int(c) for c in test_counts), class_sep=CLASS_SEP, random_state=seed + 1
    )

    def fit(strategy: str, src: str) -> TrainingResult:
        params = relevant_params(strategy, source=src, beta=beta, gamma=gamma)
        result: TrainingResult = run(fit_long_tail, key, seed, strategy, batch_size=batch, **params)
        return result

    sources = tuple(dict.fromkeys(("global", source)))
    fits = [(src, name) for src in sources for name in MULTICLASS_STRATEGIES]
    trained = {}
    for done, (src, name) in enumerate(fits, start=1):
        trained[src, name] = fit(name, src)
        if progress is not None:
            progress(done, len(fits), name)
    chosen = {name: trained[source, name] for name in MULTICLASS_STRATEGIES}
    table = compare_strategies(chosen, X_test, y_test, counts=counts)
    scores = pd.concat(
        {
            src: overall_scores(
                {name: trained[src, name] for name in MULTICLASS_STRATEGIES},
                X_test,
                y_test,
                n_classes=len(counts),
            )
            for src in sources
        },
        axis=1,
    )
    spread, ratio = run(
        batch_weights_on_long_tail, key, seed, batch_size=batch, epochs=EPOCHS, class_sep=CLASS_SEP
    )
    effect = source_comparison(
        {src: fit("ins", src) for src in SOURCES}, X_test, y_test, counts=counts
    )
    return ClassBalancedStudy(
        counts=counts,
        test_counts=test_counts,
        order=frequency_order(counts),
        sources=sources,
        table=table,
        by_class={m: metric_by_class(table, m) for m in METRICS},
        change={m: change_vs_baseline(table, m) for m in METRICS},
        reports={
            str(name): part.set_index("class")[[*METRICS, "support"]]
            for name, part in table.groupby("strategy", sort=False)
        },
        scores=scores,
        spread=spread,
        divisor_ratio=ratio,
        effect=effect,
        n_batches=EPOCHS * -(-sum(key) // batch),
        test_total=int(test_counts.sum()),
        test_rarest=int(test_counts.min()),
    )
