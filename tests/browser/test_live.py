"""The live views in a real browser: drag, keyboard and commit (issue 16).

The views (``ui/live.js``) redraw on every slider input without the server;
letting go commits the value, the page reruns and the URL and sidebar
follow. Timing is measured by ``benchmarks/live_latency.py``, not here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from playwright.sync_api import Browser, Page

from benchmarks.live_latency import attribute, drag, open_page, release_and_wait, scrub
from lib.data import make_imbalanced
from lib.gradients import class_gradient_contributions
from lib.i18n import translate
from lib.studies.live import boundary_path, class_gradient_norms, live_surface, ratio_grid
from tests.browser.test_browser import TIMEOUT_MS, app_server, base_url, chromium_browser

pytestmark = pytest.mark.browser
__all__ = ["app_server", "base_url", "chromium_browser"]  # module-scoped fixtures reused

QUERY = "ratio=100&n=2000&seed=0&w0=1&w1=1&lang=en"
DATA = (2000, 100, 2.0, 0, "gaussian")  # the data of QUERY, as make_imbalanced takes them


def _lowest(r: float) -> list[float]:
    return list(live_surface(*DATA).lowest_cell(1.0, r))


def _share(r: float) -> list[float]:
    # the gradient page's step 0: every parameter zero
    X, y = make_imbalanced(DATA[0], DATA[1], class_sep=DATA[2], random_state=DATA[3])
    c = class_gradient_contributions(X, y, np.zeros(2), 0.0)
    return [class_gradient_norms(c.norm0, c.norm1, w0=1, w1=1, new_w0=1, new_w1=r)[2]]


def _line(r: float) -> list[float]:
    X, y = make_imbalanced(DATA[0], DATA[1], class_sep=DATA[2], random_state=DATA[3])
    coef, intercept = boundary_path(X, y, w0=1.0, ratios=ratio_grid()).at(r)
    return [*coef, intercept]


#: What each view draws, computed with lib: the surface's lowest cell, the
#: weighted class-1 share, the interpolated boundary (coefficients, intercept).
EXPECTED = {"surface": _lowest, "shares": _share, "boundary": _line}


@pytest.fixture
def page(chromium_browser: Browser) -> Iterator[Page]:
    context = chromium_browser.new_context(viewport={"width": 1500, "height": 1400})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def _query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def _sidebar_w1(page: Page) -> float:
    box = page.locator('[data-testid="stSidebar"]').get_by_label("w1", exact=True)
    return float(box.input_value())


def _wait_sidebar_w1(page: Page, value: float) -> None:
    # The URL can change a frame before the sidebar's input is redrawn.
    for _ in range(100):
        if math.isclose(_sidebar_w1(page), value, rel_tol=1e-9):
            return
        page.wait_for_timeout(100)
    assert _sidebar_w1(page) == pytest.approx(value)


@pytest.mark.parametrize(
    ("path", "kind", "n_plots", "drawn"),
    [
        ("loss-surface", "surface", 1, "lowest"),
        ("gradients", "shares", 4, "share"),
        ("boundaries", "boundary", 3, "line"),
    ],
)
def test_drag_redraws_in_the_browser_and_release_commits(
    page: Page, base_url: str, path: str, kind: str, n_plots: int, drawn: str
) -> None:
    open_page(page, f"{base_url}/{path}?{QUERY}", n_plots)
    figure = page.locator(f'.live[data-kind="{kind}"] figure').last  # the weighted panel
    before = figure.get_attribute(f"data-{drawn}")
    url_before = page.url

    drag(page, kind, 0.9)  # mouse down, moved, not released
    assert figure.get_attribute(f"data-{drawn}") != before, "the figure did not move with the hand"
    value = float(attribute(page, kind, "value"))
    assert value > 2.5
    assert page.url == url_before, "a drag must not rerun the page before the release"
    # what the browser drew is what lib computes at that ratio
    shown = [float(v) for v in figure.get_attribute(f"data-{drawn}").split(",")]
    assert shown == pytest.approx(EXPECTED[kind](10**value), rel=1e-4, abs=1e-4)

    release_and_wait(page, kind, n_plots)
    ratio = 10 ** float(attribute(page, kind, "committed"))
    assert ratio == pytest.approx(10**value, rel=1e-3)
    assert float(_query(page)["w1"]) == pytest.approx(10**value, rel=1e-3)
    _wait_sidebar_w1(page, float(_query(page)["w1"]))
    assert _query(page)["w0"] == "1"


def test_keyboard_moves_the_slider_and_commits_after_a_pause(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/loss-surface?{QUERY}", 1)
    thumb = page.locator('.live[data-kind="surface"] input.live-range')
    assert thumb.get_attribute("type") == "range"
    thumb.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert float(attribute(page, "surface", "value")) == pytest.approx(0.15)
    page.keyboard.press("PageUp")
    assert float(attribute(page, "surface", "value")) == pytest.approx(0.65)
    page.wait_for_function("() => new URLSearchParams(location.search).get('w1') === '4.467'")
    assert thumb.get_attribute("aria-valuetext") == "w1/w0 = 4.467"


def test_scripted_scrub_changes_the_lowest_cell_without_a_rerun(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/loss-surface?{QUERY}", 1)
    weighted = page.locator('.live[data-kind="surface"] figure').last
    scrub(page, "surface", 1)  # the slider's lowest ratio, 1/100
    low = weighted.get_attribute("data-lowest")
    scrub(page, "surface", 40)  # swept up to 10,000
    high = weighted.get_attribute("data-lowest")
    assert low != high
    # the lowest cell's bias rises with w1/w0 (the intercept shift of weighting)
    assert float(high.split(",")[1]) > float(low.split(",")[1])
    assert _query(page)["w1"] == "1"


def test_sidebar_ratio_slider_sets_the_weights(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/boundaries?{QUERY}", 3)
    thumb = page.locator('[data-testid="stSidebar"] .live[data-kind="ratio"] input.live-range')
    marks = page.locator('[data-testid="stSidebar"] .live[data-kind="ratio"] .live-mark')
    thumb.wait_for()
    assert translate("live.mark_balanced") in marks.all_inner_texts()[1]
    thumb.focus()
    page.keyboard.press("Home")
    page.wait_for_function("() => new URLSearchParams(location.search).get('w1') === '0.01'")
    _wait_sidebar_w1(page, 0.01)
    page.keyboard.press("End")
    page.wait_for_function("() => new URLSearchParams(location.search).get('w1') === '10000'")
    # the page's own live view follows the sidebar
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'"
    )
    committed = attribute(page, "boundary", "committed")
    assert committed is not None and math.isclose(float(committed), 4.0)


def test_descent_path_step_scrubber_sets_the_page_step(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/gradients?{QUERY}", 4)
    thumb = page.locator('.live[data-kind="path"] input.live-range')
    thumb.focus()
    page.keyboard.press("End")
    point = page.locator('.live[data-kind="path"] figure').first.get_attribute("data-point")
    assert point != "0,0"
    page.wait_for_function("() => new URLSearchParams(location.search).get('step') === '500'")


def test_lesson_shows_its_live_view_after_the_reveal(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/lessons?lesson=3&lang=en", 0)
    assert page.locator('.live[data-kind="surface"]').count() == 0
    page.get_by_text(translate("lesson.surface.opt0")).click()
    page.get_by_role("button", name=translate("lessons.reveal")).click()
    page.locator('.live[data-kind="surface"] canvas').first.wait_for()
    url = page.url
    thumb = page.locator('.live[data-kind="surface"] input.live-range')
    thumb.focus()
    page.keyboard.press("ArrowLeft")
    # committed for the lesson only: the sidebar and the URL's weights stay
    page.wait_for_timeout(1500)
    assert _query(page).get("w1") == parse_qs(urlsplit(url).query).get("w1", [None])[-1]
    assert page.get_by_role("button", name=translate("lessons.open")).count() == 1
