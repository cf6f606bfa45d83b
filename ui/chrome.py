"""Page chrome: the navigation menu and the shared sidebar around every page.

The sidebar's widgets (data, weights, language, projector mode, copy link)
live in the entry script, so their values survive page switches; their
values are bound to the URL by :mod:`ui.state`.
"""

from __future__ import annotations

import html
import json
from typing import Any

import streamlit as st

from lib.data import SHAPES
from lib.i18n import languages, translate
from lib.settings import (
    N_CHOICES,
    RATIO_CHOICES,
    SEED_MAX,
    SEP_MAX,
    SEP_MIN,
    SEP_STEP,
    WEIGHT_MAX,
    WEIGHT_MIN,
    ParamSpec,
    Settings,
    choice_param,
    to_query,
)
from lib.weights import class_weights
from ui import style
from ui.cache import dataset
from ui.live_views import ratio_control
from ui.registry import PAGES, SECTIONS
from ui.state import (
    SETTING_KEYS,
    bound,
    clear_notices,
    current_settings,
    data_key,
    show_notice,
    start_session,
    tr,
    value_key,
    widget_key,
)

#: Projector mode: larger type and high-contrast text for the whole page
#: (Streamlit sizes everything in rem); charts: ui.layout.for_projector.
PROJECTOR_CSS = """<style>
html { font-size: 20px; }
[data-testid="stMain"] p:not(button p), [data-testid="stMain"] li,
[data-testid="stMain"] td, [data-testid="stSidebar"] p:not(button p),
[data-testid="stSidebar"] label { color: #000000; }
</style>"""


def navigation() -> Any:
    """Register the app's pages with ``st.navigation`` and return the current one.

    The menu is grouped in the sections the registry declares and always
    fully expanded: a teacher should see every page without a "View more"
    click. The current page's path is kept for :func:`ui.state.bound`.
    """
    sections: dict[str, list[Any]] = {tr(key): [] for key in SECTIONS}
    for index, page in enumerate(PAGES):
        sections[tr(page.section)].append(
            st.Page(
                page.script,
                title=tr(page.title_key),
                icon=page.icon,
                url_path=page.path,
                default=index == 0,
            )
        )
    current = st.navigation(sections, expanded=True)
    st.session_state["_page_path"] = current.url_path
    return current


def _set_balanced() -> None:
    _, y = dataset(*data_key(current_settings()))
    weights = class_weights(y, "balanced")
    st.session_state[widget_key("w0")] = weights[0]
    st.session_state[widget_key("w1")] = weights[1]
    clear_notices()


def _set_unit_weights() -> None:
    st.session_state[widget_key("w0")] = 1.0
    st.session_state[widget_key("w1")] = 1.0
    clear_notices()


