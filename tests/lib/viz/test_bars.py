"""lib.viz.bars: bar charts of per-class metrics and their changes."""

import numpy as np
import pandas as pd
import pytest

from lib.viz import STRATEGY_COLORS, change_bars, class_bars


def test_class_bars_draw_the_table_in_order():
    table = pd.DataFrame({"none": [0.9, 0.1], "INS": [0.8, 0.7]}, index=["head", "tail"])
    fig = class_bars(
        table,
        colors=[STRATEGY_COLORS["none"], STRATEGY_COLORS["ins"]],
        title="t",
        xtitle="x",
        ytitle="y",
    )
    assert [t.name for t in fig.data] == ["none", "INS"]
    assert list(fig.data[1].x) == ["head", "tail"] and list(fig.data[1].y) == [0.8, 0.7]
    assert fig.data[0].marker.color == STRATEGY_COLORS["none"]
    assert tuple(fig.layout.yaxis.range) == (0.0, 1.0)
    with pytest.raises(ValueError, match="one colour per column"):
        class_bars(table, colors=["#000000"], title="t", xtitle="x", ytitle="y")


def test_change_bars_cap_infinite_changes_with_a_label():
    change = pd.DataFrame({"INS": [-10.0, np.inf], "ENS": [20.0, 50.0]}, index=["a", "b"])
    fig = change_bars(
        change, colors=["#E69F00", "#0072B2"], title="t", xtitle="x", ytitle="y", inf_text="from 0"
    )
    ins = fig.data[0]
    assert list(ins.y) == [-10.0, pytest.approx(1.15 * 50.0)]
    assert list(ins.marker.pattern.shape) == ["", "/"]
    assert list(ins.customdata) == ["-10.0 %", "from 0"]
    assert list(fig.data[1].y) == [20.0, 50.0]
    [label] = fig.layout.annotations
    assert (label.x, label.y, label.text) == ("b", pytest.approx(57.5), "from 0")
    assert fig.layout.yaxis.range[1] > 57.5  # the label stays inside the plot
    only_inf = pd.DataFrame({"INS": [np.inf, -np.inf]}, index=["a", "b"])
    fig = change_bars(
        only_inf, colors=["#E69F00"], title="t", xtitle="x", ytitle="y", inf_text="from 0"
    )
    assert list(fig.data[0].y) == [100.0, -100.0]
    assert [a.y for a in fig.layout.annotations] == [100.0, -100.0]
    finite = change_bars(
        change.iloc[:1],
        colors=["#E69F00", "#0072B2"],
        title="t",
        xtitle="x",
        ytitle="y",
        inf_text="from 0",
    )
    assert finite.layout.annotations == () and finite.layout.yaxis.range is None
