"""End-to-end tests of the Streamlit app with ``streamlit.testing.v1.AppTest``.

Every test opens a fresh session on the overview (``app.py``), optionally with
URL query parameters, and then switches pages the way a user would (helpers in
``tests/app/helpers.py``). Tests that do not need the default 20,000 samples
pass a small ``n`` in the URL to stay fast.
"""

from __future__ import annotations

import math
from dataclasses import asdict

import numpy as np
import pytest
from sklearn.utils.class_weight import compute_class_weight
from streamlit.testing.v1 import AppTest

from lib.data import make_imbalanced, minority_count
from lib.settings import RATIO_CHOICES, Settings
from tests.app.helpers import (
    EQUAL_WEIGHTS_TEXT,
    EXTREMES,
    PAGES,
    SMALL,
    WEIGHTED_CHARTS,
    WEIGHTED_LIVE,
    button,
    charts,
    live_views,
    markdown_containing,
    metric,
    notices,
    numbers,
    open_app,
    open_page,
    query,
    rerun,
    sidebar_values,
    trace_data,
    visit,
    warnings_of,
)


# ---------------------------------------------------------------- 1. defaults
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_under_default_settings(page):
    at = open_page(page)
    assert len(at.get("plotly_chart")) == PAGES[page][1]
    assert sidebar_values(at) == asdict(Settings())
    assert notices(at) == []


# ---------------------------------------------------------------- 2. extremes
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("case", EXTREMES)
def test_page_renders_under_extreme_settings(case, page):
    params = EXTREMES[case]
    at = open_page(page, **params)
    assert notices(at) == []
    assert {k: query(at)[k] for k in params} == params
    assert len(at.get("plotly_chart")) == PAGES[page][1]
    equal_warning = any(EQUAL_WEIGHTS_TEXT in text for text in warnings_of(at))
    if page == "loss_surface":
        assert equal_warning == (case != "huge_w1")
    else:
        assert not equal_warning
    if case == "one_minority_sample":
        assert minority_count(100, 10_000) == 1
        if page == "overview":
            assert metric(at, "Minority (class 1)") == "1"
            assert metric(at, "Majority (class 0)") == "99"


def test_equal_weights_other_than_one_warn_on_loss_surface():
    at = open_page("loss_surface", **EXTREMES["equal_weights"])
    assert sidebar_values(at)["w0"] == sidebar_values(at)["w1"] == 3.0
    [text] = [t for t in warnings_of(at) if EQUAL_WEIGHTS_TEXT in t]
    assert "Balanced" in text


# ---------------------------------------------------------------- 3. interaction
@pytest.mark.parametrize("page", PAGES)
def test_changing_w1_updates_the_weighted_figures(page):
    at = open_page(page, **SMALL)
    before = charts(at)
    live_before = live_views(at)
    assert before == charts(rerun(at)), "figures must be deterministic"
    share_before = [m.value for m in at.markdown if "of the total sample weight" in m.value]

    at.number_input(key="sb_w1").set_value(50)
    after = charts(rerun(at))

    assert query(at)["w1"] == "50"
    assert before.keys() == after.keys() and len(after) == PAGES[page][1]
    for key in WEIGHTED_CHARTS[page]:
        assert trace_data(after[key]) != trace_data(before[key]), key
    if page in WEIGHTED_LIVE:
        key = WEIGHTED_LIVE[page]
        assert live_views(at)[key] != live_before[key], key
        assert live_views(at)[key]["slider"]["value"] == round(np.log10(50), 4)
    if not WEIGHTED_CHARTS[page]:
        assert after == before  # these figures do not depend on the weights
    if page == "overview":
        share_after = markdown_containing(at, "of the total sample weight")
        assert [share_after] != share_before
        assert "w₁ = **50**" in share_after


def test_changing_ratio_updates_the_overview_scatter():
    at = open_app(**SMALL)
    before = charts(at)["overview_scatter"]
    at.select_slider(key="sb_ratio").set_value(10)
    after = charts(rerun(at))["overview_scatter"]
    assert trace_data(after) != trace_data(before)
    assert query(at)["ratio"] == "10"
    assert metric(at, "Minority (class 1)") == f"{minority_count(2000, 10):,}"


# ---------------------------------------------------------------- 4. weight buttons
@pytest.mark.parametrize(("n", "ratio"), [(2000, 1000), (500, 3), (100, 10000)])
def test_balanced_button_matches_sklearn_and_unit_button_resets(n, ratio):
    at = open_app(n=str(n), ratio=str(ratio), w0="2", w1="5")
    button(at, "Balanced").click()
    rerun(at)
    _, y = make_imbalanced(n, ratio, class_sep=Settings.sep, random_state=Settings.seed)
    expected = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    got = [at.number_input(key=f"sb_w{c}").value for c in (0, 1)]
    assert got == pytest.approx(list(expected), rel=1e-12)
    assert [float(query(at)[f"w{c}"]) for c in (0, 1)] == pytest.approx(list(expected), rel=1e-12)
    assert "carries **50.00 %**" in markdown_containing(at, "of the total sample weight")

    button(at, "1 : 1").click()
    rerun(at)
    assert [at.number_input(key=f"sb_w{c}").value for c in (0, 1)] == [1.0, 1.0]
    assert (query(at)["w0"], query(at)["w1"]) == ("1", "1")


