"""Benchmark: many sessions over Streamlit's own WebSocket protocol, no browser (issue 16).

``benchmarks/load.py`` drives real chromium sessions, and on this 2-core
machine 30 headless browsers drawing plotly starve the server they measure.
This benchmark speaks the protocol the browser's frontend speaks instead, with
the protobuf messages shipped in the ``streamlit`` package and the
``websockets`` client Streamlit itself depends on, so nearly all the CPU goes
to the server, as it would with a class of students on their own laptops.

The protocol, as the frontend uses it (checked against chromium's frames):

1. ``GET /<page>?<query>`` (the HTML; through ``deploy/``'s nginx this also
   sets the affinity cookie, sent back with the WebSocket like a browser does).
2. Open the WebSocket ``/_stcore/stream`` (subprotocol ``streamlit``, same
   ``Origin``) and send a ``BackMsg`` ``rerun_script`` whose ``ClientState``
   holds the query string, the page name (its URL path), no widget states and
   the browser's ``context_info``.
3. The server answers with ``ForwardMsg`` messages: ``new_session``,
   ``navigation`` (the page's script hash), ``delta`` messages (elements; each
   widget's proto carries its ``id`` and, for keyed widgets set from
   ``st.session_state``, its value), ``page_info_changed`` (the URL the app
   writes) and finally ``script_finished``.
4. A change is another ``rerun_script`` with the last query string, the page's
   script hash, *every* widget's state (the frontend keeps them; one value
   changed) and the hashes of the large messages the client holds
   (``cached_message_hashes``: the server then sends those again only as a
   ``ref_hash``, counted here, exactly as it does for a browser).

Each session opens one page (rotating through the core pages) with its own
seed in the URL (students exploring on their own; ``--shared-link``: every
session the same settings) and the data of ``benchmarks/load.py`` (n = 2,000
at 1:100; ``--query ""`` for the app's defaults). Once every session has
loaded its page (a class opens the link, then explores), each changes a
setting every ``--interval`` seconds (jittered ±50 %; never before its
previous change has finished): ``w1`` twice, then the seed, and so on,
``--changes`` times. After every run it checks that the URL the server wrote
holds *its* settings (a leak otherwise). An ``exception`` element, a
``script_finished`` that is not a success, a missing page, a timeout or a
dropped WebSocket is an error. Bounded: every run has a timeout, the whole
load a hard ``--deadline``; the run stops by itself. Loopback only: any other
host is refused.

Prints, per number of sessions: p50 / p95 latency of a change (the
``rerun_script`` until its ``script_finished``) and of a first load (the page
request until the first ``script_finished``), errors, leaks, server CPU
seconds per first load and per change (every app process and its children),
the server's resident memory before and at its peak, per session, and the
load generator's own CPU. Run::

    .venv/bin/python -m benchmarks.load_protocol --sessions 10 30
    .venv/bin/python -m benchmarks.load_protocol --sessions 30 --replicas 2  # behind nginx
    .venv/bin/python -m benchmarks.load_protocol --sessions 30 --shared-link

``--replicas 0`` (the default) starts one ``streamlit run app.py``;
``--replicas R`` starts ``deploy.replicas.serve(R)``: R processes behind
Debian's nginx with sticky sessions (``make nginx`` installs it).
``--threads 1`` starts them with one OpenMP/BLAS thread each (by default the
variables are left unset, as ``make run`` does).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

from benchmarks.serve import cpu_seconds, free_port, percentile, start, stop, wait_healthy

#: URL paths of the core pages (``ui/registry.py``; "" is the overview at ``/``).
CORE_PAGES = ("", "loss-surface", "gradients", "boundaries")
#: Session-state key of a sidebar widget: ``ui.state.widget_key`` (importing
#: ``ui`` would load the whole app into the load generator; the test checks
#: that the two agree).
SIDEBAR_KEY = "sb_{}"
STREAM = "/_stcore/stream"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: One run (first load or change) that takes longer is an error.
RUN_TIMEOUT_S = 120.0
#: Seeds of session ``i`` are ``base + i`` and, after its ``j``-th seed change,
#: ``base + i + (j + 1) * SEED_STRIDE``: unique while sessions < SEED_STRIDE.
SEED_STRIDE = 1_000_000
#: What chromium sends as ``context_info`` (timezone, locale, ...) on this machine.
CONTEXT = {"timezone": "UTC", "timezone_offset": 0, "locale": "en-US", "color_scheme": "light"}
SUCCESS = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
#: The data of ``benchmarks/load.py``'s sessions (n = 2,000, 1:100); ``--query ""``
#: opens the app's defaults (n = 20,000, 1:1000).
DEFAULT_QUERY = "n=2000&ratio=100"
#: Thread pools of the numerical libraries, set by ``--threads`` for the app processes.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class RunError(Exception):
    """A script run that the browser would show as failed (or never finished)."""


def check_loopback(url: str) -> None:
    """Refuse any server that is not on this machine's loopback interface."""
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"load tests run on loopback only, not against {host!r}")


