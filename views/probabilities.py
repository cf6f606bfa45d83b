"""What resampling (and weighting) does to predicted probabilities, and how to undo it."""

import streamlit as st

import ui
from lib.calibration import probability_histogram, reliability_curve
from lib.data import plot_extent
from lib.figures import SERIES_COLORS, UNWEIGHTED_COLOR, grouped_bars
from lib.figures_strategies import probability_panels, reliability_chart
from lib.figures_thresholds import repair_figure
from lib.repair import REPAIRED, odds_correction, probability_report

MODELS = ("none", "class_weight", "random_under", "smote")

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("proba")
st.latex(
    r"\text{undersampling: } p = \frac{\beta p_s}{\beta p_s - p_s + 1}\qquad"
    r"\text{weights: } p = \frac{w_0 p_w}{w_0 p_w + w_1 (1 - p_w)}"
)
st.caption(ui.tr("proba.formula_caption"))

X, y = ui.strategy_data(*key)
_, y_test = ui.strategy_data(*key, test=True)
x_range, y_range = plot_extent(X, y)
raw, corrected, notes = {}, {}, {}
with st.spinner(ui.tr("proba.fitting")):
    for name in MODELS:
        with ui.guarded():
            fit = ui.strategy_fit(*key, name, ())
            label = ui.strategy_label(name)
            raw[label] = ui.strategy_outputs(*key, name, (), x_range, y_range)[0]
            corrected[label], kind, values = odds_correction(fit, raw[label])
            notes[label] = ui.tr(f"proba.note_{kind}", **{k: f"{v:.3g}" for k, v in values.items()})
report = probability_report(y_test, raw, corrected)
marks = {
    label: [
        (report.rates.loc[label, "mean_raw"], SERIES_COLORS[k], "dash"),
        (report.true_rate, UNWEIGHTED_COLOR, "dot"),
    ]
    for k, label in enumerate(raw)
}
ui.plot(
    probability_panels(
        {k: probability_histogram(y_test, p) for k, p in raw.items()},
        marks=marks,
        title=ui.tr("proba.hist_title"),
        xtitle=ui.tr("proba.p_axis"),
        ytitle=ui.tr("proba.share_axis"),
        tr=ui.tr,
    ),
    key="proba_hist",
)
st.caption(ui.tr("proba.hist_caption"))

left, right = st.columns(2, gap="large")
for column, probs, title, chart_key in (
    (left, raw, "proba.rel_raw", "proba_rel_raw"),
    (right, corrected, "proba.rel_corrected", "proba_rel_corrected"),
):
    with column:
        curves = {
            k: reliability_curve(y_test, p, n_bins=10, strategy="quantile")
            for k, p in probs.items()
        }
        ui.plot(
            reliability_chart(
                curves,
                title=ui.tr(title),
                xtitle=ui.tr("proba.rel_x"),
                ytitle=ui.tr("proba.rel_y"),
                diagonal=ui.tr("proba.diagonal"),
            ),
            key=chart_key,
        )
st.caption(ui.tr("proba.rel_caption"))

st.subheader(ui.tr("proba.rate_heading"))
left, right = st.columns([3, 2], gap="large")
with left:
    ui.plot(
        grouped_bars(
            report.rates.rename(columns=lambda c: ui.tr(f"proba.col.{c}")),
            title=ui.tr("proba.rate_title"),
            xtitle="",
            ytitle=ui.tr("proba.rate_axis"),
            log_y=True,
        ),
        key="proba_rates",
    )
with right:
    st.markdown(
        ui.tr("proba.rate_text", true=f"{100 * report.true_rate:.3g}", n=f"{len(y_test):,}")
    )
quality = report.quality.rename(columns=lambda c: ui.tr(f"proba.col.{c}"))
quality[ui.tr("proba.col.correction")] = [notes[k] for k in quality.index]
st.dataframe(quality.style.format("{:.4f}", subset=list(quality.columns[:4])), width="stretch")

st.subheader(ui.tr("proba.repair_heading"))
with st.spinner(ui.tr("proba.repairing")), ui.guarded():
    rep = ui.repair(*key)
    st.markdown(
        ui.tr(
            "proba.repair_intro",
            n=f"{rep.n_fit + rep.n_cal:,}",
            n_cal=f"{rep.n_cal:,}",
            n1=f"{rep.n1_cal:,}",
            n_fit=f"{rep.n_fit:,}",
        )
    )
    left, right = st.columns(2, gap="large")
    with left:
        pick = ui.radio_param(
            "fix",
            REPAIRED,
            "class_weight",
            ui.tr("proba.repair_model"),
            format_func=ui.strategy_label,
        )
        ui.plot(repair_figure(rep, pick, tr=ui.tr), key="proba_repair")
    names = {
        **{n: ui.strategy_label(n) for n in REPAIRED},
        **{v: ui.tr(f"proba.version.{v}") for v in ("raw", "odds", "sigmoid", "isotonic")},
    }
    right.dataframe(
        rep.scores.rename(index=names, columns=lambda c: ui.tr(f"proba.col.{c}"))
        .rename_axis([ui.tr("proba.col.remedy"), ui.tr("proba.col.version")])
        .style.format("{:.3g}"),
        width="stretch",
        height=460,
    )
    st.markdown(ui.tr("proba.repair_text", shape=ui.tr(f"shape.{s.shape}")))
ui.rows_note(s.n)
ui.look_for("proba")
