"""The weighted BCE over a grid of (slope, bias) for a 1-D logistic model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit

from lib._validation import (
    as_binary_labels,
    as_float_array,
    check_class_weights,
    check_either,
    check_same_length,
)
from lib.losses import softplus

#: Spacing of the logit lattice used by ``method="fast"``. Every sample's
#: logit lies within ``1.5 * LATTICE_STEP`` of its lattice node, so the Taylor
#: remainder of order 4 is at most ``0.15**4 / 24 ~ 2e-5`` relative.
LATTICE_STEP = 0.1

#: Above this many lattice cells the fast method would use more memory than
#: the exact one saves, so it falls back to the exact evaluation.
_MAX_LATTICE_CELLS = 20_000_000
_EXACT_BLOCK = 4_000_000

Derivatives = Callable[[NDArray[np.float64]], list[NDArray[np.float64]]]


def _negative_class_derivs(z: NDArray[np.float64]) -> list[NDArray[np.float64]]:
    # f(z) = softplus(z): the loss of a class-0 sample with logit z.
    s_pos, s_neg = expit(z), expit(-z)
    curv = s_pos * s_neg
    return [softplus(z), s_pos, curv, curv * (s_neg - s_pos)]


def _positive_class_derivs(z: NDArray[np.float64]) -> list[NDArray[np.float64]]:
    # f(z) = softplus(-z): the loss of a class-1 sample with logit z.
    s_pos, s_neg = expit(z), expit(-z)
    curv = s_pos * s_neg
    return [softplus(-z), -s_neg, curv, curv * (s_neg - s_pos)]


def _exact_class_sum(
    xc: NDArray[np.float64],
    slopes: NDArray[np.float64],
    biases: NDArray[np.float64],
    positive: bool,
) -> NDArray[np.float64]:
    out = np.empty((len(biases), len(slopes)))
    sign = -1.0 if positive else 1.0
    block = max(1, _EXACT_BLOCK // max(1, len(xc)))
    for i, b in enumerate(biases):
        for j in range(0, len(slopes), block):
            z = np.multiply.outer(slopes[j : j + block], xc) + b
            out[i, j : j + block] = softplus(sign * z).sum(axis=1)
    return out


def _fast_class_sum(
    xc: NDArray[np.float64],
    slopes: NDArray[np.float64],
    biases: NDArray[np.float64],
    positive: bool,
) -> NDArray[np.float64]:
    r"""Sum of one class's losses on the grid via binned moments and a lattice.

    Step 1 bins ``x`` so finely that ``|s (x - m_l)| <= LATTICE_STEP``
    inside every bin ``l`` (``m_l`` = bin mean) and keeps the count and the
    central moments of order 2 and 3. Step 2, for every slope, snaps each bin's
    logit ``s m_l`` to a node ``z_q`` of a lattice with step ``LATTICE_STEP``
    and turns the bin moments into moments of ``u = s x - z_q`` (``|u| <=
    1.5 LATTICE_STEP``). Step 3 expands the loss around the node to third order,

    .. math:: \sum_k f(s x_k + b) \approx \sum_q \sum_{r=0}^{3}
              f^{(r)}(z_q + b)\, \frac{1}{r!} \sum_{k \to q} u_k^r,

    so all transcendental work is one ``(n_biases, n_nodes)`` table per order
    and the rest is four matrix products.
    """
    derivs: Derivatives = _positive_class_derivs if positive else _negative_class_derivs
    n_c = len(xc)
    s_max = float(np.max(np.abs(slopes)))
    width = LATTICE_STEP / s_max if s_max > 0 else np.inf
    span = float(xc.max() - xc.min())
    means: NDArray[np.float64]
    w0_: NDArray[np.float64]
    w2: NDArray[np.float64]
    w3: NDArray[np.float64]
    if np.isfinite(width) and span / width + 1 < n_c:
        idx = np.floor((xc - xc.min()) / width).astype(np.int64)
        counts = np.bincount(idx)
        keep = counts > 0
        idx = np.cumsum(keep)[idx] - 1  # renumber the non-empty bins 0..L-1
        w0_ = counts[keep].astype(np.float64)
        means = np.bincount(idx, weights=xc).astype(np.float64) / w0_
        dev = xc - means[idx]
        w2 = np.bincount(idx, weights=dev**2).astype(np.float64)
        w3 = np.bincount(idx, weights=dev**3).astype(np.float64)
    elif s_max > 0:
        means, w0_ = xc, np.ones(n_c)
        w2 = w3 = np.zeros(n_c)
    else:  # every slope is zero: all logits equal the bias.
        means, w0_ = xc[:1] * 0.0, np.array([float(n_c)])
        w2 = w3 = np.zeros(1)
    t = np.multiply.outer(means, slopes)  # (L, S) bin logits s * m_l
    node = np.rint(t / LATTICE_STEP).astype(np.int64)
    e = t - node * LATTICE_STEP  # |e| <= step / 2
    s2, s3 = slopes**2, slopes**3
    moments = [
        np.broadcast_to(w0_[:, None], t.shape),
        e * w0_[:, None],
        (e**2 * w0_[:, None] + s2 * w2[:, None]) / 2.0,
        (e**3 * w0_[:, None] + 3.0 * e * s2 * w2[:, None] + s3 * w3[:, None]) / 6.0,
    ]
    lo = int(node.min())
    n_nodes = int(node.max()) - lo + 1
    n_slopes = len(slopes)
    if n_nodes * max(n_slopes, len(biases)) > _MAX_LATTICE_CELLS:
        return _exact_class_sum(xc, slopes, biases, positive)
    flat = ((node - lo) * n_slopes + np.arange(n_slopes)).ravel()
    nodes = (lo + np.arange(n_nodes)) * LATTICE_STEP
    tables = derivs(np.add.outer(biases, nodes))  # each (B, Q)
    total = np.zeros((len(biases), n_slopes))
    for table, moment in zip(tables, moments, strict=True):
        grid = np.bincount(flat, weights=np.ravel(moment), minlength=n_nodes * n_slopes).reshape(
            n_nodes, n_slopes
        )
        total += table @ grid
    return total


def loss_surface(
    x: ArrayLike,
    y: ArrayLike,
    slopes: ArrayLike,
    biases: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    method: str = "fast",
) -> NDArray[np.float64]:
    r"""Mean weighted BCE of the 1-D logistic model over a (slope, bias) grid.

    .. math::

        Z_{ij} = \frac1n \sum_{k} \Bigl[w_1 y_k\,\mathrm{softplus}(-z_{ijk})
                 + w_0 (1 - y_k)\,\mathrm{softplus}(z_{ijk})\Bigr],\qquad
        z_{ijk} = \mathrm{slopes}_j\, x_k + \mathrm{biases}_i,

    i.e. ``Z[i, j] = weighted_bce_with_logits(y, slopes[j]*x + biases[i],
    w0=w0, w1=w1, reduction="mean")``.

    Parameters
    ----------
    x : array_like of shape (n,)
        The 1-D feature (e.g. :func:`lib.data.project_1d`).
    y : array_like of shape (n,)
        Labels 0/1.
    slopes : array_like of shape (S,)
        Slope values (columns of ``Z``).
    biases : array_like of shape (B,)
        Bias values (rows of ``Z``).
    w0, w1 : float, default=1.0
        Class weights; finite, >= 0, not both zero.
    method : {"fast", "exact"}, default="fast"
        ``"exact"`` evaluates every (cell, sample) pair, O(B S n).
        ``"fast"`` bins ``x``, snaps the logits to a lattice of step
        ``LATTICE_STEP`` and uses a third-order Taylor expansion with the
        bins' central moments as the correction term; the cost is
        O(n + S L + B Q S) for L non-empty bins and Q lattice nodes, and the
        relative error is below 1e-4 (bound ``(1.5 LATTICE_STEP)**4 / 24``).

    Returns
    -------
    ndarray of shape (B, S)
        The loss surface; rows follow ``biases``, columns ``slopes``.

    References
    ----------
    The moment (sufficient-statistics) correction is the delta method:
    Casella & Berger (2002), *Statistical Inference*, sec. 5.5.4.
    """
    w0, w1 = check_class_weights(w0, w1)
    x_arr = as_float_array("x", x)
    y_arr = as_binary_labels("y", y)
    check_same_length(x=x_arr, y=y_arr)
    s_arr = as_float_array("slopes", slopes)
    b_arr = as_float_array("biases", biases)
    check_either("method", method, "fast", "exact")
    class_sum = _fast_class_sum if method == "fast" else _exact_class_sum
    total = np.zeros((len(b_arr), len(s_arr)))
    for positive, weight in ((False, w0), (True, w1)):
        xc = x_arr[y_arr == (1.0 if positive else 0.0)]
        if len(xc) and weight > 0:
            total += weight * class_sum(xc, s_arr, b_arr, positive)
    return total / len(x_arr)


@dataclass(frozen=True)
class SurfaceGrid:
    """A (slope, bias) grid for :func:`loss_surface` and the minima on it.

    Attributes
    ----------
    slopes, biases : ndarray
        Grid axes.
    optima : list of tuple of float
        ``(slope, bias)`` minimising each requested loss (Newton's method,
        :func:`lib.gradients.logistic_minimum`; on separable data, where no
        minimum exists, a nearly unpenalised logistic regression).
    """

    slopes: NDArray[np.float64]
    biases: NDArray[np.float64]
    optima: list[tuple[float, float]]


def surface_grid(
    x: ArrayLike, y: ArrayLike, weight_pairs: list[tuple[float, float]], *, size: int = 80
) -> SurfaceGrid:
    """Choose one grid on which every requested loss shows its minimum.

    The minimum of each weighted loss is found first, exactly, by Newton's
    method (:func:`lib.gradients.logistic_minimum`). On perfectly separable
    data no minimum exists; a 1-D logistic regression with ``C = 1e4`` (nearly
    unpenalised) then gives a finite stand-in. (scikit-learn's solver alone
    stops early where the loss is tiny — at w1/w0 = 1e-2 on the default data
    its bias was 4 units off.) The grid spans all minima with a margin and is
    clipped to slopes in [-20, 20] and biases in [-40, 40].

    Parameters
    ----------
    x : array_like of shape (n,)
        The 1-D feature.
    y : array_like of shape (n,)
        Labels 0/1 with both classes present.
    weight_pairs : list of (w0, w1)
        The losses the grid has to show.
    size : int, default=80
        Number of grid points per axis, 10 to 200.

    Returns
    -------
    SurfaceGrid
    """
    # deferred: keeps the import of surface light
    from lib.gradients import logistic_minimum
    from lib.models import fit_logistic

    x_arr = as_float_array("x", x)
    optima = []
    for w0, w1 in weight_pairs:
        theta = logistic_minimum(x_arr[:, None], y, w0=w0, w1=w1)
        if theta is None:
            model = fit_logistic(x_arr[:, None], y, w0=w0, w1=w1, C=1e4)
            theta = np.array([model.coef_[0, 0], model.intercept_[0]])
        optima.append((float(theta[0]), float(theta[1])))
    s_opt = np.array([o[0] for o in optima])
    b_opt = np.array([o[1] for o in optima])
    s_lo = min(0.0, float(s_opt.min())) - 1.0
    s_hi = max(1.0, float(s_opt.max())) * 1.6 + 1.0
    b_pad = max(3.0, 0.6 * float(np.ptp(b_opt)))
    b_lo, b_hi = float(b_opt.min()) - b_pad, float(b_opt.max()) + b_pad
    slopes = np.linspace(max(-20.0, s_lo), min(20.0, s_hi), size)
    biases = np.linspace(max(-40.0, b_lo), min(40.0, b_hi), size)
    return SurfaceGrid(slopes=slopes, biases=biases, optima=optima)
