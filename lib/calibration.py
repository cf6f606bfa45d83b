r"""Probability calibration: undoing class-weight shifts and measuring calibration.

Training with class weights :math:`(w_0, w_1)` (or resampling) changes the
probabilities a model reports, not only its decisions. This module undoes the
shift of class weights (the undersampling counterpart is
:func:`lib.metrics.prior_correction`), repairs calibration from held-out data
when such a one-line correction is not enough (:func:`recalibrate`, Platt or
isotonic), and measures how well probabilities are calibrated:
reliability-diagram data, the Brier score and the expected calibration error.

References
----------
King & Zeng (2001), "Logistic Regression in Rare Events Data", Political
Analysis 9(2), sec. 4 (prior correction of weighted estimates).
Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI, theorem 2.
Naeini, Cooper, Hauskrecht (2015), "Obtaining Well Calibrated Probabilities
Using Bayesian Binning", AAAI.
Guo, Pleiss, Sun, Weinberger (2017), "On Calibration of Modern Neural
Networks", ICML.
Platt (1999); Zadrozny & Elkan (2002), KDD (sigmoid and isotonic repair).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import NotFittedError
from sklearn.frozen import FrozenEstimator
from sklearn.metrics import brier_score_loss
from sklearn.utils.validation import check_is_fitted

from lib._validation import (
    as_binary_labels,
    as_float_array,
    as_probabilities,
    check_choice,
    check_class_weights,
    check_int,
    check_same_length,
    check_threshold,
)
from lib.i18n import LabError

#: Binning strategies of :func:`reliability_curve`.
BIN_STRATEGIES = ("uniform", "quantile")


def _labels_and_probabilities(
    y_true: ArrayLike, p: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    y = as_binary_labels("y_true", y_true)
    prob = as_probabilities("p", p)
    check_same_length(y_true=y, p=prob)
    return y, prob


def weight_correction(p_w: ArrayLike, w0: float, w1: float) -> NDArray[np.float64]:
    r"""Undo the probability shift of a model trained with class weights.

    A well-specified model trained with class weights :math:`(w_0, w_1)`
    reports odds that are :math:`w_1 / w_0` times the true odds,
    :math:`p_w / (1 - p_w) = \tfrac{w_1}{w_0}\, p / (1 - p)`. Solving for
    :math:`p`:

    .. math:: p = \frac{w_0\, p_w}{w_0\, p_w + w_1 (1 - p_w)}

    With :math:`w_0 = \beta`, :math:`w_1 = 1` this is
    :func:`lib.metrics.prior_correction` (undersampling keeps a fraction
    :math:`\beta` of the majority class, which acts like weight :math:`\beta`).

    Parameters
    ----------
    p_w : array_like of shape (n,)
        Probabilities of class 1 from the weighted model, in [0, 1].
    w0, w1 : float
        The class weights used in training; finite, >= 0, not both zero.

    Returns
    -------
    ndarray of shape (n,)
        Corrected probabilities of class 1; 0 and 1 stay 0 and 1.

    Raises
    ------
    ValueError
        If ``p_w`` holds NaN or values outside [0, 1], or the weights are
        invalid.

    References
    ----------
    King & Zeng (2001), "Logistic Regression in Rare Events Data", Political
    Analysis 9(2), sec. 4.1; Elkan (2001), "The Foundations of Cost-Sensitive
    Learning", IJCAI, theorem 2.
    """
    a, b = check_class_weights(w0, w1)
    prob = as_probabilities("p_w", p_w)
    num = a * prob
    den = num + b * (1.0 - prob)
    with np.errstate(invalid="ignore", divide="ignore"):
        # den == 0 only where one weight is 0 and p_w sits at the matching end;
        # the limit is the label that weight cannot move away from.
        out = np.where(den > 0.0, num / np.where(den > 0.0, den, 1.0), prob)
    return np.asarray(out, dtype=np.float64)


def reliability_curve(
    y_true: ArrayLike, p: ArrayLike, *, n_bins: int = 10, strategy: str = "uniform"
) -> pd.DataFrame:
    r"""Reliability-diagram data: observed frequency of class 1 per probability bin.

    For every non-empty bin :math:`B_b`

    .. math:: \mathrm{conf}_b = \frac{1}{|B_b|}\sum_{i \in B_b} p_i,\qquad
              \mathrm{freq}_b = \frac{1}{|B_b|}\sum_{i \in B_b} y_i .

    A calibrated model lies on the diagonal :math:`\mathrm{freq}_b =
    \mathrm{conf}_b`. Bins and means are those of
    :func:`sklearn.calibration.calibration_curve`, which the tests check.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1.
    p : array_like of shape (n,)
        Predicted probabilities of class 1, in [0, 1].
    n_bins : int, default=10
        Number of bins, 1 to 1000.
    strategy : {"uniform", "quantile"}, default="uniform"
        Equal-width bins on [0, 1] or bins with equal numbers of samples.

    Returns
    -------
    DataFrame
        One row per non-empty bin with columns ``bin`` (index of the bin),
        ``mean_predicted``, ``observed_frequency`` and ``count``.

    References
    ----------
    DeGroot & Fienberg (1983), "The Comparison and Evaluation of
    Forecasters", The Statistician 32; Niculescu-Mizil & Caruana (2005),
    "Predicting Good Probabilities with Supervised Learning", ICML.
    """
    y, prob = _labels_and_probabilities(y_true, p)
    m = check_int("n_bins", n_bins, low=1, high=1000)
    check_choice("strategy", strategy, BIN_STRATEGIES)
    edges = _bin_edges(prob, m, strategy)
    ids = _bin_ids(prob, edges)
    counts = np.bincount(ids, minlength=len(edges) - 1)
    # The binning of sklearn.calibration.calibration_curve (same edges, same
    # searchsorted), computed here so that the counts always line up with the
    # means and a single-class y_true works too.
    freq = np.bincount(ids, weights=y, minlength=len(counts))
    conf = np.bincount(ids, weights=prob, minlength=len(counts))
    nz = counts > 0
    observed, predicted = freq[nz] / counts[nz], conf[nz] / counts[nz]
    nonempty = np.flatnonzero(counts > 0)
    return pd.DataFrame(
        {
            "bin": nonempty.astype(np.int64),
            "mean_predicted": np.asarray(predicted, dtype=np.float64),
            "observed_frequency": np.asarray(observed, dtype=np.float64),
            "count": counts[nonempty].astype(np.int64),
        }
    )


def _bin_edges(prob: NDArray[np.float64], n_bins: int, strategy: str) -> NDArray[np.float64]:
    # The same edges as sklearn.calibration.calibration_curve.
    if strategy == "quantile":
        return np.asarray(
            np.percentile(prob, np.linspace(0, 1, n_bins + 1) * 100), dtype=np.float64
        )
    return np.linspace(0.0, 1.0, n_bins + 1)


def _bin_ids(prob: NDArray[np.float64], edges: NDArray[np.float64]) -> NDArray[np.int64]:
    return np.asarray(np.searchsorted(edges[1:-1], prob), dtype=np.int64)


def brier_score(y_true: ArrayLike, p: ArrayLike) -> float:
    r"""Brier score, the mean squared error of the probabilities.

    .. math:: \mathrm{BS} = \frac{1}{n}\sum_{i=1}^{n} (p_i - y_i)^2

    Lower is better; 0 is perfect, and always predicting the base rate
    :math:`\pi` scores :math:`\pi(1 - \pi)`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1.
    p : array_like of shape (n,)
        Predicted probabilities of class 1, in [0, 1].

    Returns
    -------
    float

    References
    ----------
    Brier (1950), "Verification of Forecasts Expressed in Terms of
    Probability", Monthly Weather Review 78(1); scikit-learn
    ``brier_score_loss``.
    """
    y, prob = _labels_and_probabilities(y_true, p)
    return float(brier_score_loss(y.astype(np.int64), prob, labels=[0, 1]))


def expected_calibration_error(y_true: ArrayLike, p: ArrayLike, *, n_bins: int = 10) -> float:
    r"""Expected calibration error over equal-width probability bins.

    .. math:: \mathrm{ECE} = \sum_{b=1}^{B} \frac{n_b}{n}
              \bigl|\mathrm{acc}_b - \mathrm{conf}_b\bigr|,

    where for bin :math:`b`, :math:`\mathrm{acc}_b` is the fraction of class 1
    and :math:`\mathrm{conf}_b` the mean predicted probability of class 1
    (the binary, class-1 form of the definition).

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1.
    p : array_like of shape (n,)
        Predicted probabilities of class 1, in [0, 1].
    n_bins : int, default=10
        Number of equal-width bins on [0, 1], 1 to 1000.

    Returns
    -------
    float
        In [0, 1]; 0 means perfectly calibrated within every bin.

    References
    ----------
    Naeini, Cooper, Hauskrecht (2015), "Obtaining Well Calibrated
    Probabilities Using Bayesian Binning", AAAI; Guo, Pleiss, Sun, Weinberger
    (2017), "On Calibration of Modern Neural Networks", ICML, eq. (3).
    """
    y, prob = _labels_and_probabilities(y_true, p)
    m = check_int("n_bins", n_bins, low=1, high=1000)
    ids = _bin_ids(prob, _bin_edges(prob, m, "uniform"))
    acc = np.bincount(ids, weights=y, minlength=m)
    conf = np.bincount(ids, weights=prob, minlength=m)
    return float(np.sum(np.abs(acc - conf)) / len(y))


def probability_histogram(
    y_true: ArrayLike, p: ArrayLike, *, n_bins: int = 24, low: float = 1e-4
) -> pd.DataFrame:
    r"""Share of each class's samples per bin of predicted probability (log bins).

    Bins are equally wide in :math:`\log_{10} p` on :math:`[\mathit{low}, 1]`;
    probabilities below ``low`` are counted in the first bin. For class
    :math:`c` with :math:`n_c` samples, :math:`\mathrm{share}_{c,b} =
    |\{i \in B_b : y_i = c\}| / n_c`, so each class's shares sum to 1 and
    the two classes are comparable however rare one of them is.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    n_bins : int, default=24
        Number of bins, 1 to 1000.
    low : float, default=1e-4
        Left edge of the first bin, in (0, 1).

    Returns
    -------
    DataFrame
        One row per bin: ``left``, ``right``, ``share_0``, ``share_1`` (0
        for a class without samples).

    References
    ----------
    Niculescu-Mizil & Caruana (2005), "Predicting Good Probabilities with
    Supervised Learning", ICML (histograms of predicted values).
    """
    y, prob = _labels_and_probabilities(y_true, p)
    m = check_int("n_bins", n_bins, low=1, high=1000)
    floor = check_threshold("low", low)
    edges = np.logspace(np.log10(floor), 0.0, m + 1)
    ids = np.clip(np.searchsorted(edges, prob, side="right") - 1, 0, m - 1)
    out = {"left": edges[:-1], "right": edges[1:]}
    for cls in (0, 1):
        counts = np.bincount(ids[y == cls], minlength=m).astype(np.float64)
        total = counts.sum()
        out[f"share_{cls}"] = counts / total if total else counts
    return pd.DataFrame(out)


#: Methods of :func:`fit_calibrator`: Platt's sigmoid and isotonic regression.
CALIBRATION_METHODS = ("sigmoid", "isotonic")


def fit_calibrator(
    model: Any, X_cal: ArrayLike, y_cal: ArrayLike, *, method: str = "sigmoid"
) -> CalibratedClassifierCV:
    r"""Recalibrate an already fitted classifier on held-out data.

    The model stays as it is (scikit-learn's ``FrozenEstimator``); only a
    one-dimensional map from its score :math:`s(x)` (``decision_function``
    if it has one, else ``predict_proba``) to a probability is learned on
    the calibration set:

    * ``"sigmoid"`` (Platt scaling):
      :math:`\hat p = 1 / (1 + e^{-(a\, s + b)})`, two parameters fitted by
      maximum likelihood; enough when the model's log-odds are off by a
      scale and a shift, as after undersampling or class weights on a
      well-specified model.
    * ``"isotonic"``: the non-decreasing step function of :math:`s` closest
      to the labels in squared error (pool adjacent violators); it repairs
      any monotone distortion but needs more calibration data.

    Parameters
    ----------
    model : fitted scikit-learn classifier
        Trained on other data than ``X_cal`` (the calibration set must be
        held out, or the map learns the model's overfitting).
    X_cal : array_like of shape (n, d)
        Held-out features.
    y_cal : array_like of shape (n,)
        Their labels 0/1, both present.
    method : {"sigmoid", "isotonic"}, default="sigmoid"

    Returns
    -------
    sklearn.calibration.CalibratedClassifierCV
        Fitted; its ``predict_proba`` gives the repaired probabilities.

    Raises
    ------
    ValueError
        If ``model`` is not fitted, ``method`` is unknown, ``y_cal`` is not
        0/1 with both classes, or the lengths differ.

    References
    ----------
    Platt (1999), "Probabilistic Outputs for Support Vector Machines and
    Comparisons to Regularized Likelihood Methods", in *Advances in Large
    Margin Classifiers*; Zadrozny & Elkan (2002), "Transforming Classifier
    Scores into Accurate Multiclass Probability Estimates", KDD;
    Niculescu-Mizil & Caruana (2005), "Predicting Good Probabilities with
    Supervised Learning", ICML; scikit-learn User Guide, sec. 1.16
    "Probability calibration".
    """
    if method not in CALIBRATION_METHODS:
        raise LabError(
            "error.arg.choice",
            name="method",
            choices=", ".join(CALIBRATION_METHODS),
            value=repr(method),
        )
    try:
        check_is_fitted(model)
    except NotFittedError:
        raise LabError("error.calibration.not_fitted") from None
    X = as_float_array("X_cal", X_cal, ndim=2)
    y = as_binary_labels("y_cal", y_cal).astype(np.int64)
    check_same_length(X_cal=X, y_cal=y)
    if np.unique(y).size < 2:
        raise LabError("error.arg.one_class", name="y_cal", cls=int(y[0]))
    # A frozen model is never refitted, so cross-validation folds would only
    # split the calibration set (and warn about small classes); one split
    # holding every sample is the same computation as the default.
    everything = np.arange(len(y))
    calibrator = CalibratedClassifierCV(
        FrozenEstimator(model), method=method, cv=[(everything, everything)]
    )
    return calibrator.fit(X, y)


def recalibrate(
    model: Any, X_cal: ArrayLike, y_cal: ArrayLike, X: ArrayLike, *, method: str = "sigmoid"
) -> NDArray[np.float64]:
    r"""Probabilities of class 1 on ``X`` after recalibrating ``model`` on held-out data.

    :func:`fit_calibrator` followed by ``predict_proba(X)[:, 1]``:
    :math:`\hat p(x) = g(s(x))` with :math:`g` the sigmoid or isotonic map
    fitted on ``(X_cal, y_cal)``. Unlike the one-line odds corrections
    (:func:`weight_correction`, :func:`lib.metrics.prior_correction`), which
    assume the model's log-odds are right up to a known shift, the map is
    learned from data, so it also repairs a misspecified model's scale
    (sigmoid) or shape (isotonic) as long as the score ranks the points.

    Parameters
    ----------
    model : fitted scikit-learn classifier
        Trained on other data than ``X_cal``.
    X_cal : array_like of shape (n, d)
        Held-out calibration features.
    y_cal : array_like of shape (n,)
        Their labels 0/1, both present.
    X : array_like of shape (m, d)
        Points to predict (a test set, not the calibration set, to measure
        the repair honestly).
    method : {"sigmoid", "isotonic"}, default="sigmoid"

    Returns
    -------
    ndarray of shape (m,)
        Calibrated probabilities of class 1.

    References
    ----------
    Platt (1999); Zadrozny & Elkan (2002), KDD; Niculescu-Mizil & Caruana
    (2005), ICML (see :func:`fit_calibrator`).
    """
    calibrator = fit_calibrator(model, X_cal, y_cal, method=method)
    points = as_float_array("X", X, ndim=2)
    return np.asarray(calibrator.predict_proba(points)[:, 1], dtype=np.float64)
