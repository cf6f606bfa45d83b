"""Synthetic imbalanced data sets and their display helpers."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    _show,
    as_binary_labels,
    as_float_array,
    check_finite_number,
    check_int,
    check_same_length,
)
from lib.i18n import LabError

#: Largest data set the lab generates; beyond this the app would not stay
#: interactive on a small server.
MAX_SAMPLES = 1_000_000
MAX_RATIO = 10_000.0


def minority_count(n_samples: int, ratio: float) -> int:
    r"""Number of class-1 samples :func:`make_imbalanced` draws.

    .. math:: n_1 = \max\bigl(1, \mathrm{round}(n / (1 + r))\bigr)

    Parameters
    ----------
    n_samples : int
        Total number of samples, >= 2.
    ratio : float
        Majority per minority sample, ``r`` >= 1 (1000 means 1:1000).

    Returns
    -------
    int
        The minority count; never 0 and never all samples.
    """
    n = check_int("n_samples", n_samples, low=2, high=MAX_SAMPLES)
    r = check_finite_number("ratio", ratio, low=1.0, high=MAX_RATIO)
    return int(min(n - 1, max(1, round(n / (1.0 + r)))))


#: Data shapes :func:`make_imbalanced` draws. "gaussian" (the default) is the
#: only one on which logistic regression is well specified; the others have a
#: curved Bayes boundary ("unequal_var") or a minority no line can separate
#: ("two_clusters").
SHAPES: tuple[str, ...] = ("gaussian", "unequal_var", "two_clusters")
#: Standard deviation of the minority class of the "unequal_var" shape, as a
#: fraction of the majority's (which is 1).
MINORITY_SPREAD = 0.5


def check_shape(shape: object) -> str:
    """Return ``shape`` after checking it is one of :data:`SHAPES`.

    Raises
    ------
    ValueError
        A :class:`lib.i18n.LabError` naming the shapes on offer.
    """
    if not isinstance(shape, str) or shape not in SHAPES:
        raise LabError(
            "error.data.shape", choices=", ".join(repr(s) for s in SHAPES), value=_show(shape)
        )
    return shape


def make_imbalanced(
    n_samples: int,
    ratio: float,
    *,
    n_features: int = 2,
    class_sep: float = 1.0,
    shape: str = "gaussian",
    random_state: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    r"""Draw a two-class data set of a given shape and imbalance ratio.

    Every shape starts from the same draw of standard normal vectors
    :math:`z_i` and moves the classes along :math:`u = (1,\dots,1)/\sqrt{d}`;
    ``s`` is ``class_sep``, ``r`` the ratio and :math:`t = u^\top x`. The true
    (Bayes) log-odds, computed by :func:`lib.bayes.true_log_odds`, are:

    ``"gaussian"`` (default)
        Both classes are isotropic unit-variance Gaussians with means at
        :math:`\pm \tfrac{s}{2}\,u`, so ``s`` is the distance between the
        means in standard deviations. With equal covariances the log-odds
        are linear, :math:`\log\frac{P(y=1|x)}{P(y=0|x)} = s\,t - \log r`,
        so logistic regression is well specified (the model family holds the
        true posterior). This is the data of earlier versions, bit for bit
        the same for the same ``random_state``.
    ``"unequal_var"``
        Majority :math:`N(-\tfrac{s}{2}u, I)`, minority
        :math:`N(+\tfrac{s}{2}u, \sigma^2 I)` with a smaller spread
        :math:`\sigma` = :data:`MINORITY_SPREAD` = 0.5. The log-odds are
        quadratic,

        .. math:: \ell(x) = -\log r - d\log\sigma
                  - \frac{\lVert x - \tfrac{s}{2}u\rVert^2}{2\sigma^2}
                  + \frac{\lVert x + \tfrac{s}{2}u\rVert^2}{2},

        so every Bayes boundary (any threshold) is a sphere, a circle in
        2-D, centred on the line through the class means
        :math:`\mu_{1,0} = \pm\tfrac{s}{2}u`, at
        :math:`(\mu_1/\sigma^2 - \mu_0)/(1/\sigma^2 - 1)`. Logistic
        regression, whose log-odds are linear in :math:`x`, is
        misspecified: no choice of its coefficients equals :math:`\ell`, and
        its fit depends on how the samples are weighted.
    ``"two_clusters"``
        Majority :math:`N(0, I)`; the minority is split between two clusters
        :math:`N(+s\,u, I)` and :math:`N(-s\,u, I)` on opposite sides of
        it (alternate minority samples, the first one on the + side), so
        ``s`` is the distance from the majority mean to each cluster mean.
        The log-odds,

        .. math:: \ell(x) = -\log r + \log\cosh(s\,t) - \tfrac{s^2}{2},

        are even in :math:`t`: high on both sides, low in the middle. A
        linear log-odds :math:`\beta^\top x + b` is monotone in every
        direction, so it cannot rise on both sides: no line separates the
        minority, whatever the weights. A half-plane can at best cut off
        one cluster; along a direction in which the clusters sit at
        :math:`\pm a`, the rule "projection > c" has balanced accuracy
        :math:`\tfrac14\Phi(a-c) + \tfrac14\Phi(-a-c) + \tfrac12\Phi(c)
        \le \tfrac12 + \tfrac14\Phi(c) < \tfrac34` for every ``s``, while
        the Bayes rule's tends to 1 as ``s`` grows. Logistic regression,
        pulled towards both clusters, ends close to a flat model.

    Parameters
    ----------
    n_samples : int
        Total number of samples, 2 <= n <= 1,000,000.
    ratio : float
        ``n_majority / n_minority`` in [1, 10000]; 1000 means 1:1000. The
        number of ``y == 1`` is ``max(1, round(n_samples / (1 + ratio)))``
        (see :func:`minority_count`), for every shape.
    n_features : int, default=2
        Dimension ``d`` of the feature space, 1 <= d <= 50.
    class_sep : float, default=1.0
        Separation ``s`` of the classes in majority standard deviations,
        >= 0: the distance between the class means ("gaussian",
        "unequal_var") or from the majority mean to each minority cluster
        ("two_clusters").
    shape : str, default="gaussian"
        One of :data:`SHAPES`.
    random_state : int or None, default=None
        Seed for ``numpy.random.default_rng``; the same seed gives the same
        data.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        Features, rows in random order.
    y : ndarray of shape (n_samples,)
        Labels: 0 for the majority class, 1 for the minority class.

    Raises
    ------
    ValueError
        If ``ratio < 1``, ``n_samples < 2``, ``shape`` is not in
        :data:`SHAPES`, or another argument is out of range.

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), *The Elements of Statistical
    Learning*, sec. 4.3 (quadratic discriminant analysis: unequal
    covariances give quadratic log-odds) and sec. 4.4.5 (LDA and logistic
    regression share the linear log-odds under equal covariances).
    """
    n = check_int("n_samples", n_samples, low=2, high=MAX_SAMPLES)
    d = check_int("n_features", n_features, low=1, high=50)
    sep = check_finite_number("class_sep", class_sep, low=0.0, high=100.0)
    kind = check_shape(shape)
    n1 = minority_count(n, ratio)
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    rng = np.random.default_rng(random_state)
    direction = np.full(d, 1.0 / np.sqrt(d))
    X = rng.standard_normal((n, d))
    y = np.zeros(n, dtype=np.int64)
    y[:n1] = 1
    if kind == "two_clusters":
        side = np.where(np.arange(n1) % 2 == 0, 1.0, -1.0)
        X[:n1] += (sep * side)[:, None] * direction
    else:
        if kind == "unequal_var":
            X[:n1] *= MINORITY_SPREAD
        X += np.where(y[:, None] == 1, 0.5 * sep, -0.5 * sep) * direction
    order = rng.permutation(n)
    return X[order], y[order]


def project_1d(X: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    r"""Project features onto the standardised direction between class means.

    .. math::

        v = \bar x_1 - \bar x_0,\qquad t_i = \frac{v^\top x_i - m}{s}

    where ``m`` and ``s`` are the mean and standard deviation of
    :math:`v^\top x_i` (if ``v`` is zero the first feature is used). This is
    the 1-D view in which a logistic model has just a slope and a bias.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1; both classes must be present.

    Returns
    -------
    ndarray of shape (n,)
        The standardised projection ``t``.
    """
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y)
    check_same_length(X=X_arr, y=y_arr)
    if y_arr.min() == y_arr.max():
        raise LabError("error.data.projection")
    v = X_arr[y_arr == 1].mean(axis=0) - X_arr[y_arr == 0].mean(axis=0)
    norm = float(np.linalg.norm(v))
    v = v / norm if norm > 0 else np.eye(X_arr.shape[1])[0]
    t = X_arr @ v
    scale = float(t.std())
    return np.asarray((t - t.mean()) / (scale if scale > 0 else 1.0), dtype=np.float64)


def display_subsample(
    y: ArrayLike, *, max_points: int = 5000, random_state: int = 0
) -> NDArray[np.int64]:
    """Choose which points to draw: every minority point, a random majority sample.

    Browsers slow down with hundreds of thousands of markers, so charts draw
    at most ``max_points`` majority points, chosen uniformly at random, and
    every minority point (they are what the lab is about) — unless class 1
    itself has more than ``max_points``, as at 1:1 on a million samples; then
    it is sampled down to ``max_points`` the same way.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1.
    max_points : int, default=5000
        Largest number of points to keep of each class, >= 1.
    random_state : int, default=0
        Seed of the majority subsample.

    Returns
    -------
    ndarray of int
        Sorted indices of the points to draw.
    """
    y_arr = as_binary_labels("y", y)
    limit = check_int("max_points", max_points, low=1)
    minority = np.flatnonzero(y_arr == 1)
    majority = np.flatnonzero(y_arr == 0)
    rng = np.random.default_rng(random_state)
    if len(majority) > limit:
        majority = rng.choice(majority, size=limit, replace=False)
    if len(minority) > limit:
        minority = rng.choice(minority, size=limit, replace=False)
    return np.sort(np.concatenate([minority, majority])).astype(np.int64)


def plot_extent(
    X: ArrayLike, y: ArrayLike, *, margin: float = 0.5
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis ranges of a 2-D scatter: the bulk of the data and every minority point.

    Each axis spans the 0.1 %-99.9 % quantiles of all points, widened to
    include every class-1 point, plus ``margin``; a few far-out majority
    points are allowed to fall outside so the picture is not mostly empty.

    Parameters
    ----------
    X : array_like of shape (n, >=2)
        Features; the first two columns are used.
    y : array_like of shape (n,)
        Labels 0/1.
    margin : float, default=0.5
        Padding added on each side, >= 0.

    Returns
    -------
    x_range, y_range : (float, float)
    """
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y)
    check_same_length(X=X_arr, y=y_arr)
    if X_arr.shape[1] < 2:
        raise LabError("error.data.two_features")
    pad = check_finite_number("margin", margin, low=0.0)
    ranges = []
    for d in (0, 1):
        col = X_arr[:, d]
        lo, hi = np.quantile(col, [0.001, 0.999])
        minority = col[y_arr == 1]
        if len(minority):
            lo, hi = min(lo, minority.min()), max(hi, minority.max())
        ranges.append((float(lo) - pad, float(hi) + pad))
    return ranges[0], ranges[1]


