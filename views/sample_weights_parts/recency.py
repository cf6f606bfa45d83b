"""Sample weights, section (b): recency weights on data whose boundary drifts."""

import streamlit as st

import ui
from lib.settings import Settings
from lib.studies.recency import recency_section
from views.sample_weights_parts import recency_charts

N_DRIFT, N_FRESH, DAYS = 500, 2000, 100
HALF_LIVES = (1, 2, 5, 10, 20, 50, 100, 1000)
DRIFTS = ("0", "30", "60", "90", "120", "180")
tr = ui.tr


def render(s: Settings) -> None:
    """Heading, text, the weights' formula and the section's fragment."""
    ui.section(tr("sw.b_heading"))
    st.markdown(tr("sw.b_text", n=N_DRIFT, days=DAYS))
    st.latex(
        r"s_i = 2^{-a_i/h}\qquad n_{\text{eff}} = \frac{\left(\sum_i s_i\right)^2}{\sum_i s_i^2}"
    )
    _recency(s)


@st.fragment
def _recency(s: Settings) -> None:
    # A fragment: its controls rerun only this section, not the page.
    with ui.guarded():
        cols = st.columns(2)
        with cols[0]:
            half = ui.slider_param(
                "half",
                HALF_LIVES,
                10,
                tr("sw.half"),
                help=tr("sw.half_help"),
                format_func=lambda h: f"{h:,}",
            )
        with cols[1]:
            drift = ui.slider_param(
                "drift",
                DRIFTS,
                "90",
                tr("sw.drift", days=DAYS),
                format_func=lambda d: tr("sw.drift_format", d=d),
            )
        view = ui.cached_call(
            recency_section,
            n_train=N_DRIFT,
            n_fresh=N_FRESH,
            max_age=DAYS,
            drift=float(drift),
            half_lives=HALF_LIVES,
            half_life=half,
            random_state=s.seed,
        )
        left, right = st.columns(2, gap="large")
        with left:
            recency_charts.drift_map(view, half=half, days=DAYS)
        with right:
            recency_charts.accuracy_chart(view, half=half, n_fresh=N_FRESH)
        (before, after), (angle_before, angle_after) = view.accuracy_change, view.angle_change
        ui.metric_row(
            ("sw.m_acc", f"{before:.3f} → {after:.3f}"),
            ("sw.m_angle", f"{angle_before:.1f}° → {angle_after:.1f}°"),
            ("sw.m_neff", tr("sw.m_neff_value", neff=f"{view.n_eff:,.0f}", n=N_DRIFT)),
        )
