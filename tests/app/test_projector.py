"""Projector mode: larger, thicker, higher-contrast charts and text (issue 7)."""

from tests.app.helpers import charts, open_page, query, rerun
from ui.layout import PROJECTOR_FONT, PROJECTOR_LINE


def _line_widths(fig):
    return [
        t.get("line", {}).get("width")
        for t in fig["data"]
        if t.get("type", "scatter") == "scatter" and "lines" in t.get("mode", "lines")
    ]


def test_projector_mode_from_the_link_enlarges_charts_and_text():
    at = open_page("boundaries", proj="1")
    assert at.sidebar.toggle(key="page_proj").value is True
    assert query(at)["proj"] == "1"
    for fig in charts(at).values():
        assert fig["layout"]["font"]["size"] == PROJECTOR_FONT
        assert all(w >= PROJECTOR_LINE for w in _line_widths(fig))
    assert any("font-size: 20px" in m.value for m in at.sidebar.markdown)


def test_projector_mode_is_off_by_default_and_toggles():
    at = open_page("gradients")
    assert query(at)["proj"] == "0"
    assert all(
        "font" not in fig["layout"] or fig["layout"]["font"].get("size") is None
        for fig in charts(at).values()
    )
    at.sidebar.toggle(key="page_proj").set_value(True)
    rerun(at)
    assert query(at)["proj"] == "1"
    assert all(fig["layout"]["font"]["size"] == PROJECTOR_FONT for fig in charts(at).values())


def test_bad_projector_value_falls_back_with_a_notice():
    at = open_page("overview", proj="maybe")
    assert at.sidebar.toggle(key="page_proj").value is False
    assert any("proj" in w.value for w in at.warning)
