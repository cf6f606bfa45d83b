"""Every chart has a text summary for screen readers (issue 7).

``ui.plot`` passes :func:`lib.viz.describe` as the chart's ``alt``; these
tests check the summary on its own and on every page's charts.
"""

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lib.i18n import translator
from lib.viz import Curve, describe, line_chart, surface_heatmap
from tests.app.helpers import ROOT
from ui import PAGES


def test_describe_names_title_kind_axes_and_series():
    x = np.linspace(0, 1, 5)
    fig = line_chart(
        [Curve("unweighted", x, x, "#000000"), Curve("weighted", x, x**2, "#CC79A7")],
        title="Loss",
        xtitle="bias b",
        ytitle="mean loss",
    )
    text = describe(fig)
    assert text == ("Chart “Loss”: lines; mean loss against bias b. Series: unweighted; weighted.")
    heat = surface_heatmap(x, x, np.ones((5, 5)) + x[:, None], optimum=(0.5, 0.5), title="Surface")
    assert describe(heat).startswith("Chart “Surface”: colour map, points;")


def test_describe_follows_the_language():
    x = np.linspace(0, 1, 3)
    fig = line_chart([Curve("a", x, x, "#000000")], title="t", xtitle="x", ytitle="y")
    assert describe(fig, tr=translator("ko")).startswith("차트 “t”: 선;")


@pytest.mark.parametrize(
    "script", [p.script for p in PAGES if p.path not in ("arena", "your-data", "lessons")]
)
def test_every_chart_on_every_page_has_a_summary(script):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(script).run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        title = json.loads(chart.proto.spec)["layout"].get("title", {}).get("text", "")
        assert chart.proto.alt.startswith("Chart “"), chart.proto.alt
        assert title in chart.proto.alt
