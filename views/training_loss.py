"""Training weights change the model, not a metric's formula; metric weights express deployment."""

import pandas as pd
import streamlit as st

import ui
from lib.figures import (
    THRESHOLD_COLOR,
    UNWEIGHTED_COLOR,
    WEIGHTED_COLOR,
    Curve,
    line_chart,
)
from lib.metrics import evaluate_under_weights
from lib.weights import class_weights

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
h, h0 = weighted.history, plain.history
label_w = ui.tr("trainloss.model_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}")
label_u = ui.tr("trainloss.model_unweighted")

left, right = st.columns(2, gap="large")
with left:
    best_plain = int(h["epoch"][h["val_loss"].idxmin()])
    best_weighted = int(h["epoch"][h["val_loss_weighted"].idxmin()])
    ui.plot(
        line_chart(
            [
                Curve(
                    ui.tr("trainloss.curve_objective"),
                    h["epoch"],
                    h["train_loss_weighted"],
                    WEIGHTED_COLOR,
                ),
                Curve(
                    ui.tr("trainloss.curve_train"),
                    h["epoch"],
                    h["train_loss"],
                    WEIGHTED_COLOR,
                    "dash",
                ),
                Curve(ui.tr("trainloss.curve_val"), h["epoch"], h["val_loss"], UNWEIGHTED_COLOR),
                Curve(
                    ui.tr("trainloss.curve_val_weighted"),
                    h["epoch"],
                    h["val_loss_weighted"],
                    UNWEIGHTED_COLOR,
                    "dot",
                ),
                Curve(
                    ui.tr("trainloss.curve_val_plain"),
                    h0["epoch"],
                    h0["val_loss"],
                    THRESHOLD_COLOR,
                    "dash",
                ),
            ],
            title=ui.tr("trainloss.loss_title", model=label_w),
            xtitle=ui.tr("trainloss.epoch"),
            ytitle=ui.tr("fig.loss"),
            log_y=True,
            marks=[(best_plain, UNWEIGHTED_COLOR), (best_weighted, WEIGHTED_COLOR)],
        ),
        key="trainloss_losses",
    )
    st.caption(ui.tr("trainloss.best_epochs", plain=best_plain, weighted=best_weighted))
with right:
    ui.plot(
        line_chart(
            [
                Curve(
                    f"{label_w} · {ui.tr('metrics.recall')}",
                    h["epoch"],
                    h["recall_1"],
                    WEIGHTED_COLOR,
                ),
                Curve(
                    f"{label_w} · {ui.tr('metrics.precision')}",
                    h["epoch"],
                    h["precision_1"],
                    WEIGHTED_COLOR,
                    "dash",
                ),
                Curve(
                    f"{label_u} · {ui.tr('metrics.recall')}",
                    h0["epoch"],
                    h0["recall_1"],
                    UNWEIGHTED_COLOR,
                ),
                Curve(
                    f"{label_u} · {ui.tr('metrics.precision')}",
                    h0["epoch"],
                    h0["precision_1"],
                    UNWEIGHTED_COLOR,
                    "dash",
                ),
            ],
            title=ui.tr("trainloss.metrics_title"),
            xtitle=ui.tr("trainloss.epoch"),
            ytitle=ui.tr("trainloss.axis_metric"),
        ),
        key="trainloss_metrics",
    )

st.subheader(ui.tr("trainloss.same_heading"))
st.markdown(ui.tr("trainloss.same_text", model=label_w))
X_val, y_val = ui.test_dataset(*key)
balanced = class_weights(ui.dataset(*key)[1])
pairs = [(1.0, 1.0), (s.w0, s.w1), (balanced[0], balanced[1]), (s.w0, 10.0 * s.w1)]
frame = evaluate_under_weights(y_val, weighted.predict_proba(X_val)[:, 1], pairs)
columns = [
    "w0",
    "w1",
    "weighted_loss",
    "loss",
    "accuracy",
    "precision",
    "recall",
    "balanced_accuracy",
    "accuracy_sw",
    "precision_sw",
    "recall_sw",
]
table = pd.DataFrame({ui.tr(f"trainloss.col_{c}"): frame[c] for c in columns})
st.dataframe(table.style.format("{:.4g}"), width="stretch", hide_index=True)
st.caption(ui.tr("trainloss.same_caption"))
st.markdown(ui.tr("trainloss.why"))
ui.look_for("trainloss")
