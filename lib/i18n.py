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
        raise LabError(
            "error.arg.choice", name="lang", choices=", ".join(languages()), value=repr(lang)
        )
    with (LOCALE_DIR / f"{lang}.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {str(k): str(v) for k, v in data.items()}


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a catalogue string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: Any) -> str:
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


def _render(value: Any, lang: str) -> Any:
    # A value may itself be a message (a reason inside a reason) or a tuple
    # of messages (several reasons), translated into the same language;
    # any other value (a tuple of numbers too) is formatted as it is.
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return " ".join(v.text(lang) for v in value)
    return value


def _rebuild(key: str, values: dict[str, Any]) -> Message:
    return Message(key, **values)


class Message(str):
    """English text that keeps its catalogue key and values for translation.

    A ``str`` subclass, so code that stores, compares or searches messages
    as text (tables, logs, tests) keeps working, while a page can show the
    same message in the reader's language with :meth:`text`. Values that are
    themselves :class:`Message` (or tuples of them, joined with spaces) are
    translated too. Pickles by key and values, so a message made in a worker
    process arrives intact.

    Parameters
    ----------
    key : str
        Catalogue key, e.g. ``"error.upload.empty"``.
    **values
        Values for the text's placeholders (``str.format`` syntax, so the
        catalogue may say ``{rows:,}`` or ``{target!r}``).
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> Message:
        """Format the English text now; keep ``key`` and ``values`` for later.

        Raises ``TypeError`` when ``values`` do not name exactly the text's
        placeholders (a message with a hole or a value it never shows is a
        programming error; the catalogues' placeholders agree across languages).
        """
        expected = placeholders(catalogue(DEFAULT_LANGUAGE)[key])
        if expected != set(values):
            raise TypeError(
                f"Message {key!r} takes the values {sorted(expected)}; got {sorted(values)}."
            )
        english = {k: _render(v, DEFAULT_LANGUAGE) for k, v in values.items()}
        self = super().__new__(cls, translate(key, DEFAULT_LANGUAGE, **english))
        self.key = key
        self.values = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (self.key, self.values)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in ``lang`` (English where ``lang`` lacks the key).

        Parameters
        ----------
        lang : str, default="en"
            Language code.

        Returns
        -------
        str
        """
        return translate(self.key, lang, **{k: _render(v, lang) for k, v in self.values.items()})


class LabError(ValueError):
    """A ``ValueError`` whose message can be shown in any catalogue language.

    ``str(err)`` is the English text, so ``pytest.raises(match=...)`` and
    logs read as before; pages call :func:`error_text` to show it in the
    reader's language.

    Parameters
    ----------
    key : str
        Catalogue key of the message.
    **values
        Its placeholders' values.
    """

    def __init__(self, key: str, /, **values: Any) -> None:
        self.message = Message(key, **values)
        super().__init__(self.message)

    @property
    def key(self) -> str:
        """Catalogue key of the message."""
        return self.message.key

    @property
    def values(self) -> dict[str, Any]:
        """Values of the message's placeholders."""
        return self.message.values

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild_error, (self.message.key, self.message.values, type(self))


def _rebuild_error(key: str, values: dict[str, Any], cls: type[LabError] | None = None) -> LabError:
    return (cls or LabError)(key, **values)


def message_of(err: BaseException) -> str:
    """The message of an exception, as a translatable :class:`Message` when it has one.

    Parameters
    ----------
    err : BaseException

    Returns
    -------
    str
        ``err.message`` for a :class:`LabError`, else ``str(err)`` (text from
        another library, which stays in its own language).
    """
    return err.message if isinstance(err, LabError) else str(err)


def error_text(err: BaseException | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An error or message in ``lang``, for display.

    Parameters
    ----------
    err : exception or str
        A :class:`LabError`, a :class:`Message`, or anything else (shown as
        its text, untranslated — e.g. a scikit-learn message).
    lang : str, default="en"
        Language code.

    Returns
    -------
    str
    """
    if isinstance(err, LabError):
        return err.message.text(lang)
    if isinstance(err, Message):
        return err.text(lang)
    return str(err)
