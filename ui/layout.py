"""Layout helpers every page uses: headers, plots, tables, notes and guarded panels.

A page script calls these instead of repeating Streamlit calls: the same
header, the same plot toolbar and accessible text summary, the same
per-class table, the same honest notes on sampled data, the same way of
showing an error from ``lib`` (:func:`guarded`).
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from numpy.typing import NDArray

from lib.budgets import STRATEGY_MAX_ROWS
from lib.i18n import DEFAULT_LANGUAGE
from lib.io import keras_snippet, pos_weight, pytorch_snippet, sklearn_snippet
from lib.settings import Settings, to_query
from lib.viz import describe
from lib.viz.palette import INK_COLOR
from ui.registry import page_of
from ui.state import current_settings, error_text, lang, page_keys, tr
from ui.style import CAPTION_COLOR

PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}

#: Projector mode for every chart (the page's style sheet is in ui.chrome):
#: bigger fonts, thicker lines, black text.
PROJECTOR_FONT, PROJECTOR_LINE = 18, 4.0


def projector() -> bool:
    """Whether projector mode is on (sidebar toggle, ``?proj=1``)."""
    return bool(st.session_state.get(page_keys("proj")[0], False))


def for_projector(fig: go.Figure) -> go.Figure:
    """A figure restyled for a projector: bigger fonts, black text, thick lines."""
    font = {"size": PROJECTOR_FONT, "color": INK_COLOR}
    fig.update_layout(font=font, title_font_size=PROJECTOR_FONT + 4, legend_font=font)
    # Streamlit's chart theme styles the axes itself: set them explicitly.
    fig.update_xaxes(tickfont=font, title_font=font)
    fig.update_yaxes(tickfont=font, title_font=font)
    for trace in fig.data:
        if trace.type == "scatter" and "lines" in (trace.mode or "lines"):
            trace.line.width = max(PROJECTOR_LINE, trace.line.width or 0)
    return fig


#: Streamlit writes the uploader's button and size note itself, in English;
#: in another language these rules hide that text and show the catalogue's.
#: A name from CSS ``content`` is not one every screen reader (or axe-core)
#: reads, so a script also gives the button the shown words as its
#: ``aria-label``: Streamlit may draw the button after the script runs, and
#: again later, so an observer names every such button while the marker
#: ``data-upload-name`` is on the page (and removes the name once it is gone,
#: after a switch back to English). The marker's own slot is hidden.
_UPLOADER_HTML = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after
{{ content: "{button}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after
{{ content: "{note}"; font-size: 0.875rem; color: {note_color}; }}
.stElementContainer:has(> .stHtml > [data-upload-name]) {{ display: none; }}
</style>
<span data-upload-name="{name}" hidden></span>
<script>
(() => {{
  const nameButtons = () => {{
    const name = document.querySelector("[data-upload-name]")?.dataset.uploadName;
    const buttons = '[data-testid="stFileUploaderDropzone"] button';
    for (const button of document.querySelectorAll(buttons)) {{
      if (name && button.getAttribute("aria-label") !== name) {{
        button.setAttribute("aria-label", name);
        button.dataset.uploadNamed = "1";
      }} else if (!name && button.dataset.uploadNamed) {{
        button.removeAttribute("aria-label");
        delete button.dataset.uploadNamed;
      }}
    }}
  }};
  if (!window.uploadNamer) {{
    window.uploadNamer = new MutationObserver(nameButtons);
    window.uploadNamer.observe(document.body, {{ childList: true, subtree: true }});
  }}
  nameButtons();
}})();
</script>"""


def file_uploader(label: str, types: Sequence[str], max_mb: int, **kwargs: Any) -> Any:
    """``st.file_uploader`` whose own button and size note are in the current language."""
    if lang() != DEFAULT_LANGUAGE:

        def css_text(key: str, **values: Any) -> str:
            return tr(key, **values).replace("\\", "").replace('"', "'")

        st.html(
            _UPLOADER_HTML.format(
                button=css_text("upload.browse"),
                note=css_text(
                    "upload.limit_note", mb=max_mb, types=", ".join(t.upper() for t in types)
                ),
                note_color=CAPTION_COLOR,
                name=html.escape(tr("upload.browse")),
            ),
            unsafe_allow_javascript=True,
        )
    return st.file_uploader(label, type=list(types), **kwargs)


def page_header(prefix: str) -> None:
    """Title and introduction of a page from ``{prefix}.title`` / ``.intro``."""
    st.title(tr(f"{prefix}.title"))
    st.markdown(tr(f"{prefix}.intro"))


