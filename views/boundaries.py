"""Decision boundaries before and after weighting; sections in views/boundaries_parts/."""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.figures import (
    THRESHOLD_COLOR,
    UNWEIGHTED_COLOR,
    WEIGHTED_COLOR,
    BoundaryLine,
    boundary_map,
)
from views.boundaries_parts import nonlinear, shapes

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("boundaries")

X, y = ui.dataset(*key)
shown = ui.shown_points(*key)
with st.spinner(ui.tr("boundaries.fitting")):
    models = {"unweighted": ui.logistic(*key, 1.0, 1.0), "weighted": ui.logistic(*key, s.w0, s.w1)}
    summary = ui.boundary_summary(*key, s.w0, s.w1)
threshold = summary.threshold
x_range, y_range = plot_extent(X, y)
lines = {
    "unweighted": [
        BoundaryLine(*models["unweighted"], 0.5, ui.tr("boundaries.line_05"), UNWEIGHTED_COLOR),
        BoundaryLine(
            *models["unweighted"],
            threshold,
            ui.tr("boundaries.line_threshold", t=f"{threshold:.4g}"),
            THRESHOLD_COLOR,
            "dash",
        ),
    ],
    "weighted": [
        BoundaryLine(*models["weighted"], 0.5, ui.tr("boundaries.line_05"), WEIGHTED_COLOR),
        BoundaryLine(
            *models["unweighted"],
            0.5,
            ui.tr("boundaries.line_unweighted_ref"),
            UNWEIGHTED_COLOR,
            "dot",
        ),
    ],
}
titles = {
    "unweighted": ui.tr("boundaries.title_unweighted"),
    "weighted": ui.tr("boundaries.title_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
}
for column, name in zip(st.columns(2), ("unweighted", "weighted"), strict=True):
    with column:
        coef, intercept = models[name]
        gx, gy, prob = ui.probabilities(tuple(coef), intercept, x_range, y_range)
        ui.plot(
            boundary_map(X, y, shown, gx, gy, prob, lines[name], title=titles[name], tr=ui.tr),
            key=f"boundary_{name}",
        )
ui.subsample_note(y, shown)

cols = st.columns(3)
cols[0].metric(
    ui.tr("boundaries.shift"), f"{summary.shift:+.3f}", help=ui.tr("boundaries.shift_help")
)
cols[1].metric(
    ui.tr("boundaries.threshold"), f"{threshold:.4g}", help=ui.tr("boundaries.threshold_help")
)
cols[2].metric(
    ui.tr("boundaries.threshold_gap"),
    f"{summary.threshold_gap:+.3f}",
    help=ui.tr("boundaries.threshold_gap_help"),
)

st.subheader(ui.tr("boundaries.metrics_heading"))
st.markdown(ui.tr("boundaries.metrics_text", n=f"{summary.n_test:,}", n1=f"{summary.n1_test:,}"))
labels = {
    "unweighted": ui.tr("boundaries.model_unweighted"),
    "weighted": ui.tr("boundaries.model_weighted"),
    "moved": ui.tr("boundaries.model_threshold", t=f"{threshold:.4g}"),
}
ui.metrics_table({label: summary.reports[name] for name, label in labels.items()})
st.caption(ui.tr("boundaries.metrics_caption"))
st.markdown(ui.tr("boundaries.equivalence"))
st.latex(
    r"\frac{p_w}{1 - p_w} = \frac{w_1}{w_0}\cdot\frac{p}{1 - p}"
    r"\quad\Longrightarrow\quad p_w = \tfrac12 \iff p = \frac{w_0}{w_0 + w_1}"
)
gap = summary.gap
if s.w0 != s.w1:
    st.markdown(
        ui.tr(
            "boundaries.gap_text",
            agree=f"{100 * gap.agreement:.1f} %",
            jaccard=f"{gap.jaccard:.3f}",
            slope=f"{100 * gap.slope_change:+.1f} %",
            angle=f"{gap.angle:.1f}",
            shift=f"{gap.intercept_shift:+.2f}",
            log_ratio=f"{gap.log_ratio:+.2f}",
        )
    )
shapes.show(s)
nonlinear.show(s)
ui.take_home(s)
ui.look_for("boundaries")
