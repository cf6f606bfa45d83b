r"""The Bayes rule on the lab's Gaussian data: what even a perfect model predicts.

On :func:`lib.data.make_imbalanced`'s default data (``shape="gaussian"``:
two unit-variance Gaussians with equal covariance, means
:math:`\pm\tfrac{s}{2}u`) the true posterior is logistic, so the most
accurate rule is known exactly. It tells whether a model that predicts
"class 0 almost everywhere" fails, or does what the most accurate rule does.

The other shapes (``shape="unequal_var"``, ``"two_clusters"``) have known
log-odds too, quadratic or even in :math:`u^\top x` rather than linear:
:func:`true_log_odds` and :func:`true_posterior` cover every shape, so a page
can draw the Bayes boundary a linear model cannot follow.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit

from lib._validation import as_float_array, check_finite_number
from lib.data import MAX_RATIO, MINORITY_SPREAD, check_shape


def _check(ratio: float, class_sep: float) -> tuple[float, float]:
    r = check_finite_number("ratio", ratio, low=1.0, high=MAX_RATIO)
    s = check_finite_number("class_sep", class_sep, low=0.0)
    return r, s


def true_log_odds(
    X: ArrayLike, *, ratio: float, class_sep: float, shape: str = "gaussian"
) -> NDArray[np.float64]:
    r"""The true log-odds of class 1 on the lab's data, for every data shape.

    With :math:`t = u^\top x`, :math:`u = (1, \dots, 1)/\sqrt d`, class
    prior :math:`P(y=1) = 1/(1+r)` and ``s`` the separation (see
    :func:`lib.data.make_imbalanced`, which draws these shapes):

    ``"gaussian"``: two unit-variance Gaussians with means
    :math:`\pm\tfrac{s}{2}u`; the log-odds are linear,

    .. math:: \log\frac{P(y=1\mid x)}{P(y=0\mid x)} = s\,t - \log r,

    ``"unequal_var"``: majority :math:`N(-\tfrac{s}{2}u, I)`, minority
    :math:`N(\tfrac{s}{2}u, \sigma^2 I)`, :math:`\sigma` =
    :data:`lib.data.MINORITY_SPREAD`; quadratic log-odds (a spherical Bayes
    boundary, a circle in 2-D),

    .. math:: -\log r - d\log\sigma
              - \frac{\lVert x - \tfrac{s}{2}u\rVert^2}{2\sigma^2}
              + \frac{\lVert x + \tfrac{s}{2}u\rVert^2}{2},

    ``"two_clusters"``: majority :math:`N(0, I)`, minority the even mixture
    of :math:`N(\pm s\,u, I)`; log-odds even in :math:`t`, so no line
    follows them,

    .. math:: -\log r + \log\cosh(s\,t) - \tfrac{s^2}{2}.

    The rule "log-odds > 0" (posterior > 0.5) is the Bayes rule: no
    classifier has a higher expected accuracy; "log-odds > :math:`-\log r`"
    (equal class densities) has the best balanced accuracy.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Points.
    ratio : float
        Majority per minority sample ``r``, 1 to 10,000.
    class_sep : float
        Separation ``s`` of :func:`lib.data.make_imbalanced`, >= 0.
    shape : str, default="gaussian"
        One of :data:`lib.data.SHAPES`.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Hastie, Tibshirani and Friedman (2009), *The Elements of Statistical
    Learning*, sec. 4.3 (linear discriminant analysis: equal covariances give
    a linear log-odds; quadratic discriminant analysis: unequal ones a
    quadratic log-odds).
    """
    r, s = _check(ratio, class_sep)
    kind = check_shape(shape)
    X_arr = as_float_array("X", X, ndim=2)
    d = X_arr.shape[1]
    u = np.ones(d) / math.sqrt(d)
    if kind == "gaussian":
        return np.asarray(s * (X_arr @ u) - math.log(r), dtype=np.float64)
    if kind == "two_clusters":
        t = s * (X_arr @ u)
        log_cosh = np.logaddexp(t, -t) - math.log(2.0)  # stable for large |t|
        return np.asarray(log_cosh - 0.5 * s * s - math.log(r), dtype=np.float64)
    sigma = MINORITY_SPREAD
    to_minority = np.sum((X_arr - 0.5 * s * u) ** 2, axis=1)
    to_majority = np.sum((X_arr + 0.5 * s * u) ** 2, axis=1)
    return np.asarray(
        to_majority / 2.0 - to_minority / (2.0 * sigma**2) - d * math.log(sigma) - math.log(r),
        dtype=np.float64,
    )


def true_posterior(
    X: ArrayLike, *, ratio: float, class_sep: float, shape: str = "gaussian"
) -> NDArray[np.float64]:
    r"""The true probability :math:`P(y=1\mid x)` on the lab's data, for every shape.

    .. math:: P(y=1\mid x) = \frac{1}{1 + e^{-\ell(x)}}

    with :math:`\ell` from :func:`true_log_odds` (same parameters): the
    probabilities a perfectly calibrated model would give, whose 0.5 contour
    is the Bayes boundary.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Points.
    ratio : float
        Majority per minority sample ``r``, 1 to 10,000.
    class_sep : float
        Separation ``s``, >= 0.
    shape : str, default="gaussian"
        One of :data:`lib.data.SHAPES`.

    Returns
    -------
    ndarray of shape (n,)
        Probabilities in [0, 1].

    Raises
    ------
    ValueError
        As :func:`true_log_odds`: a bad ``ratio``, ``class_sep``, ``shape``
        or ``X``.

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), *The Elements of Statistical
    Learning*, sec. 4.3 (class posteriors from class densities and priors by
    Bayes' rule; the log-odds of :func:`true_log_odds`).
    """
    logit = true_log_odds(X, ratio=ratio, class_sep=class_sep, shape=shape)
    return np.asarray(expit(logit), dtype=np.float64)


def bayes_recall(ratio: float, class_sep: float) -> float:
    r"""Share of class-1 points whose true posterior exceeds 0.5.

    That is the class-1 recall of the Bayes rule (the most accurate rule) on
    the Gaussian data. Along :math:`u` a class-1 point is
    :math:`u^\top x \sim N(s/2, 1)`, and its log-odds
    :math:`s\,u^\top x - \log r` is positive when
    :math:`u^\top x > \log(r)/s`, so

    .. math:: \text{share} = \Phi\!\left(\frac{s}{2} - \frac{\log r}{s}\right)
              \quad (s > 0), \qquad 0 \quad (s = 0,\ r \ge 1),

    with :math:`\Phi` the standard normal CDF. At 1:1000 and :math:`s = 2`
    it is :math:`\Phi(-2.45) \approx 0.71\,\%`.

    Parameters
    ----------
    ratio : float
        Majority per minority sample ``r``, 1 to 10,000.
    class_sep : float
        Distance between the class means ``s``, >= 0.

    Returns
    -------
    float
        In [0, 1).

    References
    ----------
    Duda, Hart and Stork (2001), *Pattern Classification*, sec. 2.6 (the
    Bayes decision rule for normal densities); Elkan (2001), "The foundations
    of cost-sensitive learning" (other costs move the threshold).
    """
    r, s = _check(ratio, class_sep)
    if s == 0.0:
        return 0.0
    z = s / 2.0 - math.log(r) / s
    return 0.5 * math.erfc(-z / math.sqrt(2.0))
