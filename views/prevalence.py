"""Prevalence and deployment: metrics that move with the class mix, and label shift."""

import streamlit as st

import ui
from lib.figures_prevalence import cost_prevalence_chart, metrics_prevalence_chart
from lib.prevalence import PREVALENCE_METRICS, RULES, deployment_report
from lib.settings import RATIO_CHOICES

s = ui.current_settings()
ui.page_header("prevalence")
cols = st.columns(3)
with cols[0]:
    deploy = int(
        ui.slider_param(
            "deploy",
            RATIO_CHOICES,
            10,
            ui.tr("prevalence.deploy"),
            format_func=lambda r: f"1:{r:,}",
            help=ui.tr("prevalence.deploy_help"),
        )
    )
cost_fn, cost_fp = ui.cost_params(cols[1], cols[2])

with ui.guarded(), st.spinner(ui.tr("boundaries.fitting")):
    r = ui.cached_call(
        deployment_report,
        s.n,
        s.ratio,
        deploy,
        class_sep=s.sep,
        shape=s.shape,
        seed=s.seed,
        cost_fp=cost_fp,
        cost_fn=cost_fn,
    )
    st.subheader(ui.tr("prevalence.metrics_heading"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(
            metrics_prevalence_chart(r.by_prevalence, r.study.deploy_prior, tr=ui.tr),
            key="prevalence_metrics",
        )
    rng = {
        m: (f"{r.ranges.loc[m, 'low']:.3f}", f"{r.ranges.loc[m, 'high']:.3f}")
        for m in PREVALENCE_METRICS
    }
    right.markdown(
        ui.tr(
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
        index=lambda m: ui.tr(f"prevalence.metric.{m}"),
        columns=lambda c: ui.tr(f"prevalence.col.{c}"),
    )
    left.dataframe(table.style.format("{:.3f}"), width="stretch")
    iv, it = r.intervals.loc["recall"], r.intervals_test.loc["recall"]
    right.markdown(
        ui.tr(
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
    st.subheader(ui.tr("prevalence.shift_heading"))
    st.latex(
        r"p' = \frac{r_1\,p}{r_1\,p + r_0\,(1-p)},\quad r_1 = \frac{\pi_t}{\pi_s},\;"
        r"r_0 = \frac{1-\pi_t}{1-\pi_s};\qquad t^* = \frac{c_{FP}}{c_{FP} + c_{FN}}"
    )
    st.markdown(
        ui.tr(
            "prevalence.shift_text", auc=f"{r.auc_uncorrected:.4f}", auc_c=f"{r.auc_corrected:.4f}"
        )
    )
    study = r.study
    ui.metric_row(
        ("prevalence.train_rate", f"{study.train_prior:.4g}"),
        ("prevalence.deploy_rate", f"{study.deploy_prior:.4g}"),
        ("prevalence.mean_p", f"{study.mean_p:.4g}"),
        ("prevalence.mean_corrected", f"{study.mean_corrected:.4g}"),
        ("prevalence.em_rate", f"{study.em_prior:.4g}"),
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(cost_prevalence_chart(r.costs, study.deploy_prior, tr=ui.tr), key="prevalence_cost")
    rules = study.rules.rename(
        index=lambda k: ui.tr(f"prevalence.rule.{k}"),
        columns=lambda c: ui.tr(f"prevalence.col.{c}"),
    )
    c = {k: f"{study.rules.loc[k, 'cost']:.4g}" for k in RULES}
    right.markdown(
        ui.tr(
            "prevalence.rules_text",
            t=f"{study.bayes:.4g}",
            tu=f"{study.rules.loc['bayes_corrected', 'threshold']:.4g}",
            c_half=c["half"],
            c_unc=c["bayes_uncorrected"],
            c_corr=c["bayes_corrected"],
            c_em=c["bayes_em"],
            em=f"{study.em_prior:.4g}",
            pi=f"{study.deploy_prior:.4g}",
        )
    )
    st.caption(ui.tr("prevalence.cost_caption"))
    st.dataframe(
        rules.style.format("{:.4g}", na_rep="—").format(
            "{:,.0f}", subset=[ui.tr("prevalence.col.positives")]
        ),
        width="stretch",
    )
    st.markdown(
        ui.tr(
            "prevalence.wellspec_note" if s.shape == "gaussian" else "prevalence.misspec_note",
            shape=s.shape,
            em=f"{study.em_prior:.4g}",
            pi=f"{study.deploy_prior:.4g}",
        )
    )
ui.look_for("prevalence")