def section(title: str) -> None:
    """A section heading under the page's title: ``<h2>``, at ``st.subheader``'s size.

    Pages call this instead of ``st.subheader`` (an ``<h3>``), so that no
    heading level is skipped after the ``<h1>`` of :func:`page_header`;
    :mod:`ui.style` keeps the size the sections had.
    """
    st.header(title)


def look_for(prefix: str) -> None:
    """The page's "what to look for" box."""
    st.info(tr(f"{prefix}.look_for"), icon=":material/visibility:")


def plot(fig: go.Figure, key: str) -> None:
    """Show a figure at full width with a PNG download button in its toolbar.

    Screen readers get a text summary of it (:func:`lib.viz.describe`).
    """
    if projector():
        fig = for_projector(fig)
    st.plotly_chart(fig, key=key, config=PLOT_CONFIG, width="stretch", alt=describe(fig, tr=tr))


def page_link(script: str) -> None:
    """A link to another page that carries the current settings along."""
    page = page_of(script)
    st.page_link(
        page.script,
        label=tr(page.title_key),
        icon=page.icon,
        query_params=to_query(current_settings()),
    )


def subsample_note(y: NDArray[np.int64], shown: NDArray[np.int64]) -> None:
    """Say honestly how many points a scatter leaves out."""
    n0, n1 = int(np.sum(y == 0)), int(np.sum(y == 1))
    drawn0, drawn1 = int(np.sum(y[shown] == 0)), int(np.sum(y[shown] == 1))
    if drawn1 < n1:
        st.caption(
            tr(
                "data.subsampled_both",
                shown0=f"{drawn0:,}",
                total0=f"{n0:,}",
                shown1=f"{drawn1:,}",
                total1=f"{n1:,}",
            )
        )
    elif drawn0 < n0:
        st.caption(tr("data.subsampled", shown=f"{drawn0:,}", total=f"{n0:,}", minority=f"{n1:,}"))


def take_home(s: Settings) -> None:
    """Code that reproduces the weighted model in scikit-learn, PyTorch and Keras."""
    section(tr("export.heading"))
    st.markdown(tr("export.text"))
    sklearn_tab, torch_tab, keras_tab = st.tabs(["scikit-learn", "PyTorch", "Keras"])
    with sklearn_tab:
        st.code(
            sklearn_snippet(s.n, s.ratio, s.sep, s.seed, s.w0, s.w1, shape=s.shape),
            language="python",
        )
    with torch_tab:
        st.markdown(
            tr(
                "export.pos_weight",
                q=f"{pos_weight(s.w0, s.w1):.6g}",
                w0=f"{s.w0:.4g}",
                w1=f"{s.w1:.4g}",
            )
        )
        st.code(pytorch_snippet(s.w0, s.w1), language="python")
    with keras_tab:
        st.code(keras_snippet(s.w0, s.w1), language="python")


def metrics_table(reports: dict[str, pd.DataFrame]) -> None:
    """Per-class report tables (see ``lib.metrics.per_class_report``) side by side.

    One column group per model, translated column names, and every number
    but the support shown with three decimals.
    """
    table = pd.concat(reports, axis=1).rename(
        columns={
            "precision": tr("metrics.precision"),
            "recall": tr("metrics.recall"),
            "f_beta": tr("metrics.f05"),
            "support": tr("metrics.support"),
        }
    )
    table.index.name = tr("metrics.class")
    support = tr("metrics.support")
    st.dataframe(
        table.style.format("{:.3f}", subset=[c for c in table.columns if c[1] != support]),
        width="stretch",
    )


@contextmanager
def guarded() -> Iterator[None]:
    """Show a ``ValueError`` from ``lib`` as an actionable message, not a traceback."""
    try:
        yield
    except ValueError as err:
        st.error(tr("error.value", message=error_text(err)), icon=":material/error:")


def metric_row(*items: tuple[str, str]) -> None:
    """A row of ``st.metric``; each item is (catalogue key, value), help under ``key_help``."""
    for column, (key, value) in zip(st.columns(len(items)), items, strict=True):
        column.metric(tr(key), value, help=tr(f"{key}_help"))


def rows_note(n: int, cap: int = STRATEGY_MAX_ROWS) -> None:
    """Say so when a page works on a stratified sample of the data."""
    if n > cap:
        st.caption(tr("strategies.capped", n=f"{n:,}", cap=f"{cap:,}"))


def strategy_label(name: str) -> str:
    """Display name of a strategy."""
    return tr(f"strategy.{name}.name")
