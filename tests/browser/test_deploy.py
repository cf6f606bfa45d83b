"""The deploy/ recipe: two Streamlit replicas behind nginx with sticky sessions.

Starts ``deploy.replicas.serve`` (2 replicas + Debian's nginx, all on loopback
ports, nginx as a child with its own prefix; ``make nginx`` installs it) and
checks through nginx:

* the load script's sessions (``benchmarks/load.py``) all succeed, keep their
  own settings, and nginx's access log shows that their WebSockets went to
  both replicas while every request of one browser (one affinity cookie) went
  to one replica, the one its cookie names;
* the generated configuration passes ``nginx -t`` and keeps every file nginx
  writes under its own directory;
* an upload reaches the replica that holds the uploading session;
* a browser whose replica is down fails over to the other one (new cookie),
  and a dead replica is restarted on its port.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import time
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import async_playwright

from benchmarks.load import run_load
from benchmarks.serve import CHROMIUM, CHROMIUM_ARGS, IDLE_JS, wait_healthy
from deploy.replicas import (
    COOKIE,
    FAIL_TIMEOUT_S,
    TEMPLATE,
    Deployment,
    nginx_command,
    render_config,
    serve,
)

# No skip without nginx: ``make pytest`` installs it, and ``serve`` says so when it is missing.
pytestmark = pytest.mark.browser

SESSIONS, CHANGES = 4, 2
STREAM = "/_stcore/stream"


def test_config_keeps_every_file_under_its_prefix(tmp_path: Path) -> None:
    addresses = [f"127.0.0.1:{port}" for port in (18001, 18002, 18003)]
    config = render_config(
        TEMPLATE.read_text(), listen="127.0.0.1:18000", prefix=tmp_path, addresses=addresses
    )
    paths = re.findall(
        r"^\s*(?:pid|lock_file|error_log|access_log|\w+_temp_path)\s+([^\s;]+)",
        config,
        flags=re.MULTILINE,
    )
    assert len(paths) == 9, paths
    assert all(p.startswith(f"{tmp_path}/") for p in paths), paths
    directives = re.sub(r"#.*", "", config)
    assert "lab_r2" in directives and "/etc/" not in directives and "/var/" not in directives
    (tmp_path / "nginx.conf").write_text(config)
    check = subprocess.run(
        nginx_command(tmp_path, "-t"), capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr
    for bad in ("127.0.0.1:2; include /etc/passwd", "app-0:8501"):
        with pytest.raises(ValueError, match="IPv4:port"):
            render_config(
                TEMPLATE.read_text(), listen="127.0.0.1:1", prefix=tmp_path, addresses=[bad]
            )


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    with serve(2) as running:
        yield running


def _entries(deployment: Deployment) -> list[dict[str, Any]]:
    return [json.loads(line) for line in deployment.access_log.read_text().splitlines()]


def _log_length(deployment: Deployment) -> int:
    """Lines in the access log once every request so far is in it.

    nginx writes a line just after its response, so a client can be faster
    than the log: request a marker and wait for its line (one worker logs in
    order).
    """
    marker = uuid.uuid4().hex
    with urllib.request.urlopen(f"{deployment.url}/_stcore/health?{marker}", timeout=10):
        pass
    deadline = time.monotonic() + 5
    while True:
        entries = _entries(deployment)
        if any(marker in e["request"] for e in entries):
            return len(entries)
        assert time.monotonic() < deadline, "nginx did not log the marker"
        time.sleep(0.05)


def _wait_for_streams(deployment: Deployment, start: int, cookies: int) -> list[dict[str, Any]]:
    """The access log from line ``start`` on, once it holds ``cookies`` browsers' WebSockets.

    nginx logs a WebSocket when it closes, a moment after the browser closed.
    """
    deadline = time.monotonic() + 15
    while True:
        entries = _entries(deployment)[start:]
        streams = {e["cookie"] for e in entries if STREAM in e["request"]}
        if len(streams) >= cookies or time.monotonic() > deadline:
            return entries
        time.sleep(0.2)


def _problems(deployment: Deployment) -> list[str]:
    """Warnings and worse in nginx's error log (e.g. a response spooled to disk)."""
    levels = ("[warn]", "[error]", "[crit]", "[alert]", "[emerg]")
    return [
        line
        for line in deployment.error_log.read_text().splitlines()
        if any(level in line for level in levels)
    ]


def _replica_of(deployment: Deployment, entry: dict[str, Any]) -> str:
    """The name (r0, r1) of the replica that answered ``entry``."""
    replica = deployment.replica_for(entry["upstream"].split(",")[-1].strip())
    assert replica is not None, entry
    return replica.name


def _assert_sticky(deployment: Deployment, entries: list[dict[str, Any]]) -> None:
    """Every cookie's requests went to one replica, the one its cookie names."""
    by_cookie: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry["cookie"]:
            by_cookie[entry["cookie"]].add(_replica_of(deployment, entry))
    for cookie, replicas in by_cookie.items():
        assert replicas == {cookie.split(".")[0]}, (cookie, replicas)