def widget_state(kind: str, proto: Any) -> WidgetState | None:
    """The state the frontend reports for a widget it has just drawn, or None.

    Like the frontend: the value the server set (``set_value``, e.g. a keyed
    widget seeded from ``st.session_state``), else the widget's default.
    Buttons (triggers) and widget kinds the core pages do not use are left
    out; the server then keeps their last value.
    """
    state = WidgetState(id=proto.id)
    if kind == "slider" and proto.type == Slider.Type.SELECT_SLIDER:
        # The frontend sends a select slider's formatted option labels.
        labels = (
            list(proto.raw_value)
            if proto.set_value
            else [proto.options[int(i)] for i in proto.default]
        )
        state.string_array_value.data[:] = labels
    elif kind == "slider":
        state.double_array_value.data[:] = list(proto.value if proto.set_value else proto.default)
    elif kind in ("selectbox", "radio"):
        if proto.set_value and proto.HasField("raw_value"):
            state.string_value = proto.raw_value
        elif 0 <= proto.default < len(proto.options):
            state.string_value = proto.options[proto.default]
        else:
            return None
    elif kind == "number_input":
        value = proto.value if proto.set_value else proto.default
        if proto.data_type == NumberInput.DataType.INT:
            state.int_value = int(value)
        else:
            state.double_value = value
    elif kind == "checkbox":
        state.bool_value = proto.value if proto.set_value else proto.default
    else:
        return None
    return state


