r"""A small mini-batch SGD trainer for softmax (and logistic) regression in NumPy.

It exists to show what the weights do *during* training, which scikit-learn's
solvers hide: class weights computed once from the whole training set and
looked up for every sample of a mini-batch (the method of the GumGum Tech post
"Handling Class Imbalance by Introducing Sample Weighting in the Loss
Function") versus weights recomputed from the class counts inside every
mini-batch (a literal reading of "weights within the mini-batch"), focal
loss, per-sample weights, and the difference between the weighted training
objective and the unweighted losses and metrics that model selection must
use. Two classes are softmax regression with ``k = 2``, the same model family
as logistic regression.

Reduction: every batch loss here is a *mean over the batch*, divided by the
batch size :math:`|B|` (like PyTorch's ``BCELoss`` / ``BCEWithLogitsLoss``
with ``weight`` and Keras' default ``"sum_over_batch_size"``), not by the sum
of the batch's weights :math:`\sum_{i\in B} w_{y_i}` that PyTorch's
``CrossEntropyLoss`` / ``NLLLoss`` with ``weight`` and ``reduction="mean"``
divide by (:func:`lib.losses.batch_loss` computes both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.special import softmax

from lib._validation import (
    as_class_indices,
    as_float_array,
    check_choice,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.i18n import LabError
from lib.losses import batch_loss
from lib.losses.multiclass import _softmax_focal
from lib.metrics import per_class_report
from lib.weights import SCHEMES, weights_from_counts

WEIGHTINGS = ("none", "global", "batch")
LOSSES = ("ce", "focal")


@dataclass(frozen=True)
class TrainingResult:
    """A trained softmax model and its per-epoch history.

    Attributes
    ----------
    coef : ndarray of shape (d, k)
        Weights.
    intercept : ndarray of shape (k,)
        Biases.
    history : DataFrame
        One row per epoch (epoch 0 is the initial model): ``objective``
        (mean weighted batch loss SGD minimised during the epoch, NaN at 0),
        ``train_loss_weighted`` and ``train_loss`` (whole training set, with
        and without the weights), ``val_loss`` and ``val_loss_weighted``
        (validation set without and with the global class weights), ``accuracy`` and
        ``precision_c``, ``recall_c``, ``f_beta_c`` (beta = 0.5) for every
        class ``c`` on the validation set (the training set if none).
    """

    coef: NDArray[np.float64]
    intercept: NDArray[np.float64]
    history: pd.DataFrame

    def logits(self, X: ArrayLike) -> NDArray[np.float64]:
        """Logits ``X @ coef + intercept`` of shape (n, k)."""
        return np.asarray(
            as_float_array("X", X, ndim=2) @ self.coef + self.intercept, dtype=np.float64
        )

    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]:
        """Class probabilities, softmax of the logits."""
        return np.asarray(softmax(self.logits(X), axis=1), dtype=np.float64)

    def predict(self, X: ArrayLike) -> NDArray[np.int64]:
        """Most probable class."""
        return np.asarray(np.argmax(self.logits(X), axis=1), dtype=np.int64)


def per_sample_loss(
    y: NDArray[np.int64], z: NDArray[np.float64], *, loss: str = "ce", gamma: float = 2.0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Per-sample softmax loss and its gradient with respect to the logits.

    ``"ce"`` is softmax cross-entropy, :math:`\ell = -\log p_y` with
    :math:`\partial\ell/\partial z_j = p_j - \delta_j`; ``"focal"`` the
    softmax focal loss :math:`\ell = -(1 - p_y)^\gamma \log p_y`. Both come
    from :func:`lib.losses.softmax_focal_loss_with_grad` (``"ce"`` is its
    :math:`\gamma = 0`).

    Parameters
    ----------
    y : ndarray of shape (n,)
        Class indices.
    z : ndarray of shape (n, k)
        Logits.
    loss : {"ce", "focal"}, default="ce"
        Which loss.
    gamma : float, default=2.0
        Focal focusing parameter, >= 0 (``"focal"`` only).

    Returns
    -------
    losses : ndarray of shape (n,)
    grad : ndarray of shape (n, k)

    References
    ----------
    Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV, eq. (5)
    (here in its softmax form).
    """
    check_choice("loss", loss, LOSSES)
    # The loss module's own formula without its input checks: the trainer has
    # validated y and z once, and this runs for every mini-batch.
    return _softmax_focal(y, z, gamma if loss == "focal" else 0.0)


def _mean_loss(
    y: NDArray[np.int64],
    z: NDArray[np.float64],
    weights: NDArray[np.float64],
    loss: str,
    gamma: float,
) -> float:
    losses, _ = per_sample_loss(y, z, loss=loss, gamma=gamma)
    return float(np.mean(weights * losses))


