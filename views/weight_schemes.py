"""Class-weight schemes on a long-tailed, seven-class distribution.

Sections in views/weight_schemes_parts/.
"""

import streamlit as st

import ui
from lib.settings import BETA_CHOICES as BETAS
from lib.studies.weight_schemes import SCHEMES, weight_schemes
from lib.viz import grouped_bars
from views.weight_schemes_parts import effective as effective_section

TAILS = (10, 20, 50, 100, 200, 500, 1000)
HEADS = (500, 1000, 2000, 5000, 10_000, 50_000)

ui.current_settings()
ui.page_header("schemes")
cols = st.columns(3)
with cols[0]:
    tail = ui.slider_param(
        "tail",
        TAILS,
        200,
        ui.tr("schemes.tail"),
        format_func=lambda r: f"{r}:1",
        help=ui.tr("schemes.tail_help"),
    )
with cols[1]:
    head = ui.slider_param(
        "head", HEADS, 2000, ui.tr("schemes.head"), format_func=lambda n: f"{n:,}"
    )
with cols[2]:
    beta = float(
        ui.slider_param(
            "beta", BETAS, "0.999", ui.tr("schemes.beta"), help=ui.tr("schemes.beta_help")
        )
    )

study = ui.cached_call(weight_schemes, head, tail, beta=beta)
classes = [ui.tr("schemes.class_label", c=c) for c in range(study.n_classes)]
labels = {scheme: ui.tr(f"schemes.{scheme}", beta=f"{beta:g}") for scheme in SCHEMES}
weights = study.weight_table(labels, classes)
st.latex(
    r"w^{\text{bal}}_c = \frac{n}{k\,n_c},\quad w^{\text{INS}}_c \propto \frac{1}{n_c},"
    r"\quad w^{\text{ISNS}}_c \propto \frac{1}{\sqrt{n_c}},\quad"
    r" w^{\text{ENS}}_c \propto \frac{1 - \beta}{1 - \beta^{n_c}},\quad"
    r"\sum_c w_c = k \text{ (INS, ISNS, ENS)}"
)

ui.plot(
    grouped_bars(
        weights,
        title=ui.tr("schemes.bars_title"),
        xtitle=ui.tr("schemes.axis_class"),
        ytitle=ui.tr("schemes.axis_weight"),
        log_y=True,
    ),
    key="schemes_bars",
)
count, effective = ui.tr("schemes.col_count"), ui.tr("schemes.col_effective")
st.dataframe(
    study.count_table(count, effective, classes)
    .join(weights)
    .style.format("{:.3g}")
    .format("{:,}", subset=[count])
    .format("{:,.1f}", subset=[effective]),
    width="stretch",
)
st.caption(ui.tr("schemes.table_caption", n=f"{study.n_samples:,}", k=study.n_classes))
effective_section.render(study, classes)
ui.look_for("schemes")
