"""Focal loss: down-weighting the easy examples."""

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lib.data import plot_extent
from lib.figures import (
    SERIES_COLORS,
    UNWEIGHTED_COLOR,
    WEIGHTED_COLOR,
    BoundaryLine,
    Curve,
    boundary_map,
    grouped_bars,
    line_chart,
)
from lib.losses import focal_loss, focal_loss_grad, focal_loss_shares, logit
from lib.metrics import per_class_report
from lib.models import predict_labels
from lib.settings import GAMMA_CHOICES as GAMMAS

ALPHAS = ("none", "0.1", "0.25", "0.5", "0.75", "0.9")

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("focal")
st.latex(r"FL(p_t) = -\,\alpha_t\,(1 - p_t)^{\gamma}\,\log p_t,\qquad "
         r"p_t = \begin{cases} p & y = 1\\ 1 - p & y = 0\end{cases},\quad"
         r"\alpha_t = \begin{cases} \alpha & y = 1\\ 1 - \alpha & y = 0\end{cases}")
cols = st.columns(2)
with cols[0]:
    gamma = float(ui.slider_param("gamma", GAMMAS, "2", ui.tr("focal.gamma"),
                                  help=ui.tr("focal.gamma_help")))
with cols[1]:
    alpha_text = ui.slider_param("alpha", ALPHAS, "none", ui.tr("focal.alpha"),
                                 format_func=lambda a: ui.tr("focal.no_alpha") if a == "none"
                                 else a, help=ui.tr("focal.alpha_help"))
alpha = None if alpha_text == "none" else float(alpha_text)

p_t = np.linspace(0.005, 0.995, 199)
ones = np.ones_like(p_t)
loss_curves, grad_curves = [], []
for k, g in enumerate(float(v) for v in GAMMAS):
    label = ui.tr("focal.curve_gamma", gamma=f"{g:g}") + (" ◀" if g == gamma else "")
    color = SERIES_COLORS[k]
    dash = "solid" if g == gamma else "dot"
    loss_curves.append(Curve(label, p_t, focal_loss(ones, p_t, gamma=g, alpha=alpha,
                                                    reduction="none"), color, dash))
    grad = np.abs(focal_loss_grad(ones, np.array([logit(q) for q in p_t]), gamma=g,
                                  alpha=alpha))
    grad_curves.append(Curve(label, p_t, grad, color, dash))
left, right = st.columns(2, gap="large")
with left:
    ui.plot(line_chart(loss_curves, title=ui.tr("focal.loss_title"), xtitle=ui.tr("focal.p_t"),
                       ytitle=ui.tr("focal.loss_axis"), log_y=True, y_range=(1e-6, 10.0)),
            key="focal_loss_curves")
with right:
    ui.plot(line_chart(grad_curves, title=ui.tr("focal.grad_title"), xtitle=ui.tr("focal.p_t"),
                       ytitle=ui.tr("focal.grad_axis"), log_y=True, y_range=(1e-6, 2.0)),
            key="focal_grad_curves")
st.caption(ui.tr("focal.curves_caption"))

st.subheader(ui.tr("focal.share_heading"))
X, y = ui.dataset(*key)
X_test, y_test = ui.test_dataset(*key)
with st.spinner(ui.tr("focal.training")):
    plain = ui.logistic(*key, 1.0, 1.0)
    weighted = ui.logistic(*key, s.w0, s.w1)
    focal = ui.focal_model(*key, gamma, alpha)
p_train = 1.0 / (1.0 + np.exp(-(X @ plain[0] + plain[1])))
shares = focal_loss_shares(y, p_train, gamma=gamma, alpha=alpha, easy=0.9)
groups = {"easy_majority": ui.tr("focal.easy_majority"),
          "hard_majority": ui.tr("focal.hard_majority"), "minority": ui.tr("focal.minority")}
share_table = pd.DataFrame({ui.tr("focal.share_bce"): 100 * shares.loc["bce", list(groups)],
                            ui.tr("focal.share_focal", gamma=f"{gamma:g}"):
                                100 * shares.loc["focal", list(groups)]})
share_table.index = list(groups.values())
left, right = st.columns([3, 2], gap="large")
with left:
    ui.plot(grouped_bars(share_table, title=ui.tr("focal.share_title"), xtitle="",
                         ytitle=ui.tr("focal.share_axis")), key="focal_shares")
with right:
    counts = shares.loc["count"]
    st.markdown(ui.tr("focal.share_text",
                      n0=f"{int(counts['easy_majority'] + counts['hard_majority']):,}",
                      n_easy=f"{int(counts['easy_majority']):,}",
                      easy=f"{100 * shares.loc['bce', 'easy_majority']:.1f}",
                      focal=f"{100 * shares.loc['focal', 'easy_majority']:.2f}"))

st.subheader(ui.tr("focal.boundary_heading"))
x_range, y_range = plot_extent(X, y)
shown = ui.shown_points(*key)
models = {"weighted": (weighted, ui.tr("focal.model_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
                       WEIGHTED_COLOR),
          "focal": (focal, ui.tr("focal.model_focal", gamma=f"{gamma:g}", alpha=alpha_text),
                    SERIES_COLORS[2])}
for column, (name, ((coef, intercept), title, color)) in zip(st.columns(2), models.items(),
                                                             strict=True):
    with column:
        gx, gy, prob = ui.probabilities(tuple(coef), intercept, x_range, y_range)
        lines = [BoundaryLine(coef, intercept, 0.5, ui.tr("boundaries.line_05"), color),
                 BoundaryLine(*plain, 0.5, ui.tr("boundaries.line_unweighted_ref"),
                              UNWEIGHTED_COLOR, "dot")]
        ui.plot(boundary_map(X, y, shown, gx, gy, prob, lines, title=title, tr=ui.tr),
                key=f"focal_boundary_{name}")
ui.subsample_note(y, shown)
ui.metrics_table({title: per_class_report(y_test, predict_labels(*model, X_test), labels=[0, 1])
                  for model, title, _ in models.values()})
st.caption(ui.tr("focal.metrics_caption"))
ui.look_for("focal")
