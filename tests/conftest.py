"""Test configuration shared by every module.

In CI (``CI`` set, as the project's CI runner does) hypothesis runs
derandomized: the same examples every run, so a red CI always points at a
reproducible failure. Locally it keeps exploring new random examples.
"""

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def fresh_arena() -> None:
    """Forget every arena result kept for all sessions, so the run button is needed."""
    import ui  # only the tests that ask for it load Streamlit

    ui.arena_store.clear()
