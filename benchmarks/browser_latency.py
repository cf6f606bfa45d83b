"""Benchmark: interaction latency of every page in a real browser (issue 6).

Starts the app and a trivial reference page (``reference_app.py``: one
100x100 heatmap and a slider) and drives both with headless Debian chromium.
For every page it measures

* the cold first load: a new browser session opens the page on a server
  that has not computed it yet, until every figure is drawn;
* the warm load: the next new browser session opening the same page, now
  cached on the server (what the rest of a class sees);
* 20 moves of the page's main control (a slider swept right then back, or
  ``w1`` typed as 2, 3, ..., 21): from the key press until Streamlit's script
  has finished and at least one figure has been re-rendered.

It prints p50 / p95 per page and the ratio of each page's p50 to the
reference page's p50, measured in the same run. Goals: p50 <= 1.5x the
reference, cold load < 3 s. Run: ``.venv/bin/python -m benchmarks.browser_latency``
(``make bench``); page paths as arguments measure only those pages. The
arena and upload pages draw nothing until asked and are left out.

``--components`` instead measures the reference page with one addition at a
time (``component_app.py``: markdown, widgets, the app's sidebar, a second
heatmap, SVG or WebGL markers), to show where a page's latency comes from.
"""

from __future__ import annotations

import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.serve import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_JS,
    MARK_JS,
    UPDATED_JS,
    percentile,
    streamlit_server,
)
from lib.i18n import translate

MOVES = 20
TIMEOUT_MS = 120_000
MOVE_TIMEOUT_MS = 60_000


def _slider(key: str) -> tuple[str, str]:
    """A slider control found by its English label in the catalogue."""
    return ("slider", translate(key, "en"))


W1 = ("number", "w1")
RATIO = _slider("sidebar.ratio")
#: url path -> (number of figures, main control)
PAGES = {
    "": (1, RATIO),
    "loss-surface": (1, W1),
    "gradients": (4, W1),
    "boundaries": (3, W1),
    "weight-schemes": (3, _slider("schemes.beta")),
    "focal-loss": (5, _slider("focal.gamma")),
    "class-balanced": (3, _slider("cb.beta")),
    "sample-weights": (6, _slider("sw.half")),
    "training-loss": (2, W1),
    "resampling": (4, _slider("resampling.k")),
    "probabilities": (4, RATIO),
    "ensembles": (5, _slider("ensembles.trees")),
    "thresholds": (3, W1),
    "prevalence": (2, _slider("prevalence.deploy")),
}
REFERENCE = {"": (1, ("slider", "Seed"))}  # benchmarks/reference_app.py


def _slider_keys(page: Page, label: str) -> list[str]:
    """Key presses that sweep a slider right to its end and back, MOVES in all."""
    thumb = page.locator('[data-testid="stSlider"]', has_text=label).get_by_role("slider")
    # Streamlit's slider thumb is an <input type="range"> over option indexes.
    now, low, high = thumb.evaluate("el => [el.valueAsNumber, +el.min, +el.max]")
    keys, value, step = [], int(now), 1 if now < high else -1
    while len(keys) < MOVES:
        if not low <= value + step <= high:
            step = -step
        value += step
        keys.append("ArrowRight" if step > 0 else "ArrowLeft")
    return keys


def _wait_updated(page: Page, n_plots: int, start: float) -> float:
    """Seconds since ``start`` until the figures are redrawn; inf after MOVE_TIMEOUT_MS.

    A move that never finishes is reported (as inf, so it lands in p95), not
    allowed to end the whole run.
    """
    try:
        page.wait_for_function(UPDATED_JS, arg=n_plots, timeout=MOVE_TIMEOUT_MS, polling="raf")
    except PlaywrightTimeoutError:
        return math.inf
    return time.perf_counter() - start


def measure_moves(page: Page, n_plots: int, control: tuple[str, str]) -> list[float]:
    """Seconds from each input to the re-rendered figures."""
    kind, label = control
    times = []
    if kind == "slider":
        thumb = page.locator('[data-testid="stSlider"]', has_text=label).get_by_role("slider")
        keys = _slider_keys(page, label)
        for key in keys:
            page.evaluate(MARK_JS)
            thumb.focus()
            start = time.perf_counter()
            thumb.press(key)
            times.append(_wait_updated(page, n_plots, start))
    else:
        box = page.locator('[data-testid="stNumberInput"]', has_text=label).locator("input")
        for value in range(2, 2 + MOVES):
            box.fill(str(value))
            page.evaluate(MARK_JS)
            start = time.perf_counter()
            box.press("Enter")
            times.append(_wait_updated(page, n_plots, start))
    return times


