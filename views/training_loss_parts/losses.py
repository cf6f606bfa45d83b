"""Training weights, section: the training and validation losses per epoch."""

import streamlit as st

import ui
from lib.studies.training_loss import TrainingLossStudy
from lib.viz import THRESHOLD_COLOR, UNWEIGHTED_COLOR, WEIGHTED_COLOR, Curve, line_chart


def render(study: TrainingLossStudy, label_w: str) -> None:
    """Weighted objective, unweighted training loss and three validation losses."""
    h, h0 = study.weighted, study.plain
    curves = [
        Curve(
            ui.tr("trainloss.curve_objective"), h["epoch"], h["train_loss_weighted"], WEIGHTED_COLOR
        ),
        Curve(ui.tr("trainloss.curve_train"), h["epoch"], h["train_loss"], WEIGHTED_COLOR, "dash"),
        Curve(ui.tr("trainloss.curve_val"), h["epoch"], h["val_loss"], UNWEIGHTED_COLOR),
        Curve(
            ui.tr("trainloss.curve_val_weighted"),
            h["epoch"],
            h["val_loss_weighted"],
            UNWEIGHTED_COLOR,
            "dot",
        ),
        Curve(
            ui.tr("trainloss.curve_val_plain"), h0["epoch"], h0["val_loss"], THRESHOLD_COLOR, "dash"
        ),
    ]
    best, best_w = study.best_epoch, study.best_epoch_weighted
    ui.plot(
        line_chart(
            curves,
            title=ui.tr("trainloss.loss_title", model=label_w),
            xtitle=ui.tr("trainloss.epoch"),
            ytitle=ui.tr("fig.loss"),
            log_y=True,
            marks=[(best, UNWEIGHTED_COLOR), (best_w, WEIGHTED_COLOR)],
        ),
        key="trainloss_losses",
    )
    st.caption(ui.tr("trainloss.best_epochs", plain=best, weighted=best_w))
