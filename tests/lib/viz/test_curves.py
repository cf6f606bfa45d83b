"""lib.viz.curves: metrics and costs drawn against the prevalence."""

from __future__ import annotations

import numpy as np
import pytest

from lib.prevalence import PREVALENCE_METRICS, deployment_report
from lib.viz import cost_prevalence_chart, metrics_prevalence_chart


def test_figures_draw_what_they_are_given():
    r = deployment_report(2000, 20, 5, class_sep=2.0, seed=0, n_boot=20)
    fig = metrics_prevalence_chart(r.by_prevalence, r.study.deploy_prior)
    assert len(fig.data) == len(PREVALENCE_METRICS) + 1
    np.testing.assert_allclose(fig.data[-1].y, r.by_prevalence["prevalence"])  # chance = π
    assert fig.layout.xaxis.type == "log"
    fig = cost_prevalence_chart(r.costs, r.study.deploy_prior)
    assert len(fig.data) == 3
    np.testing.assert_allclose(fig.data[2].y, r.costs["bayes_corrected"])
    assert fig.layout.shapes[0].x0 == pytest.approx(r.study.deploy_prior)
