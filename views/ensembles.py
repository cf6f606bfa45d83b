"""Ensembles from imbalanced-learn against a single weighted model."""

import numpy as np
import pandas as pd
import streamlit as st
from sklearn.metrics import average_precision_score

import ui
from lib.data import display_subsample, plot_extent
from lib.figures import WEIGHTED_COLOR, BoundaryLine
from lib.figures_strategies import strategy_map
from lib.metrics import per_class_report
from lib.models import boundary_cells
from lib.strategies import linear_coefficients

ENSEMBLES = ("easy_ensemble", "balanced_bagging", "balanced_random_forest", "rusboost")
TREES = (5, 10, 25, 50, 100)

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("ensembles")
trees = ui.slider_param(
    "trees", TREES, 10, ui.tr("ensembles.trees"), help=ui.tr("ensembles.trees_help")
)
X, y = ui.strategy_data(*key)
_, y_test = ui.strategy_data(*key, test=True)
shown = display_subsample(y, max_points=ui.MAX_DISPLAY_POINTS, random_state=s.seed)
x_range, y_range = plot_extent(X, y)
models = {"class_weight": (), **{name: (("n_estimators", trees),) for name in ENSEMBLES}}
reports, scores = {}, []
panels = iter(st.columns(3) + st.columns(3))
weighted = None
progress = st.progress(0.0, text=ui.tr("ensembles.fitting"))
for step, (name, params) in enumerate(models.items(), start=1):
    with next(panels), ui.guarded():
        fit = ui.strategy_fit(*key, name, params)
        p_test, pred, grid = ui.strategy_outputs(*key, name, params, x_range, y_range)
        if name == "class_weight":
            weighted = BoundaryLine(
                *linear_coefficients(fit.model),
                0.5,
                ui.tr("ensembles.weighted_ref"),
                WEIGHTED_COLOR,
                "dot",
            )
        ui.plot(
            strategy_map(
                X,
                y,
                shown,
                grid,
                lines=[weighted] if weighted else [],
                boundary=boundary_cells(*grid),
                boundary_label=ui.tr("ensembles.boundary"),
                title=ui.strategy_label(name),
                tr=ui.tr,
            ),
            key=f"ensemble_{name}",
        )
        label = ui.strategy_label(name)
        reports[label] = per_class_report(y_test, pred, labels=[0, 1])
        scores.append(
            {
                ui.tr("ensembles.col.model"): label,
                ui.tr("arena.col.pr_auc"): average_precision_score(y_test, p_test),
                ui.tr("ensembles.col.members"): len(getattr(fit.model, "estimators_", [0])),
                ui.tr("ensembles.col.fit"): fit.fit_seconds,
            }
        )
    progress.progress(step / len(models), text=ui.tr("ensembles.fitting"))
progress.empty()
with next(panels):
    st.markdown(ui.tr("ensembles.side_text", n=trees))
ui.subsample_note(y, shown)
ui.rows_note(s.n)
st.subheader(ui.tr("ensembles.metrics_heading"))
ui.metrics_table(reports)
st.dataframe(
    pd.DataFrame(scores).style.format(
        {ui.tr("arena.col.pr_auc"): "{:.3f}", ui.tr("ensembles.col.fit"): "{:.2f}"}
    ),
    hide_index=True,
    width="stretch",
)
st.caption(
    ui.tr("ensembles.metrics_caption", n=f"{len(y_test):,}", n1=f"{int(np.sum(y_test == 1)):,}")
)
ui.look_for("ensembles")
