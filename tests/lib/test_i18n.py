"""lib.i18n: catalogues, translation, and errors that read in every language."""

from __future__ import annotations

import ast
import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.calibration import reliability_curve
from lib.data import make_long_tailed, plot_extent, project_1d
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
from lib.repair import probability_report
from lib.studies.class_vs_sample import boundary_candidates, point_weights, weight_table
from lib.studies.recency import angle_between, effective_sample_size, recency_study
from lib.studies.weighted_regression import fit_line, inverse_variance_weights
from lib.surface import loss_surface
from lib.weights import (
    class_weights,
    effective_number,
    multilabel_sample_weights,
    recency_weights,
    weights_from_counts,
)
from tests.lib.helpers import OTHER, _assert_translated, _error


@pytest.mark.parametrize("lang", ["ru", "ko"])
def test_the_studies_errors_are_translated(lang):
    cases = [
        (lambda: boundary_candidates(np.ones((3, 2)), [1.0, 2.0, 3.0], 0.0), "features_mismatch"),
        (lambda: point_weights([0, 1], picked=[[0]]), "point_ids"),
        (lambda: weight_table(np.ones((2, 3)), [0, 1], [0], w1=1.0), "two_features"),
        (lambda: effective_sample_size([1, -1]), "nonnegative_all"),
        (lambda: effective_sample_size([0, 0]), "all_zero"),
        (lambda: angle_between([1, 0], [1, 0, 0]), "coef_lengths"),
        (lambda: recency_study(None, None, half_lives=[]), "no_half_life"),
        (lambda: inverse_variance_weights([1.0, 0.0]), "sigma"),
        (lambda: fit_line([1, 1, 1], [1, 2, 3]), "x_constant"),
    ]
    for call, key in cases:
        with pytest.raises(LabError) as err:
            call()
        assert err.value.message.key.endswith(key)
        assert error_text(err.value, lang) != str(err.value)


ROOT = Path(__file__).parents[2]


def _used_keys():
    """Every literal key passed to tr()/translate()/ui.tr() in the code."""
    keys = set()
    for path in [
        ROOT / "app.py",
        *ROOT.glob("ui/**/*.py"),
        *ROOT.glob("views/**/*.py"),
        *ROOT.glob("lib/**/*.py"),
    ]:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                arg = node.args[0]
                if (
                    name in {"tr", "translate"}
                    and isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                ):
                    keys.add(arg.value)
    return keys


def test_every_used_key_exists_in_every_catalogue():
    used = _used_keys()
    assert len(used) > 50
    for lang in languages():
        missing = used - set(catalogue(lang))
        assert not missing, f"{lang} lacks {sorted(missing)}"


def test_catalogues_agree_on_keys_and_placeholders():
    english = catalogue("en")
    for lang in languages():
        other = catalogue(lang)
        assert set(other) == set(english), lang
        for key, text in english.items():
            assert placeholders(other[key]) == placeholders(text), (lang, key)


def test_catalogue_files_are_valid_json_without_duplicates():
    for path in (ROOT / "lib" / "locales").glob("*.json"):
        pairs = json.loads(path.read_text(), object_pairs_hook=lambda kv: kv)
        names = [k for k, _ in pairs]
        assert len(names) == len(set(names)), path


def test_translate_fills_placeholders_and_rejects_unknown():
    assert translate("fig.feature", i=2) == "feature x2"
    with pytest.raises(KeyError):
        translate("no.such.key")
    with pytest.raises(ValueError):
        catalogue("xx")


@pytest.mark.parametrize("lang", languages())
def test_bold_spans_close_where_markdown_can_close_them(lang):
    """CommonMark closes ``**`` after punctuation only before a space or
    punctuation: ``**{share} %**를`` shows its asterisks. Korean particles
    follow a number directly, so the particle goes inside the bold span."""
    for key, text in catalogue(lang).items():
        for match in re.finditer(r"\*\*([^*\n]+)\*\*(\w)", text):
            inner = match.group(1)
            assert not (inner.endswith("}") or re.search(r"[^\w\s]$", inner)), (key, inner)


