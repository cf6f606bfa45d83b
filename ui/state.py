"""URL and session binding: the language, the shared settings and page parameters.

Every setting lives in the URL query string (``lib.settings`` parses and
writes it) and in ``st.session_state`` (so it survives page switches).
This module is the only code that moves values between the two; widgets
are drawn by :mod:`ui.chrome` (shared sidebar) and by the pages through
:func:`bound` and the ``*_param`` helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import Any, TypeVar

import streamlit as st

from lib.i18n import DEFAULT_LANGUAGE, languages, translate
from lib.i18n import error_text as _error_text
from lib.settings import (
    COST_MAX,
    Notice,
    ParamSpec,
    Settings,
    choice_param,
    float_param,
    log_choice_param,
    parse_params,
    parse_query,
    to_query,
)
from ui.registry import page_at

T = TypeVar("T")

SETTING_KEYS = tuple(asdict(Settings()).keys())


# ---------------------------------------------------------------- language
def lang() -> str:
    """Current interface language code."""
    value = st.session_state.get(value_key("lang"), DEFAULT_LANGUAGE)
    return value if value in languages() else DEFAULT_LANGUAGE


def tr(key: str, **values: Any) -> str:
    """Translate ``key`` into the current language (the one lookup of the app)."""
    return translate(key, lang(), **values)


def error_text(err: BaseException | str) -> str:
    """An error from ``lib`` in the current language (other libraries' text as it is)."""
    return _error_text(err, lang())


# ---------------------------------------------------------------- session keys
def widget_key(name: str) -> str:
    """Session-state key of a sidebar widget."""
    return f"sb_{name}"


def value_key(name: str) -> str:
    """Session-state key of a setting's last value.

    Streamlit may drop a widget's state on a page switch; the value kept under
    this second key restores it, so settings survive navigation.
    """
    return f"_value_{name}"


def page_keys(name: str) -> tuple[str, str]:
    """Session-state keys of a page setting: its widget's and the kept value's.

    The kept value survives page switches (see :func:`bound`).
    """
    return f"page_{name}", f"_keep_{name}"


def clear_notices() -> None:
    """Forget the URL notices (a widget changed: the link's values no longer apply)."""
    st.session_state["_notices"] = []


def start_session() -> None:
    """Read the URL once per browser session and seed the settings from it."""
    if "_raw_query" in st.session_state:
        return
    raw = st.query_params.to_dict()
    st.session_state["_raw_query"] = raw
    settings, notices = parse_query(raw)
    for name, value in asdict(settings).items():
        st.session_state[value_key(name)] = value
    st.session_state["_notices"] = notices


def apply_preset(preset: Mapping[str, str]) -> None:
    """Apply query-string values to this session, as if its link had them.

    Shared settings go to the sidebar widgets; a page's own settings are
    re-read, with the usual validation, when that page next draws them.
    Used as a button callback before switching pages (a lesson's preset).
    """
    settings, notices = parse_query({**to_query(current_settings()), **preset})
    for name, value in asdict(settings).items():
        st.session_state[widget_key(name)] = value
        st.session_state[value_key(name)] = value
    raw = dict(st.session_state.get("_raw_query", {}))
    for name, value in preset.items():
        if name not in SETTING_KEYS:
            raw[name] = value
            for key in page_keys(name):
                st.session_state.pop(key, None)
    st.session_state["_raw_query"] = raw
    st.session_state["_notices"] = notices


def current_settings() -> Settings:
    """The shared settings as the sidebar widgets hold them now."""
    return Settings(**{name: st.session_state[value_key(name)] for name in SETTING_KEYS})


def data_key(s: Settings) -> tuple[int, int, float, int, str]:
    """The settings that determine the data set, as cache arguments.

    ``(n, ratio, sep, seed, shape)``: the leading arguments of every cached
    function of the current data (``dataset(*data_key(s))``).
    """
    return s.n, s.ratio, s.sep, s.seed, s.shape


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


# ---------------------------------------------------------------- page parameters
def _check_declared(spec: ParamSpec) -> None:
    # The registry is the one list of URL parameters and their defaults: a
    # page that reads one it did not declare, or with another default, fails
    # here (and in the tests), not silently.
    path = st.session_state.get("_page_path")
    if path is None:
        return
    declared = page_at(path).param(spec.name)
    if declared is None:
        raise LookupError(f"page {path!r} reads undeclared URL parameter {spec.name!r}")
    if declared.default is not None and spec.fmt(spec.default) != declared.default:
        raise LookupError(
            f"page {path!r}: default of {spec.name!r} is {spec.fmt(spec.default)!r}, "
            f"ui/registry.py says {declared.default!r}"
        )


def bound(spec: ParamSpec, render: Callable[[str], T]) -> T:
    """A page-specific widget whose value is also a query parameter.

    ``render(key)`` draws the widget with that session-state key. The first
    time the widget appears its value comes from the URL the session was
    opened with (bad values fall back to the default with a notice); later it
    keeps the user's last choice even after visiting other pages.
    """
    _check_declared(spec)
    key, keep = page_keys(spec.name)
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
