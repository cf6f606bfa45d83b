r"""The probabilities page's numbers: what each remedy does to predicted probabilities.

:func:`probability_study` takes the test-set probabilities of fitted
remedies, undoes each remedy's known odds shift
(:func:`lib.repair.odds_correction`) and computes everything the page's
histograms, reliability diagrams, rate chart and calibration table show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import as_binary_labels, check_int
from lib.calibration import probability_histogram, reliability_curve
from lib.i18n import LabError
from lib.remedies import StrategyFit
from lib.repair import ProbabilityReport, odds_correction, probability_report

#: The remedies the page compares, in display order.
MODELS: tuple[str, ...] = ("none", "class_weight", "random_under", "smote")


@dataclass(frozen=True)
class Correction:
    """How one remedy's probabilities were corrected (:func:`lib.repair.odds_correction`).

    Attributes
    ----------
    kind : str
        ``"weights"``, ``"under"``, ``"smote"`` or ``"none"``.
    params : dict of str to float
        Its parameters: ``w0`` and ``w1``, ``beta``, ``factor``, or none.
    """

    kind: str
    params: dict[str, float]


@dataclass(frozen=True)
class ProbabilityStudy:
    """Raw and corrected probabilities of several remedies on one test set.

    Every dict is keyed like the ``raw`` argument of :func:`probability_study`.

    Attributes
    ----------
    n_test : int
        Size of the test set.
    raw, corrected : dict of str to ndarray
        Test-set probabilities of class 1 before and after the correction.
    corrections : dict of str to Correction
        The correction applied to each remedy.
    report : ProbabilityReport
        Estimated positive rates, Brier scores and ECE before and after
        (:func:`lib.repair.probability_report`).
    histograms : dict of str to DataFrame
        :func:`lib.calibration.probability_histogram` of the raw probabilities.
    reliability : dict of str to dict of str to DataFrame
        ``reliability["raw"]`` and ``reliability["corrected"]``:
        :func:`lib.calibration.reliability_curve` per remedy (quantile bins).
    """

    n_test: int
    raw: dict[str, NDArray[np.float64]]
    corrected: dict[str, NDArray[np.float64]]
    corrections: dict[str, Correction]
    report: ProbabilityReport
    histograms: dict[str, pd.DataFrame]
    reliability: dict[str, dict[str, pd.DataFrame]]


def probability_study(
    y_test: ArrayLike,
    fits: Mapping[str, StrategyFit],
    raw: Mapping[str, ArrayLike],
    *,
    n_bins: int = 10,
) -> ProbabilityStudy:
    r"""Undo each remedy's odds shift and measure calibration before and after.

    A remedy that trains on a different class balance moves the odds of
    every prediction by a known factor; :func:`lib.repair.odds_correction`
    undoes it (for undersampling
    :math:`p = \beta p_s / (\beta p_s - p_s + 1)`, for class weights
    :math:`p = w_0 p_w / (w_0 p_w + w_1 (1 - p_w))`).

    Parameters
    ----------
    y_test : array_like of shape (n,)
        Test labels 0/1.
    fits : mapping of str to StrategyFit
        Fitted remedies (:func:`lib.remedies.fit_strategy`), e.g. keyed by
        their display name.
    raw : mapping of str to array_like of shape (n,)
        Each remedy's test-set probabilities of class 1; same keys as ``fits``.
    n_bins : int, default=10
        Quantile bins of the reliability curves (2 to 100).

    Returns
    -------
    ProbabilityStudy

    Raises
    ------
    LabError
        If ``fits`` and ``raw`` have different keys, or the labels or
        probabilities are invalid.

    References
    ----------
    Dal Pozzolo et al. (2015), "Calibrating probability with undersampling
    for unbalanced classification", IEEE SSCI; Niculescu-Mizil & Caruana
    (2005), "Predicting good probabilities with supervised learning", ICML.
    """
    if set(fits) != set(raw):
        raise LabError("error.arg.same_keys", first="fits", second="raw")
    bins = check_int("n_bins", n_bins, low=2, high=100)
    y = as_binary_labels("y_test", y_test)
    probs: dict[str, NDArray[np.float64]] = {}
    corrected: dict[str, NDArray[np.float64]] = {}
    corrections: dict[str, Correction] = {}
    for name, p in raw.items():
        probs[name] = np.asarray(p, dtype=np.float64)
        corrected[name], kind, params = odds_correction(fits[name], probs[name])
        corrections[name] = Correction(kind, params)
    return ProbabilityStudy(
        n_test=len(y),
        raw=probs,
        corrected=corrected,
        corrections=corrections,
        # dict(...): probability_report's parameters are typed dict[str, ArrayLike].
        report=probability_report(y_test, dict(probs), dict(corrected)),
        histograms={name: probability_histogram(y_test, p) for name, p in probs.items()},
        reliability={
            version: {
                name: reliability_curve(y_test, p, n_bins=bins, strategy="quantile")
                for name, p in values.items()
            }
            for version, values in (("raw", probs), ("corrected", corrected))
        },
    )
