"""One translation lookup for every user-facing string.

Strings live in one JSON catalogue per language in ``lib/locales/``
(``en.json``, later ``ru.json`` and ``ko.json``); pages, figures and notices
only ever use keys, so adding a language touches no page logic.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "en"

#: Signature of a translation function as figure builders receive it.
Translator = Callable[..., str]


@cache
def languages() -> tuple[str, ...]:
    """Codes of the languages that have a catalogue, default language first.

    Returns
    -------
    tuple of str
        e.g. ``("en",)``.
    """
    found = sorted(p.stem for p in LOCALE_DIR.glob("*.json"))
    return tuple(sorted(found, key=lambda code: code != DEFAULT_LANGUAGE))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The key -> text mapping of one language.

    Parameters
    ----------
    lang : str
        Language code, one of :func:`languages`.

    Returns
    -------
    dict of str to str
    """
    if lang not in languages():
        raise ValueError(
            f"`lang` must be one of {', '.join(languages())}. Got {lang!r} instead."
        )
    with (LOCALE_DIR / f"{lang}.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {str(k): str(v) for k, v in data.items()}


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a catalogue string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """Look up ``key`` in the catalogue of ``lang`` and fill its placeholders.

    A key missing from ``lang`` falls back to English; a key missing from
    English is a programming error and raises ``KeyError`` (the tests check
    that every key used in the code exists).

    Parameters
    ----------
    key : str
        Catalogue key, e.g. ``"overview.title"``.
    lang : str, default="en"
        Language code.
    **values
        Values for ``str.format`` placeholders in the text.

    Returns
    -------
    str
        The translated, formatted text.
    """
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


def translator(lang: str = DEFAULT_LANGUAGE) -> Translator:
    """A one-argument-plus-values translation function bound to ``lang``.

    Parameters
    ----------
    lang : str, default="en"
        Language code.

    Returns
    -------
    callable
        ``tr(key, **values) -> str``.
    """
    catalogue(lang)  # fail early on an unknown language

    def tr(key: str, **values: Any) -> str:
        return translate(key, lang, **values)

    return tr
