"""Helpers shared by the unit tests of several lib modules: errors read in every language."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from lib.i18n import LabError, Message, catalogue, error_text, placeholders

OTHER = ("ru", "ko")


def _error(call: Callable[[], Any]) -> LabError:
    with pytest.raises(LabError) as info:
        call()
    return info.value


def _assert_translated(err: LabError | Message) -> None:
    """Each language's text is that catalogue's entry, filled in, and differs from English."""
    message = err.message if isinstance(err, LabError) else err
    english = str(message)
    for lang in OTHER:
        text = error_text(err, lang)
        assert text != english, (lang, message.key)
        assert not placeholders(text), text  # nothing left unfilled
        # the catalogue's own wording, not the English fallback
        template = catalogue(lang)[message.key]
        fixed = [part for part in re.split(r"\{[^}]*\}", template) if part.strip()]
        assert all(part in text for part in fixed), (text, template)
