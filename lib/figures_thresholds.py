"""Figures of the thresholds page and of the calibration repair (pure: no computation).

Each builder takes a result computed by ``lib.thresholds`` or ``lib.repair``
and a translator, and returns a Plotly figure.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from lib.figures import THRESHOLD_COLOR, UNWEIGHTED_COLOR, WEIGHTED_COLOR, Curve, line_chart
from lib.figures_strategies import Point, add_points, reliability_chart
from lib.i18n import Translator, translator
from lib.repair import CalibrationRepair
from lib.thresholds import ThresholdReport

_EN = translator()
#: Operating points: row of ``ThresholdReport.operating`` -> colour, marker.
_POINTS = {
    "current": (THRESHOLD_COLOR, "circle"),
    "implied": (UNWEIGHTED_COLOR, "square"),
    "weighted": (WEIGHTED_COLOR, "diamond"),
}
#: Marks of the cost chart: threshold name -> colour.
COST_MARKS = {
    "bayes": THRESHOLD_COLOR,
    "tuned": WEIGHTED_COLOR,
    "half": "#444444",
    "current": "#999999",
}


def _points(report: ThresholdReport, t: float, x: str, y: str, tr: Translator) -> list[Point]:
    rows = report.operating.to_dict("index")
    # No positive predicted: precision is undefined; the PR curve ends at 1 there.
    return [
        Point(
            float(rows[name][x]),
            1.0 if math.isnan(rows[name][y]) else float(rows[name][y]),
            tr(f"thresholds.point.{name}", t=f"{t:g}", tw=f"{report.implied:.4g}"),
            color,
            symbol,
        )
        for name, (color, symbol) in _POINTS.items()
    ]


def curve_figures(report: ThresholdReport, *, tr: Translator = _EN) -> tuple[go.Figure, go.Figure]:
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
                "#999999",
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
                "#999999",
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


def cost_figure(report: ThresholdReport, *, tr: Translator = _EN) -> go.Figure:
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


def repair_figure(repair: CalibrationRepair, remedy: str, *, tr: Translator = _EN) -> go.Figure:
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
