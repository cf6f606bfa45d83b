"""Loss surface: weighted BCE over (slope, bias) of a 1-D logistic model."""

import numpy as np
import streamlit as st

import ui
from lib.figures import UNWEIGHTED_COLOR, WEIGHTED_COLOR, Curve, line_chart, surface_heatmap

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("surface")
st.latex(
    r"Z(a, b) = \frac{1}{n}\sum_{k=1}^{n} \Big[w_1 y_k \log\big(1 + e^{-(a x_k + b)}\big)"
    r" + w_0 (1 - y_k) \log\big(1 + e^{a x_k + b}\big)\Big]"
)

with st.spinner(ui.tr("surface.computing")):
    grid = ui.grid_for(*key, s.w0, s.w1)
    slopes, biases = tuple(grid.slopes), tuple(grid.biases)
    surfaces = {
        "unweighted": (ui.surface(*key, 1.0, 1.0, slopes, biases), grid.optima[0]),
        "weighted": (ui.surface(*key, s.w0, s.w1, slopes, biases), grid.optima[1]),
    }
titles = {
    "unweighted": ui.tr("surface.title_unweighted"),
    "weighted": ui.tr("surface.title_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
}

views = ("side", "unweighted", "weighted")
view = ui.radio_param(
    "view", views, "side", ui.tr("surface.view"), format_func=lambda v: ui.tr(f"surface.view_{v}")
)
shown = ("unweighted", "weighted") if view == "side" else (view,)
for column, name in zip(st.columns(len(shown)), shown, strict=True):
    with column:
        Z, optimum = surfaces[name]
        ui.plot(
            surface_heatmap(
                grid.slopes, grid.biases, Z, optimum=optimum, title=titles[name], tr=ui.tr
            ),
            key=f"surface_{name}",
        )

(a_u, b_u), (a_w, b_w) = grid.optima
cols = st.columns(3)
cols[0].metric(ui.tr("surface.min_unweighted"), f"a={a_u:.2f}, b={b_u:.2f}")
cols[1].metric(
    ui.tr("surface.min_weighted"),
    f"a={a_w:.2f}, b={b_w:.2f}",
    delta=f"Δb = {b_w - b_u:+.2f}",
    delta_color="off",
)
cols[2].metric(
    ui.tr("surface.log_ratio"), f"{np.log(s.w1 / s.w0):+.2f}", help=ui.tr("surface.log_ratio_help")
)
if s.w0 == s.w1:
    st.warning(ui.tr("surface.equal_weights"), icon=":material/info:")
if s.shape == "two_clusters":
    st.info(ui.tr("surface.projection_note"), icon=":material/info:")

st.subheader(ui.tr("surface.slice_heading"))
directions = ("bias", "slope")
direction = ui.radio_param(
    "slice",
    directions,
    "bias",
    ui.tr("surface.slice"),
    format_func=lambda v: ui.tr(f"surface.slice_{v}"),
)
axis = np.linspace(
    min(grid.biases if direction == "bias" else grid.slopes),
    max(grid.biases if direction == "bias" else grid.slopes),
    200,
)
curves, marks = [], []
for name, (w0, w1), color in (
    ("unweighted", (1.0, 1.0), UNWEIGHTED_COLOR),
    ("weighted", (s.w0, s.w1), WEIGHTED_COLOR),
):
    a, b = surfaces[name][1]
    sl, bi = ((a,), tuple(axis)) if direction == "bias" else (tuple(axis), (b,))
    values = ui.surface(*key, w0, w1, sl, bi).ravel()
    curves.append(Curve(titles[name], axis, values, color))
    marks.append((b if direction == "bias" else a, color))
ui.plot(
    line_chart(
        curves,
        title=ui.tr(f"surface.slice_title_{direction}"),
        xtitle=ui.tr(f"fig.{direction}"),
        ytitle=ui.tr("fig.loss"),
        log_y=True,
        marks=marks,
    ),
    key="surface_slice",
)
st.caption(ui.tr("surface.slice_caption"))
ui.look_for("surface")