def long_tail_counts(n_max: int, imbalance: float, *, n_classes: int = 7) -> NDArray[np.int64]:
    r"""Class counts that decay exponentially from the head to the tail.

    .. math:: n_c = \max\bigl(1, \mathrm{round}(n_{\max}\, \rho^{-c/(k-1)})\bigr),
              \quad c = 0, \dots, k-1

    so the most frequent class has ``n_max`` samples and the rarest about
    ``n_max / imbalance`` — the long-tailed construction of Cui et al.

    Parameters
    ----------
    n_max : int
        Samples of the most frequent class, 2 to 1,000,000.
    imbalance : float
        Ratio :math:`\rho` of the largest to the smallest count, 1 to 10,000.
    n_classes : int, default=7
        Number of classes ``k``, 2 to 50.

    Returns
    -------
    ndarray of int of shape (k,)
        Non-increasing counts.

    References
    ----------
    Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on
    Effective Number of Samples", CVPR, sec. 5.1 (long-tailed CIFAR).
    """
    top = check_int("n_max", n_max, low=2, high=MAX_SAMPLES)
    rho = check_finite_number("imbalance", imbalance, low=1.0, high=MAX_RATIO)
    k = check_int("n_classes", n_classes, low=2, high=50)
    raw = top * rho ** (-np.arange(k) / (k - 1))
    return np.maximum(1, np.rint(raw)).astype(np.int64)


