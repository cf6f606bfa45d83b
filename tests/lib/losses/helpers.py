"""Hypothesis strategies shared by the tests of lib.losses."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

probs = st.floats(1e-6, 1 - 1e-6)


def labelled(n_max=50):
    return st.integers(1, n_max).flatmap(
        lambda n: st.tuples(
            arrays(np.int64, n, elements=st.integers(0, 1)), arrays(np.float64, n, elements=probs)
        )
    )


def binary_logits(z_max=8.0, n_max=20):
    return st.integers(1, n_max).flatmap(
        lambda n: st.tuples(
            arrays(np.int64, n, elements=st.integers(0, 1)),
            arrays(np.float64, n, elements=st.floats(-z_max, z_max)),
        )
    )
