r"""Weighted least squares with known noise levels: the page's third study.

A straight line measured with unequal, known uncertainty
(:func:`make_heteroscedastic`) is fitted by ordinary and by weighted least
squares with :math:`s_i = 1/\sigma_i^2` (:func:`inverse_variance_weights`,
:func:`fit_line`, scikit-learn ``LinearRegression``); :func:`line_error`
scores a fit, :func:`replicate_line_fits` and
:func:`slope_standard_deviations` show how precise each estimator is, and
:func:`regression_study` combines them. :func:`regression_section` returns
everything the sample-weights page's third section shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.linear_model import LinearRegression

from lib._validation import as_float_array, check_finite_number, check_int, check_same_length
from lib.data import MAX_SAMPLES
from lib.i18n import LabError


@dataclass(frozen=True)
class HeteroscedasticData:
    """Points on a straight line measured with unequal, known uncertainty.

    Attributes
    ----------
    x, y : ndarray of shape (n,)
        Measurements.
    sigma : ndarray of shape (n,)
        Standard deviation of every measurement's noise.
    intercept, slope : float
        The true line :math:`y = a + b x`.
    x_range : (float, float)
        The interval the ``x`` were drawn from.
    """

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    sigma: NDArray[np.float64]
    intercept: float
    slope: float
    x_range: tuple[float, float]


def make_heteroscedastic(
    n_samples: int = 40,
    *,
    spread: float = 20.0,
    slope: float = 0.8,
    intercept: float = 1.0,
    noise: float = 1.0,
    x_max: float = 10.0,
    random_state: int | None = None,
) -> HeteroscedasticData:
    r"""Draw points of a line whose noise level differs from point to point.

    .. math::

        x_i \sim U(0, x_{\max}),\quad
        \sigma_i = \sigma\, R^{\,u_i - 1/2},\ u_i \sim U(0, 1),\quad
        y_i = a + b\,x_i + \sigma_i\,\varepsilon_i,\ \varepsilon_i \sim N(0, 1)

    so the noise levels are log-uniform between :math:`\sigma/\sqrt R` and
    :math:`\sigma\sqrt R` (their geometric mean stays :math:`\sigma`), and
    ``spread`` :math:`R` is the ratio of the largest to the smallest
    possible :math:`\sigma_i`; ``spread=1`` is homoscedastic.

    Parameters
    ----------
    n_samples : int, default=40
        Number of points, 3 to 1,000,000.
    spread : float, default=20.0
        :math:`R \ge 1`, at most 10,000.
    slope, intercept : float
        The true line.
    noise : float, default=1.0
        Geometric-mean noise level :math:`\sigma > 0`.
    x_max : float, default=10.0
        Upper end of the x range, > 0.
    random_state : int or None, default=None
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    HeteroscedasticData

    References
    ----------
    Aitken (1935), "On Least Squares and Linear Combination of
    Observations", Proc. Royal Society of Edinburgh 55, 42-48.
    """
    n = check_int("n_samples", n_samples, low=3, high=MAX_SAMPLES)
    R = check_finite_number("spread", spread, low=1.0, high=10_000.0)
    b = check_finite_number("slope", slope)
    a = check_finite_number("intercept", intercept)
    s = check_finite_number("noise", noise, low=0.0, low_inclusive=False)
    top = check_finite_number("x_max", x_max, low=0.0, low_inclusive=False)
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    rng = np.random.default_rng(random_state)
    x = np.sort(rng.uniform(0.0, top, n))
    sigma = s * R ** (rng.uniform(size=n) - 0.5)
    y = a + b * x + sigma * rng.standard_normal(n)
    return HeteroscedasticData(x=x, y=y, sigma=sigma, intercept=a, slope=b, x_range=(0.0, top))


def inverse_variance_weights(sigma: ArrayLike) -> NDArray[np.float64]:
    r"""Weights of weighted least squares for known noise levels.

    .. math:: s_i = 1 / \sigma_i^2

    Parameters
    ----------
    sigma : array_like of shape (n,)
        Noise standard deviations, finite and > 0.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Aitken (1935), Proc. Royal Society of Edinburgh 55, 42-48.
    """
    s = as_float_array("sigma", sigma)
    if np.any(s <= 0):
        raise LabError("error.weights.sigma")
    return np.asarray(1.0 / (s * s), dtype=np.float64)


def _line_inputs(x: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x_arr = as_float_array("x", x)
    y_arr = as_float_array("y", y)
    check_same_length(x=x_arr, y=y_arr)
    if np.ptp(x_arr) == 0.0:
        raise LabError("error.weights.x_constant")
    return x_arr, y_arr


def fit_line(
    x: ArrayLike, y: ArrayLike, *, sample_weight: ArrayLike | None = None
) -> tuple[float, float]:
    r"""Least-squares line, ordinary or weighted (scikit-learn ``LinearRegression``).

    .. math:: (\hat a, \hat b) = \arg\min_{a, b} \sum_i s_i\,(y_i - a - b\,x_i)^2

    with :math:`s_i = 1` (OLS) or the given weights; with
    :math:`s_i = 1/\sigma_i^2` this is weighted least squares, the best
    linear unbiased estimator under independent noise of known
    :math:`\sigma_i` (Aitken 1935; the Gauss-Markov theorem). Multiplying all
    weights by the same constant does not change the line.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Measurements; ``x`` must hold at least two different values.
    sample_weight : array_like of shape (n,) or None, default=None
        Weights >= 0 with a positive sum; ``None`` is OLS.

    Returns
    -------
    (float, float)
        ``(intercept, slope)``.

    References
    ----------
    Aitken (1935); scikit-learn API, ``LinearRegression.fit(sample_weight=...)``.
    """
    x_arr, y_arr = _line_inputs(x, y)
    sw: NDArray[np.float64] | None = None
    if sample_weight is not None:
        sw = as_float_array("sample_weight", sample_weight)
        check_same_length(x=x_arr, sample_weight=sw)
        if np.any(sw < 0) or not np.any(sw > 0):
            raise LabError("error.weights.nonpositive")
        if np.ptp(x_arr[sw > 0]) == 0.0:
            raise LabError("error.weights.one_x")
        sw = sw / sw.max()  # same line, and the solver never sees huge numbers
    model = LinearRegression().fit(x_arr[:, None], y_arr, sample_weight=sw)
    return float(model.intercept_), float(model.coef_[0])


def slope_standard_deviations(x: ArrayLike, sigma: ArrayLike) -> tuple[float, float]:
    r"""Standard deviation of the OLS and WLS slope for a fixed design.

    With independent noise of standard deviation :math:`\sigma_i`:

    .. math::

        \operatorname{Var}\hat b_{\mathrm{OLS}} =
        \frac{\sum_i (x_i - \bar x)^2 \sigma_i^2}{\bigl(\sum_i (x_i - \bar x)^2\bigr)^2},
        \qquad
        \operatorname{Var}\hat b_{\mathrm{WLS}} =
        \frac{1}{\sum_i w_i (x_i - \bar x_w)^2},\ w_i = \sigma_i^{-2},

    where :math:`\bar x_w` is the weighted mean of ``x``; the second is never
    larger (Gauss-Markov).

    Parameters
    ----------
    x : array_like of shape (n,)
        Design points, at least two different values.
    sigma : array_like of shape (n,)
        Noise standard deviations, > 0.

    Returns
    -------
    (float, float)
        ``(sd_ols, sd_wls)``.

    References
    ----------
    Aitken (1935); Seber & Lee (2003), *Linear Regression Analysis*, 2nd ed.,
    Wiley, sec. 3.10 (generalised least squares).
    """
    x_arr, s = _line_inputs(x, sigma)
    w = inverse_variance_weights(s)
    dx = x_arr - x_arr.mean()
    sxx = float(np.sum(dx * dx))
    var_ols = float(np.sum(dx * dx * s * s)) / sxx**2
    dxw = x_arr - float(np.sum(w * x_arr) / np.sum(w))
    var_wls = 1.0 / float(np.sum(w * dxw * dxw))
    return float(np.sqrt(var_ols)), float(np.sqrt(var_wls))


def line_error(
    intercept: float,
    slope: float,
    *,
    true_intercept: float,
    true_slope: float,
    x_range: tuple[float, float],
) -> float:
    r"""Root-mean-square vertical distance between a fitted and the true line.

    Averaged uniformly over :math:`x \in [l, u]`, with
    :math:`\Delta a = \hat a - a`, :math:`\Delta b = \hat b - b` and the
    midpoint :math:`m = (l + u)/2`:

    .. math::

        \sqrt{\frac{1}{u - l}\int_l^u (\Delta a + \Delta b\,x)^2\,dx}
        = \sqrt{(\Delta a + \Delta b\,m)^2 + \Delta b^2\,\frac{(u - l)^2}{12}}

    One number that counts an error in the intercept and in the slope alike.

    Parameters
    ----------
    intercept, slope : float
        The fitted line.
    true_intercept, true_slope : float
        The true line.
    x_range : (float, float)
        Interval ``(l, u)`` with ``l <= u``.

    Returns
    -------
    float
        >= 0, in the unit of ``y``.
    """
    da = check_finite_number("intercept", intercept) - check_finite_number(
        "true_intercept", true_intercept
    )
    db = check_finite_number("slope", slope) - check_finite_number("true_slope", true_slope)
    lo = check_finite_number("x_range[0]", x_range[0])
    hi = check_finite_number("x_range[1]", x_range[1], low=lo)
    mid = 0.5 * (lo + hi)
    return float(np.sqrt((da + db * mid) ** 2 + db * db * (hi - lo) ** 2 / 12.0))


def replicate_line_fits(
    data: HeteroscedasticData, *, n_reps: int = 400, random_state: int | None = None
) -> pd.DataFrame:
    r"""OLS and WLS estimates over many repetitions of the same experiment.

    The design (``x`` and ``sigma``) stays fixed; only the noise is drawn
    again, :math:`y^{(r)}_i = a + b x_i + \sigma_i \varepsilon^{(r)}_i`, and
    each repetition is fitted by :func:`fit_line` with and without
    :math:`s_i = 1/\sigma_i^2`. Both estimators are unbiased; the spread of
    their estimates shows which one is more precise.

    Parameters
    ----------
    data : HeteroscedasticData
        The experiment (:func:`make_heteroscedastic`).
    n_reps : int, default=400
        Number of repetitions, 2 to 10,000.
    random_state : int or None, default=None
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    DataFrame
        One row per repetition; columns ``ols_intercept``, ``ols_slope``,
        ``wls_intercept``, ``wls_slope``.

    References
    ----------
    Aitken (1935); Gauss-Markov theorem, e.g. Seber & Lee (2003), sec. 3.2.
    """
    reps = check_int("n_reps", n_reps, low=2, high=10_000)
    if random_state is not None:
        check_int("random_state", random_state, low=0)
    weights = inverse_variance_weights(data.sigma)
    x = as_float_array("data.x", data.x)
    rng = np.random.default_rng(random_state)
    noise = rng.standard_normal((len(x), reps))
    Y = data.intercept + data.slope * x[:, None] + data.sigma[:, None] * noise
    # One multi-output fit per estimator: every column of Y is a repetition.
    ols = LinearRegression().fit(x[:, None], Y)
    wls = LinearRegression().fit(x[:, None], Y, sample_weight=weights / weights.max())
    return pd.DataFrame(
        {
            "ols_intercept": ols.intercept_,
            "ols_slope": ols.coef_[:, 0],
            "wls_intercept": wls.intercept_,
            "wls_slope": wls.coef_[:, 0],
        }
    )


@dataclass(frozen=True)
class RegressionStudy:
    """OLS against WLS on one experiment and on its repetitions.

    Attributes
    ----------
    fits : DataFrame
        Index ``truth``, ``ols``, ``wls``; columns ``intercept``, ``slope``
        and ``error`` (:func:`line_error` against the true line).
    replicates : DataFrame
        :func:`replicate_line_fits` of the same design.
    sd_theory : (float, float)
        :func:`slope_standard_deviations`, ``(sd_ols, sd_wls)``.
    """

    fits: pd.DataFrame
    replicates: pd.DataFrame
    sd_theory: tuple[float, float]


def regression_study(
    data: HeteroscedasticData, *, n_reps: int = 400, random_state: int | None = None
) -> RegressionStudy:
    r"""Fit one experiment by OLS and WLS and repeat it ``n_reps`` times.

    OLS minimises :math:`\sum_i (y_i - a - b x_i)^2`, WLS
    :math:`\sum_i (y_i - a - b x_i)^2 / \sigma_i^2` (:func:`fit_line` with
    :func:`inverse_variance_weights`); each fit is scored by its
    :func:`line_error` over ``data.x_range``.

    Parameters
    ----------
    data : HeteroscedasticData
        The experiment (:func:`make_heteroscedastic`).
    n_reps : int, default=400
        Repetitions for :func:`replicate_line_fits`, 2 to 10,000.
    random_state : int or None, default=None
        Seed of the repetitions' noise.

    Returns
    -------
    RegressionStudy

    References
    ----------
    Aitken (1935), Proc. Royal Society of Edinburgh 55, 42-48; Seber & Lee
    (2003), *Linear Regression Analysis*, sec. 3.10.
    """
    lines = {
        "truth": (data.intercept, data.slope),
        "ols": fit_line(data.x, data.y),
        "wls": fit_line(data.x, data.y, sample_weight=inverse_variance_weights(data.sigma)),
    }
    fits = pd.DataFrame(
        [
            (
                a,
                b,
                line_error(
                    a, b, true_intercept=data.intercept, true_slope=data.slope, x_range=data.x_range
                ),
            )
            for a, b in lines.values()
        ],
        index=list(lines),
        columns=["intercept", "slope", "error"],
    )
    return RegressionStudy(
        fits=fits,
        replicates=replicate_line_fits(data, n_reps=n_reps, random_state=random_state),
        sd_theory=slope_standard_deviations(data.x, data.sigma),
    )


# ---------------------------------------------------------------- the page's section
@dataclass(frozen=True)
class RegressionSection:
    """Every number and array the third section of the sample-weights page shows.

    Attributes
    ----------
    data : HeteroscedasticData
        The experiment, drawn with its error bars.
    weights : ndarray of shape (n,)
        :func:`inverse_variance_weights` of ``data.sigma``.
    fits : DataFrame
        :attr:`RegressionStudy.fits`: index ``truth``, ``ols``, ``wls``;
        columns ``intercept``, ``slope``, ``error``.
    lines : dict of str to (float, float)
        ``(intercept, slope)`` of every row of ``fits``.
    slopes : dict of str to ndarray
        Slope estimates over the repetitions, ``"ols"`` and ``"wls"``.
    sd, sd_theory : dict of str to float
        Standard deviation of those estimates (sample, ``ddof=1``) and its
        :func:`slope_standard_deviations` value, ``"ols"`` and ``"wls"``.
    """

    data: HeteroscedasticData
    weights: NDArray[np.float64]
    fits: pd.DataFrame
    lines: Mapping[str, tuple[float, float]]
    slopes: Mapping[str, NDArray[np.float64]]
    sd: Mapping[str, float]
    sd_theory: Mapping[str, float]


def regression_section(
    n_samples: int, *, spread: float, n_reps: int, random_state: int
) -> RegressionSection:
    r"""Draw one experiment, fit it by OLS and WLS and repeat it ``n_reps`` times.

    :func:`make_heteroscedastic` with ``n_samples`` points and noise spread
    ``spread`` (seed ``random_state``), then :func:`regression_study` with the
    same seed for the repetitions' noise.

    Parameters
    ----------
    n_samples : int
        Number of points, >= 3.
    spread : float
        Ratio :math:`R` of the largest to the smallest noise level, >= 1.
    n_reps : int
        Repetitions, 2 to 10,000.
    random_state : int
        Seed, >= 0.

    Returns
    -------
    RegressionSection

    References
    ----------
    Aitken (1935), Proc. Royal Society of Edinburgh 55, 42-48.
    """
    data = make_heteroscedastic(n_samples, spread=spread, random_state=random_state)
    study = regression_study(data, n_reps=n_reps, random_state=random_state)
    reps, names = study.replicates, ("ols", "wls")
    coefficients = study.fits[["intercept", "slope"]].to_numpy()
    return RegressionSection(
        data=data,
        weights=inverse_variance_weights(data.sigma),
        fits=study.fits,
        lines={
            str(k): (float(a), float(b))
            for k, (a, b) in zip(study.fits.index, coefficients, strict=True)
        },
        slopes={k: reps[f"{k}_slope"].to_numpy() for k in names},
        sd={k: float(reps[f"{k}_slope"].std()) for k in names},
        sd_theory=dict(zip(names, study.sd_theory, strict=True)),
    )
