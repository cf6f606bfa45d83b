"""Maps whose markers show sample weights, as size or as opacity.

A weight is drawn either as marker size (log scale, for weights spanning
decades, :func:`lib.viz.base.weight_sizes`) or as marker opacity (for
weights in (0, 1], such as recency weights, :func:`lib.viz.base.weight_opacities`).
Boundary lines and axes are those of :mod:`lib.viz.maps`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import NDArray

from lib.i18n import LabError, Translator
from lib.viz.base import EN, apply_layout, legend_below, new_figure, weight_opacities, weight_sizes
from lib.viz.maps import BoundaryLine, Grid, add_boundary_lines, equal_axes
from lib.viz.palette import CLASS_COLORS, INK_COLOR, OUTLINE_COLOR, PROBABILITY_SCALE


def weighted_map(
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    weights: NDArray[np.float64],
    lines: Sequence[BoundaryLine],
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    title: str,
    encoding: str = "size",
    grid: Grid | None = None,
    labels: Mapping[int, str] | None = None,
    tr: Translator = EN,
) -> go.Figure:
    """Points of a 2-D data set drawn by class and weight, with boundary lines.

    Parameters
    ----------
    X : ndarray of shape (n, 2)
        Features.
    y : ndarray of shape (n,)
        Labels 0/1.
    weights : ndarray of shape (n,)
        Sample weight of every point (shown in the hover and by ``encoding``).
    lines : sequence of BoundaryLine
        Lines to draw.
    x_range, y_range : (float, float)
        Axis ranges.
    title : str
        Already translated title.
    encoding : {"size", "opacity"}, default="size"
        Draw the weight as marker size (:func:`lib.viz.base.weight_sizes`;
        weight-0 points as open circles) or as opacity
        (:func:`lib.viz.base.weight_opacities`).
    grid : (grid_x, grid_y, prob) or None, default=None
        A probability heatmap of class 1 under the points (see
        :func:`lib.models.probability_grid`).
    labels : mapping of int to str or None, default=None
        Text drawn next to chosen points (index -> text).
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure

    Raises
    ------
    LabError
        ``error.viz.encoding`` for an unknown ``encoding``.
    """
    if encoding not in ("size", "opacity"):
        raise LabError("error.viz.encoding", value=encoding)
    fig = new_figure()
    if grid is not None:
        gx, gy, prob = grid
        fig.add_trace(
            go.Heatmap(
                x=gx.astype(np.float32),
                y=gy.astype(np.float32),
                z=prob.astype(np.float32),
                zmin=0.0,
                zmax=1.0,
                colorscale=PROBABILITY_SCALE,
                opacity=0.45,
                colorbar={"title": {"text": tr("fig.boundary.colorbar")}, "len": 0.8},
                hoverinfo="skip",
            )
        )
    w = np.asarray(weights, dtype=np.float64)
    for cls in (0, 1):
        idx = np.flatnonzero(y == cls)
        marker: dict[str, object] = {
            "color": CLASS_COLORS[cls],
            "line": {"width": 0.5, "color": OUTLINE_COLOR},
        }
        if encoding == "size":
            marker["size"] = weight_sizes(w[idx])
            marker["symbol"] = np.where(w[idx] > 0, "circle", "circle-open").tolist()
            marker["opacity"] = 0.85
        else:
            marker["size"] = 6
            marker["opacity"] = weight_opacities(w)[idx]
        fig.add_trace(
            go.Scattergl(
                x=X[idx, 0].astype(np.float32),
                y=X[idx, 1].astype(np.float32),
                mode="markers",
                name=tr("fig.class_count", cls=cls, n=f"{len(idx):,}"),
                marker=marker,
                customdata=np.column_stack([idx, w[idx]]),
                hovertemplate=tr("sw.fig_point_hover") + "<extra></extra>",
            )
        )
    if labels:
        ids = np.array(sorted(labels), dtype=np.int64)
        fig.add_trace(
            go.Scatter(
                x=X[ids, 0],
                y=X[ids, 1],
                mode="text",
                text=[labels[int(i)] for i in ids],
                textposition="top right",
                textfont={"size": 12, "color": INK_COLOR},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    add_boundary_lines(fig, lines, x_range, y_range)
    apply_layout(fig, title, tr("fig.feature", i=1), tr("fig.feature", i=2), height=540)
    legend_below(fig, -0.14)
    equal_axes(fig, x_range, y_range)
    return fig
