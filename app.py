"""Imbalance Lab: the entry script, a router over ``views/`` and the shared sidebar."""

from pathlib import Path

import streamlit as st

import ui

# A local icon: an emoji or material icon would make the browser fetch the
# favicon from the internet.
ICON = Path(__file__).with_name("assets") / "icon.png"
st.set_page_config(page_title="Imbalance Lab", page_icon=str(ICON), layout="wide")
ui.sidebar()
ui.navigation().run()
