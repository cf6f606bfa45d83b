"""AppTest tests of the class-balanced losses page (``views/class_balanced.py``).

Most tests use a small head class (``nmax=500``) so that the five fits stay
fast; fits are cached across tests in this process, so repeated settings are
free.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib.data import long_tail_counts
from tests.app.helpers import ROOT, charts, check, notices, numbers, query

PAGE = "views/class_balanced.py"
CHARTS = {"cb_recall", "cb_precision", "cb_change"}
DEFAULTS = {
    "imb": "100",
    "nmax": "2000",
    "beta": "0.999",
    "gamma": "2",
    "wfrom": "global",
    "bs": "256",
    "test": "balanced",
    "metric": "f_beta",
}
SMALL = {"n": "2000", "nmax": "500"}  # n: the sidebar's two-class data of the overview
STRATEGIES = ("none", "ins", "isns", "ens", "cb_focal")


def open_page(**params: str) -> AppTest:
    """A new session opened with ``params`` in the URL, switched to this page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(params)
    check(at.run())
    return check(at.switch_page(PAGE).run())


def series(at: AppTest, chart: str) -> dict[str, tuple[float, ...]]:
    """The y values of every strategy's bars, by strategy id (names carry β and γ)."""
    traces = charts(at)[chart]["data"]
    ids = STRATEGIES if chart != "cb_change" else STRATEGIES[1:]
    assert len(traces) == len(ids)
    return {name: tuple(numbers(t["y"])) for name, t in zip(ids, traces, strict=True)}


def class_counts(at: AppTest, chart: str) -> list[int]:
    """Training counts read from the x-axis labels ("class c<br>n = 1,234")."""
    x = charts(at)[chart]["data"][0]["x"]
    return [int(re.search(r"n = ([\d,]+)", label).group(1).replace(",", "")) for label in x]


def assert_clean(at: AppTest) -> None:
    assert set(charts(at)) == CHARTS
    assert [e.value for e in at.error] == []
    assert at.get("progress") == [] or all(p.value in (None, 1.0) for p in at.get("progress"))


# ---------------------------------------------------------------- defaults
def test_renders_at_default_settings_with_its_state_in_the_url():
    at = open_page(n="2000")
    assert_clean(at)
    assert notices(at) == []
    assert {k: query(at)[k] for k in DEFAULTS} == DEFAULTS
    expected = long_tail_counts(2000, 100).tolist()
    for chart in CHARTS:
        assert class_counts(at, chart) == expected, chart
    [scores, spread, effect, _] = [d.value for d in at.dataframe]
    assert scores.shape == (5, 3)  # one column group: weights from the whole training set
    assert spread.shape == (7, 7)
    # INS both ways, the source's method first: what counting inside each batch costs.
    assert effect.shape == (2, 3)
    assert list(effect.index) == [
        "from the whole training set (GumGum Tech's method)",
        "counted inside each batch (literal reading)",
    ]
    radio = at.radio(key="page_wfrom")
    assert radio.options[0].startswith("from the whole training set (GumGum Tech")
    assert radio.value == "global"
    text = " ".join(m.value for m in at.markdown)
    assert "Handling Class Imbalance by Introducing Sample Weighting" in text
    assert "CrossEntropyLoss" in text
    assert not re.search(r"\{(batch|lo|hi|median|missing|n_batches|tail_\w+|share_\w+)\}", text)
    # On the balanced test set macro and weighted F0.5 coincide.
    assert scores.iloc[:, 0].tolist() == pytest.approx(scores.iloc[:, 1].tolist())
    assert at.latex and "Cui" in at.caption[0].value


# ---------------------------------------------------------------- extremes
@pytest.mark.parametrize(
    "params",
    [
        {"imb": "1000", "nmax": "200"},  # the rarest classes have a single training sample
        {"imb": "10", "nmax": "200", "beta": "0.9999", "gamma": "5"},
        {
            "imb": "1000",
            "nmax": "200",
            "wfrom": "batch",
            "bs": "32",
            "test": "longtail",
            "metric": "precision",
        },
        {"imb": "1000", "nmax": "200", "beta": "0", "gamma": "0", "bs": "1024"},
    ],
    ids=["single_samples", "strong_beta_gamma", "batch_weights_tiny_batches", "beta_zero"],
)
def test_renders_under_extreme_settings(params):
    at = open_page(n="2000", **params)
    assert_clean(at)
    assert notices(at) == []
    assert {k: query(at)[k] for k in params} == params
    assert (
        class_counts(at, "cb_change")
        == long_tail_counts(int(params["nmax"]), int(params["imb"])).tolist()
    )


