"""Your data: upload a CSV, choose the target and run the arena on it."""

import hashlib

import streamlit as st

import ui
from lib.datasets import example_csv
from lib.upload import MAX_BYTES, MAX_ROWS, MISSING, class_counts


def use(source: str) -> None:
    # The last action wins: a new upload replaces the example and vice versa.
    st.session_state["_upload_source"] = source


ui.page_header("upload")
max_mb = MAX_BYTES // 1024**2
uploaded = ui.file_uploader(
    ui.tr("upload.file"),
    ("csv", "txt", "tsv"),
    max_mb,
    help=ui.tr("upload.file_help", mb=max_mb, rows=f"{MAX_ROWS:,}"),
    key="upload_file",
    on_change=use,
    args=("file",),
)
st.button(
    ui.tr("upload.example"),
    icon=":material/science:",
    key="upload_example",
    on_click=use,
    args=("example",),
)
source = st.session_state.get("_upload_source", "file")
if source == "file" and uploaded is not None:
    data, name = uploaded.getvalue(), uploaded.name
elif source == "example":
    data, name = example_csv(), "breast_cancer_example.csv"
else:
    st.info(ui.tr("upload.waiting"), icon=":material/upload_file:")
    ui.look_for("upload")
    st.stop()

digest = hashlib.sha256(data).hexdigest()
try:
    frame = ui.upload_frame(digest, name, data)
except ValueError as err:
    st.error(ui.tr("upload.bad_file", message=ui.error_text(err)), icon=":material/error:")
    st.stop()
st.caption(ui.tr("upload.loaded", name=name, rows=f"{len(frame):,}", cols=frame.shape[1]))
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
    st.error(ui.tr("upload.bad_task", message=ui.error_text(err)), icon=":material/error:")
    st.stop()
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
try:
    prepared = ui.upload_task(
        digest, target, positive, tuple(features), "drop" if drop else "refuse", frame
    )
except ValueError as err:
    st.error(ui.tr("upload.bad_task", message=ui.error_text(err)), icon=":material/error:")
    st.stop()
with right:
    n1 = int(prepared.y.sum())
    ui.metric_row(
        ("upload.rows", f"{len(prepared.y):,}"),
        ("upload.ratio", f"1:{(len(prepared.y) - n1) / n1:,.1f}"),
    )
    if prepared.encoded:
        st.caption(
            ui.tr(
                "upload.encoded",
                columns=", ".join(f"{k} ({v})" for k, v in prepared.encoded.items()),
            )
        )
    if prepared.dropped_rows:
        st.caption(ui.tr("upload.dropped", n=f"{prepared.dropped_rows:,}"))
s = ui.current_settings()
task = hashlib.sha256(repr((digest, target, positive, tuple(features), drop)).encode())
ui.arena(prepared.X, prepared.y, f"upload-{task.hexdigest()[:24]}", seed=s.seed)
ui.look_for("upload")
