import ast
import json
import re
from dataclasses import asdict, fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.data import SHAPES
from lib.i18n import catalogue, languages, placeholders, translate
from lib.settings import (
    N_CHOICES,
    RATIO_CHOICES,
    SHARED_PARAMS,
    Settings,
    parse_query,
    to_query,
)

ROOT = Path(__file__).parents[1]


def test_schema_matches_settings_and_design_names():
    assert [p.name for p in SHARED_PARAMS] == [f.name for f in fields(Settings)]
    assert [p.name for p in SHARED_PARAMS] == [
        "ratio",
        "n",
        "seed",
        "w0",
        "w1",
        "sep",
        "shape",
        "lang",
    ]
    assert RATIO_CHOICES[0] == 1 and RATIO_CHOICES[-1] == 10_000 and 1000 in RATIO_CHOICES


def test_defaults_when_empty():
    settings, notices = parse_query({})
    assert settings == Settings() and notices == []


def test_junk_falls_back_with_notices():
    settings, notices = parse_query({"ratio": "abc", "w1": "-5", "n": "1e99"})
    assert settings == Settings()
    assert {n.param for n in notices} == {"ratio", "w1", "n"}
    reasons = {n.param: n.reason for n in notices}
    assert reasons == {
        "ratio": "notice.not_a_number",
        "w1": "notice.out_of_range",
        "n": "notice.out_of_range",
    }


@pytest.mark.parametrize(
    ("query", "field", "value", "reason"),
    [
        ({"w0": "nan"}, "w0", 1.0, "notice.not_finite"),
        ({"w0": "0"}, "w0", 1.0, "notice.out_of_range"),
        ({"seed": "1.5"}, "seed", 0, "notice.not_an_integer"),
        ({"sep": "99"}, "sep", 2.0, "notice.out_of_range"),
        ({"lang": "xx"}, "lang", "en", "notice.not_a_choice"),
        ({"shape": "xyz"}, "shape", "gaussian", "notice.not_a_choice"),
        ({"shape": "Two_Clusters"}, "shape", "gaussian", "notice.not_a_choice"),
        ({"ratio": "400"}, "ratio", 500, "notice.snapped"),
        ({"ratio": ["5", "abc"]}, "ratio", 1000, "notice.not_a_number"),
    ],
)
def test_single_bad_value(query, field, value, reason):
    settings, notices = parse_query(query)
    assert getattr(settings, field) == value
    assert [n.reason for n in notices] == [reason]


def test_valid_values_are_kept():
    settings, notices = parse_query(
        {
            "ratio": "100",
            "n": "5000",
            "seed": "42",
            "w0": "0.5",
            "w1": "50",
            "sep": "1.23",
            "lang": "en",
        }
    )
    assert notices == []
    assert settings == Settings(ratio=100, n=5000, seed=42, w0=0.5, w1=50.0, sep=1.2)
    assert settings.shape == "gaussian"  # missing: the default


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_is_read_and_written(shape):
    settings, notices = parse_query({"shape": shape, "ratio": "100"})
    assert notices == [] and settings == Settings(ratio=100, shape=shape)
    assert to_query(settings)["shape"] == shape
    assert Settings().shape == SHAPES[0] == "gaussian"


def test_bad_shape_falls_back_with_a_notice_and_keeps_the_rest():
    settings, notices = parse_query({"shape": "xyz", "ratio": "100", "sep": "3"})
    assert settings == Settings(ratio=100, sep=3.0)
    [notice] = notices
    assert (notice.param, notice.raw, notice.used) == ("shape", "xyz", "gaussian")
    text = translate(notice.reason, **notice.values)
    assert all(shape in text for shape in SHAPES)


@given(
    st.sampled_from(RATIO_CHOICES),
    st.sampled_from(N_CHOICES),
    st.integers(0, 2**31 - 1),
    st.floats(1e-3, 1e5),
    st.floats(1e-3, 1e5),
    st.integers(0, 60),
    st.sampled_from(SHAPES),
)
def test_round_trip_is_exact(ratio, n, seed, w0, w1, sep10, shape):
    original = Settings(ratio=ratio, n=n, seed=seed, w0=w0, w1=w1, sep=sep10 / 10, shape=shape)
    settings, notices = parse_query(to_query(original))
    assert notices == [] and settings == original


def test_weights_are_written_short_when_possible():
    query = to_query(Settings(w0=1.0, w1=500.0))
    assert (query["w0"], query["w1"]) == ("1", "500")
    assert to_query(Settings(w0=20000 / 39960))["w0"] == repr(20000 / 39960)


def test_every_notice_reason_has_text():
    _, notices = parse_query({"ratio": "x", "w0": "inf", "seed": "2.5", "lang": "zz", "n": "300"})
    for notice in notices:
        text = translate(
            "notice.template",
            param=notice.param,
            raw=notice.raw,
            reason=translate(notice.reason, **notice.values),
            used=notice.used,
        )
        assert notice.param in text and notice.used in text
    assert asdict(Settings())  # dataclass stays serialisable


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


def test_lib_never_imports_streamlit():
    for path in (ROOT / "lib").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(), re.M), path


@pytest.mark.parametrize("lang", languages())
def test_bold_spans_close_where_markdown_can_close_them(lang):
    """CommonMark closes ``**`` after punctuation only before a space or
    punctuation: ``**{share} %**를`` shows its asterisks. Korean particles
    follow a number directly, so the particle goes inside the bold span."""
    for key, text in catalogue(lang).items():
        for match in re.finditer(r"\*\*([^*\n]+)\*\*(\w)", text):
            inner = match.group(1)
            assert not (inner.endswith("}") or re.search(r"[^\w\s]$", inner)), (key, inner)
