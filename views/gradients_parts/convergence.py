"""Gradient masking, section: both runs followed to their own minimum."""

import streamlit as st

import ui
from lib.bayes import bayes_recall
from lib.gradients import CONVERGENCE_MAX_ROWS, CONVERGENCE_STEPS
from lib.settings import Settings
from lib.viz import convergence_chart


def render(s: Settings, labels: list[str]) -> None:
    """The distance-to-optimum chart, its summary table and what the optima predict.

    ``labels`` names the unweighted and the weighted run, in that order.
    """
    tr = ui.tr
    steps = f"{CONVERGENCE_STEPS:,}"
    ui.section(tr("grad.converge_heading"))
    st.markdown(tr("grad.converge_text", steps=steps))
    with st.spinner(tr("grad.converge_running", steps=steps)):
        result = ui.convergence(*ui.data_key(s), s.w0, s.w1)
    if result.separable:
        st.warning(tr("grad.converge_separable"), icon=":material/warning:")
    runs = dict(zip(labels, (result.unweighted, result.weighted), strict=True))
    ui.plot(convergence_chart(runs, tr=tr), key="grad_converge")
    summary = result.summary().set_axis(labels, axis=1).rename(index=lambda r: tr(f"grad.conv_{r}"))
    st.dataframe(
        summary.style.format("{:.3g}", na_rep="—").format(
            "{:,.0f}", na_rep="—", subset=(summary.index[:1], labels)
        ),
        width="stretch",
    )
    st.caption(tr("grad.conv_table_caption", steps=steps))
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
