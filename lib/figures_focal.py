"""Figure builders of the focal-loss page (draw only, compute nothing)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.figures import SERIES_COLORS, Curve, grouped_bars, line_chart
from lib.i18n import Translator
from lib.losses import FocalCurves

#: The groups of :func:`lib.losses.focal_loss_shares`, in the chart's order.
SHARE_GROUPS = ("easy_majority", "hard_majority", "minority")


def focal_curve_charts(
    curves: FocalCurves, *, selected: float, tr: Translator
) -> tuple[go.Figure, go.Figure]:
    """Loss and gradient magnitude against p_t, one line per γ (the selected one solid).

    Parameters
    ----------
    curves : FocalCurves
        Output of :func:`lib.losses.focal_curves`.
    selected : float
        The page's γ, drawn solid and marked ◀.
    tr : Translator
        Catalogue lookup for labels.

    Returns
    -------
    (loss figure, gradient figure)
    """
    loss_lines, grad_lines = [], []
    for k, gamma in enumerate(curves.loss):
        label = tr("focal.curve_gamma", gamma=f"{gamma:g}") + (" ◀" if gamma == selected else "")
        dash = "solid" if gamma == selected else "dot"
        color = SERIES_COLORS[k % len(SERIES_COLORS)]
        loss_lines.append(Curve(label, curves.p_t, curves.loss[gamma], color, dash))
        grad_lines.append(Curve(label, curves.p_t, curves.grad[gamma], color, dash))
    loss = line_chart(
        loss_lines,
        title=tr("focal.loss_title"),
        xtitle=tr("focal.p_t"),
        ytitle=tr("focal.loss_axis"),
        log_y=True,
        y_range=(1e-6, 10.0),
    )
    grad = line_chart(
        grad_lines,
        title=tr("focal.grad_title"),
        xtitle=tr("focal.p_t"),
        ytitle=tr("focal.grad_axis"),
        log_y=True,
        y_range=(1e-6, 2.0),
    )
    return loss, grad


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
