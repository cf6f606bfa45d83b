"""The page registry (ui/registry.py) is the one list of pages, sections and URL parameters."""

from __future__ import annotations

import re

import pytest

from lib.i18n import languages, translate
from lib.settings import Settings
from tests.app.helpers import ROOT, check, open_app, query
from ui.registry import GLOBAL_PARAMS, PAGES, SECTIONS, Page, page_at, page_of, params_markdown

SHARED = set(Settings().__dict__)
#: Declared parameters a page writes only after a user action, with the action.
CONDITIONAL = {
    ("arena", "cls"): "shown with the results, after a run",
    ("arena", "<data set>_ratio"): "only for a bundled real data set (src)",
    ("your-data", "strategies"): "the arena appears after an upload",
    ("your-data", "folds"): "the arena appears after an upload",
    ("your-data", "repeats"): "the arena appears after an upload",
    ("your-data", "cls"): "shown with the results, after a run",
}


def test_paths_scripts_and_titles_are_unique_and_exist():
    assert len({p.path for p in PAGES}) == len({p.script for p in PAGES}) == len(PAGES)
    for page in PAGES:
        assert (ROOT / page.script).is_file(), page.script
        for code in languages():
            assert translate(page.title_key, code) != page.title_key


def test_sections_are_declared_not_counted():
    assert {p.section for p in PAGES} == set(SECTIONS)
    # the menu keeps the registry's order inside each section, so inserting a
    # page in one section cannot move another section's pages
    grouped = [p for key in SECTIONS for p in PAGES if p.section == key]
    assert [p.path for p in grouped] == [p.path for p in PAGES]


def test_lookups_by_path_and_script():
    assert page_at("/") is PAGES[0] and page_at("") is PAGES[0]
    assert page_at("/thresholds") is page_of("views/thresholds.py")
    with pytest.raises(LookupError):
        page_at("nowhere")


def test_a_page_accepts_its_own_and_the_global_params_only():
    arena = page_at("arena")
    assert arena.accepts("strategies") and arena.accepts("digits_ratio")
    assert all(arena.accepts(p.name) for p in GLOBAL_PARAMS)
    assert not arena.accepts("gamma") and not arena.accepts("_ratio")
    assert not Page("v.py", "v", "t", "i", SECTIONS[0]).accepts("t")


def test_the_readme_lists_the_registry_parameters():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- params:start -->\n(.*?)\n<!-- params:end -->", readme, re.S)
    assert found, "README.md needs the generated parameter list between params markers"
    assert found.group(1) == params_markdown(), "paste ui.registry.params_markdown()"


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_a_page_writes_exactly_its_declared_params_with_their_defaults(page):
    # ui.state.bound raises for an undeclared name or another default; this
    # checks the converse: every declared parameter is written, as declared
    at = open_app(n="2000", ratio="100")
    if page is not PAGES[0]:
        at = check(at.switch_page(page.script).run())
    assert not at.error, [e.value for e in at.error]
    written = {name: value for name, value in query(at).items() if name not in SHARED}
    declared = {
        p.name: p.default
        for p in (*page.params, *GLOBAL_PARAMS)
        if (page.path, p.name) not in CONDITIONAL
    }
    assert written == declared


def test_a_page_refuses_an_undeclared_param_or_default(monkeypatch):
    import ui.state
    from lib.settings import ParamSpec, int_param

    at = open_app(n="2000", ratio="100")
    at = check(at.switch_page("views/gradients.py").run())
    monkeypatch.setattr(ui.state.st, "session_state", {"_page_path": "gradients"})
    with pytest.raises(LookupError, match="undeclared"):
        ui.state._check_declared(ParamSpec("gamma", 2, int_param(0, 5)))
    with pytest.raises(LookupError, match="default of 'step'"):
        ui.state._check_declared(ParamSpec("step", 7, int_param(0, 500)))
    ui.state._check_declared(ParamSpec("step", 0, int_param(0, 500)))
