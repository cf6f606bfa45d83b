"""lib.viz.maps: scatter plots and decision maps, computed once and drawn separately."""

import numpy as np
import plotly.graph_objects as go
from sklearn.tree import DecisionTreeClassifier

import lib.viz as viz
from lib.data import make_imbalanced
from lib.linear import LinearModel
from lib.models import boundary_cells, model_probability_grid, probability_grid
from lib.viz import (
    REMOVED_COLOR,
    SVG_MAX_POINTS,
    SYNTHETIC_COLOR,
    BoundaryLine,
    DecisionMap,
    Marked,
    boundary_map,
    data_scatter,
    decision_map,
    strategy_map,
)
from tests.lib.viz.helpers import data, figure_data


def test_a_linear_decision_map_is_the_models_probability_grid():
    model = LinearModel.of([1.0, -0.5], 0.3)
    decision = DecisionMap.of_linear(model, (-3.0, 3.0), (-2.0, 2.0), size=25)
    gx, gy, prob = probability_grid(model.coef, model.intercept, (-3.0, 3.0), (-2.0, 2.0), size=25)
    np.testing.assert_array_equal(decision.grid_x, gx)
    np.testing.assert_array_equal(decision.grid_y, gy)
    np.testing.assert_array_equal(decision.prob, prob)
    assert decision.boundary is None
    assert decision.x_range == (-3.0, 3.0) and decision.y_range == (-2.0, 2.0)


def test_an_estimators_decision_map_carries_its_boundary_points():
    X, y, _ = data()
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    decision = DecisionMap.of_estimator(tree, (-3.0, 3.0), (-3.0, 3.0), size=30)
    grid = model_probability_grid(tree, (-3.0, 3.0), (-3.0, 3.0), size=30)
    np.testing.assert_array_equal(decision.prob, grid[2])
    assert decision.boundary is not None
    for got, want in zip(decision.boundary, boundary_cells(*grid), strict=True):
        np.testing.assert_array_equal(got, want)


def test_drawing_a_decision_map_equals_the_map_builders():
    X, y, shown = data()
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    decision = DecisionMap.of_estimator(tree, (-3.0, 3.0), (-3.0, 3.0), size=30)
    line = BoundaryLine(np.array([1.0, 1.0]), 0.0, 0.5, "line", viz.WEIGHTED_COLOR)
    drawn = decision_map(decision, X, y, shown, lines=[line], boundary_label="b", title="t")
    grid = (decision.grid_x, decision.grid_y, decision.prob)
    old = strategy_map(
        X, y, shown, grid, lines=[line], boundary=decision.boundary, boundary_label="b", title="t"
    )
    assert drawn.to_dict() == old.to_dict()
    assert (
        drawn.to_dict()
        == strategy_map(
            X, y, shown, decision, lines=[line], boundary_label="b", title="t"
        ).to_dict()
    )
    plain = decision_map(DecisionMap(*grid), X, y, shown, lines=[line], title="t")
    assert plain.to_dict() == boundary_map(X, y, shown, *grid, [line], title="t").to_dict()
    assert isinstance(drawn.data[0], go.Heatmap) and drawn.data[-1].name == "b"


def test_a_boundary_line_of_a_linear_model_and_its_segment():
    model = LinearModel.of([2.0, 1.0], -1.0)
    line = BoundaryLine.of(model, threshold=0.5, label="l", color=viz.UNWEIGHTED_COLOR)
    xs, ys = line.segment((-1.0, 1.0), (-5.0, 5.0))
    np.testing.assert_allclose(model.decision(np.column_stack([xs, ys])), 0.0, atol=1e-12)
    flat = BoundaryLine(np.zeros(2), 0.0, 0.5, "none", viz.UNWEIGHTED_COLOR)
    assert flat.segment((-1.0, 1.0), (-1.0, 1.0)) == ([], [])


def test_scatter_draws_what_it_is_given_in_svg_when_small():
    X, y, shown = figure_data()
    fig = data_scatter(X, y, shown)
    assert all(isinstance(t, go.Scatter) for t in fig.data)
    assert sum(len(t.x) for t in fig.data) == len(shown)
    assert "n = 30" in fig.data[1].name


def test_scatter_switches_to_webgl_above_the_svg_limit():
    X, y = make_imbalanced(20_000, 10, class_sep=2.0, random_state=0)
    for limit, kind in ((SVG_MAX_POINTS, go.Scatter), (SVG_MAX_POINTS + 1, go.Scattergl)):
        shown = np.sort(np.r_[np.flatnonzero(y == 1)[:100], np.flatnonzero(y == 0)[: limit - 100]])
        assert all(isinstance(t, kind) for t in data_scatter(X, y, shown).data)


def test_strategy_map_draws_map_points_lines_marks_and_boundary(logistic):
    X, y = make_imbalanced(200, 9, class_sep=2.0, random_state=0)
    grid = model_probability_grid(logistic, (-3, 3), (-3, 3), size=20)
    line = BoundaryLine(
        coef=logistic.coef_[0],
        intercept=float(logistic.intercept_[0]),
        threshold=0.5,
        label="reference",
        color="#000000",
    )
    marked = [
        Marked(
            x=np.array([0.1, 0.2]), y=np.array([0.3, 0.4]), label="synthetic", color=SYNTHETIC_COLOR
        ),
        Marked(
            x=np.array([1.0]),
            y=np.array([-1.0]),
            label="removed",
            color=REMOVED_COLOR,
            symbol="x-open",
        ),
    ]
    boundary = boundary_cells(*grid)
    fig = strategy_map(
        X,
        y,
        np.arange(len(y)),
        grid,
        lines=[line],
        marked=marked,
        boundary=boundary,
        boundary_label="boundary",
        title="A map",
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "A map"
    assert [type(t).__name__ for t in fig.data] == [
        "Heatmap",
        "Scatter",
        "Scatter",
        "Scatter",
        "Scatter",
        "Scatter",
        "Scatter",
    ]
    assert [t.name for t in fig.data[3:]] == ["reference", "synthetic", "removed", "boundary"]
    assert "class 1 (n = 20)" in fig.data[2].name
    assert len(fig.data[1].x) + len(fig.data[2].x) == len(y)
    np.testing.assert_allclose(fig.data[4].x, [0.1, 0.2], rtol=1e-6)
    assert fig.data[4].marker.color == SYNTHETIC_COLOR
    assert fig.data[5].marker.symbol == "x-open"
    assert len(fig.data[6].x) == len(boundary[0]) > 0
    np.testing.assert_allclose(fig.data[0].z, grid[2], rtol=1e-6)


def test_strategy_map_minimal(logistic):
    X, y = make_imbalanced(50, 4, random_state=0)
    grid = model_probability_grid(logistic, (-3, 3), (-3, 3), size=5)
    fig = strategy_map(X, y, np.arange(10), grid, title="t")
    assert len(fig.data) == 3  # heatmap and the two classes
    assert len(fig.data[1].x) + len(fig.data[2].x) == 10
