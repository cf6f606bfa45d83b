"""Sample weights: class_weight vs sample_weight, recency weights, weighted least squares.

One section per study, each a fragment in views/sample_weights_parts/.
"""

import streamlit as st

import ui
from views.sample_weights_parts import picked_points, recency, regression

s = ui.current_settings()
ui.page_header("sw")
st.latex(
    r"J(\beta) = \tfrac12\lVert\beta\rVert^2 + C\sum_i s_i\,w_{y_i}\,\ell(y_i, p_i),\qquad"
    r"\texttt{class\_weight}=\{0{:}\,1,\ 1{:}\,w\}\iff s_i = w^{[y_i = 1]}"
)
picked_points.render(s)
recency.render(s)
regression.render(s)
ui.look_for("sw")
