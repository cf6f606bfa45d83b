"""Benchmark: interaction latency of every page in a real browser (issue 6).

Starts the app and a trivial reference page (``reference_app.py``: one
100x100 heatmap and a slider) and drives both with headless Debian chromium.
For every page it measures

* the cold first load: a new browser session opens the page on a server
  that has not computed it yet, until every figure is drawn;
* 20 moves of the page's main control (a slider swept right then back, or
  ``w1`` typed as 2, 3, ..., 21): from the key press until Streamlit's script
  has finished and at least one figure has been re-rendered.

It prints p50 / p95 per page and the ratio of each page's p50 to the
reference page's p50, measured in the same run. Goals: p50 <= 1.5x the
reference, cold load < 3 s. Run: ``.venv/bin/python benchmarks/browser_latency.py``
(``make bench``); page paths as arguments measure only those pages. The
arena and upload pages draw nothing until asked and are left out.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.serve import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_JS,
    MARK_JS,
    UPDATED_JS,
    percentile,
    streamlit_server,
)

MOVES = 20
TIMEOUT_MS = 120_000
W1 = ("number", "w1")
RATIO = ("slider", "Imbalance ratio (minority : majority)")
#: url path -> (number of figures, main control)
PAGES = {
    "": (1, RATIO),
    "loss-surface": (3, W1),
    "gradients": (4, W1),
    "boundaries": (2, W1),
    "weight-schemes": (3, ("slider", "β of the effective number (ENS)")),
    "focal-loss": (5, ("slider", "Focusing parameter γ")),
    "class-balanced": (3, ("slider", "β of ENS and CB focal")),
    "sample-weights": (6, ("slider", "Half-life h (days)")),
    "training-loss": (2, W1),
    "resampling": (4, ("slider", "k nearest neighbours (SMOTE, ADASYN)")),
    "probabilities": (4, RATIO),
    "ensembles": (5, ("slider", "Members per ensemble (n_estimators)")),
    "thresholds": (3, W1),
}
REFERENCE = {"": (1, ("slider", "Seed"))}


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
            page.wait_for_function(UPDATED_JS, arg=n_plots, timeout=TIMEOUT_MS, polling="raf")
            times.append(time.perf_counter() - start)
    else:
        box = page.locator('[data-testid="stNumberInput"]', has_text=label).locator("input")
        for value in range(2, 2 + MOVES):
            box.fill(str(value))
            page.evaluate(MARK_JS)
            start = time.perf_counter()
            box.press("Enter")
            page.wait_for_function(UPDATED_JS, arg=n_plots, timeout=TIMEOUT_MS, polling="raf")
            times.append(time.perf_counter() - start)
    return times


def run(url: str, pages: dict[str, tuple[int, tuple[str, str]]], browser: object
        ) -> dict[str, tuple[float, list[float]]]:
    results = {}
    for path, (n_plots, control) in pages.items():
        context = browser.new_context(viewport={"width": 1500, "height": 1200})  # type: ignore[attr-defined]
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{url}/{path}", wait_until="commit")
        page.wait_for_function(IDLE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling="raf")
        cold = time.perf_counter() - start
        page.wait_for_timeout(300)
        results[path or "overview"] = (cold, measure_moves(page, n_plots, control))
        print(f"  measured {path or 'overview'}", file=sys.stderr, flush=True)
        context.close()
    return results


def main() -> None:
    wanted = sys.argv[1:]  # optional url paths, e.g. "boundaries loss-surface"; "/" = overview
    pages = {p: v for p, v in PAGES.items() if not wanted or (p or "/") in wanted}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server("benchmarks/reference_app.py", Path(tmp) / "ref.log") as ref:
            reference = run(ref, REFERENCE, browser)["overview"]
        with streamlit_server("app.py", Path(tmp) / "app.log") as app:
            results = run(app, pages, browser)
        browser.close()
    ref50 = statistics.median(reference[1])
    print(f"{MOVES} moves per page; latency = key press -> figures re-rendered (chromium)")
    print(f"{'page':16} {'cold load':>9} {'p50':>7} {'p95':>7} {'p50/ref':>8}")
    print(f"{'reference':16} {reference[0]:8.2f}s {ref50:6.3f}s "
          f"{percentile(reference[1], 0.95):6.3f}s {1.0:7.2f}x")
    worst = 0.0
    for name, (cold, times) in results.items():
        p50 = statistics.median(times)
        worst = max(worst, p50 / ref50)
        print(f"{name:16} {cold:8.2f}s {p50:6.3f}s {percentile(times, 0.95):6.3f}s "
              f"{p50 / ref50:7.2f}x")
    colds = [cold for cold, _ in results.values()]
    print(f"goals: p50 <= 1.5x reference: {'met' if worst <= 1.5 else 'NOT met'} "
          f"(worst {worst:.2f}x); cold load < 3 s: "
          f"{'met' if max(colds) < 3 else 'NOT met'} (worst {max(colds):.2f} s)")


if __name__ == "__main__":
    main()
