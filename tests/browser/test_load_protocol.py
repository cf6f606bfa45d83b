"""Short protocol load test: sessions over Streamlit's WebSocket keep their own settings.

The full benchmark (10 and 30 sessions, one process or replicas behind nginx)
is ``benchmarks/load_protocol.py`` in ``make bench``; this runs three sessions
(the overview, loss-surface and gradients pages) with three changes each —
``w1`` twice, then the seed — against one server, so that ``make test``
catches a change of Streamlit's protocol that the benchmark no longer
speaks, errors under concurrency and settings leaking between sessions. No
browser: marked ``browser`` with the other tests that start a server.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.load_protocol import (
    CORE_PAGES,
    SIDEBAR_KEY,
    check_loopback,
    plans,
    rss_mb,
    run_load,
    servers,
    summary,
)

pytestmark = pytest.mark.browser

SESSIONS, CHANGES = 3, 3


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[int]]]:
    with servers(0, Path(tmp_path_factory.mktemp("load_protocol"))) as (url, _, pids):
        yield url, pids


def test_sessions_keep_their_own_settings_over_the_protocol(
    server: tuple[str, list[int]],
) -> None:
    url, pids = server
    # Small data: this checks the protocol and the settings, not the speed.
    session_plans = plans(SESSIONS, CHANGES, query="n=2000&ratio=100")
    assert len({plan.seed for plan in session_plans}) == SESSIONS
    assert [change[0] for change in session_plans[0].changes] == ["w1", "w1", "seed"]
    before = rss_mb(pids)
    result = asyncio.run(run_load(url, session_plans, interval=1.0, deadline_s=60.0, watch=pids))
    assert result.errors == []
    # After every run the URL the server wrote held that session's own seed and w1.
    assert result.leaks == []
    assert result.runs_ok == {i: 1 + CHANGES for i in range(SESSIONS)}
    assert len(result.first_loads) == SESSIONS and len(result.reruns) == SESSIONS * CHANGES
    row = summary(result, SESSIONS, before)
    assert all(math.isfinite(value) for value in row.values()), row
    assert row["cpu_per_change"] > 0 and row["rss_peak"] > 0


def test_loopback_only() -> None:
    check_loopback("http://127.0.0.1:8501")
    with pytest.raises(ValueError, match="loopback"):
        check_loopback("http://example.com:8501")
    with pytest.raises(ValueError, match="loopback"):
        asyncio.run(run_load("http://10.0.0.1:8501", plans(1, 0)))


def test_benchmark_agrees_with_the_app() -> None:
    from ui.registry import CORE, PAGES, page_at  # loads the app's package: only here
    from ui.state import widget_key

    assert SIDEBAR_KEY.format("w1") == widget_key("w1")
    core = {page.path for page in PAGES if page.section == CORE}
    assert page_at(CORE_PAGES[0]) is PAGES[0]
    assert set(CORE_PAGES[1:]) <= core
