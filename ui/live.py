"""Live views: figures the browser redraws while a slider moves (``ui/live.js``).

One Streamlit component (``st.components.v2``, inline JavaScript, nothing
fetched) draws on a canvas from arrays sent once per data set
(:mod:`lib.studies.live`). Moving its slider redraws in the browser with no
server round trip; letting go *commits*: the weight ratio becomes the
sidebar's ``w1`` (``w0`` kept, :func:`lib.settings.weights_for_ratio`), a
step becomes the page's ``step``, and Streamlit reruns the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st
from numpy.typing import ArrayLike

from lib.settings import RATIO_LOG_MAX, RATIO_LOG_MIN, weights_for_ratio
from lib.viz import (
    CLASS_COLORS,
    HIGHLIGHT_COLOR,
    OUTLINE_COLOR,
    UNWEIGHTED_COLOR,
    WEIGHTED_COLOR,
)
from ui.state import clear_notices, page_keys, tr, widget_key

_HERE = Path(__file__).parent
_CSS = """
.live { color: var(--st-text-color); font-family: var(--st-font); }
.live-controls { display: grid; grid-template-columns: 1fr auto;
  grid-template-areas: "label readout" "track track"; gap: 0.2rem 0.8rem; align-items: center; }
.live-label { grid-area: label; font-weight: 600; }
.live-readout { grid-area: readout; font-variant-numeric: tabular-nums; font-weight: 600; }
.live-track { grid-area: track; position: relative; padding-bottom: 2.5rem; }
.live-range { width: 100%; margin: 0; accent-color: var(--st-primary-color); min-height: 1.6rem; }
.live-range:focus-visible { outline: 3px solid var(--st-primary-color); outline-offset: 2px; }
.live-marks { position: absolute; left: 0.5rem; right: 0.5rem; top: 1.6rem; }
.live-mark { position: absolute; transform: translateX(-0.35em); font-size: 0.85rem;
  white-space: nowrap; }
.live-mark:nth-child(2) { top: 1.1rem; }
.live-panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
  gap: 1rem; }
.live-panel { margin: 0; }
.live-canvas { display: block; width: 100%; color: var(--st-text-color);
  font-family: var(--st-font); }
.live-caption, .live-note { font-size: 0.95rem; margin: 0.25rem 0 0; }
"""
_JS = (_HERE / "live.js").read_text(encoding="utf-8")
#: Colours the canvas draws with, from lib.viz.palette like every chart.
COLORS = {
    "classes": [CLASS_COLORS[0], CLASS_COLORS[1]],
    "weighted": WEIGHTED_COLOR,
    "plain": UNWEIGHTED_COLOR,
    "path": WEIGHTED_COLOR,
    "highlight": HIGHLIGHT_COLOR,
    "outline": OUTLINE_COLOR,
}
#: Significant digits of the arrays sent: the canvas cannot show more.
DIGITS = 6


def numbers(values: ArrayLike) -> list[Any]:
    """An array as (nested) JSON lists, rounded to ``DIGITS`` significant digits."""
    arr = np.asarray(values, dtype=np.float64)
    return [float(f"{v:.{DIGITS}g}") for v in arr] if arr.ndim == 1 else [numbers(r) for r in arr]


def log_ratio(w0: float, w1: float) -> float:
    """``log10(w1 / w0)`` clipped to the sliders' range, to 4 decimals: the slider's value."""
    return round(min(max(math.log10(w1 / w0), RATIO_LOG_MIN), RATIO_LOG_MAX), 4)


def ratio_slider(
    w0: float, w1: float, balanced: float, *, label: str | None = None
) -> dict[str, Any]:
    """The weight-ratio slider's settings: log scale, the balanced ratio and 1 : 1 marked."""
    return {
        "state": "ratio",
        "log": True,
        "label": label or tr("live.ratio_label"),
        "symbol": tr("live.ratio_symbol"),
        "min": RATIO_LOG_MIN,
        "max": RATIO_LOG_MAX,
        "step": 0.01,
        "value": log_ratio(w0, w1),
        "marks": [
            {"value": 0.0, "label": tr("live.mark_equal")},
            {"value": round(math.log10(balanced), 4), "label": tr("live.mark_balanced")},
        ],
    }


def step_slider(step: int, steps: int) -> dict[str, Any]:
    """The descent path's step slider (0 to ``steps``)."""
    return {
        "state": "step",
        "log": False,
        "label": tr("live.step_label"),
        "symbol": tr("live.step_symbol"),
        "min": 0,
        "max": steps,
        "step": 1,
        "value": step,
        "marks": [],
    }


def commit_weights(log_ratio: float) -> None:
    """Set the sidebar's weights to the committed ratio (``w0`` kept where the bounds allow)."""
    w0, w1 = weights_for_ratio(
        st.session_state[widget_key("w0")], st.session_state[widget_key("w1")], 10.0**log_ratio
    )
    st.session_state[widget_key("w0")] = w0
    st.session_state[widget_key("w1")] = w1
    clear_notices()


def commit_step(step: float) -> None:
    """Set the page's ``step`` parameter to the committed step."""
    st.session_state[page_keys("step")[0]] = int(round(step))


def _on_commit(key: str, slider: dict[str, Any], apply: Callable[[float], None]) -> None:
    # What the browser sent; anything but a finite number in the slider's range is ignored.
    try:
        value = float(st.session_state[key][slider["state"]]["value"])
    except (KeyError, TypeError, ValueError):
        return
    if math.isfinite(value) and slider["min"] <= value <= slider["max"]:
        apply(value)


def live_view(
    kind: str, key: str, data: dict[str, Any], *, commit: Callable[[float], None] | None = None
) -> None:
    """Mount the live component: ``kind`` picks the drawing, ``data`` its arrays and slider.

    Letting go of the slider calls ``commit(value)`` before the rerun; by
    default a ``"ratio"`` slider sets the sidebar's weights
    (:func:`commit_weights`) and a ``"step"`` slider the page's step.
    """
    slider = data["slider"]
    apply = commit or (commit_weights if slider["state"] == "ratio" else commit_step)
    # Registered on every mount: the registry belongs to the running server
    # (each AppTest has its own), and an identical definition is a no-op.
    mount = st.components.v2.component("imbalance_lab.live", js=_JS, css=_CSS)
    callback = partial(_on_commit, key, slider, apply)
    payload = {"kind": kind, "colors": COLORS, **data}
    if slider["state"] == "ratio":
        mount(key=key, data=payload, on_ratio_change=callback)
    else:
        mount(key=key, data=payload, on_step_change=callback)
