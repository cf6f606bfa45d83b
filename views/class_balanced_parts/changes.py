"""Class-balanced losses, section: percent change of a metric against no weights, per class."""

import streamlit as st

import lib.studies.class_balanced as cb
import ui
from lib.viz import change_bars
from views.class_balanced_parts.controls import Choices
from views.class_balanced_parts.per_class import METRIC_KEYS


def render(
    study: cb.ClassBalancedStudy,
    choices: Choices,
    names: dict[str, str],
    ticks: dict[int, str],
    colors: list[str],
) -> None:
    """The metric switch, the change bars (changes from 0 capped) and how to read them."""
    ui.section(ui.tr("cb.change_heading"))
    metric = ui.radio_param(
        "metric",
        cb.METRICS,
        "f_beta",
        ui.tr("cb.metric"),
        format_func=lambda m: ui.tr(METRIC_KEYS[m]),
    )
    ui.plot(
        change_bars(
            study.change[metric].rename(index=ticks, columns=names),
            colors=colors[1:],
            xtitle=ui.tr("cb.axis_class"),
            title=ui.tr("cb.change_title", metric=ui.tr(METRIC_KEYS[metric])),
            ytitle=ui.tr("cb.axis_change"),
            inf_text=ui.tr("cb.from_zero"),
        ),
        key="cb_change",
    )
    st.latex(
        r"\Delta_c = 100\,\frac{m_c^{\text{strategy}} - m_c^{\text{no weights}}}"
        r"{m_c^{\text{no weights}}}\;\%,\qquad F_{0.5,c} = \frac{1.25\,P_c R_c}"
        r"{0.25\,P_c + R_c}"
    )
    st.markdown(ui.tr("cb.change_text") + "\n\n" + ui.tr(f"cb.change_text_{choices.test}"))
