"""Decision boundaries, section: gradient-boosted trees without and with balanced weights."""

import streamlit as st

import ui
from lib.settings import Settings
from lib.viz import WEIGHTED_COLOR, BoundaryLine, strategy_map


def render(s: Settings) -> None:
    """Two probability maps of the trees, per-class test metrics and the measured sentence."""
    tr = ui.tr
    key = ui.data_key(s)
    X, y = ui.dataset(*key)
    shown = ui.shown_points(*key)
    ui.section(tr("boundaries.nonlinear_heading"))
    st.markdown(tr("boundaries.nonlinear_intro"))
    with st.spinner(tr("boundaries.fitting")):
        result = ui.nonlinear(*key)
    w0, w1 = (f"{w:.4g}" for w in result.weights)
    titles = {
        "plain": tr("boundaries.nonlinear_plain"),
        "balanced": tr("boundaries.nonlinear_balanced", w0=w0, w1=w1),
        "line": tr("boundaries.nonlinear_line"),
    }
    line = BoundaryLine.of(
        result.line, threshold=0.5, label=titles["line"], color=WEIGHTED_COLOR, dash="dot"
    )
    for column, name in zip(st.columns(2), ("plain", "balanced"), strict=True):
        with column:
            ui.plot(
                strategy_map(
                    X,
                    y,
                    shown,
                    result.grids[name],
                    lines=[line],
                    boundary=result.boundaries[name],
                    boundary_label=tr("boundaries.nonlinear_boundary"),
                    title=titles[name],
                    tr=tr,
                ),
                key=f"boundary_trees_{name}",
            )
    ui.metrics_table({titles[name]: result.reports[name] for name in titles})
    ba, n1 = result.balanced_accuracy, result.predicted1
    st.markdown(
        tr(
            "boundaries.nonlinear_text",
            w0=w0,
            w1=w1,
            ba_line=f"{ba['line']:.3f}",
            ba_plain=f"{ba['plain']:.3f}",
            ba_balanced=f"{ba['balanced']:.3f}",
            n_plain=f"{n1['plain']:,}",
            n_balanced=f"{n1['balanced']:,}",
        )
    )
