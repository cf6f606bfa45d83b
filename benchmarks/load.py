"""Benchmark: concurrent independent browser sessions against one server (issue 6).

Starts the app once on 127.0.0.1 and opens N sessions at the same time, each
a separate Playwright browser context (own cookies, own Streamlit session)
with its own seed in the URL. Every session opens the decision-boundary
page, then types ``CHANGES`` new values of ``w1``, timing each from the Enter
key until its figures are redrawn. After every change the session checks
that its URL and its sidebar still hold *its* seed and weight — settings
leaking between sessions would show up here. Bounded: each session has a
deadline and the run stops by itself.

Prints p50 / p95 latency, errors, leaks, the server's resident memory
(RSS) before and after, per session, and the CPU seconds per change of the
server and of the browser (page loads included). Run:
``.venv/bin/python -m benchmarks.load --sessions 10`` (``make bench`` runs
10 and 30 at once, and 30 with starts spread over 60 s: ``--ramp 60``).
Browser and server share the machine's cores, so the figures include the
browser's own rendering load — the CPU columns show how much.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.async_api import Browser, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.serve import (
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

PAGE, N_PLOTS = "boundaries", 3
TIMEOUT_MS = 120_000


@dataclass
class LoadResult:
    """Latencies (s), errors and leaks of one load run."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: CPU seconds of the browser (Playwright's driver and every chromium process).
    browser_cpu: float = 0.0


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


#: The lazily loaded JavaScript chunk that draws plotly figures.
PLOTLY_CHUNK = re.compile(r".*/PlotlyChart[^/]*\.js$")
#: URL holds the session's w1 (the frontend applies the query string it is sent).
URL_HAS_W1 = "(v) => Number(new URLSearchParams(location.search).get('w1')) === v"


class _RunsFinished:
    """Counts Streamlit's ``script_finished`` messages on a page's WebSocket."""

    def __init__(self) -> None:
        self.count = 0

    def frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes | bytearray):
            message = ForwardMsg()
            message.ParseFromString(bytes(payload))
            if message.WhichOneof("type") == "script_finished":
                self.count += 1

    async def wait_beyond(self, seen: int, timeout_s: float) -> None:
        deadline = time.perf_counter() + timeout_s
        while self.count <= seen:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no script run finished within {timeout_s:.0f} s")
            await asyncio.sleep(0.005)


async def _session(
    browser: Browser,
    url: str,
    index: int,
    changes: int,
    result: LoadResult,
    delay: float = 0.0,
    render: bool = True,
) -> None:
    await asyncio.sleep(delay)
    seed = 1000 + index
    context = await browser.new_context(viewport={"width": 1300, "height": 1000})
    runs = _RunsFinished()
    if not render:
        # Server view: the browser never loads plotly, so the load generator's
        # own drawing does not take the server's cores; a change is timed to
        # the server's "script finished" message instead of the redraw.
        await context.route(PLOTLY_CHUNK, lambda route: route.abort())
    page = await context.new_page()
    page.on("websocket", lambda ws: ws.on("framereceived", runs.frame))
    try:
        await page.goto(f"{url}/{PAGE}?n=2000&ratio=100&seed={seed}", wait_until="commit")
        if render:
            await page.wait_for_function(IDLE_JS, arg=N_PLOTS, timeout=TIMEOUT_MS)
        else:
            await runs.wait_beyond(0, TIMEOUT_MS / 1000)
        box = page.locator('[data-testid="stNumberInput"]', has_text="w1").locator("input")
        seed_box = page.locator('[data-testid="stNumberInput"]', has_text="Random seed").locator(
            "input"
        )
        for k in range(changes):
            w1 = 2 + index + 100 * k  # different in every session and every change
            await box.fill(str(w1))
            await page.evaluate(MARK_JS)
            seen = runs.count
            begin = time.perf_counter()
            await box.press("Enter")
            if render:
                await page.wait_for_function(UPDATED_JS, arg=N_PLOTS, timeout=TIMEOUT_MS)
            else:
                await runs.wait_beyond(seen, TIMEOUT_MS / 1000)
            result.latencies.append(time.perf_counter() - begin)
            with contextlib.suppress(PlaywrightTimeoutError):  # a wrong URL is reported below
                await page.wait_for_function(URL_HAS_W1, arg=w1, polling=50, timeout=10_000)
            query = {key: v[-1] for key, v in parse_qs(urlsplit(page.url).query).items()}
            shown = (await seed_box.input_value(), await box.input_value())
            if (
                query.get("seed") != str(seed)
                or float(query.get("w1", "nan")) != w1
                or int(shown[0]) != seed
                or float(shown[1]) != w1
            ):
                result.leaks.append(
                    f"session {index}: expected seed={seed}, w1={w1}; URL "
                    f"{query.get('seed')}/{query.get('w1')}, sidebar {shown}"
                )
        exceptions = page.locator('[data-testid="stException"]')
        if not render:  # the figures' own "failed to load" messages are expected
            exceptions = exceptions.filter(has_not_text="PlotlyChart")
        if count := await exceptions.count():
            result.errors.append(f"session {index}: {count} exception(s) on the page")
    except Exception as err:  # noqa: BLE001 - every failure is counted, the run goes on
        result.errors.append(f"session {index}: {type(err).__name__}: {str(err)[:200]}")
    finally:
        await context.close()


