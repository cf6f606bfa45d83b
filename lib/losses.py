"""Weighted binary cross-entropy and focal loss.

Class 1 is the positive (minority) class. ``reduction="mean"`` always divides
by the number of samples, not by the sum of the weights, like PyTorch's
``BCELoss(weight=...)`` and Keras' default reduction (see ``shared/DESIGN.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit, log_softmax

from lib._validation import (
    as_binary_labels,
    as_float_array,
    as_probabilities,
    check_class_weights,
    check_finite_number,
    check_int,
    check_reduction,
    check_same_length,
    check_threshold,
    reduce,
)
from lib.weights import weights_from_counts

#: Lower clamp on log-probabilities, as in PyTorch's ``BCELoss``: a predicted
#: probability of exactly 0 for a true positive costs 100, not infinity, so a
#: mean over many samples stays finite and comparable.
LOG_CLAMP = -100.0


def softplus(z: ArrayLike) -> NDArray[np.float64]:
    r"""Numerically stable softplus, :math:`\log(1 + e^{z})`.

    Parameters
    ----------
    z : array_like
        Logits.

    Returns
    -------
    ndarray
        ``log(1 + exp(z))`` evaluated as ``logaddexp(0, z)``, exact for any
        finite ``z`` (no overflow for large positive ``z``).

    Notes
    -----
    :math:`-\log\sigma(z) = \mathrm{softplus}(-z)` and
    :math:`-\log(1-\sigma(z)) = \mathrm{softplus}(z)`; this is how
    :func:`weighted_bce_with_logits` avoids forming probabilities.
    """
    return np.logaddexp(0.0, np.asarray(z, dtype=np.float64))


def sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    r"""Logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`, overflow-free.

    Parameters
    ----------
    z : array_like
        Logits.

    Returns
    -------
    ndarray
        Probabilities in [0, 1] (``scipy.special.expit``).
    """
    return np.asarray(expit(np.asarray(z, dtype=np.float64)), dtype=np.float64)


def logit(p: float) -> float:
    r"""Log-odds :math:`\log\frac{p}{1-p}` of a probability in (0, 1).

    Parameters
    ----------
    p : float
        Probability strictly between 0 and 1.

    Returns
    -------
    float
        ``log(p) - log1p(-p)``, exact near 0 and 1.
    """
    t = check_threshold("p", p)
    return float(np.log(t) - np.log1p(-t))


def _labels(y_true: ArrayLike) -> NDArray[np.float64]:
    y = as_float_array("y_true", y_true)
    if np.any((y < 0.0) | (y > 1.0)):
        raise ValueError("`y_true` must contain labels between 0 and 1 (class 0 or class 1).")
    return y


def weighted_bce(
    y_true: ArrayLike, p: ArrayLike, *, w0: float = 1.0, w1: float = 1.0, reduction: str = "mean"
) -> Any:
    r"""Weighted binary cross-entropy of predicted probabilities.

    .. math::

        L_i = -w_1\, y_i \log p_i - w_0\, (1 - y_i) \log(1 - p_i)

    Parameters
    ----------
    y_true : array_like of shape (n,)
        True labels, 0 or 1 (soft labels in [0, 1] are accepted).
    p : array_like of shape (n,)
        Predicted probability of class 1, in [0, 1].
    w0, w1 : float, default=1.0
        Weights of class 0 and class 1; finite, >= 0, not both zero.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean" divides the sum by the number of samples ``n`` (not by the
        sum of weights), "none" returns the per-sample losses.

    Returns
    -------
    float or ndarray
        The reduced loss, or the array of :math:`L_i` for ``"none"``.

    Raises
    ------
    ValueError
        On NaN or out-of-range probabilities, labels outside [0, 1],
        negative or non-finite weights, or a length mismatch.

    Notes
    -----
    Log-probabilities are clamped at -100 like PyTorch's ``BCELoss``, so a
    confident mistake costs at most ``100 * w`` instead of infinity.

    References
    ----------
    PyTorch documentation, ``torch.nn.BCELoss`` (``weight`` argument).
    King & Zeng (2001), "Logistic Regression in Rare Events Data".
    """
    w0, w1 = check_class_weights(w0, w1)
    check_reduction(reduction)
    y = _labels(y_true)
    prob = as_probabilities("p", p)
    check_same_length(y_true=y, p=prob)
    # Only take the log a label actually uses: 0 * log(0) would be NaN.
    with np.errstate(divide="ignore"):
        pos = np.where(y > 0.0, np.maximum(np.log(prob), LOG_CLAMP), 0.0)
        neg = np.where(y < 1.0, np.maximum(np.log1p(-prob), LOG_CLAMP), 0.0)
    losses = -w1 * y * pos - w0 * (1.0 - y) * neg
    return reduce(np.asarray(losses, dtype=np.float64), reduction)


def weighted_bce_with_logits(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    reduction: str = "mean",
) -> Any:
    r"""Weighted binary cross-entropy computed from logits.

    With :math:`p = \sigma(z)` the loss of :func:`weighted_bce` becomes

    .. math::

        L_i = w_1\, y_i\, \mathrm{softplus}(-z_i)
              + w_0\, (1 - y_i)\, \mathrm{softplus}(z_i),

    which never forms :math:`p` and is exact for any finite logit (tested
    for :math:`|z|` up to 1e3).

    Parameters
    ----------
    y_true : array_like of shape (n,)
        True labels, 0 or 1 (soft labels in [0, 1] are accepted).
    logits : array_like of shape (n,)
        Logits :math:`z_i`, finite.
    w0, w1 : float, default=1.0
        Weights of class 0 and class 1; finite, >= 0, not both zero.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean" divides by the number of samples.

    Returns
    -------
    float or ndarray
        The reduced loss, or the per-sample losses for ``"none"``.

    Raises
    ------
    ValueError
        On NaN or infinite logits, bad labels or weights, or a length mismatch.

    References
    ----------
    PyTorch documentation, ``torch.nn.BCEWithLogitsLoss`` (log-sum-exp form).
    """
    w0, w1 = check_class_weights(w0, w1)
    check_reduction(reduction)
    y = _labels(y_true)
    z = as_float_array("logits", logits)
    check_same_length(y_true=y, logits=z)
    losses = w1 * y * softplus(-z) + w0 * (1.0 - y) * softplus(z)
    return reduce(losses, reduction)


def focal_loss(
    y_true: ArrayLike,
    p: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = None,
    reduction: str = "mean",
) -> Any:
    r"""Focal loss of Lin et al. (2017) for binary labels.

    .. math::

        FL_i = -\alpha_t\, (1 - p_t)^{\gamma} \log p_t,\qquad
        p_t = \begin{cases} p & y = 1 \\ 1 - p & y = 0 \end{cases},\quad
        \alpha_t = \begin{cases} \alpha & y = 1 \\ 1 - \alpha & y = 0 \end{cases}

    Parameters
    ----------
    y_true : array_like of shape (n,)
        True labels, 0 or 1.
    p : array_like of shape (n,)
        Predicted probability of class 1.
    gamma : float, default=2.0
        Focusing parameter, >= 0. ``gamma=0`` with ``alpha=None`` is plain BCE.
    alpha : float or None, default=None
        Weight of the positive class in [0, 1] (negatives get ``1 - alpha``);
        ``None`` means no alpha term.
    reduction : {"mean", "sum", "none"}, default="mean"
        "mean" divides by the number of samples.

    Returns
    -------
    float or ndarray
        The reduced loss or the per-sample losses.

    References
    ----------
    Lin, Goyal, Girshick, He, Dollar (2017), "Focal Loss for Dense Object
    Detection", ICCV, eq. (5).
    """
    gamma = check_finite_number("gamma", gamma, low=0.0)
    if alpha is not None:
        alpha = check_finite_number("alpha", alpha, low=0.0, high=1.0)
    check_reduction(reduction)
    y = _labels(y_true)
    prob = as_probabilities("p", p)
    check_same_length(y_true=y, p=prob)
    p_t = y * prob + (1.0 - y) * (1.0 - prob)
    with np.errstate(divide="ignore"):
        log_pt = np.maximum(np.log(p_t), LOG_CLAMP)
    alpha_t = 1.0 if alpha is None else y * alpha + (1.0 - y) * (1.0 - alpha)
    losses = -alpha_t * np.power(1.0 - p_t, gamma) * log_pt
    return reduce(np.asarray(losses, dtype=np.float64), reduction)


def focal_loss_grad(
    y_true: ArrayLike, logits: ArrayLike, *, gamma: float = 2.0, alpha: float | None = None
) -> NDArray[np.float64]:
    r"""Derivative of the per-sample binary focal loss with respect to the logit.

    With :math:`z_t = z` for :math:`y = 1` and :math:`-z` for :math:`y = 0`,
    :math:`p_t = \sigma(z_t)` and :math:`s = \pm 1` the same sign,

    .. math::

        \frac{\partial FL}{\partial z} = s\, \alpha_t \bigl[\gamma\,(1 - p_t)^{\gamma}
        \, p_t \log p_t - (1 - p_t)^{\gamma + 1}\bigr],

    which is :math:`p - y` for :math:`\gamma = 0` without alpha (plain BCE).
    Computed from logits, so it stays exact for confident predictions.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1.
    logits : array_like of shape (n,)
        Logits :math:`z`.
    gamma : float, default=2.0
        Focusing parameter, >= 0.
    alpha : float or None, default=None
        Positive-class weight in [0, 1]; ``None``: no alpha term.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV,
    appendix B (derivative with respect to x).
    """
    gamma = check_finite_number("gamma", gamma, low=0.0)
    if alpha is not None:
        alpha = check_finite_number("alpha", alpha, low=0.0, high=1.0)
    y = as_binary_labels("y_true", y_true)
    z = as_float_array("logits", logits)
    check_same_length(y_true=y, logits=z)
    sign = 2.0 * y - 1.0
    z_t = sign * z
    p_t, q_t = sigmoid(z_t), sigmoid(-z_t)  # q_t = 1 - p_t without cancellation
    log_pt = -softplus(-z_t)
    alpha_t = 1.0 if alpha is None else y * alpha + (1.0 - y) * (1.0 - alpha)
    return np.asarray(
        sign * alpha_t * (gamma * q_t**gamma * p_t * log_pt - q_t ** (gamma + 1.0)),
        dtype=np.float64,
    )


def _class_labels(
    y_true: ArrayLike, logits: ArrayLike
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    z = as_float_array("logits", logits, ndim=2)
    y = as_float_array("y_true", y_true)
    check_same_length(y_true=y, logits=z)
    k = z.shape[1]
    if k < 2:
        raise ValueError("`logits` must have one column per class (at least 2).")
    if not np.all((y == np.round(y)) & (y >= 0) & (y < k)):
        raise ValueError(f"`y_true` must contain class indices 0..{k - 1}.")
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
    check_reduction(reduction)
    y, z = _class_labels(y_true, logits)
    w = _per_class(class_weight, z.shape[1])
    log_p = log_softmax(z, axis=1)[np.arange(len(y)), y]
    return reduce(-w[y] * log_p, reduction)


def _per_class(class_weight: ArrayLike | None, k: int) -> NDArray[np.float64]:
    if class_weight is None:
        return np.ones(k)
    w = as_float_array("class_weight", class_weight)
    if len(w) != k or np.any(w < 0):
        raise ValueError(f"`class_weight` must hold {k} weights >= 0.")
    return w


def _cb_weights(counts: ArrayLike, beta: float, k: int) -> NDArray[np.float64]:
    n = as_float_array("counts", counts)
    if len(n) != k:
        raise ValueError(f"`counts` must hold one count per class ({k}). Got {len(n)}.")
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


def focal_loss_shares(
    y_true: ArrayLike,
    p: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = None,
    easy: float = 0.9,
) -> pd.DataFrame:
    r"""Where the total loss comes from: easy and hard majority samples, minority.

    A sample is *easy* when the model already gives its true class a
    probability :math:`p_t \ge` ``easy``. For BCE (:math:`\gamma = 0`, no
    alpha) and for the focal loss the function returns each group's share of
    the summed loss, :math:`\sum_{i \in G} \ell_i / \sum_i \ell_i`. Focal loss
    multiplies every term by :math:`(1 - p_t)^\gamma`, which is tiny for easy
    samples, so their share collapses.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1 (1 = minority).
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    gamma : float, default=2.0
        Focal focusing parameter, >= 0.
    alpha : float or None, default=None
        Focal alpha (weight of class 1).
    easy : float, default=0.9
        Threshold on :math:`p_t` that makes a sample easy, in (0, 1).

    Returns
    -------
    DataFrame
        Index ``["bce", "focal", "count"]``; columns ``easy_majority``,
        ``hard_majority``, ``minority`` (shares summing to 1), ``majority``
        (the first two together) and ``total`` (the summed loss). Row
        ``count`` holds the number of samples in each group (``total``: all
        samples).

    References
    ----------
    Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV, sec. 3.2
    ("easy negatives comprise the majority of the loss").
    """
    y = as_binary_labels("y_true", y_true)
    prob = as_float_array("p", p)
    check_same_length(y_true=y, p=prob)
    cut = check_threshold("easy", easy)
    p_t = np.where(y == 1.0, prob, 1.0 - prob)
    groups = {
        "easy_majority": (y == 0.0) & (p_t >= cut),
        "hard_majority": (y == 0.0) & (p_t < cut),
        "minority": y == 1.0,
    }
    rows = {}
    for name, losses in (
        ("bce", focal_loss(y, prob, gamma=0.0, reduction="none")),
        ("focal", focal_loss(y, prob, gamma=gamma, alpha=alpha, reduction="none")),
    ):
        total = float(np.sum(losses))
        shares = {
            g: (float(np.sum(losses[mask])) / total if total > 0 else 0.0)
            for g, mask in groups.items()
        }
        rows[name] = {
            **shares,
            "majority": shares["easy_majority"] + shares["hard_majority"],
            "total": total,
        }
    rows["count"] = {
        **{g: float(np.sum(mask)) for g, mask in groups.items()},
        "majority": float(np.sum(y == 0.0)),
        "total": float(len(y)),
    }
    return pd.DataFrame.from_dict(rows, orient="index")


@dataclass(frozen=True)
class FocalCurves:
    r"""Loss and gradient magnitude of a class-1 sample against :math:`p_t`.

    Attributes
    ----------
    p_t : ndarray of shape (m,)
        Probability of the true class, in (0, 1).
    loss, grad : dict of float to ndarray of shape (m,)
        Per focusing parameter :math:`\gamma`: the focal loss and
        :math:`|\partial FL / \partial z|`.
    """

    p_t: NDArray[np.float64]
    loss: dict[float, NDArray[np.float64]]
    grad: dict[float, NDArray[np.float64]]


def focal_curves(
    gammas: Sequence[float], *, alpha: float | None = None, n_points: int = 199
) -> FocalCurves:
    r"""Focal loss and its gradient magnitude for a class-1 sample, per :math:`\gamma`.

    .. math:: FL(p_t) = -\alpha\,(1 - p_t)^\gamma \log p_t

    and :math:`|\partial FL / \partial z|` (:func:`focal_loss_grad`) on an
    even grid of :math:`p_t` in [0.005, 0.995] (``alpha=None``: no
    :math:`\alpha` factor).

    Parameters
    ----------
    gammas : sequence of float
        Focusing parameters, each >= 0.
    alpha : float or None, default=None
        Weight of class 1 in (0, 1).
    n_points : int, default=199
        Grid size, 3 to 10,000.

    Returns
    -------
    FocalCurves

    References
    ----------
    Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
    Detection", ICCV, eq. (5) and Fig. 1.
    """
    m = check_int("n_points", n_points, low=3, high=10_000)
    p_t = np.linspace(0.005, 0.995, m)
    ones = np.ones(m)
    z = np.log(p_t) - np.log1p(-p_t)
    loss, grad = {}, {}
    for g in gammas:
        gamma = float(g)
        loss[gamma] = focal_loss(ones, p_t, gamma=gamma, alpha=alpha, reduction="none")
        grad[gamma] = np.abs(focal_loss_grad(ones, z, gamma=gamma, alpha=alpha))
    return FocalCurves(p_t=p_t, loss=loss, grad=grad)
