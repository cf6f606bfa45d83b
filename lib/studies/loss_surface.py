r"""The loss-surface page's numbers: both loss surfaces, their minima and 1-D slices.

:func:`surface_study` projects the current data set to one feature
(:func:`lib.data.project_1d`), chooses a (slope, bias) grid that shows the
unweighted and the weighted minimum (:func:`lib.surface.surface_grid`) and
evaluates the mean weighted BCE on it and along slices through each minimum
(:func:`lib.surface.loss_surface`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from lib._validation import check_finite_number, check_int
from lib.data import make_imbalanced, project_1d
from lib.surface import loss_surface, surface_grid

#: The two losses the page compares, in display order.
LOSSES: tuple[str, ...] = ("unweighted", "weighted")
#: Directions of the 1-D slices: along the bias (slope fixed at the minimum)
#: or along the slope (bias fixed at the minimum).
DIRECTIONS: tuple[str, ...] = ("bias", "slope")


@dataclass(frozen=True)
class SurfaceSlice:
    """The loss along one grid axis through a minimum.

    Attributes
    ----------
    axis : ndarray of shape (m,)
        Bias or slope values, spanning the grid's range of that axis.
    values : ndarray of shape (m,)
        Mean weighted BCE at each value, the other parameter held at the
        minimum.
    at : float
        The minimum's coordinate on ``axis``.
    """

    axis: NDArray[np.float64]
    values: NDArray[np.float64]
    at: float


@dataclass(frozen=True)
class SurfaceStudy:
    r"""Everything the loss-surface page shows.

    Attributes
    ----------
    slopes, biases : ndarray
        Grid axes (:class:`lib.surface.SurfaceGrid`).
    weights : dict of str to (float, float)
        :math:`(w_0, w_1)` of ``"unweighted"`` (1, 1) and ``"weighted"``.
    surfaces : dict of str to ndarray of shape (len(biases), len(slopes))
        The loss surface of each entry of :data:`LOSSES` (empty when
        :func:`surface_study` was asked for ``surfaces=False``).
    optima : dict of str to (float, float)
        ``(slope, bias)`` minimising each loss.
    slices : dict of str to dict of str to SurfaceSlice
        ``slices[direction][loss]`` for each of :data:`DIRECTIONS` and :data:`LOSSES`.
    """

    slopes: NDArray[np.float64]
    biases: NDArray[np.float64]
    weights: dict[str, tuple[float, float]]
    surfaces: dict[str, NDArray[np.float64]]
    optima: dict[str, tuple[float, float]]
    slices: dict[str, dict[str, SurfaceSlice]]

    @property
    def bias_shift(self) -> float:
        r"""How far weighting moves the minimum's bias, :math:`b_w - b_u`."""
        return self.optima["weighted"][1] - self.optima["unweighted"][1]

    @property
    def log_ratio(self) -> float:
        r""":math:`\log(w_1 / w_0)`: the bias shift of a well-specified model under weighting."""
        w0, w1 = self.weights["weighted"]
        return float(np.log(w1 / w0))


def surface_study(
    n_samples: int,
    ratio: float,
    class_sep: float,
    seed: int,
    shape: str,
    *,
    w0: float,
    w1: float,
    size: int = 80,
    slice_points: int = 200,
    surfaces: bool = True,
) -> SurfaceStudy:
    r"""Unweighted and weighted BCE of a 1-D logistic model over (slope, bias).

    The data set is ``make_imbalanced(n_samples, ratio, class_sep=class_sep,
    shape=shape, random_state=seed)`` projected to one standardised feature
    :math:`x`; on a grid of slopes :math:`a` and biases :math:`b`

    .. math:: Z(a, b) = \frac1n \sum_k \bigl[w_1 y_k \log(1 + e^{-(a x_k + b)})
              + w_0 (1 - y_k) \log(1 + e^{a x_k + b})\bigr]

    for :math:`(w_0, w_1) = (1, 1)` and the given weights. A slice holds one
    parameter at a loss's minimum and moves the other over the grid's range.

    Parameters
    ----------
    n_samples, ratio, class_sep, seed, shape
        The data set, as :func:`lib.data.make_imbalanced` takes them
        (``seed`` is its ``random_state``).
    w0, w1 : float
        Class weights of the weighted loss; finite and > 0.
    size : int, default=80
        Grid points per axis (10 to 200).
    slice_points : int, default=200
        Points of each slice (2 to 2000).
    surfaces : bool, default=True
        Whether to evaluate the two surfaces on the grid; ``False`` leaves
        ``SurfaceStudy.surfaces`` empty (the page draws them from
        :func:`lib.studies.live.live_surface`, which the browser reweights).

    Returns
    -------
    SurfaceStudy

    Raises
    ------
    LabError
        If the data settings, weights or sizes are invalid.

    References
    ----------
    Goodfellow, Bengio & Courville (2016), *Deep Learning*, sec. 8.2 (loss
    landscapes); King & Zeng (2001), Political Analysis 9(2) (the intercept
    shift under weighting).
    """
    w0 = check_finite_number("w0", w0, low=0.0, low_inclusive=False)
    w1 = check_finite_number("w1", w1, low=0.0, low_inclusive=False)
    points = check_int("slice_points", slice_points, low=2, high=2000)
    X, y = make_imbalanced(n_samples, ratio, class_sep=class_sep, shape=shape, random_state=seed)
    x = project_1d(X, y)
    weights = {"unweighted": (1.0, 1.0), "weighted": (w0, w1)}
    grid = surface_grid(x, y, list(weights.values()), size=size)
    optima = dict(zip(LOSSES, grid.optima, strict=True))
    grids = {
        name: loss_surface(x, y, grid.slopes, grid.biases, w0=a, w1=b)
        for name, (a, b) in weights.items()
        if surfaces
    }
    slices: dict[str, dict[str, SurfaceSlice]] = {}
    for direction, values in (("bias", grid.biases), ("slope", grid.slopes)):
        axis = np.linspace(min(values), max(values), points)
        slices[direction] = {}
        for name, (a, b) in weights.items():
            slope, bias = optima[name]
            if direction == "bias":
                line = loss_surface(x, y, [slope], axis, w0=a, w1=b)
            else:
                line = loss_surface(x, y, axis, [bias], w0=a, w1=b)
            at = bias if direction == "bias" else slope
            slices[direction][name] = SurfaceSlice(axis, line.ravel(), at)
    return SurfaceStudy(grid.slopes, grid.biases, weights, grids, optima, slices)
