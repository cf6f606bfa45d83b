"""Streamlit glue shared by every page.

Settings widgets bound to the URL query string, cached wrappers around
``lib`` (``st.cache_data`` with ``max_entries``), the translation lookup and
small layout helpers. Pages import this module and stay short; ``lib`` never
imports streamlit.

The page scripts live in ``views/``, not ``pages/``: Streamlit 1.67 still
treats a ``pages/`` folder beside the entry script as a legacy (v1)
multipage app on a fresh server, running a deep-linked page without
``app.py`` and resetting the sidebar widgets on the first interaction.
"""

from __future__ import annotations

import html
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from numpy.typing import NDArray

from lib.boundary_report import (
    BoundarySummary,
    NonlinearComparison,
    compare_nonlinear,
    summarise_boundaries,
)
from lib.data import (
    SHAPES,
    display_subsample,
    majority_sample,
    make_imbalanced,
    plot_extent,
    project_1d,
    stratified_subsample,
)
from lib.evaluation import CrossValidationResult, cross_validate_strategies, summary_wide
from lib.export import keras_snippet, pos_weight, pytorch_snippet, sklearn_snippet
from lib.figures import describe
from lib.figures_strategies import interval_chart
from lib.gradients import ConvergenceComparison, compare_convergence, gradient_descent
from lib.i18n import DEFAULT_LANGUAGE, languages, translate
from lib.i18n import error_text as _error_text
from lib.models import (
    fit_focal_linear,
    fit_logistic,
    model_probability_grid,
    predict_proba_linear,
    probability_grid,
    train_binary_sgd,
)
from lib.repair import CalibrationRepair, calibration_repair
from lib.settings import (
    N_CHOICES,
    RATIO_CHOICES,
    SEED_MAX,
    SEP_MAX,
    SEP_MIN,
    SEP_STEP,
    WEIGHT_MAX,
    WEIGHT_MIN,
    Notice,
    ParamError,
    ParamSpec,
    Settings,
    choice_param,
    float_param,
    log_choice_param,
    parse_params,
    parse_query,
    to_query,
)
from lib.strategies import STRATEGIES, StrategyFit, fit_strategy
from lib.surface import SurfaceGrid, loss_surface, surface_grid
from lib.thresholds import (
    ThresholdReport,
    threshold_report,
    tune_plain_threshold,
    weighting_gap_row,
)
from lib.training import TrainingResult
from lib.upload import PreparedData, prepare, read_csv
from lib.weights import class_weights

T = TypeVar("T")

#: Page registry: (script, url path, title key, icon). The overview is "/".
PAGES = (
    ("views/overview.py", "overview", "nav.overview", ":material/balance:"),
    ("views/lessons.py", "lessons", "nav.lessons", ":material/menu_book:"),
    ("views/loss_surface.py", "loss-surface", "nav.loss_surface", ":material/landscape:"),
    ("views/gradients.py", "gradients", "nav.gradients", ":material/trending_down:"),
    ("views/boundaries.py", "boundaries", "nav.boundaries", ":material/border_style:"),
    ("views/weight_schemes.py", "weight-schemes", "nav.weight_schemes", ":material/bar_chart:"),
    ("views/focal_loss.py", "focal-loss", "nav.focal_loss", ":material/center_focus_strong:"),
    (
        "views/class_balanced.py",
        "class-balanced",
        "nav.class_balanced",
        ":material/stacked_bar_chart:",
    ),
    ("views/sample_weights.py", "sample-weights", "nav.sample_weights", ":material/scale:"),
    ("views/training_loss.py", "training-loss", "nav.training_loss", ":material/school:"),
    ("views/resampling.py", "resampling", "nav.resampling", ":material/scatter_plot:"),
    ("views/probabilities.py", "probabilities", "nav.probabilities", ":material/percent:"),
    ("views/ensembles.py", "ensembles", "nav.ensembles", ":material/forest:"),
    ("views/thresholds.py", "thresholds", "nav.thresholds", ":material/tune:"),
    ("views/prevalence.py", "prevalence", "nav.prevalence", ":material/public:"),
    ("views/arena.py", "arena", "nav.arena", ":material/emoji_events:"),
    ("views/your_data.py", "your-data", "nav.your_data", ":material/upload_file:"),
)
#: Navigation sections: (title key, number of consecutive ``PAGES`` in it).
SECTIONS = (("nav.section.core", 5), ("nav.section.weights", 5), ("nav.section.beyond", 7))
#: Largest number of points of a class drawn in a scatter: every minority
#: point of a rare class is drawn (see lib.data.display_subsample). Small
#: enough for SVG markers (lib.figures.SVG_MAX_POINTS), which redraw faster
#: than a software WebGL context.
MAX_DISPLAY_POINTS = 1200
PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}

_SETTING_KEYS = tuple(asdict(Settings()).keys())


# ---------------------------------------------------------------- language
def lang() -> str:
    """Current interface language code."""
    value = st.session_state.get(_value("lang"), DEFAULT_LANGUAGE)
    return value if value in languages() else DEFAULT_LANGUAGE


def tr(key: str, **values: Any) -> str:
    """Translate ``key`` into the current language (the one lookup of the app)."""
    return translate(key, lang(), **values)


