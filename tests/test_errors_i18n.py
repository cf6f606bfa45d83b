"""Error messages from ``lib`` in every language (issue 7: "labels, explanations,
lessons, errors").

``lib`` raises :class:`lib.i18n.LabError`: English ``str()`` for logs and
``pytest.raises(match=...)``, and a catalogue key with values so that a page can
show the same message in Russian or Korean. These tests check the mechanism, that
every upload refusal is such an error, that messages survive a worker process, and
that the pages show them translated.
"""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ui
from lib import upload
from lib._validation import check_finite_number, check_int, check_same_length
from lib.data import make_imbalanced
from lib.evaluation import cross_validate_strategies
from lib.i18n import (
    LabError,
    Message,
    catalogue,
    error_text,
    languages,
    message_of,
    placeholders,
    translate,
)
from lib.strategies import fit_model
from tests.test_app import rerun
from tests.test_app_remedies import errors_of, open_page
from tests.test_app_remedies import upload as upload_in_app

LIB = Path(__file__).resolve().parents[1] / "lib"
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


# ---------------------------------------------------------------- the mechanism
def test_message_is_its_english_text_and_translates():
    m = Message("error.upload.empty", file="x.csv")
    assert m == "x.csv is empty." and isinstance(m, str)
    assert m.text("ru") == translate("error.upload.empty", "ru", file="x.csv")
    assert m.text("ko") == translate("error.upload.empty", "ko", file="x.csv")
    assert m.text("en") == m


def test_nested_messages_are_translated_in_the_same_language():
    inner = Message("error.strategy.adasyn_far")
    outer = LabError("error.strategy.cannot_fit", name="ADASYN", detail=inner)
    assert str(outer) == f"ADASYN cannot be fitted on this data: {inner}"
    for lang in OTHER:
        assert error_text(outer, lang) == translate(
            "error.strategy.cannot_fit", lang, name="ADASYN", detail=inner.text(lang)
        )
    both = Message(
        "error.cv.none_fitted",
        reasons=(
            Message("error.cv.reason", name="smote", why=inner),
            Message("error.cv.reason", name="adasyn", why="plain text from a library"),
        ),
    )
    assert str(both) == (
        f"No strategy can be fitted on this data: smote: {inner} adasyn: plain text from a library"
    )
    assert inner.text("ko") in both.text("ko")
    assert "plain text from a library" in both.text("ru")


def test_values_must_match_the_placeholders():
    with pytest.raises(TypeError, match="takes the values"):
        Message("error.upload.empty")  # would show "{file} is empty."
    with pytest.raises(TypeError, match="takes the values"):
        Message("error.upload.empty", file="a.csv", rows=3)


def test_only_a_tuple_of_messages_is_joined():
    assert Message("error.arg.lengths", described=(1, 2)) == (
        "The inputs must have the same number of samples; got (1, 2)."
    )


def test_other_errors_are_shown_as_they_are():
    err = ValueError("from scikit-learn")
    assert error_text(err, "ru") == "from scikit-learn" == message_of(err)
    assert error_text("text", "ko") == "text"


@given(name=st.text(max_size=20), value=st.one_of(st.integers(), st.floats(), st.text()))
def test_errors_survive_pickling(name, value):
    # cross-validation runs folds in worker processes: their messages come back pickled
    err = LabError("error.arg.not_number", name=name, value=value)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is LabError and str(back) == str(err)
    assert back.message.key == err.message.key
    for lang in languages():
        assert error_text(back, lang) == error_text(err, lang)
    message = pickle.loads(pickle.dumps(err.message))
    assert isinstance(message, Message) and message == err.message


def test_values_named_like_the_parameters_are_allowed():
    # `key` and `lang` are positional-only, so a message may use them as placeholders
    err = LabError(
        "error.strategy.neighbours", name="smote", k=5, key="k_neighbors", need=6, have=2, lower=1
    )
    assert "k_neighbors=5" in str(err)


