r"""Class weights counted inside each mini-batch against weights from the whole training set.

The class-balanced page's weights come from the class counts of the whole
training set, looked up for every sample of each mini-batch (the method of
the GumGum Tech post "Handling Class Imbalance by Introducing Sample
Weighting in the Loss Function"); :func:`batch_weight_spread` shows what the
literal reading, weights recomputed from the counts inside every mini-batch,
does to them, and :func:`pytorch_divisor_ratio` how PyTorch's weighted-mean
reduction would rescale each batch's step.

References
----------
Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on Effective
Number of Samples", CVPR, sec. 4.
GumGum Tech (2020), "Handling Class Imbalance by Introducing Sample Weighting
in the Loss Function", Medium.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from lib._validation import as_class_indices
from lib.data import make_long_tailed
from lib.studies.class_balanced_scores import frequency_order
from lib.training import batch_class_weights, minibatches
from lib.weights import weights_from_counts


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
    run's mean sample weight :math:`\bar w`
    (:func:`lib.studies.class_balanced.train_strategy`), i.e. by
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


def batch_weights_on_long_tail(
    counts: Sequence[int], seed: int, *, batch_size: int, epochs: int, class_sep: float
) -> tuple[pd.DataFrame, pd.Series]:
    """INS weights counted per mini-batch on long-tailed data drawn from its counts and seed.

    :func:`batch_weight_spread` and :func:`pytorch_divisor_ratio` (scheme
    ``"ins"``) of the labels of :func:`lib.data.make_long_tailed` with
    ``counts``, ``class_sep`` and ``random_state=seed``, over the batches of
    ``epochs`` epochs drawn with the same seed, as the training run on those
    data draws them (:func:`lib.studies.class_balanced.fit_long_tail`).

    Parameters
    ----------
    counts : sequence of int
        Training samples per class.
    seed : int
        Seed of the data and of the batch order.
    batch_size : int
        Mini-batch size.
    epochs : int
        Epochs of batches, 1 to 1000.
    class_sep : float
        Distance of neighbouring class means (does not change the labels'
        counts, only which sample is which).

    Returns
    -------
    spread : DataFrame
    divisor_ratio : Series
    """
    _, y = make_long_tailed(counts, class_sep=class_sep, random_state=seed)
    kwargs: dict[str, Any] = {"batch_size": batch_size, "epochs": epochs, "random_state": seed}
    return batch_weight_spread(y, "ins", **kwargs), pytorch_divisor_ratio(y, "ins", **kwargs)
