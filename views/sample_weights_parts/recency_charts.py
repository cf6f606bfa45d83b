"""Sample weights, section (b) continued: the drifting data's map and the accuracy chart."""

import streamlit as st

import ui
from lib import viz
from lib.studies.recency import RecencySection
from lib.viz import THRESHOLD_COLOR as GREEN
from lib.viz import UNWEIGHTED_COLOR as BLACK
from lib.viz import WEIGHTED_COLOR as PURPLE
from lib.viz import BoundaryLine, Curve, line_chart

tr = ui.tr


def drift_map(view: RecencySection, *, half: int, days: int) -> None:
    """Training data faded by age, the true boundaries then and now, both fits."""
    train = view.train
    lines = [
        BoundaryLine(
            train.coef_oldest, 0.0, 0.5, tr("sw.line_true_old", days=days), viz.MUTED_COLOR, "dot"
        ),
        BoundaryLine(train.coef, train.intercept, 0.5, tr("sw.line_true_now"), GREEN),
        BoundaryLine.of(
            view.unweighted, threshold=0.5, label=tr("sw.line_unweighted"), color=BLACK, dash="dash"
        ),
        BoundaryLine.of(
            view.recency, threshold=0.5, label=tr("sw.line_recency", h=half), color=PURPLE
        ),
    ]
    figure = viz.weighted_map(
        train.X,
        train.y,
        view.weights,
        lines,
        x_range=(-3.3, 3.3),
        y_range=(-3.3, 3.3),
        encoding="opacity",
        tr=tr,
        title=tr("sw.drift_map_title", days=days),
    )
    ui.plot(figure, key="sw_drift_map")
    st.markdown(tr("sw.drift_map_text", days=days))


def accuracy_chart(view: RecencySection, *, half: int, n_fresh: int) -> None:
    """Accuracy on fresh data against the half-life, the chosen one marked."""
    x = view.half_lives
    curves = [
        Curve(tr("sw.curve_recency"), x, view.accuracy, PURPLE),
        Curve(tr("sw.curve_unweighted"), x, view.unweighted_accuracy, BLACK, "dash"),
        Curve(tr("sw.curve_bayes"), x, view.bayes_accuracy, GREEN, "dot"),
    ]
    figure = line_chart(
        curves,
        title=tr("sw.acc_title", n=f"{n_fresh:,}"),
        log_x=True,
        xtitle=tr("sw.axis_half_life"),
        ytitle=tr("sw.axis_accuracy"),
        height=540,
        marks=[(float(half), viz.MUTED_COLOR)],
    )
    ui.plot(figure, key="sw_drift_accuracy")
    st.markdown(tr("sw.acc_text"))
