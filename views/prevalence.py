"""Prevalence and deployment: metrics that move with the class mix, and label shift.

Sections in views/prevalence_parts/.
"""

import streamlit as st

import ui
from lib.prevalence import deployment_report
from lib.settings import RATIO_CHOICES
from views.prevalence_parts import metrics, shift

s = ui.current_settings()
ui.page_header("prevalence")
cols = st.columns(3)
with cols[0]:
    deploy = int(
        ui.slider_param(
            "deploy",
            RATIO_CHOICES,
            10,
            ui.tr("prevalence.deploy"),
            format_func=lambda r: f"1:{r:,}",
            help=ui.tr("prevalence.deploy_help"),
        )
    )
cost_fn, cost_fp = ui.cost_params(cols[1], cols[2])

with ui.guarded(), st.spinner(ui.tr("boundaries.fitting")):
    r = ui.cached_call(
        deployment_report,
        s.n,
        s.ratio,
        deploy,
        class_sep=s.sep,
        shape=s.shape,
        seed=s.seed,
        cost_fp=cost_fp,
        cost_fn=cost_fn,
    )
    metrics.render(s, r, deploy)
    shift.render(s, r)
ui.look_for("prevalence")
