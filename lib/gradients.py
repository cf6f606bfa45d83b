"""Per-class gradient contributions of the weighted BCE (the masking effect)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_binary_labels,
    as_coefficients,
    as_float_array,
    check_class_weights,
    check_finite_number,
    check_int,
    check_same_length,
)


@dataclass(frozen=True)
class GradientContributions:
    """What each class contributes to the gradient and the loss.

    Attributes
    ----------
    grad0, grad1 : ndarray of shape (n_features + 1,)
        Gradient of the mean weighted BCE restricted to the samples of class
        0 / class 1, intercept last; ``grad0 + grad1`` is the full gradient.
    share1 : float
        ``|grad1| / (|grad0| + |grad1|)`` with Euclidean norms; 0.5 when
        both are exactly zero.
    loss_sum0, loss_sum1 : float
        Sum of the weighted per-sample losses over each class; their sum
        divided by ``n`` is the mean loss.
    n0, n1 : int
        Number of samples of each class.
    """

    grad0: NDArray[np.float64]
    grad1: NDArray[np.float64]
    share1: float
    loss_sum0: float
    loss_sum1: float
    n0: int
    n1: int

    @property
    def norm0(self) -> float:
        """Euclidean norm of ``grad0``."""
        return float(np.linalg.norm(self.grad0))

    @property
    def norm1(self) -> float:
        """Euclidean norm of ``grad1``."""
        return float(np.linalg.norm(self.grad1))

    @property
    def gradient(self) -> NDArray[np.float64]:
        """The full gradient ``grad0 + grad1``."""
        return self.grad0 + self.grad1


def _check_model(X: ArrayLike, y: ArrayLike, coef: ArrayLike, intercept: float
                 ) -> tuple[NDArray[np.float64], NDArray[np.float64],
                            NDArray[np.float64], float]:
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y)
    check_same_length(X=X_arr, y=y_arr)
    w = as_coefficients(coef)
    if len(w) != X_arr.shape[1]:
        raise ValueError(
            f"`coef` must have one entry per feature ({X_arr.shape[1]}). Got "
            f"{len(w)} instead."
        )
    b_arr = np.ravel(np.asarray(intercept, dtype=object))
    if b_arr.size != 1:
        raise ValueError(f"`intercept` must be a single number. Got {b_arr.size} values.")
    b = check_finite_number("intercept", b_arr[0])
    return X_arr, y_arr, w, b


def _class_terms(Xc: NDArray[np.float64], z: NDArray[np.float64], weight: float,
                 positive: bool, h: NDArray[np.float64] | None = None
                 ) -> tuple[NDArray[np.float64], float]:
    """Gradient (intercept last) and loss sum of one class, unnormalised.

    ``h`` holds per-row multiplicities (``None``: all one).
    """
    # One exp serves both sigmoid and softplus: with e = exp(-|z|),
    # sigmoid(z) = 1/(1+e) for z >= 0 and e/(1+e) otherwise, and
    # softplus(z) = max(z, 0) + log1p(e). For the positive class the roles of
    # z and -z swap; d/dz w1 softplus(-z) = -w1 sigmoid(-z), d/dz w0 softplus(z)
    # = w0 sigmoid(z). Using sigmoid(-z) rather than sigmoid(z) - 1 keeps
    # precision for confident positives.
    u = -z if positive else z
    e = np.exp(-np.abs(u))
    sig = np.where(u >= 0, 1.0, e) / (1.0 + e)
    resid = (-weight if positive else weight) * sig
    per_row = np.maximum(u, 0.0) + np.log1p(e)
    if h is not None:
        resid = resid * h
        per_row = per_row * h
    grad = np.append(resid @ Xc, resid.sum())
    loss = weight * float(np.sum(per_row))
    return grad, loss


def _contributions(X0: NDArray[np.float64], X1: NDArray[np.float64],
                   w: NDArray[np.float64], b: float, w0: float, w1: float,
                   h0: NDArray[np.float64] | None = None,
                   h1: NDArray[np.float64] | None = None) -> GradientContributions:
    m0 = len(X0) if h0 is None else float(h0.sum())
    m1 = len(X1) if h1 is None else float(h1.sum())
    n = m0 + m1
    g0, loss0 = _class_terms(X0, X0 @ w + b, w0, positive=False, h=h0)
    g1, loss1 = _class_terms(X1, X1 @ w + b, w1, positive=True, h=h1)
    grad0, grad1 = g0 / n, g1 / n
    n_0, n_1 = float(np.linalg.norm(grad0)), float(np.linalg.norm(grad1))
    share1 = 0.5 if n_0 + n_1 == 0.0 else n_1 / (n_0 + n_1)
    return GradientContributions(grad0=grad0, grad1=grad1, share1=share1,
                                 loss_sum0=loss0, loss_sum1=loss1,
                                 n0=round(m0), n1=round(m1))


def class_gradient_contributions(X: ArrayLike, y: ArrayLike, coef: ArrayLike,
                                 intercept: float, *, w0: float = 1.0,
                                 w1: float = 1.0) -> GradientContributions:
    r"""Split the gradient of the mean weighted BCE into its two classes.

    For a logistic model :math:`p_i = \sigma(z_i)`,
    :math:`z_i = x_i^\top \beta + \beta_0`, the mean weighted BCE
    :math:`L = \frac1n \sum_i [w_1 y_i\,\mathrm{softplus}(-z_i)
    + w_0 (1-y_i)\,\mathrm{softplus}(z_i)]` has gradient

    .. math::

        \nabla L = \underbrace{\frac1n \sum_{y_i=0} w_0\, p_i\, \tilde x_i}_{g_0}
                 + \underbrace{\frac1n \sum_{y_i=1} w_1\, (p_i - 1)\, \tilde x_i}_{g_1},
        \qquad \tilde x_i = (x_i, 1).

    At 1:1000 with :math:`w_0 = w_1` the 999 majority terms swamp the single
    minority term in :math:`g_0 + g_1`: the *masking* effect.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    coef : array_like of shape (d,)
        Model coefficients :math:`\beta`.
    intercept : float
        Model intercept :math:`\beta_0`.
    w0, w1 : float, default=1.0
        Class weights; finite, >= 0, not both zero.

    Returns
    -------
    GradientContributions
        ``grad0``, ``grad1`` (shape ``(d + 1,)``, intercept last), ``share1``
        and the per-class loss sums.

    References
    ----------
    Bishop (2006), *Pattern Recognition and Machine Learning*, eq. (4.91)
    (gradient of the logistic cross-entropy), with per-class weights.
    """
    w0, w1 = check_class_weights(w0, w1)
    X_arr, y_arr, w, b = _check_model(X, y, coef, intercept)
    return _contributions(X_arr[y_arr == 0], X_arr[y_arr == 1], w, b, w0, w1)


def _row_weights(sample_weight: ArrayLike, y: NDArray[np.float64]) -> NDArray[np.float64]:
    h = as_float_array("sample_weight", sample_weight, ndim=1)
    check_same_length(sample_weight=h, y=y)
    if np.any(h < 0):
        raise ValueError("`sample_weight` must be non-negative.")
    for cls in np.unique(y):
        if not h[y == cls].sum() > 0:
            raise ValueError(f"`sample_weight` of class {int(cls)} sums to zero; give its "
                             "rows positive weight or leave them out.")
    return h


def gradient_descent(X: ArrayLike, y: ArrayLike, *, w0: float = 1.0,
                     w1: float = 1.0, n_steps: int = 500,
                     learning_rate: float | None = None,
                     init: ArrayLike | None = None,
                     sample_weight: ArrayLike | None = None) -> pd.DataFrame:
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
        a = np.where(y_arr == 1.0, w1, w0) * h
        Xt = np.hstack([X_arr, np.ones((n, 1))])
        smooth = 0.25 * float(np.linalg.eigvalsh((Xt * a[:, None]).T @ Xt / h.sum())[-1])
        eta = 1.0 / smooth
    else:
        eta = check_finite_number("learning_rate", learning_rate, low=0.0,
                                  low_inclusive=False)
    theta = np.zeros(d + 1) if init is None else as_float_array("init", init).copy()
    if len(theta) != d + 1:
        raise ValueError(f"`init` must have {d + 1} entries (coefficients, intercept). "
                         f"Got {len(theta)} instead.")
    rows = []
    X0, X1 = X_arr[y_arr == 0], X_arr[y_arr == 1]
    h0, h1 = (None, None) if sample_weight is None else (h[y_arr == 0], h[y_arr == 1])
    total = float(h.sum())
    for step in range(steps + 1):
        c = _contributions(X0, X1, theta[:d], float(theta[d]), w0, w1, h0, h1)
        rows.append((step, (c.loss_sum0 + c.loss_sum1) / total, c.norm0, c.norm1,
                     c.share1, c.loss_sum0, c.loss_sum1, *theta[[d]], *theta[:d]))
        theta = theta - eta * c.gradient
    columns = ["step", "loss", "norm0", "norm1", "share1", "loss_sum0",
               "loss_sum1", "intercept", *[f"coef_{j}" for j in range(d)]]
    return pd.DataFrame(rows, columns=columns)
