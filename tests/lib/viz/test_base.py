"""lib.viz.base: what every figure builder shares (sizes and opacities of weighted points)."""

import numpy as np

from lib.viz import weight_opacities, weight_sizes


def test_weight_encodings():
    assert weight_sizes(np.array([0.0, 1.0, 10.0, 1e9])).tolist() == [3.0, 6.0, 10.0, 24.0]
    np.testing.assert_allclose(weight_opacities(np.array([0.0, 0.5, 1.0])), [0.08, 0.54, 1.0])
    assert weight_opacities(np.zeros(3)).tolist() == [1.0, 1.0, 1.0]
