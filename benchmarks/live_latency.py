"""Benchmark: how fast the live views redraw while a slider moves (issue 16).

Starts the app and the one-heatmap reference page (``reference_app.py``)
and drives both with headless Debian chromium. For each live view (the
loss surface, the gradient bars, the descent path, the decision boundary)
it measures

* **redraw**: ``SCRUBS`` slider inputs swept across the range; each time
  from setting the value and firing ``input`` (what a drag or an arrow key
  does) until the browser's next animation frame, i.e. until the redrawn
  canvas can be on screen — no server round trip is involved;
* **commit**: letting go after a real mouse drag, until the page has rerun
  on the server with the new value and the view shows it;

and, in the same run, the reference page's slider move (key press until its
heatmap is redrawn) — the commit is reported as a ratio to it. Goal:
redraw p95 <= 50 ms. Run: ``.venv/bin/python -m benchmarks.live_latency``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from benchmarks.browser_latency import REFERENCE, run
from benchmarks.serve import CHROMIUM, CHROMIUM_ARGS, IDLE_JS, percentile, streamlit_server

SCRUBS = 100
TIMEOUT_MS = 120_000
#: (url path, live view kind, plotly figures on the page)
VIEWS = [
    ("loss-surface", "surface", 1),
    ("gradients", "shares", 4),
    ("gradients", "path", 4),
    ("boundaries", "boundary", 3),
]
#: The live view's root element (``ui/live.js``), found through the shadow roots
#: Streamlit mounts components in.
FIND_LIVE_JS = """(kind) => {
  for (const host of document.querySelectorAll('*')) {
    const found = host.shadowRoot && host.shadowRoot.querySelector(`.live[data-kind="${kind}"]`);
    if (found) return found;
  }
  return null;
}"""
#: Milliseconds from each scripted input to the next animation frame.
SCRUB_JS = (
    """async ([kind, n]) => {
  const live = ("""
    + FIND_LIVE_JS
    + """)(kind);
  const input = live.querySelector('input.live-range');
  const [lo, hi] = [Number(input.min), Number(input.max)];
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const t = (i % 40) / 39;  // sweep up and down
    input.value = String(lo + (hi - lo) * (Math.floor(i / 40) % 2 ? 1 - t : t));
    const start = performance.now();
    input.dispatchEvent(new Event('input'));
    await new Promise((done) => requestAnimationFrame(() => done()));
    times.push(performance.now() - start);
  }
  return times;
}"""
)
#: The live view's attribute ``name`` (``data-<name>``).
ATTRIBUTE_JS = "([kind, name]) => (" + FIND_LIVE_JS + ")(kind)?.dataset[name] ?? null"


def open_page(page: Page, url: str, n_plots: int) -> None:
    """Open ``url`` and wait until its figures and live views are drawn."""
    page.goto(url, wait_until="commit")
    page.wait_for_function(IDLE_JS, arg=n_plots, timeout=TIMEOUT_MS, polling="raf")


def attribute(page: Page, kind: str, name: str) -> str | None:
    """A ``data-*`` attribute of the live view of ``kind``."""
    value: str | None = page.evaluate(ATTRIBUTE_JS, [kind, name])
    return value


def scrub(page: Page, kind: str, n: int) -> list[float]:
    """Milliseconds from each of ``n`` slider inputs to the redrawn frame."""
    page.locator(f'.live[data-kind="{kind}"] input.live-range').wait_for()
    times: list[float] = page.evaluate(SCRUB_JS, [kind, n])
    return times


def drag(page: Page, kind: str, to: float) -> None:
    """Drag the live view's slider thumb with the mouse to fraction ``to`` of its track."""
    box = page.locator(f'.live[data-kind="{kind}"] input.live-range').bounding_box()
    assert box is not None
    committed = attribute(page, kind, "committed")
    start = (float(committed) - slider_min(page, kind)) / slider_span(page, kind)
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 8 + start * (box["width"] - 16), y)
    page.mouse.down()
    page.mouse.move(box["x"] + 8 + to * (box["width"] - 16), y, steps=12)


def slider_min(page: Page, kind: str) -> float:
    """The live slider's minimum."""
    return float(page.locator(f'.live[data-kind="{kind}"] input.live-range').get_attribute("min"))


def slider_span(page: Page, kind: str) -> float:
    """The live slider's range, max - min."""
    thumb = page.locator(f'.live[data-kind="{kind}"] input.live-range')
    return float(thumb.get_attribute("max")) - float(thumb.get_attribute("min"))


def release_and_wait(page: Page, kind: str, n_plots: int) -> float:
    """Let go of the mouse; seconds until the page has rerun with the new value."""
    before = attribute(page, kind, "committed")
    start = time.perf_counter()
    page.mouse.up()
    page.wait_for_function(
        "([kind, old, n]) => ((" + FIND_LIVE_JS + ")(kind)?.dataset.committed !== old)"
        " && (" + IDLE_JS + ")(n)",
        arg=[kind, before, n_plots],
        timeout=TIMEOUT_MS,
        polling="raf",
    )
    return time.perf_counter() - start


def measure(url: str, browser: object) -> dict[str, tuple[list[float], float]]:
    """Per live view: redraw times (ms) and the commit's rerun (s)."""
    results = {}
    for path, kind, n_plots in VIEWS:
        context = browser.new_context(viewport={"width": 1500, "height": 1400})  # type: ignore[attr-defined]
        page = context.new_page()
        open_page(page, f"{url}/{path}", n_plots)
        page.locator(f'.live[data-kind="{kind}"]').scroll_into_view_if_needed()
        scrub(page, kind, 5)  # warm-up: the first frames build the canvases
        times = scrub(page, kind, SCRUBS)
        drag(page, kind, 0.8)
        commit = release_and_wait(page, kind, n_plots)
        context.close()
        results[f"{path}:{kind}"] = (times, commit)
        print(f"  measured {path} {kind}", file=sys.stderr, flush=True)
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server("app.py", Path(tmp) / "app.log") as app:
            results = measure(app, browser)
        with streamlit_server("benchmarks/reference_app.py", Path(tmp) / "ref.log") as ref:
            reference = statistics.median(run(ref, REFERENCE, browser)["overview"][2])
        browser.close()
    print(f"{SCRUBS} slider inputs per view; redraw = input -> next animation frame (chromium)")
    print(f"reference page, one slider move (p50): {reference:.3f} s")
    print(f"{'view':24} {'redraw p50':>11} {'p95':>8} {'max':>8} {'commit':>8} {'commit/ref':>10}")
    worst = 0.0
    for name, (times, commit) in results.items():
        p95 = percentile(times, 0.95)
        worst = max(worst, p95)
        print(
            f"{name:24} {statistics.median(times):9.1f}ms {p95:6.1f}ms {max(times):6.1f}ms "
            f"{commit:7.3f}s {commit / reference:9.2f}x"
        )
    print(
        f"goal: redraw p95 <= 50 ms: {'met' if worst <= 50 else 'NOT met'} (worst {worst:.1f} ms)"
    )


if __name__ == "__main__":
    main()
