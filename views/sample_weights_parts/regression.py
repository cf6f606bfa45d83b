"""Sample weights, section (c): weighted least squares with weights 1/σ²."""

import streamlit as st

import ui
from lib import viz
from lib.settings import Settings
from lib.studies.weighted_regression import regression_section
from lib.viz import THRESHOLD_COLOR as GREEN
from lib.viz import UNWEIGHTED_COLOR as BLACK
from lib.viz import WEIGHTED_COLOR as PURPLE

N_REG, REPS = 40, 400
SPREADS = (1, 2, 5, 10, 20, 50, 100)
STYLES = {"truth": (GREEN, "solid"), "ols": (BLACK, "dash"), "wls": (PURPLE, "solid")}
tr = ui.tr


def render(s: Settings) -> None:
    """Heading, text, the least-squares formula and the section's fragment."""
    ui.section(tr("sw.c_heading"))
    st.markdown(tr("sw.c_text", n=N_REG))
    st.latex(
        r"(\hat a, \hat b) = \arg\min_{a, b}\sum_i s_i\,(y_i - a - b\,x_i)^2,\qquad"
        r" s_i = 1\ \text{(OLS)},\quad s_i = 1/\sigma_i^2\ \text{(WLS)}"
    )
    _regression(s)


@st.fragment
def _regression(s: Settings) -> None:
    # A fragment: its controls rerun only this section, not the page.
    with ui.guarded():
        with st.columns(2)[0]:
            spread = ui.slider_param(
                "spread", SPREADS, 20, tr("sw.spread"), help=tr("sw.spread_help")
            )
        view = ui.cached_call(
            regression_section, N_REG, spread=float(spread), n_reps=REPS, random_state=s.seed
        )
        data, sd = view.data, {k: f"{v:.3f}" for k, v in view.sd.items()}
        left, right = st.columns(2, gap="large")
        with left:
            lines = [
                viz.RegressionLine(*view.lines[k], tr(f"sw.line_{k}"), *style)
                for k, style in STYLES.items()
            ]
            ui.plot(
                viz.errorbar_fit(
                    data.x,
                    data.y,
                    data.sigma,
                    lines,
                    x_range=data.x_range,
                    weights=view.weights,
                    title=tr("sw.reg_title"),
                    tr=tr,
                ),
                key="sw_regression",
            )
            st.markdown(tr("sw.reg_text"))
        with right:
            samples = [
                viz.Sample(tr(f"sw.hist_{k}", sd=sd[k]), view.slopes[k], color)
                for k, color in (("ols", BLACK), ("wls", PURPLE))
            ]
            ui.plot(
                viz.estimate_histograms(
                    samples,
                    truth=data.slope,
                    truth_label=tr("sw.hist_truth", b=f"{data.slope:g}"),
                    title=tr("sw.hist_title", reps=REPS),
                    xtitle=tr("sw.axis_slope"),
                    ytitle=tr("sw.axis_count"),
                ),
                key="sw_histogram",
            )
            theory = {f"{k}_theory": f"{v:.3f}" for k, v in view.sd_theory.items()}
            st.markdown(tr("sw.hist_text", **sd, **theory))
        table = view.fits.rename(
            index=lambda k: tr(f"sw.line_{k}"), columns=lambda c: tr(f"sw.col_{c}")
        )
        st.dataframe(
            table.rename_axis(tr("sw.col_line")).style.format(precision=3), width="stretch"
        )
