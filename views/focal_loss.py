"""Focal loss: down-weighting the easy examples; the model maps in views/focal_loss_parts/."""

import streamlit as st

import ui
from lib.losses import focal_curves
from lib.settings import GAMMA_CHOICES as GAMMAS
from lib.studies.focal import ALPHA_CHOICES, alpha_value, focal_comparison
from lib.viz import focal_curve_charts, focal_share_bars
from views.focal_loss_parts import maps

s = ui.current_settings()
key = ui.data_key(s)
tr = ui.tr
ui.page_header("focal")
st.latex(
    r"FL(p_t) = -\,\alpha_t\,(1 - p_t)^{\gamma}\,\log p_t,\qquad "
    r"p_t = \begin{cases} p & y = 1\\ 1 - p & y = 0\end{cases},\quad"
    r"\alpha_t = \begin{cases} \alpha & y = 1\\ 1 - \alpha & y = 0\end{cases}"
)
cols = st.columns(2)
with cols[0]:
    gamma = float(
        ui.slider_param("gamma", GAMMAS, "2", tr("focal.gamma"), help=tr("focal.gamma_help"))
    )
with cols[1]:
    alpha_text = ui.slider_param(
        "alpha",
        ALPHA_CHOICES,
        "none",
        tr("focal.alpha"),
        format_func=lambda a: tr("focal.no_alpha") if a == "none" else a,
        help=tr("focal.alpha_help"),
    )
alpha = alpha_value(alpha_text)

loss_chart, grad_chart = focal_curve_charts(
    focal_curves(GAMMAS, alpha=alpha), selected=gamma, tr=tr
)
left, right = st.columns(2, gap="large")
with left:
    ui.plot(loss_chart, key="focal_loss_curves")
with right:
    ui.plot(grad_chart, key="focal_grad_curves")
st.caption(tr("focal.curves_caption"))

ui.section(tr("focal.share_heading"))
with st.spinner(tr("focal.training")):
    models = {
        "plain": ui.logistic(*key, 1.0, 1.0),
        "weighted": ui.logistic(*key, s.w0, s.w1),
        "focal": ui.focal_model(*key, gamma, alpha),
    }
result = focal_comparison(
    *ui.dataset(*key), *ui.test_dataset(*key), **models, gamma=gamma, alpha=alpha
)
left, right = st.columns([3, 2], gap="large")
with left:
    ui.plot(focal_share_bars(result.shares, gamma=gamma, tr=tr), key="focal_shares")
with right:
    st.markdown(
        tr(
            "focal.share_text",
            n0=f"{result.n_majority:,}",
            n_easy=f"{result.n_easy:,}",
            easy=f"{100 * result.easy_bce:.1f}",
            focal=f"{100 * result.easy_focal:.2f}",
        )
    )
maps.render(s, models, result, gamma=gamma, alpha_text=alpha_text)
ui.look_for("focal")
