"""Benchmark: concurrent independent browser sessions against one server (issue 6).

Starts the app once on 127.0.0.1 and opens N sessions at the same time, each
a separate Playwright browser context (own cookies, own Streamlit session)
with its own seed in the URL. Every session opens the decision-boundary
page, then types ``CHANGES`` new values of ``w1``, timing each from the Enter
key until its figures are redrawn. After every change the session checks
that its URL and its sidebar still hold *its* seed and weight — settings
leaking between sessions would show up here. Bounded: each session has a
deadline and the run stops by itself.

Prints p50 / p95 latency, errors, leaks and the server's resident memory
(RSS) before and after, per session. Run:
``.venv/bin/python benchmarks/load.py --sessions 10`` (``make bench`` runs
10 and 30). Browser and server share the machine's cores, so the figures
include the browser's own rendering load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.async_api import Browser, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.serve import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_JS,
    MARK_JS,
    UPDATED_JS,
    cpu_seconds,
    free_port,
    percentile,
    start,
    stop,
    wait_healthy,
)

PAGE, N_PLOTS = "boundaries", 2
TIMEOUT_MS = 120_000


@dataclass
class LoadResult:
    """Latencies (s), errors and leaks of one load run."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    seconds: float = 0.0


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _session(browser: Browser, url: str, index: int, changes: int,
                   result: LoadResult) -> None:
    seed = 1000 + index
    context = await browser.new_context(viewport={"width": 1300, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(f"{url}/{PAGE}?n=2000&ratio=100&seed={seed}", wait_until="commit")
        await page.wait_for_function(IDLE_JS, arg=N_PLOTS, timeout=TIMEOUT_MS)
        box = page.locator('[data-testid="stNumberInput"]', has_text="w1").locator("input")
        seed_box = page.locator('[data-testid="stNumberInput"]',
                                has_text="Random seed").locator("input")
        for k in range(changes):
            w1 = 2 + index + 100 * k  # different in every session and every change
            await box.fill(str(w1))
            await page.evaluate(MARK_JS)
            begin = time.perf_counter()
            await box.press("Enter")
            await page.wait_for_function(UPDATED_JS, arg=N_PLOTS, timeout=TIMEOUT_MS)
            result.latencies.append(time.perf_counter() - begin)
            query = {key: v[-1] for key, v in parse_qs(urlsplit(page.url).query).items()}
            shown = (await seed_box.input_value(), await box.input_value())
            if query.get("seed") != str(seed) or float(query.get("w1", "nan")) != w1 \
                    or int(shown[0]) != seed or float(shown[1]) != w1:
                result.leaks.append(f"session {index}: expected seed={seed}, w1={w1}; URL "
                                    f"{query.get('seed')}/{query.get('w1')}, sidebar {shown}")
        exceptions = await page.locator('[data-testid="stException"]').count()
        if exceptions:
            result.errors.append(f"session {index}: {exceptions} exception(s) on the page")
    except Exception as err:  # noqa: BLE001 - every failure is counted, the run goes on
        result.errors.append(f"session {index}: {type(err).__name__}: {str(err)[:200]}")
    finally:
        await context.close()


async def run_load(url: str, sessions: int, changes: int) -> LoadResult:
    """Open ``sessions`` browser sessions at once against ``url``; see the module doc."""
    result = LoadResult()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        begin = time.perf_counter()
        await asyncio.gather(*(_session(browser, url, i, changes, result)
                               for i in range(sessions)))
        result.seconds = time.perf_counter() - begin
        await browser.close()
    return result


def _client_cpu() -> float:
    """CPU seconds of this process and its finished children.

    Playwright's driver and chromium are children that have exited (and were
    waited for) once :func:`run_load` returns, so their time is in
    ``os.times()``'s children fields; the server is still running and is not.
    """
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--changes", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = start("app.py", port, Path(tmp) / "server.log")
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            # One warm-up session: imports and the first figures are not per-session costs.
            asyncio.run(run_load(url, 1, 1))
            print(f"page /{PAGE}, {args.changes} changes of w1 per session; server pid "
                  f"{proc.pid} (after one warm-up session); CPU = seconds of CPU per "
                  "change (page load included), server and browsers")
            print(f"{'sessions':>8} {'p50':>7} {'p95':>7} {'errors':>6} {'leaks':>5} "
                  f"{'RSS before':>10} {'RSS after':>9} {'MB/session':>10} {'wall':>6} "
                  f"{'CPU server':>10} {'CPU browser':>11}")
            for n in args.sessions:
                before = rss_mb(proc.pid)
                server_cpu, client_cpu = cpu_seconds([proc.pid]), _client_cpu()
                result = asyncio.run(run_load(url, n, args.changes))
                after = rss_mb(proc.pid)
                server_cpu = cpu_seconds([proc.pid]) - server_cpu
                browser_cpu = _client_cpu() - client_cpu
                changes = max(1, len(result.latencies))
                print(f"{n:8d} {percentile(result.latencies, 0.5):6.2f}s "
                      f"{percentile(result.latencies, 0.95):6.2f}s {len(result.errors):6d} "
                      f"{len(result.leaks):5d} {before:9.0f}M {after:8.0f}M "
                      f"{max(0.0, after - before) / n:9.1f}M {result.seconds:5.0f}s "
                      f"{server_cpu / changes:9.2f}s {browser_cpu / changes:10.2f}s")
                for line in result.errors + result.leaks:
                    print("   ", line)
        finally:
            stop(proc)
    print("goal (30 sessions): p95 < 2 s, no errors, no leaks, < 50 MB RSS per session")


if __name__ == "__main__":
    main()
