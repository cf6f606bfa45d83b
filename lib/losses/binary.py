"""Binary losses: weighted binary cross-entropy from probabilities and from logits.

Class 1 is the positive (minority) class. ``reduction="mean"`` always divides
by the number of samples, not by the sum of the weights, like PyTorch's
``BCELoss(weight=...)`` and Keras' default reduction (see ``shared/DESIGN.md``).
Also the numerically stable helpers the other losses share: :func:`softplus`,
:func:`sigmoid`, :func:`logit`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit

from lib._validation import (
    as_float_array,
    as_probabilities,
    check_class_weights,
    check_reduction,
    check_same_length,
    check_threshold,
    reduce,
)
from lib.i18n import LabError

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
        raise LabError("error.loss.soft_labels")
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