def error_text(err: BaseException | str) -> str:
    """An error from ``lib`` in the current language (other libraries' text as it is)."""
    return _error_text(err, lang())


# ---------------------------------------------------------------- settings
def _clear_notices() -> None:
    st.session_state["_notices"] = []


def _widget(name: str) -> str:
    """Session-state key of a sidebar widget."""
    return f"sb_{name}"


def _value(name: str) -> str:
    """Session-state key of a setting's last value.

    Streamlit may drop a widget's state on a page switch; the value kept under
    this second key restores it, so settings survive navigation.
    """
    return f"_value_{name}"


def _page_keys(name: str) -> tuple[str, str]:
    """Session-state keys of a page setting: its widget's and the kept value's.

    The kept value survives page switches (see :func:`bound`).
    """
    return f"page_{name}", f"_keep_{name}"


def _start_session() -> None:
    """Read the URL once per browser session and seed the settings from it."""
    if "_raw_query" in st.session_state:
        return
    raw = st.query_params.to_dict()
    st.session_state["_raw_query"] = raw
    settings, notices = parse_query(raw)
    for name, value in asdict(settings).items():
        st.session_state[_value(name)] = value
    st.session_state["_notices"] = notices


def apply_preset(preset: Mapping[str, str]) -> None:
    """Apply query-string values to this session, as if its link had them.

    Shared settings go to the sidebar widgets; a page's own settings are
    re-read, with the usual validation, when that page next draws them.
    Used as a button callback before switching pages (a lesson's preset).
    """
    settings, notices = parse_query({**to_query(current_settings()), **preset})
    for name, value in asdict(settings).items():
        st.session_state[_widget(name)] = value
        st.session_state[_value(name)] = value
    raw = dict(st.session_state.get("_raw_query", {}))
    for name, value in preset.items():
        if name not in _SETTING_KEYS:
            raw[name] = value
            for key in _page_keys(name):
                st.session_state.pop(key, None)
    st.session_state["_raw_query"] = raw
    st.session_state["_notices"] = notices


def script_of(path: str) -> str:
    """The page script served at URL path ``path``."""
    for script, url_path, _, _ in PAGES:
        if url_path == path:
            return script
    raise ValueError(f"unknown page path {path!r}")


def _set_balanced() -> None:
    s = current_settings()
    _, y = dataset(*data_key(s))
    weights = class_weights(y, "balanced")
    st.session_state[_widget("w0")] = weights[0]
    st.session_state[_widget("w1")] = weights[1]
    _clear_notices()


def _set_unit_weights() -> None:
    st.session_state[_widget("w0")] = 1.0
    st.session_state[_widget("w1")] = 1.0
    _clear_notices()


def navigation() -> Any:
    """Register the app's pages with ``st.navigation`` and return the current one.

    The menu is grouped in sections and always fully expanded: a teacher
    should see every page without a "View more" click.
    """
    pages = [
        st.Page(path, title=tr(title_key), icon=icon, url_path=url, default=index == 0)
        for index, (path, url, title_key, icon) in enumerate(PAGES)
    ]
    sections, start = {}, 0
    for title_key, count in SECTIONS:
        sections[tr(title_key)] = pages[start : start + count]
        start += count
    return st.navigation(sections, expanded=True)


def current_settings() -> Settings:
    """The shared settings as the sidebar widgets hold them now."""
    return Settings(**{name: st.session_state[_value(name)] for name in _SETTING_KEYS})


def sidebar() -> Settings:
    """Draw the shared sidebar, keep the URL in sync and return the settings.

    Called once per run by ``app.py`` before the page; the widgets live in the
    entry script, so their values survive page switches.
    """
    _start_session()
    for name in _SETTING_KEYS:
        if _widget(name) not in st.session_state:
            st.session_state[_widget(name)] = st.session_state[_value(name)]
    with st.sidebar:
        st.subheader(tr("sidebar.data"))
        st.select_slider(
            tr("sidebar.ratio"),
            options=RATIO_CHOICES,
            key=_widget("ratio"),
            format_func=lambda r: f"1:{r:,}",
            help=tr("sidebar.ratio_help"),
            on_change=_clear_notices,
        )
        st.select_slider(
            tr("sidebar.n"),
            options=N_CHOICES,
            key=_widget("n"),
            format_func=lambda n: f"{n:,}",
            on_change=_clear_notices,
        )
        st.slider(
            tr("sidebar.sep"),
            min_value=SEP_MIN,
            max_value=SEP_MAX,
            step=SEP_STEP,
            key=_widget("sep"),
            help=tr("sidebar.sep_help"),
            on_change=_clear_notices,
        )
        # names looked up now: a format_func that read the language later
        # (e.g. when a test inspects the widget) could disagree with the options
        shape_names = {shape: tr(f"shape.{shape}") for shape in SHAPES}
        st.selectbox(
            tr("sidebar.shape"),
            options=SHAPES,
            key=_widget("shape"),
            format_func=shape_names.__getitem__,
            help=tr("sidebar.shape_help"),
            on_change=_clear_notices,
        )
        st.number_input(
            tr("sidebar.seed"),
            min_value=0,
            max_value=SEED_MAX,
            step=1,
            key=_widget("seed"),
            on_change=_clear_notices,
        )
        st.subheader(tr("sidebar.weights"))
        col0, col1 = st.columns(2)
        col0.number_input(
            "w0",
            min_value=WEIGHT_MIN,
            max_value=WEIGHT_MAX,
            key=_widget("w0"),
            format="%.4g",
            step=0.1,
            help=tr("sidebar.w0_help"),
            on_change=_clear_notices,
        )
        col1.number_input(
            "w1",
            min_value=WEIGHT_MIN,
            max_value=WEIGHT_MAX,
            key=_widget("w1"),
            format="%.4g",
            step=0.1,
            help=tr("sidebar.w1_help"),
            on_change=_clear_notices,
        )
        col0.button(
            tr("sidebar.balanced"),
            on_click=_set_balanced,
            help=tr("sidebar.balanced_help"),
            width="stretch",
        )
        col1.button(tr("sidebar.reset_weights"), on_click=_set_unit_weights, width="stretch")
        st.selectbox(
            tr("sidebar.lang"),
            options=languages(),
            key=_widget("lang"),
            format_func=lambda code: translate("language.name", code),
            on_change=_clear_notices,
        )
        projector_slot = st.container()
        copy_link()
    for name in _SETTING_KEYS:
        st.session_state[_value(name)] = st.session_state[_widget(name)]
    settings = current_settings()
    st.query_params.from_dict(to_query(settings))
    with projector_slot:  # after from_dict, which would drop its query parameter
        _projector_toggle()
    for notice in st.session_state.get("_notices", []):
        show_notice(notice)
    return settings


