"""Class-balanced losses: what no weights, INS, ISNS, ENS and CB focal do to every class.

Every number comes from :func:`lib.studies.class_balanced.class_balanced_study`;
the sections live in ``views/class_balanced_parts/``.
"""

import streamlit as st

import lib.studies.class_balanced as cb
import ui
from lib.viz import STRATEGY_COLORS
from views.class_balanced_parts import batches, changes, controls, overall, per_class

s = ui.current_settings()
ui.page_header("cb")
choices = controls.render()
names = {
    n: ui.tr(f"cb.strategy_{n}", beta=f"{choices.beta:g}", gamma=f"{choices.gamma:g}")
    for n in cb.MULTICLASS_STRATEGIES
}
colors = [STRATEGY_COLORS[n] for n in cb.MULTICLASS_STRATEGIES]

# The fits run through the page cache (a moved β refits only ENS and CB focal);
# the progress bar moves between them.
progress = st.progress(0.0, text=ui.tr("cb.training"))


def trained(done: int, total: int, name: str) -> None:
    text = ui.tr("cb.training_model", done=done, total=total, model=names[name])
    progress.progress(done / total, text=text)


study = cb.class_balanced_study(
    imbalance=choices.imbalance,
    n_max=choices.n_max,
    seed=s.seed,
    beta=choices.beta,
    gamma=choices.gamma,
    source=choices.source,
    batch_size=choices.batch_size,
    test=choices.test,
    cache=ui.cached_call,
    progress=trained,
)
progress.empty()
counts = study.counts
ticks = {c: ui.tr("cb.class_label", c=c, n=f"{counts[c]:,}") for c in study.order}
rows = {c: ui.tr("cb.class_name", c=c, n=f"{counts[c]:,}") for c in study.order}

per_class.render(study, choices, names, ticks, colors)
changes.render(study, choices, names, ticks, colors)
overall.render(study, choices, names)
batches.render(study, choices, rows)
with st.expander(ui.tr("cb.numbers")):
    ui.metrics_table({names[n]: report.rename(index=rows) for n, report in study.reports.items()})
ui.look_for("cb")
