"""AppTest of the prevalence page (/prevalence, issue 14 section 3)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.i18n import translate
from lib.prevalence import deployment_report
from tests.app.helpers import charts, check, notices, open_app, query, rerun, trace_data

SCRIPT = "views/prevalence.py"
SMALL = {"n": "2000", "ratio": "20"}
KEYS = {"prevalence_metrics", "prevalence_cost"}


def open_prevalence(**params: str) -> AppTest:
    return check(open_app(**params).switch_page(SCRIPT).run())


def markdown_with(at: AppTest, text: str) -> str:
    found = [m.value for m in at.markdown if text in m.value]
    assert len(found) == 1, found
    return found[0]


def metric_value(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_opens_with_defaults():
    at = open_prevalence()
    assert set(charts(at)) == KEYS
    assert notices(at) == [] and not at.error
    assert query(at)["deploy"] == "10"
    assert query(at)["cfn"] == "100.0" and query(at)["cfp"] == "1.0"
    # every number is lib's: the deployment report of the default settings
    r = deployment_report(
        20_000, 1000, 10, class_sep=2.0, shape="gaussian", seed=0, cost_fp=1.0, cost_fn=100.0
    )
    assert metric_value(at, "Deployment rate π_t") == f"{r.study.deploy_prior:.4g}"
    assert metric_value(at, "EM estimate of π_t") == f"{r.study.em_prior:.4g}"
    text = markdown_with(at, "How sure are these numbers?")
    assert f"{r.n1_deploy:,} positives" in text and f"has {r.n1_test:,} positives" in text
    assert "**Well-specified shape.**" in markdown_with(at, "Well-specified")
    assert any("What to look for" in i.value for i in at.info)


@pytest.mark.parametrize("shape", ["unequal_var", "two_clusters"])
def test_opens_with_a_link_on_a_misspecified_shape(shape):
    at = open_prevalence(deploy="100", cfn="10", shape=shape, **SMALL)
    assert notices(at) == []
    assert query(at)["deploy"] == "100" and query(at)["cfn"] == "10.0"
    assert at.select_slider[0].value == 100
    note = markdown_with(at, f"Misspecified shape ({shape})")
    r = deployment_report(
        2000, 20, 100, class_sep=2.0, shape=shape, seed=0, cost_fp=1.0, cost_fn=10.0
    )
    assert f"EM estimates {r.study.em_prior:.4g} for a true rate of " in note
    assert f"t* = c_FP / (c_FP + c_FN) = {1 / 11:.4g}" in markdown_with(at, "Bayes threshold t*")


@pytest.mark.parametrize(
    ("param", "raw"), [("deploy", "abc"), ("deploy", "7"), ("cfn", "-5"), ("cfp", "nan")]
)
def test_bad_values_fall_back_with_a_notice(param, raw):
    at = open_prevalence(**SMALL, **{param: raw})
    assert len(notices(at)) == 1, notices(at)
    assert not at.error
    expected = {"deploy": {"abc": "10", "7": "5"}, "cfn": {"-5": None}, "cfp": {"nan": "1.0"}}
    want = expected[param][raw]
    if want is not None:
        assert query(at)[param] == want
    assert set(charts(at)) == KEYS


def test_deploy_and_costs_change_the_figures_but_not_the_sidebar_weights():
    at = open_prevalence(**SMALL)
    before = charts(at)
    at.number_input(key="sb_w1").set_value(50)
    assert charts(rerun(at)) == before  # the plain model: weights do not apply
    at.select_slider[0].set_value(1000)
    after = charts(rerun(at))
    assert query(at)["deploy"] == "1000"
    for key in KEYS:
        assert trace_data(after[key]) != trace_data(before[key]), key
    cost_inputs = [w for w in at.number_input if w.label.startswith("Cost of a false negative")]
    cost_inputs[0].set_value(10.0)
    moved = charts(rerun(at))
    assert query(at)["cfn"] == "10.0"
    assert trace_data(moved["prevalence_cost"]) != trace_data(after["prevalence_cost"])
    # the metrics section's rule t* moves with the costs too
    assert trace_data(moved["prevalence_metrics"]) != trace_data(after["prevalence_metrics"])


@pytest.mark.parametrize("lang", ["ru", "ko"])
def test_renders_in_russian_and_korean(lang):
    at = open_prevalence(lang=lang, **SMALL)
    assert not at.error and notices(at) == []
    assert at.title[0].value == translate("prevalence.title", lang)
    assert set(charts(at)) == KEYS
    names = {t["name"] for t in charts(at)["prevalence_cost"]["data"]}
    assert translate("prevalence.rule.bayes_corrected", lang) in names
