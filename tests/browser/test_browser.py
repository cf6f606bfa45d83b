"""Real-browser tests: the app served by ``streamlit run`` and driven by chromium.

A module-scoped fixture starts the app on a free port of 127.0.0.1 and another
launches Debian's ``/usr/bin/chromium`` through Playwright (Playwright never
downloads a browser here; ``make chromium`` installs the Debian one). Every
page is loaded, checked for errors and drawn figures, and re-run with a new
``w1``; each page is also photographed into ``docs/screenshots/``.

Streamlit marks the app root with ``data-test-script-state``: ``initial``
before the first run, ``running`` while the script runs and ``notRunning``
afterwards. That attribute, not a sleep, tells when a page is done.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.lesson_walkthrough import walk_step
from benchmarks.live_latency import FIND_LIVE_JS
from benchmarks.serve import (
    CHROMIUM_ARGS,
    IDLE_JS,
    MARK_JS,
    UPDATED_JS,
    free_port,
    start,
    stop,
    wait_healthy,
)
from lib.i18n import languages, translate
from lib.studies.lessons import LESSONS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1500, "height": 2000}
#: Bounds of a screenshot's height, which follows the page's content.
MIN_SCREENSHOT_HEIGHT, MAX_SCREENSHOT_HEIGHT = 800, 8000
TIMEOUT_MS = 60_000
SERVER_START_S = 60.0

#: (url path, screenshot name, number of plotly figures on the page).
PAGES = [
    ("", "overview", 1),
    ("loss-surface", "loss-surface", 1),
    ("gradients", "gradients", 4),
    ("boundaries", "boundaries", 3),
    ("weight-schemes", "weight-schemes", 3),
    ("training-loss", "training-loss", 2),
    ("focal-loss", "focal-loss", 5),
    ("class-balanced", "class-balanced", 3),
    ("sample-weights", "sample-weights", 6),
    ("resampling", "resampling", 4),
    ("probabilities", "probabilities", 5),
    ("ensembles", "ensembles", 5),
    ("thresholds", "thresholds", 3),
    ("prevalence", "prevalence", 2),
]
#: The pages whose figures follow the sidebar's class weights.
WEIGHTED_PAGES = [
    p
    for p in PAGES
    if p[1]
    not in (
        "weight-schemes",
        "class-balanced",
        "sample-weights",
        "resampling",
        "probabilities",
        "ensembles",
        "prevalence",
    )
]
#: The live view (ui/live.js) that draws each core page's main figure.
LIVE_KINDS = {"loss-surface": "surface", "gradients": "shares", "boundaries": "boundary"}
#: The balanced weights of the default data set: the interesting case to show.
SCREENSHOT_QUERY = "ratio=1000&n=20000&seed=0&w0=0.5005&w1=500&sep=2&lang=en"

# ------------------------------------------------------------------ page probes (JS)
#: Per figure: trace types, what is drawn and a hash of its data.
PLOTS_JS = """() => {
  const hash = s => { let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    return h; };
  const plain = (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v;
  return Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
    types: (el.data || []).map(t => t.type || 'scatter'),
    names: (el.data || []).map(t => String(t.name || '')),
    svgTraces: el.querySelectorAll('.trace, .hm, .contour').length,
    canvases: el.querySelectorAll('canvas').length,
    noWebGL: /WebGL is not supported/i.test(el.innerText),
    title: String(el._fullLayout?.title?.text || ''),
    hash: hash(JSON.stringify(el.data || [], plain)),
  }));
}"""

#: True once the URL carries ``w1=50`` and the re-run has finished.
RERUN_DONE_JS = (
    """(n) => new URLSearchParams(location.search).get('w1') === '50' && (""" + IDLE_JS + ")(n)"
)


# ------------------------------------------------------------------ server
@contextlib.contextmanager
def _streamlit_server(log_path: Path) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free local port; yield its base URL."""
    port = free_port()
    proc = start("app.py", port, log_path)
    try:
        try:
            wait_healthy(f"http://127.0.0.1:{port}", proc, SERVER_START_S)
        except RuntimeError as err:
            pytest.fail(f"{err}; log:\n{log_path.read_text(errors='replace')}")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(run `make chromium`, or `apt-get install chromium`)"
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    with _streamlit_server(log_path) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def base_url(app_server: str) -> str:
    """The app's URL (deep links work from the first request, see below)."""
    return app_server


def _new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(chromium_browser: Browser) -> Iterator[Page]:
    page = _new_page(chromium_browser)
    try:
        yield page
    finally:
        page.context.close()


# ------------------------------------------------------------------ helpers
def _open(page: Page, url: str, n_plots: int) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]', state="attached")
    _wait_idle(page, n_plots)


