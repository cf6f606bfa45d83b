"""Thresholds, section: the cost curve and the cost of each way to choose a threshold."""

import math

import streamlit as st

import ui
from lib.thresholds import ThresholdReport
from lib.viz import cost_figure


def _text(value: float) -> str:
    """A number with four significant digits; a dash for NaN (not available)."""
    return "—" if math.isnan(value) else f"{value:.4g}"


def render(r: ThresholdReport) -> None:
    """Test cost against the threshold, and the Bayes, tuned, 0.5 and chosen thresholds."""
    tr = ui.tr
    ui.section(tr("thresholds.cost_heading"))
    st.latex(
        r"C(t) = \frac{c_{FP}\,FP(t) + c_{FN}\,FN(t)}{n},\qquad "
        r"t^{*} = \frac{c_{FP}}{c_{FP} + c_{FN}}"
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(cost_figure(r, tr=tr), key="thresholds_cost")
    t = {k: _text(v) for k, v in r.thresholds.items()}
    cost = {k: _text(v) for k, v in r.test_costs.items()}
    with right:
        ui.metric_row(("thresholds.bayes", t["bayes"]), ("thresholds.tuned", t["tuned"]))
        ui.metric_row(
            ("thresholds.cost_bayes", cost["bayes"]), ("thresholds.cost_tuned", cost["tuned"])
        )
        ui.metric_row(
            ("thresholds.cv_cost", _text(r.cv_cost)), ("thresholds.cost_half", cost["half"])
        )
        ui.metric_row(("thresholds.cost_current", cost["current"]))
    if math.isnan(r.thresholds["tuned"]):
        st.info(tr("thresholds.untuned"))
    st.caption(tr("thresholds.cost_caption"))
    st.markdown(tr("thresholds.which_text"))