def minibatches(
    n: int, *, batch_size: int, epochs: int, random_state: int = 0
) -> Iterator[list[NDArray[np.int64]]]:
    """The mini-batches :func:`train_softmax` draws, one list per epoch.

    Every epoch is a fresh permutation of ``range(n)`` from
    ``numpy.random.default_rng(random_state)``, cut into consecutive batches
    of ``batch_size`` (the last one may be smaller), so the same seed gives
    the same batches in training and in the analyses that replay them
    (:func:`batch_class_weights`, :func:`mean_sample_weight`).

    Parameters
    ----------
    n : int
        Number of training samples, >= 1.
    batch_size : int
        Samples per batch, >= 1.
    epochs : int
        Passes over the data, 1 to 1000.
    random_state : int, default=0
        Seed of the batch order.

    Yields
    ------
    list of ndarray of int
        The index arrays of one epoch's batches.
    """
    size = check_int("n", n, low=1)
    batch = check_int("batch_size", batch_size, low=1)
    n_epochs = check_int("epochs", epochs, low=1, high=1000)
    rng = np.random.default_rng(random_state)
    for _ in range(n_epochs):
        order = rng.permutation(size)
        yield [order[start : start + batch] for start in range(0, size, batch)]


def batch_class_weights(
    y_batch: ArrayLike, n_classes: int, scheme: str = "ins", *, beta: float = 0.999
) -> NDArray[np.float64]:
    r"""Class weights counted inside one mini-batch (the literal per-batch reading).

    The scheme's formula (:func:`lib.weights.weights_from_counts`) applied to
    the batch counts :math:`n_{c,B}` of the :math:`k_B` classes present, e.g.

    .. math:: w^{\text{INS}}_{c,B} = k_B\,\frac{1/n_{c,B}}{\sum_{j\in B} 1/n_{j,B}},

    so the weights of the classes in the batch sum to :math:`k_B`; a class
    absent from the batch gets NaN (it has no sample there to weight).

    Parameters
    ----------
    y_batch : array_like of shape (m,)
        Class indices of the batch's samples.
    n_classes : int
        ``k``, >= 2.
    scheme : {"balanced", "ins", "isns", "ens"}, default="ins"
        Weighting scheme.
    beta : float, default=0.999
        ENS hyper-parameter.

    Returns
    -------
    ndarray of shape (k,)

    References
    ----------
    Cui et al. (2019), CVPR, sec. 4 (weights from class counts, normalised to
    sum to the number of classes).
    """
    yb = as_class_indices("y_batch", y_batch)
    k = check_int("n_classes", n_classes, low=2)
    if yb.max() >= k:
        raise LabError("error.training.class_below", name="y_batch", k=k)
    return _weights_of_present(np.bincount(yb, minlength=k), scheme, beta, absent=np.nan)


def _weights_of_present(
    counts: NDArray[np.int64], scheme: str, beta: float, *, absent: float
) -> NDArray[np.float64]:
    # The scheme's weights of the classes with samples; ``absent`` for the others.
    present = counts > 0
    w = np.full(len(counts), absent)
    w[present] = weights_from_counts(counts[present], scheme, beta=beta)
    return w


def mean_sample_weight(
    y: ArrayLike,
    *,
    weighting: str = "global",
    scheme: str = "ins",
    beta: float = 0.999,
    n_classes: int | None = None,
    batch_size: int = 256,
    epochs: int = 1,
    random_state: int = 0,
) -> float:
    r"""Mean weight per sample over a training run, for either weight source.

    * ``"global"``: :math:`\bar w = \frac{1}{n}\sum_i w_{y_i}` with the
      weights of the whole training set;
    * ``"batch"``: the mean of the per-batch weights
      :math:`w_{y_i,B}` (:func:`batch_class_weights`) over every sample of
      every batch :func:`train_softmax` draws with the same seed,
      :math:`\bar w = \frac{1}{\text{epochs}\cdot n}\sum_B\sum_{i\in B} w_{y_i,B}`;
    * ``"none"``: 1.

    Dividing the step size by :math:`\bar w` makes the mean step per sample
    of a weighted run equal to an unweighted run's.

    Parameters
    ----------
    y : array_like of shape (n,)
        Training labels 0..k-1.
    weighting : {"none", "global", "batch"}, default="global"
        Where the class weights come from.
    scheme : {"balanced", "ins", "isns", "ens"}, default="ins"
        Weighting scheme.
    beta : float, default=0.999
        ENS hyper-parameter.
    n_classes : int or None, default=None
        ``k``; default ``max(y) + 1``.
    batch_size, epochs, random_state
        The run's batches (see :func:`minibatches`); used by ``"batch"`` only.

    Returns
    -------
    float
    """
    y_arr = as_class_indices("y", y)
    check_choice("weighting", weighting, WEIGHTINGS)
    k = int(y_arr.max()) + 1 if n_classes is None else check_int("n_classes", n_classes, low=2)
    if weighting == "none":
        return 1.0
    if weighting == "global":
        w = _weights_of_present(np.bincount(y_arr, minlength=k), scheme, beta, absent=1.0)
        return float(np.mean(w[y_arr]))
    total, seen = 0.0, 0
    for batches in minibatches(
        len(y_arr), batch_size=batch_size, epochs=epochs, random_state=random_state
    ):
        for idx in batches:
            yb = y_arr[idx]
            total += float(np.sum(batch_class_weights(yb, max(k, 2), scheme, beta=beta)[yb]))
            seen += len(idx)
    return total / seen


