r"""Probabilities of rebalanced models: the one-line odds corrections and learned repairs.

A model trained on resampled or class-weighted data reports probabilities for
the training class balance. Two ways back to the real one:

* the **odds correction** (:func:`odds_correction`): divide the odds by the
  known factor the remedy multiplied them by (Dal Pozzolo et al.'s prior
  correction for undersampling, :func:`lib.calibration.weight_correction`
  for class weights); exact only when the model is well specified;
* a **learned repair** on held-out data (:func:`calibration_repair`):
  scikit-learn's ``CalibratedClassifierCV`` with a sigmoid (Platt) or an
  isotonic map of the frozen model's score, which also fixes a misspecified
  model's distortion as long as the score ranks the points.

References
----------
Dal Pozzolo, Caelen, Johnson, Bontempi (2015), "Calibrating Probability with
Undersampling for Unbalanced Classification", IEEE SSCI.
King & Zeng (2001), "Logistic Regression in Rare Events Data", Political
Analysis 9(2).
Platt (1999); Zadrozny & Elkan (2002), KDD; Niculescu-Mizil & Caruana (2005),
"Predicting Good Probabilities with Supervised Learning", ICML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.model_selection import train_test_split

from lib._validation import (
    as_binary_labels,
    as_float_array,
    as_probabilities,
    check_same_length,
    check_threshold,
)
from lib.calibration import (
    brier_score,
    expected_calibration_error,
    recalibrate,
    reliability_curve,
    weight_correction,
)
from lib.i18n import LabError
from lib.metrics import prior_correction
from lib.remedies import StrategyFit, fit_strategy

#: Remedies whose probabilities the probabilities page corrects and repairs.
REPAIRED = ("class_weight", "random_under", "smote")
#: Versions of each model's probabilities in :func:`calibration_repair`.
VERSIONS = ("raw", "odds", "sigmoid", "isotonic")
#: Training samples each class needs: with 30 % held out, 3 go to the calibration
#: set and 7 stay to fit SMOTE (k = 5 neighbours need 6).
MIN_PER_CLASS = 10


def odds_correction(
    fit: StrategyFit, p: ArrayLike
) -> tuple[NDArray[np.float64], str, dict[str, float]]:
    r"""Undo the known odds shift of a fitted remedy.

    * ``"class_weight"``: :func:`lib.calibration.weight_correction` with the
      model's weights, :math:`p = w_0 p_w / (w_0 p_w + w_1 (1 - p_w))`;
    * ``"random_under"``: :func:`lib.metrics.prior_correction` with
      :math:`\beta = n_0^{\text{after}} / n_0^{\text{before}}`;
    * ``"smote"``: the weight correction with :math:`w_0 = 1`,
      :math:`w_1 = n_1^{\text{after}} / n_1^{\text{before}}` (approximate:
      synthetic points are not copies);
    * anything else (``"none"``): unchanged.

    Parameters
    ----------
    fit : StrategyFit
        From :func:`lib.remedies.fit_strategy`.
    p : array_like of shape (n,)
        The model's probabilities of class 1.

    Returns
    -------
    (ndarray, str, dict)
        Corrected probabilities, the kind of correction (``"weights"``,
        ``"under"``, ``"smote"`` or ``"none"``) and its parameters
        (``w0`` and ``w1``, ``beta``, ``factor``, or none).

    References
    ----------
    Dal Pozzolo et al. (2015), IEEE SSCI; King & Zeng (2001), sec. 4.1;
    Elkan (2001), IJCAI, theorem 2.
    """
    prob = as_probabilities("p", p)
    if fit.name == "class_weight":
        w = fit.model.class_weight_
        return (
            weight_correction(prob, w[0], w[1]),
            "weights",
            {"w0": float(w[0]), "w1": float(w[1])},
        )
    if fit.name == "random_under":
        beta = fit.counts_after[0] / fit.counts_before[0]
        return (
            np.asarray(prior_correction(prob, beta), dtype=np.float64),
            "under",
            {"beta": float(beta)},
        )
    if fit.name == "smote":
        factor = fit.counts_after[1] / fit.counts_before[1]
        return weight_correction(prob, 1.0, factor), "smote", {"factor": float(factor)}
    return prob, "none", {}


@dataclass(frozen=True)
class ProbabilityReport:
    """Positive-rate and calibration summary of several models on one test set.

    Attributes
    ----------
    true_rate : float
        Fraction of class 1 in the test set.
    rates : DataFrame
        One row per model: ``mean_raw``, ``mean_corrected`` (mean
        probability, the model's estimate of the positive rate),
        ``predicted`` (share with p >= 0.5) and ``true``.
    quality : DataFrame
        One row per model: ``brier_raw``, ``brier_corrected``, ``ece_raw``,
        ``ece_corrected``.
    """

    true_rate: float
    rates: pd.DataFrame
    quality: pd.DataFrame


def probability_report(
    y_test: ArrayLike, raw: dict[str, ArrayLike], corrected: dict[str, ArrayLike]
) -> ProbabilityReport:
    r"""Estimated positive rate, Brier score and ECE before and after a correction.

    .. math:: \hat\pi = \frac{1}{n}\sum_i p_i,\qquad
              \mathrm{BS} = \frac{1}{n}\sum_i (p_i - y_i)^2,\qquad
              \mathrm{ECE} = \sum_b \frac{n_b}{n}\lvert \mathrm{acc}_b - \mathrm{conf}_b\rvert

    Parameters
    ----------
    y_test : array_like of shape (n,)
        Test labels 0/1.
    raw, corrected : dict of str to array_like of shape (n,)
        Each model's probabilities of class 1, before and after correction
        (same keys).

    Returns
    -------
    ProbabilityReport

    References
    ----------
    Brier (1950); Naeini et al. (2015), AAAI; Guo et al. (2017), ICML
    (see :mod:`lib.calibration`).
    """
    y = as_binary_labels("y_test", y_test)
    if set(raw) != set(corrected):
        raise LabError("error.repair.same_models")
    true = float(np.mean(y))
    rates, quality = {}, {}
    for name, values in raw.items():
        p, q = as_probabilities("p", values), as_probabilities("p", corrected[name])
        check_same_length(y_test=y, p=p)
        check_same_length(y_test=y, p=q)
        rates[name] = {
            "mean_raw": float(np.mean(p)),
            "mean_corrected": float(np.mean(q)),
            "predicted": float(np.mean(p >= 0.5)),
            "true": true,
        }
        quality[name] = {
            "brier_raw": brier_score(y, p),
            "brier_corrected": brier_score(y, q),
            "ece_raw": expected_calibration_error(y, p),
            "ece_corrected": expected_calibration_error(y, q),
        }
    return ProbabilityReport(
        true_rate=true,
        rates=pd.DataFrame.from_dict(rates, orient="index"),
        quality=pd.DataFrame.from_dict(quality, orient="index"),
    )


@dataclass(frozen=True)
class CalibrationRepair:
    """Result of :func:`calibration_repair`.

    Attributes
    ----------
    scores : DataFrame
        MultiIndex rows (remedy, version) with version in :data:`VERSIONS`;
        columns ``ece`` and ``brier`` on the test set.
    probabilities : dict of (str, str) to ndarray
        Test-set probabilities of class 1 of each (remedy, version).
    curves : dict of (str, str) to DataFrame
        Reliability-diagram data (:func:`lib.calibration.reliability_curve`,
        10 quantile bins) of each (remedy, version).
    n_fit, n_cal : int
        Rows used to fit the models and rows held out to calibrate them.
    n1_cal : int
        Class-1 rows in the calibration set.
    """

    scores: pd.DataFrame
    probabilities: dict[tuple[str, str], NDArray[np.float64]]
    curves: dict[tuple[str, str], pd.DataFrame]
    n_fit: int
    n_cal: int
    n1_cal: int


def calibration_repair(
    X: ArrayLike,
    y: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    remedies: tuple[str, ...] = REPAIRED,
    cal_fraction: float = 0.3,
    random_state: int = 0,
    **params: Any,
) -> CalibrationRepair:
    r"""Fit rebalanced models, then correct or repair their probabilities.

    The training data are split (stratified) into a fitting part and a
    held-out calibration part of ``cal_fraction``. Each remedy is fitted on
    the fitting part; on the test set its probabilities are scored raw,
    after the one-line :func:`odds_correction`, and after
    :func:`lib.calibration.recalibrate` on the calibration part with the
    sigmoid map :math:`\hat p = \sigma(a\,s + b)` and with isotonic
    regression.

    Parameters
    ----------
    X, y : array_like
        Training data (labels 0/1); both classes need at least
        :data:`MIN_PER_CLASS` rows.
    X_test, y_test : array_like
        Untouched test data.
    remedies : tuple of str, default=REPAIRED
        Keys of :data:`lib.remedies.STRATEGIES`.
    cal_fraction : float, default=0.3
        Share of the training rows held out for calibration, in (0, 1).
    random_state : int, default=0
        Seed of the split and of the remedies.
    **params
        Passed to :func:`lib.remedies.fit_strategy`.

    Returns
    -------
    CalibrationRepair

    Raises
    ------
    LabError
        If a class has fewer than :data:`MIN_PER_CLASS` training rows.

    References
    ----------
    Platt (1999); Zadrozny & Elkan (2002), KDD; scikit-learn User Guide,
    sec. 1.16 "Probability calibration"; Dal Pozzolo et al. (2015).
    """
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    check_same_length(X=X_arr, y=y_arr)
    Xt = as_float_array("X_test", X_test, ndim=2)
    yt = as_binary_labels("y_test", y_test).astype(np.int64)
    check_same_length(X_test=Xt, y_test=yt)
    share = check_threshold("cal_fraction", cal_fraction)
    counts = np.bincount(y_arr, minlength=2)
    if counts.min() < MIN_PER_CLASS:
        cls = int(np.argmin(counts))
        raise LabError("error.repair.too_few", need=MIN_PER_CLASS, cls=cls, have=int(counts[cls]))
    X_fit, X_cal, y_fit, y_cal = train_test_split(
        X_arr, y_arr, test_size=share, stratify=y_arr, random_state=random_state
    )
    rows, probs, curves = {}, {}, {}
    for name in remedies:
        fit = fit_strategy(name, X_fit, y_fit, random_state=random_state, **params)
        raw = np.asarray(fit.model.predict_proba(Xt)[:, 1], dtype=np.float64)
        versions = {"raw": raw, "odds": odds_correction(fit, raw)[0]}
        for method in ("sigmoid", "isotonic"):
            versions[method] = recalibrate(fit.model, X_cal, y_cal, Xt, method=method)
        for version, p in versions.items():
            probs[(name, version)] = p
            rows[(name, version)] = {
                "ece": expected_calibration_error(yt, p),
                "brier": brier_score(yt, p),
            }
            curves[(name, version)] = reliability_curve(yt, p, n_bins=10, strategy="quantile")
    scores = pd.DataFrame.from_dict(rows, orient="index")
    scores.index = pd.MultiIndex.from_tuples(list(rows), names=["remedy", "version"])
    return CalibrationRepair(
        scores=scores,
        probabilities=probs,
        curves=curves,
        n_fit=len(y_fit),
        n_cal=len(y_cal),
        n1_cal=int(y_cal.sum()),
    )
