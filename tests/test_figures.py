import numpy as np
import plotly.graph_objects as go

from lib.data import display_subsample, make_imbalanced
from lib.figures import (
    SVG_MAX_POINTS,
    BoundaryLine,
    Curve,
    boundary_map,
    data_scatter,
    gradient_bars,
    line_chart,
    run_chart,
    surface_heatmap,
)
from lib.gradients import class_gradient_contributions, gradient_descent
from lib.models import probability_grid


def data():
    X, y = make_imbalanced(3000, 100, class_sep=2.0, random_state=0)
    return X, y, display_subsample(y, max_points=500)


def test_scatter_draws_what_it_is_given_in_svg_when_small():
    X, y, shown = data()
    fig = data_scatter(X, y, shown)
    assert all(isinstance(t, go.Scatter) for t in fig.data)
    assert sum(len(t.x) for t in fig.data) == len(shown)
    assert "n = 30" in fig.data[1].name


def test_scatter_switches_to_webgl_above_the_svg_limit():
    X, y = make_imbalanced(20_000, 10, class_sep=2.0, random_state=0)
    for limit, kind in ((SVG_MAX_POINTS, go.Scatter), (SVG_MAX_POINTS + 1, go.Scattergl)):
        shown = np.sort(np.r_[np.flatnonzero(y == 1)[:100], np.flatnonzero(y == 0)[: limit - 100]])
        assert all(isinstance(t, kind) for t in data_scatter(X, y, shown).data)


def test_surface_heatmap_marks_minimum():
    s = np.linspace(-1, 1, 5)
    b = np.linspace(-2, 2, 5)
    Z = (b[:, None] - 1) ** 2 + s[None, :] ** 2 + 0.1
    fig = surface_heatmap(s, b, Z, optimum=(0.0, 1.0), title="t")
    kinds = [type(t).__name__ for t in fig.data]
    assert kinds[:2] == ["Heatmap", "Contour"]
    assert fig.data[3].x[0] == 0.0 and fig.data[3].y[0] == 1.0  # star on top
    assert fig.data[2].x[0] == 0.0 and fig.data[2].y[0] == 1.0  # lowest cell
    np.testing.assert_allclose(fig.data[0].z, np.log10(Z), rtol=1e-6)


def test_line_bar_run_and_boundary_figures():
    X, y, shown = data()
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
