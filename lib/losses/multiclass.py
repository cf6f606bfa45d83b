r"""Multi-class losses: softmax cross-entropy and focal loss, class-balanced losses (Cui et al.).

``y_true`` holds class indices 0..k-1 and ``logits`` has one column per
class; ``reduction="mean"`` divides by the number of samples, not by the sum
of the weights (see :mod:`lib.losses.binary`). :func:`softmax_focal_loss_with_grad`
gives the per-sample losses and their gradient with respect to the logits
that the mini-batch trainer :func:`lib.training.train_softmax` descends.

References
----------
Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on Effective
Number of Samples", CVPR.
Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
Detection", ICCV.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import log_softmax

from lib._validation import (
    as_float_array,
    check_finite_number,
    check_reduction,
    check_same_length,
    reduce,
)
from lib.i18n import LabError
from lib.losses.binary import sigmoid, softplus
from lib.weights import weights_from_counts


def _class_labels(
    y_true: ArrayLike, logits: ArrayLike
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    z = as_float_array("logits", logits, ndim=2)
    y = as_float_array("y_true", y_true)
    check_same_length(y_true=y, logits=z)
    k = z.shape[1]
    if k < 2:
        raise LabError("error.loss.logit_columns")
    if not np.all((y == np.round(y)) & (y >= 0) & (y < k)):
        raise LabError("error.loss.class_range", last=k - 1)
    return y.astype(np.int64), z


def softmax_cross_entropy(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    class_weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> Any:
    r"""(Weighted) softmax cross-entropy for ``k`` classes.

    .. math:: L_i = -w_{y_i} \log \frac{e^{z_{i y_i}}}{\sum_j e^{z_{ij}}}

    the case :math:`\gamma = 0` of :func:`softmax_focal_loss`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Class indices 0..k-1.
    logits : array_like of shape (n, k)
        Logits.
    class_weight : array_like of shape (k,) or None, default=None
        Weight of every class, >= 0; ``None`` means all ones.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean" divides by the number of samples.

    Returns
    -------
    float or ndarray

    References
    ----------
    Bishop (2006), *Pattern Recognition and Machine Learning*, eq. (4.108).
    """
    return softmax_focal_loss(
        y_true, logits, gamma=0.0, class_weight=class_weight, reduction=reduction
    )


def _softmax_focal(
    y: NDArray[np.int64], z: NDArray[np.float64], gamma: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    rows = np.arange(len(y))
    log_p = log_softmax(z, axis=1)
    p = np.exp(log_p)
    delta = np.zeros_like(z)
    delta[rows, y] = 1.0
    log_py = log_p[rows, y]
    base = p - delta
    if gamma == 0.0:
        return -log_py, base
    py = p[rows, y]
    q = np.maximum(1.0 - py, 0.0)
    safe_q = np.where(q > 0.0, q, 1.0)
    # The second term tends to 0 as q -> 0 for any gamma > 0.
    second = np.where(q > 0.0, gamma * py * safe_q ** (gamma - 1.0) * log_py, 0.0)
    factor = q**gamma - second
    return -(q**gamma) * log_py, base * factor[:, None]


def softmax_focal_loss(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    gamma: float = 2.0,
    class_weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> Any:
    r"""(Weighted) focal loss in its softmax form for ``k`` classes.

    .. math:: L_i = -w_{y_i}\,(1 - p_{i y_i})^{\gamma} \log p_{i y_i},\qquad
              p_{ij} = \frac{e^{z_{ij}}}{\sum_l e^{z_{il}}}

    ``gamma = 0`` is :func:`softmax_cross_entropy`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Class indices 0..k-1.
    logits : array_like of shape (n, k)
        Logits.
    gamma : float, default=2.0
        Focusing parameter, >= 0.
    class_weight : array_like of shape (k,) or None, default=None
        Weight of every class, >= 0; ``None`` means all ones.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean" divides by the number of samples.

    Returns
    -------
    float or ndarray

    References
    ----------
    Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV, eq. (5)
    (here with a softmax instead of one sigmoid per class).
    """
    gamma = check_finite_number("gamma", gamma, low=0.0)
    check_reduction(reduction)
    y, z = _class_labels(y_true, logits)
    w = _per_class(class_weight, z.shape[1])
    losses, _ = _softmax_focal(y, z, gamma)
    return reduce(w[y] * losses, reduction)


def softmax_focal_loss_with_grad(
    y_true: ArrayLike, logits: ArrayLike, *, gamma: float = 2.0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Per-sample softmax focal loss and its gradient with respect to the logits.

    With :math:`p = \mathrm{softmax}(z)`, :math:`p_y` the true class's
    probability and :math:`\delta_j = [j = y]`, the loss
    :math:`\ell = -(1 - p_y)^\gamma \log p_y` (:func:`softmax_focal_loss`
    without weights) has

    .. math:: \frac{\partial\ell}{\partial z_j} = (p_j - \delta_j)
              \bigl[(1 - p_y)^\gamma - \gamma\, p_y (1 - p_y)^{\gamma - 1}\log p_y\bigr],

    which is :math:`p_j - \delta_j` for :math:`\gamma = 0` (softmax
    cross-entropy). The second term tends to 0 as :math:`p_y \to 1` for any
    :math:`\gamma > 0` and is taken as 0 there, so confident predictions stay
    finite.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Class indices 0..k-1.
    logits : array_like of shape (n, k)
        Logits.
    gamma : float, default=2.0
        Focusing parameter, >= 0.

    Returns
    -------
    losses : ndarray of shape (n,)
    grad : ndarray of shape (n, k)

    References
    ----------
    Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV, eq. (5)
    and appendix B (here in its softmax form); Bishop (2006), *Pattern
    Recognition and Machine Learning*, eq. (4.109) for :math:`\gamma = 0`.
    """
    gamma = check_finite_number("gamma", gamma, low=0.0)
    y, z = _class_labels(y_true, logits)
    return _softmax_focal(y, z, gamma)


