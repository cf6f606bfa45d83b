"""Focal loss of Lin et al. (2017) for binary labels: the loss, its gradient, where it comes from.

Class 1 is the positive (minority) class; ``reduction="mean"`` divides by the
number of samples (see :mod:`lib.losses.binary`).

References
----------
Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
Detection", ICCV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_binary_labels,
    as_float_array,
    as_probabilities,
    check_finite_number,
    check_int,
    check_reduction,
    check_same_length,
    check_threshold,
    reduce,
)
from lib.losses.binary import LOG_CLAMP, _labels, sigmoid, softplus


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
