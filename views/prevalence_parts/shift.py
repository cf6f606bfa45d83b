"""Prevalence, section: label shift, its correction and the cost of each decision rule."""

import streamlit as st

import ui
from lib.prevalence import RULES, DeploymentReport
from lib.settings import Settings
from lib.viz import cost_prevalence_chart


def render(s: Settings, r: DeploymentReport) -> None:
    """Rates before and after the prior correction, and the costs of the threshold rules."""
    tr = ui.tr
    study = r.study
    ui.section(tr("prevalence.shift_heading"))
    st.latex(
        r"p' = \frac{r_1\,p}{r_1\,p + r_0\,(1-p)},\quad r_1 = \frac{\pi_t}{\pi_s},\;"
        r"r_0 = \frac{1-\pi_t}{1-\pi_s};\qquad t^* = \frac{c_{FP}}{c_{FP} + c_{FN}}"
    )
    st.markdown(
        tr("prevalence.shift_text", auc=f"{r.auc_uncorrected:.4f}", auc_c=f"{r.auc_corrected:.4f}")
    )
    ui.metric_row(
        ("prevalence.train_rate", f"{study.train_prior:.4g}"),
        ("prevalence.deploy_rate", f"{study.deploy_prior:.4g}"),
        ("prevalence.mean_p", f"{study.mean_p:.4g}"),
        ("prevalence.mean_corrected", f"{study.mean_corrected:.4g}"),
        ("prevalence.em_rate", f"{study.em_prior:.4g}"),
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.plot(cost_prevalence_chart(r.costs, study.deploy_prior, tr=tr), key="prevalence_cost")
    c = {k: f"{study.rules.loc[k, 'cost']:.4g}" for k in RULES}
    right.markdown(
        tr(
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
    st.caption(tr("prevalence.cost_caption"))
    rules = study.rules.rename(
        index=lambda k: tr(f"prevalence.rule.{k}"),
        columns=lambda c: tr(f"prevalence.col.{c}"),
    )
    st.dataframe(
        rules.style.format("{:.4g}", na_rep="—").format(
            "{:,.0f}", subset=[tr("prevalence.col.positives")]
        ),
        width="stretch",
    )
    st.markdown(
        tr(
            "prevalence.wellspec_note" if s.shape == "gaussian" else "prevalence.misspec_note",
            shape=s.shape,
            em=f"{study.em_prior:.4g}",
            pi=f"{study.deploy_prior:.4g}",
        )
    )
