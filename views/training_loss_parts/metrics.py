"""Training weights, section: class-1 precision and recall per epoch."""

import ui
from lib.studies.training_loss import TrainingLossStudy
from lib.viz import UNWEIGHTED_COLOR, WEIGHTED_COLOR, Curve, line_chart


def render(study: TrainingLossStudy, label_w: str, label_u: str) -> None:
    """Recall (solid) and precision (dashed) of the weighted and the unweighted model."""
    recall, precision = ui.tr("metrics.recall"), ui.tr("metrics.precision")
    curves = [
        Curve(f"{label} · {metric}", h["epoch"], h[column], color, dash)
        for label, h, color in (
            (label_w, study.weighted, WEIGHTED_COLOR),
            (label_u, study.plain, UNWEIGHTED_COLOR),
        )
        for metric, column, dash in (
            (recall, "recall_1", "solid"),
            (precision, "precision_1", "dash"),
        )
    ]
    ui.plot(
        line_chart(
            curves,
            title=ui.tr("trainloss.metrics_title"),
            xtitle=ui.tr("trainloss.epoch"),
            ytitle=ui.tr("trainloss.axis_metric"),
        ),
        key="trainloss_metrics",
    )
