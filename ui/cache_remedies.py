"""Cached calls into ``lib`` for the remedy pages: strategies, uploads, thresholds, repair.

Thin ``st.cache_data`` wrappers like :mod:`ui.cache`, on the data set the
remedy pages use (at most ``lib.budgets.STRATEGY_MAX_ROWS`` rows).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from numpy.typing import NDArray

from lib.io import PreparedData, prepare, read_csv
from lib.remedies import StrategyFit, fit_strategy, remedy_outputs
from lib.repair import CalibrationRepair, calibration_repair
from lib.thresholds import (
    ThresholdReport,
    threshold_report,
    tune_plain_threshold,
    weighting_gap_row,
)
from ui.cache import both_models, dataset, logistic, strategy_data, test_dataset

#: Parameters as a hashable, sorted tuple of (name, value) pairs.
Params = tuple[tuple[str, Any], ...]


@st.cache_data(max_entries=48, show_spinner=False)
def strategy_fit(
    n: int, ratio: int, sep: float, seed: int, shape: str, name: str, params: Params
) -> StrategyFit:
    """A remedy (``lib.remedies.fit_strategy``) fitted on the (capped) training data.

    ``params`` has no default on purpose: ``st.cache_data`` keys on the
    arguments as passed, so ``f(..., name)`` and ``f(..., name, ())`` would
    fit the same model twice.
    """
    X, y = strategy_data(n, ratio, sep, seed, shape)
    return fit_strategy(name, X, y, random_state=seed, **dict(params))


@st.cache_data(max_entries=48, show_spinner=False)
def strategy_outputs(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    name: str,
    params: Params,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> tuple[
    NDArray[np.float64],
    NDArray[np.int64],
    tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
]:
    """Test-set probabilities and labels of a fitted strategy, and its grid (``remedy_outputs``)."""
    model = strategy_fit(n, ratio, sep, seed, shape, name, params).model
    X_test, _ = strategy_data(n, ratio, sep, seed, shape, test=True)
    out = remedy_outputs(model, X_test, x_range=x_range, y_range=y_range)
    return out.p_test, out.pred, out.grid


# Keyed by the file's SHA-256 (``digest``) instead of its bytes or frame:
# hashing 200 MB per rerun costs time, and Streamlit hashes a large DataFrame
# from a sample of its rows, which could return another file's result.
@st.cache_data(max_entries=4, show_spinner=False)
def upload_frame(digest: str, name: str, _data: bytes) -> pd.DataFrame:
    """The uploaded CSV parsed once per file (see ``lib.io.read_csv``)."""
    return read_csv(_data, filename=name)


@st.cache_data(max_entries=16, show_spinner=False)
def upload_task(
    digest: str,
    target: str,
    positive: str | None,
    features: tuple[str, ...],
    missing: str,
    _frame: pd.DataFrame,
) -> PreparedData:
    """Features and labels of the parsed file ``_frame`` (see ``lib.io.prepare``)."""
    return prepare(_frame, target, positive=positive, features=list(features), missing=missing)


@st.cache_data(max_entries=16, show_spinner=False)
def tuned_threshold(
    n: int, ratio: int, sep: float, seed: int, shape: str, cost_fp: float, cost_fn: float
) -> tuple[float, float] | None:
    """Threshold and cross-validated cost of the plain model (``tune_plain_threshold``)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    tuned = tune_plain_threshold(X, y, cost_fp=cost_fp, cost_fn=cost_fn, random_state=seed)
    return None if tuned is None else (tuned.threshold, tuned.cv_cost)


@st.cache_data(max_entries=16, show_spinner=False)
def threshold_page(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    w0: float,
    w1: float,
    t: float,
    cost_fp: float,
    cost_fn: float,
) -> ThresholdReport:
    """The thresholds page's operating points and costs (``lib.thresholds.threshold_report``)."""
    key = (n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(*key)
    plain, weighted = logistic(*key, 1.0, 1.0), logistic(*key, w0, w1)
    return threshold_report(
        y_test,
        plain.probability(X_test),
        weighted.probability(X_test),
        t=t,
        w0=w0,
        w1=w1,
        cost_fp=cost_fp,
        cost_fn=cost_fn,
        tuned=tuned_threshold(*key, cost_fp, cost_fn),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def weighting_gap(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> dict[str, float]:
    """Weighted model at 0.5 against the plain one at w0/(w0+w1) (``weighting_gap_row``)."""
    key = (n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(*key)
    return weighting_gap_row(*both_models(*key, w0, w1), X_test, y_test, w0=w0, w1=w1)


@st.cache_data(max_entries=8, show_spinner=False)
def repair(n: int, ratio: int, sep: float, seed: int, shape: str) -> CalibrationRepair:
    """Odds corrections and held-out recalibration (``lib.repair.calibration_repair``)."""
    X, y = strategy_data(n, ratio, sep, seed, shape)
    X_test, y_test = strategy_data(n, ratio, sep, seed, shape, test=True)
    return calibration_repair(X, y, X_test, y_test, random_state=seed)
