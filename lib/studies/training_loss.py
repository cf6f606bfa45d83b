"""Training weights against evaluation weights (the training-loss page).

:func:`training_loss_study` takes the weighted and the unweighted SGD runs
(:func:`lib.models.train_binary_sgd`) and computes what the page shows
beside their histories: the best epoch by the unweighted and by the weighted
validation loss, and one fixed set of predictions scored under four pairs of
class weights (:func:`lib.metrics.evaluate_under_weights`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from lib._validation import check_class_weights, check_finite_number
from lib.metrics import evaluate_under_weights
from lib.training import TrainingResult
from lib.weights import class_weights

#: Columns of :attr:`TrainingLossStudy.scores`, in display order.
SCORE_COLUMNS: tuple[str, ...] = (
    "w0",
    "w1",
    "weighted_loss",
    "loss",
    "accuracy",
    "precision",
    "recall",
    "balanced_accuracy",
    "accuracy_sw",
    "precision_sw",
    "recall_sw",
)


@dataclass(frozen=True)
class TrainingLossStudy:
    """Histories, best epochs and weighted scores of the training-loss page.

    Attributes
    ----------
    weighted, plain : DataFrame
        Per-epoch histories (:attr:`lib.training.TrainingResult.history`) of
        the model trained with ``(w0, w1)`` and of the unweighted one.
    best_epoch : int
        Epoch of the weighted model's lowest unweighted validation loss.
    best_epoch_weighted : int
        Epoch of its lowest validation loss weighted with ``(w0, w1)``.
    scores : DataFrame
        The weighted model's validation predictions scored under each weight
        pair (rows: ``(1, 1)``, ``(w0, w1)``, balanced weights of the training
        labels, ``(w0, stricter * w1)``); columns :data:`SCORE_COLUMNS`.
    """

    weighted: pd.DataFrame
    plain: pd.DataFrame
    best_epoch: int
    best_epoch_weighted: int
    scores: pd.DataFrame

    def score_table(self, labels: Mapping[str, str]) -> pd.DataFrame:
        """:attr:`scores` with the columns of :data:`SCORE_COLUMNS` renamed by ``labels``."""
        return pd.DataFrame({labels[c]: self.scores[c] for c in SCORE_COLUMNS})


def _best_epoch(history: pd.DataFrame, column: str) -> int:
    # nanargmin: the first lowest value, NaN skipped (like ``Series.idxmin``).
    return int(history["epoch"].to_numpy()[np.nanargmin(history[column].to_numpy())])


def training_loss_study(
    weighted: TrainingResult,
    plain: TrainingResult,
    X_val: ArrayLike,
    y_val: ArrayLike,
    y_train: ArrayLike,
    *,
    w0: float,
    w1: float,
    stricter: float = 10.0,
) -> TrainingLossStudy:
    r"""Best epochs of the weighted run and its predictions scored under four weight pairs.

    The best epoch by a validation loss :math:`L` is
    :math:`\arg\min_e L_e`; the scores are
    :func:`lib.metrics.evaluate_under_weights` of
    :math:`p = \mathrm{softmax}(X_{\text{val}} W + b)_1` of the weighted
    model at the 0.5 threshold.

    Parameters
    ----------
    weighted, plain : TrainingResult
        The runs with class weights ``(w0, w1)`` and with ``(1, 1)``.
    X_val, y_val : array_like
        Validation features and labels 0/1.
    y_train : array_like
        Training labels, for the balanced weight pair
        (:func:`lib.weights.class_weights`).
    w0, w1 : float
        The class weights of the weighted run.
    stricter : float, default=10.0
        Factor on ``w1`` of the fourth weight pair, > 0.

    Returns
    -------
    TrainingLossStudy
    """
    w0, w1 = check_class_weights(w0, w1)
    factor = check_finite_number("stricter", stricter, low=0.0, low_inclusive=False)
    balanced = class_weights(y_train)
    pairs = [(1.0, 1.0), (w0, w1), (balanced[0], balanced[1]), (w0, factor * w1)]
    p = weighted.predict_proba(X_val)[:, 1]
    history = weighted.history
    return TrainingLossStudy(
        weighted=history,
        plain=plain.history,
        best_epoch=_best_epoch(history, "val_loss"),
        best_epoch_weighted=_best_epoch(history, "val_loss_weighted"),
        scores=evaluate_under_weights(y_val, p, pairs),
    )
