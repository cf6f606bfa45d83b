"""lib.viz.intervals: interval charts and error bars."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.studies.weighted_regression import (
    inverse_variance_weights,
    make_heteroscedastic,
    replicate_line_fits,
)
from lib.viz import RegressionLine, Sample, errorbar_fit, estimate_histograms, interval_chart


def test_interval_chart_one_panel_per_metric_rows_in_label_order():
    summary = pd.DataFrame(
        [
            {"strategy": s, "metric": m, "mean": mean, "ci_low": mean - 0.1, "ci_high": mean + 0.05}
            for s, base in (("smote", 0.5), ("none", 0.3))
            for m, mean in (("pr_auc", base), ("recall_1", base + 0.2))
        ]
    )
    summary.loc[len(summary)] = {
        "strategy": "focal",
        "metric": "pr_auc",
        "mean": 0.4,
        "ci_low": np.nan,
        "ci_high": np.nan,
    }
    labels = {"none": "No remedy", "focal": "Focal loss", "smote": "SMOTE", "absent": "Not run"}
    fig = interval_chart(
        summary, {"pr_auc": "PR-AUC", "recall_1": "Recall 1"}, labels, title="Intervals"
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "Intervals"
    assert len(fig.data) == 2
    assert [a.text for a in fig.layout.annotations] == ["PR-AUC", "Recall 1"]
    assert list(fig.data[0].y) == ["No remedy", "Focal loss", "SMOTE"]
    np.testing.assert_allclose(fig.data[0].x, [0.3, 0.4, 0.5])
    np.testing.assert_allclose(fig.data[0].error_x.array, [0.05, 0.0, 0.05])
    np.testing.assert_allclose(fig.data[0].error_x.arrayminus, [0.1, 0.0, 0.1])
    # focal has no recall_1 row: NaN mean, nothing drawn.
    assert np.isnan(fig.data[1].x[1])
    np.testing.assert_allclose(np.asarray(fig.data[1].x)[[0, 2]], [0.5, 0.7])
    assert fig.layout.yaxis.autorange == "reversed"


def test_errorbar_fit_and_histograms():
    d = make_heteroscedastic(40, random_state=0)
    fig = errorbar_fit(
        d.x,
        d.y,
        d.sigma,
        [RegressionLine(1.0, 0.8, "true", "#009E73")],
        x_range=d.x_range,
        title="t",
        weights=inverse_variance_weights(d.sigma),
    )
    assert isinstance(fig.data[0], go.Scattergl)
    np.testing.assert_allclose(fig.data[0].error_y.array, d.sigma)
    assert list(fig.data[1].y) == pytest.approx([1.0, 9.0])
    reps = replicate_line_fits(d, n_reps=50, random_state=0)
    hist = estimate_histograms(
        [
            Sample("OLS", reps["ols_slope"].to_numpy(), "#000000"),
            Sample("WLS", reps["wls_slope"].to_numpy(), "#CC79A7"),
        ],
        truth=0.8,
        truth_label="truth",
        title="t",
        xtitle="b",
        ytitle="n",
    )
    assert [type(t).__name__ for t in hist.data] == ["Histogram", "Histogram", "Scatter"]
    assert hist.data[0].xbins.size == hist.data[1].xbins.size
    assert list(hist.data[2].x) == [0.8, 0.8]
