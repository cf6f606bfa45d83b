"""lib.settings: the shared settings, their URL query and its parameters."""

from __future__ import annotations

import pickle
from dataclasses import asdict, fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.data import SHAPES
from lib.i18n import LabError, translate
from lib.settings import (
    N_CHOICES,
    RATIO_CHOICES,
    SHARED_PARAMS,
    ParamError,
    Settings,
    format_point_ids,
    parse_query,
    point_ids_param,
    to_query,
)
from tests.lib.helpers import _assert_translated


def test_point_ids_param_round_trip_and_errors():
    parse = point_ids_param([3, 17, 42])
    assert parse("17,3") == [3, 17]
    assert parse("none") == parse("") == []
    assert parse(format_point_ids([42, 3])) == [3, 42]
    assert format_point_ids([]) == "none"
    for raw in ("5", "3,x", "3;17", "1e3"):
        with pytest.raises(ParamError) as err:
            parse(raw)
        assert err.value.key == "sw.notice_ids" and err.value.values["choices"] == "3, 17, 42"


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


def test_param_errors_are_lab_errors_that_keep_key_and_values():
    # ui turns a ParamError into a notice through `.key` and `.values`
    err = ParamError("notice.out_of_range", low="1", high="10")
    assert isinstance(err, LabError) and isinstance(err, ValueError)
    assert err.key == "notice.out_of_range" and dict(err.values) == {"low": "1", "high": "10"}
    assert str(err) == "it must be between 1 and 10."
    _assert_translated(err)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is ParamError and str(back) == str(err)
    assert (back.key, dict(back.values)) == (err.key, dict(err.values))
