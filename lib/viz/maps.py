"""Maps of a 2-D data set: scatters, probability heatmaps and decision boundaries.

A decision map is computed once and drawn separately, like scikit-learn's
``DecisionBoundaryDisplay``: :class:`DecisionMap` holds what the map shows
(the probability of class 1 on a grid and, for a model without a closed-form
boundary, the grid points on its boundary), built by :meth:`DecisionMap.of_linear`
or :meth:`DecisionMap.of_estimator` from the computations in :mod:`lib.linear`
and :mod:`lib.models`; :func:`decision_map` only draws it. Linear boundaries
are :class:`BoundaryLine` objects, drawn as straight lines across the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
from numpy.typing import NDArray

from lib.i18n import Translator
from lib.linear import LinearModel
from lib.losses import logit
from lib.models import boundary_cells, model_probability_grid
from lib.viz.base import (
    EN,
    apply_layout,
    legend_below,
    marker_trace,
    new_figure,
)
from lib.viz.palette import (
    BOUNDARY_COLOR,
    CLASS_COLORS,
    OUTLINE_COLOR,
    PROBABILITY_SCALE,
)

Grid = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]


@dataclass(frozen=True)
class BoundaryLine:
    """The line where a linear model's probability equals ``threshold``."""

    coef: NDArray[np.float64]
    intercept: float
    threshold: float
    label: str
    color: str
    dash: str = "solid"

    @classmethod
    def of(
        cls, model: LinearModel, *, threshold: float, label: str, color: str, dash: str = "solid"
    ) -> BoundaryLine:
        """The boundary of a :class:`~lib.linear.LinearModel` at ``threshold``."""
        return cls(model.coef, model.intercept, threshold, label, color, dash)

    def segment(
        self, x_range: tuple[float, float], y_range: tuple[float, float]
    ) -> tuple[list[float], list[float]]:
        r"""End points of the line :math:`\beta^\top x + \beta_0 = \mathrm{logit}(t)` on the map.

        The line is drawn across the x range when it is closer to horizontal,
        across the y range otherwise; a model without slope has no line.

        Parameters
        ----------
        x_range, y_range : (float, float)
            The map's extent.

        Returns
        -------
        xs, ys : list of float
            Two points each (empty when both coefficients are zero).
        """
        w1, w2 = float(self.coef[0]), float(self.coef[1])
        level = logit(self.threshold) - self.intercept
        if abs(w2) >= abs(w1) and w2 != 0.0:
            xs = np.array(x_range)
            return xs.tolist(), ((level - w1 * xs) / w2).tolist()
        if w1 != 0.0:
            ys = np.array(y_range)
            return ((level - w2 * ys) / w1).tolist(), ys.tolist()
        return [], []


@dataclass(frozen=True)
class DecisionMap:
    """What a decision map shows: the probability of class 1 on a grid.

    Attributes
    ----------
    grid_x, grid_y : ndarray
        Grid axes.
    prob : ndarray of shape (len(grid_y), len(grid_x))
        Probability of class 1, rows following ``grid_y``.
    boundary : (xs, ys) or None
        Grid points on the decision boundary of a model without a
        closed-form one (:func:`lib.models.boundary_cells`).
    """

    grid_x: NDArray[np.float64]
    grid_y: NDArray[np.float64]
    prob: NDArray[np.float64]
    boundary: tuple[NDArray[np.float64], NDArray[np.float64]] | None = None

    @classmethod
    def of_linear(
        cls,
        model: LinearModel,
        x_range: tuple[float, float],
        y_range: tuple[float, float],
        *,
        size: int = 100,
    ) -> DecisionMap:
        """The map of a 2-D linear model (:meth:`lib.linear.LinearModel.probability_grid`)."""
        return cls(*model.probability_grid(x_range, y_range, size=size))

    @classmethod
    def of_estimator(
        cls,
        estimator: Any,
        x_range: tuple[float, float],
        y_range: tuple[float, float],
        *,
        size: int = 100,
        threshold: float = 0.5,
    ) -> DecisionMap:
        """The map of any fitted 2-D classifier, with its boundary points.

        Evaluates :func:`lib.models.model_probability_grid` and
        :func:`lib.models.boundary_cells` at ``threshold``.
        """
        grid = model_probability_grid(estimator, x_range, y_range, size=size)
        return cls(*grid, boundary=boundary_cells(*grid, threshold=threshold))

    @property
    def x_range(self) -> tuple[float, float]:
        """First and last grid x."""
        return float(self.grid_x[0]), float(self.grid_x[-1])

    @property
    def y_range(self) -> tuple[float, float]:
        """First and last grid y."""
        return float(self.grid_y[0]), float(self.grid_y[-1])


