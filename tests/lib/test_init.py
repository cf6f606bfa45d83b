"""lib (the package): nothing in it imports streamlit."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_lib_never_imports_streamlit():
    for path in (ROOT / "lib").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(), re.M), path
