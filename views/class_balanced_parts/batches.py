"""Class-balanced losses, section: weights from the whole training set or from each mini-batch."""

import streamlit as st

import lib.studies.class_balanced as cb
import ui
from views.class_balanced_parts.controls import Choices


def render(study: cb.ClassBalancedStudy, choices: Choices, rows: dict[int, str]) -> None:
    """Per-batch INS weights against the global ones, what they cost, and PyTorch's divisor."""
    ui.section(ui.tr("cb.batch_heading"))
    st.latex(
        r"w^{\text{INS}}_{c} = k\,\frac{1/n_{c}}{\sum_{j} 1/n_{j}}\quad\text{or}\quad"
        r"w^{\text{INS}}_{c,B} = k_B\,\frac{1/n_{c,B}}{\sum_{j \in B} 1/n_{j,B}}\qquad"
        r"(n_{c,B}\text{: samples of class } c \text{ in the mini-batch } B)"
    )
    tail = study.spread.iloc[-1]
    st.markdown(
        ui.tr(
            "cb.batch_text",
            batch=choices.batch_size,
            missing=f"{tail['missing']:.0%}",
            n_batches=f"{study.n_batches:,}",
            tail_min=f"{tail['batch_min']:.3g}",
            tail_max=f"{tail['batch_max']:.3g}",
            tail_global=f"{tail['global']:.3g}",
            share_batch=f"{tail['share_batch']:.1%}",
            share_global=f"{tail['share_global']:.1%}",
        )
    )
    weights = study.spread.rename(index=rows, columns=lambda c: ui.tr(f"cb.col_{c}"))
    st.dataframe(
        weights.style.format("{:.3g}").format("{:.1%}", subset=list(weights.columns[-3:])),
        width="stretch",
    )
    effect = study.effect.rename(
        index=lambda v: ui.tr(f"cb.source_{v}"),
        columns={
            "head_recall": ui.tr("cb.col_head_recall"),
            "tail_recall": ui.tr("cb.col_tail_recall"),
            "macro_f": ui.tr("cb.col_macro"),
        },
    )
    st.dataframe(effect.style.format("{:.3f}"), width="stretch")
    st.caption(ui.tr("cb.batch_effect"))
    ratio = study.divisor_ratio
    st.markdown(
        ui.tr(
            "cb.reduction_text",
            batch=choices.batch_size,
            lo=f"{ratio['min']:.2f}",
            hi=f"{ratio['max']:.2f}",
            median=f"{ratio['median']:.2f}",
        )
    )
