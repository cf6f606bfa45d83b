"""Gradient masking: how much of the gradient each class contributes, and where runs end."""

import streamlit as st

import ui
from lib.bayes import bayes_recall
from lib.figures import gradient_bars, run_chart
from lib.figures_gradients import convergence_chart
from lib.gradients import (
    CONVERGENCE_MAX_ROWS,
    CONVERGENCE_STEPS,
    contribution_table,
    contributions_at,
    sample_counts,
)
from lib.settings import ParamSpec, int_param

STEPS = 500

s = ui.current_settings()
key = ui.data_key(s)
tr = ui.tr
ui.page_header("gradients")
st.latex(
    r"\nabla L = \underbrace{\frac{1}{n}\sum_{y_i = 0} w_0\, p_i\, \tilde x_i}_{g_0}"
    r" + \underbrace{\frac{1}{n}\sum_{y_i = 1} w_1\, (p_i - 1)\, \tilde x_i}_{g_1},"
    r"\qquad \text{share}_1 = \frac{\lVert g_1\rVert}{\lVert g_0\rVert + \lVert g_1\rVert}"
)

X, y = ui.dataset(*key)
losses = {tr("grad.unweighted"): (1.0, 1.0), tr("grad.weighted"): (s.w0, s.w1)}
bar = st.progress(0.0, text=tr("grad.running", steps=STEPS, n=f"{s.n:,}"))
runs = {}
for k, (label, (w0, w1)) in enumerate(losses.items()):
    runs[label] = ui.descent(
        *key,
        w0,
        w1,
        STEPS,
        progress=lambda f, k=k: bar.progress(
            (k + f) / len(losses), text=tr("grad.running", steps=STEPS, n=f"{s.n:,}")
        ),
    )
bar.empty()

step = ui.bound(
    ParamSpec("step", 0, int_param(0, STEPS)),
    lambda k: st.slider(tr("grad.step"), 0, STEPS, key=k, help=tr("grad.step_help")),
)
contribs = {
    label: contributions_at(X, y, runs[label], step, w0=w0, w1=w1)
    for label, (w0, w1) in losses.items()
}

left, right = st.columns([1, 1], gap="large")
with left:
    ui.plot(gradient_bars(contribs, tr=tr), key="grad_bars")
with right:
    st.markdown(tr("grad.at_step", step=step, w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"))
    table = contribution_table(contribs).rename(index=lambda r: tr(f"grad.col_{r}"))
    st.dataframe(table.style.format("{:.4g}"), width="stretch")
    st.caption(tr("grad.table_caption"))

st.subheader(tr("grad.runs_heading"))
st.markdown(tr("grad.runs_text"))
c = sample_counts(y, *ui.descent_rows(*key))
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
charts = (
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
for column, (chart_key, columns, title, ytitle, log_y) in zip(st.columns(3), charts, strict=True):
    with column:
        ui.plot(
            run_chart(
                runs, columns, title=tr(title), ytitle=tr(ytitle), step=step, log_y=log_y, tr=tr
            ),
            key=chart_key,
        )

st.subheader(tr("grad.converge_heading"))
st.markdown(tr("grad.converge_text", steps=f"{CONVERGENCE_STEPS:,}"))
with st.spinner(tr("grad.converge_running", steps=f"{CONVERGENCE_STEPS:,}")):
    result = ui.convergence(key, s.w0, s.w1)
if result.separable:
    st.warning(tr("grad.converge_separable"), icon=":material/warning:")
labels = list(losses)
ui.plot(
    convergence_chart(dict(zip(labels, (result.unweighted, result.weighted), strict=True)), tr=tr),
    key="grad_converge",
)
summary = result.summary().set_axis(labels, axis=1).rename(index=lambda r: tr(f"grad.conv_{r}"))
st.dataframe(
    summary.style.format("{:.3g}", na_rep="—").format(
        "{:,.0f}", na_rep="—", subset=(summary.index[:1], labels)
    ),
    width="stretch",
)
st.caption(tr("grad.conv_table_caption", steps=f"{CONVERGENCE_STEPS:,}"))
if result.rows != result.counts:
    st.caption(
        tr(
            "grad.converge_sampled",
            m=f"{CONVERGENCE_MAX_ROWS:,}",
            rows0=f"{result.rows[0]:,}",
            n0=f"{result.counts[0]:,}",
            rows1=f"{result.rows[1]:,}",
            n1=f"{result.counts[1]:,}",
        )
    )
st.markdown(tr("grad.converge_explain", bayes=f"{100 * bayes_recall(s.ratio, s.sep):.2g} %"))
if s.shape != "gaussian":
    st.info(tr("grad.converge_misspecified"), icon=":material/info:")
ui.look_for("gradients")
