"""Shared helpers of the Streamlit ``AppTest`` tests in ``tests/app/``.

Every test opens a fresh session on the overview (``app.py``) with
:func:`open_app`, optionally with URL query parameters, and then switches
pages the way a user would (:func:`visit`, :func:`open_page`). Tests that do
not need the default 20,000 samples pass a small ``n`` in the URL
(:data:`SMALL`) to stay fast.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).parents[2]

#: page name -> (script, number of plotly charts under default settings)
PAGES = {
    "overview": ("views/overview.py", 1),
    "loss_surface": ("views/loss_surface.py", 1),
    "gradients": ("views/gradients.py", 4),
    "boundaries": ("views/boundaries.py", 3),
    "weight_schemes": ("views/weight_schemes.py", 3),
    "training_loss": ("views/training_loss.py", 2),
    "focal_loss": ("views/focal_loss.py", 5),
    "class_balanced": ("views/class_balanced.py", 3),
    "sample_weights": ("views/sample_weights.py", 6),
    "prevalence": ("views/prevalence.py", 2),
}
#: Charts (by element key) that show the weighted model and so must follow w1.
WEIGHTED_CHARTS = {
    "overview": (),
    "loss_surface": ("surface_slice",),
    "gradients": ("grad_share", "grad_norms", "grad_losses", "grad_converge"),
    "boundaries": ("boundary_unweighted",),  # its moved threshold; the weighted model is live
    "weight_schemes": (),  # its own seven-class data: the sidebar weights do not apply
    "training_loss": ("trainloss_losses", "trainloss_metrics"),
    "focal_loss": ("focal_boundary_weighted",),
    "class_balanced": (),  # its own seven-class data
    "sample_weights": (),  # its own weights and data; only the seed and ratio apply
    "prevalence": (),  # the plain model only: the sidebar weights do not apply
}
#: The live view (ui/live.js) that draws each core page's weighted main figure.
WEIGHTED_LIVE = {
    "loss_surface": "live_surface",
    "gradients": "live_shares",
    "boundaries": "live_boundary",
}
SMALL = {"n": "2000"}
EQUAL_WEIGHTS_TEXT = "w0 equals w1"


# ---------------------------------------------------------------- helpers
def check(at: AppTest) -> AppTest:
    """Fail on an exception; make sure the entry script (sidebar) ran."""
    assert not at.exception, [e.value for e in at.exception]
    assert [w.key for w in at.sidebar.select_slider] == ["sb_ratio", "sb_n"]
    return at


def open_app(**params: str) -> AppTest:
    """A new session opened on the overview with ``params`` in the URL."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(params)
    return check(at.run())


def visit(at: AppTest, page: str) -> AppTest:
    """Switch to ``page`` (a key of ``PAGES``) and run."""
    return check(at.switch_page(PAGES[page][0]).run())


def open_page(page: str, **params: str) -> AppTest:
    at = open_app(**params)
    return at if page == "overview" else visit(at, page)


def rerun(at: AppTest) -> AppTest:
    return check(at.run())


def charts(at: AppTest) -> dict[str, dict[str, Any]]:
    """The page's plotly figures as parsed JSON, by element key."""
    return {el.key: json.loads(el.proto.spec) for el in at.get("plotly_chart")}


def live_views(at: AppTest) -> dict[str, dict[str, Any]]:
    """The live components' data (``ui.live.live_view``) by key."""
    return {
        el.proto.id.rsplit("-", 1)[-1]: json.loads(el.proto.json) for el in at.get("bidi_component")
    }


def trace_data(fig: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The plotted numbers of a figure (titles and legend names left out)."""
    return [
        tuple(json.dumps(trace.get(axis), sort_keys=True) for axis in ("x", "y", "z"))
        for trace in fig["data"]
    ]


def warnings_of(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def notices(at: AppTest) -> list[str]:
    """The warnings that explain an unusable URL value."""
    return [text for text in warnings_of(at) if text.startswith("The link's value")]


def query(at: AppTest) -> dict[str, str]:
    """``at.query_params`` with every value as one string."""
    return {
        name: value if isinstance(value, str) else value[-1]
        for name, value in at.query_params.items()
    }


def sidebar_values(at: AppTest) -> dict[str, Any]:
    return {
        "ratio": at.select_slider(key="sb_ratio").value,
        "n": at.select_slider(key="sb_n").value,
        "sep": at.slider(key="sb_sep").value,
        "shape": at.selectbox(key="sb_shape").value,
        "seed": at.number_input(key="sb_seed").value,
        "w0": at.number_input(key="sb_w0").value,
        "w1": at.number_input(key="sb_w1").value,
        "lang": at.selectbox(key="sb_lang").value,
    }


def markdown_containing(at: AppTest, text: str) -> str:
    found = [m.value for m in at.markdown if text in m.value]
    assert len(found) == 1, found
    return found[0]


def button(at: AppTest, label: str) -> Any:
    found = [b for b in at.sidebar.button if b.label == label]
    assert len(found) == 1
    return found[0]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


#: URL settings at the edges of the sidebar's ranges, by case name.
EXTREMES = {
    "one_minority_sample": {"ratio": "10000", "n": "100"},
    "huge_w1": {"w1": "10000", **SMALL},
    "equal_weights": {"w0": "3", "w1": "3", **SMALL},
    "no_separation": {"sep": "0", **SMALL},
    "balanced_data": {"ratio": "1", **SMALL},
}


def numbers(values: Any) -> list[float]:
    """Plotly 7 sends numpy arrays as base64 typed arrays; decode them."""
    if isinstance(values, dict) and "bdata" in values:
        raw = base64.b64decode(values["bdata"])
        return np.frombuffer(raw, dtype=np.dtype(values["dtype"])).tolist()
    return list(values)
