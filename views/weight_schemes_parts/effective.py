"""Class-weight schemes, section: how beta moves the ENS weights and the effective numbers."""

import streamlit as st

import ui
from lib.studies.weight_schemes import WeightSchemes
from lib.viz import MARK_COLOR, SERIES_COLORS, Curve, grouped_bars, line_chart


def render(study: WeightSchemes, classes: list[str]) -> None:
    """ENS weights over 1 - beta (left) and counts against effective numbers (right)."""
    ui.section(ui.tr("schemes.beta_heading"))
    st.markdown(ui.tr("schemes.beta_text"))
    color = SERIES_COLORS
    curves = [
        Curve(name, study.one_minus_beta, study.ens_sweep[:, c], color[c % len(color)])
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
                marks=[(study.beta_mark, MARK_COLOR)],
            ),
            key="schemes_ens",
        )
    with right:
        ui.plot(
            grouped_bars(
                study.count_table(
                    ui.tr("schemes.col_count"), ui.tr("schemes.col_effective"), classes
                ),
                title=ui.tr("schemes.effective_title", beta=f"{study.beta:g}"),
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
