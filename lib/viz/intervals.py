"""Estimates with their uncertainty: confidence intervals and error bars.

:func:`interval_chart` draws the mean and confidence interval of every
strategy's cross-validated scores, one panel per metric;
:func:`errorbar_fit` draws measurements with ±1σ error bars and the
straight lines fitted to them (:class:`RegressionLine`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from numpy.typing import NDArray
from plotly.subplots import make_subplots

from lib.i18n import Translator
from lib.viz.base import EN, apply_layout, legend_below, new_figure, weight_opacities
from lib.viz.palette import CLASS_COLORS, INK_COLOR, MUTED_COLOR, OUTLINE_COLOR, SERIES_COLORS


def interval_chart(
    summary: pd.DataFrame, metrics: Mapping[str, str], labels: Mapping[str, str], *, title: str
) -> go.Figure:
    """Mean and confidence interval of several metrics, one panel per metric.

    Parameters
    ----------
    summary : DataFrame
        :func:`lib.remedies.summarize_folds` table (``strategy``,
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
                    "line": {"color": INK_COLOR, "width": 1},
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
    apply_layout(fig, title, "", "", height=max(320, 70 + 38 * len(names)))
    fig.update_xaxes(range=[-0.03, 1.03], tickformat=".1f")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(margin={"l": 170, "t": 90})
    return fig


@dataclass(frozen=True)
class RegressionLine:
    """A straight line ``y = intercept + slope * x`` to draw, with label and style."""

    intercept: float
    slope: float
    label: str
    color: str
    dash: str = "solid"


def errorbar_fit(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    sigma: NDArray[np.float64],
    lines: Sequence[RegressionLine],
    *,
    x_range: tuple[float, float],
    title: str,
    weights: NDArray[np.float64] | None = None,
    tr: Translator = EN,
) -> go.Figure:
    """Measurements with ±1σ error bars and straight lines drawn across ``x_range``.

    The y axis spans the measurements (not the longest error bars, which are
    cut at the edge), so the lines stay readable.

    Parameters
    ----------
    x, y : ndarray of shape (n,)
        Measurements.
    sigma : ndarray of shape (n,)
        Standard deviation of every measurement (half the error bar).
    lines : sequence of RegressionLine
        Lines to draw.
    x_range : (float, float)
        Where the lines start and end.
    title : str
        Already translated title.
    weights : ndarray of shape (n,) or None, default=None
        If given, drawn as marker opacity (:func:`weight_opacities`).
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    opacity = weight_opacities(weights) if weights is not None else np.ones(len(x))
    fig = new_figure()
    fig.add_trace(
        go.Scattergl(
            x=x,
            y=y,
            mode="markers",
            name=tr("sw.fig_measurements", n=len(x)),
            marker={
                "color": CLASS_COLORS[0],
                "size": 8,
                "opacity": opacity,
                "line": {"width": 1, "color": OUTLINE_COLOR},
            },
            error_y={
                "type": "data",
                "array": sigma,
                "visible": True,
                "color": MUTED_COLOR,
                "thickness": 1.2,
                "width": 3,
            },
            customdata=sigma,
            hovertemplate=tr("sw.fig_measurement_hover") + "<extra></extra>",
        )
    )
    xs = np.array(x_range, dtype=np.float64)
    for line in lines:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=line.intercept + line.slope * xs,
                mode="lines",
                name=line.label,
                line={"color": line.color, "dash": line.dash, "width": 3},
            )
        )
    apply_layout(fig, title, tr("sw.axis_x"), tr("sw.axis_y"), height=500)
    pad = 0.08 * float(np.ptp(y)) + 0.5
    fig.update_yaxes(range=[float(np.min(y)) - pad, float(np.max(y)) + pad])
    legend_below(fig, -0.14)
    return fig
