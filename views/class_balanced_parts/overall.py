"""Class-balanced losses, section: macro and weighted F0.5 and accuracy of every model."""

import streamlit as st

import lib.studies.class_balanced as cb
import ui
from views.class_balanced_parts.controls import Choices


def render(study: cb.ClassBalancedStudy, choices: Choices, names: dict[str, str]) -> None:
    """One column group per weight source trained (global first), then how to read it."""
    ui.section(ui.tr("cb.overall_heading"))
    groups = {src: ui.tr("cb.scores_group", source=ui.tr(f"cb.source_{src}")) for src in cb.SOURCES}
    columns = {
        "macro_f": ui.tr("cb.col_macro"),
        "weighted_f": ui.tr("cb.col_weighted"),
        "accuracy": ui.tr("cb.col_accuracy"),
    }
    scores = (
        study.scores.rename(columns=groups, level=0)
        .rename(columns=columns, level=1)
        .rename(index=names)
        .rename_axis(ui.tr("cb.strategy"))
    )
    st.dataframe(scores.style.format("{:.3f}"), width="stretch")
    st.latex(
        r"F^{\text{macro}}_{0.5} = \frac{1}{k}\sum_c F_{0.5,c},\qquad F^{\text{weighted}}_{0.5}"
        r" = \sum_c \frac{m_c}{m}\,F_{0.5,c}\quad(m_c\text{: test samples of class }c)"
    )
    st.markdown(ui.tr(f"cb.overall_text_{choices.test}"))
    if choices.source == "batch":
        st.caption(ui.tr("cb.overall_caption_batch"))
