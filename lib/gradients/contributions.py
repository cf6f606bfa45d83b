r"""What each class contributes to the gradient of the weighted BCE (the masking effect).

:func:`class_gradient_contributions` splits the gradient of the mean weighted
BCE of a logistic model into its class-0 and class-1 parts;
:func:`contributions_at` evaluates it at one step of a gradient-descent run
and :func:`contribution_table` lays several side by side.
"""

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
from lib.i18n import LabError


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


def _check_model(
    X: ArrayLike, y: ArrayLike, coef: ArrayLike, intercept: float
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], float]:
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y)
    check_same_length(X=X_arr, y=y_arr)
    w = as_coefficients(coef)
    if len(w) != X_arr.shape[1]:
        raise LabError("error.arg.coef_per_feature", features=X_arr.shape[1], entries=len(w))
    b_arr = np.ravel(np.asarray(intercept, dtype=object))
    if b_arr.size != 1:
        raise LabError("error.arg.intercept_not_scalar", count=b_arr.size)
    b = check_finite_number("intercept", b_arr[0])
    return X_arr, y_arr, w, b


def _class_terms(
    Xc: NDArray[np.float64],
    z: NDArray[np.float64],
    weight: float,
    positive: bool,
    h: NDArray[np.float64] | None = None,
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


def _contributions(
    X0: NDArray[np.float64],
    X1: NDArray[np.float64],
    w: NDArray[np.float64],
    b: float,
    w0: float,
    w1: float,
    h0: NDArray[np.float64] | None = None,
    h1: NDArray[np.float64] | None = None,
) -> GradientContributions:
    m0 = len(X0) if h0 is None else float(h0.sum())
    m1 = len(X1) if h1 is None else float(h1.sum())
    n = m0 + m1
    g0, loss0 = _class_terms(X0, X0 @ w + b, w0, positive=False, h=h0)
    g1, loss1 = _class_terms(X1, X1 @ w + b, w1, positive=True, h=h1)
    grad0, grad1 = g0 / n, g1 / n
    n_0, n_1 = float(np.linalg.norm(grad0)), float(np.linalg.norm(grad1))
    share1 = 0.5 if n_0 + n_1 == 0.0 else n_1 / (n_0 + n_1)
    return GradientContributions(
        grad0=grad0,
        grad1=grad1,
        share1=share1,
        loss_sum0=loss0,
        loss_sum1=loss1,
        n0=round(m0),
        n1=round(m1),
    )


def class_gradient_contributions(
    X: ArrayLike,
    y: ArrayLike,
    coef: ArrayLike,
    intercept: float,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
) -> GradientContributions:
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


def contributions_at(
    X: ArrayLike, y: ArrayLike, run: pd.DataFrame, step: int, *, w0: float = 1.0, w1: float = 1.0
) -> GradientContributions:
    """:func:`class_gradient_contributions` at the parameters of one step of a run.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    run : DataFrame
        Output of :func:`lib.gradients.gradient_descent` (columns ``coef_0..``, ``intercept``).
    step : int
        Row of ``run`` to use, 0 to ``len(run) - 1``.
    w0, w1 : float, default=1.0
        Class weights of the run's loss.

    Returns
    -------
    GradientContributions
    """
    k = check_int("step", step, low=0, high=len(run) - 1)
    row = run.iloc[k]
    coef = row[[c for c in row.index if str(c).startswith("coef_")]].to_numpy(dtype=float)
    return class_gradient_contributions(X, y, coef, float(row["intercept"]), w0=w0, w1=w1)


def contribution_table(contribs: dict[str, GradientContributions]) -> pd.DataFrame:
    """Per-class gradient norms, shares and loss sums side by side.

    Parameters
    ----------
    contribs : dict of str to GradientContributions
        One column per entry (e.g. unweighted and weighted loss).

    Returns
    -------
    DataFrame
        Rows ``norm0``, ``norm1``, ``share1`` (%), ``loss0``, ``loss1`` and
        ``loss_share1`` (%, the class-1 loss sum over both sums).
    """
    return pd.DataFrame(
        {
            label: {
                "norm0": c.norm0,
                "norm1": c.norm1,
                "share1": 100 * c.share1,
                "loss0": c.loss_sum0,
                "loss1": c.loss_sum1,
                "loss_share1": 100 * c.loss_sum1 / max(c.loss_sum0 + c.loss_sum1, 1e-300),
            }
            for label, c in contribs.items()
        }
    )


def sample_counts(y: ArrayLike, rows: ArrayLike, h: ArrayLike) -> dict[str, float]:
    """Class sizes of a weighted row sample (see :func:`lib.data.majority_sample`).

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1 of all rows.
    rows : array_like of int
        Indices of the kept rows.
    h : array_like of float
        Weight of each kept row.

    Returns
    -------
    dict
        ``n0``, ``n1`` (rows of each class in ``y``), ``m`` (kept class-0
        rows) and ``h`` (largest weight).
    """
    y_arr = as_binary_labels("y", y)
    kept = y_arr[np.asarray(rows, dtype=np.int64)]
    return {
        "n0": float(np.sum(y_arr == 0)),
        "n1": float(np.sum(y_arr == 1)),
        "m": float(np.sum(kept == 0)),
        "h": float(np.max(h)),
    }
