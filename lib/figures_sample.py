"""Plotly builders of the sample-weights page: they draw and compute nothing.

Like :mod:`lib.figures`, every builder takes already computed arrays and a
translation function ``tr`` (see :mod:`lib.i18n`) or already translated
titles, and returns a :class:`plotly.graph_objects.Figure`. Colours come
from the Okabe-Ito palette of :mod:`lib.figures`. A weight is drawn either
as marker size (log scale, for weights spanning decades) or as marker
opacity (for weights in (0, 1], such as recency weights).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from numpy.typing import NDArray

from lib.figures import (
    CLASS_COLORS,
    PROBABILITY_SCALE,
    THRESHOLD_COLOR,
    BoundaryLine,
    _layout,
    _line_points,
    new_figure,
)
from lib.i18n import Translator, translator

_EN = translator()
#: Colour of error bars and other quiet details.
MUTED_COLOR = "#999999"


def weight_sizes(weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Marker sizes (px) for weights spanning decades: 6 px at 1, +4 px per decade.

    Parameters
    ----------
    weights : ndarray of shape (n,)
        Weights >= 0; zero weights get the smallest size.

    Returns
    -------
    ndarray of shape (n,)
        Sizes clipped to [3, 24].
    """
    w = np.asarray(weights, dtype=np.float64)
    logw = np.log10(np.maximum(w, 1e-3))
    return np.asarray(np.clip(6.0 + 4.0 * logw, 3.0, 24.0), dtype=np.float64)


def weight_opacities(weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Marker opacities for weights: the largest weight is opaque, zero is faint.

    Parameters
    ----------
    weights : ndarray of shape (n,)
        Weights >= 0.

    Returns
    -------
    ndarray of shape (n,)
        ``0.08 + 0.92 * w / max(w)`` (all 1 if every weight is zero).
    """
    w = np.asarray(weights, dtype=np.float64)
    top = float(w.max()) if w.size else 0.0
    if top <= 0.0:
        return np.ones_like(w)
    return np.asarray(0.08 + 0.92 * w / top, dtype=np.float64)


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
    grid: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]] | None = None,
    labels: Mapping[int, str] | None = None,
    tr: Translator = _EN,
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
        Lines to draw (:class:`lib.figures.BoundaryLine`).
    x_range, y_range : (float, float)
        Axis ranges.
    title : str
        Already translated title.
    encoding : {"size", "opacity"}, default="size"
        Draw the weight as marker size (:func:`weight_sizes`; weight-0 points
        as open circles) or as opacity (:func:`weight_opacities`).
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
    """
    if encoding not in ("size", "opacity"):
        raise ValueError(f"`encoding` must be 'size' or 'opacity'. Got {encoding!r} instead.")
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
            "line": {"width": 0.5, "color": "#FFFFFF"},
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
                textfont={"size": 12, "color": "#000000"},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for line in lines:
        xs, ys = _line_points(line, x_range, y_range)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=line.label,
                line={"color": line.color, "dash": line.dash, "width": 3},
            )
        )
    _layout(fig, title, tr("fig.feature", i=1), tr("fig.feature", i=2), height=540)
    fig.update_layout(legend={"y": -0.14, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    fig.update_xaxes(range=list(x_range), constrain="domain")
    fig.update_yaxes(range=list(y_range), scaleanchor="x", scaleratio=1, constrain="domain")
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
    tr: Translator = _EN,
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
                "line": {"width": 1, "color": "#FFFFFF"},
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
    _layout(fig, title, tr("sw.axis_x"), tr("sw.axis_y"), height=500)
    pad = 0.08 * float(np.ptp(y)) + 0.5
    fig.update_yaxes(range=[float(np.min(y)) - pad, float(np.max(y)) + pad])
    fig.update_layout(legend={"y": -0.14, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    return fig


@dataclass(frozen=True)
class Sample:
    """Values of one estimator over repetitions, to draw as a histogram."""

    label: str
    values: NDArray[np.float64]
    color: str


def estimate_histograms(
    samples: Sequence[Sample],
    *,
    truth: float,
    truth_label: str,
    title: str,
    xtitle: str,
    ytitle: str,
    truth_color: str = THRESHOLD_COLOR,
) -> go.Figure:
    """Overlaid histograms of estimates with a vertical line at the true value.

    All histograms share one set of bins so their widths compare directly.

    Parameters
    ----------
    samples : sequence of Sample
        One histogram per estimator.
    truth : float
        The true value.
    truth_label : str
        Already translated legend text of the true value.
    title, xtitle, ytitle : str
        Already translated texts.
    truth_color : str, default=THRESHOLD_COLOR
        Colour of the true value's line.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    values = np.concatenate(
        [np.asarray(s.values, dtype=np.float64) for s in samples] + [np.array([truth])]
    )
    lo, hi = float(values.min()), float(values.max())
    size = (hi - lo) / 60 if hi > lo else 1.0
    fig = new_figure()
    for sample in samples:
        fig.add_trace(
            go.Histogram(
                x=np.asarray(sample.values, dtype=np.float64),
                name=sample.label,
                marker_color=sample.color,
                opacity=0.6,
                xbins={"start": lo, "end": hi + size, "size": size},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[truth, truth],
            y=[0, 1],
            yaxis="y2",
            mode="lines",
            name=truth_label,
            line={"color": truth_color, "dash": "dash", "width": 2.5},
        )
    )
    _layout(fig, title, xtitle, ytitle, height=500)
    fig.update_layout(
        barmode="overlay",
        bargap=0.0,
        yaxis2={"overlaying": "y", "range": [0, 1], "visible": False},
        legend={"y": -0.14, "yanchor": "top", "x": 0.0, "xanchor": "left"},
    )
    return fig
