"""Plotly figure builders: they draw what they are given and compute nothing.

Every builder takes already computed arrays and a translation function
``tr`` (see :mod:`lib.i18n`) for titles, axis labels and legends, and
returns a :class:`plotly.graph_objects.Figure`. Colours follow the Okabe-Ito
palette, which stays distinguishable with deuteranopia.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from numpy.typing import NDArray

from lib.gradients import GradientContributions
from lib.i18n import Translator, translator
from lib.linear import LinearModel
from lib.losses import logit

CLASS_COLORS = {0: "#0072B2", 1: "#D55E00"}  # Okabe-Ito blue / vermillion
UNWEIGHTED_COLOR = "#000000"
WEIGHTED_COLOR = "#CC79A7"  # Okabe-Ito reddish purple
THRESHOLD_COLOR = "#009E73"  # Okabe-Ito bluish green
#: Okabe-Ito colours for up to eight classes or series.
SERIES_COLORS = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
    "#F0E442",
)
PROBABILITY_SCALE = [[0.0, CLASS_COLORS[0]], [0.5, "#FFFFFF"], [1.0, CLASS_COLORS[1]]]
_EN = translator()

_AXIS = {
    "gridcolor": "#EBF0F8",
    "linecolor": "#EBF0F8",
    "zerolinecolor": "#EBF0F8",
    "zerolinewidth": 2,
    "ticks": "",
    "automargin": True,
    "title": {"standoff": 15},
}
#: plotly_white's look, built once. A named template (``template="plotly_white"``)
#: is deep-copied and validated into every figure and re-applied to each trace;
#: this small one, given to the constructor, halves the time to build and
#: serialise a figure and saves 6 kB of JSON per figure (``benchmarks/figures.py``).
LIGHT_TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "colorway": list(SERIES_COLORS),
        "xaxis": _AXIS,
        "yaxis": _AXIS,
    }
)


def new_figure() -> go.Figure:
    """An empty figure with :data:`LIGHT_TEMPLATE` (every builder starts here).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    return go.Figure(layout={"template": LIGHT_TEMPLATE})


#: Figures with at most this many markers draw them as SVG (``go.Scatter``).
#: Without a GPU every WebGL figure pays for a software-rendered context on
#: each redraw (about 0.15 s of browser CPU here), more than SVG costs for
#: up to about 1,500 points; beyond that ``go.Scattergl`` is cheaper
#: (``benchmarks/browser_latency.py --components``).
SVG_MAX_POINTS = 1500


def marker_trace(n_points: int) -> type[go.Scatter] | type[go.Scattergl]:
    """The scatter trace type for a figure that draws ``n_points`` markers.

    Parameters
    ----------
    n_points : int
        Markers in the whole figure.

    Returns
    -------
    type
        ``go.Scatter`` up to :data:`SVG_MAX_POINTS`, else ``go.Scattergl``.
    """
    trace: type[go.Scatter] | type[go.Scattergl] = (
        go.Scatter if n_points <= SVG_MAX_POINTS else go.Scattergl
    )
    return trace


def describe(fig: go.Figure, *, tr: Translator = _EN) -> str:
    """A short text summary of a figure for screen readers (``alt`` of the chart).

    Names the chart, what it draws (map, bars, lines, points), its axes and
    its series, from the figure itself, so every builder's charts get one.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        A figure from one of the builders.
    tr : callable
        Translation function.

    Returns
    -------
    str
        e.g. "Chart “Loss along the bias axis”: lines; mean loss against
        bias b. Series: unweighted loss; weighted loss."
    """
    kinds: list[str] = []
    for trace in fig.data:
        kind = (
            "map"
            if trace.type in ("heatmap", "contour")
            else "bars"
            if trace.type == "bar"
            else "points"
            if "markers" in str(getattr(trace, "mode", "") or "")
            else "lines"
        )
        if tr(f"fig.alt.{kind}") not in kinds:
            kinds.append(tr(f"fig.alt.{kind}"))
    names = list(dict.fromkeys(str(t.name) for t in fig.data if t.name))
    return tr(
        "fig.alt",
        title=fig.layout.title.text or "",
        kinds=", ".join(kinds),
        x=fig.layout.xaxis.title.text or "x",
        y=fig.layout.yaxis.title.text or "y",
        series="; ".join(names[:8]) or "-",
    )


def _layout(
    fig: go.Figure, title: str, xtitle: str, ytitle: str, *, height: int = 430
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"},
        height=height,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1.0, "xanchor": "right"},
    )
    fig.update_xaxes(title_text=xtitle)
    fig.update_yaxes(title_text=ytitle)
    return fig


