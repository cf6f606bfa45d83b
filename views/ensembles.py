"""Ensembles from imbalanced-learn against a single weighted model."""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.studies.ensembles import ensemble_panel, ensemble_params, scores_table
from lib.studies.summary import summarize_data
from lib.viz import WEIGHTED_COLOR, BoundaryLine, strategy_map

TREES = (5, 10, 25, 50, 100)

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("ensembles")
trees = ui.slider_param(
    "trees", TREES, 10, ui.tr("ensembles.trees"), help=ui.tr("ensembles.trees_help")
)
X, y = ui.strategy_data(*key)
X_test, y_test = ui.strategy_data(*key, test=True)
shown = ui.shown_points(*key, capped=True)
x_range, y_range = plot_extent(X, y)
models = ensemble_params(trees)
panels = {}
columns = iter(st.columns(3) + st.columns(3))
weighted = None
progress = st.progress(0.0, text=ui.tr("ensembles.fitting"))
for step, (name, params) in enumerate(models.items(), start=1):
    with next(columns), ui.guarded():
        fit = ui.strategy_fit(*key, name, params)
        panel = ensemble_panel(
            fit, y_test, *ui.strategy_outputs(*key, name, params, x_range, y_range)
        )
        if panel.model is not None:
            weighted = BoundaryLine.of(
                panel.model,
                threshold=0.5,
                label=ui.tr("ensembles.weighted_ref"),
                color=WEIGHTED_COLOR,
                dash="dot",
            )
        ui.plot(
            strategy_map(
                X,
                y,
                shown,
                panel.grid,
                lines=[weighted] if weighted else [],
                boundary=panel.boundary,
                boundary_label=ui.tr("ensembles.boundary"),
                title=ui.strategy_label(name),
                tr=ui.tr,
            ),
            key=f"ensemble_{name}",
        )
        panels[ui.strategy_label(name)] = panel
    progress.progress(step / len(models), text=ui.tr("ensembles.fitting"))
progress.empty()
with next(columns):
    st.markdown(ui.tr("ensembles.side_text", n=trees))
ui.subsample_note(y, shown)
ui.rows_note(s.n)
ui.section(ui.tr("ensembles.metrics_heading"))
ui.metrics_table({label: panel.report for label, panel in panels.items()})
st.dataframe(
    scores_table(panels, tr=ui.tr).style.format(
        {ui.tr("arena.col.pr_auc"): "{:.3f}", ui.tr("ensembles.col.fit"): "{:.2f}"}
    ),
    hide_index=True,
    width="stretch",
)
test = summarize_data(X_test, y_test)
st.caption(ui.tr("ensembles.metrics_caption", n=f"{test.rows:,}", n1=f"{test.minority:,}"))
ui.look_for("ensembles")
