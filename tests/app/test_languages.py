"""Every page in every language: no error, translated title, translated charts.

The catalogues' keys and placeholders are compared in
``tests/lib/test_i18n.py``; this runs every page with ``?lang=`` set,
so a text that fails to format in another language, or a chart label that
bypasses the lookup and stays English, shows up here.
"""

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib.i18n import catalogue, languages
from tests.app.helpers import ROOT, charts
from ui import PAGES

OTHER = [code for code in languages() if code != "en"]
#: Is a character in the language's script (Cyrillic, Hangul)?
SCRIPT = {"ru": lambda ch: "\u0400" <= ch <= "\u04ff", "ko": lambda ch: "\uac00" <= ch <= "\ud7a3"}


def test_russian_and_korean_are_offered():
    assert set(OTHER) >= {"ru", "ko"}


def _labels(fig: dict[str, Any]) -> set[str]:
    """Titles, axis titles and legend names of a plotly figure."""
    layout = fig["layout"]
    found = {layout.get("title", {}).get("text", "")}
    for name, value in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            found.add(value.get("title", {}).get("text", ""))
    found |= {trace.get("name", "") for trace in fig["data"]}
    # Code names shown as they are in every language (sklearn's "balanced").
    return {text for text in found if text and not text.isidentifier()}


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize(
    "script, path, title_key, icon",
    [(p.script, p.path, p.title_key, p.icon) for p in PAGES],
    ids=[page.path for page in PAGES],
)
def test_every_page_in_every_language(lang, script, path, title_key, icon):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(script).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.sidebar.selectbox(key="sb_lang").value == lang
    # The page's own texts are in the language's script (some titles, e.g.
    # "Focal loss", are kept in English on purpose).
    texts = " ".join(m.value for m in at.markdown)
    assert sum(SCRIPT[lang](ch) for ch in texts) > 20, texts[:200]
    # English texts this language translates differently must not appear in
    # a chart: that would be a label that bypassed the translation lookup.
    english, own = catalogue("en"), catalogue(lang)
    untranslated = {text for key, text in english.items() if own[key] != text}
    for key, fig in charts(at).items():
        assert not _labels(fig) & untranslated, (key, _labels(fig) & untranslated)
