"""Thresholds, section: the weighted model at 0.5 against the plain model at w0/(w0+w1)."""

from dataclasses import replace

import streamlit as st

import ui
from lib.settings import Settings
from lib.thresholds import ThresholdReport


def render(s: Settings, r: ThresholdReport, t: float) -> None:
    """Operating points, decision agreement, and the same comparison on the Gaussian data."""
    tr = ui.tr
    key = ui.data_key(s)
    ui.section(tr("thresholds.same_heading"))
    same = r.operating[["precision", "recall", "tp", "fp", "fn"]].rename(
        index=lambda k: tr(f"thresholds.point.{k}", t=f"{t:g}", tw=f"{r.implied:.4g}"),
        columns=lambda c: tr(f"thresholds.col.{c}"),
    )
    gap = ui.weighting_gap(*key, s.w0, s.w1)
    left, right = st.columns([3, 2], gap="large")
    left.dataframe(
        same.style.format("{:.3f}", subset=list(same.columns[:2]), na_rep="—").format(
            "{:,.0f}", subset=list(same.columns[2:])
        ),
        width="stretch",
    )
    right.metric(
        tr("thresholds.agree"), f"{100 * gap['agreement']:.2f} %", help=tr("thresholds.agree_help")
    )
    right.metric(
        tr("thresholds.jaccard"), f"{gap['jaccard']:.3f}", help=tr("thresholds.jaccard_help")
    )
    st.markdown(
        tr(
            "thresholds.same_text",
            tw=f"{r.implied:.4g}",
            agree=f"{100 * gap['agreement']:.1f} %",
            jaccard=f"{gap['jaccard']:.3f}",
            slope=f"{100 * gap['slope_change']:+.1f} %",
            angle=f"{gap['angle']:.1f}",
        )
    )
    if s.shape == "gaussian":
        return
    gaussian = ui.data_key(replace(s, shape="gaussian"))
    side = {
        tr(f"shape.{s.shape}"): gap,
        tr("shape.gaussian"): ui.weighting_gap(*gaussian, s.w0, s.w1),
    }
    left, right = st.columns([3, 2], gap="large")
    left.dataframe(
        {
            name: {tr(f"thresholds.gap.{k}"): f"{v:.3f}" for k, v in row.items()}
            for name, row in side.items()
        },
        width="stretch",
    )
    right.markdown(tr("thresholds.shape_text", shape=tr(f"shape.{s.shape}")))
