"""The core pages on a million samples at 1:10000 (issue 6, large data).

Each page must run without an error, draw every minority point and say how
the majority was subsampled for display; the gradient-masking runs use the
weighted majority sample and say so. Timings are in ``benchmarks/pages.py``.
"""

import base64

import numpy as np
import pytest

from tests.app.helpers import charts, open_page, rerun

LARGE = {"n": "1000000", "ratio": "10000"}


@pytest.mark.parametrize("page", ["overview", "boundaries"])
def test_scatter_pages_draw_every_minority_point(page):
    at = open_page(page, **LARGE)
    captions = " ".join(c.value for c in at.caption)
    assert "all 100 minority points are drawn" in captions
    assert "999,900 majority points" in captions
    minority = [
        t
        for fig in charts(at).values()
        for t in fig["data"]
        if str(t.get("name", "")).startswith("class 1")
    ]
    assert minority, "no class-1 trace"


def test_gradient_runs_use_the_weighted_majority_sample():
    at = open_page("gradients", **LARGE)
    captions = " ".join(c.value for c in at.caption)
    assert "a random 100,000 of the majority, each counted 9.999 times" in captions
    w0 = next(x for x in at.number_input if x.key and "w0" in x.key)
    w1 = next(x for x in at.number_input if x.key and "w1" in x.key)
    w0.set_value(0.50005)
    w1.set_value(5000)
    rerun(at)
    share = at.dataframe[0].value.loc["class-1 share of gradient (%)"]
    # The masking effect on all million points: the 100 minority rows give a
    # sliver of the unweighted gradient and about half of the balanced one.
    assert share["unweighted"] < 5
    assert 30 < share["weighted"] < 70


def test_loss_surface_runs_on_a_million_points():
    at = open_page("loss_surface", **LARGE)
    assert not at.exception
    assert charts(at)


def test_balanced_million_subsamples_both_classes_for_display():
    at = open_page("overview", n="1000000", ratio="1")
    captions = " ".join(c.value for c in at.caption)
    assert "a random 1,200 of the 500,000 class-1 points" in captions
    points = sum(
        _length(t["x"])
        for fig in charts(at).values()
        for t in fig["data"]
        if t.get("mode") == "markers"
    )
    assert points == 2_400  # not half a million markers


def _length(values):
    """Number of values of a plotly array (a list or a base64 typed array)."""
    if isinstance(values, dict):
        return len(base64.b64decode(values["bdata"])) // np.dtype(values["dtype"]).itemsize
    return len(values)
