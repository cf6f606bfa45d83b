"""Threshold moving and misclassification costs; sections in views/thresholds_parts/."""

import streamlit as st

import ui
from lib.studies.thresholds_page import THRESHOLD_CHOICES
from lib.viz import curve_figures
from views.thresholds_parts import costs, same_decisions

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("thresholds")
cols = st.columns(3)
with cols[0]:
    t = float(
        ui.slider_param(
            "t", THRESHOLD_CHOICES, "0.5", ui.tr("thresholds.t"), help=ui.tr("thresholds.t_help")
        )
    )
cost_fn, cost_fp = ui.cost_params(cols[1], cols[2])

with st.spinner(ui.tr("thresholds.tuning")), ui.guarded():
    r = ui.threshold_page(*key, s.w0, s.w1, t, cost_fp, cost_fn)
    pr, roc = curve_figures(r, tr=ui.tr)
    left, right = st.columns(2, gap="large")
    with left:
        ui.plot(pr, key="thresholds_pr")
    with right:
        ui.plot(roc, key="thresholds_roc")
    st.caption(ui.tr("thresholds.curves_caption", n=f"{r.n_test:,}", n1=f"{r.n1_test:,}"))
    same_decisions.render(s, r, t)
    costs.render(r)
ui.look_for("thresholds")
