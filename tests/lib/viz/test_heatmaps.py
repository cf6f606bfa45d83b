"""lib.viz.heatmaps: the loss-surface heatmap."""

import numpy as np

from lib.viz import surface_heatmap


def test_surface_heatmap_marks_minimum():
    s = np.linspace(-1, 1, 5)
    b = np.linspace(-2, 2, 5)
    Z = (b[:, None] - 1) ** 2 + s[None, :] ** 2 + 0.1
    fig = surface_heatmap(s, b, Z, optimum=(0.0, 1.0), title="t")
    kinds = [type(t).__name__ for t in fig.data]
    assert kinds[:2] == ["Heatmap", "Contour"]
    assert fig.data[3].x[0] == 0.0 and fig.data[3].y[0] == 1.0  # star on top
    assert fig.data[2].x[0] == 0.0 and fig.data[2].y[0] == 1.0  # lowest cell
    np.testing.assert_allclose(fig.data[0].z, np.log10(Z), rtol=1e-6)