def _class_points(
    fig: go.Figure,
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    shown: NDArray[np.int64],
    tr: Translator,
) -> None:
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
                    "line": {"width": 0 if cls == 0 else 1, "color": "#FFFFFF"},
                },
                hoverinfo="skip",
            )
        )


def data_scatter(
    X: NDArray[np.float64], y: NDArray[np.int64], shown: NDArray[np.int64], *, tr: Translator = _EN
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
    _class_points(fig, X, y, shown, tr)
    _layout(fig, tr("fig.data.title"), tr("fig.feature", i=1), tr("fig.feature", i=2), height=480)
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig


def surface_heatmap(
    slopes: NDArray[np.float64],
    biases: NDArray[np.float64],
    Z: NDArray[np.float64],
    *,
    optimum: tuple[float, float],
    title: str,
    tr: Translator = _EN,
) -> go.Figure:
    """Heatmap of a loss surface (log10 colour scale) with contour lines.

    Parameters
    ----------
    slopes, biases : ndarray
        Grid axes (x = slope, y = bias).
    Z : ndarray of shape (len(biases), len(slopes))
        Loss values, > 0.
    optimum : (float, float)
        ``(slope, bias)`` of the loss minimum, drawn as a star; the grid's
        lowest cell is drawn as a cross.
    title : str
        Chart title (already translated).
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    log_z = np.log10(np.maximum(Z, 1e-300)).astype(np.float32)
    i, j = np.unravel_index(int(np.argmin(Z)), Z.shape)
    fig = new_figure()
    fig.add_trace(
        go.Heatmap(
            x=slopes.astype(np.float32),
            y=biases.astype(np.float32),
            z=log_z,
            customdata=Z.astype(np.float32),
            colorscale="Viridis",
            colorbar={"title": {"text": tr("fig.surface.colorbar")}},
            hovertemplate=tr("fig.surface.hover") + "<extra></extra>",
        )
    )
    # The surface is smooth and at most 100x100, so contour lines are cheap here.
    fig.add_trace(
        go.Contour(
            x=slopes,
            y=biases,
            z=log_z,
            contours_coloring="lines",
            ncontours=16,
            line={"color": "rgba(255,255,255,0.75)", "width": 1},
            showscale=False,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    # The ring for the lowest cell is drawn first so the star stays visible
    # inside it when both coincide.
    fig.add_trace(
        go.Scatter(
            x=[slopes[j]],
            y=[biases[i]],
            mode="markers",
            marker={"symbol": "circle-open", "size": 22, "color": "#F0E442", "line": {"width": 3}},
            name=tr("fig.surface.grid_min"),
            hovertemplate=tr("fig.surface.optimum_hover") + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[optimum[0]],
            y=[optimum[1]],
            mode="markers",
            marker={
                "symbol": "star",
                "size": 15,
                "color": "#FFFFFF",
                "line": {"color": "#000000", "width": 1.5},
            },
            name=tr("fig.surface.optimum"),
            hovertemplate=tr("fig.surface.optimum_hover") + "<extra></extra>",
        )
    )
    _layout(fig, title, tr("fig.slope"), tr("fig.bias"), height=460)
    fig.update_layout(legend={"y": -0.25, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    fig.update_xaxes(range=[float(slopes[0]), float(slopes[-1])])
    fig.update_yaxes(range=[float(biases[0]), float(biases[-1])])
    return fig


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
    _layout(fig, title, xtitle, ytitle, height=height)
    fig.update_layout(
        legend={"y": -0.3, "yanchor": "top", "x": 0.0, "xanchor": "left"}, margin={"b": 40}
    )
    if log_y:
        _log_axis(fig)
    if log_x:
        fig.update_xaxes(type="log", dtick=1, exponentformat="power", showexponent="all")
    if reverse_x:
        fig.update_xaxes(autorange="reversed")
    if y_range is not None:
        low, high = y_range
        fig.update_yaxes(range=[np.log10(low), np.log10(high)] if log_y else [low, high])
    return fig


def grouped_bars(
    table: pd.DataFrame,
    *,
    title: str,
    xtitle: str,
    ytitle: str,
    log_y: bool = False,
    height: int = 440,
) -> go.Figure:
    """Bars grouped by the table's index, one coloured series per column.

    Parameters
    ----------
    table : DataFrame
        Rows = groups on the x axis (e.g. classes), columns = series (e.g.
        weighting schemes); labels are used as they are (already translated).
    title, xtitle, ytitle : str
        Already translated texts.
    log_y : bool, default=False
        Logarithmic y axis (for values spanning decades).
    height : int, default=440
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = new_figure()
    groups = [str(g) for g in table.index]
    for k, column in enumerate(table.columns):
        values = table[column].to_numpy(dtype=np.float64)
        fig.add_trace(
            go.Bar(
                x=groups,
                y=values,
                name=str(column),
                marker_color=SERIES_COLORS[k % len(SERIES_COLORS)],
                hovertemplate="%{x}: %{y:.4g}<extra>" + str(column) + "</extra>",
            )
        )
    _layout(fig, title, xtitle, ytitle, height=height)
    fig.update_layout(
        barmode="group", legend={"y": -0.2, "yanchor": "top", "x": 0.0, "xanchor": "left"}
    )
    fig.update_xaxes(type="category")
    if log_y:
        _log_axis(fig)
    return fig


def _log_axis(fig: go.Figure) -> None:
    # One label per decade as a power of ten: plotly's default mixes "10k",
    # "1000" and bare "2"/"5" minor labels, which students misread.
    fig.update_yaxes(type="log", dtick=1, exponentformat="power", showexponent="all")


def gradient_bars(
    contribs: Mapping[str, GradientContributions], *, tr: Translator = _EN
) -> go.Figure:
    """Grouped bars of each class's gradient norm, with the minority share.

    Parameters
    ----------
    contribs : mapping of str to GradientContributions
        One group of bars per entry (e.g. unweighted and weighted loss).
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    groups = list(contribs)
    fig = new_figure()
    for cls in (0, 1):
        norms = [contribs[g].norm0 if cls == 0 else contribs[g].norm1 for g in groups]
        fig.add_trace(
            go.Bar(
                x=groups,
                y=norms,
                name=tr("fig.grad.class_norm", cls=cls),
                marker_color=CLASS_COLORS[cls],
                text=[f"{v:.3g}" for v in norms],
                textposition="outside",
            )
        )
    for g in groups:
        fig.add_annotation(
            x=g,
            y=1.0,
            yref="paper",
            showarrow=False,
            yanchor="bottom",
            text=tr("fig.grad.share", share=f"{100 * contribs[g].share1:.2f}"),
            font={"size": 13},
        )
    _layout(fig, tr("fig.grad.title"), "", tr("fig.grad.norm"), height=420)
    fig.update_layout(
        barmode="group",
        margin={"t": 90},
        legend={"y": -0.15, "yanchor": "top", "x": 0.0, "xanchor": "left"},
    )
    return fig


def run_chart(
    runs: Mapping[str, pd.DataFrame],
    columns: Sequence[tuple[str, str]],
    *,
    title: str,
    ytitle: str,
    step: int | None = None,
    log_y: bool = False,
    tr: Translator = _EN,
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
    marks = [] if step is None else [(float(step), "#777777")]
    return line_chart(
        curves, title=title, xtitle=tr("fig.run.step"), ytitle=ytitle, log_y=log_y, marks=marks
    )


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


def _line_points(
    line: BoundaryLine, x_range: tuple[float, float], y_range: tuple[float, float]
) -> tuple[list[float], list[float]]:
    w1, w2 = float(line.coef[0]), float(line.coef[1])
    level = logit(line.threshold) - line.intercept
    if abs(w2) >= abs(w1) and w2 != 0.0:
        xs = np.array(x_range)
        return xs.tolist(), ((level - w1 * xs) / w2).tolist()
    if w1 != 0.0:
        ys = np.array(y_range)
        return ((level - w2 * ys) / w1).tolist(), ys.tolist()
    return [], []


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
    tr: Translator = _EN,
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
    fig = new_figure()
    fig.add_trace(
        go.Heatmap(
            x=grid_x.astype(np.float32),
            y=grid_y.astype(np.float32),
            z=prob.astype(np.float32),
            zmin=0.0,
            zmax=1.0,
            colorscale=PROBABILITY_SCALE,
            opacity=0.55,
            colorbar={"title": {"text": tr("fig.boundary.colorbar")}},
            hovertemplate=tr("fig.boundary.hover") + "<extra></extra>",
        )
    )
    _class_points(fig, X, y, shown, tr)
    x_range = (float(grid_x[0]), float(grid_x[-1]))
    y_range = (float(grid_y[0]), float(grid_y[-1]))
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
    _layout(fig, title, tr("fig.feature", i=1), tr("fig.feature", i=2), height=520)
    fig.update_layout(legend={"y": -0.15, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    fig.update_xaxes(range=list(x_range), constrain="domain")
    fig.update_yaxes(range=list(y_range), scaleanchor="x", scaleratio=1, constrain="domain")
    return fig
