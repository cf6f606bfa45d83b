"""Imbalance Lab: the entry script, a router over ``pages/`` and the shared sidebar."""

import streamlit as st

import ui

st.set_page_config(page_title="Imbalance Lab", page_icon=":material/balance:",
                   layout="wide")
ui.sidebar()
navigation = st.navigation([
    st.Page(path, title=ui.tr(title_key), icon=icon, url_path=url, default=index == 0)
    for index, (path, url, title_key, icon) in enumerate(ui.PAGES)
])
navigation.run()