def test_changes_from_zero_are_drawn_capped_and_labelled():
    at = open_page(n="2000", imb="1000", nmax="200")
    fig = charts(at)["cb_change"]
    labels = [a["text"] for a in fig["layout"].get("annotations", [])]
    assert labels and set(labels) == {"from 0 (∞ %)"}
    hatched = [shape for t in fig["data"] for shape in t["marker"]["pattern"]["shape"]]
    assert "/" in hatched
    assert all(abs(v) < 1e6 for t in fig["data"] for v in numbers(t["y"]))


def test_beta_zero_makes_ens_the_unweighted_model():
    at = open_page(**SMALL, beta="0")
    recall = series(at, "cb_recall")
    assert recall["ens"] == recall["none"]
    assert set(series(at, "cb_change")["ens"]) == {0.0}


# ---------------------------------------------------------------- interaction
def changed(
    before: dict[str, dict[str, tuple[float, ...]]], after: dict[str, dict[str, tuple[float, ...]]]
) -> dict[str, set[str]]:
    return {
        chart: {n for n in after[chart] if after[chart][n] != before[chart][n]} for chart in after
    }


def snapshot(at: AppTest) -> dict[str, dict[str, Any]]:
    return {chart: series(at, chart) for chart in sorted(CHARTS)}


def test_every_control_changes_the_right_figures():
    at = open_page(**SMALL)
    weighted = set(STRATEGIES[1:])
    every = {"cb_recall": set(STRATEGIES), "cb_precision": set(STRATEGIES), "cb_change": weighted}
    steps = [
        (
            "select_slider",
            "page_beta",
            "0.99",
            "beta",
            {
                "cb_recall": {"ens", "cb_focal"},
                "cb_precision": {"ens", "cb_focal"},
                "cb_change": {"ens", "cb_focal"},
            },
        ),
        (
            "select_slider",
            "page_gamma",
            "0",
            "gamma",
            {"cb_recall": {"cb_focal"}, "cb_precision": {"cb_focal"}, "cb_change": {"cb_focal"}},
        ),
        (
            "radio",
            "page_wfrom",
            "batch",
            "wfrom",
            {"cb_recall": weighted, "cb_precision": weighted, "cb_change": weighted},
        ),
        ("select_slider", "page_bs", 64, "bs", every),
        ("radio", "page_test", "longtail", "test", every),
        (
            "radio",
            "page_metric",
            "recall",
            "metric",
            {"cb_recall": set(), "cb_precision": set(), "cb_change": weighted},
        ),
        ("select_slider", "page_imb", 20, "imb", every),
        ("select_slider", "page_nmax", 1000, "nmax", every),
    ]
    for kind, key, value, param, expected in steps:
        before = snapshot(at)
        getattr(at, kind)(key=key).set_value(value)
        check(at.run())
        assert_clean(at)
        assert query(at)[param] == str(value)
        assert changed(before, snapshot(at)) == expected, param
        if param == "wfrom":  # both weight sources side by side in the table
            assert at.dataframe[0].value.shape == (5, 6)
    assert class_counts(at, "cb_recall") == long_tail_counts(1000, 20).tolist()
    ens_name = charts(at)["cb_recall"]["data"][3]["name"]
    assert ens_name == "ENS (β = 0.99)"


# ---------------------------------------------------------------- bad URLs
BAD = {
    "imb": ("150", "200", "nearest one is 200"),
    "nmax": ("1e9", "2000", "between 200 and 5,000"),
    "beta": ("1", "0.999", "one of: 0, 0.5"),
    "gamma": ("abc", "2", "one of: 0, 0.5"),
    "wfrom": ("epoch", "global", "one of: global, batch"),
    "bs": ("0", "256", "between 32 and 1,024"),
    "test": ("x", "balanced", "one of: balanced, longtail"),
    "metric": ("auc", "f_beta", "one of: precision, recall, f_beta"),
}


def test_bad_page_values_fall_back_with_a_notice():
    at = open_page(n="2000", **{name: raw for name, (raw, _, _) in BAD.items()})
    assert_clean(at)
    texts = notices(at)
    assert len(texts) == len(BAD), texts
    for name, (raw, used, reason) in BAD.items():
        [text] = [t for t in texts if f"`{name}={raw}`" in t]
        assert reason in text and f"`{name}={used}`" in text, text
        assert query(at)[name] == used
    assert class_counts(at, "cb_change") == long_tail_counts(2000, 200).tolist()


def test_percent_change_chart_orders_classes_from_most_to_least_frequent():
    at = open_page(**SMALL, imb="50")
    for chart in CHARTS:
        counts = class_counts(at, chart)
        assert counts == sorted(counts, reverse=True) and counts[0] == 500, chart
    x = charts(at)["cb_change"]["data"][0]["x"]
    assert [int(re.match(r"class (\d)", label).group(1)) for label in x] == list(range(7))
    assert "most to least frequent" in charts(at)["cb_change"]["layout"]["xaxis"]["title"]["text"]
