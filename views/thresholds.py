"""Threshold moving and misclassification costs."""

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lib.figures import THRESHOLD_COLOR, UNWEIGHTED_COLOR, WEIGHTED_COLOR, Curve, line_chart
from lib.figures_strategies import Point, add_points
from lib.losses import sigmoid
from lib.metrics import weighted_threshold
from lib.models import compare_weighting_and_threshold
from lib.thresholds import (
    bayes_threshold,
    confusion_at,
    expected_cost,
    optimal_threshold,
    threshold_curves,
)

THRESHOLDS = ("0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.3", "0.4",
              "0.5", "0.6", "0.7", "0.8", "0.9")
COST_MAX = 1e6

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("thresholds")
cols = st.columns(3)
with cols[0]:
    t = float(ui.slider_param("t", THRESHOLDS, "0.5", ui.tr("thresholds.t"),
                              help=ui.tr("thresholds.t_help")))
with cols[1]:
    cost_fn = ui.number_param("cfn", 100.0, 0.001, COST_MAX, ui.tr("thresholds.cost_fn"),
                              help=ui.tr("thresholds.cost_help"))
with cols[2]:
    cost_fp = ui.number_param("cfp", 1.0, 0.001, COST_MAX, ui.tr("thresholds.cost_fp"),
                              help=ui.tr("thresholds.cost_help"))

X, y = ui.dataset(*key)
X_test, y_test = ui.test_dataset(*key)
with st.spinner(ui.tr("boundaries.fitting")):
    plain = ui.logistic(*key, 1.0, 1.0)
    weighted = ui.logistic(*key, s.w0, s.w1)
