"""Error messages from ``lib`` in every language (issue 7: "labels, explanations,
lessons, errors").

``lib`` raises :class:`lib.i18n.LabError`: English ``str()`` for logs and
``pytest.raises(match=...)``, and a catalogue key with values so that a page can
show the same message in Russian or Korean. These tests check that the pages show
them translated; the mechanism, every upload refusal and the messages that come back
from worker processes are unit tests under tests/lib (test_i18n.py, io/test_upload.py,
remedies/test_cross_validation.py).
"""

from __future__ import annotations

import sys

import pytest

import ui
from lib.i18n import Message, translate
from tests.app.helpers import rerun
from tests.app.test_remedies import errors_of, open_page
from tests.app.test_remedies import upload as upload_in_app

OTHER = ("ru", "ko")


# ---------------------------------------------------------------- on the pages
@pytest.mark.parametrize("lang", OTHER)
def test_upload_page_shows_refusals_in_the_chosen_language(lang):
    at = upload_in_app(
        open_page("your_data", n="2000", ratio="20", lang=lang),
        b"PK\x03\x04" + bytes(range(256)) * 4,
    )
    reason = translate("error.upload.binary", lang, file="data.csv")
    assert errors_of(at) == [translate("upload.bad_file", lang, message=reason)]


@pytest.mark.parametrize("lang", OTHER)
def test_guarded_panels_explain_in_the_chosen_language(lang):
    # 1:10,000 of 100 samples: one minority sample, so SMOTE has no neighbour to use
    at = open_page("resampling", ratio="10000", n="100", lang=lang)
    errors = errors_of(at)
    prefix = translate("error.value", lang, message="")
    assert errors and all(text.startswith(prefix) for text in errors), errors
    for method in ("smote", "adasyn"):
        reason = translate(
            "error.strategy.no_neighbour",
            lang,
            name=Message(f"strategy.{method}.name").text(lang),
            have=1,
        )
        assert translate("error.value", lang, message=reason) in errors, errors


@pytest.mark.parametrize("lang", OTHER)
def test_arena_skip_reason_in_the_chosen_language(lang, fresh_arena, monkeypatch):
    # AppTest formats radio options again outside the script run, where the session's
    # language is not visible: pin it for both (in every ui module that looks it up)
    for module in [ui, *(m for name, m in sys.modules.items() if name.startswith("ui."))]:
        if hasattr(module, "lang"):
            monkeypatch.setattr(module, "lang", lambda: lang)
    # 1:300 of 2,000: 7 minority samples, 4 in a 3-fold training fold: too few for SMOTE
    at = open_page(
        "arena", n="2000", ratio="300", strategies="none,smote", folds="3", repeats="1", lang=lang
    )
    at.button(key="arena_run").click()
    rerun(at)
    [text] = [w.value for w in at.warning]
    assert "k_neighbors=5" in text and "neighbours" not in text, text
    assert text.startswith(translate("arena.skipped", lang, name="SMOTE", why="")), text
