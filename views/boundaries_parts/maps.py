"""Decision boundaries, section: the plain and the weighted logistic model's maps."""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.settings import Settings
from lib.studies.boundaries import BoundarySummary
from lib.viz import THRESHOLD_COLOR, UNWEIGHTED_COLOR, BoundaryLine, boundary_map


def render(s: Settings, summary: BoundarySummary) -> None:
    """The plain model's map with its 0.5 line and the moved threshold; the live weighted view."""
    tr = ui.tr
    key = ui.data_key(s)
    X, y = ui.dataset(*key)
    shown = ui.shown_points(*key)
    plain = ui.logistic(*key, 1.0, 1.0)
    t = summary.threshold
    x_range, y_range = plot_extent(X, y)
    lines = [
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
    ]
    left, right = st.columns(2)
    with left:
        gx, gy, prob = ui.probabilities(plain, x_range, y_range)
        title = tr("boundaries.title_unweighted")
        ui.plot(
            boundary_map(X, y, shown, gx, gy, prob, lines, title=title, tr=tr),
            key="boundary_unweighted",
        )
    with right:  # the weighted model follows the weight-ratio slider in the browser
        ui.boundary_view(s, X, y, shown, plain)
    ui.subsample_note(y, shown)

    ui.metric_row(
        ("boundaries.shift", f"{summary.shift:+.3f}"),
        ("boundaries.threshold", f"{t:.4g}"),
        ("boundaries.threshold_gap", f"{summary.threshold_gap:+.3f}"),
    )
