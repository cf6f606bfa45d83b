"""AppTest tests of the sample-weights page (``views/sample_weights.py``)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import ROOT, charts, check, notices, query, rerun, trace_data

PAGE = "views/sample_weights.py"
CHARTS = {
    "sw_class_map",
    "sw_sample_map",
    "sw_drift_map",
    "sw_drift_accuracy",
    "sw_regression",
    "sw_histogram",
}
DEFAULTS = {
    "cls1w": "10",
    "pick": "none",
    "pickw": "10",
    "half": "10",
    "drift": "90",
    "spread": "20",
}


def open_sample_weights(**params: str) -> AppTest:
    """A new session opened with ``params`` in the URL, switched to this page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(params)
    check(at.run())
    return check(at.switch_page(PAGE).run())


def assert_clean(at: AppTest) -> None:
    assert set(charts(at)) == CHARTS
    assert [e.value for e in at.error] == []


def candidates(at: AppTest) -> list[int]:
    return [
        int(re.match(r"#(\d+)", label).group(1))
        for label in at.multiselect(key="page_pick").options
    ]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_renders_at_default_settings_with_its_state_in_the_url():
    at = open_sample_weights()
    assert_clean(at)
    assert notices(at) == []
    assert {k: query(at)[k] for k in DEFAULTS} == DEFAULTS
    assert len(candidates(at)) == 12
    # class_weight and the same weights as a sample_weight array give the same fit
    assert metric(at, "class_weight vs the same weights as an array") == "max |Δβ| = 0"
    assert metric(at, "Extra shift by the picked points") == "+0.000"
    before, after = metric(at, "Accuracy today: unweighted → recency").split(" → ")
    assert float(after) > float(before)
    [weights, estimates] = [d.value for d in at.dataframe]
    assert len(weights) == 12 and list(estimates.index) == [
        "true line",
        "OLS",
        "WLS (weights 1/σ²)",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"n": "100", "ratio": "10000"},
        {"w1": "10000", "n": "2000"},
        {"sep": "0", "n": "100", "ratio": "1"},
        {"cls1w": "10000", "pickw": "0", "half": "1", "drift": "180", "spread": "100"},
        {"cls1w": "1", "pickw": "100", "half": "1000", "drift": "0", "spread": "1"},
    ],
)
def test_renders_under_extreme_settings(params):
    at = open_sample_weights(**params)
    assert_clean(at)
    assert notices(at) == []
    assert {k: query(at)[k] for k in params} == params


def test_every_control_changes_the_right_figures():
    at = open_sample_weights(n="2000")
    steps = [
        (
            lambda: at.select_slider(key="page_cls1w").set_value(100),
            "cls1w",
            "100",
            {"sw_class_map", "sw_sample_map"},
        ),
        (
            lambda: at.multiselect(key="page_pick").set_value(candidates(at)[:2]),
            "pick",
            ",".join(str(i) for i in sorted(candidates(at)[:2])),
            {"sw_sample_map"},
        ),
        (
            lambda: at.select_slider(key="page_pickw").set_value("100"),
            "pickw",
            "100",
            {"sw_sample_map"},
        ),
        (lambda: at.select_slider(key="page_half").set_value(2), "half", "2", {"sw_drift_map"}),
        (
            lambda: at.select_slider(key="page_drift").set_value("30"),
            "drift",
            "30",
            {"sw_drift_map", "sw_drift_accuracy"},
        ),
        (
            lambda: at.select_slider(key="page_spread").set_value(100),
            "spread",
            "100",
            {"sw_regression", "sw_histogram"},
        ),
    ]
    before = charts(at)
    for change, param, value, expected in steps:
        change()
        after = charts(rerun(at))
        assert query(at)[param] == value
        changed = {k for k in CHARTS if trace_data(after[k]) != trace_data(before[k])}
        assert changed == expected, param
        if param == "half":  # the chosen half-life is marked on the accuracy chart
            assert (
                after["sw_drift_accuracy"]["layout"]["shapes"]
                != before["sw_drift_accuracy"]["layout"]["shapes"]
            )
        before = after
    assert metric(at, "Extra shift by the picked points") != "+0.000"
    assert "2 picked point(s) × 100" in before["sw_sample_map"]["layout"]["title"]["text"]


def test_bad_page_query_values_fall_back_with_notices():
    at = open_sample_weights(
        n="2000", cls1w="abc", pick="999", pickw="-1", half="7", drift="45", spread="0"
    )
    assert_clean(at)
    texts = notices(at)
    assert len(texts) == 6, texts
    for param, raw in (
        ("cls1w", "abc"),
        ("pick", "999"),
        ("pickw", "-1"),
        ("half", "7"),
        ("drift", "45"),
        ("spread", "0"),
    ):
        assert sum(f"`{param}={raw}`" in t for t in texts) == 1, (param, texts)
    assert at.select_slider(key="page_cls1w").value == 10
    assert at.multiselect(key="page_pick").value == []
    assert at.select_slider(key="page_pickw").value == "10"
    assert at.select_slider(key="page_half").value == 5  # nearest offered value
    assert at.select_slider(key="page_drift").value == "90"
    assert at.select_slider(key="page_spread").value == 20
    assert {k: query(at)[k] for k in DEFAULTS} == {**DEFAULTS, "half": "5"}


def test_picked_points_in_the_link_reproduce_the_view_and_survive_data_changes():
    first = open_sample_weights(n="2000")
    picks = candidates(first)[:3]
    link = ",".join(map(str, picks))
    at = open_sample_weights(n="2000", pick=link, pickw="0")
    assert notices(at) == []
    assert at.multiselect(key="page_pick").value == picks
    sample_map = charts(at)["sw_sample_map"]
    assert [t.get("text") for t in sample_map["data"] if t.get("mode") == "text"] == [
        [f"#{i}" for i in picks]
    ]
    assert query(at)["pick"] == link
    # a new data set has other candidates: picks that no longer exist are dropped
    at.number_input(key="sb_seed").set_value(7)
    rerun(at)
    assert_clean(at)
    assert set(at.multiselect(key="page_pick").value) <= set(candidates(at))