def _wait_idle(page: Page, n_plots: int) -> None:
    page.wait_for_function(IDLE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling=100)


def _exceptions(page: Page) -> list[str]:
    return [e.inner_text() for e in page.locator('[data-testid="stException"]').all()]


def _plots(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(PLOTS_JS)
    return result


def _check_page(page: Page, n_plots: int) -> list[dict[str, Any]]:
    """No exception on the page and ``n_plots`` figures that draw something."""
    assert not _exceptions(page), f"exception on {page.url}:\n" + "\n".join(_exceptions(page))
    plots = _plots(page)
    assert len(plots) >= n_plots, f"{len(plots)} figures on {page.url}, expected {n_plots}"
    for index, plot in enumerate(plots):
        where = f"figure {index} ({plot['title'] or plot['types']}) on {page.url}"
        assert plot["types"], f"{where} has no traces"
        assert not plot["noWebGL"], f"{where}: plotly says WebGL is not supported"
        gl = any(t.endswith("gl") for t in plot["types"])
        assert plot["svgTraces"] > 0 or (gl and plot["canvases"] > 0), f"{where} draws nothing"
    return plots


def _query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


# ------------------------------------------------------------------ tests
@pytest.mark.parametrize(
    ("path", "name", "n_plots"), WEIGHTED_PAGES, ids=[p[1] for p in WEIGHTED_PAGES]
)
def test_page_renders_and_follows_w1(
    page: Page, base_url: str, path: str, name: str, n_plots: int
) -> None:
    _open(page, f"{base_url}/{path}", n_plots)
    before = _check_page(page, n_plots)
    weights_text = page.get_by_text("of the total sample weight")
    text_before = weights_text.inner_text() if name == "overview" else ""

    w1 = page.locator('[data-testid="stSidebar"]').get_by_label("w1", exact=True)
    w1.fill("50")
    w1.press("Enter")
    page.wait_for_function(RERUN_DONE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling=100)
    assert _query(page).get("w1") == "50", page.url

    if name == "overview":
        # The scatter does not depend on w1; the sentence about the weights does.
        page.wait_for_function(
            """(old) => { const el = Array.from(document.querySelectorAll('p'))
                 .find(p => p.innerText.includes('of the total sample weight'));
               return el && el.innerText !== old; }""",
            arg=text_before,
            timeout=10_000,
        )
        text_after = weights_text.inner_text()
        assert text_after != text_before
        assert "w₁ = 50" in text_after, text_after
        _check_page(page, n_plots)
        return

    if name in LIVE_KINDS:  # the live view (a canvas) holds the committed weights
        page.wait_for_function(
            "(k) => Number((" + FIND_LIVE_JS + ")(k)?.dataset.committed)"
            " === Math.round(Math.log10(50) * 1e4) / 1e4",
            arg=LIVE_KINDS[name],
            timeout=10_000,
        )
        return
    # Figure that must follow w1.
    changed = {
        "training-loss": 0,
        "focal-loss": 3,
        "thresholds": 0,
    }[name]
    with contextlib.suppress(Exception):  # the assertion below explains a timeout
        page.wait_for_function(
            f"(old) => ({PLOTS_JS})()[{changed}]?.hash !== old",
            arg=before[changed]["hash"],
            timeout=10_000,
        )
    after = _check_page(page, n_plots)
    assert after[changed]["hash"] != before[changed]["hash"], (
        f"figure {changed} ({after[changed]['title']}) on {name} did not change with w1"
    )


#: Pages with their own data: (path, slider label, query name, value before and after one
#: ArrowLeft, number of figures, indexes of the figures that must change).
SLIDER_PAGES = [
    ("weight-schemes", "β of the effective number", "beta", "0.999", "0.995", 3, (0, 2)),
    ("class-balanced", "β of ENS and CB focal", "beta", "0.999", "0.995", 3, (2,)),
    ("sample-weights", "Half-life h (days)", "half", "10", "5", 6, (2,)),
    ("resampling", "k nearest neighbours (SMOTE, ADASYN)", "k", "5", "3", 4, (2, 3)),
    # RUSBoost (figure 4) may stop boosting after a few rounds, whatever the slider.
    ("ensembles", "Members per ensemble (n_estimators)", "trees", "10", "5", 5, (1, 2, 3)),
    ("prevalence", "Deployment ratio", "deploy", "10", "5", 2, (0, 1)),
]


@pytest.mark.parametrize(
    ("path", "label", "param", "old", "new", "n_plots", "changed"),
    SLIDER_PAGES,
    ids=[p[0] for p in SLIDER_PAGES],
)
def test_page_follows_its_slider(
    page: Page,
    base_url: str,
    path: str,
    label: str,
    param: str,
    old: str,
    new: str,
    n_plots: int,
    changed: tuple[int, ...],
) -> None:
    _open(page, f"{base_url}/{path}", n_plots)
    before = _check_page(page, n_plots)
    assert _query(page).get(param) == old, page.url
    thumb = page.locator('[data-testid="stSlider"]', has_text=label).get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowLeft")  # one option down, committed when the key is released
    page.wait_for_function(
        f"() => new URLSearchParams(location.search).get('{param}') === '{new}'", timeout=TIMEOUT_MS
    )
    _wait_idle(page, n_plots)
    for index in changed:
        with contextlib.suppress(Exception):  # the assertion below explains a timeout
            page.wait_for_function(
                f"(old) => ({PLOTS_JS})()[{index}]?.hash !== old",
                arg=before[index]["hash"],
                timeout=10_000,
            )
    after = _check_page(page, n_plots)
    for index in changed:
        assert after[index]["hash"] != before[index]["hash"], (
            f"figure {index} ({after[index]['title']}) on {path} did not follow {param}"
        )


@pytest.mark.parametrize(("path", "name", "n_plots"), PAGES, ids=[p[1] for p in PAGES])
def test_screenshot(page: Page, base_url: str, path: str, name: str, n_plots: int) -> None:
    _open(page, f"{base_url}/{path}?{SCREENSHOT_QUERY}", n_plots)
    _check_page(page, n_plots)
    assert _query(page).get("w1") == "500", page.url
    alerts = [a.inner_text() for a in page.locator('[data-testid="stAlert"]').all()]
    assert not [a for a in alerts if "could not be used" in a], alerts
    _screenshot(page, name, n_plots)


#: True when the sidebar's frames (the copy-link button) are there and laid out.
SIDEBAR_FRAMES_DRAWN_JS = """() => {
  const frames = document.querySelectorAll('[data-testid="stSidebarUserContent"] iframe');
  return frames.length > 0 && Array.from(frames).every(f => f.getBoundingClientRect().height > 0);
}"""


def _screenshot(page: Page, name: str, n_plots: int) -> None:
    """Photograph the whole page (main area and sidebar) into ``docs/screenshots``."""
    # Streamlit scrolls inside its own container, so a full-page shot is only as
    # tall as the viewport: fit the viewport to the content (sidebar or main),
    # measured once the sidebar's copy-link frame has its height.
    page.wait_for_function(SIDEBAR_FRAMES_DRAWN_JS, timeout=TIMEOUT_MS)
    bottom = page.evaluate("""() => Math.max(...['stMainBlockContainer', 'stSidebarUserContent']
        .map(id => document.querySelector(`[data-testid="${id}"]`))
        .filter(Boolean).map(el => Math.ceil(el.getBoundingClientRect().bottom)))""")
    height = max(MIN_SCREENSHOT_HEIGHT, min(int(bottom) + 24, MAX_SCREENSHOT_HEIGHT))
    if height != page.viewport_size["height"]:
        page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
        _wait_idle(page, n_plots)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_timeout(1000)  # let plotly and the data grids finish their last redraw
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}.png"),
        full_page=True,
        animations="disabled",
        timeout=TIMEOUT_MS,
    )
    assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000


