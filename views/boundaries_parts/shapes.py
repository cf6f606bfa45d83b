"""Decision boundaries, section: weights on this data shape next to the Gaussian data."""

from dataclasses import replace

import streamlit as st

import ui
from lib.settings import Settings
from lib.studies.boundaries import gap_table


def render(s: Settings) -> None:
    """The weighting-vs-threshold table for this shape and for "gaussian" (not on gaussian)."""
    if s.shape == "gaussian":
        return
    ui.section(ui.tr("boundaries.shapes_heading", shape=ui.tr(f"shape.{s.shape}")))
    if s.w0 == s.w1:
        st.info(ui.tr("boundaries.shapes_equal"), icon=":material/info:")
        return
    key = ui.data_key(s)
    here = ui.boundary_summary(*key, s.w0, s.w1)
    gaussian = ui.boundary_summary(*ui.data_key(replace(s, shape="gaussian")), s.w0, s.w1)
    table = gap_table({ui.tr(f"shape.{s.shape}"): here, ui.tr("shape.gaussian"): gaussian})
    st.markdown(ui.tr("boundaries.shapes_intro", t=f"{here.threshold:.4g}"))
    st.dataframe(
        table.rename(index=lambda row: ui.tr(f"boundaries.gap.{row}")).style.format("{:.3f}"),
        width="stretch",
    )
    st.markdown(
        ui.tr(
            "boundaries.shapes_text",
            change=f"{here.gap.coef_change:.2f}",
            change_g=f"{gaussian.gap.coef_change:.2f}",
            jaccard=f"{here.gap.jaccard:.2f}",
            jaccard_g=f"{gaussian.gap.jaccard:.2f}",
        )
    )