@dataclass(frozen=True)
class Marked:
    """Extra points on a map: coordinates, legend text, colour and symbol."""

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    label: str
    color: str
    symbol: str = "diamond"
    size: float | NDArray[np.float64] = 7.0
    below: bool = False
    opacity: float = 0.9


def add_class_points(
    fig: go.Figure,
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    shown: NDArray[np.int64],
    tr: Translator,
) -> None:
    """Draw the points ``shown``, one trace per class (class 1 larger and opaque).

    Legend texts count each class in the full data set; the trace type follows
    :func:`lib.viz.base.marker_trace`.
    """
    trace = marker_trace(len(shown))
    for cls in (0, 1):
        idx = shown[y[shown] == cls]
        fig.add_trace(
            trace(
                x=X[idx, 0].astype(np.float32),
                y=X[idx, 1].astype(np.float32),
                mode="markers",
                name=tr("fig.class_count", cls=cls, n=f"{int(np.sum(y == cls)):,}"),
                marker={
                    "color": CLASS_COLORS[cls],
                    "size": 4 if cls == 0 else 8,
                    "opacity": 0.45 if cls == 0 else 0.95,
                    "line": {"width": 0 if cls == 0 else 1, "color": OUTLINE_COLOR},
                },
                hoverinfo="skip",
            )
        )


def add_boundary_lines(
    fig: go.Figure,
    lines: Sequence[BoundaryLine],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> None:
    """Draw each :class:`BoundaryLine` across the map's extent."""
    for line in lines:
        xs, ys = line.segment(x_range, y_range)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=line.label,
                line={"color": line.color, "dash": line.dash, "width": 3},
            )
        )


