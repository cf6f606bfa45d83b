"""Start a Streamlit script on a free local port and launch Debian's chromium.

Shared by the browser benchmarks (``browser_latency.py``, ``load.py``).
Playwright never downloads a browser here: it drives ``/usr/bin/chromium``
with the flags this machine needs (no QUIC, no background networking).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: True when the script has finished a run and at least ``n`` figures are drawn.
IDLE_JS = """(n) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSpinner"]')) return false;
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return plots.length >= n && plots.every(el =>
    Array.isArray(el.data) && el.data.length > 0 && el._fullLayout &&
    el.querySelector('.plot-container .main-svg') !== null);
}"""

#: Arm the change detector before an input: count plotly redraws
#: (``plotly_afterplot``) of the figures present now and remember which
#: figure elements exist. (The script-state attribute cannot tell that a run
#: happened: a fast run can start and finish within one React render.)
MARK_JS = """() => {
  window.__plotted = 0; window.__els = new Set();
  document.querySelectorAll('.js-plotly-plot').forEach(el => {
    window.__els.add(el);
    if (!el.__benchHooked && el.on) {
      el.on('plotly_afterplot', () => { window.__plotted += 1; });
      el.__benchHooked = true;
    }
  });
}"""
#: Idle, and at least one figure was redrawn or replaced since ``MARK_JS``.
UPDATED_JS = (
    "(n) => ("
    + IDLE_JS
    + """)(n) && (window.__plotted > 0 ||
  Array.from(document.querySelectorAll('.js-plotly-plot')).some(el => !window.__els.has(el)))"""
)


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank); NaN when there are none."""
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")
    )


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by ``pids`` (processes that exited count 0)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a process group; SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def start(script: str, port: int, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    """Start ``streamlit run script`` on ``port`` (not waiting for it)."""
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *extra,
    ]
    with open(log, "wb") as out:
        return subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def wait_healthy(
    url: str, proc: subprocess.Popen[bytes] | None = None, timeout_s: float = 60.0
) -> None:
    """Wait until ``url``/_stcore/health answers ok."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not become healthy within {timeout_s:.0f} s")


@contextlib.contextmanager
def streamlit_server(script: str, log: Path, *extra: str) -> Iterator[str]:
    """Run a Streamlit script on a free port; yield its base URL."""
    port = free_port()
    proc = start(script, port, log, *extra)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop(proc)
