"""Class-weight schemes on a long-tailed, seven-class distribution."""

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lib.data import long_tail_counts
from lib.figures import SERIES_COLORS, Curve, grouped_bars, line_chart
from lib.settings import BETA_CHOICES as BETAS
from lib.weights import effective_number, weights_from_counts

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

counts = long_tail_counts(head, tail)
classes = [ui.tr("schemes.class_label", c=c) for c in range(len(counts))]
schemes = {
    "balanced": ui.tr("schemes.balanced"),
    "ins": ui.tr("schemes.ins"),
    "isns": ui.tr("schemes.isns"),
    "ens": ui.tr("schemes.ens", beta=f"{beta:g}"),
}
weights = pd.DataFrame(
    {label: weights_from_counts(counts, scheme, beta=beta) for scheme, label in schemes.items()},
    index=classes,
)
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
table = weights.copy()
table.insert(0, ui.tr("schemes.col_count"), counts)
table.insert(1, ui.tr("schemes.col_effective"), effective_number(counts, beta=beta))
st.dataframe(
    table.style.format("{:.3g}")
    .format("{:,}", subset=[ui.tr("schemes.col_count")])
    .format("{:,.1f}", subset=[ui.tr("schemes.col_effective")]),
    width="stretch",
)
st.caption(ui.tr("schemes.table_caption", n=f"{counts.sum():,}", k=len(counts)))

st.subheader(ui.tr("schemes.beta_heading"))
st.markdown(ui.tr("schemes.beta_text"))
one_minus = np.logspace(-5, 0, 60)
ens_curves = np.array([weights_from_counts(counts, "ens", beta=1.0 - m) for m in one_minus])
curves = [
    Curve(name, one_minus, ens_curves[:, c], SERIES_COLORS[c % len(SERIES_COLORS)])
    for c, name in enumerate(classes)
]
left, right = st.columns(2, gap="large")
with left:
    ui.plot(
        line_chart(
            curves,
            title=ui.tr("schemes.ens_title"),
            xtitle=ui.tr("schemes.axis_one_minus_beta"),
            ytitle=ui.tr("schemes.axis_weight"),
            log_y=True,
            log_x=True,
            reverse_x=True,
            marks=[(max(1.0 - beta, 1e-5), "#777777")],
        ),
        key="schemes_ens",
    )
with right:
    effective = pd.DataFrame(
        {
            ui.tr("schemes.col_count"): counts,
            ui.tr("schemes.col_effective"): effective_number(counts, beta=beta),
        },
        index=classes,
    )
    ui.plot(
        grouped_bars(
            effective,
            title=ui.tr("schemes.effective_title", beta=f"{beta:g}"),
            xtitle=ui.tr("schemes.axis_class"),
            ytitle=ui.tr("schemes.axis_samples"),
            log_y=True,
        ),
        key="schemes_effective",
    )
st.latex(
    r"E_{n_c} = \frac{1 - \beta^{n_c}}{1 - \beta} \;\xrightarrow{\;\beta\to 1\;}\; n_c,"
    r"\qquad E_{n_c} \le \frac{1}{1 - \beta}"
)
ui.look_for("schemes")
