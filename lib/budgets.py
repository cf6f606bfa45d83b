"""Row and point budgets: how much of a data set each computation uses, and why.

The app lets a student ask for a million rows at 1:10000. Each computation
then works on a stated part of the data, chosen here (not in the Streamlit
glue, which only caches these calls):

* scatters draw at most :data:`MAX_DISPLAY_POINTS` points per class;
* the remedy pages (resampling, probabilities, ensembles, thresholds) fit on
  at most :data:`STRATEGY_MAX_ROWS` rows, class shares kept;
* the arena cross-validates at most :data:`ARENA_MAX_ROWS` rows with at least
  :data:`ARENA_MIN_MINORITY` positives;
* gradient descent runs on every minority row and at most
  :data:`DESCENT_MAX_MAJORITY` majority rows weighted to stay unbiased, in
  chunks of :data:`DESCENT_CHUNK` steps so a long run can report progress;
* the test set is drawn from the same distribution with seed ``seed + 1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import check_int
from lib.data import display_subsample, majority_sample, stratified_subsample

#: Largest number of points of a class drawn in a scatter: every minority
#: point of a rare class is drawn (see lib.data.display_subsample). Small
#: enough for SVG markers (lib.viz.SVG_MAX_POINTS), which redraw faster
#: than a software WebGL context.
MAX_DISPLAY_POINTS = 1200
#: Largest training (and test) set the resampling, probability, ensemble and
#: threshold pages fit on: bigger data sets are sampled down, class shares
#: kept, with a note (resampling 10^6 rows to 1:1 would double them).
STRATEGY_MAX_ROWS = 50_000
#: Largest data set the arena cross-validates (rows beyond are sampled down).
ARENA_MAX_ROWS = 20_000
#: Fewest minority rows the arena keeps when it samples down (enough for 10
#: folds and SMOTE's neighbours), even if the ratio becomes milder.
ARENA_MIN_MINORITY = 60
#: Gradient-descent runs on more majority rows than this use a weighted
#: majority sample (:func:`lib.data.majority_sample`): 500 steps on a million
#: rows take about ten times longer, and the curves would not visibly change.
DESCENT_MAX_MAJORITY = 100_000
#: Gradient-descent runs are computed (and cached) in chunks of this many
#: steps, so a long run on a large data set can report progress between chunks.
DESCENT_CHUNK = 50
#: Arena runs with at least this many fits use joblib on every core: worker
#: processes take about a second to start, and a run of a few dozen fits
#: already takes longer than that (benchmarks/arena.py).
ARENA_PARALLEL_FROM = 30
#: The test set's seed is the training seed plus this offset.
TEST_SEED_OFFSET = 1


def test_seed(seed: int) -> int:
    """Seed of the independent test set drawn for training seed ``seed``.

    Parameters
    ----------
    seed : int
        The training set's seed, >= 0.

    Returns
    -------
    int
        ``seed + TEST_SEED_OFFSET``.
    """
    return check_int("seed", seed, low=0) + TEST_SEED_OFFSET


def display_rows(y: ArrayLike, *, random_state: int = 0) -> NDArray[np.int64]:
    """Rows drawn in a scatter: every minority point, at most ``MAX_DISPLAY_POINTS`` per class.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1.
    random_state : int, default=0
        Seed of the majority sample.

    Returns
    -------
    ndarray of int
        Row indices (:func:`lib.data.display_subsample`).
    """
    return display_subsample(y, max_points=MAX_DISPLAY_POINTS, random_state=random_state)


def strategy_rows(y: ArrayLike, *, random_state: int = 0) -> NDArray[np.int64]:
    """Rows the remedy pages fit on: a stratified sample of at most ``STRATEGY_MAX_ROWS``.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels.
    random_state : int, default=0
        Seed of the sample.

    Returns
    -------
    ndarray of int
        Row indices, class shares kept (:func:`lib.data.stratified_subsample`).
    """
    return stratified_subsample(y, STRATEGY_MAX_ROWS, random_state=random_state)


def descent_rows(
    y: ArrayLike, *, random_state: int = 0
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    r"""Rows and Horvitz-Thompson weights a gradient-descent run trains on.

    Every minority row with weight 1 and at most ``DESCENT_MAX_MAJORITY``
    majority rows with weight :math:`n_0 / m` (:func:`lib.data.majority_sample`),
    so the weighted mean loss and its gradient are unbiased for the full data
    (Horvitz & Thompson 1952).

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1.
    random_state : int, default=0
        Seed of the majority sample.

    Returns
    -------
    rows : ndarray of int
    weights : ndarray of float
        One weight per row in ``rows``.
    """
    return majority_sample(y, DESCENT_MAX_MAJORITY, random_state=random_state)


@dataclass(frozen=True)
class ArenaSample:
    """The rows the arena cross-validates and what sampling did to the ratio.

    Attributes
    ----------
    rows : ndarray of int
        Row indices (all rows when nothing was sampled).
    capped : bool
        Whether the data set was sampled down.
    ratio_before, ratio_after : float
        Majority rows per minority row before and after sampling.
    n_positive : int
        Positives kept.
    """

    rows: NDArray[np.int64]
    capped: bool
    ratio_before: float
    ratio_after: float
    n_positive: int


def _ratio(y: NDArray[np.int64]) -> float:
    n1 = int(y.sum())
    return (len(y) - n1) / max(1, n1)


def arena_rows(y: ArrayLike, *, random_state: int = 0) -> ArenaSample:
    """Rows the arena cross-validates.

    At most ``ARENA_MAX_ROWS`` rows, at least ``ARENA_MIN_MINORITY`` positives.

    Keeping the minimum of positives may make the ratio milder than the
    data set's; :class:`ArenaSample` reports both so the page can say so.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1.
    random_state : int, default=0
        Seed of the sample.

    Returns
    -------
    ArenaSample
    """
    y_arr = np.asarray(y, dtype=np.int64)
    if len(y_arr) <= ARENA_MAX_ROWS:
        rows = np.arange(len(y_arr), dtype=np.int64)
        return ArenaSample(rows, False, _ratio(y_arr), _ratio(y_arr), int(y_arr.sum()))
    rows = stratified_subsample(
        y_arr, ARENA_MAX_ROWS, random_state=random_state, min_per_class=ARENA_MIN_MINORITY
    )
    kept = y_arr[rows]
    return ArenaSample(rows, True, _ratio(y_arr), _ratio(kept), int(kept.sum()))


def arena_jobs(n_fits: int) -> int:
    """``n_jobs`` for an arena run of ``n_fits`` fits: every core from ``ARENA_PARALLEL_FROM``.

    Parameters
    ----------
    n_fits : int
        Strategies x folds x repeats.

    Returns
    -------
    int
        ``-1`` (every core) or ``1``.
    """
    return -1 if check_int("n_fits", n_fits, low=0) >= ARENA_PARALLEL_FROM else 1


def descent_chunks(n_steps: int) -> list[int]:
    """Lengths of the chunks a run of ``n_steps`` gradient steps is computed in.

    Parameters
    ----------
    n_steps : int
        Steps of the run, >= 1.

    Returns
    -------
    list of int
        ``DESCENT_CHUNK`` each, the last one shorter; they add up to ``n_steps``.
    """
    steps = check_int("n_steps", n_steps, low=1)
    return [min(DESCENT_CHUNK, steps - start) for start in range(0, steps, DESCENT_CHUNK)]


def chunk_end(chunk: pd.DataFrame) -> tuple[float, ...]:
    """Parameters ``(coef..., intercept)`` at a chunk's last step: the next chunk's start.

    Parameters
    ----------
    chunk : DataFrame
        A run of :func:`lib.gradients.gradient_descent` (``coef_*`` and
        ``intercept`` columns).

    Returns
    -------
    tuple of float
        The ``init`` of the next chunk.
    """
    last = chunk.iloc[-1]
    coef_cols = [c for c in chunk.columns if c.startswith("coef_")]
    return (*last[coef_cols].astype(float), float(last["intercept"]))


def join_chunks(chunks: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One run from consecutive chunks (each repeats its start as row 0), steps renumbered.

    Parameters
    ----------
    chunks : sequence of DataFrame
        Consecutive runs, each started from :func:`chunk_end` of the one before.

    Returns
    -------
    DataFrame
        The whole run, ``step`` from 0.
    """
    frames = [chunk if i == 0 else chunk.iloc[1:] for i, chunk in enumerate(chunks)]
    run = pd.concat(frames, ignore_index=True)
    run["step"] = np.arange(len(run))
    return run
