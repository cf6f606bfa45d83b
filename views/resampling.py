"""Resampling: what random over/under-sampling, SMOTE and ADASYN do to the training set."""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.studies import resampling as study
from lib.viz import UNWEIGHTED_COLOR, WEIGHTED_COLOR, BoundaryLine, strategy_map

NEIGHBOURS = (1, 2, 3, 5, 7, 10, 15)
RATIOS = ("0.1", "0.25", "0.5", "0.75", "1")  # minority / majority after resampling

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("resampling")
st.latex(
    r"\text{SMOTE: } x_{new} = x_i + \lambda\,(x_{nn} - x_i),\ \lambda \sim U(0, 1);"
    r"\qquad \text{ADASYN: } g_i \propto \Delta_i / k"
)
cols = st.columns(2)
with cols[0]:
    k = ui.slider_param("k", NEIGHBOURS, 5, ui.tr("resampling.k"), help=ui.tr("resampling.k_help"))
with cols[1]:
    rs = ui.slider_param(
        "rs",
        RATIOS,
        "1",
        ui.tr("resampling.ratio"),
        format_func=lambda r: f"1:{1 / float(r):g}",
        help=ui.tr("resampling.ratio_help"),
    )

X, y = ui.strategy_data(*key)
_, y_test = ui.strategy_data(*key, test=True)
shown = ui.shown_points(*key, capped=True)
x_range, y_range = plot_extent(X, y)
with st.spinner(ui.tr("resampling.fitting")):
    plain_fit = ui.strategy_fit(*key, "none", ())
_, plain_pred, _ = ui.strategy_outputs(*key, "none", (), x_range, y_range)
plain = study.resampled_panel(plain_fit, X, shown, y_test, plain_pred)
reference = BoundaryLine.of(
    plain.model,
    threshold=0.5,
    label=ui.tr("boundaries.line_unweighted_ref"),
    color=UNWEIGHTED_COLOR,
    dash="dot",
)
reports = {ui.strategy_label("none"): plain.report}
panels = {}
columns = iter(st.columns(2) + st.columns(2))
for name in study.METHODS:
    params = study.resampler_params(name, k=k, ratio=float(rs))
    with next(columns), ui.guarded(), st.spinner(ui.tr("resampling.fitting")):
        fit = ui.strategy_fit(*key, name, params)
        _, pred, grid = ui.strategy_outputs(*key, name, params, x_range, y_range)
        panel = study.resampled_panel(fit, X, shown, y_test, pred)
        label = ui.tr("boundaries.line_05")
        line = BoundaryLine.of(panel.model, threshold=0.5, label=label, color=WEIGHTED_COLOR)
        ui.plot(
            strategy_map(
                X,
                y,
                panel.kept,
                grid,
                lines=[line, reference],
                marked=study.resampled_marks(panel, tr=ui.tr),
                title=ui.strategy_label(name),
                tr=ui.tr,
            ),
            key=f"resampling_{name}",
        )
        panels[ui.strategy_label(name)] = panel
        reports[ui.strategy_label(name)] = panel.report
ui.subsample_note(y, shown)
ui.rows_note(s.n)
ui.section(ui.tr("resampling.counts_heading"))
st.dataframe(study.counts_table(panels, tr=ui.tr), hide_index=True, width="stretch")
ui.section(ui.tr("resampling.metrics_heading"))
ui.metrics_table(reports)
st.caption(ui.tr("resampling.metrics_caption", n=f"{len(y_test):,}"))
ui.look_for("resampling")