def test_every_error_key_is_raised_somewhere_and_exists():
    source = "\n".join(p.read_text(encoding="utf-8") for p in LIB.glob("*.py"))
    used = set(re.findall(r'"(error\.[a-z_]+\.[a-z0-9_]+)"', source))
    defined = {k for k in catalogue("en") if k.startswith("error.") and k != "error.value"}
    assert used == defined


# ---------------------------------------------------------------- every upload refusal
GOOD = pd.DataFrame(
    {"a": [1.0, 2.0, 3.0, 4.0], "t": ["x", "y", "z", "w"], "y": ["no", "yes", "no", "yes"]}
)
MANY_CLASSES = pd.DataFrame({"a": range(60), "y": range(60)})
MISSING = pd.DataFrame({"a": [1.0, np.nan, 3.0, 4.0], "y": ["no", "yes", "no", "yes"]})
ALL_MISSING = pd.DataFrame({"a": [np.nan] * 4, "y": ["no", "yes", "no", "yes"]})
ONE_CLASS = pd.DataFrame({"a": [1.0, 2.0], "y": ["no", "no"]})
TINY = pd.DataFrame({"a": [1.0, 2.0, 3.0], "y": ["no", "no", "yes"]})
TEXT = pd.DataFrame({"a": range(30), "t": [f"v{i}" for i in range(30)], "y": ["no", "yes"] * 15})
INFINITE = pd.DataFrame({"a": [1.0, np.inf, 3.0, 4.0], "y": ["no", "yes", "no", "yes"]})

UPLOAD_CASES: dict[str, Callable[[], Any]] = {
    "not_bytes": lambda: upload.read_csv("a,b\n1,2\n"),  # type: ignore[arg-type]
    "too_large": lambda: upload.read_csv(b"a,b\n1,2\n", max_bytes=4),
    "not_csv_name": lambda: upload.read_csv(b"a,b\n1,2\n", filename="data.xlsx"),
    "empty": lambda: upload.read_csv(b"  \n"),
    "binary": lambda: upload.read_csv(b"PK\x03\x04" + bytes(range(256))),
    "too_many_columns": lambda: upload.read_csv(
        (",".join(f"c{i}" for i in range(upload.MAX_COLUMNS + 1)) + "\n").encode()
    ),
    "unparseable": lambda: upload.read_csv(b"a,b\n1,2\n1,2,3\n"),
    "too_many_rows": lambda: upload.read_csv(b"a,y\n1,0\n2,1\n3,0\n", max_rows=2),
    "one_column": lambda: upload.read_csv(b"a\n1\n2\n"),
    "no_rows": lambda: upload.read_csv(b"a,y\n"),
    "unnamed_column": lambda: upload.read_csv(b"a,,y\n1,2,0\n3,4,1\n"),
    "duplicate_columns": lambda: upload.read_csv(b"a,a,y\n1,2,0\n3,4,1\n"),
    "too_many_classes": lambda: upload.class_counts(MANY_CLASSES, "y"),
    "no_such_column": lambda: upload.class_counts(GOOD, "nope"),
    "unknown_features": lambda: upload.prepare(GOOD, "y", features=["nope"]),
    "target_is_feature": lambda: upload.prepare(GOOD, "y", features=["y"]),
    "repeated_features": lambda: upload.prepare(GOOD, "y", features=["a", "a"]),
    "no_features": lambda: upload.prepare(GOOD, "y", features=[]),
    "missing": lambda: upload.prepare(MISSING, "y"),
    "all_missing": lambda: upload.prepare(ALL_MISSING, "y", missing="drop"),
    "single_class": lambda: upload.prepare(ONE_CLASS, "y"),
    "no_such_value": lambda: upload.prepare(GOOD, "y", positive="maybe"),
    "tiny_class": lambda: upload.prepare(TINY, "y"),
    "too_many_categories": lambda: upload.prepare(TEXT, "y"),
    "infinite": lambda: upload.prepare(INFINITE, "y"),
}


@pytest.mark.parametrize("case", UPLOAD_CASES)
def test_every_upload_refusal_is_translated(case):
    err = _error(UPLOAD_CASES[case])
    assert err.message.key == f"error.upload.{case}"
    _assert_translated(err)


