"""Bar charts: values grouped by class or setting, gradient norms, changes, loss shares.

:func:`grouped_bars` colours series by :data:`lib.viz.palette.SERIES_COLORS`
in column order; :func:`class_bars` and :func:`change_bars` take one colour
per series (e.g. :data:`lib.viz.palette.STRATEGY_COLORS`) so that a strategy
keeps its colour from chart to chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.i18n import LabError, Translator
from lib.viz.base import EN, apply_layout, legend_below, log_axis, new_figure
from lib.viz.palette import CLASS_COLORS, SERIES_COLORS, ZERO_LINE_COLOR

if TYPE_CHECKING:
    from lib.gradients import GradientContributions

#: The groups of :func:`lib.losses.focal_loss_shares`, in the chart's order.
SHARE_GROUPS = ("easy_majority", "hard_majority", "minority")


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
    apply_layout(fig, title, xtitle, ytitle, height=height)
    fig.update_layout(barmode="group")
    legend_below(fig, -0.2)
    fig.update_xaxes(type="category")
    if log_y:
        log_axis(fig, "y")
    return fig


def gradient_bars(
    contribs: Mapping[str, GradientContributions], *, tr: Translator = EN
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
    apply_layout(fig, tr("fig.grad.title"), "", tr("fig.grad.norm"), height=420)
    fig.update_layout(barmode="group", margin={"t": 90})
    legend_below(fig, -0.15)
    return fig


def _class_layout(fig: go.Figure, title: str, xtitle: str, ytitle: str, height: int) -> go.Figure:
    # Bars grouped by class, categories on x in the table's order, legend below.
    apply_layout(fig, title, xtitle, ytitle, height=height)
    fig.update_layout(barmode="group", margin={"b": 40})
    legend_below(fig, -0.3)
    fig.update_xaxes(type="category")
    return fig


def _check_colors(table: pd.DataFrame, colors: Sequence[str]) -> None:
    if len(colors) != len(table.columns):
        raise LabError("error.viz.colors", columns=len(table.columns), got=len(colors))


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
    _class_layout(fig, title, xtitle, ytitle, height)
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
        ±inf (e.g. :func:`lib.studies.class_balanced.change_vs_baseline`).
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
    _class_layout(fig, title, xtitle, ytitle, height)
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
    fig.add_hline(y=0.0, line={"color": ZERO_LINE_COLOR, "width": 1})
    fig.update_yaxes(ticksuffix=" %", zeroline=False)
    return fig


def focal_share_bars(shares: pd.DataFrame, *, gamma: float, tr: Translator) -> go.Figure:
    """Each group's share of the total loss (%) under cross-entropy and focal loss.

    Parameters
    ----------
    shares : DataFrame
        Output of :func:`lib.losses.focal_loss_shares` (rows ``bce``, ``focal``).
    gamma : float
        The focal loss's γ, for the legend.
    tr : Translator
        Catalogue lookup for labels.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    groups = list(SHARE_GROUPS)
    table = pd.DataFrame(
        {
            tr("focal.share_bce"): 100 * shares.loc["bce", groups],
            tr("focal.share_focal", gamma=f"{gamma:g}"): 100 * shares.loc["focal", groups],
        }
    )
    table.index = [tr(f"focal.{group}") for group in groups]
    return grouped_bars(
        table, title=tr("focal.share_title"), xtitle="", ytitle=tr("focal.share_axis")
    )
