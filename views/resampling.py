"""Resampling: what random over/under-sampling, SMOTE and ADASYN do to the training set."""

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lib.data import display_subsample, plot_extent
from lib.figures import UNWEIGHTED_COLOR, WEIGHTED_COLOR, BoundaryLine
from lib.figures_strategies import REMOVED_COLOR, SYNTHETIC_COLOR, Marked, strategy_map
from lib.metrics import per_class_report
from lib.strategies import linear_coefficients, resampling_view

METHODS = ("random_over", "random_under", "smote", "adasyn")
NEIGHBOURS = (1, 2, 3, 5, 7, 10, 15)
RATIOS = ("0.1", "0.25", "0.5", "0.75", "1")  # minority / majority after resampling
MAX_MARKED = 3000

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
params = {
    "random_over": (("sampling_strategy", float(rs)),),
    "random_under": (("sampling_strategy", float(rs)),),
    "smote": (("k_neighbors", k), ("sampling_strategy", float(rs))),
    "adasyn": (("n_neighbors", k), ("sampling_strategy", float(rs))),
}

X, y = ui.strategy_data(*key)
_, y_test = ui.strategy_data(*key, test=True)
shown = display_subsample(y, max_points=ui.MAX_DISPLAY_POINTS, random_state=s.seed)
x_range, y_range = plot_extent(X, y)
with st.spinner(ui.tr("resampling.fitting")):
    plain = linear_coefficients(ui.strategy_fit(*key, "none", ()).model)
reference = BoundaryLine(
    *plain, 0.5, ui.tr("boundaries.line_unweighted_ref"), UNWEIGHTED_COLOR, "dot"
)
reports = {
    ui.strategy_label("none"): per_class_report(
        y_test, ui.strategy_outputs(*key, "none", (), x_range, y_range)[1], labels=[0, 1]
    )
}
counts = []
panels = iter(st.columns(2) + st.columns(2))
for name in METHODS:
    with next(panels), ui.guarded(), st.spinner(ui.tr("resampling.fitting")):
        fit = ui.strategy_fit(*key, name, params[name])
        _, pred, grid = ui.strategy_outputs(*key, name, params[name], x_range, y_range)
        view = resampling_view(fit, len(y))
        marked = []
        if len(view.removed):
            drop = view.removed[:: max(1, len(view.removed) // MAX_MARKED)]
            marked.append(
                Marked(
                    X[drop, 0],
                    X[drop, 1],
                    ui.tr("resampling.removed", n=f"{len(view.removed):,}", shown=f"{len(drop):,}"),
                    REMOVED_COLOR,
                    "x-thin-open",
                    5.0,
                    below=True,
                )
            )
        copied = np.flatnonzero(view.copies > 1)
        if len(copied):
            marked.append(
                Marked(
                    X[copied, 0],
                    X[copied, 1],
                    ui.tr("resampling.copies", mean=f"{np.mean(view.copies[copied]):.3g}"),
                    SYNTHETIC_COLOR,
                    "circle-open",
                    6 + 2.5 * np.log2(view.copies[copied]),
                )
            )
        if len(view.synthetic):
            syn = view.synthetic[:: max(1, len(view.synthetic) // MAX_MARKED)]
            marked.append(
                Marked(
                    syn[:, 0],
                    syn[:, 1],
                    ui.tr(
                        "resampling.synthetic", n=f"{len(view.synthetic):,}", shown=f"{len(syn):,}"
                    ),
                    SYNTHETIC_COLOR,
                    "diamond",
                    5.0,
                    opacity=0.6,
                )
            )
        keep = shown[view.copies[shown] > 0]
        line = BoundaryLine(
            *linear_coefficients(fit.model), 0.5, ui.tr("boundaries.line_05"), WEIGHTED_COLOR
        )
        ui.plot(
            strategy_map(
                X,
                y,
                keep,
                grid,
                lines=[line, reference],
                marked=marked,
                title=ui.strategy_label(name),
                tr=ui.tr,
            ),
            key=f"resampling_{name}",
        )
        reports[ui.strategy_label(name)] = per_class_report(y_test, pred, labels=[0, 1])
        counts.append(
            {
                ui.tr("resampling.method"): ui.strategy_label(name),
                **{ui.tr("resampling.before", cls=c): fit.counts_before[c] for c in (0, 1)},
                **{ui.tr("resampling.after", cls=c): fit.counts_after[c] for c in (0, 1)},
                ui.tr("resampling.n_synthetic"): fit.n_synthetic,
            }
        )
ui.subsample_note(y, shown)
ui.rows_note(s.n)
st.subheader(ui.tr("resampling.counts_heading"))
st.dataframe(pd.DataFrame(counts), hide_index=True, width="stretch")
st.subheader(ui.tr("resampling.metrics_heading"))
ui.metrics_table(reports)
st.caption(ui.tr("resampling.metrics_caption", n=f"{len(y_test):,}"))
ui.look_for("resampling")
