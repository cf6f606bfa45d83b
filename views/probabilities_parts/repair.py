"""Probabilities, section: odds corrections against held-out recalibration."""

import streamlit as st

import ui
from lib.repair import REPAIRED, VERSIONS
from lib.settings import Settings
from lib.viz import repair_figure


def render(s: Settings) -> None:
    """The repair chart of one remedy and the scores of every remedy and version."""
    tr = ui.tr
    ui.section(tr("proba.repair_heading"))
    with st.spinner(tr("proba.repairing")), ui.guarded():
        rep = ui.repair(*ui.data_key(s))
        st.markdown(
            tr(
                "proba.repair_intro",
                n=f"{rep.n_fit + rep.n_cal:,}",
                n_cal=f"{rep.n_cal:,}",
                n1=f"{rep.n1_cal:,}",
                n_fit=f"{rep.n_fit:,}",
            )
        )
        left, right = st.columns(2, gap="large")
        with left:
            pick = ui.radio_param(
                "fix",
                REPAIRED,
                "class_weight",
                tr("proba.repair_model"),
                format_func=ui.strategy_label,
            )
            ui.plot(repair_figure(rep, pick, tr=tr), key="proba_repair")
        names = {
            **{n: ui.strategy_label(n) for n in REPAIRED},
            **{v: tr(f"proba.version.{v}") for v in VERSIONS},
        }
        right.dataframe(
            rep.scores.rename(index=names, columns=lambda c: tr(f"proba.col.{c}"))
            .rename_axis([tr("proba.col.remedy"), tr("proba.col.version")])
            .style.format("{:.3g}"),
            width="stretch",
            height=460,
        )
        st.markdown(tr("proba.repair_text", shape=tr(f"shape.{s.shape}")))
