"""What every figure builder shares: the template, the layout, marker choices, alt text.

Every builder starts from :func:`new_figure`, lays its figure out with
:func:`apply_layout` (title, height, margins, axis titles) and, when its
legend would crowd the plot, :func:`legend_below`. :func:`describe` writes
the screen-reader summary of any figure.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
from numpy.typing import NDArray

from lib.i18n import Translator, translator
from lib.viz.palette import FONT_COLOR, GRID_COLOR, PAPER_COLOR, SERIES_COLORS

#: The default translation function of every builder (English).
EN: Translator = translator()

_AXIS = {
    "gridcolor": GRID_COLOR,
    "linecolor": GRID_COLOR,
    "zerolinecolor": GRID_COLOR,
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
        "paper_bgcolor": PAPER_COLOR,
        "plot_bgcolor": PAPER_COLOR,
        "font": {"color": FONT_COLOR},
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


def apply_layout(
    fig: go.Figure, title: str, xtitle: str, ytitle: str, *, height: int = 430
) -> go.Figure:
    """Title at the top left, height, margins, a legend at the top right and axis titles.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure to lay out (changed in place).
    title, xtitle, ytitle : str
        Already translated texts.
    height : int, default=430
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        The same figure.
    """
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"},
        height=height,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1.0, "xanchor": "right"},
    )
    fig.update_xaxes(title_text=xtitle)
    fig.update_yaxes(title_text=ytitle)
    return fig


def legend_below(fig: go.Figure, y: float) -> go.Figure:
    """Move the legend under the plot, left-aligned, its top at paper height ``y``.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure (changed in place).
    y : float
        Top of the legend in paper coordinates (negative: below the x axis).

    Returns
    -------
    plotly.graph_objects.Figure
        The same figure.
    """
    fig.update_layout(legend={"y": y, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    return fig


def log_axis(fig: go.Figure, axis: str = "y", **extra: Any) -> go.Figure:
    """A logarithmic axis labelled once per decade as a power of ten.

    Plotly's default mixes "10k", "1000" and bare "2"/"5" minor labels,
    which students misread.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure (changed in place).
    axis : {"x", "y"}, default="y"
        Which axes (all subplots' axes of that direction, unless ``extra``
        selects a ``row`` and ``col``).
    **extra
        More axis properties or selectors (``range``, ``dtick``, ``row``, ``col``).

    Returns
    -------
    plotly.graph_objects.Figure
        The same figure.
    """
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(**{"type": "log", "dtick": 1, "exponentformat": "power", "showexponent": "all"} | extra)
    return fig


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
        ``0.08 + 0.92 * w / max(w)``, at most 1 (all 1 if every weight is zero).
    """
    w = np.asarray(weights, dtype=np.float64)
    top = float(w.max()) if w.size else 0.0
    if top <= 0.0:
        return np.ones_like(w)
    # Rounding can lift the largest weight's opacity a hair above 1 (0.92 * w / w
    # need not be 0.92), which plotly rejects.
    return np.asarray(np.minimum(0.08 + 0.92 * w / top, 1.0), dtype=np.float64)


def describe(fig: go.Figure, *, tr: Translator = EN) -> str:
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
