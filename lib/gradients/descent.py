r"""Full-batch gradient descent on the mean weighted BCE, recorded step by step.

:func:`gradient_descent` returns one row per step with the loss, the two
classes' gradient norms and the parameters, optionally on a weighted row
sample (:func:`lib.data.majority_sample`) of a large data set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_float_array,
    check_class_weights,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.gradients.contributions import _check_model, _contributions
from lib.i18n import LabError


def _row_weights(sample_weight: ArrayLike, y: NDArray[np.float64]) -> NDArray[np.float64]:
    h = as_float_array("sample_weight", sample_weight, ndim=1)
    check_same_length(sample_weight=h, y=y)
    if np.any(h < 0):
        raise LabError("error.descent.negative_weight")
    for cls in np.unique(y):
        if not h[y == cls].sum() > 0:
            raise LabError("error.descent.class_weight_zero", cls=int(cls))
    return h


def _smoothness(
    X: NDArray[np.float64], y: NDArray[np.float64], w0: float, w1: float, h: NDArray[np.float64]
) -> float:
    """Smoothness constant of the mean weighted BCE, 1/4 λmax(X̃ᵀAX̃ / Σh)."""
    a = np.where(y == 1.0, w1, w0) * h
    Xt = np.hstack([X, np.ones((len(X), 1))])
    return 0.25 * float(np.linalg.eigvalsh((Xt * a[:, None]).T @ Xt / h.sum())[-1])


def gradient_descent(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    n_steps: int = 500,
    learning_rate: float | None = None,
    init: ArrayLike | None = None,
    sample_weight: ArrayLike | None = None,
) -> pd.DataFrame:
    r"""Full-batch gradient descent on the mean weighted BCE.

    .. math:: \theta_{t+1} = \theta_t - \eta\, \nabla L(\theta_t),\quad \theta_0 = 0
              \text{ (or ``init``)}

    With ``sample_weight`` :math:`h_i` every row counts :math:`h_i` times:
    :math:`L = \sum_i h_i \ell_i / \sum_i h_i`. Rows and weights from
    :func:`lib.data.majority_sample` make this, its gradient and the class
    loss sums unbiased estimates of the full data's (Horvitz-Thompson), at a
    fraction of the cost on a million rows.

    The default step is :math:`\eta = 1/\lambda`, with
    :math:`\lambda = \tfrac14 \lambda_{\max}(\tfrac1n \tilde X^\top A \tilde X)`
    the smoothness constant of :math:`L` (``A`` = diagonal of sample
    weights), so runs with very different weights are equally stable and
    comparable step by step.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    w0, w1 : float, default=1.0
        Class weights of the training loss.
    n_steps : int, default=500
        Number of steps, 1 to 20,000.
    learning_rate : float or None, default=None
        Step size :math:`\eta`; ``None`` uses ``1/lambda``.
    init : array_like of shape (d + 1,) or None, default=None
        Starting parameters (coefficients, intercept last); ``None`` starts
        from zero. Lets a long run continue in chunks with identical results.
    sample_weight : array_like of shape (n,) or None, default=None
        Non-negative row multiplicities with a positive sum in each class
        present; ``None`` counts every row once.

    Returns
    -------
    DataFrame
        One row per step ``0..n_steps`` (step 0 is the start) with columns
        ``step``, ``loss``, ``norm0``, ``norm1``, ``share1``, ``loss_sum0``,
        ``loss_sum1``, ``intercept`` and ``coef_0..coef_{d-1}``.

    References
    ----------
    Nesterov (2004), *Introductory Lectures on Convex Optimization*, thm.
    2.1.14 (step 1/L for an L-smooth convex function).
    """
    w0, w1 = check_class_weights(w0, w1)
    steps = check_int("n_steps", n_steps, low=1, high=20_000)
    X_arr, y_arr, _, _ = _check_model(X, y, np.zeros(np.shape(X)[1]), 0.0)
    n, d = X_arr.shape
    h = np.ones(n) if sample_weight is None else _row_weights(sample_weight, y_arr)
    if learning_rate is None:
        eta = 1.0 / _smoothness(X_arr, y_arr, w0, w1, h)
    else:
        eta = check_finite_number("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    theta = np.zeros(d + 1) if init is None else as_float_array("init", init).copy()
    if len(theta) != d + 1:
        raise LabError("error.descent.init_length", need=d + 1, got=len(theta))
    rows = []
    X0, X1 = X_arr[y_arr == 0], X_arr[y_arr == 1]
    h0, h1 = (None, None) if sample_weight is None else (h[y_arr == 0], h[y_arr == 1])
    total = float(h.sum())
    for step in range(steps + 1):
        c = _contributions(X0, X1, theta[:d], float(theta[d]), w0, w1, h0, h1)
        rows.append(
            (
                step,
                (c.loss_sum0 + c.loss_sum1) / total,
                c.norm0,
                c.norm1,
                c.share1,
                c.loss_sum0,
                c.loss_sum1,
                *theta[[d]],
                *theta[:d],
            )
        )
        theta = theta - eta * c.gradient
    columns = [
        "step",
        "loss",
        "norm0",
        "norm1",
        "share1",
        "loss_sum0",
        "loss_sum1",
        "intercept",
        *[f"coef_{j}" for j in range(d)],
    ]
    return pd.DataFrame(rows, columns=columns)
