"""The lab's named curve charts, built on :func:`lib.viz.lines.line_chart`.

Each takes one computed result and a translator: focal loss and its
gradient against p_t (:func:`lib.losses.focal_curves`), metrics and costs
against the deployment prevalence (:mod:`lib.prevalence`), PR, ROC and cost
curves with operating points (:func:`lib.thresholds.threshold_report`) and
the reliability diagram of a calibration repair (:mod:`lib.repair`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.i18n import Translator
from lib.prevalence import PREVALENCE_METRICS
from lib.viz.base import EN
from lib.viz.lines import Curve, Point, add_points, line_chart, reliability_chart
from lib.viz.palette import (
    COST_MARKS,
    INK_COLOR,
    MUTED_COLOR,
    OPERATING_POINT_COLORS,
    RULE_COLORS,
    SERIES_COLORS,
    UNWEIGHTED_COLOR,
)

if TYPE_CHECKING:
    from lib.losses import FocalCurves
    from lib.repair import CalibrationRepair
    from lib.thresholds import ThresholdReport

#: Dash of each decision rule of :func:`lib.prevalence.cost_by_prevalence`.
RULE_DASH = {"half": "dot", "bayes_uncorrected": "dash", "bayes_corrected": "solid"}
#: Marker of each operating point (row of ``ThresholdReport.operating``).
POINT_SYMBOLS = {"current": "circle", "implied": "square", "weighted": "diamond"}


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


def metrics_prevalence_chart(
    table: pd.DataFrame, current: float, *, tr: Translator = EN
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
    curves.append(Curve(tr("prevalence.chance"), x, x, MUTED_COLOR, "dot"))
    return line_chart(
        curves,
        title=tr("prevalence.metrics_title"),
        xtitle=tr("prevalence.x_axis"),
        ytitle=tr("prevalence.y_metric"),
        log_x=True,
        marks=[(current, INK_COLOR)],
        y_range=(-0.05, 1.02),
        height=460,
    )


def cost_prevalence_chart(costs: pd.DataFrame, current: float, *, tr: Translator = EN) -> go.Figure:
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
            RULE_COLORS[name],
            RULE_DASH[name],
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
        marks=[(current, INK_COLOR)],
        height=460,
    )


def _points(report: ThresholdReport, t: float, x: str, y: str, tr: Translator) -> list[Point]:
    rows = report.operating.to_dict("index")
    # No positive predicted: precision is undefined; the PR curve ends at 1 there.
    return [
        Point(
            float(rows[name][x]),
            1.0 if math.isnan(rows[name][y]) else float(rows[name][y]),
            tr(f"thresholds.point.{name}", t=f"{t:g}", tw=f"{report.implied:.4g}"),
            OPERATING_POINT_COLORS[name],
            symbol,
        )
        for name, symbol in POINT_SYMBOLS.items()
    ]


def curve_figures(report: ThresholdReport, *, tr: Translator = EN) -> tuple[go.Figure, go.Figure]:
    """PR and ROC curves of the plain model with the three operating points marked."""
    c, t = report.curves, report.thresholds["current"]
    pr = line_chart(
        [
            Curve(
                tr("thresholds.pr_curve", ap=f"{c.average_precision:.3f}"),
                c.recall,
                c.precision,
                UNWEIGHTED_COLOR,
            ),
            Curve(
                tr("thresholds.chance", rate=f"{c.prevalence:.3g}"),
                np.array([0.0, 1.0]),
                np.full(2, c.prevalence),
                MUTED_COLOR,
                "dot",
            ),
        ],
        title=tr("thresholds.pr_title"),
        xtitle=tr("metrics.recall"),
        ytitle=tr("metrics.precision"),
        y_range=(0.0, 1.02),
    )
    roc = line_chart(
        [
            Curve(
                tr("thresholds.roc_curve", auc=f"{c.roc_auc:.3f}"), c.fpr, c.tpr, UNWEIGHTED_COLOR
            ),
            Curve(
                tr("thresholds.diagonal"),
                np.array([0.0, 1.0]),
                np.array([0.0, 1.0]),
                MUTED_COLOR,
                "dot",
            ),
        ],
        title=tr("thresholds.roc_title"),
        xtitle=tr("thresholds.fpr"),
        ytitle=tr("thresholds.tpr"),
        y_range=(0.0, 1.02),
    )
    return (
        add_points(pr, _points(report, t, "recall", "precision", tr)),
        add_points(roc, _points(report, t, "fpr", "tpr", tr)),
    )


def cost_figure(report: ThresholdReport, *, tr: Translator = EN) -> go.Figure:
    """Average test cost against the threshold, with the Bayes, tuned, 0.5 and chosen t."""
    marks = [(v, COST_MARKS[k]) for k, v in report.thresholds.items() if not math.isnan(v)]
    return line_chart(
        [
            Curve(
                tr("thresholds.cost_curve"),
                report.costs["threshold"].to_numpy(),
                report.costs["cost"].to_numpy(),
                UNWEIGHTED_COLOR,
            )
        ],
        title=tr("thresholds.cost_title"),
        xtitle=tr("thresholds.t"),
        ytitle=tr("thresholds.cost_axis"),
        log_x=True,
        marks=marks,
    )


def repair_figure(repair: CalibrationRepair, remedy: str, *, tr: Translator = EN) -> go.Figure:
    """Reliability diagram of one remedy: raw, odds-corrected, sigmoid and isotonic."""
    curves = {
        tr(f"proba.version.{version}"): curve
        for (name, version), curve in repair.curves.items()
        if name == remedy
    }
    return reliability_chart(
        curves,
        title=tr("proba.repair_chart", model=tr(f"strategy.{remedy}.name")),
        xtitle=tr("proba.rel_x"),
        ytitle=tr("proba.rel_y"),
        diagonal=tr("proba.diagonal"),
    )
