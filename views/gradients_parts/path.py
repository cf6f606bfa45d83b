"""Gradient masking, section: both descent paths on their loss surfaces, live by step."""

import streamlit as st

import ui
from lib.settings import Settings
from lib.studies.gradients_page import STEPS


def render(s: Settings, step: int) -> None:
    """The one-feature model's descent paths, drawn up to the page's step (ui.path_view)."""
    ui.section(ui.tr("live.path_heading"))
    st.markdown(ui.tr("live.path_text"))
    with st.spinner(ui.tr("grad.running", steps=STEPS, n=f"{s.n:,}")):
        ui.path_view(s, step, STEPS)
