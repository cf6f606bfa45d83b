"""Row and point budgets (lib/budgets.py): how much data each computation uses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib import budgets
from lib.data import make_imbalanced
from lib.gradients import gradient_descent


def _labels(n: int, ratio: int) -> np.ndarray:
    _, y = make_imbalanced(n, ratio, random_state=0)
    return y


def test_the_test_set_seed_is_the_next_one():
    assert budgets.test_seed(0) == 1 and budgets.test_seed(41) == 42
    with pytest.raises(ValueError, match="seed"):
        budgets.test_seed(-1)


def test_display_rows_keep_every_minority_point_and_cap_the_majority():
    y = _labels(100_000, 100)
    rows = budgets.display_rows(y, random_state=0)
    assert int(y[rows].sum()) == int(y.sum())
    assert int((y[rows] == 0).sum()) == budgets.MAX_DISPLAY_POINTS


def test_strategy_rows_cap_the_rows_and_keep_the_class_shares():
    y = _labels(200_000, 100)
    rows = budgets.strategy_rows(y, random_state=0)
    assert len(rows) == budgets.STRATEGY_MAX_ROWS
    assert y[rows].mean() == pytest.approx(y.mean(), rel=0.02)
    small = _labels(2000, 100)
    assert len(budgets.strategy_rows(small)) == len(small)


def test_descent_rows_are_unbiased_for_the_majority_count():
    y = _labels(1_000_000, 1000)
    rows, h = budgets.descent_rows(y, random_state=0)
    n0 = int((y == 0).sum())
    assert int((y[rows] == 0).sum()) == budgets.DESCENT_MAX_MAJORITY
    assert h[y[rows] == 0].sum() == pytest.approx(n0)
    assert np.all(h[y[rows] == 1] == 1.0)


def test_the_arena_sample_keeps_enough_positives_and_reports_the_ratio():
    y = _labels(100_000, 10_000)  # 10 positives: fewer than the arena's minimum
    sample = budgets.arena_rows(y, random_state=0)
    assert sample.capped and len(sample.rows) <= budgets.ARENA_MAX_ROWS
    assert sample.n_positive == int(y[sample.rows].sum()) == int(y.sum())
    assert sample.ratio_before == pytest.approx((len(y) - y.sum()) / y.sum())
    assert sample.ratio_after < sample.ratio_before
    small = budgets.arena_rows(_labels(2000, 10))
    assert not small.capped and small.ratio_after == small.ratio_before


@given(st.integers(1, 500))
def test_descent_chunks_add_up_to_the_run(n_steps):
    chunks = budgets.descent_chunks(n_steps)
    assert sum(chunks) == n_steps
    assert all(1 <= c <= budgets.DESCENT_CHUNK for c in chunks)


def test_a_run_computed_in_chunks_equals_the_run_in_one_go():
    X, y = make_imbalanced(2000, 20, random_state=0)
    whole = gradient_descent(X, y, w0=0.5, w1=10.0, n_steps=120)
    chunks, init = [], None
    for length in budgets.descent_chunks(120):
        chunk = gradient_descent(X, y, w0=0.5, w1=10.0, n_steps=length, init=init)
        chunks.append(chunk)
        init = budgets.chunk_end(chunk)
    joined = budgets.join_chunks(chunks)
    assert list(joined["step"]) == list(range(121))
    pd.testing.assert_frame_equal(joined, whole, rtol=1e-9)


def test_the_arena_runs_in_parallel_only_when_it_pays():
    assert budgets.arena_jobs(budgets.ARENA_PARALLEL_FROM - 1) == 1
    assert budgets.arena_jobs(budgets.ARENA_PARALLEL_FROM) == -1
