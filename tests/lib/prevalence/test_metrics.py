"""lib.prevalence.metrics: metrics as the prevalence changes (issue 14, section 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.metrics import prevalence_metrics
from lib.prevalence import (
    PREVALENCE_METRICS,
    PREVALENCE_RATIOS,
    metric_ranges,
    metrics_by_prevalence,
)
from tests.lib.prevalence.helpers import _scores


def test_metrics_at_the_sets_own_ratio_equal_prevalence_metrics():
    y, p = _scores()
    own = (len(y) - y.sum()) / y.sum()
    row = metrics_by_prevalence(y, p, [own], threshold=0.3).iloc[0]
    expected = prevalence_metrics(y, p, threshold=0.3).as_dict()
    for name in PREVALENCE_METRICS:
        assert row[name] == pytest.approx(expected[name], abs=1e-12), name
    assert row["prevalence"] == pytest.approx(expected["prevalence"])


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    t=st.floats(0.05, 0.95),
    ratios=st.lists(st.sampled_from(PREVALENCE_RATIOS), min_size=2, max_size=6),
)
def test_within_class_metrics_do_not_depend_on_prevalence(seed, t, ratios):
    y, p = _scores(seed, n=400)
    table = metrics_by_prevalence(y, p, ratios, threshold=t)
    for name in ("recall", "roc_auc", "balanced_accuracy"):
        assert np.ptp(table[name]) < 1e-9, name


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), t=st.floats(0.05, 0.95))
def test_precision_follows_its_formula_and_rises_with_prevalence(seed, t):
    y, p = _scores(seed, n=400)
    table = metrics_by_prevalence(y, p, threshold=t)
    pred = p >= t
    tpr, fpr = pred[y == 1].mean(), pred[y == 0].mean()
    pi = table["prevalence"].to_numpy()
    if tpr + fpr > 0:
        expected = pi * tpr / (pi * tpr + (1 - pi) * fpr)
        np.testing.assert_allclose(table["precision"], expected, atol=1e-9)
    if tpr > 0 and fpr > 0:
        assert np.all(np.diff(table["precision"]) < 0)  # ratios rise, prevalence falls


def test_ranges_and_bad_inputs():
    y, p = _scores()
    ranges = metric_ranges(metrics_by_prevalence(y, p))
    assert list(ranges.index) == list(PREVALENCE_METRICS)
    assert np.all(ranges["high"] >= ranges["low"])
    np.testing.assert_allclose(ranges["spread"], ranges["high"] - ranges["low"])
    with pytest.raises(ValueError, match="ratios"):
        metrics_by_prevalence(y, p, [0.5])
    with pytest.raises(ValueError, match="ratios"):
        metrics_by_prevalence(y, p, [])
    with pytest.raises(ValueError):
        metrics_by_prevalence(np.zeros(5), np.full(5, 0.5))
    with pytest.raises(ValueError, match="metrics_by_prevalence"):
        metric_ranges(pd.DataFrame({"x": [1.0]}))
