"""Class-balanced losses, section: recall and precision of every class under every strategy."""

import streamlit as st

import lib.studies.class_balanced as cb
import ui
from lib.viz import class_bars
from views.class_balanced_parts.controls import Choices

#: Catalogue keys of the per-class metrics' names.
METRIC_KEYS = {
    "precision": "metrics.precision",
    "recall": "metrics.recall",
    "f_beta": "metrics.f05",
}


def render(
    study: cb.ClassBalancedStudy,
    choices: Choices,
    names: dict[str, str],
    ticks: dict[int, str],
    colors: list[str],
) -> None:
    """Recall and precision bars side by side, then what the test set holds."""
    for column, metric in zip(st.columns(2, gap="large"), ("recall", "precision"), strict=True):
        with column:
            ui.plot(
                class_bars(
                    study.by_class[metric].rename(index=ticks, columns=names),
                    colors=colors,
                    title=ui.tr(f"cb.{metric}_title"),
                    xtitle=ui.tr("cb.axis_class"),
                    ytitle=ui.tr(METRIC_KEYS[metric]),
                ),
                key=f"cb_{metric}",
            )
    st.caption(
        ui.tr(
            f"cb.test_caption_{choices.test}",
            per_class=f"{cb.PER_CLASS:,}",
            total=f"{study.test_total:,}",
            rare=f"{study.test_rarest:,}",
        )
    )