class ProtocolSession:
    """One Streamlit session driven over its WebSocket as the browser's frontend drives it.

    Keeps what the frontend keeps between runs: every widget's state, the
    query string and the page's script hash the server sent last, and the
    hashes of the cacheable messages received.
    """

    def __init__(self, ws: ClientConnection, url: str, page: str) -> None:
        self.ws, self.url, self.page = ws, url, page
        self.widgets: dict[str, WidgetState] = {}
        self.query_string = ""
        self.page_script_hash = ""
        self.cached: set[str] = set()
        self.messages = self.refs = self.bytes = 0
        #: Exceptions shown by the last run (element text, shortened).
        self.exceptions: list[str] = []

    def first_state(self, query: str) -> ClientState:
        """The ``ClientState`` a browser sends when it opens ``/<page>?<query>``."""
        state = ClientState(query_string=query, page_name=self.page)
        state.context_info.url = f"{self.url}/{self.page}"
        state.context_info.is_embedded = False
        for name, value in CONTEXT.items():
            setattr(state.context_info, name, value)
        return state

    def change(self, key: str, value: float | int) -> ClientState:
        """The ``ClientState`` after the user set the widget keyed ``key`` to ``value``."""
        ids = [wid for wid in self.widgets if wid.endswith(f"-{key}")]
        if len(ids) != 1:
            raise RunError(f"widget {key!r} not found once on /{self.page} (ids: {ids})")
        changed = WidgetState(id=ids[0])
        if isinstance(value, int):
            changed.int_value = value
        else:
            changed.double_value = value
        self.widgets[ids[0]] = changed
        state = self.first_state(self.query_string)
        state.ClearField("page_name")  # after the first run the frontend names the page by hash
        state.page_script_hash = self.page_script_hash
        state.widget_states.widgets.extend(self.widgets.values())
        state.cached_message_hashes.extend(sorted(self.cached))
        return state

    async def run(self, state: ClientState, timeout_s: float) -> float:
        """Send a rerun with ``state``; seconds until its ``script_finished``.

        Raises :class:`RunError` when the run fails or takes longer than
        ``timeout_s``; an exception element is kept in ``exceptions``.
        """
        message = BackMsg()
        message.rerun_script.CopyFrom(state)
        self.exceptions = []
        drawn: dict[str, WidgetState] = {}
        begin = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        try:
            async with asyncio.timeout(timeout_s):
                while True:
                    status = self._receive(await self.ws.recv(), drawn)
                    if status is not None:
                        break
        except TimeoutError:
            raise RunError(f"/{self.page}: no script_finished within {timeout_s:.0f} s") from None
        elapsed = time.perf_counter() - begin
        if status != SUCCESS:
            raise RunError(f"/{self.page}: script finished with status {status}")
        # The frontend forgets the widgets a run no longer drew.
        self.widgets = drawn
        return elapsed

    def _receive(self, raw: str | bytes, drawn: dict[str, WidgetState]) -> int | None:
        """Handle one ForwardMsg; its ``script_finished`` status if it is one."""
        if isinstance(raw, str):
            raise RunError(f"/{self.page}: text frame {raw[:80]!r}")
        self.messages += 1
        self.bytes += len(raw)
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.metadata.cacheable and msg.hash:
            self.cached.add(msg.hash)
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            # A run that a newer rerun interrupted is not the end of the one asked for.
            if msg.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                return int(msg.script_finished)
        elif kind == "ref_hash":
            # A large element (a figure) this session already holds: only its hash
            # comes again. Widgets and exceptions are far below the 10 kB threshold.
            self.refs += 1
        elif kind == "new_session" and not self.page_script_hash:
            self.page_script_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            raise RunError(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            element_kind = element.WhichOneof("type")
            if element_kind == "exception":
                self.exceptions.append(
                    f"{element.exception.type}: {element.exception.message[:160]}"
                )
            elif element_kind is not None:
                self._widget(element_kind, getattr(element, element_kind), drawn)
        return None

    def _widget(self, kind: str, proto: Any, drawn: dict[str, WidgetState]) -> None:
        wid = getattr(proto, "id", "")  # charts and buttons have ids too: no state
        if not wid:
            return
        # A value set by the server wins; else the frontend keeps the user's value.
        if wid in self.widgets and not getattr(proto, "set_value", False):
            drawn[wid] = self.widgets[wid]
        elif (state := widget_state(kind, proto)) is not None:
            drawn[wid] = state


@dataclass
class Plan:
    """What one simulated student does: a page, a starting seed, a list of changes."""

    index: int
    page: str
    seed: int
    query: str
    #: ``(setting, value)``: a sidebar setting (``w1``, ``seed``) and its new value.
    changes: list[tuple[str, float | int]]
    delay: float = 0.0


def plans(
    sessions: int,
    changes: int,
    *,
    pages: Sequence[str] = CORE_PAGES,
    base_seed: int = 1000,
    shared: bool = False,
    query: str = "",
    ramp: float = 0.0,
) -> list[Plan]:
    """Sessions with their own settings (``shared``: all with the same ones).

    Session ``i`` opens ``pages[i % len(pages)]`` with seed ``base_seed + i``
    (``shared``: all ``base_seed``) and the extra ``query``, then sets ``w1``
    to ``2 + i + 100 k`` at changes ``k`` = 0, 1, 3, 4, ... and a new seed
    at every third change; with ``ramp`` > 0 the starts spread over that many
    seconds.
    """
    result = []
    for i in range(sessions):
        own = 0 if shared else i
        seed = base_seed + own
        steps: list[tuple[str, float | int]] = []
        for k in range(changes):
            if k % 3 == 2:
                steps.append(("seed", seed + (k // 3 + 1) * SEED_STRIDE))
            else:
                steps.append(("w1", float(2 + own + 100 * k)))
        url_query = "&".join(q for q in (query.strip("&?"), f"seed={seed}") if q)
        delay = ramp * i / max(1, sessions)
        result.append(Plan(i, pages[i % len(pages)], seed, url_query, steps, delay))
    return result


@dataclass
class LoadResult:
    """Latencies (s), errors and leaks of one load run, with what the client saw."""

    first_loads: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    #: Per page path: its first loads and its changes.
    first_by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    rerun_by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    #: Runs that finished successfully per session index (first load included).
    runs_ok: Counter[int] = field(default_factory=Counter)
    #: Sessions per replica (from nginx's affinity cookie; "" without nginx).
    replicas: Counter[str] = field(default_factory=Counter)
    messages: int = 0
    refs: int = 0
    megabytes: float = 0.0
    seconds: float = 0.0
    #: CPU seconds of this process (the load generator) during the run.
    client_cpu: float = 0.0
    #: Highest resident memory of the watched server processes during the run, MB.
    rss_peak_mb: float = float("nan")
    #: Server CPU seconds (watched processes and children) of the first loads and of
    #: the changes: before every session had loaded its page, and after.
    cpu_first: float = float("nan")
    cpu_changes: float = float("nan")

    @property
    def runs(self) -> int:
        """Script runs timed: first loads and changes."""
        return len(self.first_loads) + len(self.reruns)


def _get_page(url: str, timeout_s: float) -> list[str]:
    """GET the page as a browser does first; return the cookies it set (``name=value``)."""
    # No proxy, whatever the environment says: the server is on loopback.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout_s) as response:
        response.read()
        return [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]


def _replica(cookies: list[str]) -> str:
    """The replica nginx's affinity cookie names (``lab_replica=r1.<id>``), or ""."""
    values = [c.split("=", 1)[1] for c in cookies if c.startswith("lab_replica=")]
    return values[0].split(".")[0] if values else ""


def _check_url(session: ProtocolSession, expected: dict[str, str]) -> str | None:
    """A leak: the URL the server last wrote lacks one of this session's settings.

    ``expected``: the session's link and every change since. The app writes
    the URL from the session's own state, so this also catches a widget state
    sent wrong (a select slider's label, say, would change ``n``).
    """
    query = {k: v[-1] for k, v in parse_qs(session.query_string).items()}

    def same(want: str, got: str | None) -> bool:
        if got is None:
            return False
        with contextlib.suppress(ValueError):  # numbers as numbers: "2.0" is "2"
            return math.isclose(float(want), float(got))
        return want == got

    wrong = {k: query.get(k) for k, v in expected.items() if not same(v, query.get(k))}
    return f"expected {expected}, URL has {wrong}" if wrong else None


class _Loaded:
    """Set once every session has loaded its page (or failed to).

    The class opens the link, then explores: changes start after every first
    load, so the server's CPU splits cleanly into first loads and changes.
    """

    def __init__(self, sessions: int, on_all: Callable[[], None]) -> None:
        self.left, self.on_all, self.event = sessions, on_all, asyncio.Event()

    def arrive(self) -> None:
        self.left -= 1
        if self.left == 0:
            self.on_all()
            self.event.set()


async def _session(
    url: str, plan: Plan, interval: float, end: float, result: LoadResult, loaded: _Loaded
) -> None:
    await asyncio.sleep(plan.delay)
    rng = random.Random(plan.index)  # jitter: different per session, same every run
    page_url = f"{url}/{plan.page}?{plan.query}"
    done, arrived = 0, False

    def remaining() -> float:
        left = end - time.monotonic()
        if left <= 0:
            raise RunError("deadline reached")
        return min(RUN_TIMEOUT_S, left)

    try:
        begin = time.perf_counter()
        cookies = await asyncio.to_thread(_get_page, page_url, remaining())
        result.replicas[_replica(cookies)] += 1
        headers = {"Cookie": "; ".join(cookies)} if cookies else None
        ws_url = "ws" + url.removeprefix("http") + STREAM
        async with connect(
            ws_url,
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(url),
            additional_headers=headers,
            proxy=None,
            max_size=None,  # figures are larger than the 1 MB default
            open_timeout=remaining(),
        ) as ws:
            session = ProtocolSession(ws, url, plan.page)
            try:
                await session.run(session.first_state(plan.query), remaining())
                result.first_loads.append(time.perf_counter() - begin)
                result.first_by_page[plan.page].append(result.first_loads[-1])
                result.runs_ok[plan.index] += 1
                expected = dict(parse_qsl(plan.query))
                _record(result, plan, session, _check_url(session, expected))
                loaded.arrive()
                arrived = True
                async with asyncio.timeout(remaining()):
                    await loaded.event.wait()
                due = time.monotonic()
                for setting, value in plan.changes:
                    # Every ~interval s from the previous change; never while one runs.
                    due += interval * rng.uniform(0.5, 1.5)
                    await asyncio.sleep(max(0.0, due - time.monotonic()))
                    state = session.change(SIDEBAR_KEY.format(setting), value)
                    latency = await session.run(state, remaining())
                    result.reruns.append(latency)
                    result.rerun_by_page[plan.page].append(latency)
                    result.runs_ok[plan.index] += 1
                    done += 1
                    expected[setting] = str(value)
                    _record(result, plan, session, _check_url(session, expected))
            finally:
                result.messages += session.messages
                result.refs += session.refs
                result.megabytes += session.bytes / 1e6
    except (RunError, ConnectionClosed, OSError, TimeoutError) as err:
        # A run cut short by the deadline is one, whatever its own timeout said.
        cause = "deadline reached" if time.monotonic() >= end - 1 else type(err).__name__
        result.errors.append(
            f"session {plan.index} (/{plan.page}, after {done} changes): {cause}: {str(err)[:200]}"
        )
    finally:
        if not arrived:  # a failed first load must not hold the others back
            loaded.arrive()


def _record(result: LoadResult, plan: Plan, session: ProtocolSession, leak: str | None) -> None:
    result.errors += [f"session {plan.index} (/{plan.page}): {e}" for e in session.exceptions]
    if leak:
        result.leaks.append(f"session {plan.index} (/{plan.page}): {leak}")


def _tree(roots: Sequence[int]) -> list[int]:
    """``roots`` and every process below them (from /proc; Linux only)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                children[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry))
    found, todo = [], list(roots)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def server_cpu(roots: Sequence[int]) -> float:
    """CPU seconds of ``roots`` and their children, live ones and those already waited for."""
    waited = 0
    for pid in roots:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            waited += int(fields[13]) + int(fields[14])  # cutime, cstime
    return cpu_seconds(_tree(roots)) + waited / os.sysconf("SC_CLK_TCK")


def rss_mb(roots: Sequence[int]) -> float:
    """Resident memory of ``roots`` and their children, in MB."""
    total = 0
    for pid in _tree(roots):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


async def _watch_rss(roots: Sequence[int], result: LoadResult) -> None:
    while True:
        current = await asyncio.to_thread(rss_mb, roots)
        if not current <= result.rss_peak_mb:  # also replaces the initial NaN
            result.rss_peak_mb = current
        await asyncio.sleep(0.5)


async def run_load(
    url: str,
    session_plans: Sequence[Plan],
    *,
    interval: float = 5.0,
    deadline_s: float = 300.0,
    watch: Sequence[int] = (),
) -> LoadResult:
    """Run ``session_plans`` against the server at ``url`` at once; see the module doc.

    Stops by itself: after ``deadline_s`` every session still running is
    cancelled and counted as an error. ``watch``: server processes whose peak
    RSS to record.
    """
    check_loopback(url)
    url = url.rstrip("/")
    result = LoadResult()
    end = time.monotonic() + deadline_s
    cpu = os.times()
    server = [server_cpu(watch)] if watch else []

    def all_loaded() -> None:
        if watch:
            server.append(server_cpu(watch))

    loaded = _Loaded(len(session_plans), all_loaded)
    begin = time.perf_counter()
    watcher = asyncio.create_task(_watch_rss(watch, result)) if watch else None
    tasks = {
        asyncio.create_task(_session(url, plan, interval, end, result, loaded)): plan
        for plan in session_plans
    }
    # Sessions time out on their own before the deadline; the margin is for a stuck connect.
    _, pending = await asyncio.wait(tasks, timeout=deadline_s + 15)
    for task in pending:
        task.cancel()
        result.errors.append(f"session {tasks[task].index}: cancelled at the deadline")
    await asyncio.gather(*pending, return_exceptions=True)
    if watcher is not None:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    result.seconds = time.perf_counter() - begin
    if len(server) == 2:
        result.cpu_first = server[1] - server[0]
        result.cpu_changes = server_cpu(watch) - server[1]
    after = os.times()
    result.client_cpu = (after.user - cpu.user) + (after.system - cpu.system)
    return result


@contextlib.contextmanager
def servers(replicas: int, directory: Path) -> Iterator[tuple[str, list[str], list[int]]]:
    """The app on loopback: one process (``replicas`` 0) or replicas behind nginx.

    Yields the URL to load, every app process's own URL (for warm-up) and
    the app processes' pids.
    """
    if replicas == 0:
        port = free_port()
        proc = start("app.py", port, directory / "server.log")
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            yield url, [url], [proc.pid]
        finally:
            stop(proc)
        return
    from deploy.replicas import serve  # only this mode needs nginx

    with serve(replicas, host="127.0.0.1", directory=directory) as deployment:
        yield (
            deployment.url,
            [r.url for r in deployment.replicas],
            [r.proc.pid for r in deployment.replicas],
        )


def summary(result: LoadResult, sessions: int, rss_before: float) -> dict[str, float]:
    """The figures of one row of the report (seconds, MB; NaN where nothing was measured)."""
    changes = len(result.reruns) or math.nan
    firsts = len(result.first_loads) or math.nan
    return {
        "sessions": sessions,
        "change_p50": percentile(result.reruns, 0.5),
        "change_p95": percentile(result.reruns, 0.95),
        "first_p50": percentile(result.first_loads, 0.5),
        "first_p95": percentile(result.first_loads, 0.95),
        "errors": len(result.errors),
        "leaks": len(result.leaks),
        "cpu_per_first": result.cpu_first / firsts,
        "cpu_per_change": result.cpu_changes / changes,
        "client_cpu_per_run": result.client_cpu / (result.runs or math.nan),
        "rss_before": rss_before,
        "rss_peak": result.rss_peak_mb,
        "mb_per_session": max(0.0, result.rss_peak_mb - rss_before) / sessions,
        "wall": result.seconds,
    }


HEADER = (
    f"{'sessions':>8} {'change p50':>10} {'p95':>7} {'first p50':>9} {'p95':>7} {'errors':>6} "
    f"{'leaks':>5} {'CPU/first':>9} {'CPU/change':>10} {'CPU client':>10} {'RSS before':>10} "
    f"{'RSS peak':>8} {'MB/session':>10} {'wall':>5} {'load':>5}"
)


def format_row(row: dict[str, float], load: float) -> str:
    """One line under :data:`HEADER`; ``load`` is the 1-minute load average before the row."""
    return (
        f"{row['sessions']:8.0f} {row['change_p50']:9.2f}s {row['change_p95']:6.2f}s "
        f"{row['first_p50']:8.2f}s {row['first_p95']:6.2f}s {row['errors']:6.0f} "
        f"{row['leaks']:5.0f} {row['cpu_per_first']:8.2f}s {row['cpu_per_change']:9.2f}s "
        f"{row['client_cpu_per_run']:9.2f}s {row['rss_before']:9.0f}M {row['rss_peak']:7.0f}M "
        f"{row['mb_per_session']:9.1f}M {row['wall']:4.0f}s {load:5.2f}"
    )


def _median(values: list[float]) -> str:
    return f"{percentile(values, 0.5):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between changes")
    parser.add_argument("--changes", type=int, default=8, help="changes per session")
    parser.add_argument(
        "--replicas", type=int, default=0, help="0: one process; R: R replicas behind nginx"
    )
    parser.add_argument(
        "--shared-link", action="store_true", help="every session the same settings"
    )
    parser.add_argument("--deadline", type=float, default=180.0, help="hard limit per row, s")
    parser.add_argument("--ramp", type=float, default=0.0, help="spread the starts over S s")
    parser.add_argument("--pages", nargs="+", default=list(CORE_PAGES), help="URL paths")
    parser.add_argument(
        "--query", default=DEFAULT_QUERY, help=f"query string of every link ({DEFAULT_QUERY!r})"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=0,
        help="set OMP/OpenBLAS/MKL threads of the app processes (0: leave them unset)",
    )
    parser.add_argument("--seed", type=int, default=1000, help="seed of session 0")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        servers(args.replicas, Path(tmp)) as (
            url,
            processes,
            pids,
        ),
    ):
        # Warm-up on every app process: imports and first figures of every page
        # are not per-session costs (seeds far from the measured ones).
        for process_url in processes:
            warm = plans(len(args.pages), 1, pages=args.pages, base_seed=1, query=args.query)
            asyncio.run(run_load(process_url, warm, interval=0.0))
        where = f"{args.replicas} replicas behind nginx" if args.replicas else "one process"
        threads = f"{args.threads} thread(s)" if args.threads else "thread pools unset"
        print(
            f"{where} (pids {pids}, {threads}); pages {['/' + p for p in args.pages]} in "
            f"turn; link ?{args.query or '(app defaults)'} with "
            f"{'one shared seed' if args.shared_link else 'its own seed per session'}; "
            f"{args.changes} changes per session every ~{args.interval:g} s once all have "
            f"loaded; starts spread over {args.ramp:g} s; after one warm-up session per page "
            "and process. CPU = server CPU seconds per first load / per change (every app "
            "process, children included), client = this load generator per run; "
            "load = 1-min load average before the row"
        )
        print(HEADER)
        for row, n in enumerate(args.sessions):
            session_plans = plans(
                n,
                args.changes,
                pages=args.pages,
                base_seed=args.seed + 10_000 * row,  # no row reuses another row's cache
                shared=args.shared_link,
                query=args.query,
                ramp=args.ramp,
            )
            load, before = os.getloadavg()[0], rss_mb(pids)
            result = asyncio.run(
                run_load(
                    url, session_plans, interval=args.interval, deadline_s=args.deadline, watch=pids
                )
            )
            print(format_row(summary(result, n, before), load))
            by_page = ", ".join(
                f"/{page} {_median(result.rerun_by_page[page])}"
                f" (first load {_median(result.first_by_page[page])})"
                for page in args.pages
            )
            spread = dict(result.replicas) if args.replicas else {}
            print(
                f"    change p50 per page: {by_page}; {result.messages} messages, "
                f"{result.refs} cached refs, {result.megabytes:.0f} MB received"
                f"{'; sessions per replica ' + str(spread) if spread else ''}"
            )
            for line in result.errors[:10] + result.leaks[:10]:
                print("   ", line)
    print("goal: 30 sessions with their own settings, p95 < 2 s per change, 0 errors")


if __name__ == "__main__":
    main()
