"""Your data, section: choose the target, the positive class and the features."""

from typing import Any, NoReturn

import streamlit as st

import ui
from lib.io import MISSING, PreparedData, class_counts
from lib.studies.your_data import UploadSummary, upload_summary


def refuse(key: str, err: ValueError) -> NoReturn:
    """Show why the file or the task cannot be used, and stop the page."""
    st.error(ui.tr(key, message=ui.error_text(err)), icon=":material/error:")
    st.stop()


def render(frame: Any, digest: str) -> tuple[PreparedData, UploadSummary]:
    """Target, positive class, features and missing-value rule; the prepared task."""
    columns = list(frame.columns)
    left, right = st.columns(2)
    target = left.selectbox(
        ui.tr("upload.target"),
        columns,
        index=len(columns) - 1,
        key=f"upload_target_{digest}",
        help=ui.tr("upload.target_help"),
    )
    try:
        counts = class_counts(frame, target)
    except ValueError as err:
        refuse("upload.bad_task", err)
    labels = [c for c in counts.index if c != MISSING]
    positive = right.selectbox(
        ui.tr("upload.positive"),
        labels,
        index=max(0, len(labels) - 1),
        key=f"upload_positive_{digest}_{target}",
        help=ui.tr("upload.positive_help"),
    )
    features = st.multiselect(
        ui.tr("upload.features"),
        [c for c in columns if c != target],
        default=[c for c in columns if c != target],
        key=f"upload_features_{digest}_{target}",
    )
    drop = st.checkbox(ui.tr("upload.drop_missing"), key=f"upload_drop_{digest}")
    left.dataframe(counts.rename(ui.tr("upload.count")).to_frame(), width="stretch")
    rule = "drop" if drop else "refuse"
    try:
        prepared = ui.upload_task(digest, target, positive, tuple(features), rule, frame)
    except ValueError as err:
        refuse("upload.bad_task", err)
    choices = {"target": target, "positive": positive, "features": features, "drop": drop}
    summary = upload_summary(prepared, digest=digest, **choices)
    with right:
        ui.metric_row(
            ("upload.rows", f"{summary.data.rows:,}"),
            ("upload.ratio", f"1:{summary.data.majority_per_minority:,.1f}"),
        )
        if prepared.encoded:
            encoded = ", ".join(f"{k} ({v})" for k, v in prepared.encoded.items())
            st.caption(ui.tr("upload.encoded", columns=encoded))
        if prepared.dropped_rows:
            st.caption(ui.tr("upload.dropped", n=f"{prepared.dropped_rows:,}"))
    return prepared, summary