#: Two letters of each language's script: drawn as real glyphs they differ;
#: without a font for the script both become the same empty box ("tofu").
SCRIPT_LETTERS = {"ru": "ДЖ", "ko": "가나"}
GLYPHS_DIFFER_JS = """(letters) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 48;
  const g = canvas.getContext('2d');
  const family = getComputedStyle(
    document.querySelector('[data-testid="stMarkdownContainer"]')).fontFamily;
  const draw = (ch) => {
    g.clearRect(0, 0, 48, 48); g.font = `36px ${family}`; g.fillText(ch, 4, 38);
    return Array.from(g.getImageData(0, 0, 48, 48).data).join(',');
  };
  return draw(letters[0]) !== draw(letters[1]);
}"""


@pytest.mark.parametrize("lang", sorted(SCRIPT_LETTERS))
@pytest.mark.parametrize(
    ("path", "name", "n_plots"),
    [
        *(p for p in PAGES if p[1] in ("overview", "boundaries", "gradients", "prevalence")),
        ("lessons", "lessons", 0),
    ],
    ids=["overview", "gradients", "boundaries", "prevalence", "lessons"],
)
def test_page_in_russian_and_korean(
    page: Page, base_url: str, lang: str, path: str, name: str, n_plots: int
) -> None:
    query = SCREENSHOT_QUERY.replace("lang=en", f"lang={lang}")
    _open(page, f"{base_url}/{path}?{query}", n_plots)
    _check_page(page, n_plots)
    text = page.locator('[data-testid="stMain"]').inner_text()
    low, high = {"ru": ("\u0400", "\u04ff"), "ko": ("\uac00", "\ud7a3")}[lang]
    assert sum(low <= ch <= high for ch in text) > 50, text[:300]
    assert page.evaluate(GLYPHS_DIFFER_JS, SCRIPT_LETTERS[lang]), (
        f"no font with {lang} glyphs: letters render as identical boxes"
    )
    _screenshot(page, f"{lang}-{name}", n_plots)


