r"""What the live views send to the browser once, so it can redraw without the server.

A student drags the weight ratio :math:`r = w_1 / w_0`; the browser redraws
from arrays computed here, once per data set:

* :func:`live_surface`: the weighted mean BCE is linear in the weights,
  :math:`Z(w_0, w_1) = w_0 Z_0 + w_1 Z_1` with :math:`Z_c = S_c / n` the
  class-:math:`c` loss sum over the (slope, bias) grid divided by ``n`` —
  two arrays give the surface, and its lowest cell, for every weight exactly.
* :func:`class_gradient_norms`: at fixed parameters each class's gradient is
  its weight times an unweighted sum, so the norms and the class-1 share at
  any weight follow from two numbers.
* :func:`boundary_path`: a refit per weight has no closed form; the fitted
  model is computed on a log grid of ratios and the browser interpolates
  between grid points (the page says so; letting go refits exactly).
* :func:`descent_paths`: gradient descent of the one-feature model on the
  projected data, so its (slope, bias) path lies on the drawn surface.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lib._validation import check_finite_number, check_int
from lib.data import make_imbalanced, project_1d
from lib.gradients import gradient_descent
from lib.i18n import LabError
from lib.models import fit_logistic
from lib.settings import RATIO_LOG_MAX, RATIO_LOG_MIN
from lib.surface import loss_surface, surface_grid


def ratio_grid(points: int = 13) -> NDArray[np.float64]:
    r"""Weight ratios :math:`w_1 / w_0` evenly spaced in :math:`\log_{10}` over the slider's range.

    Parameters
    ----------
    points : int, default=13
        Grid points, 2 to 200 (13 puts two points in every decade: 1, 3.16, 10, ...).

    Returns
    -------
    ndarray of shape (points,)
        ``10 ** linspace(RATIO_LOG_MIN, RATIO_LOG_MAX, points)``.
    """
    k = check_int("points", points, low=2, high=200)
    return np.asarray(np.logspace(RATIO_LOG_MIN, RATIO_LOG_MAX, k), dtype=np.float64)


@dataclass(frozen=True)
class LiveSurface:
    r"""The two per-class parts of the mean weighted BCE over a (slope, bias) grid.

    Attributes
    ----------
    slopes, biases : ndarray
        Grid axes (columns, rows).
    class0, class1 : ndarray of shape (len(biases), len(slopes))
        :math:`Z_c = \frac1n \sum_{y_k = c} \ell(a x_k + b)` — the surface of
        weights (1, 0) and (0, 1).
    """

    slopes: NDArray[np.float64]
    biases: NDArray[np.float64]
    class0: NDArray[np.float64]
    class1: NDArray[np.float64]

    def surface(self, w0: float, w1: float) -> NDArray[np.float64]:
        r"""The mean weighted BCE :math:`w_0 Z_0 + w_1 Z_1` (exact: linear in the weights)."""
        return w0 * self.class0 + w1 * self.class1

    def lowest_cell(self, w0: float, w1: float) -> tuple[float, float]:
        """``(slope, bias)`` of the grid cell with the lowest weighted loss."""
        i, j = np.unravel_index(int(np.argmin(self.surface(w0, w1))), self.class0.shape)
        return float(self.slopes[j]), float(self.biases[i])


def _projected(
    n_samples: int, ratio: float, class_sep: float, seed: int, shape: str
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    X, y = make_imbalanced(n_samples, ratio, class_sep=class_sep, shape=shape, random_state=seed)
    return project_1d(X, y), y


def live_surface(
    n_samples: int,
    ratio: float,
    class_sep: float,
    seed: int,
    shape: str,
    *,
    size: int = 60,
) -> LiveSurface:
    r"""The per-class loss parts on a grid that shows the minimum for every slider ratio.

    The data set is ``make_imbalanced(n_samples, ratio, class_sep=class_sep,
    shape=shape, random_state=seed)`` projected to one feature
    (:func:`lib.data.project_1d`). The grid (:func:`lib.surface.surface_grid`)
    spans the minima of the unweighted loss and of the slider's extreme
    ratios :math:`w_1/w_0 = 10^{-2}` and :math:`10^{4}` (a minimum between
    them could still leave the grid on unusual data: then the lowest *cell*,
    which the page marks, sits on the edge); then

    .. math:: Z_0 = \frac1n \sum_{y_k = 0} \log(1 + e^{a x_k + b}),\qquad
              Z_1 = \frac1n \sum_{y_k = 1} \log(1 + e^{-(a x_k + b)})

    so that :math:`Z(w_0, w_1) = w_0 Z_0 + w_1 Z_1` is the page's loss
    surface (:func:`lib.surface.loss_surface`) for any weights.

    Parameters
    ----------
    n_samples, ratio, class_sep, seed, shape
        The data set, as :func:`lib.data.make_imbalanced` takes them.
    size : int, default=60
        Grid points per axis (10 to 200).

    Returns
    -------
    LiveSurface

    References
    ----------
    King & Zeng (2001), Political Analysis 9(2): weighting by class shifts the
    intercept of a well-specified logistic model by :math:`\log(w_1/w_0)`.
    """
    x, y = _projected(n_samples, ratio, class_sep, seed, shape)
    extremes = [(1.0, 10.0**RATIO_LOG_MIN), (1.0, 10.0**RATIO_LOG_MAX)]
    grid = surface_grid(x, y, [(1.0, 1.0), *extremes], size=size)
    parts = [loss_surface(x, y, grid.slopes, grid.biases, w0=a, w1=b) for a, b in ((1, 0), (0, 1))]
    return LiveSurface(grid.slopes, grid.biases, parts[0], parts[1])


def class_gradient_norms(
    norm0: float, norm1: float, *, w0: float, w1: float, new_w0: float, new_w1: float
) -> tuple[float, float, float]:
    r"""Each class's gradient norm and the class-1 share at the same parameters, other weights.

    At fixed parameters :math:`g_c = w_c\, G_c` with :math:`G_c` the
    unweighted class sum (:func:`lib.gradients.class_gradient_contributions`),
    so :math:`\lVert g_c'\rVert = (w_c'/w_c) \lVert g_c\rVert` and

    .. math:: \text{share}_1' = \frac{\lVert g_1'\rVert}{\lVert g_0'\rVert + \lVert g_1'\rVert}

    (0.5 when both norms are zero, as in
    :func:`lib.gradients.class_gradient_contributions`).

    Parameters
    ----------
    norm0, norm1 : float
        Gradient norms of class 0 and 1 computed with weights ``(w0, w1)``.
    w0, w1 : float
        The weights those norms were computed with, > 0.
    new_w0, new_w1 : float
        The weights to rescale to, >= 0.

    Returns
    -------
    (float, float, float)
        ``(norm0', norm1', share1')``.
    """
    a = check_finite_number("new_w0", new_w0, low=0.0) / check_finite_number(
        "w0", w0, low=0.0, low_inclusive=False
    )
    b = check_finite_number("new_w1", new_w1, low=0.0) / check_finite_number(
        "w1", w1, low=0.0, low_inclusive=False
    )
    g0, g1 = a * float(norm0), b * float(norm1)
    total = g0 + g1
    return g0, g1, (g1 / total if total > 0 else 0.5)


@dataclass(frozen=True)
class BoundaryPath:
    r"""Logistic models fitted along a log grid of weight ratios.

    Attributes
    ----------
    ratios : ndarray of shape (K,)
        :math:`w_1 / w_0` of each fit (:func:`ratio_grid`).
    coefs : ndarray of shape (K, d)
    intercepts : ndarray of shape (K,)
    """

    ratios: NDArray[np.float64]
    coefs: NDArray[np.float64]
    intercepts: NDArray[np.float64]

    def at(self, r: float) -> tuple[NDArray[np.float64], float]:
        r"""Coefficients and intercept, linear in :math:`\log r` between fits (clipped at the ends).

        What the browser draws between grid points; at a grid point it is the fit itself.
        """
        t = np.log10(self.ratios)
        u = float(
            np.clip(
                np.log10(check_finite_number("r", r, low=0.0, low_inclusive=False)), t[0], t[-1]
            )
        )
        coef = np.array([np.interp(u, t, self.coefs[:, j]) for j in range(self.coefs.shape[1])])
        return coef, float(np.interp(u, t, self.intercepts))


def boundary_path(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w0: float,
    ratios: ArrayLike,
    sample_weight: ArrayLike | None = None,
) -> BoundaryPath:
    r"""Fit the logistic model of :func:`lib.models.fit_logistic` at every ratio of a grid.

    Fit :math:`k` uses class weights :math:`(w_0, w_0 r_k)`: the same
    penalised loss the decision-boundary page fits for the committed weights,
    so at a grid point the drawn line is that fit.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1, both present.
    w0 : float
        The class-0 weight, > 0 (with the default penalty the fit depends on
        the weights' scale, not only on their ratio).
    ratios : array_like of shape (K,)
        Increasing ratios :math:`w_1 / w_0`, > 0.
    sample_weight : array_like of shape (n,) or None, default=None
        Row weights (e.g. Horvitz-Thompson weights of a majority sample).

    Returns
    -------
    BoundaryPath
    """
    w0 = check_finite_number("w0", w0, low=0.0, low_inclusive=False)
    r = np.asarray(ratios, dtype=np.float64)
    for k, value in enumerate(r):
        check_finite_number(f"ratios[{k}]", float(value), low=0.0, low_inclusive=False)
    if len(r) < 2 or np.any(np.diff(r) <= 0):
        raise LabError("error.live.ratios_increasing")
    fits = [fit_logistic(X, y, w0=w0, w1=w0 * rk, sample_weight=sample_weight) for rk in r]
    return BoundaryPath(
        r,
        np.array([m.coef_[0] for m in fits], dtype=np.float64),
        np.array([m.intercept_[0] for m in fits], dtype=np.float64),
    )


@dataclass(frozen=True)
class DescentPaths:
    r"""Gradient-descent paths of the one-feature model on its two loss surfaces.

    Attributes
    ----------
    surface : LiveSurface
        The per-class loss parts on a grid spanning both paths.
    weights : dict of str to (float, float)
        ``"unweighted"`` (1, 1) and ``"weighted"`` :math:`(w_0, w_1)`.
    paths : dict of str to ndarray of shape (steps + 1, 2)
        ``(slope, bias)`` after each step, from (0, 0).
    """

    surface: LiveSurface
    weights: dict[str, tuple[float, float]]
    paths: dict[str, NDArray[np.float64]]


def descent_paths(
    n_samples: int,
    ratio: float,
    class_sep: float,
    seed: int,
    shape: str,
    *,
    w0: float,
    w1: float,
    steps: int,
    rows: ArrayLike | None = None,
    sample_weight: ArrayLike | None = None,
    size: int = 60,
) -> DescentPaths:
    r"""Unweighted and weighted gradient descent in the (slope, bias) plane of the projected data.

    Both runs are :func:`lib.gradients.gradient_descent` (start at 0, step
    :math:`1/\lambda` of each loss) on the one feature of
    :func:`lib.data.project_1d`, so each path lies on its loss surface
    :math:`Z(a, b)` exactly; the gradient page's runs use both features and
    take the same kind of steps.

    Parameters
    ----------
    n_samples, ratio, class_sep, seed, shape
        The data set, as :func:`lib.data.make_imbalanced` takes them.
    w0, w1 : float
        Weights of the weighted run (> 0).
    steps : int
        Steps of each run (1 to 20,000).
    rows, sample_weight : array_like or None
        Train on ``x[rows]`` with these Horvitz-Thompson weights (e.g.
        :func:`lib.budgets.descent_rows`); ``None`` uses every row once.
    size : int, default=60
        Grid points per axis of the surfaces.

    Returns
    -------
    DescentPaths
    """
    w0 = check_finite_number("w0", w0, low=0.0, low_inclusive=False)
    w1 = check_finite_number("w1", w1, low=0.0, low_inclusive=False)
    x, y = _projected(n_samples, ratio, class_sep, seed, shape)
    if rows is not None:
        idx = np.asarray(rows, dtype=np.int64)
        x, y = x[idx], y[idx]
    weights = {"unweighted": (1.0, 1.0), "weighted": (w0, w1)}
    paths = {}
    for name, (a, b) in weights.items():
        run = gradient_descent(
            x[:, None], y, w0=a, w1=b, n_steps=steps, sample_weight=sample_weight
        )
        paths[name] = run[["coef_0", "intercept"]].to_numpy(dtype=np.float64)
    grid = surface_grid(x, y, list(weights.values()), size=size)
    every = np.vstack(list(paths.values()))
    slopes = _spanning(grid.slopes, every[:, 0], size)
    biases = _spanning(grid.biases, every[:, 1], size)
    if sample_weight is None:
        parts = [loss_surface(x, y, slopes, biases, w0=a, w1=b) for a, b in ((1, 0), (0, 1))]
    else:  # the sampled rows with their weights estimate the full data's surface
        h = np.asarray(sample_weight, dtype=np.float64)
        parts = [_weighted_part(x, y, h, slopes, biases, cls) for cls in (0, 1)]
    return DescentPaths(LiveSurface(slopes, biases, parts[0], parts[1]), weights, paths)


def _spanning(
    axis: NDArray[np.float64], values: NDArray[np.float64], size: int
) -> NDArray[np.float64]:
    lo, hi = min(float(axis[0]), float(values.min())), max(float(axis[-1]), float(values.max()))
    pad = 0.05 * (hi - lo)
    return np.linspace(lo - pad, hi + pad, size)


def _weighted_part(
    x: NDArray[np.float64],
    y: NDArray[np.int64],
    h: NDArray[np.float64],
    slopes: NDArray[np.float64],
    biases: NDArray[np.float64],
    cls: int,
) -> NDArray[np.float64]:
    # Rows with weight h_k count h_k times: the class sum over distinct weights, each
    # block's mean surface times its total weight, over the total weight.
    total = np.zeros((len(biases), len(slopes)))
    for value in np.unique(h[y == cls]):
        block = (y == cls) & (h == value)
        weights = (1.0, 0.0) if cls == 0 else (0.0, 1.0)
        part = loss_surface(x[block], y[block], slopes, biases, w0=weights[0], w1=weights[1])
        total += part * value * block.sum()
    return total / float(h.sum())