# ---------------------------------------------------------------- 5. navigation
def test_settings_survive_page_switches():
    at = open_app(**SMALL)
    at.number_input(key="sb_w1").set_value(7)
    rerun(at)
    at.select_slider(key="sb_ratio").set_value(100)
    rerun(at)
    expected = {**asdict(Settings()), "n": 2000, "w1": 7.0, "ratio": 100}
    for page in ("loss_surface", "gradients", "boundaries", "overview", "loss_surface"):
        visit(at, page)
        assert sidebar_values(at) == expected, page
        assert query(at)["w1"] == "7" and query(at)["ratio"] == "100", page
        assert query(at)["n"] == "2000", page
    assert metric(at, "log(w1 / w0)") == f"{math.log(7):+.2f}"


# ---------------------------------------------------------------- 6. bad URLs
def test_junk_query_falls_back_to_defaults_with_notices():
    at = open_app(ratio="abc", w1="-5", n="1e99")
    defaults = Settings()
    values = sidebar_values(at)
    assert (values["ratio"], values["w1"], values["n"]) == (defaults.ratio, defaults.w1, defaults.n)
    assert (query(at)["ratio"], query(at)["w1"], query(at)["n"]) == ("1000", "1", "20000")
    texts = notices(at)
    assert len(texts) >= 3
    for param in ("ratio", "w1", "n"):
        assert sum(f"`{param}=" in text for text in texts) == 1, (param, texts)


@pytest.mark.parametrize(
    ("param", "raw", "used", "reason"),
    [
        ("seed", "1.5", 0, "whole number"),
        ("sep", "99", 2.0, "between 0 and 6"),
        ("lang", "xx", "en", "one of: en"),
        ("w0", "nan", 1.0, "not a finite number"),
        ("w0", "0", 1.0, "between 0.001 and 100,000"),
        ("ratio", "400", 500, "nearest one is 500"),
        ("n", "150", 200, "nearest one is 200"),
        ("ratio", "300", 300, None),
    ],
)
def test_single_query_value(param, raw, used, reason):
    at = open_app(**{**SMALL, param: raw})
    assert sidebar_values(at)[param] == used
    texts = notices(at)
    if reason is None:
        assert 300 in RATIO_CHOICES and texts == []
        assert query(at)[param] == raw
    else:
        [text] = texts
        assert f"`{param}={raw}`" in text and reason in text
        assert query(at)[param] == (used if param == "lang" else f"{used:g}")


@pytest.mark.parametrize(
    ("page", "params", "n_charts", "widget", "value", "notice"),
    [
        ("loss_surface", {"view": "weighted"}, 1, "page_view", "weighted", False),
        ("loss_surface", {"view": "unweighted"}, 1, "page_view", "unweighted", False),
        ("loss_surface", {"view": "bogus"}, 1, "page_view", "side", True),
        ("loss_surface", {"slice": "slope"}, 1, "page_slice", "slope", False),
        ("loss_surface", {"slice": "x"}, 1, "page_slice", "bias", True),
        ("gradients", {"step": "250"}, 4, "page_step", 250, False),
        ("gradients", {"step": "9999"}, 4, "page_step", 0, True),
        ("gradients", {"step": "-1"}, 4, "page_step", 0, True),
    ],
)
def test_page_specific_query_values(page, params, n_charts, widget, value, notice):
    at = open_page(page, **SMALL, **params)
    assert len(at.get("plotly_chart")) == n_charts
    widgets = at.radio if page == "loss_surface" else at.slider
    assert widgets(key=widget).value == value
    [name] = params
    assert query(at)[name] == str(value)
    if notice:
        [text] = notices(at)
        assert f"`{name}={params[name]}`" in text and f"`{name}={value}`" in text
    else:
        assert notices(at) == []


def test_slice_direction_from_url_sets_the_slice_chart():
    at = open_page("loss_surface", **SMALL, slice="slope")
    title = charts(at)["surface_slice"]["layout"]["title"]["text"]
    assert "slope" in title


def test_page_notice_is_shown_once_and_choice_kept_after_leaving():
    at = open_page("loss_surface", **SMALL, view="bogus")
    assert len(notices(at)) == 1
    at.radio(key="page_view").set_value("weighted")
    rerun(at)
    visit(at, "gradients")
    visit(at, "loss_surface")
    assert notices(at) == []
    assert at.radio(key="page_view").value == "weighted"
    assert len(live_views(at)["live_surface"]["panels"]) == 1


