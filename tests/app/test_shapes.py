"""Data shapes in the app: every page with every shape, the ``shape`` URL parameter.

Each non-default shape opens one session per navigation section from a URL with
``?shape=...`` and visits that section's pages in turn (a fresh session per page
would run the overview 32 times for nothing): every page must run without an
exception or an error box, keep the shape in the sidebar and the URL, and show
no notice. ``n=2000`` at 1:100 keeps the runs short and leaves 20 minority
samples, enough for every strategy's neighbours.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.data import SHAPES, make_imbalanced
from lib.i18n import translate
from lib.settings import Settings
from lib.studies.lessons import LESSONS
from tests.app.helpers import (
    EXTREMES,
    charts,
    check,
    live_views,
    notices,
    open_app,
    open_page,
    query,
    rerun,
    sidebar_values,
    trace_data,
)
from ui import PAGES, SECTIONS, script_of

PARAMS = {"n": "2000", "ratio": "100"}
OTHER_SHAPES = SHAPES[1:]


def _sections() -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """(section title key, its pages as (script, url path)) in menu order."""
    return [
        (key, tuple((page.script, page.path) for page in PAGES if page.section == key))
        for key in SECTIONS
    ]


def _assert_on_shape(at: AppTest, shape: str, where: str) -> None:
    assert not at.error, (where, [e.value for e in at.error])
    assert at.selectbox(key="sb_shape").value == shape, where
    assert query(at)["shape"] == shape, where
    assert notices(at) == [], where


def test_sections_cover_every_page():
    assert sum(len(pages) for _, pages in _sections()) == len(PAGES)


@pytest.mark.parametrize("shape", OTHER_SHAPES)
@pytest.mark.parametrize(("section", "pages"), _sections(), ids=[s for s, _ in _sections()])
def test_every_page_opens_with_every_shape_from_the_url(shape, section, pages):
    at = open_app(**PARAMS, shape=shape)
    _assert_on_shape(at, shape, "overview")
    for script, path in pages:
        check(at.switch_page(script).run())
        _assert_on_shape(at, shape, path)
        assert {k: query(at)[k] for k in PARAMS} == PARAMS, path


def test_bad_shape_falls_back_with_a_notice_and_keeps_the_other_settings():
    at = open_app(**PARAMS, shape="xyz", sep="3", w1="7", seed="5")
    [text] = notices(at)
    assert "`shape=xyz`" in text and "`shape=gaussian`" in text
    assert all(shape in text for shape in SHAPES)
    expected = {**vars(Settings()), "n": 2000, "ratio": 100, "sep": 3.0, "w1": 7.0, "seed": 5}
    assert sidebar_values(at) == expected
    assert query(at) == {
        **query(at),
        **PARAMS,
        "shape": "gaussian",
        "sep": "3",
        "w1": "7",
        "seed": "5",
    }
    # the notice stays until the user acts, then goes
    at.selectbox(key="sb_shape").set_value("two_clusters")
    rerun(at)
    assert notices(at) == [] and query(at)["shape"] == "two_clusters"


def test_choosing_a_shape_redraws_the_data_and_writes_the_url():
    at = open_app(**PARAMS)
    assert query(at)["shape"] == "gaussian"
    before = trace_data(charts(at)["overview_scatter"])
    at.selectbox(key="sb_shape").set_value("two_clusters")
    rerun(at)
    assert query(at)["shape"] == "two_clusters"
    assert trace_data(charts(at)["overview_scatter"]) != before
    # the class counts do not depend on the shape
    _, y = make_imbalanced(2000, 100, class_sep=2.0, shape="two_clusters", random_state=0)
    assert f"{int(y.sum()):,}" in [m.value for m in at.metric]


def test_shape_survives_page_switches_and_reaches_the_models():
    at = open_app(**PARAMS, shape="unequal_var")
    check(at.switch_page(script_of("boundaries")).run())
    unequal = live_views(at)["live_boundary"]
    at.selectbox(key="sb_shape").set_value("gaussian")
    rerun(at)
    gaussian = live_views(at)["live_boundary"]
    assert unequal["path"] != gaussian["path"] and unequal["exact"] != gaussian["exact"]
    check(at.switch_page(script_of("gradients")).run())
    assert at.selectbox(key="sb_shape").value == "gaussian" and query(at)["shape"] == "gaussian"


@pytest.mark.parametrize("lang", ["ru", "ko"])
def test_shape_control_is_translated(lang):
    at = open_app(**PARAMS, shape="unequal_var", lang=lang)
    box = at.selectbox(key="sb_shape")
    assert box.label == translate("sidebar.shape", lang)
    assert box.options == [translate(f"shape.{shape}", lang) for shape in SHAPES]
    assert box.help == translate("sidebar.shape_help", lang)
    assert box.value == "unequal_var"


def test_a_lessons_preset_returns_to_the_gaussian_data():
    # the lessons' evidence is measured on the well-specified shape
    # except the step that is about a misspecified shape
    assert all(
        lesson.preset.get("shape", "gaussian") == "gaussian"
        for lesson in LESSONS
        if lesson.key != "misspecified"
    )
    assert (
        next(lesson for lesson in LESSONS if lesson.key == "misspecified").preset["shape"]
        == "unequal_var"
    )
    at = open_app(**PARAMS, shape="two_clusters")
    check(at.switch_page(script_of("lessons")).run())
    next(b for b in at.button if b.key == "lesson_open_plain").click()
    rerun(at)
    assert query(at)["shape"] == "gaussian"
    assert at.selectbox(key="sb_shape").value == "gaussian"


@pytest.mark.parametrize("case", ["one_minority_sample", "no_separation"])
def test_at_extreme_settings_a_shape_adds_no_error(case):
    # pages may refuse a part at extreme settings (e.g. SMOTE with one minority
    # sample); a shape must not add a refusal the gaussian data do not have
    def errors(shape: str) -> dict[str, list[str]]:
        at = open_app(**EXTREMES[case], shape=shape)
        found = {}
        for page in PAGES:
            script, path = page.script, page.path
            check(at.switch_page(script).run())
            assert query(at)["shape"] == shape, path
            found[path] = [e.value for e in at.error]
        return found

    baseline = errors("gaussian")
    for shape in OTHER_SHAPES:
        assert errors(shape) == baseline, shape


@pytest.mark.parametrize("shape", SHAPES)
def test_core_pages_say_when_their_view_or_story_needs_the_gaussian_shape(shape):
    """The loss surface warns that its 1-D view is noise on two clusters; the
    gradient page says its Bayes figures are for the Gaussian shape."""
    infos = {
        name: [i.value for i in open_page(name, **PARAMS, shape=shape).info]
        for name in ("loss_surface", "gradients")
    }
    surface_note = translate("surface.projection_note")
    gradient_note = translate("grad.converge_misspecified")
    assert (surface_note in infos["loss_surface"]) == (shape == "two_clusters")
    assert (gradient_note in infos["gradients"]) == (shape != "gaussian")
