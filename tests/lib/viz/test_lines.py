"""lib.viz.lines: line charts."""

import numpy as np
import plotly.graph_objects as go
import pytest

from lib.calibration import reliability_curve
from lib.gradients import ConvergenceRun, class_gradient_contributions, gradient_descent
from lib.models import probability_grid
from lib.viz import (
    BoundaryLine,
    Curve,
    Point,
    add_points,
    boundary_map,
    convergence_chart,
    gradient_bars,
    line_chart,
    reliability_chart,
    run_chart,
)
from tests.lib.viz.helpers import figure_data


def test_convergence_chart_draws_three_panels_per_run(lesson_runs):
    _, _, runs = lesson_runs
    fig = convergence_chart({"unweighted": runs.unweighted, "weighted": runs.weighted})
    assert len(fig.data) == 6
    assert {t.name for t in fig.data} == {"unweighted", "weighted"}
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis3.type == "log"
    assert fig.layout.yaxis2.type != "log"
    assert min(min(t.x) for t in fig.data) >= 1  # step 0 cannot sit on a log axis
    marks = [s.x0 for s in fig.layout.shapes]
    assert {runs.unweighted.steps_to_optimum, runs.weighted.steps_to_optimum} <= set(marks)
    assert isinstance(runs.unweighted, ConvergenceRun)


def test_line_bar_run_and_boundary_figures():
    X, y, shown = figure_data()
    fig = line_chart(
        [Curve("a", np.arange(3.0), np.ones(3), "#000")],
        title="t",
        xtitle="x",
        ytitle="y",
        log_y=True,
        marks=[(1.0, "#111")],
    )
    assert fig.layout.yaxis.type == "log"
    c = class_gradient_contributions(X, y, [0.0, 0.0], 0.0)
    bars = gradient_bars({"u": c})
    assert bars.data[1].y[0] == c.norm1
    runs = {"u": gradient_descent(X, y, n_steps=3)}
    assert len(run_chart(runs, [("share1", "solid")], title="t", ytitle="y", step=1).data) == 1
    gx, gy, p = probability_grid([1.0, 1.0], 0.0, (-3, 3), (-3, 3), size=20)
    lines = [
        BoundaryLine(np.array([1.0, 1.0]), 0.0, 0.5, "b", "#000"),
        BoundaryLine(np.array([1.0, 0.0]), 0.0, 0.2, "v", "#000"),
    ]
    fig = boundary_map(X, y, shown, gx, gy, p, lines, title="t")
    assert isinstance(fig.data[0], go.Heatmap)
    diag = fig.data[-2]
    np.testing.assert_allclose(np.add(diag.x, diag.y), 0.0, atol=1e-12)
    vertical = fig.data[-1]
    np.testing.assert_allclose(vertical.x, np.log(0.25))


def test_reliability_chart_diagonal_and_one_curve_per_model():
    rng = np.random.default_rng(1)
    p = rng.uniform(0.001, 1.0, size=400)
    y = (rng.uniform(size=400) < p).astype(int)
    y[p < 0.1] = 0  # a bin without positives -> frequency 0
    curves = {
        "plain": reliability_curve(y, p, n_bins=10),
        "squared": reliability_curve(y, p**2, n_bins=10),
    }
    assert (curves["plain"]["observed_frequency"] == 0).any()
    fig = reliability_chart(
        curves, title="Reliability", xtitle="mean", ytitle="freq", diagonal="calibrated", low=1e-3
    )
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 3
    assert [t.name for t in fig.data] == ["calibrated", "plain", "squared"]
    assert list(fig.data[0].x) == [1e-3, 1.0] and list(fig.data[0].y) == [1e-3, 1.0]
    assert fig.layout.title.text == "Reliability"
    assert fig.layout.xaxis.title.text == "mean" and fig.layout.yaxis.title.text == "freq"
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis.range[0] == pytest.approx(-3)
    freq = np.asarray(fig.data[1].y)
    assert freq.min() == pytest.approx(1e-3)  # the empty bin is drawn at the floor
    np.testing.assert_allclose(
        freq, np.maximum(curves["plain"]["observed_frequency"], 1e-3), rtol=1e-6
    )
    np.testing.assert_array_equal(fig.data[1].customdata, curves["plain"]["count"])
    assert fig.data[1].line.color != fig.data[2].line.color


def test_add_points_adds_one_trace_per_point_to_the_same_figure():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    points = [
        Point(x=0.2, y=0.8, label="t = 0.5", color="#000000"),
        Point(x=0.4, y=0.6, label="Bayes", color="#009E73", symbol="star"),
    ]
    out = add_points(fig, points)
    assert out is fig
    assert len(fig.data) == 3
    assert [t.name for t in fig.data[1:]] == ["t = 0.5", "Bayes"]
    assert list(fig.data[2].x) == [0.4] and list(fig.data[2].y) == [0.6]
    assert fig.data[2].marker.symbol == "star"
    assert "Bayes" in fig.data[2].hovertemplate
    assert add_points(go.Figure(), []).data == ()
