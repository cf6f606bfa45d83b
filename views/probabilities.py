"""What resampling (and weighting) does to predicted probabilities, and how to undo it.

Sections in views/probabilities_parts/.
"""

import streamlit as st

import ui
from lib.data import plot_extent
from lib.studies.probabilities import MODELS, probability_study
from views.probabilities_parts import calibration, repair

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("proba")
st.latex(
    r"\text{undersampling: } p = \frac{\beta p_s}{\beta p_s - p_s + 1}\qquad"
    r"\text{weights: } p = \frac{w_0 p_w}{w_0 p_w + w_1 (1 - p_w)}"
)
st.caption(ui.tr("proba.formula_caption"))

X, y = ui.strategy_data(*key)
_, y_test = ui.strategy_data(*key, test=True)
x_range, y_range = plot_extent(X, y)
fits, raw = {}, {}
with st.spinner(ui.tr("proba.fitting")):
    for name in MODELS:
        with ui.guarded():  # a remedy that cannot run here says why; the others stay
            label = ui.strategy_label(name)
            fit = ui.strategy_fit(*key, name, ())
            raw[label] = ui.strategy_outputs(*key, name, (), x_range, y_range)[0]
            fits[label] = fit
calibration.render(probability_study(y_test, fits, raw))
repair.render(s)
ui.rows_note(s.n)
ui.look_for("proba")