def test_a_damaged_utf16_file_is_refused_in_every_language():
    # Excel's "Unicode text" starts with a byte-order mark; a cut-off one cannot decode
    err = _error(lambda: upload.read_csv(b"\xff\xfea\x00b", filename="data.csv"))
    assert err.message.key == "error.upload.unparseable" and "UTF-16" in str(err)
    _assert_translated(err)


def test_the_cases_cover_every_upload_message():
    keys = {
        k.removeprefix("error.upload.") for k in catalogue("en") if k.startswith("error.upload.")
    }
    assert keys == set(UPLOAD_CASES)


@pytest.mark.parametrize(
    "call",
    [
        lambda: check_finite_number("w1", float("nan")),
        lambda: check_finite_number("w1", "abc"),
        lambda: check_finite_number("w1", -1.0, low=0.0),
        lambda: check_finite_number("w1", 0.0, low=0.0, low_inclusive=False),
        lambda: check_int("n", 2.5),
        lambda: check_int("n", 20, high=10),
        lambda: check_same_length(X=np.ones(3), y=np.ones(4)),
    ],
)
def test_argument_checks_are_translated(call):
    _assert_translated(_error(call))


class _WorseThanChance:
    """Stands in for a boosting model whose first tree is no better than chance."""

    def fit(self, X: Any, y: Any) -> None:
        raise ValueError(
            "BaseClassifier in AdaBoostClassifier ensemble is worse than random, "
            "ensemble can not be fit."
        )


def test_a_failed_fit_is_explained_in_the_chosen_language():
    err = _error(
        lambda: fit_model("rusboost", _WorseThanChance(), np.ones((4, 1)), np.array([0, 0, 1, 1]))
    )
    assert str(err).startswith("RUSBoost cannot be fitted on this data: the first boosted tree")
    _assert_translated(err)
    for lang in OTHER:
        assert Message("error.strategy.boosting_random").text(lang) in error_text(err, lang)
    # another library's message is kept, inside a translated sentence
    other = _error(lambda: fit_model("smote", _Raises(), np.ones((4, 1)), np.zeros(4)))
    assert str(other) == "SMOTE cannot be fitted on this data: no luck"
    assert error_text(other, "ru").endswith(": no luck")


class _Raises:
    def fit(self, X: Any, y: Any) -> None:
        raise ValueError("no luck")


# ---------------------------------------------------------------- across processes
def test_cross_validation_reasons_are_translatable_from_worker_processes():
    # Classes far apart: ADASYN fails in every fold (in a worker with n_jobs=2), and
    # SMOTE's k_neighbors cannot be met (checked before fitting).
    X, y = make_imbalanced(300, 10, class_sep=30.0, random_state=0)
    result = cross_validate_strategies(
        X,
        y,
        {"none": {}, "adasyn": {}, "smote": {"k_neighbors": 25}},
        n_splits=3,
        n_repeats=1,
        errors="skip",
        n_jobs=2,
    )
    assert set(result.errors) == {"adasyn", "smote"}
    for why in result.errors.values():
        assert isinstance(why, Message)
        _assert_translated(why)
    adasyn = result.errors["adasyn"]
    assert adasyn.key == "error.cv.failed_folds"
    for lang in OTHER:  # the reason inside the reason is translated too
        assert Message("error.strategy.adasyn_far").text(lang) in adasyn.text(lang)


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
    # language is not visible: pin it for both
    monkeypatch.setattr(ui, "lang", lambda: lang)
    # 1:300 of 2,000: 7 minority samples, 4 in a 3-fold training fold: too few for SMOTE
    at = open_page(
        "arena", n="2000", ratio="300", strategies="none,smote", folds="3", repeats="1", lang=lang
    )
    at.button(key="arena_run").click()
    rerun(at)
    [text] = [w.value for w in at.warning]
    assert "k_neighbors=5" in text and "neighbours" not in text, text
    assert text.startswith(translate("arena.skipped", lang, name="SMOTE", why="")), text


def test_new_keys_keep_one_json_layout():
    # the catalogues are written with json.dumps(..., ensure_ascii=False, indent=2)
    for lang in languages():
        path = LIB / "locales" / f"{lang}.json"
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