p_test = sigmoid(X_test @ plain[0] + plain[1])
p_weighted = sigmoid(X_test @ weighted[0] + weighted[1])
tw = weighted_threshold(s.w0, s.w1)
with ui.guarded():
    curves = threshold_curves(y_test, p_test)
    ops = {"current": confusion_at(y_test, p_test, t),
           "implied": confusion_at(y_test, p_test, min(max(tw, 1e-12), 1 - 1e-12)),
           "weighted": confusion_at(y_test, p_weighted, 0.5)}
    points = {"pr": [], "roc": []}
    for name, color, symbol in (("current", THRESHOLD_COLOR, "circle"),
                                ("implied", UNWEIGHTED_COLOR, "square"),
                                ("weighted", WEIGHTED_COLOR, "diamond")):
        label = ui.tr(f"thresholds.point.{name}", t=f"{t:g}", tw=f"{tw:.4g}")
        points["pr"].append(Point(ops[name]["recall"], ops[name]["precision"], label, color,
                                  symbol))
        points["roc"].append(Point(ops[name]["fpr"], ops[name]["tpr"], label, color, symbol))
    left, right = st.columns(2, gap="large")
    with left:
        fig = line_chart([Curve(ui.tr("thresholds.pr_curve", ap=f"{curves.average_precision:.3f}"),
                                curves.recall, curves.precision, UNWEIGHTED_COLOR),
                          Curve(ui.tr("thresholds.chance", rate=f"{curves.prevalence:.3g}"),
                                np.array([0.0, 1.0]), np.full(2, curves.prevalence),
                                "#999999", "dot")],
                         title=ui.tr("thresholds.pr_title"), xtitle=ui.tr("metrics.recall"),
                         ytitle=ui.tr("metrics.precision"), y_range=(0.0, 1.02))
        ui.plot(add_points(fig, points["pr"]), key="thresholds_pr")
    with right:
        fig = line_chart([Curve(ui.tr("thresholds.roc_curve", auc=f"{curves.roc_auc:.3f}"),
                                curves.fpr, curves.tpr, UNWEIGHTED_COLOR),
                          Curve(ui.tr("thresholds.diagonal"), np.array([0.0, 1.0]),
                                np.array([0.0, 1.0]), "#999999", "dot")],
                         title=ui.tr("thresholds.roc_title"), xtitle=ui.tr("thresholds.fpr"),
                         ytitle=ui.tr("thresholds.tpr"), y_range=(0.0, 1.02))
        ui.plot(add_points(fig, points["roc"]), key="thresholds_roc")
    st.caption(ui.tr("thresholds.curves_caption", n=f"{len(y_test):,}",
                     n1=f"{int(y_test.sum()):,}"))

    st.subheader(ui.tr("thresholds.same_heading"))
    same = pd.DataFrame({ui.tr(f"thresholds.point.{k}", t=f"{t:g}", tw=f"{tw:.4g}"): v
                         for k, v in ops.items()}).T[["precision", "recall", "tp", "fp", "fn"]]
    same = same.astype(np.float64)
    # Nothing predicted positive: precision is undefined (the curve's end point is 1).
    same.loc[same["tp"] + same["fp"] == 0, "precision"] = np.nan
    same.columns = [ui.tr(f"thresholds.col.{c}") for c in same.columns]
    gap = compare_weighting_and_threshold(*plain, *weighted, X_test, w0=s.w0, w1=s.w1)
    left, right = st.columns([3, 2], gap="large")
    left.dataframe(same.style.format("{:.3f}", subset=list(same.columns[:2]), na_rep="—")
                   .format("{:,.0f}", subset=list(same.columns[2:])), width="stretch")
    right.metric(ui.tr("thresholds.agree"), f"{100 * gap.agreement:.2f} %",
                 help=ui.tr("thresholds.agree_help"))
    right.metric(ui.tr("thresholds.jaccard"), f"{gap.jaccard:.3f}",
                 help=ui.tr("thresholds.jaccard_help"))
    st.markdown(ui.tr("thresholds.same_text", tw=f"{tw:.4g}",
                      agree=f"{100 * gap.agreement:.1f} %", jaccard=f"{gap.jaccard:.3f}",
                      slope=f"{100 * gap.slope_change:+.1f} %", angle=f"{gap.angle:.1f}"))

    st.subheader(ui.tr("thresholds.cost_heading"))
    st.latex(r"C(t) = \frac{c_{FP}\,FP(t) + c_{FN}\,FN(t)}{n},\qquad "
             r"t^{*} = \frac{c_{FP}}{c_{FP} + c_{FN}}")
    bayes = bayes_threshold(cost_fp, cost_fn)
    p_train = sigmoid(X @ plain[0] + plain[1])
    best_t, _ = optimal_threshold(y, p_train, cost_fp=cost_fp, cost_fn=cost_fn)
    costs = expected_cost(y_test, p_test, cost_fp=cost_fp, cost_fn=cost_fn)
    # inf: never predicting class 1 was cheapest on the training data.
    at = {name: float(expected_cost(y_test, p_test, cost_fp=cost_fp, cost_fn=cost_fn,
                                    thresholds=[v])["cost"].iloc[0]) if v <= 1.0
          else cost_fn * float(np.mean(y_test))
          for name, v in (("bayes", bayes), ("best", best_t), ("half", 0.5), ("current", t))}
    best_text = f"{best_t:.4g}" if best_t <= 1.0 else ui.tr("thresholds.never")
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(line_chart([Curve(ui.tr("thresholds.cost_curve"), costs["threshold"].to_numpy(),
                                  costs["cost"].to_numpy(), UNWEIGHTED_COLOR)],
                           title=ui.tr("thresholds.cost_title"), xtitle=ui.tr("thresholds.t"),
                           ytitle=ui.tr("thresholds.cost_axis"), log_x=True,
                           marks=[(bayes, THRESHOLD_COLOR), (min(best_t, 1.0), WEIGHTED_COLOR),
                                  (t, "#777777")]), key="thresholds_cost")
    with right:
        ui.metric_row(("thresholds.bayes", f"{bayes:.4g}"), ("thresholds.best", best_text))
        ui.metric_row(("thresholds.cost_bayes", f"{at['bayes']:.4g}"),
                      ("thresholds.cost_best", f"{at['best']:.4g}"))
        ui.metric_row(("thresholds.cost_half", f"{at['half']:.4g}"),
                      ("thresholds.cost_current", f"{at['current']:.4g}"))
    st.caption(ui.tr("thresholds.cost_caption"))
ui.look_for("thresholds")
