"""Threshold moving and misclassification costs."""

import streamlit as st

import ui
from lib.figures_thresholds import cost_figure, curve_figures

THRESHOLDS = (
    "0.001",
    "0.002",
    "0.005",
    "0.01",
    "0.02",
    "0.05",
    "0.1",
    "0.2",
    "0.3",
    "0.4",
    "0.5",
    "0.6",
    "0.7",
    "0.8",
    "0.9",
)
GAP_ROWS = (
    "agreement",
    "jaccard",
    "slope_change",
    "angle",
    "precision_weighted",
    "recall_weighted",
    "precision_moved",
    "recall_moved",
)

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("thresholds")
cols = st.columns(3)
with cols[0]:
    t = float(
        ui.slider_param(
            "t", THRESHOLDS, "0.5", ui.tr("thresholds.t"), help=ui.tr("thresholds.t_help")
        )
    )
cost_fn, cost_fp = ui.cost_params(cols[1], cols[2])

with st.spinner(ui.tr("thresholds.tuning")), ui.guarded():
    r = ui.threshold_page(*key, s.w0, s.w1, t, cost_fp, cost_fn)
    pr, roc = curve_figures(r, tr=ui.tr)
    left, right = st.columns(2, gap="large")
    with left:
        ui.plot(pr, key="thresholds_pr")
    with right:
        ui.plot(roc, key="thresholds_roc")
    st.caption(ui.tr("thresholds.curves_caption", n=f"{r.n_test:,}", n1=f"{r.n1_test:,}"))

    st.subheader(ui.tr("thresholds.same_heading"))
    same = r.operating[["precision", "recall", "tp", "fp", "fn"]].rename(
        index=lambda k: ui.tr(f"thresholds.point.{k}", t=f"{t:g}", tw=f"{r.implied:.4g}"),
        columns=lambda c: ui.tr(f"thresholds.col.{c}"),
    )
    gap = ui.weighting_gap(*key, s.w0, s.w1)
    left, right = st.columns([3, 2], gap="large")
    left.dataframe(
        same.style.format("{:.3f}", subset=list(same.columns[:2]), na_rep="—").format(
            "{:,.0f}", subset=list(same.columns[2:])
        ),
        width="stretch",
    )
    right.metric(
        ui.tr("thresholds.agree"),
        f"{100 * gap['agreement']:.2f} %",
        help=ui.tr("thresholds.agree_help"),
    )
    right.metric(
        ui.tr("thresholds.jaccard"), f"{gap['jaccard']:.3f}", help=ui.tr("thresholds.jaccard_help")
    )
    st.markdown(
        ui.tr(
            "thresholds.same_text",
            tw=f"{r.implied:.4g}",
            agree=f"{100 * gap['agreement']:.1f} %",
            jaccard=f"{gap['jaccard']:.3f}",
            slope=f"{100 * gap['slope_change']:+.1f} %",
            angle=f"{gap['angle']:.1f}",
        )
    )
    if s.shape != "gaussian":
        side = {
            ui.tr(f"shape.{s.shape}"): gap,
            ui.tr("shape.gaussian"): ui.weighting_gap(*key[:4], "gaussian", s.w0, s.w1),
        }
        left, right = st.columns([3, 2], gap="large")
        left.dataframe(
            {
                name: {ui.tr(f"thresholds.gap.{k}"): f"{row[k]:.3f}" for k in GAP_ROWS}
                for name, row in side.items()
            },
            width="stretch",
        )
        right.markdown(ui.tr("thresholds.shape_text", shape=ui.tr(f"shape.{s.shape}")))

    st.subheader(ui.tr("thresholds.cost_heading"))
    st.latex(
        r"C(t) = \frac{c_{FP}\,FP(t) + c_{FN}\,FN(t)}{n},\qquad "
        r"t^{*} = \frac{c_{FP}}{c_{FP} + c_{FN}}"
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(cost_figure(r, tr=ui.tr), key="thresholds_cost")
    fmt = {k: "—" if v != v else f"{v:.4g}" for k, v in r.thresholds.items()}
    cost = {k: "—" if v != v else f"{v:.4g}" for k, v in r.test_costs.items()}
    with right:
        ui.metric_row(("thresholds.bayes", fmt["bayes"]), ("thresholds.tuned", fmt["tuned"]))
        ui.metric_row(
            ("thresholds.cost_bayes", cost["bayes"]), ("thresholds.cost_tuned", cost["tuned"])
        )
        ui.metric_row(
            ("thresholds.cv_cost", "—" if r.cv_cost != r.cv_cost else f"{r.cv_cost:.4g}"),
            ("thresholds.cost_half", cost["half"]),
        )
        ui.metric_row(("thresholds.cost_current", cost["current"]))
    if r.thresholds["tuned"] != r.thresholds["tuned"]:
        st.info(ui.tr("thresholds.untuned"))
    st.caption(ui.tr("thresholds.cost_caption"))
    st.markdown(ui.tr("thresholds.which_text"))
ui.look_for("thresholds")
