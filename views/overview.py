"""Overview: the data set and the weighted loss (the 1:1000 problem)."""

import numpy as np
import streamlit as st

import ui
from lib.figures import data_scatter

s = ui.current_settings()
ui.page_header("overview")

X, y = ui.dataset(*ui.data_key(s))
n1 = int(np.sum(y == 1))
n0 = len(y) - n1
cols = st.columns(4)
cols[0].metric(ui.tr("overview.n0"), f"{n0:,}")
cols[1].metric(ui.tr("overview.n1"), f"{n1:,}")
cols[2].metric(ui.tr("overview.ratio"), f"1:{s.ratio:,}")
cols[3].metric(
    ui.tr("overview.baseline"), f"{100 * n0 / len(y):.2f} %", help=ui.tr("overview.baseline_help")
)

left, right = st.columns([3, 2], gap="large")
with left:
    shown = ui.shown_points(*ui.data_key(s))
    ui.plot(data_scatter(X, y, shown, tr=ui.tr), key="overview_scatter")
    ui.subsample_note(y, shown)
with right:
    st.subheader(ui.tr("overview.loss_heading"))
    st.latex(r"L = -\,w_1\, y \log p \;-\; w_0\,(1 - y)\log(1 - p)")
    st.markdown(ui.tr("overview.loss_text"))
    st.markdown(
        ui.tr(
            "overview.weights_now",
            w0=f"{s.w0:.4g}",
            w1=f"{s.w1:.4g}",
            share=f"{100 * s.w1 * n1 / (s.w1 * n1 + s.w0 * n0):.2f}",
        )
    )

ui.look_for("overview")
st.subheader(ui.tr("overview.explore"))
for script, _, title_key, _ in ui.PAGES[1:]:
    ui.page_link(script)
    st.caption(ui.tr(title_key + "_blurb"))
