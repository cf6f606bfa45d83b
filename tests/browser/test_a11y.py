"""Accessibility: axe-core on every page of the app, in English and in Korean (issue 16).

One server, one chromium and one browser tab serve all 34 page loads: each
page of :data:`ui.registry.PAGES` is opened with ``?lang=en`` and ``?lang=ko``
and, once Streamlit is idle (the same wait as the screenshots'), axe-core is
injected into the page and into its frames (the sidebar's copy-link button)
and run. A page fails on any violation of impact serious or critical, and on
any skipped heading level (``heading-order``, which axe rates moderate but
the issue names). The only exclusion is Streamlit's own navigation list, see
:data:`STREAMLIT_NAV`.

axe-core is the npm package pinned in ``package.json``; ``make axe`` (a
prerequisite of ``make pytest``) installs it into ``node_modules/``. The app
never loads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from lib.i18n import translate
from tests.browser.test_browser import (
    PAGES as FIGURE_PAGES,
)
from tests.browser.test_browser import (
    ROOT,
    SIDEBAR_FRAMES_DRAWN_JS,
    TIMEOUT_MS,
    _new_page,
    _open,
    _streamlit_server,
    chromium_browser,  # noqa: F401 -- a fixture: this module's browser
)
from ui.registry import PAGES

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("en", "ko")
#: Impacts that fail a page, and rules that fail it whatever their impact.
FAILING_IMPACTS = ("serious", "critical")
FAILING_RULES = ("heading-order",)
#: Streamlit's navigation list, drawn by Streamlit alone (``st.navigation``):
#: its ``<ul>`` holds the section titles as ``<div>``s and each ``<li>``
#: inside a ``<div>``, which axe reports as ``list`` and ``listitem``
#: (serious). The app cannot change that markup, so those two rules are not
#: checked inside it; every other rule still is (the links' names and contrast).
STREAMLIT_NAV = '[data-testid="stSidebarNavItems"]'
STREAMLIT_NAV_RULES = ("list", "listitem")
#: Figures each page draws (the browser tests' table; the others draw none at load).
N_PLOTS = {name: n for _, name, n in FIGURE_PAGES}

#: axe on the whole document; each node says whether it lies in Streamlit's navigation.
AXE_JS = """async (nav) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.flat().join(' >> '), html: n.html, impact: n.impact || v.impact,
      inNav: n.target.length === 1 && !!document.querySelector(n.target[0])?.closest(nav),
    })),
  }));
}"""


@pytest.fixture(scope="module")
def axe_page(
    chromium_browser: Browser,  # noqa: F811 -- the fixture imported above
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Page, str]]:
    """One tab on one app server for every page load of the module."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm ci of the pinned axe-core)")
    log_path = tmp_path_factory.mktemp("streamlit_a11y") / "server.log"
    with _streamlit_server(log_path) as base_url:
        page = _new_page(chromium_browser)
        try:
            yield page, base_url
        finally:
            page.context.close()


def _failures(violations: list[dict[str, Any]]) -> list[str]:
    """Readable lines for the violations that fail a page."""
    lines = []
    for rule in violations:
        nodes = [
            node
            for node in rule["nodes"]
            if (node["impact"] in FAILING_IMPACTS or rule["id"] in FAILING_RULES)
            and not (rule["id"] in STREAMLIT_NAV_RULES and node["inNav"])
        ]
        if nodes:
            lines.append(f"{rule['id']} [{rule['impact']}] {rule['help']}: {len(nodes)} node(s)")
            for node in nodes:
                lines.append(f"    at {node['target']}")
                lines.append(f"       {' '.join(node['html'].split())[:300]}")
    return lines


@pytest.mark.parametrize("path", [page.path for page in PAGES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_violations(axe_page: tuple[Page, str], lang: str, path: str) -> None:
    page, base_url = axe_page
    url = f"{base_url}/{'' if path == PAGES[0].path else path}?lang={lang}"
    _open(page, url, N_PLOTS.get(path, 0))
    page.wait_for_function(SIDEBAR_FRAMES_DRAWN_JS, timeout=TIMEOUT_MS)
    # axe must see the page itself: its title, and no dialog ("Page not found") over it
    assert page.locator('[data-testid="stMain"] h1').count() >= 1, f"no page title on {url}"
    assert page.locator('[role="dialog"]').count() == 0, f"a dialog covers {url}"
    nav_title = translate("nav.section.core", lang)
    assert page.locator(STREAMLIT_NAV).get_by_text(nav_title).count() == 1, url
    for frame in page.frames:  # the sidebar's copy-link frame is checked too
        frame.add_script_tag(path=str(AXE))
    failures = _failures(page.evaluate(AXE_JS, STREAMLIT_NAV))
    assert not failures, f"axe-core on {lang}/{path} ({url}):\n" + "\n".join(failures)
