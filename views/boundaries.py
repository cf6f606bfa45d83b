"""Decision boundaries before and after weighting; sections in views/boundaries_parts/."""

import streamlit as st

import ui
from views.boundaries_parts import maps, metrics, nonlinear, shapes

s = ui.current_settings()
ui.page_header("boundaries")
with st.spinner(ui.tr("boundaries.fitting")):  # fits both logistic models (ui.logistic)
    summary = ui.boundary_summary(*ui.data_key(s), s.w0, s.w1)
maps.render(s, summary)
metrics.render(s, summary)
shapes.render(s)
nonlinear.render(s)
ui.take_home(s)
ui.look_for("boundaries")