def make_long_tailed(
    counts: ArrayLike, *, class_sep: float = 2.0, random_state: int | None = None
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    r"""Draw a 2-D multi-class data set with the given class counts.

    Class ``c`` is an isotropic unit-variance Gaussian centred on a circle,
    :math:`\mu_c = r(\cos\theta_c, \sin\theta_c)`, :math:`\theta_c = 2\pi c/k`,
    with the radius chosen so that neighbouring means are ``class_sep``
    standard deviations apart.

    Parameters
    ----------
    counts : array_like of int of shape (k,)
        Samples per class, each >= 1 (e.g. :func:`long_tail_counts`).
    class_sep : float, default=2.0
        Distance between neighbouring class means, >= 0.
    random_state : int or None, default=None
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (sum(counts), 2)
    y : ndarray of int of shape (sum(counts),)
        Class indices, rows in random order.
    """
    n = np.asarray(as_float_array("counts", counts))
    if np.any(n < 1) or np.any(n != np.round(n)) or len(n) < 2:
        raise LabError("error.data.counts")
    if n.sum() > MAX_SAMPLES:
        raise LabError("error.data.too_many", total=f"{int(n.sum()):,}", limit=f"{MAX_SAMPLES:,}")
    sep = check_finite_number("class_sep", class_sep, low=0.0, high=100.0)
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    k = len(n)
    radius = sep / (2.0 * np.sin(np.pi / k))
    angles = 2.0 * np.pi * np.arange(k) / k
    means = radius * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.repeat(np.arange(k), n.astype(np.int64))
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((len(y), 2)) + means[y]
    order = rng.permutation(len(y))
    return X[order], y[order]


def stratified_subsample(
    y: ArrayLike, max_rows: int, *, random_state: int | None = 0, min_per_class: int = 1
) -> NDArray[np.int64]:
    r"""Row indices of a random subset that keeps every class's share.

    With :math:`n \le` ``max_rows`` every row is kept; otherwise each class
    :math:`c` keeps :math:`k_c = \max(m_{min}, \mathrm{round}(m\, n_c / n))`
    of its :math:`n_c` rows (at most all of them), drawn without replacement,
    and the largest class gives up the rows the smaller ones gained. With
    :math:`m_{min} = 1` the imbalance ratio is unchanged (up to rounding) —
    unlike :func:`display_subsample`, which keeps every minority point for
    drawing; a larger ``min_per_class`` keeps enough rare rows for
    cross-validation at the price of a milder ratio, which the caller must
    say.

    Parameters
    ----------
    y : array_like of shape (n,)
        Class labels.
    max_rows : int
        Most rows to keep, >= 2.
    random_state : int or None, default=0
        Seed.
    min_per_class : int, default=1
        Fewest rows kept of every class (all of a smaller class).

    Returns
    -------
    ndarray of int
        Sorted row indices.

    References
    ----------
    Cochran (1977), "Sampling Techniques", 3rd ed., ch. 5 (proportional
    stratified sampling).
    """
    labels = np.asarray(y)
    m = check_int("max_rows", max_rows, low=2)
    floor = check_int("min_per_class", min_per_class, low=1)
    if len(labels) <= m:
        return np.arange(len(labels), dtype=np.int64)
    rng = np.random.default_rng(random_state)
    classes, sizes = np.unique(labels, return_counts=True)
    keep = [min(int(n), max(floor, round(m * int(n) / len(labels)))) for n in sizes]
    largest = int(np.argmax(sizes))
    keep[largest] = max(1, min(int(sizes[largest]), m - (sum(keep) - keep[largest])))
    parts = [
        rng.choice(np.flatnonzero(labels == cls), size=k, replace=False)
        for cls, k in zip(classes, keep, strict=True)
    ]
    return np.sort(np.concatenate(parts)).astype(np.int64)


def majority_sample(
    y: ArrayLike, max_majority: int, *, random_state: int = 0
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    r"""Every minority row and a uniform majority sample, weighted to stay unbiased.

    With :math:`n_0 \le m` (``max_majority``) every row is kept with weight 1.
    Otherwise :math:`m` of the :math:`n_0` class-0 rows are drawn uniformly
    without replacement and each gets the weight :math:`h = n_0 / m` (the
    inverse of its inclusion probability); class-1 rows are all kept with
    :math:`h = 1`. For any per-row quantity :math:`f`,
    :math:`\sum_{\text{kept}} h_i f_i` is then an unbiased estimate of
    :math:`\sum_{\text{all}} f_i` (Horvitz-Thompson), with relative standard
    error :math:`\mathrm{CV}_f \sqrt{(1 - m/n_0)/m}` for the class-0 part —
    about 0.3 % at :math:`m = 100{,}000` when :math:`\mathrm{CV}_f \approx 1`. Losses and
    gradients of a million rows are estimated from a tenth of them.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1.
    max_majority : int
        Most class-0 rows to keep, >= 1.
    random_state : int, default=0
        Seed of the sample.

    Returns
    -------
    rows : ndarray of int
        Sorted indices of the kept rows.
    weights : ndarray of float
        The weight :math:`h_i` of each kept row.

    References
    ----------
    Horvitz and Thompson (1952), "A generalization of sampling without
    replacement from a finite universe", JASA 47(260), 663-685.
    """
    y_arr = as_binary_labels("y", y)
    m = check_int("max_majority", max_majority, low=1)
    majority = np.flatnonzero(y_arr == 0)
    if len(majority) <= m:
        return np.arange(len(y_arr), dtype=np.int64), np.ones(len(y_arr))
    rng = np.random.default_rng(random_state)
    rows = np.sort(
        np.concatenate([np.flatnonzero(y_arr == 1), rng.choice(majority, size=m, replace=False)])
    )
    weights = np.where(y_arr[rows] == 0, len(majority) / m, 1.0)
    return rows.astype(np.int64), weights
