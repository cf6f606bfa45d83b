"""lib.studies.class_balanced_batches: class weights counted inside each mini-batch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import lib.studies.class_balanced as sm
from lib.data import long_tail_counts, make_long_tailed

#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None, max_examples=30)


# ---------------------------------------------------------------- per-batch weights
def test_one_batch_holding_everything_gives_the_global_weights(tail):
    counts, _, y, _, _ = tail
    spread = sm.batch_weight_spread(y, "ins", batch_size=len(y), epochs=3)
    np.testing.assert_allclose(spread["batch_min"], spread["global"])
    np.testing.assert_allclose(spread["batch_max"], spread["global"])
    assert spread["missing"].tolist() == [0.0] * 7
    assert spread.index.tolist() == list(range(7))  # already most to least frequent


@DET
@given(st.sampled_from(["ins", "isns", "ens"]), st.integers(4, 64), st.integers(0, 50))
def test_per_batch_weights(scheme, batch_size, seed):
    y = make_long_tailed(long_tail_counts(100, 50), random_state=seed)[1]
    spread = sm.batch_weight_spread(y, scheme, batch_size=batch_size, random_state=seed)
    n_batches = -(-len(y) // batch_size)
    assert np.all(spread["missing"].between(0.0, 1.0 - 1.0 / n_batches))
    assert np.all(spread["batch_min"] <= spread["batch_median"])
    assert np.all(spread["batch_median"] <= spread["batch_max"])
    # The rarest class (2 samples) is missing from most small batches.
    if batch_size <= 8:
        assert spread["missing"].iloc[-1] > 0.5
