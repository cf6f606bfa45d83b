"""Short load test: concurrent sessions get their own settings and no errors.

The full benchmark (10 and 30 sessions, latency and memory) is
``benchmarks/load.py`` in ``make bench``; this runs three sessions with two
changes each so that ``make test`` catches settings leaking between
sessions (e.g. a module-level variable or a shared cache holding one user's
choices) and errors under concurrency.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.load import run_load
from benchmarks.serve import streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("load") / "server.log"
    with streamlit_server("app.py", Path(log)) as url:
        yield url


def test_concurrent_sessions_keep_their_own_settings(server: str) -> None:
    result = asyncio.run(run_load(server, sessions=3, changes=2))
    assert result.errors == []
    assert result.leaks == []
    assert len(result.latencies) == 3 * 2
