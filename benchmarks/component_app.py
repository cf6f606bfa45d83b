"""What each kind of page element costs: the reference page plus one addition.

``browser_latency.py --components`` opens this script with ``?variant=``
one of :data:`VARIANTS` and moves its slider like the reference page's, so
the cost of e.g. 500 SVG markers or the app's sidebar is the difference to
the plain heatmap, measured in one run. The markers do not change when the
slider moves, like the data points on the app's boundary maps (only the
probability map and the lines do).
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

VARIANTS = {
    "heatmap": "one 100x100 heatmap (the reference page)",
    "markdown": "+ 40 static markdown paragraphs",
    "widgets": "+ a formula, three metrics and a 9x6 table",
    "sidebar": "+ the app's sidebar (settings and navigation)",
    "two_heatmaps": "two heatmaps side by side",
    "svg_500": "+ 500 SVG markers (go.Scatter)",
    "gl_500": "+ 500 WebGL markers (go.Scattergl)",
    "svg_2000": "+ 2000 SVG markers",
    "gl_2000": "+ 2000 WebGL markers",
}


def heatmap(seed: int) -> go.Figure:
    """100x100 noise for ``seed``, as on the reference page."""
    z = np.random.default_rng(seed).normal(size=(100, 100)).astype(np.float32)
    return go.Figure(go.Heatmap(z=z))


def main() -> None:
    """Draw the variant named in the URL."""
    variant = st.query_params.get("variant", "heatmap")
    if variant == "sidebar":
        import ui  # only here: importing the app's glue outside a server warns

        ui.sidebar()
    seed = st.select_slider("Seed", options=list(range(50)), value=25)
    if variant == "two_heatmaps":
        for k, column in enumerate(st.columns(2)):
            column.plotly_chart(heatmap(seed + k), width="stretch")
    else:
        fig = heatmap(seed)
        if variant[:3] in ("svg", "gl_"):
            n = int(variant.rsplit("_", 1)[1])
            points = np.random.default_rng(0).random((n, 2)).astype(np.float32) * 100
            trace = go.Scatter if variant.startswith("svg") else go.Scattergl
            fig.add_trace(
                trace(
                    x=points[:, 0],
                    y=points[:, 1],
                    mode="markers",
                    marker={"size": 4, "opacity": 0.45},
                    hoverinfo="skip",
                )
            )
        st.plotly_chart(fig, width="stretch")
    if variant == "markdown":
        for i in range(40):
            st.markdown(f"Static paragraph {i} with some **bold** text.")
    if variant == "widgets":
        st.latex(r"\frac{p_w}{1 - p_w} = \frac{w_1}{w_0}\cdot\frac{p}{1 - p}")
        for column in st.columns(3):
            column.metric("metric", f"{seed:.3f}", help="help")
        st.dataframe(pd.DataFrame(np.random.default_rng(seed).random((9, 6))), width="stretch")


# Streamlit runs the script as __main__; browser_latency.py only imports VARIANTS.
if __name__ == "__main__":
    main()