LIB = Path(__file__).resolve().parents[2] / "lib"


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
    source = "\n".join(p.read_text(encoding="utf-8") for p in LIB.rglob("*.py"))
    used = set(re.findall(r'"(error\.[a-z_]+\.[a-z0-9_]+)"', source))
    defined = {k for k in catalogue("en") if k.startswith("error.") and k != "error.value"}
    assert used == defined


# ---------------------------------------------------------------- lib's own checks
P = [0.2, 0.7]
LIB_CASES: list[tuple[str, Callable[[], Any]]] = [
    ("error.arg.choice", lambda: reliability_curve([0, 1], P, strategy="kmeans")),
    ("error.arg.choice", lambda: class_weights(np.array([0, 1]), "magic")),
    ("error.arg.either", lambda: loss_surface([0.0, 1.0], [0, 1], [1.0], [0.0], method="slow")),
    ("error.arg.nonnegative", lambda: effective_number([-1, 2])),
    ("error.arg.nonnegative_all", lambda: multilabel_sample_weights(np.eye(2), [-1.0, 1.0])),
    ("error.arg.integer_labels", lambda: class_weights(np.array([0.5, 1.0]))),
    ("error.arg.integer_labels", lambda: class_weights(np.array(["a", "b"]))),
    ("error.arg.labels_1d", lambda: class_weights(np.array([]))),
    ("error.weights.counts_positive", lambda: weights_from_counts([0, 3])),
    ("error.weights.indicator", lambda: multilabel_sample_weights(2 * np.eye(2), [1.0, 1.0])),
    ("error.weights.per_column", lambda: multilabel_sample_weights(np.eye(2), [1.0])),
    ("error.weights.age", lambda: recency_weights([-1.0], half_life=1.0)),
    ("error.data.projection", lambda: project_1d(np.ones((3, 2)), [0, 0, 0])),
    ("error.data.two_features", lambda: plot_extent(np.ones((2, 1)), [0, 1])),
    ("error.data.counts", lambda: make_long_tailed([5])),
    ("error.repair.same_models", lambda: probability_report([0, 1], {"a": P}, {"b": P})),
]


@pytest.mark.parametrize(("key", "call"), LIB_CASES, ids=[key for key, _ in LIB_CASES])
def test_lib_checks_are_translated(key, call):
    err = _error(call)
    assert err.key == key
    _assert_translated(err)


def test_an_unknown_language_is_refused_in_every_language():
    err = _error(lambda: catalogue("xx"))
    assert str(err) == f"`lang` must be one of {', '.join(languages())}. Got 'xx' instead."
    _assert_translated(err)


#: A sample of the keys added when lib's plain ValueErrors became LabErrors, with values.
NEW_KEYS: dict[str, dict[str, Any]] = {
    "error.arg.either": {"name": "method", "first": "'fast'", "second": "'exact'", "value": "'x'"},
    "error.arg.nonnegative_all": {"name": "class_weight"},
    "error.arg.labels_1d": {"name": "y"},
    "error.weights.per_column": {"columns": 3, "got": 2},
    "error.data.two_features": {},
    "error.repair.same_models": {},
}


@pytest.mark.parametrize("key", NEW_KEYS)
def test_new_error_texts_are_translated_with_the_same_placeholders(key):
    values = NEW_KEYS[key]
    english = catalogue("en")[key]
    assert placeholders(english) == set(values)
    for lang in OTHER:
        template = catalogue(lang)[key]
        assert template != english, (lang, key)
        assert placeholders(template) == placeholders(english), (lang, key)
        text = translate(key, lang, **values)
        assert text != translate(key, "en", **values), (lang, key)
        assert all(str(v) in text for v in values.values()), (lang, text)


def test_the_three_languages_are_there_and_no_text_is_empty():
    # test_catalogues_agree_on_keys_and_placeholders checks that every language
    # has every key with the same placeholders; this pins the languages themselves.
    assert set(languages()) == {"en", "ru", "ko"}
    for lang in languages():
        empty = [key for key, text in catalogue(lang).items() if not text.strip()]
        assert not empty, (lang, empty)


def test_new_keys_keep_one_json_layout():
    # the catalogues are written with json.dumps(..., ensure_ascii=False, indent=2)
    for lang in languages():
        path = LIB / "locales" / f"{lang}.json"
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