def test_load_through_nginx_is_spread_and_sticky(deployment: Deployment) -> None:
    start = _log_length(deployment)
    result = asyncio.run(run_load(deployment.url, sessions=SESSIONS, changes=CHANGES))
    assert result.errors == []
    assert result.leaks == []
    assert len(result.latencies) == SESSIONS * CHANGES

    entries = _wait_for_streams(deployment, start, SESSIONS)
    streams = [e for e in entries if STREAM in e["request"]]
    assert all(e["status"] == 101 and e["upgrade"] == "websocket" for e in streams), streams
    # Each browser context got its cookie with the page, before its WebSocket.
    assert all(e["cookie"] for e in streams), streams
    per_browser = {e["cookie"]: _replica_of(deployment, e) for e in streams}
    assert len(per_browser) == SESSIONS, per_browser
    assert set(per_browser.values()) == {"r0", "r1"}, per_browser
    _assert_sticky(deployment, entries)
    # Only a browser's first request (the page) comes without the cookie.
    assert sum(1 for e in entries if not e["cookie"]) == SESSIONS, entries
    # (404s are normal: the frontend probes /boundaries/_stcore/health for a base path.)
    assert [e for e in entries if e["status"] >= 500] == []
    assert _problems(deployment) == []


async def _upload(url: str) -> str:
    """Upload a CSV on /your-data through nginx; return the browser's affinity cookie."""
    rows = "".join(f"{i},{i % 7},{int(i % 5 == 0)}\n" for i in range(40))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(f"{url}/your-data", wait_until="commit")
        await page.wait_for_function(IDLE_JS, arg=0, timeout=30_000)
        await page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            {"name": "mine.csv", "mimeType": "text/csv", "buffer": f"a,b,y\n{rows}".encode()}
        )
        await page.get_by_text("mine.csv: 40 rows").wait_for(timeout=30_000)
        cookie = next(c["value"] for c in await context.cookies() if c["name"] == COOKIE)
        await browser.close()
    return cookie


def test_upload_reaches_the_sessions_replica(deployment: Deployment) -> None:
    start = _log_length(deployment)
    cookie = asyncio.run(_upload(deployment.url))
    entries = _wait_for_streams(deployment, start, 1)
    mine = [e for e in entries if e["cookie"] == cookie]
    uploads = [e for e in mine if "/_stcore/upload_file/" in e["request"]]
    assert uploads and all(e["status"] in (200, 204) for e in uploads), uploads
    assert any(STREAM in e["request"] for e in mine), mine
    _assert_sticky(deployment, entries)
    assert _problems(deployment) == []


def _health(deployment: Deployment, replica: str) -> tuple[str, list[str], str]:
    """``/_stcore/health`` through nginx with a new cookie for ``replica``.

    Returns the answer, the affinity cookies set and the replica that answered,
    read from the access log line with this request's (unique) cookie; nginx
    writes it just after the response.
    """
    cookie = f"{replica}.{uuid.uuid4().hex}"
    request = urllib.request.Request(
        f"{deployment.url}/_stcore/health", headers={"Cookie": f"{COOKIE}={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = response.read().decode()
        cookies = [
            c for c in response.headers.get_all("Set-Cookie") or [] if c.startswith(f"{COOKIE}=")
        ]
    deadline = time.monotonic() + 5
    while not (mine := [e for e in _entries(deployment) if e["cookie"] == cookie]):
        assert time.monotonic() < deadline, "nginx did not log the request"
        time.sleep(0.05)
    return answer, cookies, _replica_of(deployment, mine[0])


def test_failover_and_restart(deployment: Deployment) -> None:
    r1 = deployment.replicas[1]
    assert _health(deployment, "r1") == ("ok", [], "r1")  # sticky: no new cookie
    os.killpg(r1.proc.pid, signal.SIGKILL)
    r1.proc.wait(timeout=10)
    answer, cookies, replica = _health(deployment, "r1")  # r1 is down: its backup
    assert (answer, replica) == ("ok", "r0")
    assert any(c.startswith(f"{COOKIE}=r0.") for c in cookies), cookies

    deadline = time.monotonic() + 30
    while not deployment.restart_dead():
        assert time.monotonic() < deadline, "replica r1 was not restarted"
        time.sleep(0.5)
    wait_healthy(r1.url, r1.proc)
    # nginx tries r1 again after FAIL_TIMEOUT_S.
    deadline = time.monotonic() + 4 * FAIL_TIMEOUT_S
    while (answer := _health(deployment, "r1"))[2] != "r1":
        assert time.monotonic() < deadline, "r1's browsers did not return to r1"
        time.sleep(0.5)
    assert answer == ("ok", [], "r1")
