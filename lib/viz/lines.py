"""Line charts: curves against a parameter, runs by step, reliability diagrams, operating points.

:func:`line_chart` draws any set of :class:`Curve` objects with optional
vertical marks; :func:`run_chart` and :func:`convergence_chart` draw
gradient-descent runs step by step; :func:`reliability_chart` draws
calibration curves on log axes; :func:`add_points` marks operating points
on a drawn chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from numpy.typing import NDArray
from plotly.subplots import make_subplots

from lib.i18n import Translator
from lib.viz.base import EN, apply_layout, legend_below, log_axis, new_figure
from lib.viz.palette import INK_COLOR, MARK_COLOR, SERIES_COLORS, UNWEIGHTED_COLOR, WEIGHTED_COLOR

if TYPE_CHECKING:
    from lib.gradients import ConvergenceRun


@dataclass(frozen=True)
class Curve:
    """One line of a line chart: label, x and y values, colour, dash."""

    label: str
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    color: str
    dash: str = "solid"


def line_chart(
    curves: Sequence[Curve],
    *,
    title: str,
    xtitle: str,
    ytitle: str,
    log_y: bool = False,
    marks: Sequence[tuple[float, str]] = (),
    height: int = 420,
    log_x: bool = False,
    reverse_x: bool = False,
    y_range: tuple[float, float] | None = None,
) -> go.Figure:
    """Lines with optional vertical marks (e.g. minima or the current step).

    Parameters
    ----------
    curves : sequence of Curve
        The lines to draw.
    title, xtitle, ytitle : str
        Already translated texts.
    log_y : bool, default=False
        Logarithmic y axis.
    marks : sequence of (float, str)
        Vertical dotted lines at x with a colour.
    height : int, default=420
        Figure height in pixels, legend below the plot included.
    log_x : bool, default=False
        Logarithmic x axis.
    reverse_x : bool, default=False
        Draw the x axis from high to low.
    y_range : (float, float) or None, default=None
        Fixed y range in data units (also for a log axis); ``None`` fits
        the data.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = new_figure()
    for curve in curves:
        fig.add_trace(
            go.Scatter(
                x=np.asarray(curve.x, dtype=np.float32),
                y=np.asarray(curve.y, dtype=np.float64),
                mode="lines",
                name=curve.label,
                line={"color": curve.color, "dash": curve.dash, "width": 2.5},
            )
        )
    for x, color in marks:
        fig.add_vline(x=x, line={"color": color, "dash": "dot", "width": 1.5})
    apply_layout(fig, title, xtitle, ytitle, height=height)
    legend_below(fig, -0.3)
    fig.update_layout(margin={"b": 40})
    if log_y:
        log_axis(fig, "y")
    if log_x:
        log_axis(fig, "x")
    if reverse_x:
        fig.update_xaxes(autorange="reversed")
    if y_range is not None:
        low, high = y_range
        fig.update_yaxes(range=[np.log10(low), np.log10(high)] if log_y else [low, high])
    return fig


def run_chart(
    runs: Mapping[str, pd.DataFrame],
    columns: Sequence[tuple[str, str]],
    *,
    title: str,
    ytitle: str,
    step: int | None = None,
    log_y: bool = False,
    tr: Translator = EN,
) -> go.Figure:
    """Per-step curves of gradient-descent runs (see :func:`gradient_descent`).

    Parameters
    ----------
    runs : mapping of str to DataFrame
        Run label -> per-step table; the first run is drawn in black, the
        second in the weighted colour.
    columns : sequence of (column, dash)
        Which columns to draw and their dash style.
    title, ytitle : str
        Already translated texts.
    step : int or None
        Step to mark with a vertical line.
    log_y : bool, default=False
        Logarithmic y axis.
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    colors = [UNWEIGHTED_COLOR, WEIGHTED_COLOR]
    curves = [
        Curve(
            f"{label} · {tr('fig.run.' + column)}",
            frame["step"].to_numpy(),
            frame[column].to_numpy(),
            colors[k % 2],
            dash,
        )
        for k, (label, frame) in enumerate(runs.items())
        for column, dash in columns
    ]
    marks = [] if step is None else [(float(step), MARK_COLOR)]
    return line_chart(
        curves, title=title, xtitle=tr("fig.run.step"), ytitle=ytitle, log_y=log_y, marks=marks
    )


#: Panels from top to bottom: (history column, axis-title key, log axis).
PANELS = (
    ("loss", "fig.conv.loss", True),
    ("recall1", "fig.conv.recall", False),
    ("distance", "fig.conv.distance", True),
)


def convergence_chart(runs: Mapping[str, ConvergenceRun], *, tr: Translator = EN) -> go.Figure:
    """Loss, class-1 recall and distance to the own minimum of each run, by step.

    Three stacked panels share a logarithmic step axis (from step 1; step 0
    is the common start at zero). A dotted vertical line in each run's colour
    marks the step at which it came within 1 % of its minimum.

    Parameters
    ----------
    runs : mapping of str to ConvergenceRun
        Run label -> result; the first run is drawn in black, the second in
        the weighted colour.
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = make_subplots(
        rows=len(PANELS), cols=1, shared_xaxes=True, vertical_spacing=0.05, figure=new_figure()
    )
    colors = (UNWEIGHTED_COLOR, WEIGHTED_COLOR)
    for k, (label, run) in enumerate(runs.items()):
        frame = run.history[run.history["step"] >= 1]
        color = colors[k % 2]
        for row, (column, _, log) in enumerate(PANELS, start=1):
            values = frame[column].to_numpy(dtype=np.float64)
            if log:
                values = np.where(values > 0, values, np.nan)
            fig.add_trace(
                go.Scatter(
                    x=frame["step"].to_numpy(dtype=np.float32),
                    y=values,
                    mode="lines",
                    name=label,
                    legendgroup=label,
                    showlegend=row == 1,
                    line={"color": color, "width": 2.5, "dash": "solid" if k == 0 else "dash"},
                    hovertemplate="%{x}: %{y:.4g}<extra>" + label + "</extra>",
                ),
                row=row,
                col=1,
            )
        if run.steps_to_optimum:
            fig.add_vline(
                x=float(run.steps_to_optimum), line={"color": color, "dash": "dot", "width": 1.5}
            )
    apply_layout(fig, tr("fig.conv.title"), "", "", height=720)
    log_axis(fig, "x")
    fig.update_xaxes(title_text=tr("fig.run.step"), row=len(PANELS), col=1)
    for row, (_, key, log) in enumerate(PANELS, start=1):
        fig.update_yaxes(title_text=tr(key), row=row, col=1)
        if log:
            # Distances span up to ten decades: one label every second decade.
            log_axis(fig, "y", dtick=2 if row == len(PANELS) else 1, row=row, col=1)
    fig.update_yaxes(range=[-0.05, 1.05], row=2, col=1)
    legend_below(fig, -0.08)
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
            line={"color": MARK_COLOR, "dash": "dot", "width": 1.5},
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
    apply_layout(fig, title, xtitle, ytitle, height=440)
    for axis in ("x", "y"):
        log_axis(fig, axis, range=[np.log10(low), 0.02])
    legend_below(fig, -0.2)
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
        E.g. from :func:`line_chart`.
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
                    "line": {"color": INK_COLOR, "width": 1.5},
                },
                hovertemplate="%{x:.3f}, %{y:.3f}<extra>" + p.label + "</extra>",
            )
        )
    return fig
