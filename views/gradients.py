"""Gradient masking: how much of the gradient each class contributes."""

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lib.figures import gradient_bars, run_chart
from lib.gradients import class_gradient_contributions
from lib.settings import ParamSpec, int_param

STEPS = 500

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("gradients")
st.latex(r"\nabla L = \underbrace{\frac{1}{n}\sum_{y_i = 0} w_0\, p_i\, \tilde x_i}_{g_0}"
         r" + \underbrace{\frac{1}{n}\sum_{y_i = 1} w_1\, (p_i - 1)\, \tilde x_i}_{g_1},"
         r"\qquad \text{share}_1 = \frac{\lVert g_1\rVert}{\lVert g_0\rVert + \lVert g_1\rVert}")

X, y = ui.dataset(*key)
losses = {ui.tr("grad.unweighted"): (1.0, 1.0), ui.tr("grad.weighted"): (s.w0, s.w1)}
bar = st.progress(0.0, text=ui.tr("grad.running", steps=STEPS, n=f"{s.n:,}"))
runs = {}
for k, (label, (w0, w1)) in enumerate(losses.items()):
    runs[label] = ui.descent(*key, w0, w1, STEPS, progress=lambda f, k=k: bar.progress(
        (k + f) / len(losses), text=ui.tr("grad.running", steps=STEPS, n=f"{s.n:,}")))
bar.empty()

step = ui.bound(ParamSpec("step", 0, int_param(0, STEPS)), lambda k: st.slider(
    ui.tr("grad.step"), 0, STEPS, key=k, help=ui.tr("grad.step_help")))
contribs = {}
for label, (w0, w1) in losses.items():
    row = runs[label].iloc[step]
    coef = row[[c for c in row.index if c.startswith("coef_")]].to_numpy(dtype=float)
    contribs[label] = class_gradient_contributions(X, y, coef, float(row["intercept"]),
                                                   w0=w0, w1=w1)

left, right = st.columns([1, 1], gap="large")
with left:
    ui.plot(gradient_bars(contribs, tr=ui.tr), key="grad_bars")
with right:
    st.markdown(ui.tr("grad.at_step", step=step, w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"))
    table = pd.DataFrame({
        label: {ui.tr("grad.col_norm0"): c.norm0, ui.tr("grad.col_norm1"): c.norm1,
                ui.tr("grad.col_share1"): 100 * c.share1,
                ui.tr("grad.col_loss0"): c.loss_sum0, ui.tr("grad.col_loss1"): c.loss_sum1,
                ui.tr("grad.col_loss_share1"):
                    100 * c.loss_sum1 / max(c.loss_sum0 + c.loss_sum1, 1e-300)}
        for label, c in contribs.items()
    })
    st.dataframe(table.style.format("{:.4g}"), width="stretch")
    st.caption(ui.tr("grad.table_caption"))

st.subheader(ui.tr("grad.runs_heading"))
st.markdown(ui.tr("grad.runs_text"))
rows, h = ui.descent_rows(*key)
if len(rows) < len(y):
    st.caption(ui.tr("grad.runs_sampled", n0=f"{int(np.sum(y == 0)):,}",
                     n1=f"{int(np.sum(y == 1)):,}", m=f"{int(np.sum(y[rows] == 0)):,}",
                     h=f"{h.max():.4g}"))
charts = (
    ("grad_share", [("share1", "solid")], "grad.chart_share", "grad.axis_share", False),
    ("grad_norms", [("norm0", "dot"), ("norm1", "solid")], "grad.chart_norms",
     "fig.grad.norm", True),
    ("grad_losses", [("loss_sum0", "dot"), ("loss_sum1", "solid")], "grad.chart_losses",
     "grad.axis_loss_sum", True),
)
for column, (chart_key, columns, title, ytitle, log_y) in zip(
        st.columns(3), charts, strict=True):
    with column:
        ui.plot(run_chart(runs, columns, title=ui.tr(title), ytitle=ui.tr(ytitle),
                          step=step, log_y=log_y, tr=ui.tr), key=chart_key)
ui.look_for("gradients")
