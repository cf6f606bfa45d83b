"""Focal loss: down-weighting the easy examples."""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.figures import SERIES_COLORS, UNWEIGHTED_COLOR, WEIGHTED_COLOR, BoundaryLine, boundary_map
from lib.figures_focal import focal_curve_charts, focal_share_bars
from lib.losses import focal_curves, focal_loss_shares
from lib.metrics import per_class_report
from lib.models import predict_labels, predict_proba_linear
from lib.settings import GAMMA_CHOICES as GAMMAS

ALPHAS = ("none", "0.1", "0.25", "0.5", "0.75", "0.9")

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("focal")
st.latex(
    r"FL(p_t) = -\,\alpha_t\,(1 - p_t)^{\gamma}\,\log p_t,\qquad "
    r"p_t = \begin{cases} p & y = 1\\ 1 - p & y = 0\end{cases},\quad"
    r"\alpha_t = \begin{cases} \alpha & y = 1\\ 1 - \alpha & y = 0\end{cases}"
)
cols = st.columns(2)
with cols[0]:
    gamma = float(
        ui.slider_param("gamma", GAMMAS, "2", ui.tr("focal.gamma"), help=ui.tr("focal.gamma_help"))
    )
with cols[1]:
    alpha_text = ui.slider_param(
        "alpha",
        ALPHAS,
        "none",
        ui.tr("focal.alpha"),
        format_func=lambda a: ui.tr("focal.no_alpha") if a == "none" else a,
        help=ui.tr("focal.alpha_help"),
    )
alpha = None if alpha_text == "none" else float(alpha_text)

loss_chart, grad_chart = focal_curve_charts(
    focal_curves(GAMMAS, alpha=alpha), selected=gamma, tr=ui.tr
)
left, right = st.columns(2, gap="large")
with left:
    ui.plot(loss_chart, key="focal_loss_curves")
with right:
    ui.plot(grad_chart, key="focal_grad_curves")
st.caption(ui.tr("focal.curves_caption"))

st.subheader(ui.tr("focal.share_heading"))
X, y = ui.dataset(*key)
X_test, y_test = ui.test_dataset(*key)
with st.spinner(ui.tr("focal.training")):
    plain = ui.logistic(*key, 1.0, 1.0)
    weighted = ui.logistic(*key, s.w0, s.w1)
    focal = ui.focal_model(*key, gamma, alpha)
shares = focal_loss_shares(y, predict_proba_linear(*plain, X), gamma=gamma, alpha=alpha)
left, right = st.columns([3, 2], gap="large")
with left:
    ui.plot(focal_share_bars(shares, gamma=gamma, tr=ui.tr), key="focal_shares")
with right:
    st.markdown(
        ui.tr(
            "focal.share_text",
            n0=f"{int(shares.loc['count', 'majority']):,}",
            n_easy=f"{int(shares.loc['count', 'easy_majority']):,}",
            easy=f"{100 * shares.loc['bce', 'easy_majority']:.1f}",
            focal=f"{100 * shares.loc['focal', 'easy_majority']:.2f}",
        )
    )

st.subheader(ui.tr("focal.boundary_heading"))
x_range, y_range = plot_extent(X, y)
shown = ui.shown_points(*key)
models = {
    "weighted": (
        weighted,
        ui.tr("focal.model_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
        WEIGHTED_COLOR,
    ),
    "focal": (
        focal,
        ui.tr("focal.model_focal", gamma=f"{gamma:g}", alpha=alpha_text),
        SERIES_COLORS[2],
    ),
}
for column, (name, ((coef, intercept), title, color)) in zip(
    st.columns(2), models.items(), strict=True
):
    with column:
        gx, gy, prob = ui.probabilities(tuple(coef), intercept, x_range, y_range)
        lines = [
            BoundaryLine(coef, intercept, 0.5, ui.tr("boundaries.line_05"), color),
            BoundaryLine(
                *plain, 0.5, ui.tr("boundaries.line_unweighted_ref"), UNWEIGHTED_COLOR, "dot"
            ),
        ]
        ui.plot(
            boundary_map(X, y, shown, gx, gy, prob, lines, title=title, tr=ui.tr),
            key=f"focal_boundary_{name}",
        )
ui.subsample_note(y, shown)
ui.metrics_table(
    {
        title: per_class_report(y_test, predict_labels(*model, X_test), labels=[0, 1])
        for model, title, _ in models.values()
    }
)
st.caption(ui.tr("focal.metrics_caption"))
ui.look_for("focal")