def _per_class(class_weight: ArrayLike | None, k: int) -> NDArray[np.float64]:
    if class_weight is None:
        return np.ones(k)
    w = as_float_array("class_weight", class_weight)
    if len(w) != k or np.any(w < 0):
        raise LabError("error.loss.class_weight", k=k)
    return w


def _cb_weights(counts: ArrayLike, beta: float, k: int) -> NDArray[np.float64]:
    n = as_float_array("counts", counts)
    if len(n) != k:
        raise LabError("error.loss.counts_per_class", k=k, got=len(n))
    return weights_from_counts(n, "ens", beta=beta)


def cb_softmax_cross_entropy(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    counts: ArrayLike,
    beta: float = 0.999,
    reduction: str = "mean",
) -> Any:
    r"""Class-balanced softmax cross-entropy of Cui et al. (2019).

    .. math::

        CB_i = -\frac{1 - \beta}{1 - \beta^{n_{y_i}}}\,
               \log \frac{e^{z_{i y_i}}}{\sum_j e^{z_{ij}}}

    with the class weights normalised to sum to ``k``; ``beta = 0`` gives plain
    softmax cross-entropy.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Class indices.
    logits : array_like of shape (n, k)
        Logits.
    counts : array_like of shape (k,)
        Training samples per class, > 0.
    beta : float, default=0.999
        In [0, 1).
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray

    References
    ----------
    Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on
    Effective Number of Samples", CVPR, sec. 4 ("Class-Balanced Softmax
    Cross-Entropy Loss").
    """
    _, z = _class_labels(y_true, logits)  # validate the logits before the counts
    return softmax_cross_entropy(
        y_true, z, class_weight=_cb_weights(counts, beta, z.shape[1]), reduction=reduction
    )


def _sigmoid_terms(
    y: NDArray[np.int64], z: NDArray[np.float64], gamma: float
) -> NDArray[np.float64]:
    onehot = np.zeros_like(z)
    onehot[np.arange(len(y)), y] = 1.0
    z_t = np.where(onehot == 1.0, z, -z)
    # -log sigmoid(z_t) = softplus(-z_t); the modulating factor (1 - p_t)^gamma.
    return np.asarray(np.sum(sigmoid(-z_t) ** gamma * softplus(-z_t), axis=1), dtype=np.float64)


def cb_sigmoid_cross_entropy(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    counts: ArrayLike,
    beta: float = 0.999,
    reduction: str = "mean",
) -> Any:
    r"""Class-balanced sigmoid cross-entropy of Cui et al. (2019).

    Every class is a one-vs-rest sigmoid; the sample's loss over all ``k``
    outputs is weighted by its true class's class-balanced weight:

    .. math::

        CB_i = -w_{y_i} \sum_{j=1}^{k} \log \sigma(z^t_{ij}),\qquad
        z^t_{ij} = \begin{cases} z_{ij} & j = y_i \\ -z_{ij} & j \ne y_i\end{cases}

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Class indices.
    logits : array_like of shape (n, k)
        Logits of the ``k`` sigmoids.
    counts : array_like of shape (k,)
        Training samples per class, > 0.
    beta : float, default=0.999
        In [0, 1).
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray

    References
    ----------
    Cui et al. (2019), CVPR, sec. 4 ("Class-Balanced Sigmoid Cross-Entropy
    Loss").
    """
    return cb_focal_loss(y_true, logits, counts=counts, beta=beta, gamma=0.0, reduction=reduction)


def cb_focal_loss(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    counts: ArrayLike,
    beta: float = 0.999,
    gamma: float = 2.0,
    reduction: str = "mean",
) -> Any:
    r"""Class-balanced focal loss of Cui et al. (2019).

    .. math::

        CB_i = -w_{y_i} \sum_{j=1}^{k} (1 - p^t_{ij})^{\gamma} \log p^t_{ij},
        \qquad p^t_{ij} = \sigma(z^t_{ij})

    (sigmoid outputs as in the paper); ``gamma = 0`` is
    :func:`cb_sigmoid_cross_entropy`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Class indices.
    logits : array_like of shape (n, k)
        Logits.
    counts : array_like of shape (k,)
        Training samples per class, > 0.
    beta : float, default=0.999
        In [0, 1).
    gamma : float, default=2.0
        Focusing parameter, >= 0.
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray

    References
    ----------
    Cui et al. (2019), CVPR, sec. 4 ("Class-Balanced Focal Loss");
    Lin et al. (2017), ICCV.
    """
    gamma = check_finite_number("gamma", gamma, low=0.0)
    check_reduction(reduction)
    y, z = _class_labels(y_true, logits)
    w = _cb_weights(counts, beta, z.shape[1])
    return reduce(w[y] * _sigmoid_terms(y, z, gamma), reduction)