#: Projector mode: larger type and high-contrast text for the whole page
#: (Streamlit sizes everything in rem) ...
_PROJECTOR_CSS = """<style>
html { font-size: 20px; }
[data-testid="stMain"] p:not(button p), [data-testid="stMain"] li,
[data-testid="stMain"] td, [data-testid="stSidebar"] p:not(button p),
[data-testid="stSidebar"] label { color: #000000; }
</style>"""
#: ... and for every chart: bigger fonts, thicker lines, black text.
PROJECTOR_FONT, PROJECTOR_LINE = 18, 4.0


def projector() -> bool:
    """Whether projector mode is on (sidebar toggle, ``?proj=1``)."""
    return bool(st.session_state.get(_page_keys("proj")[0], False))


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
        st.markdown(_PROJECTOR_CSS, unsafe_allow_html=True)


#: Streamlit writes the uploader's button and size note itself, in English;
#: in another language these rules hide that text and show the catalogue's.
_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after
{{ content: "{button}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after
{{ content: "{note}"; font-size: 0.875rem; color: rgba(49, 51, 63, 0.6); }}
</style>"""


def file_uploader(label: str, types: Sequence[str], max_mb: int, **kwargs: Any) -> Any:
    """``st.file_uploader`` whose own button and size note are in the current language."""
    if lang() != DEFAULT_LANGUAGE:

        def css_text(key: str, **values: Any) -> str:
            return tr(key, **values).replace("\\", "").replace('"', "'")

        st.html(
            _UPLOADER_CSS.format(
                button=css_text("upload.browse"),
                note=css_text(
                    "upload.limit_note", mb=max_mb, types=", ".join(t.upper() for t in types)
                ),
            )
        )
    return st.file_uploader(label, type=list(types), **kwargs)


def _for_projector(fig: go.Figure) -> go.Figure:
    font = {"size": PROJECTOR_FONT, "color": "#000000"}
    fig.update_layout(font=font, title_font_size=PROJECTOR_FONT + 4, legend_font=font)
    # Streamlit's chart theme styles the axes itself: set them explicitly.
    fig.update_xaxes(tickfont=font, title_font=font)
    fig.update_yaxes(tickfont=font, title_font=font)
    for trace in fig.data:
        if trace.type == "scatter" and "lines" in (trace.mode or "lines"):
            trace.line.width = max(PROJECTOR_LINE, trace.line.width or 0)
    return fig


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


def show_notice(notice: Notice) -> None:
    """Explain a URL value that could not be used."""
    st.warning(
        tr(
            "notice.template",
            param=notice.param,
            raw=notice.raw,
            reason=tr(notice.reason, **notice.values),
            used=notice.used,
        ),
        icon=":material/link_off:",
    )


def bound(spec: ParamSpec, render: Callable[[str], T]) -> T:
    """A page-specific widget whose value is also a query parameter.

    ``render(key)`` draws the widget with that session-state key. The first
    time the widget appears its value comes from the URL the session was
    opened with (bad values fall back to the default with a notice); later it
    keeps the user's last choice even after visiting other pages.
    """
    key, keep = _page_keys(spec.name)
    if key not in st.session_state:
        if keep in st.session_state:
            st.session_state[key] = st.session_state[keep]
        else:
            values, notices = parse_params(st.session_state.get("_raw_query", {}), [spec])
            st.session_state[key] = values[spec.name]
            for notice in notices:
                show_notice(notice)
    value = render(key)
    st.session_state[keep] = value
    st.query_params[spec.name] = spec.fmt(value)
    return value


def slider_param(
    name: str,
    options: Sequence[Any],
    default: Any,
    label: str,
    *,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
) -> Any:
    """A page-specific select slider bound to the query parameter ``name``.

    Whole-number options accept only listed values (others snap to the
    nearest on a log scale, with a notice); text options must match exactly.
    """
    numeric = all(isinstance(o, int) for o in options)
    parse = log_choice_param(options) if numeric else choice_param(options)
    return bound(
        ParamSpec(name, default, parse),
        lambda key: st.select_slider(
            label, options=options, key=key, format_func=format_func, help=help
        ),
    )


def number_param(
    name: str, default: float, low: float, high: float, label: str, *, help: str | None = None
) -> float:
    """A page-specific number input in ``[low, high]`` bound to the query parameter ``name``."""
    value: float = bound(
        ParamSpec(name, default, float_param(low, high), fmt=repr),
        lambda key: st.number_input(
            label, min_value=low, max_value=high, key=key, format="%.4g", help=help
        ),
    )
    return value


#: Largest misclassification cost a page accepts.
COST_MAX = 1e6


def cost_params(fn_column: Any, fp_column: Any) -> tuple[float, float]:
    """The costs of a false negative and a false positive (``cfn``, ``cfp``; 100 and 1).

    One pair of inputs for every page that prices errors (thresholds,
    prevalence), so a link carries the same costs from one to the other.
    """
    with fn_column:
        cost_fn = number_param(
            "cfn", 100.0, 0.001, COST_MAX, tr("thresholds.cost_fn"), help=tr("thresholds.cost_help")
        )
    with fp_column:
        cost_fp = number_param(
            "cfp", 1.0, 0.001, COST_MAX, tr("thresholds.cost_fp"), help=tr("thresholds.cost_help")
        )
    return cost_fn, cost_fp


def radio_param(
    name: str,
    options: Sequence[str],
    default: str,
    label: str,
    *,
    format_func: Callable[[Any], str] = str,
) -> str:
    """A page-specific horizontal radio bound to the query parameter ``name``."""
    value: str = bound(
        ParamSpec(name, default, choice_param(options)),
        lambda key: st.radio(label, options, key=key, horizontal=True, format_func=format_func),
    )
    return value


# ---------------------------------------------------------------- layout
def page_header(prefix: str) -> None:
    """Title and introduction of a page from ``{prefix}.title`` / ``.intro``."""
    st.title(tr(f"{prefix}.title"))
    st.markdown(tr(f"{prefix}.intro"))


def look_for(prefix: str) -> None:
    """The page's "what to look for" box."""
    st.info(tr(f"{prefix}.look_for"), icon=":material/visibility:")


def plot(fig: go.Figure, key: str) -> None:
    """Show a figure at full width with a PNG download button in its toolbar.

    Screen readers get a text summary of it (:func:`lib.figures.describe`).
    """
    if projector():
        fig = _for_projector(fig)
    st.plotly_chart(fig, key=key, config=PLOT_CONFIG, width="stretch", alt=describe(fig, tr=tr))


def page_link(script: str) -> None:
    """A link to another page that carries the current settings along."""
    for path, _, title_key, icon in PAGES:
        if path == script:
            st.page_link(
                path, label=tr(title_key), icon=icon, query_params=to_query(current_settings())
            )
            return
    raise ValueError(f"unknown page {script!r}")


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
    st.subheader(tr("export.heading"))
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


# ---------------------------------------------------------------- cached lib calls
@st.cache_data(max_entries=64, show_spinner=False)
def _cached_call(name: str, _fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    # Streamlit cannot hash a function argument; the leading underscore keeps
    # ``_fn`` out of the key and ``name`` (its qualified name) stands in for it.
    return _fn(*args, **kwargs)


def cached_call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a pure ``lib`` function once per distinct arguments (``st.cache_data``).

    For page-specific computations (model fits, curves) that do not deserve a
    wrapper of their own; the cache key is the function's qualified name and
    every argument.
    """
    result: T = _cached_call(f"{fn.__module__}.{fn.__qualname__}", fn, *args, **kwargs)
    return result


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


@st.cache_data(max_entries=8, show_spinner=False)
def dataset(
    n: int, ratio: int, sep: float, seed: int, shape: str
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Training data of the current settings."""
    return make_imbalanced(n, ratio, class_sep=sep, shape=shape, random_state=seed)


@st.cache_data(max_entries=8, show_spinner=False)
def test_dataset(
    n: int, ratio: int, sep: float, seed: int, shape: str
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """An independent test set from the same distribution (seed + 1)."""
    return make_imbalanced(n, ratio, class_sep=sep, shape=shape, random_state=seed + 1)


@st.cache_data(max_entries=8, show_spinner=False)
def shown_points(n: int, ratio: int, sep: float, seed: int, shape: str) -> NDArray[np.int64]:
    """Indices of the training points drawn in scatters."""
    _, y = dataset(n, ratio, sep, seed, shape)
    return display_subsample(y, max_points=MAX_DISPLAY_POINTS, random_state=seed)


@st.cache_data(max_entries=32, show_spinner=False)
def logistic(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> tuple[NDArray[np.float64], float]:
    """Coefficients and intercept of the logistic model trained with (w0, w1)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    model = fit_logistic(X, y, w0=w0, w1=w1)
    return model.coef_[0].copy(), float(model.intercept_[0])


@st.cache_data(max_entries=32, show_spinner=False)
def probabilities(
    coef: tuple[float, ...],
    intercept: float,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Probability grid of a fitted 2-D model for a boundary heatmap."""
    return probability_grid(np.array(coef), intercept, x_range, y_range, size=100)


@st.cache_data(max_entries=8, show_spinner=False)
def projection(n: int, ratio: int, sep: float, seed: int, shape: str) -> NDArray[np.float64]:
    """The 1-D standardised projection used by the loss surface."""
    X, y = dataset(n, ratio, sep, seed, shape)
    return project_1d(X, y)


@st.cache_data(max_entries=16, show_spinner=False)
def grid_for(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> SurfaceGrid:
    """A (slope, bias) grid showing both the unweighted and weighted minimum."""
    _, y = dataset(n, ratio, sep, seed, shape)
    return surface_grid(projection(n, ratio, sep, seed, shape), y, [(1.0, 1.0), (w0, w1)], size=80)


@st.cache_data(max_entries=32, show_spinner=False)
def surface(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    w0: float,
    w1: float,
    slopes: tuple[float, ...],
    biases: tuple[float, ...],
) -> NDArray[np.float64]:
    """Mean weighted BCE on the grid (fast method)."""
    _, y = dataset(n, ratio, sep, seed, shape)
    return loss_surface(
        projection(n, ratio, sep, seed, shape), y, np.array(slopes), np.array(biases), w0=w0, w1=w1
    )


#: Gradient-descent runs are computed and cached in chunks of this many steps,
#: so a long run on a large data set can report progress between chunks.
DESCENT_CHUNK = 50


#: Gradient-descent runs on more majority rows than this use a weighted
#: majority sample (:func:`lib.data.majority_sample`): 500 steps on a million
#: rows take about ten times longer, and the curves would not visibly change.
DESCENT_MAX_MAJORITY = 100_000


@st.cache_data(max_entries=4, show_spinner=False)
def descent_rows(
    n: int, ratio: int, sep: float, seed: int, shape: str
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Rows and Horvitz-Thompson weights the gradient-descent runs train on."""
    _, y = dataset(n, ratio, sep, seed, shape)
    return majority_sample(y, DESCENT_MAX_MAJORITY, random_state=seed)


@st.cache_data(max_entries=256, show_spinner=False)
def _descent_chunk(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    w0: float,
    w1: float,
    steps: int,
    init: tuple[float, ...] | None,
) -> pd.DataFrame:
    X, y = dataset(n, ratio, sep, seed, shape)
    rows, h = descent_rows(n, ratio, sep, seed, shape)
    if len(rows) == len(y):
        return gradient_descent(X, y, w0=w0, w1=w1, n_steps=steps, init=init)
    return gradient_descent(
        X[rows], y[rows], w0=w0, w1=w1, n_steps=steps, init=init, sample_weight=h
    )


def descent(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    w0: float,
    w1: float,
    steps: int,
    progress: Callable[[float], None] | None = None,
) -> pd.DataFrame:
    """Gradient-descent run from zero on the training data, cached chunk by chunk.

    ``progress(fraction)`` is called after every chunk; on a cache hit the
    whole run returns at once.
    """
    frames: list[pd.DataFrame] = []
    init: tuple[float, ...] | None = None
    for start in range(0, steps, DESCENT_CHUNK):
        chunk = _descent_chunk(
            n, ratio, sep, seed, shape, w0, w1, min(DESCENT_CHUNK, steps - start), init
        )
        frames.append(chunk if start == 0 else chunk.iloc[1:])
        last = chunk.iloc[-1]
        coef_cols = [c for c in chunk.columns if c.startswith("coef_")]
        init = (*last[coef_cols].astype(float), float(last["intercept"]))
        if progress is not None:
            progress(min(1.0, (start + DESCENT_CHUNK) / steps))
    run = pd.concat(frames, ignore_index=True)
    run["step"] = np.arange(len(run))
    return run


def data_key(s: Settings) -> tuple[int, int, float, int, str]:
    """The settings that determine the data set, as cache arguments.

    ``(n, ratio, sep, seed, shape)``: the leading arguments of every cached
    function of the current data (``dataset(*data_key(s))``).
    """
    return s.n, s.ratio, s.sep, s.seed, s.shape


@st.cache_data(max_entries=16, show_spinner=False)
def trained(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float, epochs: int
) -> TrainingResult:
    """Mini-batch SGD (softmax regression, k = 2) with class weights (w0, w1).

    The test set of the same settings serves as the validation set.
    """
    X, y = dataset(n, ratio, sep, seed, shape)
    X_val, y_val = test_dataset(n, ratio, sep, seed, shape)
    return train_binary_sgd(X, y, w0=w0, w1=w1, epochs=epochs, X_val=X_val, y_val=y_val)


@st.cache_data(max_entries=16, show_spinner=False)
def focal_model(
    n: int, ratio: int, sep: float, seed: int, shape: str, gamma: float, alpha: float | None
) -> tuple[NDArray[np.float64], float]:
    """A linear model trained with focal loss, as (coef, intercept) of class 1.

    Softmax regression with two classes trained by mini-batch SGD on the
    focal loss (alpha as class weights ``[1 - alpha, alpha]``, none: ``[1, 1]``);
    its logit for class 1 is ``x @ (W[:, 1] - W[:, 0]) + (b1 - b0)``, a
    logistic model.
    """
    X, y = dataset(n, ratio, sep, seed, shape)
    return fit_focal_linear(X, y, gamma=gamma, alpha=alpha)


# ---------------------------------------------------------------- strategies
#: Largest training (and test) set the resampling, probability, ensemble and
#: threshold pages fit on: bigger data sets are sampled down, class shares
#: kept, with a note (resampling 10^6 rows to 1:1 would double them).
STRATEGY_MAX_ROWS = 50_000
#: Largest data set the arena cross-validates (rows beyond are sampled down).
ARENA_MAX_ROWS = 20_000
#: Fewest minority rows the arena keeps when it samples down (enough for 10
#: folds and SMOTE's neighbours), even if the ratio becomes milder.
ARENA_MIN_MINORITY = 60
#: Parameters as a hashable, sorted tuple of (name, value) pairs.
Params = tuple[tuple[str, Any], ...]


@st.cache_data(max_entries=8, show_spinner=False)
def strategy_data(
    n: int, ratio: int, sep: float, seed: int, shape: str, test: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Training (or test) data of the current settings, at most ``STRATEGY_MAX_ROWS`` rows."""
    X, y = (test_dataset if test else dataset)(n, ratio, sep, seed, shape)
    rows = stratified_subsample(y, STRATEGY_MAX_ROWS, random_state=seed)
    return X[rows], y[rows]


def rows_note(n: int, cap: int = STRATEGY_MAX_ROWS) -> None:
    """Say so when a page works on a stratified sample of the data."""
    if n > cap:
        st.caption(tr("strategies.capped", n=f"{n:,}", cap=f"{cap:,}"))


@st.cache_data(max_entries=48, show_spinner=False)
def strategy_fit(
    n: int, ratio: int, sep: float, seed: int, shape: str, name: str, params: Params
) -> StrategyFit:
    """A strategy of ``lib.strategies`` fitted on the (capped) training data.

    ``params`` has no default on purpose: ``st.cache_data`` keys on the
    arguments as passed, so ``f(..., name)`` and ``f(..., name, ())`` would
    fit the same model twice.
    """
    X, y = strategy_data(n, ratio, sep, seed, shape)
    return fit_strategy(name, X, y, random_state=seed, **dict(params))


@st.cache_data(max_entries=48, show_spinner=False)
def strategy_outputs(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    name: str,
    params: Params,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> tuple[
    NDArray[np.float64],
    NDArray[np.int64],
    tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
]:
    """Test-set probabilities and labels of a fitted strategy, and its probability grid."""
    model = strategy_fit(n, ratio, sep, seed, shape, name, params).model
    X_test, _ = strategy_data(n, ratio, sep, seed, shape, test=True)
    classes = list(model.classes_)
    p_test = np.asarray(model.predict_proba(X_test))[:, classes.index(1)]
    pred = np.asarray(model.predict(X_test), dtype=np.int64)
    grid = model_probability_grid(model, x_range, y_range, size=80)
    return p_test, pred, grid


def strategy_label(name: str) -> str:
    """Display name of a strategy."""
    return tr(f"strategy.{name}.name")


# ---------------------------------------------------------------- uploads
# Keyed by the file's SHA-256 (``digest``) instead of its bytes or frame:
# hashing 200 MB per rerun costs time, and Streamlit hashes a large DataFrame
# from a sample of its rows, which could return another file's result.
@st.cache_data(max_entries=4, show_spinner=False)
def upload_frame(digest: str, name: str, _data: bytes) -> pd.DataFrame:
    """The uploaded CSV parsed once per file (see ``lib.upload.read_csv``)."""
    return read_csv(_data, filename=name)


@st.cache_data(max_entries=16, show_spinner=False)
def upload_task(
    digest: str,
    target: str,
    positive: str | None,
    features: tuple[str, ...],
    missing: str,
    _frame: pd.DataFrame,
) -> PreparedData:
    """Features and labels of the parsed file ``_frame`` (see ``lib.upload.prepare``)."""
    return prepare(_frame, target, positive=positive, features=list(features), missing=missing)


# ---------------------------------------------------------------- arena
#: Strategies selected when the arena opens: one of each kind, quick to fit.
ARENA_DEFAULT = (
    "none",
    "class_weight",
    "random_under",
    "smote",
    "balanced_random_forest",
    "easy_ensemble",
    "threshold",
)
FOLD_CHOICES, REPEAT_CHOICES = (3, 5, 10), (1, 2, 3, 5)
#: Results kept for all sessions (deterministic for their key, so sharing is safe).
ARENA_RESULTS_KEPT = 16
_ARENA_LOCK = threading.Lock()
#: Runs with at least this many fits use joblib on every core.
ARENA_PARALLEL_FROM = 30
#: Summary metrics of the table: column -> catalogue key.
ARENA_COLUMNS = {
    "f_beta_1": "arena.col.f05_1",
    "recall_1": "arena.col.recall_1",
    "precision_1": "arena.col.precision_1",
    "pr_auc": "arena.col.pr_auc",
    "roc_auc": "arena.col.roc_auc",
    "brier": "arena.col.brier",
    "recall_0": "arena.col.recall_0",
    "fit_seconds": "arena.col.fit_seconds",
}


@st.cache_resource(show_spinner=False)
def _arena_store() -> OrderedDict[tuple[Any, ...], CrossValidationResult]:
    return OrderedDict()


def _parse_strategies(raw: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n for n in raw.split(",") if n))
    unknown = [n for n in names if n not in STRATEGIES]
    if unknown or not names:
        raise ParamError("notice.not_a_choice", choices=", ".join(STRATEGIES))
    return names


def _arena_jobs(n_tasks: int) -> int:
    # Worker processes take about a second to start; a run of a few dozen
    # fits already takes longer than that (benchmarks/arena.py).
    return -1 if n_tasks >= ARENA_PARALLEL_FROM else 1


def arena(X: NDArray[np.float64], y: NDArray[np.int64], data_id: str, *, seed: int) -> None:
    """The strategy arena: choose strategies, cross-validate, show and export the results.

    ``data_id`` must identify ``X, y`` (their source and settings): results are
    cached under it, shared by every session.
    """
    names: tuple[str, ...] = bound(
        ParamSpec("strategies", ARENA_DEFAULT, _parse_strategies, fmt=",".join),
        lambda key: tuple(
            st.multiselect(
                tr("arena.strategies"),
                options=list(STRATEGIES),
                key=key,
                format_func=strategy_label,
                help=tr("arena.strategies_help"),
            )
        ),
    )
    with st.expander(tr("arena.what_is"), icon=":material/help:"):
        st.markdown(
            "\n".join(
                f"* **{strategy_label(name)}** — {tr(spec.description)}"
                for name, spec in STRATEGIES.items()
            )
        )
    cols = st.columns(3)
    with cols[0]:
        folds = slider_param("folds", FOLD_CHOICES, 5, tr("arena.folds"))
    with cols[1]:
        repeats = slider_param("repeats", REPEAT_CHOICES, 3, tr("arena.repeats"))
    if len(y) > ARENA_MAX_ROWS:
        before = (len(y) - int(y.sum())) / max(1, int(y.sum()))
        rows = stratified_subsample(
            y, ARENA_MAX_ROWS, random_state=seed, min_per_class=ARENA_MIN_MINORITY
        )
        X, y = X[rows], y[rows]
        after = (len(y) - int(y.sum())) / max(1, int(y.sum()))
        st.caption(
            tr(
                "arena.capped",
                cap=f"{len(y):,}",
                n1=f"{int(y.sum()):,}",
                before=f"{before:,.0f}",
                after=f"{after:,.0f}",
            )
        )
    cols[2].metric(
        tr("arena.fits"), f"{len(names) * folds * repeats:,}", help=tr("arena.fits_help")
    )
    if not names:
        st.info(tr("arena.none_selected"), icon=":material/info:")
        return
    key = (data_id, len(y), names, folds, repeats, seed)
    store = _arena_store()
    with _ARENA_LOCK:
        result = store.get(key)
    run = st.button(
        tr("arena.run"),
        type="primary",
        icon=":material/play_arrow:",
        disabled=result is not None,
        key="arena_run",
    )
    if result is None and run:
        bar = st.progress(0.0, text=tr("arena.progress", done=0, total="…"))
        with guarded():
            result = cross_validate_strategies(
                X,
                y,
                list(names),
                n_splits=folds,
                n_repeats=repeats,
                random_state=seed,
                n_jobs=_arena_jobs(len(names) * folds * repeats),
                errors="skip",
                callback=lambda done, total: bar.progress(
                    done / total, text=tr("arena.progress", done=done, total=total)
                ),
            )
            with _ARENA_LOCK:
                store[key] = result
                while len(store) > ARENA_RESULTS_KEPT:
                    store.popitem(last=False)
        bar.empty()
    if result is None:
        st.info(tr("arena.press_run"), icon=":material/play_arrow:")
        return
    arena_results(result)


def arena_results(result: CrossValidationResult) -> None:
    """Table, interval chart, skipped strategies and CSV downloads of an arena run."""
    for name, why in result.errors.items():
        st.warning(
            tr("arena.skipped", name=strategy_label(name), why=error_text(why)),
            icon=":material/report:",
        )
    summary = result.summary
    wide, half = summary_wide(summary), summary_wide(summary, "half_width")
    order = [s for s in STRATEGIES if s in wide.index]
    table = pd.DataFrame({tr("arena.col.strategy"): [strategy_label(s) for s in order]})
    for column, label_key in ARENA_COLUMNS.items():
        table[tr(label_key)] = wide.loc[order, column].to_numpy()
        if column not in ("fit_seconds", "brier", "roc_auc", "recall_0"):
            table[tr(label_key) + " ±"] = half.loc[order, column].to_numpy()
    table = table.sort_values(tr("arena.col.f05_1"), ascending=False)
    st.subheader(tr("arena.table_heading"))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            c: st.column_config.NumberColumn(c, format="%.3f") for c in table.columns[1:]
        },
    )
    st.caption(tr("arena.table_caption", folds=int(summary["n_folds"].max())))
    cls = radio_param(
        "cls",
        ("1", "0"),
        "1",
        tr("arena.class"),
        format_func=lambda c: tr("arena.class_option", cls=c),
    )
    metrics = {
        f"precision_{cls}": tr("metrics.precision"),
        f"recall_{cls}": tr("metrics.recall"),
        f"f_beta_{cls}": tr("metrics.f05"),
        "pr_auc": tr("arena.col.pr_auc"),
    }
    plot(
        interval_chart(
            summary,
            metrics,
            {s: strategy_label(s) for s in order},
            title=tr("arena.chart_title", cls=cls),
        ),
        key="arena_intervals",
    )
    st.caption(tr("arena.ci_caption"))
    cols = st.columns(2)
    cols[0].download_button(
        tr("arena.download_summary"),
        summary.to_csv(index=False),
        file_name="arena_summary.csv",
        mime="text/csv",
        icon=":material/download:",
        key="arena_dl_summary",
    )
    cols[1].download_button(
        tr("arena.download_folds"),
        result.folds.to_csv(index=False),
        file_name="arena_folds.csv",
        mime="text/csv",
        icon=":material/download:",
        key="arena_dl_folds",
    )


@st.cache_data(max_entries=8, show_spinner=False)
def convergence(key: tuple[Any, ...], w0: float, w1: float) -> ConvergenceComparison:
    """Both gradient-descent runs followed to their own minimum (issue 14).

    ``key`` is :func:`data_key`'s tuple; steps and row cap are lib's defaults.
    """
    X, y = dataset(*key)
    return compare_convergence(X, y, w0=w0, w1=w1, random_state=int(key[3]))


@st.cache_data(max_entries=16, show_spinner=False)
def boundary_summary(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> BoundarySummary:
    """Shift, gap and per-class test metrics of the plain and the (w0, w1) logistic model."""
    X, _ = dataset(n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(n, ratio, sep, seed, shape)
    return summarise_boundaries(
        *logistic(n, ratio, sep, seed, shape, 1.0, 1.0),
        *logistic(n, ratio, sep, seed, shape, w0, w1),
        X,
        X_test,
        y_test,
        w0=w0,
        w1=w1,
    )


@st.cache_data(max_entries=8, show_spinner=False)
def nonlinear(n: int, ratio: int, sep: float, seed: int, shape: str) -> NonlinearComparison:
    """Gradient-boosted trees without and with balanced weights (decision-boundaries page)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(n, ratio, sep, seed, shape)
    x_range, y_range = plot_extent(X, y)
    return compare_nonlinear(
        X, y, X_test, y_test, x_range=x_range, y_range=y_range, random_state=seed
    )


# ------------------------------------------- thresholds and calibration repair (issue 14)
@st.cache_data(max_entries=16, show_spinner=False)
def tuned_threshold(
    n: int, ratio: int, sep: float, seed: int, shape: str, cost_fp: float, cost_fn: float
) -> tuple[float, float] | None:
    """Threshold and cross-validated cost of the plain model (``tune_plain_threshold``)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    tuned = tune_plain_threshold(X, y, cost_fp=cost_fp, cost_fn=cost_fn, random_state=seed)
    return None if tuned is None else (tuned.threshold, tuned.cv_cost)


@st.cache_data(max_entries=16, show_spinner=False)
def threshold_page(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    w0: float,
    w1: float,
    t: float,
    cost_fp: float,
    cost_fn: float,
) -> ThresholdReport:
    """The thresholds page's operating points and costs (``lib.thresholds.threshold_report``)."""
    key = (n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(*key)
    (coef, b), (coef_w, b_w) = logistic(*key, 1.0, 1.0), logistic(*key, w0, w1)
    return threshold_report(
        y_test,
        predict_proba_linear(coef, b, X_test),
        predict_proba_linear(coef_w, b_w, X_test),
        t=t,
        w0=w0,
        w1=w1,
        cost_fp=cost_fp,
        cost_fn=cost_fn,
        tuned=tuned_threshold(*key, cost_fp, cost_fn),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def weighting_gap(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> dict[str, float]:
    """Weighted model at 0.5 against the plain one at w0/(w0+w1) (``weighting_gap_row``)."""
    key = (n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(*key)
    return weighting_gap_row(
        *logistic(*key, 1.0, 1.0), *logistic(*key, w0, w1), X_test, y_test, w0=w0, w1=w1
    )


@st.cache_data(max_entries=8, show_spinner=False)
def repair(n: int, ratio: int, sep: float, seed: int, shape: str) -> CalibrationRepair:
    """Odds corrections and held-out recalibration (``lib.repair.calibration_repair``)."""
    X, y = strategy_data(n, ratio, sep, seed, shape)
    X_test, y_test = strategy_data(n, ratio, sep, seed, shape, test=True)
    return calibration_repair(X, y, X_test, y_test, random_state=seed)
