r"""Linear models trained by mini-batch SGD: class-weighted softmax and focal loss.

:func:`train_binary_sgd` is the lab's mini-batch model (step size scaled by
the mean sample weight); :func:`fit_focal_linear` trains it on the focal
loss and returns a :class:`lib.linear.LinearModel`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lib._validation import as_binary_labels, check_class_weights, check_finite_number
from lib.i18n import LabError
from lib.linear import LinearModel
from lib.training import TrainingResult, train_softmax


def train_binary_sgd(
    X: ArrayLike, y: ArrayLike, *, w0: float = 1.0, w1: float = 1.0, **kwargs: Any
) -> TrainingResult:
    r"""Two-class softmax regression by mini-batch SGD with class weights (w0, w1).

    The lab's mini-batch model (the training-loss and focal-loss pages):
    :func:`lib.training.train_softmax` with ``weighting="global"``, class
    weights ``[w0, w1]``, batches of 1024 and the step size

    .. math:: \eta = 0.05 \,/\, \bar w,\qquad
              \bar w = \frac{1}{n}\sum_i w_{y_i},

    so that runs with very different weights take comparable steps (the
    weighted mean loss scales with :math:`\bar w`). A softmax with two
    classes is a logistic model: its class-1 logit is
    :math:`x^\top (W_{:,1} - W_{:,0}) + (b_1 - b_0)`.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    w0, w1 : float, default=1.0
        Class weights, finite, >= 0, not both zero.
    **kwargs
        Passed to :func:`lib.training.train_softmax` (``loss``, ``gamma``,
        ``epochs``, ``X_val``, ``y_val``, ...).

    Returns
    -------
    lib.training.TrainingResult

    References
    ----------
    Bottou (2012), "Stochastic gradient descent tricks", in *Neural
    Networks: Tricks of the Trade* (step size against the loss scale).
    """
    w0, w1 = check_class_weights(w0, w1)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    mean_weight = float(np.mean(np.where(y_arr == 1, w1, w0)))
    if mean_weight <= 0:
        raise LabError("error.model.present_weights_zero")
    return train_softmax(
        X,
        y_arr,
        n_classes=2,
        weighting="global",
        class_weight=[w0, w1],
        batch_size=1024,
        learning_rate=0.05 / mean_weight,
        **kwargs,
    )


#: Epochs of the focal-loss model on the focal-loss page.
FOCAL_EPOCHS = 30


def fit_focal_linear(
    X: ArrayLike,
    y: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = None,
    epochs: int = FOCAL_EPOCHS,
) -> LinearModel:
    r"""A linear model trained with focal loss: the class-1 logit as a :class:`LinearModel`.

    Minimises the mean focal loss (Lin et al. 2017)

    .. math:: FL = -\alpha_t (1 - p_t)^\gamma \log p_t,\qquad
              \alpha_t = \alpha \text{ if } y = 1 \text{ else } 1 - \alpha,

    by :func:`train_binary_sgd` with class weights ``[1 - alpha, alpha]``
    (``alpha=None``: ``[1, 1]``). ``alpha > 0.5`` weights class 1 more than
    class 0, ``alpha < 0.5`` less; ``alpha = 0.5`` only halves the loss,
    which the step size normalisation cancels.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    gamma : float, default=2.0
        Focusing parameter, >= 0.
    alpha : float or None, default=None
        Weight of class 1 in (0, 1), or None for no class weighting.
    epochs : int, default=30
        Passes over the training data.

    Returns
    -------
    LinearModel
        Coefficients and intercept of the class-1 logit; unpacks as
        ``coef, intercept`` like the tuple it used to be.

    References
    ----------
    Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
    Detection", ICCV, eq. (5) and sec. 5.1.
    """
    if alpha is None:
        w0, w1 = 1.0, 1.0
    else:
        a = check_finite_number("alpha", alpha, low=0.0, high=1.0, low_inclusive=False)
        if a >= 1.0:
            raise LabError("error.arg.below", name="alpha", high="1", value=repr(a))
        w0, w1 = 1.0 - a, a
    result = train_binary_sgd(X, y, w0=w0, w1=w1, loss="focal", gamma=gamma, epochs=epochs)
    return LinearModel.of(
        result.coef[:, 1] - result.coef[:, 0], float(result.intercept[1] - result.intercept[0])
    )
