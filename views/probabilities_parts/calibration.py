"""Probabilities, section: histograms, reliability diagrams and rates, raw and corrected."""

import streamlit as st

import ui
from lib.studies.probabilities import ProbabilityStudy
from lib.viz import (
    SERIES_COLORS,
    UNWEIGHTED_COLOR,
    grouped_bars,
    probability_panels,
    reliability_chart,
)


def render(study: ProbabilityStudy) -> None:
    """Everything the page shows of the remedies' probabilities (keyed by display name)."""
    tr = ui.tr
    report = study.report
    marks = {
        label: [
            (report.rates.loc[label, "mean_raw"], SERIES_COLORS[k], "dash"),
            (report.true_rate, UNWEIGHTED_COLOR, "dot"),
        ]
        for k, label in enumerate(study.raw)
    }
    ui.plot(
        probability_panels(
            study.histograms,
            marks=marks,
            title=tr("proba.hist_title"),
            xtitle=tr("proba.p_axis"),
            ytitle=tr("proba.share_axis"),
            tr=tr,
        ),
        key="proba_hist",
    )
    st.caption(tr("proba.hist_caption"))

    for column, version in zip(st.columns(2, gap="large"), ("raw", "corrected"), strict=True):
        with column:
            ui.plot(
                reliability_chart(
                    study.reliability[version],
                    title=tr(f"proba.rel_{version}"),
                    xtitle=tr("proba.rel_x"),
                    ytitle=tr("proba.rel_y"),
                    diagonal=tr("proba.diagonal"),
                ),
                key=f"proba_rel_{version}",
            )
    st.caption(tr("proba.rel_caption"))

    ui.section(tr("proba.rate_heading"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(
            grouped_bars(
                report.rates.rename(columns=lambda c: tr(f"proba.col.{c}")),
                title=tr("proba.rate_title"),
                xtitle="",
                ytitle=tr("proba.rate_axis"),
                log_y=True,
            ),
            key="proba_rates",
        )
    with right:
        st.markdown(
            tr("proba.rate_text", true=f"{100 * report.true_rate:.3g}", n=f"{study.n_test:,}")
        )
    quality = report.quality.rename(columns=lambda c: tr(f"proba.col.{c}"))
    quality[tr("proba.col.correction")] = [
        tr(f"proba.note_{c.kind}", **{k: f"{v:.3g}" for k, v in c.params.items()})
        for c in (study.corrections[label] for label in quality.index)
    ]
    st.dataframe(quality.style.format("{:.4f}", subset=list(quality.columns[:4])), width="stretch")
