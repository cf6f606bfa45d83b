"""The reference page of ``browser_latency.py``: one 100x100 heatmap and a slider.

A trivial Streamlit page: the slider picks a seed and the heatmap shows
100x100 normal noise for it. Its latency is what Streamlit, plotly and the
browser cost at the least; the app's pages are measured against it.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

seed = st.select_slider("Seed", options=list(range(50)), value=25)
z = np.random.default_rng(seed).normal(size=(100, 100)).astype(np.float32)
st.plotly_chart(go.Figure(go.Heatmap(z=z)), width="stretch")
