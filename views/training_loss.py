"""Training weights change the model, not a metric's formula; metric weights express deployment.

Sections in views/training_loss_parts/.
"""

import streamlit as st

import ui
from lib.studies.training_loss import SCORE_COLUMNS, training_loss_study
from views.training_loss_parts import losses, metrics

EPOCHS = (10, 20, 30, 50, 100)

s = ui.current_settings()
key = ui.data_key(s)
ui.page_header("trainloss")
st.latex(
    r"\underbrace{J(\theta) = \frac{1}{n}\sum_i w_{y_i}\,\ell_i(\theta)}_{\text{training:"
    r" weighted}}\qquad\underbrace{L_{\text{val}}(\theta) = \frac{1}{m}\sum_j"
    r" \ell_j(\theta)}_{\text{validation: unweighted}}"
)
epochs = ui.slider_param("epochs", EPOCHS, 30, ui.tr("trainloss.epochs"))
with st.spinner(ui.tr("trainloss.training", epochs=epochs)):
    weighted = ui.trained(*key, s.w0, s.w1, epochs)
    plain = ui.trained(*key, 1.0, 1.0, epochs)
X_val, y_val = ui.test_dataset(*key)
study = training_loss_study(weighted, plain, X_val, y_val, ui.dataset(*key)[1], w0=s.w0, w1=s.w1)
label_w = ui.tr("trainloss.model_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}")

left, right = st.columns(2, gap="large")
with left:
    losses.render(study, label_w)
with right:
    metrics.render(study, label_w, ui.tr("trainloss.model_unweighted"))

ui.section(ui.tr("trainloss.same_heading"))
st.markdown(ui.tr("trainloss.same_text", model=label_w))
table = study.score_table({c: ui.tr(f"trainloss.col_{c}") for c in SCORE_COLUMNS})
st.dataframe(table.style.format("{:.4g}"), width="stretch", hide_index=True)
st.caption(ui.tr("trainloss.same_caption"))
st.markdown(ui.tr("trainloss.why"))
ui.look_for("trainloss")
