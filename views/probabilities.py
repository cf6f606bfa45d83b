"""What resampling (and weighting) does to predicted probabilities, and how to undo it."""

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lib.calibration import (
    brier_score,
    expected_calibration_error,
    probability_histogram,
    reliability_curve,
    weight_correction,
)
from lib.data import plot_extent
from lib.figures import SERIES_COLORS, UNWEIGHTED_COLOR, grouped_bars
from lib.figures_strategies import probability_panels, reliability_chart
from lib.metrics import prior_correction

MODELS = ("none", "class_weight", "random_under", "smote")

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("proba")
st.latex(r"\text{undersampling: } p = \frac{\beta p_s}{\beta p_s - p_s + 1}\qquad"
         r"\text{weights: } p = \frac{w_0 p_w}{w_0 p_w + w_1 (1 - p_w)}")
st.caption(ui.tr("proba.formula_caption"))

X, y = ui.strategy_data(*key)
_, y_test = ui.strategy_data(*key, test=True)
x_range, y_range = plot_extent(X, y)
raw, corrected, notes = {}, {}, {}
with st.spinner(ui.tr("proba.fitting")):
    for name in MODELS:
        with ui.guarded():
            fit = ui.strategy_fit(*key, name, ())
            p = ui.strategy_outputs(*key, name, (), x_range, y_range)[0]
            label = ui.strategy_label(name)
            if name == "class_weight":
                w = fit.model.class_weight_
                corrected[label] = weight_correction(p, w[0], w[1])
                notes[label] = ui.tr("proba.note_weights", w0=f"{w[0]:.3g}", w1=f"{w[1]:.3g}")
            elif name == "random_under":
                beta = fit.counts_after[0] / fit.counts_before[0]
                corrected[label] = prior_correction(p, beta)
                notes[label] = ui.tr("proba.note_under", beta=f"{beta:.3g}")
            elif name == "smote":
                factor = fit.counts_after[1] / fit.counts_before[1]
                corrected[label] = weight_correction(p, 1.0, factor)
                notes[label] = ui.tr("proba.note_smote", factor=f"{factor:.3g}")
            else:
                corrected[label] = p
                notes[label] = ui.tr("proba.note_none")
            raw[label] = p
true_rate = float(np.mean(y_test))
marks = {label: [(float(np.mean(p)), SERIES_COLORS[k], "dash"),
                 (true_rate, UNWEIGHTED_COLOR, "dot")] for k, (label, p) in enumerate(raw.items())}
ui.plot(probability_panels({k: probability_histogram(y_test, p) for k, p in raw.items()},
                           marks=marks, title=ui.tr("proba.hist_title"),
                           xtitle=ui.tr("proba.p_axis"), ytitle=ui.tr("proba.share_axis"),
                           tr=ui.tr), key="proba_hist")
st.caption(ui.tr("proba.hist_caption"))

left, right = st.columns(2, gap="large")
for column, probs, title, chart_key in ((left, raw, "proba.rel_raw", "proba_rel_raw"),
                                        (right, corrected, "proba.rel_corrected",
                                         "proba_rel_corrected")):
    with column:
        curves = {k: reliability_curve(y_test, p, n_bins=10, strategy="quantile")
                  for k, p in probs.items()}
        ui.plot(reliability_chart(curves, title=ui.tr(title), xtitle=ui.tr("proba.rel_x"),
                                  ytitle=ui.tr("proba.rel_y"), diagonal=ui.tr("proba.diagonal")),
                key=chart_key)
st.caption(ui.tr("proba.rel_caption"))

st.subheader(ui.tr("proba.rate_heading"))
table = pd.DataFrame({
    ui.tr("proba.col.mean_raw"): [np.mean(p) for p in raw.values()],
    ui.tr("proba.col.mean_corrected"): [np.mean(p) for p in corrected.values()],
    ui.tr("proba.col.predicted"): [np.mean(p >= 0.5) for p in raw.values()],
    ui.tr("proba.col.true"): true_rate,
}, index=list(raw))
left, right = st.columns([3, 2], gap="large")
with left:
    ui.plot(grouped_bars(table, title=ui.tr("proba.rate_title"), xtitle="",
                         ytitle=ui.tr("proba.rate_axis"), log_y=True), key="proba_rates")
with right:
    st.markdown(ui.tr("proba.rate_text", true=f"{100 * true_rate:.3g}", n=f"{len(y_test):,}"))
quality = pd.DataFrame({
    ui.tr("proba.col.brier_raw"): [brier_score(y_test, p) for p in raw.values()],
    ui.tr("proba.col.brier_corrected"): [brier_score(y_test, p) for p in corrected.values()],
    ui.tr("proba.col.ece_raw"): [expected_calibration_error(y_test, p) for p in raw.values()],
    ui.tr("proba.col.ece_corrected"): [expected_calibration_error(y_test, p)
                                       for p in corrected.values()],
    ui.tr("proba.col.correction"): list(notes.values()),
}, index=list(raw))
st.dataframe(quality.style.format("{:.4f}", subset=list(quality.columns[:4])), width="stretch")
ui.rows_note(s.n)
ui.look_for("proba")