def train_softmax(
    X: ArrayLike,
    y: ArrayLike,
    *,
    n_classes: int | None = None,
    loss: str = "ce",
    gamma: float = 2.0,
    weighting: str = "none",
    scheme: str = "ins",
    beta: float = 0.999,
    class_weight: ArrayLike | None = None,
    sample_weight: ArrayLike | None = None,
    epochs: int = 20,
    batch_size: int = 256,
    learning_rate: float = 0.5,
    l2: float = 1e-4,
    random_state: int = 0,
    X_val: ArrayLike | None = None,
    y_val: ArrayLike | None = None,
    callback: Callable[[int, int], None] | None = None,
) -> TrainingResult:
    r"""Train softmax regression by mini-batch SGD with optional weighting.

    Every step minimises the mean over the batch ``B`` of weighted losses plus
    an L2 penalty,

    .. math:: J_B = \frac{1}{|B|}\sum_{i \in B} s_i\, c_{y_i}\, \ell_i
              + \frac{\lambda}{2}\lVert W\rVert^2,

    where :math:`s_i` is the sample weight and :math:`c` the class weights:

    * ``weighting="none"``: :math:`c = 1`;
    * ``"global"``: ``class_weight`` if given, otherwise
      :func:`lib.weights.weights_from_counts` of the whole training set with
      ``scheme`` (and ``beta`` for ``"ens"``), looked up for each sample of
      every batch by its label -- the method of the GumGum Tech post;
    * ``"batch"``: the same scheme applied to the class counts *inside each
      mini-batch* (:func:`batch_class_weights`, a literal reading of "weights
      within the mini-batch"), so a batch without minority samples weights
      nothing up and one with a single minority sample weights it enormously.

    The mean divides by the batch size :math:`|B|`, not by
    :math:`\sum_{i\in B} s_i c_{y_i}` as PyTorch's ``CrossEntropyLoss`` with
    ``weight`` does (see :func:`lib.losses.batch_loss`).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features (standardise them first for a sensible step size).
    y : array_like of shape (n,)
        Class indices 0..k-1.
    n_classes : int or None, default=None
        ``k``; default ``max(y) + 1``.
    loss : {"ce", "focal"}, default="ce"
        Per-sample loss (see :func:`per_sample_loss`).
    gamma : float, default=2.0
        Focal focusing parameter.
    weighting : {"none", "global", "batch"}, default="none"
        Where class weights come from.
    scheme : {"balanced", "ins", "isns", "ens"}, default="ins"
        Scheme of the global or per-batch weights.
    beta : float, default=0.999
        ENS hyper-parameter.
    class_weight : array_like of shape (k,) or None, default=None
        Explicit global class weights (``weighting="global"`` only).
    sample_weight : array_like of shape (n,) or None, default=None
        Per-sample weights :math:`s_i` >= 0, e.g. recency weights.
    epochs : int, default=20
        Passes over the data, 1 to 1000.
    batch_size : int, default=256
        Mini-batch size, >= 1.
    learning_rate : float, default=0.5
        SGD step size, > 0.
    l2 : float, default=1e-4
        L2 penalty :math:`\lambda` on the weights (not the biases), >= 0.
    random_state : int, default=0
        Seed of the batch order; the same seed gives the same model.
    X_val, y_val : array_like or None
        Validation data for ``val_loss`` and the per-class metrics.
    callback : callable or None
        ``callback(epoch, epochs)`` after every epoch (progress bars).

    Returns
    -------
    TrainingResult

    References
    ----------
    Bottou (2012), "Stochastic Gradient Descent Tricks", in *Neural Networks:
    Tricks of the Trade*; Cui et al. (2019), CVPR (class-balanced weights);
    GumGum Tech (2020), "Handling Class Imbalance by Introducing Sample
    Weighting in the Loss Function" (weights from the whole training set,
    looked up per sample in every batch).
    """
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_class_indices("y", y)
    check_same_length(X=X_arr, y=y_arr)
    n, d = X_arr.shape
    k = int(y_arr.max()) + 1 if n_classes is None else check_int("n_classes", n_classes, low=2)
    if k < 2 or y_arr.max() >= k:
        raise LabError("error.training.class_below", name="y", k=k)
    check_choice("loss", loss, LOSSES)
    check_choice("weighting", weighting, WEIGHTINGS)
    if scheme not in SCHEMES:
        raise LabError("error.training.scheme", choices=", ".join(SCHEMES), value=repr(scheme))
    gamma = check_finite_number("gamma", gamma, low=0.0)
    n_epochs = check_int("epochs", epochs, low=1, high=1000)
    batch = check_int("batch_size", batch_size, low=1)
    lr = check_finite_number("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    lam = check_finite_number("l2", l2, low=0.0)
    s = np.ones(n) if sample_weight is None else as_float_array("sample_weight", sample_weight)
    check_same_length(X=X_arr, sample_weight=s)
    if np.any(s < 0):
        raise LabError("error.training.negative", name="sample_weight")

    if class_weight is not None:
        if weighting != "global":
            raise LabError("error.training.class_weight_global")
        global_c = as_float_array("class_weight", class_weight)
        if len(global_c) != k or np.any(global_c < 0):
            raise LabError("error.loss.class_weight", k=k)
    elif weighting == "none":
        global_c = np.ones(k)
    else:
        global_c = _weights_of_present(np.bincount(y_arr, minlength=k), scheme, beta, absent=1.0)

    X_eval, y_eval = X_arr, y_arr
    if (X_val is None) != (y_val is None):
        raise LabError("error.training.val_pair")
    if X_val is not None and y_val is not None:
        X_eval = as_float_array("X_val", X_val, ndim=2)
        y_eval = as_class_indices("y_val", y_val)
        check_same_length(X_val=X_eval, y_val=y_eval)
        if X_eval.shape[1] != d:
            raise LabError("error.training.val_features", d=d, got=X_eval.shape[1])
        if y_eval.max() >= k:
            raise LabError("error.training.class_below", name="y_val", k=k)

    W = np.zeros((d, k))
    b = np.zeros(k)
    rows: list[dict[str, float]] = []

    def record(epoch: int, objective: float) -> None:
        z_train = X_arr @ W + b
        z_eval = X_eval @ W + b
        row = {
            "epoch": float(epoch),
            "objective": objective,
            "train_loss_weighted": _mean_loss(y_arr, z_train, s * global_c[y_arr], loss, gamma),
            "train_loss": _mean_loss(y_arr, z_train, np.ones(n), loss, gamma),
            "val_loss": _mean_loss(y_eval, z_eval, np.ones(len(y_eval)), loss, gamma),
            "val_loss_weighted": _mean_loss(y_eval, z_eval, global_c[y_eval], loss, gamma),
        }
        pred = np.argmax(z_eval, axis=1)
        row["accuracy"] = float(np.mean(pred == y_eval))
        report = per_class_report(y_eval, pred, beta=0.5, labels=np.arange(k))
        for column in ("precision", "recall", "f_beta"):
            for c, value in enumerate(report[column].to_numpy(dtype=np.float64)):
                row[f"{column}_{c}"] = float(value)
        rows.append(row)

    record(0, float("nan"))
    batches_of = minibatches(n, batch_size=batch, epochs=n_epochs, random_state=random_state)
    for epoch, batches in enumerate(batches_of, start=1):
        objectives = []
        for idx in batches:
            yb = y_arr[idx]
            c = batch_class_weights(yb, k, scheme, beta=beta) if weighting == "batch" else global_c
            weights = s[idx] * c[yb]
            losses, grad_z = per_sample_loss(yb, X_arr[idx] @ W + b, loss=loss, gamma=gamma)
            objectives.append(batch_loss(losses, weights, reduction="mean"))
            g = grad_z * (weights / len(idx))[:, None]
            W -= lr * (X_arr[idx].T @ g + lam * W)
            b -= lr * g.sum(axis=0)
        record(epoch, float(np.mean(objectives)))
        if callback is not None:
            callback(epoch, n_epochs)
    return TrainingResult(coef=W, intercept=b, history=pd.DataFrame(rows))
