"""Decision boundaries, section: the plain and the weighted logistic model's maps."""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.settings import Settings
from lib.studies.boundaries import BoundarySummary
from lib.viz import THRESHOLD_COLOR, UNWEIGHTED_COLOR, WEIGHTED_COLOR, BoundaryLine, boundary_map


def render(s: Settings, summary: BoundarySummary) -> None:
    """Two probability maps with their 0.5 lines, the moved threshold and the shifts."""
    tr = ui.tr
    key = ui.data_key(s)
    X, y = ui.dataset(*key)
    shown = ui.shown_points(*key)
    plain, weighted = ui.logistic(*key, 1.0, 1.0), ui.logistic(*key, s.w0, s.w1)
    t = summary.threshold
    x_range, y_range = plot_extent(X, y)
    panels = {
        "unweighted": (
            plain,
            tr("boundaries.title_unweighted"),
            [
                BoundaryLine.of(
                    plain, threshold=0.5, label=tr("boundaries.line_05"), color=UNWEIGHTED_COLOR
                ),
                BoundaryLine.of(
                    plain,
                    threshold=t,
                    label=tr("boundaries.line_threshold", t=f"{t:.4g}"),
                    color=THRESHOLD_COLOR,
                    dash="dash",
                ),
            ],
        ),
        "weighted": (
            weighted,
            tr("boundaries.title_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
            [
                BoundaryLine.of(
                    weighted, threshold=0.5, label=tr("boundaries.line_05"), color=WEIGHTED_COLOR
                ),
                BoundaryLine.of(
                    plain,
                    threshold=0.5,
                    label=tr("boundaries.line_unweighted_ref"),
                    color=UNWEIGHTED_COLOR,
                    dash="dot",
                ),
            ],
        ),
    }
    for column, (name, (model, title, lines)) in zip(st.columns(2), panels.items(), strict=True):
        with column:
            gx, gy, prob = ui.probabilities(model, x_range, y_range)
            ui.plot(
                boundary_map(X, y, shown, gx, gy, prob, lines, title=title, tr=tr),
                key=f"boundary_{name}",
            )
    ui.subsample_note(y, shown)

    ui.metric_row(
        ("boundaries.shift", f"{summary.shift:+.3f}"),
        ("boundaries.threshold", f"{t:.4g}"),
        ("boundaries.threshold_gap", f"{summary.threshold_gap:+.3f}"),
    )
