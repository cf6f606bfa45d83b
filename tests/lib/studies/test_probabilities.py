"""Tests of lib.studies.probabilities: the remedies' probabilities, corrected and scored."""

import numpy as np
import pandas as pd
import pytest

from lib.calibration import probability_histogram, reliability_curve
from lib.data import make_imbalanced
from lib.i18n import LabError
from lib.remedies import fit_strategy
from lib.repair import odds_correction, probability_report
from lib.studies.probabilities import MODELS, probability_study


@pytest.fixture(scope="module")
def setting():
    X, y = make_imbalanced(4000, 20, random_state=7)
    X_t, y_t = make_imbalanced(4000, 20, random_state=8)
    fits = {name: fit_strategy(name, X, y, random_state=7) for name in MODELS}
    raw = {name: fit.model.predict_proba(X_t)[:, 1] for name, fit in fits.items()}
    return y_t, fits, raw


def test_the_study_holds_lib_corrections_and_scores(setting):
    y_t, fits, raw = setting
    study = probability_study(y_t, fits, raw)
    assert study.n_test == len(y_t)
    assert list(study.raw) == list(MODELS)
    corrected = {}
    for name in MODELS:
        corrected[name], kind, params = odds_correction(fits[name], raw[name])
        np.testing.assert_array_equal(study.corrected[name], corrected[name])
        assert (study.corrections[name].kind, study.corrections[name].params) == (kind, params)
        pd.testing.assert_frame_equal(study.histograms[name], probability_histogram(y_t, raw[name]))
        pd.testing.assert_frame_equal(
            study.reliability["corrected"][name],
            reliability_curve(y_t, corrected[name], n_bins=10, strategy="quantile"),
        )
    expected = probability_report(y_t, raw, corrected)
    pd.testing.assert_frame_equal(study.report.rates, expected.rates)
    pd.testing.assert_frame_equal(study.report.quality, expected.quality)
    assert study.corrections["none"].kind == "none"


def test_the_correction_brings_the_estimated_rate_back_to_the_truth(setting):
    y_t, fits, raw = setting
    rates = probability_study(y_t, fits, raw).report.rates
    true = float(np.mean(y_t))
    for name in ("class_weight", "random_under"):
        assert rates.loc[name, "mean_raw"] > 2 * true
        assert abs(rates.loc[name, "mean_corrected"] - true) < abs(
            rates.loc[name, "mean_raw"] - true
        )


def test_keys_are_the_callers_and_must_match(setting):
    y_t, fits, raw = setting
    labelled = probability_study(
        y_t, {"A": fits["none"], "B": fits["smote"]}, {"A": raw["none"], "B": raw["smote"]}
    )
    assert list(labelled.report.rates.index) == ["A", "B"]
    with pytest.raises(LabError, match="same keys"):
        probability_study(y_t, fits, {"none": raw["none"]})
    with pytest.raises(LabError):
        probability_study(y_t, fits, raw, n_bins=1)