@pytest.mark.parametrize("lang", ["ru", "ko"])
def test_upload_page_and_its_errors_in_russian_and_korean(
    page: Page, base_url: str, lang: str
) -> None:
    _open(page, f"{base_url}/your-data?ratio=20&n=2000&lang={lang}", 0)
    # Streamlit draws the uploader's button itself; the page's CSS shows our words
    page.locator('[data-testid="stFileUploaderDropzone"] button').wait_for()
    expected = f'"{translate("upload.browse", lang)}"'
    after_js = """() => getComputedStyle(document.querySelector(
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]'),
        '::after').content"""
    with contextlib.suppress(Exception):  # the assertion below explains a timeout
        page.wait_for_function(f"() => ({after_js})() === {json.dumps(expected)}", timeout=10_000)
    shown = page.evaluate(after_js)
    assert shown == expected, shown
    english = page.get_by_text("Upload", exact=True)
    assert english.count() == 1 and english.is_hidden()  # still there, not shown
    # and a screen reader hears the same words
    assert (
        page.get_by_role("button", name=translate("upload.browse", lang), exact=True).count() == 1
    )
    _upload(page, "data.csv", b"a,b,y\n1,,0\n3,4,1\n5,6,0\n7,8,1\n")
    page.locator('[data-testid="stAlertContentError"]').wait_for(timeout=20_000)
    reason = translate("error.upload.missing", lang, rows="1", columns="b (1)")
    [error] = _errors(page)
    assert error.endswith(translate("upload.bad_task", lang, message=reason)), error
    assert not _exceptions(page)
    _screenshot(page, f"{lang}-upload-error", 0)


