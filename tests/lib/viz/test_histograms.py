"""lib.viz.histograms: probability histograms, one panel per model."""

import numpy as np
import plotly.graph_objects as go
import pytest

from lib.calibration import probability_histogram
from lib.viz import probability_panels


def histograms():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=200)
    return {
        "plain": probability_histogram(y, rng.uniform(size=200), n_bins=6),
        "weighted": probability_histogram(y, rng.uniform(size=200) ** 2, n_bins=6),
    }


def test_probability_panels_one_panel_per_model():
    hists = histograms()
    marks = {
        "plain": [(0.01, "#000000", "dash")],
        "weighted": [(0.2, "#111111", "dot"), (0.5, "#222222", "solid")],
    }
    fig = probability_panels(
        hists,
        marks=marks,
        title="Probabilities",
        xtitle="p",
        ytitle="share",
        tr=lambda key, **v: f"{key}{v['cls']}",
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "Probabilities"
    assert len(fig.data) == 4
    assert [t.name for t in fig.data] == ["fig.class0", "fig.class1"] * 2
    assert [t.showlegend for t in fig.data] == [True, True, False, False]
    assert [a.text for a in fig.layout.annotations] == ["plain", "weighted"]
    np.testing.assert_allclose(fig.data[1].y, hists["plain"]["share_1"], rtol=1e-6)
    centers = np.sqrt(hists["weighted"]["left"] * hists["weighted"]["right"])
    np.testing.assert_allclose(fig.data[2].x, centers, rtol=1e-6)
    # Vertical lines at the marked probabilities (shapes take data values on a
    # log axis), in the right panels.
    shapes = fig.layout.shapes
    assert len(shapes) == 3
    np.testing.assert_allclose([s.x0 for s in shapes], [0.01, 0.2, 0.5])
    assert [s.line.dash for s in shapes] == ["dash", "dot", "solid"]
    # The probability axis spans the histogram bins, log10(low) to 0.
    np.testing.assert_allclose(fig.layout.xaxis.range, [np.log10(hists["plain"]["left"][0]), 0])
    assert [s.xref for s in shapes] == ["x", "x2", "x2"]
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis2.type == "log"
    assert fig.layout.xaxis.title.text == "p"  # (2 + 1) // 2: the first of two panels
    assert fig.layout.xaxis2.title.text in (None, "")


def test_probability_panels_titles_the_middle_axis_of_three():
    h = histograms()["plain"]
    fig = probability_panels(
        {"a": h, "b": h, "c": h},
        marks={"c": [(0.2, "#000000", "dash")]},
        title="t",
        xtitle="p",
        ytitle="s",
        tr=lambda key, **v: key,
    )
    assert len(fig.data) == 6
    assert [fig.layout[f"xaxis{k}"].title.text or "" for k in ("", "2", "3")] == ["", "p", ""]
    assert [(s.xref, s.x0) for s in fig.layout.shapes] == [("x3", pytest.approx(0.2))]


def test_probability_panels_without_marks():
    fig = probability_panels(
        {"only": histograms()["plain"]},
        marks={},
        title="t",
        xtitle="p",
        ytitle="s",
        tr=lambda key, **v: key,
    )
    assert len(fig.data) == 2
    assert len(fig.layout.shapes) == 0


def test_probability_panels_with_the_default_translator():
    fig = probability_panels(histograms(), marks={}, title="t", xtitle="p", ytitle="s")
    assert [t.name for t in fig.data[:2]] == ["class 0", "class 1"]
