"""Focal loss, section: the weighted and the focal-loss model's maps and test metrics."""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.linear import LinearModel
from lib.settings import Settings
from lib.studies.focal import FocalComparison
from lib.viz import SERIES_COLORS, UNWEIGHTED_COLOR, WEIGHTED_COLOR, BoundaryLine, boundary_map


def render(
    s: Settings,
    models: dict[str, LinearModel],
    result: FocalComparison,
    *,
    gamma: float,
    alpha_text: str,
) -> None:
    """Two probability maps (the plain model's line for reference) and a metrics table.

    ``models`` holds the ``"plain"``, ``"weighted"`` and ``"focal"`` model.
    """
    tr = ui.tr
    key = ui.data_key(s)
    X, y = ui.dataset(*key)
    shown = ui.shown_points(*key)
    ui.section(tr("focal.boundary_heading"))
    x_range, y_range = plot_extent(X, y)
    panels = {
        "weighted": (
            tr("focal.model_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
            WEIGHTED_COLOR,
        ),
        "focal": (
            tr("focal.model_focal", gamma=f"{gamma:g}", alpha=alpha_text),
            SERIES_COLORS[2],
        ),
    }
    reference = BoundaryLine.of(
        models["plain"],
        threshold=0.5,
        label=tr("boundaries.line_unweighted_ref"),
        color=UNWEIGHTED_COLOR,
        dash="dot",
    )
    for column, (name, (title, color)) in zip(st.columns(2), panels.items(), strict=True):
        model = models[name]
        with column:
            gx, gy, prob = ui.probabilities(model, x_range, y_range)
            line = BoundaryLine.of(
                model, threshold=0.5, label=tr("boundaries.line_05"), color=color
            )
            ui.plot(
                boundary_map(X, y, shown, gx, gy, prob, [line, reference], title=title, tr=tr),
                key=f"focal_boundary_{name}",
            )
    ui.subsample_note(y, shown)
    ui.metrics_table({panels[name][0]: result.reports[name] for name in panels})
    st.caption(tr("focal.metrics_caption"))
