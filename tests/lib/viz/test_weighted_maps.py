"""lib.viz.weighted_maps: points drawn by their weight; the figure builders' errors."""

import numpy as np
import pandas as pd
import pytest

from lib.data import make_imbalanced
from lib.i18n import LabError
from lib.models import probability_grid
from lib.studies.class_vs_sample import compare_class_and_sample_weights
from lib.viz import BoundaryLine, class_bars, weight_opacities, weighted_map
from tests.lib.viz.helpers import data


def test_opacity_never_exceeds_one_whatever_the_largest_weight():
    w = np.array([0.0, 1.0, 20.0, 20.0, 3.3])
    assert np.all(weight_opacities(w) <= 1.0)
    assert weight_opacities(w)[2] == 1.0
    X, y, _ = data()
    weights = np.where(y == 1, 20.0, 1.0)
    fig = weighted_map(
        X, y, weights, [], x_range=(-3, 3), y_range=(-3, 3), title="t", encoding="opacity"
    )
    assert max(np.max(t.marker.opacity) for t in fig.data) == 1.0


def test_builder_errors_are_translatable():
    X, y, _ = data()
    with pytest.raises(LabError, match="`encoding` must be 'size' or 'opacity'. Got 'color'") as e:
        weighted_map(
            X, y, np.ones(len(y)), [], x_range=(0, 1), y_range=(0, 1), title="t", encoding="color"
        )
    assert e.value.message.key == "error.viz.encoding"
    assert "'color'" in e.value.message.text("ru") and "'color'" in e.value.message.text("ko")
    table = pd.DataFrame({"a": [0.1], "b": [0.2]})
    with pytest.raises(LabError, match=r"one colour per column \(2\). Got 1.") as e:
        class_bars(table, colors=["#000000"], title="t", xtitle="x", ytitle="y")
    assert e.value.message.key == "error.viz.colors"


def small_data(seed=0):
    return make_imbalanced(200, 20, class_sep=2.0, random_state=seed)


def test_weighted_map_draws_weights_as_size_or_opacity():
    X, y = small_data()
    fits = compare_class_and_sample_weights(X, y, w1=10.0, picked=[0, 5], factor=0.0)
    grid = probability_grid(*fits.sample_weighted, (-4, 4), (-4, 4), size=20)
    lines = [BoundaryLine(*fits.sample_weighted, 0.5, "fit", "#000000")]
    fig = weighted_map(
        X,
        y,
        fits.weights,
        lines,
        x_range=(-4, 4),
        y_range=(-4, 4),
        title="t",
        grid=grid,
        labels={0: "#0", 5: "#5"},
    )
    kinds = [type(t).__name__ for t in fig.data]
    assert kinds == ["Heatmap", "Scattergl", "Scattergl", "Scatter", "Scatter"]
    assert sum(len(t.x) for t in fig.data[1:3]) == len(y)
    assert list(fig.data[3].text) == ["#0", "#5"]
    class1 = fig.data[2]
    assert max(class1.marker.size) > max(fig.data[1].marker.size)  # weight 10 > weight 1
    assert "circle-open" in fig.data[1].marker.symbol + class1.marker.symbol  # weight 0
    faded = weighted_map(
        X,
        y,
        np.linspace(0.01, 1, len(y)),
        [],
        x_range=(-4, 4),
        y_range=(-4, 4),
        title="t",
        encoding="opacity",
    )
    assert len(faded.data) == 2 and len(faded.data[0].marker.opacity) == int(np.sum(y == 0))
    with pytest.raises(ValueError, match="`encoding`"):
        weighted_map(
            X, y, fits.weights, [], x_range=(-4, 4), y_range=(-4, 4), title="t", encoding="colour"
        )
