"""Gradient masking, section: the class-1 share, gradient norms and loss sums along both runs."""

from typing import Any

import streamlit as st

import ui
from lib.gradients import sample_counts
from lib.settings import Settings
from lib.viz import run_chart

#: (element key, run columns with their dash, title key, y-axis key, log y-axis)
CHARTS = (
    ("grad_share", [("share1", "solid")], "grad.chart_share", "grad.axis_share", False),
    (
        "grad_norms",
        [("norm0", "dot"), ("norm1", "solid")],
        "grad.chart_norms",
        "fig.grad.norm",
        True,
    ),
    (
        "grad_losses",
        [("loss_sum0", "dot"), ("loss_sum1", "solid")],
        "grad.chart_losses",
        "grad.axis_loss_sum",
        True,
    ),
)


def render(s: Settings, runs: dict[str, Any], step: int) -> None:
    """Three charts over the steps of the runs (by legend label), the chosen step marked."""
    tr = ui.tr
    key = ui.data_key(s)
    ui.section(tr("grad.runs_heading"))
    st.markdown(tr("grad.runs_text"))
    c = sample_counts(ui.dataset(*key)[1], *ui.descent_rows(*key))
    if c["m"] < c["n0"]:
        st.caption(
            tr(
                "grad.runs_sampled",
                n0=f"{c['n0']:,.0f}",
                n1=f"{c['n1']:,.0f}",
                m=f"{c['m']:,.0f}",
                h=f"{c['h']:.4g}",
            )
        )
    for column, (chart_key, columns, title, ytitle, log_y) in zip(
        st.columns(3), CHARTS, strict=True
    ):
        with column:
            ui.plot(
                run_chart(
                    runs, columns, title=tr(title), ytitle=tr(ytitle), step=step, log_y=log_y, tr=tr
                ),
                key=chart_key,
            )