def sidebar() -> Settings:
    """Draw the shared sidebar, keep the URL in sync and return the settings.

    Called once per run by ``app.py`` before the page; the widgets live in the
    entry script, so their values survive page switches.
    """
    start_session()
    style.apply()
    for name in SETTING_KEYS:
        if widget_key(name) not in st.session_state:
            st.session_state[widget_key(name)] = st.session_state[value_key(name)]
    with st.sidebar:
        st.subheader(tr("sidebar.data"))
        st.select_slider(
            tr("sidebar.ratio"),
            options=RATIO_CHOICES,
            key=widget_key("ratio"),
            format_func=lambda r: f"1:{r:,}",
            help=tr("sidebar.ratio_help"),
            on_change=clear_notices,
        )
        st.select_slider(
            tr("sidebar.n"),
            options=N_CHOICES,
            key=widget_key("n"),
            format_func=lambda n: f"{n:,}",
            on_change=clear_notices,
        )
        st.slider(
            tr("sidebar.sep"),
            min_value=SEP_MIN,
            max_value=SEP_MAX,
            step=SEP_STEP,
            key=widget_key("sep"),
            help=tr("sidebar.sep_help"),
            on_change=clear_notices,
        )
        # names looked up now: a format_func that read the language later
        # (e.g. when a test inspects the widget) could disagree with the options
        shape_names = {shape: tr(f"shape.{shape}") for shape in SHAPES}
        st.selectbox(
            tr("sidebar.shape"),
            options=SHAPES,
            key=widget_key("shape"),
            format_func=shape_names.__getitem__,
            help=tr("sidebar.shape_help"),
            on_change=clear_notices,
        )
        st.number_input(
            tr("sidebar.seed"),
            min_value=0,
            max_value=SEED_MAX,
            step=1,
            key=widget_key("seed"),
            on_change=clear_notices,
        )
        st.subheader(tr("sidebar.weights"))
        col0, col1 = st.columns(2)
        for column, name in ((col0, "w0"), (col1, "w1")):
            column.number_input(
                name,
                min_value=WEIGHT_MIN,
                max_value=WEIGHT_MAX,
                key=widget_key(name),
                format="%.4g",
                step=0.1,
                help=tr(f"sidebar.{name}_help"),
                on_change=clear_notices,
            )
        col0.button(
            tr("sidebar.balanced"),
            on_click=_set_balanced,
            help=tr("sidebar.balanced_help"),
            width="stretch",
        )
        col1.button(tr("sidebar.reset_weights"), on_click=_set_unit_weights, width="stretch")
        ratio_slot = st.container()
        st.selectbox(
            tr("sidebar.lang"),
            options=languages(),
            key=widget_key("lang"),
            format_func=lambda code: translate("language.name", code),
            on_change=clear_notices,
        )
        projector_slot = st.container()
        copy_link()
    for name in SETTING_KEYS:
        st.session_state[value_key(name)] = st.session_state[widget_key(name)]
    settings = current_settings()
    st.query_params.from_dict(to_query(settings))
    with projector_slot:  # after from_dict, which would drop its query parameter
        _projector_toggle()
    with ratio_slot:  # drawn from the settings of this run, after the weight inputs
        ratio_control(settings)
    for notice in st.session_state.get("_notices", []):
        show_notice(notice)
    return settings


def _projector_toggle() -> None:
    on = bound(
        ParamSpec(
            "proj",
            False,
            lambda raw: choice_param(("0", "1"))(raw) == "1",
            fmt=lambda v: "1" if v else "0",
        ),
        lambda key: st.toggle(tr("sidebar.projector"), key=key, help=tr("sidebar.projector_help")),
    )
    if on:
        st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)


#: A button that copies the address bar: every setting of the page is in the
#: URL (also after a fragment rerun, which the server-side script would not
#: see), so the browser's own location is the link to share. The component's
#: iframe has the app's origin and Streamlit allows it clipboard-write;
#: execCommand is the fallback where the Clipboard API is refused.
_COPY_LINK_HTML = """<style>
body {{ margin: 0; }}
button {{ font: 400 14px "Source Sans", sans-serif; color: #31333f; background: #fff;
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 8px; padding: 6px 12px;
  cursor: pointer; width: 100%; }}
button:hover, button:focus-visible {{ border-color: #ff4b4b; color: #ff4b4b; outline: none; }}
</style>
<button id="copy" type="button" title="{help}">{label}</button>
<script>
const button = document.getElementById("copy");
button.addEventListener("click", async () => {{
  const url = window.parent.location.href;
  try {{ await navigator.clipboard.writeText(url); }}
  catch (err) {{
    const area = document.createElement("textarea");
    area.value = url; document.body.appendChild(area); area.select();
    document.execCommand("copy"); area.remove();
  }}
  button.textContent = {done_js};
  setTimeout(() => {{ button.textContent = {label_js}; }}, 2000);
}});
</script>"""


def copy_link() -> None:
    """The sidebar's "Copy link" button: the exact view, settings included."""
    label, done = tr("sidebar.copy_link"), tr("sidebar.copied")
    st.iframe(
        _COPY_LINK_HTML.format(
            label=html.escape(label),
            help=html.escape(tr("sidebar.copy_link_help")),
            label_js=json.dumps(label),
            done_js=json.dumps(done),
        ),
        height=44,
    )
