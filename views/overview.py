"""Overview: the data set and the weighted loss (the 1:1000 problem)."""

import streamlit as st

import ui
from lib.studies.overview import class_balance
from lib.viz import data_scatter

s = ui.current_settings()
ui.page_header("overview")

X, y = ui.dataset(*ui.data_key(s))
balance = class_balance(y, w0=s.w0, w1=s.w1)
cols = st.columns(4)
cols[0].metric(ui.tr("overview.n0"), f"{balance.n0:,}")
cols[1].metric(ui.tr("overview.n1"), f"{balance.n1:,}")
cols[2].metric(ui.tr("overview.ratio"), f"1:{s.ratio:,}")
cols[3].metric(
    ui.tr("overview.baseline"),
    f"{100 * balance.baseline:.2f} %",
    help=ui.tr("overview.baseline_help"),
)

left, right = st.columns([3, 2], gap="large")
with left:
    shown = ui.shown_points(*ui.data_key(s))
    ui.plot(data_scatter(X, y, shown, tr=ui.tr), key="overview_scatter")
    ui.subsample_note(y, shown)
with right:
    ui.section(ui.tr("overview.loss_heading"))
    st.latex(r"L = -\,w_1\, y \log p \;-\; w_0\,(1 - y)\log(1 - p)")
    st.markdown(ui.tr("overview.loss_text"))
    st.markdown(
        ui.tr(
            "overview.weights_now",
            w0=f"{s.w0:.4g}",
            w1=f"{s.w1:.4g}",
            share=f"{100 * balance.weight_share1:.2f}",
        )
    )

ui.look_for("overview")
ui.section(ui.tr("overview.explore"))
for page in ui.PAGES[1:]:
    ui.page_link(page.script)
    st.caption(ui.tr(page.title_key + "_blurb"))