def equal_axes(fig: go.Figure, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
    """Fix the map's extent with equal units on both axes, so a boundary's angle is the model's."""
    fig.update_xaxes(range=list(x_range), constrain="domain")
    fig.update_yaxes(range=list(y_range), scaleanchor="x", scaleratio=1, constrain="domain")


def _more_points(fig: go.Figure, extra: int) -> type[go.Scatter] | type[go.Scattergl]:
    """The trace type for ``extra`` more markers: the figure's, once it uses WebGL."""
    if any(t.type == "scattergl" for t in fig.data):
        gl: type[go.Scattergl] = go.Scattergl
        return gl
    drawn = sum(len(t.x) for t in fig.data if t.type == "scatter" and t.mode == "markers")
    return marker_trace(drawn + extra)


def _add_marked(fig: go.Figure, marked: Sequence[Marked]) -> None:
    trace = _more_points(fig, sum(len(m.x) for m in marked))
    for m in marked:
        fig.add_trace(
            trace(
                x=np.asarray(m.x, dtype=np.float32),
                y=np.asarray(m.y, dtype=np.float32),
                mode="markers",
                name=m.label,
                hoverinfo="skip",
                marker={
                    "color": m.color,
                    "symbol": m.symbol,
                    "size": m.size,
                    "opacity": m.opacity,
                    "line": {"width": 0.5 if "open" not in m.symbol else 1.5, "color": m.color},
                },
            )
        )


def data_scatter(
    X: NDArray[np.float64], y: NDArray[np.int64], shown: NDArray[np.int64], *, tr: Translator = EN
) -> go.Figure:
    """Scatter of the first two features, one colour per class.

    Parameters
    ----------
    X : ndarray of shape (n, >=2)
        Features.
    y : ndarray of shape (n,)
        Labels 0/1.
    shown : ndarray of int
        Indices to draw (see :func:`lib.data.display_subsample`); legend
        counts are of the full data set.
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = new_figure()
    add_class_points(fig, X, y, shown, tr)
    apply_layout(
        fig, tr("fig.data.title"), tr("fig.feature", i=1), tr("fig.feature", i=2), height=480
    )
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig


def decision_map(
    decision: DecisionMap,
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    shown: NDArray[np.int64],
    *,
    lines: Sequence[BoundaryLine] = (),
    marked: Sequence[Marked] = (),
    boundary_label: str = "",
    title: str,
    tr: Translator = EN,
) -> go.Figure:
    """Draw a :class:`DecisionMap`: heatmap, data, extra points, boundary lines and points.

    Parameters
    ----------
    decision : DecisionMap
        The computed map.
    X : ndarray of shape (n, 2)
        Features.
    y : ndarray of shape (n,)
        Labels 0/1.
    shown : ndarray of int
        Indices of the points to draw.
    lines : sequence of BoundaryLine
        Linear boundaries to draw (threshold lines, a reference model's).
    marked : sequence of Marked
        Extra points: synthetic samples, removed samples, copies; those with
        ``below=True`` are drawn under the data points.
    boundary_label : str
        Legend text of ``decision.boundary`` (drawn as small black dots).
    title : str
        Already translated title.
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = new_figure()
    fig.add_trace(
        go.Heatmap(
            x=decision.grid_x.astype(np.float32),
            y=decision.grid_y.astype(np.float32),
            z=decision.prob.astype(np.float32),
            zmin=0.0,
            zmax=1.0,
            colorscale=PROBABILITY_SCALE,
            opacity=0.55,
            colorbar={"title": {"text": tr("fig.boundary.colorbar")}},
            hovertemplate=tr("fig.boundary.hover") + "<extra></extra>",
        )
    )
    add_class_points(fig, X, y, shown, tr)
    add_boundary_lines(fig, lines, decision.x_range, decision.y_range)
    apply_layout(fig, title, tr("fig.feature", i=1), tr("fig.feature", i=2), height=520)
    legend_below(fig, -0.15)
    equal_axes(fig, decision.x_range, decision.y_range)
    if marked:
        _add_marked(fig, marked)
        # Points marked "below" (e.g. removed samples) go right above the heatmap,
        # so that they never hide the data the model was trained on.
        below = [len(fig.data) - len(marked) + k for k, m in enumerate(marked) if m.below]
        order = [0, *below, *(i for i in range(1, len(fig.data)) if i not in below)]
        fig.data = tuple(fig.data[i] for i in order)
    if decision.boundary is not None:
        xs, ys = decision.boundary
        fig.add_trace(
            _more_points(fig, len(xs))(
                x=xs.astype(np.float32),
                y=ys.astype(np.float32),
                mode="markers",
                name=boundary_label,
                hoverinfo="skip",
                marker={"color": BOUNDARY_COLOR, "size": 2.5},
            )
        )
    return fig


def boundary_map(
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    shown: NDArray[np.int64],
    grid_x: NDArray[np.float64],
    grid_y: NDArray[np.float64],
    prob: NDArray[np.float64],
    lines: Sequence[BoundaryLine],
    *,
    title: str,
    tr: Translator = EN,
) -> go.Figure:
    """Probability heatmap of a 2-D model with data points and boundary lines.

    Parameters
    ----------
    X : ndarray of shape (n, 2)
        Features.
    y : ndarray of shape (n,)
        Labels 0/1.
    shown : ndarray of int
        Indices of the points to draw.
    grid_x, grid_y : ndarray
        Axes of the probability grid.
    prob : ndarray of shape (len(grid_y), len(grid_x))
        Predicted probability of class 1 on the grid.
    lines : sequence of BoundaryLine
        Threshold lines to draw.
    title : str
        Already translated title.
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    return decision_map(
        DecisionMap(grid_x, grid_y, prob), X, y, shown, lines=lines, title=title, tr=tr
    )


def strategy_map(
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    shown: NDArray[np.int64],
    grid: Grid | DecisionMap,
    *,
    lines: Sequence[BoundaryLine] = (),
    marked: Sequence[Marked] = (),
    boundary: tuple[NDArray[np.float64], NDArray[np.float64]] | None = None,
    boundary_label: str = "",
    title: str,
    tr: Translator = EN,
) -> go.Figure:
    """A model's probability map with the data, extra points and its boundary.

    Parameters
    ----------
    X, y, shown : ndarray
        Data points and the indices drawn (see :func:`boundary_map`).
    grid : (grid_x, grid_y, prob) or DecisionMap
        Probability of class 1 on a grid (e.g.
        :func:`lib.models.model_probability_grid`).
    lines : sequence of BoundaryLine
        Linear boundaries to draw (e.g. a reference model's).
    marked : sequence of Marked
        Extra points: synthetic samples, removed samples, copies; those with
        ``below=True`` are drawn under the data points.
    boundary : (xs, ys) or None
        Points on a non-linear boundary (:func:`lib.models.boundary_cells`),
        drawn as small black dots; replaces a :class:`DecisionMap`'s own.
    boundary_label : str
        Legend text of ``boundary``.
    title : str
        Already translated title.
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    decision = grid if isinstance(grid, DecisionMap) else DecisionMap(*grid)
    if boundary is not None:
        decision = DecisionMap(decision.grid_x, decision.grid_y, decision.prob, boundary)
    return decision_map(
        decision,
        X,
        y,
        shown,
        lines=lines,
        marked=marked,
        boundary_label=boundary_label,
        title=title,
        tr=tr,
    )
