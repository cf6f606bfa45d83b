"""Plotly builders of the resampling, probability, ensemble, threshold and arena pages.

Like :mod:`lib.figures`, every builder draws what it is given and computes
nothing; texts come translated (``tr`` or ready-made titles) and colours come
from the Okabe-Ito palette. Large point sets are subsampled by the caller,
which says so in the legend text it passes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from numpy.typing import NDArray
from plotly.subplots import make_subplots

from lib.figures import (
    CLASS_COLORS,
    SERIES_COLORS,
    BoundaryLine,
    _layout,
    boundary_map,
    marker_trace,
    new_figure,
)
from lib.i18n import Translator, translator

_EN = translator()
SYNTHETIC_COLOR = "#E69F00"  # Okabe-Ito orange
REMOVED_COLOR = "#BBBBBB"
BOUNDARY_COLOR = "#000000"


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


def strategy_map(
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    shown: NDArray[np.int64],
    grid: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
    *,
    lines: Sequence[BoundaryLine] = (),
    marked: Sequence[Marked] = (),
    boundary: tuple[NDArray[np.float64], NDArray[np.float64]] | None = None,
    boundary_label: str = "",
    title: str,
    tr: Translator = _EN,
) -> go.Figure:
    """A model's probability map with the data, extra points and its boundary.

    Parameters
    ----------
    X, y, shown : ndarray
        Data points and the indices drawn (see :func:`lib.figures.boundary_map`).
    grid : (grid_x, grid_y, prob)
        Probability of class 1 on a grid (e.g.
        :func:`lib.models.model_probability_grid`).
    lines : sequence of BoundaryLine
        Linear boundaries to draw (e.g. a reference model's).
    marked : sequence of Marked
        Extra points: synthetic samples, removed samples, copies; those with
        ``below=True`` are drawn under the data points.
    boundary : (xs, ys) or None
        Points on a non-linear boundary (:func:`lib.models.boundary_cells`),
        drawn as small black dots.
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
    gx, gy, prob = grid
    fig = boundary_map(X, y, shown, gx, gy, prob, lines, title=title, tr=tr)
    _add_marked(fig, marked)
    # Points marked "below" (e.g. removed samples) go right above the heatmap,
    # so that they never hide the data the model was trained on.
    below = [len(fig.data) - len(marked) + k for k, m in enumerate(marked) if m.below]
    order = [0, *below, *(i for i in range(1, len(fig.data)) if i not in below)]
    fig.data = tuple(fig.data[i] for i in order)
    if boundary is not None:
        fig.add_trace(
            _more_points(fig, len(boundary[0]))(
                x=boundary[0].astype(np.float32),
                y=boundary[1].astype(np.float32),
                mode="markers",
                name=boundary_label,
                hoverinfo="skip",
                marker={"color": BOUNDARY_COLOR, "size": 2.5},
            )
        )
    return fig


def probability_panels(
    histograms: Mapping[str, pd.DataFrame],
    *,
    marks: Mapping[str, Sequence[tuple[float, str, str]]],
    title: str,
    xtitle: str,
    ytitle: str,
    tr: Translator = _EN,
) -> go.Figure:
    """Small multiples: the distribution of predicted probabilities per class.

    Parameters
    ----------
    histograms : mapping of str to DataFrame
        Panel title -> :func:`lib.calibration.probability_histogram` table
        (``left``, ``right``, ``share_0``, ``share_1``).
    marks : mapping of str to sequence of (float, str, str)
        Panel title -> vertical lines (x, colour, dash), e.g. the mean
        predicted probability and the true positive rate.
    title, xtitle, ytitle : str
        Already translated texts.
    tr : callable
        Translation function (legend of the two classes).

    Returns
    -------
    plotly.graph_objects.Figure
        Log-scaled probability axis, one panel per model.
    """
    names = list(histograms)
    fig = make_subplots(
        rows=1,
        cols=len(names),
        shared_yaxes=True,
        subplot_titles=names,
        horizontal_spacing=0.03,
        figure=new_figure(),
    )
    for col, name in enumerate(names, start=1):
        table = histograms[name]
        centers = np.sqrt(table["left"].to_numpy() * table["right"].to_numpy())
        for cls in (0, 1):
            fig.add_trace(
                go.Scatter(
                    x=centers.astype(np.float32),
                    y=table[f"share_{cls}"].to_numpy(dtype=np.float32),
                    mode="lines",
                    line={"color": CLASS_COLORS[cls], "width": 2.5, "shape": "hvh"},
                    name=tr("fig.class", cls=cls),
                    legendgroup=str(cls),
                    showlegend=col == 1,
                    hovertemplate="p≈%{x:.2g}: %{y:.1%}<extra></extra>",
                ),
                row=1,
                col=col,
            )
        for x, color, dash in marks.get(name, ()):
            fig.add_vline(
                x=float(x), row=1, col=col, line={"color": color, "dash": dash, "width": 2}
            )
    _layout(fig, title, "", "", height=380)
    low = float(min(t["left"].iloc[0] for t in histograms.values()))
    fig.update_xaxes(
        type="log", dtick=1, exponentformat="power", showexponent="all", range=[np.log10(low), 0.0]
    )
    fig.update_xaxes(title_text=xtitle, row=1, col=(len(names) + 1) // 2)
    fig.update_yaxes(tickformat=".0%")
    fig.update_yaxes(title_text=ytitle, row=1, col=1)
    fig.update_layout(
        legend={"y": -0.3, "yanchor": "top", "x": 0.0, "xanchor": "left"}, margin={"t": 80}
    )
    return fig


def reliability_chart(
    curves: Mapping[str, pd.DataFrame],
    *,
    title: str,
    xtitle: str,
    ytitle: str,
    diagonal: str,
    low: float = 1e-4,
) -> go.Figure:
    """Reliability diagram on log axes: observed frequency against mean prediction.

    Parameters
    ----------
    curves : mapping of str to DataFrame
        Legend label -> :func:`lib.calibration.reliability_curve` table;
        colours follow the mapping's order.
    title, xtitle, ytitle, diagonal : str
        Already translated texts (``diagonal`` labels the calibrated line).
    low : float, default=1e-4
        Lower end of both axes (log scale).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = new_figure()
    fig.add_trace(
        go.Scatter(
            x=[low, 1.0],
            y=[low, 1.0],
            mode="lines",
            name=diagonal,
            line={"color": "#777777", "dash": "dot", "width": 1.5},
        )
    )
    for k, (label, table) in enumerate(curves.items()):
        # A bin without positives has frequency 0, off a log axis: drawn at the floor.
        freq = np.maximum(table["observed_frequency"].to_numpy(dtype=np.float64), low)
        fig.add_trace(
            go.Scatter(
                x=table["mean_predicted"].to_numpy(dtype=np.float32),
                y=freq.astype(np.float32),
                mode="lines+markers",
                name=label,
                line={"color": SERIES_COLORS[k % len(SERIES_COLORS)], "width": 2.5},
                marker={"size": 7},
                customdata=table["count"].to_numpy(),
                hovertemplate="%{x:.3g} → %{y:.3g} (n=%{customdata})<extra></extra>",
            )
        )
    _layout(fig, title, xtitle, ytitle, height=440)
    for axis in (fig.update_xaxes, fig.update_yaxes):
        axis(
            type="log",
            range=[np.log10(low), 0.02],
            dtick=1,
            exponentformat="power",
            showexponent="all",
        )
    fig.update_layout(legend={"y": -0.2, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    return fig


@dataclass(frozen=True)
class Point:
    """A labelled point drawn on a curve chart (e.g. an operating point)."""

    x: float
    y: float
    label: str
    color: str
    symbol: str = "circle"


def add_points(fig: go.Figure, points: Sequence[Point]) -> go.Figure:
    """Draw operating points on a chart, one legend entry each.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        E.g. from :func:`lib.figures.line_chart`.
    points : sequence of Point
        The points.

    Returns
    -------
    plotly.graph_objects.Figure
        The same figure.
    """
    for p in points:
        fig.add_trace(
            go.Scatter(
                x=[p.x],
                y=[p.y],
                mode="markers",
                name=p.label,
                marker={
                    "color": p.color,
                    "symbol": p.symbol,
                    "size": 14,
                    "line": {"color": "#000000", "width": 1.5},
                },
                hovertemplate="%{x:.3f}, %{y:.3f}<extra>" + p.label + "</extra>",
            )
        )
    return fig


def interval_chart(
    summary: pd.DataFrame, metrics: Mapping[str, str], labels: Mapping[str, str], *, title: str
) -> go.Figure:
    """Mean and confidence interval of several metrics, one panel per metric.

    Parameters
    ----------
    summary : DataFrame
        :func:`lib.evaluation.summarize_folds` table (``strategy``,
        ``metric``, ``mean``, ``ci_low``, ``ci_high``).
    metrics : mapping of str to str
        Metric column -> panel title (already translated), in panel order.
    labels : mapping of str to str
        Strategy name -> display name; rows are drawn in this order, top to
        bottom.
    title : str
        Already translated title.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    names = [s for s in labels if s in set(summary["strategy"])]
    fig = make_subplots(
        rows=1,
        cols=len(metrics),
        shared_yaxes=True,
        subplot_titles=list(metrics.values()),
        horizontal_spacing=0.02,
        figure=new_figure(),
    )
    display = [labels[s] for s in names]
    for col, metric in enumerate(metrics, start=1):
        rows = summary[summary["metric"] == metric].set_index("strategy").reindex(names)
        mean = rows["mean"].to_numpy(dtype=np.float64)
        fig.add_trace(
            go.Scatter(
                x=mean,
                y=display,
                mode="markers",
                marker={
                    "color": SERIES_COLORS[(col - 1) % len(SERIES_COLORS)],
                    "size": 10,
                    "line": {"color": "#000000", "width": 1},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": np.nan_to_num(rows["ci_high"].to_numpy() - mean),
                    "arrayminus": np.nan_to_num(mean - rows["ci_low"].to_numpy()),
                    "thickness": 2,
                    "width": 4,
                },
                showlegend=False,
                hovertemplate="%{y}: %{x:.3f}<extra>" + metrics[metric] + "</extra>",
            ),
            row=1,
            col=col,
        )
    _layout(fig, title, "", "", height=max(320, 70 + 38 * len(names)))
    fig.update_xaxes(range=[-0.03, 1.03], tickformat=".1f")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(margin={"l": 170, "t": 90})
    return fig
