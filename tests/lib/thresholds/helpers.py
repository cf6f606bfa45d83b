"""Hypothesis strategies shared by the tests of lib.thresholds."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

#: Probabilities on a coarse grid, so that ties (which matter for thresholds) are common.
coarse_probs = st.integers(0, 20).map(lambda k: k / 20)
any_probs = st.floats(0.0, 1.0, allow_nan=False)
thresholds = st.floats(1e-6, 1 - 1e-6, allow_nan=False)


@st.composite
def labelled(draw, probs=any_probs, min_size=2, max_size=60):
    """Labels with both classes and probabilities of the same length."""
    n = draw(st.integers(min_size, max_size))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    i, j = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    y[i], y[j] = 0, 1
    p = draw(arrays(np.float64, n, elements=probs))
    return y, p