def _open(browser: object, url: str, n_plots: int) -> tuple[float, Page]:
    """Seconds until a page opened in a new browser context has drawn its figures."""
    context = browser.new_context(viewport={"width": 1500, "height": 1200})  # type: ignore[attr-defined]
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(IDLE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling="raf")
    return time.perf_counter() - start, page


def run(
    url: str, pages: dict[str, tuple[int, tuple[str, str]]], browser: object
) -> dict[str, tuple[float, float, list[float]]]:
    """Per page: cold load, load in a new session on a warm server, move latencies."""
    results = {}
    for path, (n_plots, control) in pages.items():
        cold, page = _open(browser, f"{url}/{path}", n_plots)
        page.wait_for_timeout(300)
        moves = measure_moves(page, n_plots, control)
        page.context.close()
        # The next student: a new browser session on a server that has this
        # page's default view cached.
        warm, page = _open(browser, f"{url}/{path}", n_plots)
        page.context.close()
        results[path or "overview"] = (cold, warm, moves)
        print(f"  measured {path or 'overview'}", file=sys.stderr, flush=True)
    return results


def components(browser: object) -> None:
    """Print what each kind of element adds to the reference page's latency."""
    from benchmarks.component_app import VARIANTS

    with (
        tempfile.TemporaryDirectory() as tmp,
        streamlit_server("benchmarks/component_app.py", Path(tmp) / "c.log") as url,
    ):
        pages = {
            f"?variant={v}": (2 if v == "two_heatmaps" else 1, REFERENCE[""][1]) for v in VARIANTS
        }
        results = run(url, pages, browser)
    base = statistics.median(results["?variant=heatmap"][2])
    print(f"{MOVES} moves each; latency = key press -> figures re-rendered (chromium)")
    print(f"{'variant':48} {'p50':>7} {'p95':>7} {'p50/ref':>8}")
    for variant, text in VARIANTS.items():
        times = results[f"?variant={variant}"][2]
        print(
            f"{text:48} {statistics.median(times):6.3f}s {percentile(times, 0.95):6.3f}s "
            f"{statistics.median(times) / base:7.2f}x"
        )


def main() -> None:
    if "--components" in sys.argv[1:]:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            components(browser)
            browser.close()
        return
    wanted = sys.argv[1:]  # optional url paths, e.g. "boundaries loss-surface"; "/" = overview
    pages = {p: v for p, v in PAGES.items() if not wanted or (p or "/") in wanted}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server("benchmarks/reference_app.py", Path(tmp) / "ref.log") as ref:
            reference = run(ref, REFERENCE, browser)["overview"]
        with streamlit_server("app.py", Path(tmp) / "app.log") as app:
            results = run(app, pages, browser)
        browser.close()
    ref50 = statistics.median(reference[2])
    print(f"{MOVES} moves per page; latency = key press -> figures re-rendered (chromium)")
    print(
        "cold = new browser session, page not yet computed on the server; "
        "warm = new browser session, page cached on the server"
    )
    print(f"{'page':16} {'cold':>6} {'warm':>6} {'p50':>7} {'p95':>7} {'p50/ref':>8}")
    print(
        f"{'reference':16} {reference[0]:5.2f}s {reference[1]:5.2f}s {ref50:6.3f}s "
        f"{percentile(reference[2], 0.95):6.3f}s {1.0:7.2f}x"
    )
    worst = 0.0
    for name, (cold, warm, times) in results.items():
        p50 = statistics.median(times)
        worst = max(worst, p50 / ref50)
        print(
            f"{name:16} {cold:5.2f}s {warm:5.2f}s {p50:6.3f}s "
            f"{percentile(times, 0.95):6.3f}s {p50 / ref50:7.2f}x"
        )
    colds = [cold for cold, _, _ in results.values()]
    warms = [warm for _, warm, _ in results.values()]
    print(
        f"goals: p50 <= 1.5x reference: {'met' if worst <= 1.5 else 'NOT met'} "
        f"(worst {worst:.2f}x); load < 3 s: cold {'met' if max(colds) < 3 else 'NOT met'} "
        f"(worst {max(colds):.2f} s), warm {'met' if max(warms) < 3 else 'NOT met'} "
        f"(worst {max(warms):.2f} s)"
    )


if __name__ == "__main__":
    main()
