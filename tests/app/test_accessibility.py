"""Every chart has a text summary for screen readers (issue 7).

``ui.plot`` passes :func:`lib.viz.describe` as the chart's ``alt``; this
checks it on every page's charts (the summary on its own: tests/lib/viz/test_base.py).
"""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import ROOT
from ui import PAGES


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
