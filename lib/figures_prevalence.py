"""Plotly builders of the prevalence page (draw only, compute nothing).

Both charts put the deployment prevalence on a log x axis and mark the
current one; texts come from the catalogue through ``tr``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.figures import SERIES_COLORS, Curve, line_chart
from lib.i18n import Translator, translator
from lib.prevalence import PREVALENCE_METRICS

_EN = translator()
_RULE_COLORS = {
    "half": "#777777",
    "bayes_uncorrected": SERIES_COLORS[4],
    "bayes_corrected": SERIES_COLORS[3],
}
_RULE_DASH = {"half": "dot", "bayes_uncorrected": "dash", "bayes_corrected": "solid"}


def metrics_prevalence_chart(
    table: pd.DataFrame, current: float, *, tr: Translator = _EN
) -> go.Figure:
    """Each metric of :func:`lib.prevalence.metrics_by_prevalence` against the prevalence.

    Parameters
    ----------
    table : DataFrame
        Columns ``prevalence`` and :data:`lib.prevalence.PREVALENCE_METRICS`.
    current : float
        The deployment set's prevalence, marked with a vertical line.
    tr : Translator
        Translation function (``prevalence.metric.<name>``, ``prevalence.chance``,
        ``prevalence.metrics_title``, ``prevalence.x_axis``, ``prevalence.y_metric``).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    x = table["prevalence"].to_numpy()
    curves = [
        Curve(tr(f"prevalence.metric.{m}"), x, table[m].to_numpy(), color)
        for m, color in zip(PREVALENCE_METRICS, SERIES_COLORS, strict=False)
    ]
    curves.append(Curve(tr("prevalence.chance"), x, x, "#999999", "dot"))
    return line_chart(
        curves,
        title=tr("prevalence.metrics_title"),
        xtitle=tr("prevalence.x_axis"),
        ytitle=tr("prevalence.y_metric"),
        log_x=True,
        marks=[(current, "#000000")],
        y_range=(-0.05, 1.02),
        height=460,
    )


def cost_prevalence_chart(
    costs: pd.DataFrame, current: float, *, tr: Translator = _EN
) -> go.Figure:
    """Mean cost of the three rules of :func:`lib.prevalence.cost_by_prevalence`.

    Parameters
    ----------
    costs : DataFrame
        Columns ``prevalence``, ``half``, ``bayes_uncorrected``, ``bayes_corrected``.
    current : float
        The deployment set's prevalence, marked with a vertical line.
    tr : Translator
        Translation function (``prevalence.rule.<name>``, ``prevalence.cost_title``,
        ``prevalence.x_axis``, ``prevalence.cost_axis``).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    x = costs["prevalence"].to_numpy()
    curves = [
        Curve(
            tr(f"prevalence.rule.{name}"),
            x,
            costs[name].to_numpy(dtype=float),
            _RULE_COLORS[name],
            _RULE_DASH[name],
        )
        for name in ("half", "bayes_uncorrected", "bayes_corrected")
    ]
    return line_chart(
        curves,
        title=tr("prevalence.cost_title"),
        xtitle=tr("prevalence.x_axis"),
        ytitle=tr("prevalence.cost_axis"),
        log_x=True,
        log_y=True,
        marks=[(current, "#000000")],
        height=460,
    )
