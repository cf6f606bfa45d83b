"""Plotly figure builders for the multi-class pages: they draw and compute nothing.

Like :mod:`lib.figures`, every builder takes already computed tables and
already translated texts and returns a :class:`plotly.graph_objects.Figure`.
Colours are Okabe-Ito (:data:`lib.figures.SERIES_COLORS`), given per series
so that a strategy keeps its colour from chart to chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.figures import SERIES_COLORS, UNWEIGHTED_COLOR, WEIGHTED_COLOR, new_figure

#: Colour of each training strategy of :mod:`lib.strategies_multiclass`:
#: the unweighted baseline black as on the other pages.
STRATEGY_COLORS = {
    "none": UNWEIGHTED_COLOR,
    "ins": SERIES_COLORS[0],
    "isns": SERIES_COLORS[1],
    "ens": SERIES_COLORS[3],
    "cb_focal": WEIGHTED_COLOR,
}


def _layout(fig: go.Figure, title: str, xtitle: str, ytitle: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"},
        height=height,
        barmode="group",
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0.0, "xanchor": "left"},
    )
    fig.update_xaxes(title_text=xtitle, type="category")
    fig.update_yaxes(title_text=ytitle)
    return fig


def _check_colors(table: pd.DataFrame, colors: Sequence[str]) -> None:
    if len(colors) != len(table.columns):
        raise ValueError(
            f"`colors` must hold one colour per column ({len(table.columns)}). Got {len(colors)}."
        )


def class_bars(
    table: pd.DataFrame,
    *,
    colors: Sequence[str],
    title: str,
    xtitle: str,
    ytitle: str,
    y_range: tuple[float, float] | None = (0.0, 1.0),
    height: int = 460,
) -> go.Figure:
    """Bars grouped by class (x, in the table's order), one series per column.

    Parameters
    ----------
    table : DataFrame
        Rows = classes (labels used as they are), columns = series (e.g.
        strategies), values = a metric.
    colors : sequence of str
        One colour per column.
    title, xtitle, ytitle : str
        Already translated texts.
    y_range : (float, float) or None, default=(0, 1)
        Fixed y range (metrics in [0, 1]); ``None`` fits the data.
    height : int, default=460
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    _check_colors(table, colors)
    fig = new_figure()
    groups = [str(g) for g in table.index]
    for column, color in zip(table.columns, colors, strict=True):
        fig.add_trace(
            go.Bar(
                x=groups,
                y=table[column].to_numpy(dtype=np.float64),
                name=str(column),
                marker_color=color,
                hovertemplate="%{x}: %{y:.3f}<extra>" + str(column) + "</extra>",
            )
        )
    _layout(fig, title, xtitle, ytitle, height)
    if y_range is not None:
        fig.update_yaxes(range=list(y_range))
    return fig


def change_bars(
    change: pd.DataFrame,
    *,
    colors: Sequence[str],
    title: str,
    xtitle: str,
    ytitle: str,
    inf_text: str,
    height: int = 480,
) -> go.Figure:
    """Percent changes as grouped bars, with honest bars for changes from zero.

    A change from 0 to a positive value is infinite in percent. Such a cell
    is drawn as a hatched bar up to (or down to) just beyond the finite bars,
    ``cap = 1.15 * max |finite change|`` (100 if there is none); its hover
    text and a label above its class say ``inf_text``.

    Parameters
    ----------
    change : DataFrame
        Rows = classes (x axis, in order), columns = series; finite values or
        ±inf (e.g. :func:`lib.strategies_multiclass.change_vs_baseline`).
    colors : sequence of str
        One colour per column.
    title, xtitle, ytitle : str
        Already translated texts.
    inf_text : str
        Label of an infinite change, e.g. "from 0 (∞ %)".
    height : int, default=480
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    _check_colors(change, colors)
    values = change.to_numpy(dtype=np.float64)
    infinite = np.isinf(values)
    finite = values[~infinite]
    cap = 1.15 * float(np.max(np.abs(finite))) if finite.size and np.any(finite) else 100.0
    shown = np.where(infinite, np.sign(values) * cap, values)
    groups = [str(g) for g in change.index]
    fig = new_figure()
    for j, (column, color) in enumerate(zip(change.columns, colors, strict=True)):
        fig.add_trace(
            go.Bar(
                x=groups,
                y=shown[:, j],
                name=str(column),
                marker_color=color,
                marker_pattern_shape=["/" if inf else "" for inf in infinite[:, j]],
                customdata=[
                    inf_text if inf else f"{v:+.1f} %"
                    for v, inf in zip(values[:, j], infinite[:, j], strict=True)
                ],
                hovertemplate="%{x}: %{customdata}<extra>" + str(column) + "</extra>",
            )
        )
    _layout(fig, title, xtitle, ytitle, height)
    for i in np.flatnonzero(infinite.any(axis=1)):
        top = bool(np.any(values[i][infinite[i]] > 0))
        fig.add_annotation(
            x=groups[i],
            y=cap if top else -cap,
            text=inf_text,
            showarrow=False,
            yanchor="bottom" if top else "top",
            font={"size": 12},
        )
    if infinite.any():
        low, high = min(0.0, float(shown.min())), max(0.0, float(shown.max()))
        fig.update_yaxes(range=[1.12 * low, 1.12 * high])
    fig.add_hline(y=0.0, line={"color": "#555555", "width": 1})
    fig.update_yaxes(ticksuffix=" %", zeroline=False)
    return fig
