"""Your data: upload a CSV, choose the target and run the arena on it.

The task choices are a section in views/your_data_parts/.
"""

import streamlit as st

import ui
from lib.io import MAX_ROWS, example_csv
from lib.studies.your_data import MAX_MB, file_digest
from views.your_data_parts import task


def use(source: str) -> None:
    """Remember which data the page shows: the uploaded file or the example."""
    # The last action wins: a new upload replaces the example and vice versa.
    st.session_state["_upload_source"] = source


ui.page_header("upload")
uploaded = ui.file_uploader(
    ui.tr("upload.file"),
    ("csv", "txt", "tsv"),
    MAX_MB,
    help=ui.tr("upload.file_help", mb=MAX_MB, rows=f"{MAX_ROWS:,}"),
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

digest = file_digest(data)
try:
    frame = ui.upload_frame(digest, name, data)
except ValueError as err:
    task.refuse("upload.bad_file", err)
st.caption(ui.tr("upload.loaded", name=name, rows=f"{len(frame):,}", cols=frame.shape[1]))
prepared, summary = task.render(frame, digest)
s = ui.current_settings()
ui.arena(prepared.X, prepared.y, summary.data_id, seed=s.seed)
ui.look_for("upload")