# ---------------------------------------------------------------- 7. notices go away
@pytest.mark.parametrize("change", ["seed", "w1", "ratio"])
def test_notices_disappear_after_a_setting_changes(change):
    at = open_app(n="2000", ratio="abc", seed="-3", lang="xx")
    assert len(notices(at)) == 3
    visit(at, "boundaries")
    assert len(notices(at)) == 3  # they stay until the user acts
    widget = {
        "seed": at.number_input(key="sb_seed"),
        "w1": at.number_input(key="sb_w1"),
        "ratio": at.select_slider(key="sb_ratio"),
    }[change]
    widget.set_value({"seed": 5, "w1": 2.5, "ratio": 50}[change])
    rerun(at)
    assert notices(at) == []
    visit(at, "overview")
    assert notices(at) == []


# ---------------------------------------------------------------- 8. page widgets
def test_view_radio_changes_the_number_of_charts():
    at = open_page("loss_surface", **SMALL)
    assert len(live_views(at)["live_surface"]["panels"]) == 2
    for view, count in (("unweighted", 1), ("weighted", 1), ("side", 2)):
        at.radio(key="page_view").set_value(view)
        rerun(at)
        assert set(charts(at)) == {"surface_slice"}
        panels = live_views(at)["live_surface"]["panels"]
        assert len(panels) == count
        live = [p.get("live", False) for p in panels]
        assert live == {"unweighted": [False], "weighted": [True], "side": [False, True]}[view]
        assert query(at)["view"] == view


# ---------------------------------------------------------------- class-weight schemes
def series(at: AppTest, chart: str, prefix: str) -> list[float]:
    [trace] = [t for t in charts(at)[chart]["data"] if t["name"].startswith(prefix)]
    return numbers(trace["y"])


def ens_bars(at: AppTest) -> list[float]:
    return series(at, "schemes_bars", "ENS")


def test_weight_schemes_follow_beta_and_tail():
    at = open_page("weight_schemes")
    assert query(at)["beta"] == "0.999" and query(at)["tail"] == "200"
    ens_default = ens_bars(at)
    at.select_slider(key="page_beta").set_value("0")
    rerun(at)
    assert ens_bars(at) == pytest.approx([1.0] * 7)  # beta = 0: uniform
    assert query(at)["beta"] == "0"
    at.select_slider(key="page_beta").set_value("0.9999")
    rerun(at)
    ins = series(at, "schemes_bars", "INS")
    assert ens_bars(at) != ens_default
    assert ens_bars(at) == pytest.approx(ins, rel=0.25)  # close to INS
    at.select_slider(key="page_tail").set_value(1000)
    rerun(at)
    assert ins[-1] / ins[0] == pytest.approx(200, rel=0.05)
    new_ins = series(at, "schemes_bars", "INS")
    assert new_ins[-1] / new_ins[0] == pytest.approx(1000, rel=0.05)


def test_weight_schemes_bad_query_values():
    at = open_page("weight_schemes", beta="1", tail="300", head="abc")
    texts = notices(at)
    assert len(texts) == 3, texts
    assert at.select_slider(key="page_beta").value == "0.999"
    assert at.select_slider(key="page_tail").value in (200, 500)
    assert at.select_slider(key="page_head").value == 2000


# ---------------------------------------------------------------- training loss only
def test_same_predictions_same_metrics_whatever_the_weights():
    at = open_page("training_loss", **SMALL, w0="0.5", w1="50", epochs="10")
    [table] = at.dataframe
    frame = table.value
    assert len(frame) == 4
    for column in ("accuracy", "precision", "recall", "log-loss"):
        assert frame[column].nunique() == 1, column
    assert frame["weighted log-loss"].nunique() > 1
    assert frame["precision, weighted"].nunique() > 1
    assert frame["recall, weighted"].nunique() == 1
    assert query(at)["epochs"] == "10"


# ---------------------------------------------------------------- focal loss
def test_focal_controls_update_curves_shares_and_boundary():
    at = open_page("focal_loss", **SMALL)
    assert query(at)["gamma"] == "2" and query(at)["alpha"] == "none"
    at.select_slider(key="page_alpha").set_value("0.25")
    before = charts(rerun(at))
    at.select_slider(key="page_gamma").set_value("5")
    after = charts(rerun(at))
    for key in ("focal_shares", "focal_boundary_focal"):
        assert trace_data(after[key]) != trace_data(before[key]), key
    assert trace_data(after["focal_boundary_weighted"]) == trace_data(
        before["focal_boundary_weighted"]
    )
    at.select_slider(key="page_alpha").set_value("none")
    rerun(at)
    assert query(at)["alpha"] == "none"
    at.select_slider(key="page_gamma").set_value("0")
    shares = charts(rerun(at))["focal_shares"]["data"]
    # gamma = 0 without alpha is cross-entropy: both series are identical
    assert numbers(shares[0]["y"]) == pytest.approx(numbers(shares[1]["y"]))
