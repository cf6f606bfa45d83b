"""Decision boundaries, section: per-class test metrics and weighting as a moved threshold."""

import streamlit as st

import ui
from lib.settings import Settings
from lib.studies.boundaries import BoundarySummary


def render(s: Settings, summary: BoundarySummary) -> None:
    """The three models' per-class metrics, the odds identity and the measured gap."""
    tr = ui.tr
    t = f"{summary.threshold:.4g}"
    ui.section(tr("boundaries.metrics_heading"))
    st.markdown(tr("boundaries.metrics_text", n=f"{summary.n_test:,}", n1=f"{summary.n1_test:,}"))
    labels = {
        "unweighted": tr("boundaries.model_unweighted"),
        "weighted": tr("boundaries.model_weighted"),
        "moved": tr("boundaries.model_threshold", t=t),
    }
    ui.metrics_table({label: summary.reports[name] for name, label in labels.items()})
    st.caption(tr("boundaries.metrics_caption"))
    st.markdown(tr("boundaries.equivalence"))
    st.latex(
        r"\frac{p_w}{1 - p_w} = \frac{w_1}{w_0}\cdot\frac{p}{1 - p}"
        r"\quad\Longrightarrow\quad p_w = \tfrac12 \iff p = \frac{w_0}{w_0 + w_1}"
    )
    gap = summary.gap
    if s.w0 != s.w1:
        st.markdown(
            tr(
                "boundaries.gap_text",
                agree=f"{100 * gap.agreement:.1f} %",
                jaccard=f"{gap.jaccard:.3f}",
                slope=f"{100 * gap.slope_change:+.1f} %",
                angle=f"{gap.angle:.1f}",
                shift=f"{gap.intercept_shift:+.2f}",
                log_ratio=f"{gap.log_ratio:+.2f}",
            )
        )
