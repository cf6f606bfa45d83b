"""lib.viz.base: what every figure builder shares (text summaries, weighted point encodings)."""

import numpy as np

from lib.i18n import translator
from lib.viz import Curve, describe, line_chart, surface_heatmap, weight_opacities, weight_sizes


def test_weight_encodings():
    assert weight_sizes(np.array([0.0, 1.0, 10.0, 1e9])).tolist() == [3.0, 6.0, 10.0, 24.0]
    np.testing.assert_allclose(weight_opacities(np.array([0.0, 0.5, 1.0])), [0.08, 0.54, 1.0])
    assert weight_opacities(np.zeros(3)).tolist() == [1.0, 1.0, 1.0]


def test_describe_names_title_kind_axes_and_series():
    x = np.linspace(0, 1, 5)
    fig = line_chart(
        [Curve("unweighted", x, x, "#000000"), Curve("weighted", x, x**2, "#CC79A7")],
        title="Loss",
        xtitle="bias b",
        ytitle="mean loss",
    )
    text = describe(fig)
    assert text == ("Chart “Loss”: lines; mean loss against bias b. Series: unweighted; weighted.")
    heat = surface_heatmap(x, x, np.ones((5, 5)) + x[:, None], optimum=(0.5, 0.5), title="Surface")
    assert describe(heat).startswith("Chart “Surface”: colour map, points;")


def test_describe_follows_the_language():
    x = np.linspace(0, 1, 3)
    fig = line_chart([Curve("a", x, x, "#000000")], title="t", xtitle="x", ytitle="y")
    assert describe(fig, tr=translator("ko")).startswith("차트 “t”: 선;")