def test_copied_link_reproduces_the_view(chromium_browser: Browser, base_url: str) -> None:
    # The sample-weight sections are fragments: a link must carry their
    # settings too, though only the section reran.
    context = chromium_browser.new_context(
        viewport=VIEWPORT, permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _open(page, f"{base_url}/sample-weights?ratio=100&n=5000&seed=7&lang=en", 6)
    thumb = page.locator('[data-testid="stSlider"]', has_text="Half-life h (days)").get_by_role(
        "slider"
    )
    page.evaluate(MARK_JS)
    thumb.focus()
    thumb.press("ArrowLeft")  # 10 -> 5 days, from the keyboard
    page.wait_for_function(UPDATED_JS, arg=6, timeout=TIMEOUT_MS)
    button = page.frame_locator('[data-testid="stSidebar"] iframe').get_by_role("button")
    button.click()
    expect_text = "Link copied"
    page.frame_locator('[data-testid="stSidebar"] iframe').get_by_text(expect_text).wait_for()
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link == page.url
    assert _query(page)["half"] == "5" and "seed=7" in link, link
    before = [p["hash"] for p in _plots(page)]
    fresh = _new_page(chromium_browser)
    try:
        _open(fresh, link, 6)
        assert [p["hash"] for p in _plots(fresh)] == before
        assert fresh.url == link
    finally:
        fresh.context.close()
        context.close()


def test_lesson_predict_reveal_and_open(page: Page, base_url: str) -> None:
    _open(page, f"{base_url}/lessons?lesson=2&lang=en", 0)
    page.get_by_text("Well under 1 %: it is drowned by the majority's terms.").click()
    page.get_by_role("button", name="Reveal the answer").click()
    page.get_by_text("Right.").wait_for()
    explanation = page.get_by_text("the masking effect").inner_text()
    assert "%" in explanation, explanation
    _screenshot(page, "lessons", 0)
    page.get_by_role("button", name="Open the page with this step's settings").click()
    page.wait_for_url("**/gradients?**")
    _wait_idle(page, 4)
    assert _query(page)["w1"] == "1" and _query(page)["ratio"] == "1000"
    assert not _exceptions(page)


@pytest.mark.parametrize("step", range(1, len(LESSONS) + 1))
def test_every_lesson_step_in_a_browser(page: Page, base_url: str, step: int) -> None:
    # Each step in one of the languages in turn (the benchmark walks all 24):
    # predict right, reveal, open the page with the preset
    lang = languages()[step % len(languages())]
    # walk_step asserts that Reveal added at least the explanation's words to the page
    run = walk_step(page, base_url, lang, step)
    assert run.shown_words > 20, run


#: What the focused element is called: its aria-label, its <label>, or its text.
FOCUSED_JS = """() => { const el = document.activeElement;
  const label = el.getAttribute('aria-label')
    || (el.labels && el.labels[0] && el.labels[0].innerText) || el.innerText || el.tagName;
  return label.trim(); }"""


def _tab_to(page: Page, label: str, seen: list[str], limit: int = 60) -> None:
    """Press Tab until the element called ``label`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED_JS))
        if seen[-1] == label:
            return
    raise AssertionError(f"{label!r} not reached by Tab; focus went through {seen}")


def test_sidebar_controls_work_from_the_keyboard(page: Page, base_url: str) -> None:
    _open(page, f"{base_url}/boundaries?ratio=1000&n=2000&seed=0&w0=1&w1=1&lang=en", 3)
    seen: list[str] = []
    _tab_to(page, "Imbalance ratio (minority : majority)", seen)
    page.keyboard.press("ArrowLeft")  # 1:1000 -> 1:500
    page.wait_for_function("() => new URLSearchParams(location.search).get('ratio') === '500'")
    _wait_idle(page, 2)
    _tab_to(page, "Balanced", seen)
    page.keyboard.press("Enter")  # balanced weights at 1:500, n = 2,000 (4 minority rows)
    page.wait_for_function("() => new URLSearchParams(location.search).get('w1') === '250'")
    _wait_idle(page, 2)
    for label in ("Language", "Projector mode", "IFRAME"):  # the Copy link button's frame
        _tab_to(page, label, seen)
    for label in ("Number of samples", "Class separation", "Random seed", "w0", "w1", "1 : 1"):
        assert label in seen, f"{label!r} was skipped by Tab: {seen}"


def test_bad_link_values_fall_back_with_notices(page: Page, base_url: str) -> None:
    _open(page, f"{base_url}/?ratio=abc&w1=-5&n=1e99", 1)
    _check_page(page, 1)
    alerts = [a.inner_text() for a in page.locator('[data-testid="stAlert"]').all()]
    for raw in ("ratio=abc", "w1=-5", "n=1e99"):
        assert any(raw in a for a in alerts), f"no warning about {raw}: {alerts}"
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('ratio') === '1000'", timeout=10_000
    )
    query = _query(page)
    assert (query.get("ratio"), query.get("w1"), query.get("n")) == ("1000", "1", "20000"), page.url


def test_deep_link_on_fresh_server(
    chromium_browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A fresh server's very first request is a deep link to a page.

    Streamlit runs an app with a ``pages/`` folder beside the entry script in
    its legacy multipage mode until the first ``st.navigation`` call, which
    broke exactly this case (the page ran without ``app.py``); the pages live
    in ``views/`` for that reason. Then a click must keep the settings.
    """
    log_path = tmp_path_factory.mktemp("streamlit_fresh") / "server.log"
    with _streamlit_server(log_path) as url:
        page = _new_page(chromium_browser)
        try:
            page.goto(f"{url}/gradients?ratio=100&n=2000&sep=3", wait_until="domcontentloaded")
            page.wait_for_function(
                """() => document.querySelector('[data-testid="stApp"]')
                     ?.getAttribute('data-test-script-state') === 'notRunning'""",
                timeout=TIMEOUT_MS,
            )
            page.wait_for_timeout(500)
            assert not _exceptions(page), "\n".join(_exceptions(page))
            _wait_idle(page, 4)
            _check_page(page, 4)
            page.get_by_role("button", name="Balanced").click()
            page.wait_for_function(
                "() => new URLSearchParams(location.search).get('w1') !== '1'", timeout=TIMEOUT_MS
            )
            _wait_idle(page, 4)
            thumbs = page.locator('[data-testid="stSliderThumbValue"]').all_inner_texts()
            assert thumbs[:3] == ["1:100", "2,000", "3.00"], thumbs
            query = _query(page)
            assert (query["ratio"], query["n"], query["sep"]) == ("100", "2000", "3"), page.url
            assert float(query["w1"]) == pytest.approx(2000 / (2 * 20), rel=1e-5)
        finally:
            page.context.close()


#: A quick arena run: six strategies without EasyEnsemble (the slowest), 5 x 2 folds.
ARENA_QUERY = (
    "strategies=none,class_weight,random_under,smote,balanced_random_forest,"
    "threshold&folds=5&repeats=2"
)


def _run_arena(page: Page, n_rows: int) -> None:
    """Press the arena's run button and wait for its table and chart."""
    page.get_by_role("button", name="Run the arena").click()
    page.locator('[data-testid="stDataFrame"]', has_text="strategy").first.wait_for(
        timeout=3 * TIMEOUT_MS
    )
    _wait_idle(page, 1)
    _check_page(page, 1)
    assert page.get_by_text("Results (click a column header to sort)").count() == 1
    assert page.get_by_role("button", name="Download the summary (CSV)").count() == 1
    assert len(page.locator('[data-testid="stProgress"]').all()) == 0
    assert page.get_by_text(f"{n_rows:,}", exact=True).count() >= 1


def test_arena_runs_on_real_data(page: Page, base_url: str) -> None:
    _open(page, f"{base_url}/arena?{SCREENSHOT_QUERY}&src=digits&digits_ratio=50&{ARENA_QUERY}", 0)
    _check_page(page, 0)
    assert page.get_by_text("Press Run the arena").count() == 1
    _run_arena(page, 1655)
    names = _plots(page)[0]["names"]
    assert len(names) == 4, names  # one trace per metric panel
    _screenshot(page, "arena", 1)


def _upload(page: Page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    page.wait_for_timeout(300)
    _wait_idle(page, 0)


def _errors(page: Page) -> list[str]:
    return [e.inner_text() for e in page.locator('[data-testid="stAlertContentError"]').all()]


def test_upload_refuses_bad_files_and_runs_the_arena(page: Page, base_url: str) -> None:
    query = "ratio=20&n=2000&seed=3&strategies=none,class_weight,smote&folds=3&repeats=1"
    _open(page, f"{base_url}/your-data?{query}", 0)
    for name, data, message in (
        ("data.csv", b"PK\x03\x04" + bytes(range(256)) * 4, "binary file"),
        ("data.csv", b"a,b,y\n1,2,x\n3,4,x\n5,6,x\n", "single class"),
        ("data.csv", b"a,b,y\n1,,0\n3,4,1\n5,6,0\n7,8,1\n", "missing values"),
        ("data.csv", b"a,b\n1,2\n1,2,3\n", "could not be read as CSV"),
    ):
        _upload(page, name, data)
        with contextlib.suppress(Exception):  # the assertion below explains a timeout
            page.locator('[data-testid="stAlertContentError"]', has_text=message).wait_for(
                timeout=20_000
            )
        errors = _errors(page)
        assert any(message in e for e in errors), (name, message, errors)
        assert not _exceptions(page)
        assert _query(page).get("ratio") == "20", page.url
    page.get_by_role("button", name="Use an example file (breast cancer)").click()
    page.get_by_text("breast_cancer_example.csv: 569 rows").wait_for()
    _wait_idle(page, 0)
    assert not _errors(page), _errors(page)
    _run_arena(page, 569)
    assert _query(page).get("ratio") == "20", page.url
    _screenshot(page, "your-data", 1)


#: The core pages, opened on a misspecified data shape from a link (issue 14).
CORE_PAGES = [p for p in PAGES if p[1] in ("overview", "loss-surface", "gradients", "boundaries")]
SHAPE_QUERY = "ratio=100&n=5000&seed=0&w0=1&w1=1&sep=2&lang=en"
#: True once the URL carries ``shape=gaussian`` and the re-run has finished.
GAUSSIAN_DONE_JS = (
    "(n) => new URLSearchParams(location.search).get('shape') === 'gaussian'"
    " && (" + IDLE_JS + ")(n)"
)


@pytest.mark.parametrize("shape", ["unequal_var", "two_clusters"])
@pytest.mark.parametrize(("path", "name", "n_plots"), CORE_PAGES, ids=[p[1] for p in CORE_PAGES])
def test_core_page_with_a_misspecified_shape(
    page: Page, base_url: str, shape: str, path: str, name: str, n_plots: int
) -> None:
    _open(page, f"{base_url}/{path}?{SHAPE_QUERY}&shape={shape}", n_plots)
    before = _check_page(page, n_plots)
    assert _query(page).get("shape") == shape, page.url
    alerts = [a.inner_text() for a in page.locator('[data-testid="stAlert"]').all()]
    assert not [a for a in alerts if "could not be used" in a], alerts
    box = page.locator(
        '[data-testid="stSidebar"] [data-testid="stSelectbox"]', has_text=translate("sidebar.shape")
    )
    combo = box.get_by_role("combobox")
    assert combo.input_value() == translate(f"shape.{shape}"), combo.input_value()
    if name == "boundaries":
        _screenshot(page, f"boundaries-{shape}", n_plots)

    # Back to the Gaussian data from the sidebar: the URL and the data follow.
    combo.click()
    page.keyboard.press("ArrowDown")  # Streamlit's combobox opens its list on a key
    page.get_by_role("option", name=translate("shape.gaussian"), exact=True).click()
    page.wait_for_function(GAUSSIAN_DONE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling=100)
    # Figure 0 draws the data on every core page (scatter, unweighted surface,
    # gradient bars at the start, unweighted boundary map).
    with contextlib.suppress(Exception):  # the assertion below explains a timeout
        page.wait_for_function(
            f"(old) => ({PLOTS_JS})()[0]?.hash !== old", arg=before[0]["hash"], timeout=10_000
        )
    after = _check_page(page, n_plots)
    assert after[0]["hash"] != before[0]["hash"], (
        f"figure 0 ({after[0]['title']}) on {name} did not follow the shape"
    )
    assert _query(page).get("ratio") == "100" and _query(page).get("n") == "5000", page.url


@pytest.mark.parametrize("lang", ["en", "ru", "ko"])
def test_thresholds_side_by_side_on_a_misspecified_shape(
    page: Page, base_url: str, lang: str
) -> None:
    """Issue 14: on Unequal spread the thresholds page shows the Gaussian case beside it."""
    query = SCREENSHOT_QUERY.replace("lang=en", f"lang={lang}")
    _open(page, f"{base_url}/thresholds?{query}&shape=unequal_var", 3)
    _check_page(page, 3)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert translate("thresholds.which_text", lang).split("**")[1] in text
    assert translate("shape.unequal_var", lang) in text  # the side-by-side sentence
    # operating points and the shape-versus-Gaussian table (drawn on a canvas,
    # which can arrive after the figures)
    tables = page.locator('[data-testid="stDataFrame"]')
    tables.nth(1).wait_for(timeout=TIMEOUT_MS)
    assert tables.count() == 2
    _screenshot(
        page, "thresholds-unequal_var" if lang == "en" else f"{lang}-thresholds-unequal_var", 3
    )
