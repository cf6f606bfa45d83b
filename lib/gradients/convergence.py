r"""Gradient descent followed to the exact minimum of the loss it descends.

Masking slows a run down, but a convex loss's minimum does not depend on the
gradient's split along the way (Elkan 2001; Provost 2000):
:func:`logistic_minimum` finds the minimum independently (Newton's method),
:func:`descent_to_minimum` measures one run against it and
:func:`compare_convergence` runs the unweighted and the weighted loss.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import linprog
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from lib._validation import check_class_weights, check_finite_number, check_int
from lib.data import majority_sample
from lib.gradients.contributions import _check_model
from lib.gradients.descent import _row_weights, _smoothness
from lib.i18n import LabError

# ------------------------------------------------- runs to the minimum (issue 14)
#: Steps the convergence runs may take (log-spaced x axis on the page).
CONVERGENCE_STEPS = 20_000
#: Rows per class the convergence runs train on at most; a larger class is
#: replaced by a Horvitz-Thompson sample (:func:`lib.data.majority_sample`).
CONVERGENCE_MAX_ROWS = 20_000
#: A run stops once its distance to the minimum is below this times max(1, ‖θ*‖).
CONVERGENCE_STOP = 1e-8


def linearly_separable(X: ArrayLike, y: ArrayLike) -> bool:
    r"""Whether a line (hyperplane) separates the two classes strictly.

    Solves the linear feasibility problem :math:`s_i\,\tilde x_i^\top \theta \ge 1`
    for all :math:`i` (:math:`s_i = \pm 1` the class sign,
    :math:`\tilde x_i = (x_i, 1)`) with scipy's HiGHS. When it is feasible
    the logistic loss has no minimum: it keeps falling as
    :math:`\theta` grows along the separating direction (complete
    separation; the measure-zero quasi-complete case is not detected).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.

    Returns
    -------
    bool

    References
    ----------
    Albert and Anderson (1984), "On the existence of maximum likelihood
    estimates in logistic regression models", Biometrika 71(1), 1-10.
    """
    X_arr, y_arr, _, _ = _check_model(X, y, np.zeros(np.shape(X)[1]), 0.0)
    if y_arr.min() == y_arr.max():
        return True
    Xt = np.hstack([X_arr, np.ones((len(X_arr), 1))])
    sign = np.where(y_arr == 1.0, 1.0, -1.0)
    result = linprog(
        np.zeros(Xt.shape[1]),
        A_ub=-(sign[:, None] * Xt),
        b_ub=-np.ones(len(y_arr)),
        bounds=[(None, None)] * Xt.shape[1],
        method="highs",
    )
    return bool(result.status == 0)


def logistic_minimum(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    sample_weight: ArrayLike | None = None,
) -> NDArray[np.float64] | None:
    r"""The exact minimiser of the mean weighted BCE (no penalty), or ``None``.

    .. math:: \theta^* = \arg\min_\theta \frac{\sum_i h_i\, w_{y_i}\,
              \ell(y_i, \tilde x_i^\top \theta)}{\sum_i h_i}

    — the loss :func:`lib.gradients.gradient_descent` descends. Found by Newton's method
    (scikit-learn's ``LogisticRegression(C=inf, solver="newton-cholesky")``,
    gradient tolerance 1e-12), independently of gradient descent. With
    :math:`w_0 = w_1` it is the maximum-likelihood fit. Any positive weights
    give a strictly convex loss with a single minimiser unless the classes
    are linearly separable (:func:`linearly_separable`); then there is none.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1; both classes must be present.
    w0, w1 : float, default=1.0
        Class weights, both > 0.
    sample_weight : array_like of shape (n,) or None, default=None
        Row multiplicities :math:`h_i` as in :func:`gradient_descent`.

    Returns
    -------
    ndarray of shape (d + 1,) or None
        Coefficients then intercept; ``None`` when the classes are separable.

    References
    ----------
    Albert and Anderson (1984), existence of the maximum-likelihood estimate;
    Nocedal and Wright (2006), *Numerical Optimization*, ch. 3 (Newton's method).
    """
    w0, w1 = check_class_weights(w0, w1)
    if w0 == 0.0 or w1 == 0.0:
        raise LabError("error.descent.minimum_weights", w0=f"{w0:g}", w1=f"{w1:g}")
    X_arr, y_arr, _, _ = _check_model(X, y, np.zeros(np.shape(X)[1]), 0.0)
    h = np.ones(len(y_arr)) if sample_weight is None else _row_weights(sample_weight, y_arr)
    if y_arr.min() == y_arr.max():
        raise LabError("error.descent.minimum_one_class")
    if linearly_separable(X_arr, y_arr):
        return None
    model = LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-12, max_iter=500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X_arr, y_arr.astype(np.int64), sample_weight=np.where(y_arr == 1.0, w1, w0) * h)
    return np.append(model.coef_[0], model.intercept_[0]).astype(np.float64)


@dataclass(frozen=True)
class ConvergenceRun:
    r"""One full-batch gradient-descent run followed to the minimum of its loss.

    Attributes
    ----------
    w0, w1 : float
        Class weights of the run's loss.
    history : DataFrame
        Rows at recorded steps (every step up to 100, then log-spaced, and
        the last): ``step``, ``loss`` (mean weighted training loss),
        ``recall1`` (class-1 recall of the rule ``p > 0.5`` on the training
        rows) and ``distance`` (:math:`\lVert\theta_t - \theta^*\rVert`, NaN
        without a minimum).
    optimum : ndarray of shape (d + 1,) or None
        :math:`\theta^*` from :func:`logistic_minimum` (intercept last).
    steps_to_optimum : int or None
        First step with distance <= ``tol`` times the starting distance;
        ``None`` if not reached (or no minimum).
    last_step : int
        Steps taken (fewer than the budget when the run reached its minimum).
    last_distance : float
        Distance after the last step.
    optimum_loss, optimum_recall1, optimum_mean_p : float
        Mean weighted loss, class-1 recall at 0.5 and mean predicted
        probability (rows counted with their multiplicity) at the minimum.
    positive_rate : float
        Share of class 1 in the training rows (with multiplicities).
    conditioning : float
        :math:`\lambda / \mu`: the smoothness constant that sets the step
        over the smallest eigenvalue of the Hessian at the minimum. Near the
        minimum each step shrinks the distance by about a factor
        :math:`1 - \mu/\lambda`.
    """

    w0: float
    w1: float
    history: pd.DataFrame
    optimum: NDArray[np.float64] | None
    steps_to_optimum: int | None
    last_step: int
    last_distance: float
    optimum_loss: float
    optimum_recall1: float
    optimum_mean_p: float
    positive_rate: float
    conditioning: float


def _record_steps(n_steps: int) -> NDArray[np.int64]:
    head = np.arange(min(n_steps, 100) + 1)
    tail = np.geomspace(100, n_steps, 300).round() if n_steps > 100 else np.array([])
    return np.unique(np.concatenate([head, tail, [n_steps]])).astype(np.int64)


def _mean_loss_and_p(
    Xt: NDArray[np.float64],
    y: NDArray[np.float64],
    a: NDArray[np.float64],
    h: NDArray[np.float64],
    theta: NDArray[np.float64],
) -> tuple[float, NDArray[np.float64]]:
    z = Xt @ theta
    # softplus(-z) for class 1, softplus(z) for class 0, computed stably.
    u = np.where(y == 1.0, -z, z)
    per_row = np.maximum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))
    return float(np.sum(a * per_row) / h.sum()), z


def descent_to_minimum(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    n_steps: int = CONVERGENCE_STEPS,
    sample_weight: ArrayLike | None = None,
    tol: float = 0.01,
) -> ConvergenceRun:
    r"""Run full-batch gradient descent and measure it against its own minimum.

    The run is :func:`gradient_descent`'s (start at zero, step
    :math:`\eta = 1/\lambda`, the same iterates), continued for up to
    ``n_steps`` steps; it stops early once
    :math:`\lVert\theta_t - \theta^*\rVert \le 10^{-8} \max(1, \lVert\theta^*\rVert)`.
    :math:`\theta^*` is the exact minimiser of the same loss
    (:func:`logistic_minimum`). For a convex :math:`\lambda`-smooth loss this
    step makes the loss fall at every step and the iterates converge to the
    minimum; the rate near it is set by :math:`\mu/\lambda`, with
    :math:`\mu` the smallest curvature (Hessian eigenvalue)
    :math:`\nabla^2 L(\theta^*) = \frac{1}{\sum h}\sum_i h_i w_{y_i}
    p_i(1-p_i)\,\tilde x_i \tilde x_i^\top`.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1, both classes present.
    w0, w1 : float, default=1.0
        Class weights, both > 0.
    n_steps : int, default=20,000
        Most steps to take, 1 to 100,000.
    sample_weight : array_like of shape (n,) or None, default=None
        Row multiplicities as in :func:`gradient_descent`.
    tol : float, default=0.01
        ``steps_to_optimum`` is the first step within ``tol`` times the
        starting distance :math:`\lVert\theta^*\rVert`; in (0, 1).

    Returns
    -------
    ConvergenceRun

    References
    ----------
    Nesterov (2004), *Introductory Lectures on Convex Optimization*, thm.
    2.1.14 (step 1/L) and thm. 2.1.15 (linear rate 1 - μ/L).
    """
    w0, w1 = check_class_weights(w0, w1)
    steps = check_int("n_steps", n_steps, low=1, high=100_000)
    tol = check_finite_number("tol", tol, low=0.0, low_inclusive=False, high=1.0)
    X_arr, y_arr, _, _ = _check_model(X, y, np.zeros(np.shape(X)[1]), 0.0)
    h = np.ones(len(y_arr)) if sample_weight is None else _row_weights(sample_weight, y_arr)
    optimum = logistic_minimum(X_arr, y_arr, w0=w0, w1=w1, sample_weight=h)
    n, d = X_arr.shape
    Xt = np.hstack([X_arr, np.ones((n, 1))])
    a = np.where(y_arr == 1.0, w1, w0) * h
    smooth = _smoothness(X_arr, y_arr, w0, w1, h)
    eta, total = 1.0 / smooth, float(h.sum())
    positives = y_arr == 1.0
    h1 = h[positives]
    record = set(_record_steps(steps).tolist())
    stop = (
        np.inf if optimum is None else CONVERGENCE_STOP * max(1.0, float(np.linalg.norm(optimum)))
    )
    start = np.inf if optimum is None else float(np.linalg.norm(optimum))
    theta = np.zeros(d + 1)
    rows: list[tuple[int, float, float, float]] = []
    reached: int | None = None
    step, dist = 0, start
    while True:
        dist = np.nan if optimum is None else float(np.linalg.norm(theta - optimum))
        if reached is None and dist <= tol * start:
            reached = step
        done = step == steps or dist <= stop
        z = Xt @ theta
        if step in record or done:
            loss, _ = _mean_loss_and_p(Xt, y_arr, a, h, theta)
            recall = float(np.sum(h1 * (z[positives] > 0.0)) / h1.sum())
            rows.append((step, loss, recall, dist))
        if done:
            break
        # Gradient of the mean weighted BCE: X̃ᵀ (a (p - y)) / Σh.
        resid = a * (_sigmoid(z) - y_arr)
        theta = theta - eta * (Xt.T @ resid) / total
        step += 1
    history = pd.DataFrame(rows, columns=["step", "loss", "recall1", "distance"])
    if optimum is None:
        opt_loss = opt_recall = opt_mean = conditioning = np.nan
    else:
        opt_loss, z = _mean_loss_and_p(Xt, y_arr, a, h, optimum)
        p = _sigmoid(z)
        opt_recall = float(np.sum(h1 * (z[positives] > 0.0)) / h1.sum())
        opt_mean = float(np.sum(h * p) / total)
        hessian = (Xt * (a * p * (1.0 - p))[:, None]).T @ Xt / total
        conditioning = smooth / float(np.linalg.eigvalsh(hessian)[0])
    return ConvergenceRun(
        w0=w0,
        w1=w1,
        history=history,
        optimum=optimum,
        steps_to_optimum=reached,
        last_step=step,
        last_distance=dist,
        optimum_loss=opt_loss,
        optimum_recall1=opt_recall,
        optimum_mean_p=opt_mean,
        positive_rate=float(np.sum(h1) / total),
        conditioning=conditioning,
    )


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


@dataclass(frozen=True)
class ConvergenceComparison:
    """The unweighted and a weighted run, each followed to its own minimum.

    Attributes
    ----------
    unweighted, weighted : ConvergenceRun
        Runs with (1, 1) and with (w0, w1).
    separable : bool
        The classes are linearly separable: neither loss has a minimum.
    rows : tuple of (int, int)
        Rows used of each class (class 0, class 1).
    counts : tuple of (int, int)
        Rows of each class in the data.
    """

    unweighted: ConvergenceRun
    weighted: ConvergenceRun
    separable: bool
    rows: tuple[int, int]
    counts: tuple[int, int]

    def summary(self) -> pd.DataFrame:
        """One column per run (``unweighted``, ``weighted``), one row per measure.

        Rows: ``steps_to_optimum`` (NaN if not reached), ``last_distance``,
        ``conditioning``, ``optimum_recall1``, ``optimum_mean_p`` and
        ``positive_rate``.
        """
        names = (
            "steps_to_optimum",
            "last_distance",
            "conditioning",
            "optimum_recall1",
            "optimum_mean_p",
            "positive_rate",
        )
        return pd.DataFrame(
            {
                label: [
                    np.nan if getattr(run, k) is None else float(getattr(run, k)) for k in names
                ]
                for label, run in (("unweighted", self.unweighted), ("weighted", self.weighted))
            },
            index=list(names),
        )


def compare_convergence(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w0: float,
    w1: float,
    n_steps: int = CONVERGENCE_STEPS,
    max_rows: int = CONVERGENCE_MAX_ROWS,
    random_state: int = 0,
    unweighted: ConvergenceRun | None = None,
) -> ConvergenceComparison:
    r"""The unweighted and the (w0, w1) run of full-batch descent, each to its minimum.

    Both runs are :func:`descent_to_minimum` on the same rows: every row
    when each class has at most ``max_rows`` of them, else a uniform sample
    of ``max_rows`` rows of the larger class(es), each counted
    :math:`n_c / m` times (Horvitz-Thompson, as
    :func:`lib.data.majority_sample`); :math:`\theta^*` then minimises that
    same weighted loss.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1, both classes present.
    w0, w1 : float
        Class weights of the weighted run, both > 0.
    n_steps : int, default=20,000
        Most steps per run.
    max_rows : int, default=20,000
        Most rows per class, >= 1.
    random_state : int, default=0
        Seed of the row sample.
    unweighted : ConvergenceRun or None, default=None
        The unweighted run of an earlier call on the same ``X, y``,
        ``n_steps``, ``max_rows`` and ``random_state``, reused instead of
        descending again: it does not depend on the weights, and with few
        positives it is the long one (masking slows it down).

    Returns
    -------
    ConvergenceComparison

    References
    ----------
    Elkan (2001), "The foundations of cost-sensitive learning" (weights
    change the optimum a learner targets, not whether it reaches it);
    Nesterov (2004), thm. 2.1.15.
    """
    w0, w1 = check_class_weights(w0, w1)
    X_arr, y_arr, _, _ = _check_model(X, y, np.zeros(np.shape(X)[1]), 0.0)
    m = check_int("max_rows", max_rows, low=1)
    rows0, h0 = majority_sample(y_arr, m, random_state=random_state)
    # The same sample with the roles swapped caps class 1 too.
    keep, h1 = majority_sample(1.0 - y_arr[rows0], m, random_state=random_state)
    rows, h = rows0[keep], h0[keep] * h1
    Xs, ys = X_arr[rows], y_arr[rows]
    weight = None if np.all(h == 1.0) else h
    plain = (
        unweighted
        if unweighted is not None
        else descent_to_minimum(Xs, ys, n_steps=n_steps, sample_weight=weight)
    )
    # Unit weights: the weighted run is the same run.
    weighted = (
        plain
        if (w0, w1) == (1.0, 1.0)
        else descent_to_minimum(Xs, ys, w0=w0, w1=w1, n_steps=n_steps, sample_weight=weight)
    )
    return ConvergenceComparison(
        unweighted=plain,
        weighted=weighted,
        separable=plain.optimum is None,
        rows=(int(np.sum(ys == 0)), int(np.sum(ys == 1))),
        counts=(int(np.sum(y_arr == 0)), int(np.sum(y_arr == 1))),
    )
