"""Strategy arena: every remedy, cross-validated the same way on the same data."""

import streamlit as st

import ui
from lib.io import REAL_DATASETS, load_real
from lib.studies.summary import summarize_data

SOURCES = ("synthetic", *REAL_DATASETS)

s = ui.current_settings()
ui.page_header("arena")
source = ui.radio_param(
    "src",
    SOURCES,
    "synthetic",
    ui.tr("arena.source"),
    format_func=lambda k: ui.tr(f"arena.source.{k}"),
)
if source == "synthetic":
    X, y = ui.dataset(*ui.data_key(s))
    data_id = f"synthetic-{ui.data_key(s)}"
    st.caption(ui.tr("arena.synthetic_text", ratio=f"{s.ratio:,}", n=f"{s.n:,}"))
else:
    spec = REAL_DATASETS[source]
    ratio = ui.slider_param(
        f"{source}_ratio",
        spec.ratios,
        spec.ratios[-1],
        ui.tr("arena.real_ratio"),
        format_func=lambda r: f"1:{r}",
    )
    X, y = ui.cached_call(load_real, source, ratio, random_state=s.seed)
    data_id = f"{source}-{ratio}-{s.seed}"
    st.caption(ui.tr(f"arena.source.{source}_text"))
summary = summarize_data(X, y)
ui.metric_row(
    ("arena.rows", f"{summary.rows:,}"),
    ("arena.features", f"{summary.features}"),
    ("arena.minority", f"{summary.minority:,}"),
)
st.markdown(ui.tr("arena.method_text"))
ui.arena(X, y, data_id, seed=s.seed)
ui.look_for("arena")
