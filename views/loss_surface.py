"""Loss surface: weighted BCE over (slope, bias) of a 1-D logistic model."""

import streamlit as st

import ui
from lib.studies.loss_surface import DIRECTIONS, LOSSES, surface_study
from lib.viz import UNWEIGHTED_COLOR, WEIGHTED_COLOR, Curve, line_chart

COLORS = {"unweighted": UNWEIGHTED_COLOR, "weighted": WEIGHTED_COLOR}

s = ui.current_settings()
ui.page_header("surface")
st.latex(
    r"Z(a, b) = \frac{1}{n}\sum_{k=1}^{n} \Big[w_1 y_k \log\big(1 + e^{-(a x_k + b)}\big)"
    r" + w_0 (1 - y_k) \log\big(1 + e^{a x_k + b}\big)\Big]"
)

with st.spinner(ui.tr("surface.computing")):
    study = ui.cached_call(surface_study, *ui.data_key(s), w0=s.w0, w1=s.w1, surfaces=False)
titles = {
    "unweighted": ui.tr("surface.title_unweighted"),
    "weighted": ui.tr("surface.title_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
}

views = ("side", *LOSSES)
view = ui.radio_param(
    "view", views, "side", ui.tr("surface.view"), format_func=lambda v: ui.tr(f"surface.view_{v}")
)
ui.surface_view(s, list(LOSSES if view == "side" else (view,)))

(a_u, b_u), (a_w, b_w) = study.optima["unweighted"], study.optima["weighted"]
cols = st.columns(3)
cols[0].metric(ui.tr("surface.min_unweighted"), f"a={a_u:.2f}, b={b_u:.2f}")
cols[1].metric(
    ui.tr("surface.min_weighted"),
    f"a={a_w:.2f}, b={b_w:.2f}",
    delta=f"Δb = {study.bias_shift:+.2f}",
    delta_color="off",
)
cols[2].metric(
    ui.tr("surface.log_ratio"), f"{study.log_ratio:+.2f}", help=ui.tr("surface.log_ratio_help")
)
if s.w0 == s.w1:
    st.warning(ui.tr("surface.equal_weights"), icon=":material/info:")
if s.shape == "two_clusters":
    st.info(ui.tr("surface.projection_note"), icon=":material/info:")

ui.section(ui.tr("surface.slice_heading"))
direction = ui.radio_param(
    "slice",
    DIRECTIONS,
    "bias",
    ui.tr("surface.slice"),
    format_func=lambda v: ui.tr(f"surface.slice_{v}"),
)
slices = study.slices[direction]
ui.plot(
    line_chart(
        [Curve(titles[k], cut.axis, cut.values, COLORS[k]) for k, cut in slices.items()],
        title=ui.tr(f"surface.slice_title_{direction}"),
        xtitle=ui.tr(f"fig.{direction}"),
        ytitle=ui.tr("fig.loss"),
        log_y=True,
        marks=[(cut.at, COLORS[k]) for k, cut in slices.items()],
    ),
    key="surface_slice",
)
st.caption(ui.tr("surface.slice_caption"))
ui.look_for("surface")