def _descendants(root: int) -> list[int]:
    """Processes below ``root`` (from /proc; Linux only)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


async def run_load(
    url: str, sessions: int, changes: int, ramp: float = 0.0, render: bool = True
) -> LoadResult:
    """Open ``sessions`` browser sessions against ``url``; see the module doc.

    With ``ramp`` > 0 the sessions start evenly spread over that many seconds
    (a class does not open the link in the same millisecond), else at once.
    With ``render=False`` the browsers do not draw figures and a change is
    timed until the server has finished its script run.
    """
    result = LoadResult()
    async with async_playwright() as pw:
        before = set(_descendants(os.getpid()))
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        begin = time.perf_counter()
        await asyncio.gather(
            *(
                _session(
                    browser,
                    url,
                    i,
                    changes,
                    result,
                    delay=ramp * i / max(1, sessions),
                    render=render,
                )
                for i in range(sessions)
            )
        )
        result.seconds = time.perf_counter() - begin
        # Read the browser's CPU time before it exits: chromium's helper
        # processes are not always waited for, so os.times() would miss them.
        result.browser_cpu = cpu_seconds([p for p in _descendants(os.getpid()) if p not in before])
        await browser.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument(
        "--ramp", type=float, default=0.0, help="spread the session starts over this many seconds"
    )
    parser.add_argument(
        "--no-render",
        action="store_true",
        help="browsers do not draw figures; time changes to the server's "
        "'script finished' (the server's view of the load)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = start("app.py", port, Path(tmp) / "server.log")
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            # One warm-up session: imports and the first figures are not per-session costs.
            asyncio.run(run_load(url, 1, 1))
            timed = (
                "figures not drawn, timed to the script's end"
                if args.no_render
                else "timed to the figures' redraw"
            )
            print(
                f"page /{PAGE}, {args.changes} changes of w1 per session, starts spread "
                f"over {args.ramp:g} s, {timed}; server pid {proc.pid} (after one warm-up "
                "session); CPU = seconds of CPU per change (page load included), server "
                "and browsers"
            )
            print(
                f"{'sessions':>8} {'p50':>7} {'p95':>7} {'errors':>6} {'leaks':>5} "
                f"{'RSS before':>10} {'RSS after':>9} {'MB/session':>10} {'wall':>6} "
                f"{'CPU server':>10} {'CPU browser':>11}"
            )
            for n in args.sessions:
                before = rss_mb(proc.pid)
                server_cpu = cpu_seconds([proc.pid])
                result = asyncio.run(
                    run_load(url, n, args.changes, ramp=args.ramp, render=not args.no_render)
                )
                after = rss_mb(proc.pid)
                server_cpu = cpu_seconds([proc.pid]) - server_cpu
                changes = len(result.latencies) or math.nan  # no change done: no figure
                print(
                    f"{n:8d} {percentile(result.latencies, 0.5):6.2f}s "
                    f"{percentile(result.latencies, 0.95):6.2f}s {len(result.errors):6d} "
                    f"{len(result.leaks):5d} {before:9.0f}M {after:8.0f}M "
                    f"{max(0.0, after - before) / n:9.1f}M {result.seconds:5.0f}s "
                    f"{server_cpu / changes:9.2f}s {result.browser_cpu / changes:10.2f}s"
                )
                for line in result.errors + result.leaks:
                    print("   ", line)
        finally:
            stop(proc)
    print("goal (30 sessions): p95 < 2 s, no errors, no leaks, < 50 MB RSS per session")


if __name__ == "__main__":
    main()
