"""The layering DESIGN.md describes, checked on the source tree.

* ``lib`` never imports Streamlit; no ``lib`` module is over 500 lines.
* A page script in ``views/`` only lays out: at most 80 lines of code and no
  import of numpy, pandas, scipy, scikit-learn or imbalanced-learn.
* No ``ui`` module is over 300 lines.
* Every user-facing error in ``lib`` is a ``LabError`` with a catalogue key:
  a ``raise ValueError(...)`` with a literal message fails here.

"Lines of code" are the lines that hold a token other than a comment or the
module docstring, counted with :mod:`tokenize`, so ``ruff format``'s
wrapping counts as it shows on screen.
"""

import ast
import io
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VIEW_MAX_LINES = 80
UI_MAX_LINES = 300
LIB_MAX_LINES = 500
NUMERICAL = ("numpy", "pandas", "scipy", "sklearn", "imblearn")


def code_lines(path: Path) -> int:
    """Lines holding code: not blank, not only a comment, not the module docstring."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    doc_lines: set[int] = set()
    if tree.body and isinstance(tree.body[0], ast.Expr):
        first = tree.body[0]
        if isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            doc_lines = set(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    lines: set[int] = set()
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in skip or tok.type == tokenize.ENDMARKER:
            continue
        lines.update(range(tok.start[0], tok.end[0] + 1))
    return len(lines - doc_lines)


def imported_modules(path: Path) -> set[str]:
    """Top-level package names a module imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", _files("views"), ids=_name)
def test_a_page_script_only_lays_out(path: Path) -> None:
    assert code_lines(path) <= VIEW_MAX_LINES, f"{_name(path)}: {code_lines(path)} lines of code"
    numerical = imported_modules(path) & set(NUMERICAL)
    assert not numerical, f"{_name(path)} imports {sorted(numerical)}: compute in lib"


@pytest.mark.parametrize("path", _files("lib"), ids=_name)
def test_lib_never_imports_streamlit_and_stays_short(path: Path) -> None:
    assert "streamlit" not in imported_modules(path)
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIB_MAX_LINES, f"{_name(path)} has {lines} lines: split it by concept"


@pytest.mark.parametrize("path", _files("ui"), ids=_name)
def test_a_ui_module_does_one_job(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= UI_MAX_LINES, f"{_name(path)} has {lines} lines"


def _literal_value_errors(path: Path) -> list[int]:
    """Lines of ``raise ValueError(<literal or f-string>)``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        func = node.exc.func
        if isinstance(func, ast.Name) and func.id == "ValueError" and node.exc.args:
            if isinstance(node.exc.args[0], ast.Constant | ast.JoinedStr):
                found.append(node.lineno)
    return found


@pytest.mark.parametrize("path", _files("lib"), ids=_name)
def test_lib_raises_translatable_errors(path: Path) -> None:
    lines = _literal_value_errors(path)
    assert not lines, f"{_name(path)} raises ValueError('...') at lines {lines}: use LabError"


def test_the_checks_see_what_they_check(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text('"""Doc\nstring."""\n\n# comment\nimport numpy as np\nx = (\n    1,\n)\n')
    assert code_lines(page) == 4
    assert imported_modules(page) == {"numpy"}
    bad = tmp_path / "bad.py"
    bad.write_text('def f(x):\n    raise ValueError(f"bad {x}")\n')
    assert _literal_value_errors(bad) == [2]
