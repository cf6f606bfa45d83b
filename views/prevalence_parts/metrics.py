"""Prevalence, section: metrics across class mixes and their intervals at deployment."""

import streamlit as st

import ui
from lib.prevalence import PREVALENCE_METRICS, DeploymentReport
from lib.settings import Settings
from lib.viz import metrics_prevalence_chart


def render(s: Settings, r: DeploymentReport, deploy: int) -> None:
    """Which metrics move with the prevalence, and how wide their intervals are."""
    tr = ui.tr
    ui.section(tr("prevalence.metrics_heading"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(
            metrics_prevalence_chart(r.by_prevalence, r.study.deploy_prior, tr=tr),
            key="prevalence_metrics",
        )
    rng = {
        m: (f"{r.ranges.loc[m, 'low']:.3f}", f"{r.ranges.loc[m, 'high']:.3f}")
        for m in PREVALENCE_METRICS
    }
    right.markdown(
        tr(
            "prevalence.metrics_text",
            t=f"{r.threshold:.4g}",
            p_lo=rng["precision"][0],
            p_hi=rng["precision"][1],
            ap_lo=rng["average_precision"][0],
            ap_hi=rng["average_precision"][1],
            mcc_lo=rng["mcc"][0],
            mcc_hi=rng["mcc"][1],
            rec=rng["recall"][0],
            auc=rng["roc_auc"][0],
            ba=rng["balanced_accuracy"][0],
        )
    )
    left, right = st.columns([3, 2], gap="large")
    table = r.intervals.rename(
        index=lambda m: tr(f"prevalence.metric.{m}"),
        columns=lambda c: tr(f"prevalence.col.{c}"),
    )
    left.dataframe(table.style.format("{:.3f}"), width="stretch")
    iv, it = r.intervals.loc["recall"], r.intervals_test.loc["recall"]
    right.markdown(
        tr(
            "prevalence.interval_text",
            deploy=f"{deploy:,}",
            n=f"{r.n_deploy:,}",
            n1=f"{r.n1_deploy:,}",
            rec=f"{iv['estimate']:.3f}",
            lo=f"{iv['low']:.3f}",
            hi=f"{iv['high']:.3f}",
            ratio=f"{s.ratio:,}",
            n1_test=f"{r.n1_test:,}",
            rec_test=f"{it['estimate']:.3f}",
            lo_test=f"{it['low']:.3f}",
            hi_test=f"{it['high']:.3f}",
        )
    )
