"""Cached calls into ``lib`` for the core pages: data sets, logistic fits, surfaces, descent.

Thin ``st.cache_data`` wrappers with ``max_entries``: each calls one lib
function on the current data set and holds no policy of its own (how many
rows or points a computation uses is :mod:`lib.budgets`'s rule; step sizes
and model choices are lib's). Their leading arguments are
:func:`ui.state.data_key`'s ``(n, ratio, sep, seed, shape)``.
:func:`cached_call` caches any other pure lib function the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import streamlit as st
from numpy.typing import NDArray

from lib import budgets
from lib.data import make_imbalanced, plot_extent
from lib.gradients import (
    ConvergenceComparison,
    ConvergenceRun,
    compare_convergence,
    gradient_descent,
)
from lib.linear import LinearModel
from lib.models import fit_focal_linear, fit_logistic, train_binary_sgd
from lib.studies.boundaries import (
    BoundarySummary,
    NonlinearComparison,
    compare_nonlinear,
    summarise_boundaries,
)
from lib.studies.live import BoundaryPath, DescentPaths, boundary_path, descent_paths, ratio_grid
from lib.training import TrainingResult

T = TypeVar("T")


@st.cache_data(max_entries=128, show_spinner=False)
def _cached_call(name: str, _fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    # Streamlit cannot hash a function argument; the leading underscore keeps
    # ``_fn`` out of the key and ``name`` (its qualified name) stands in for it.
    return _fn(*args, **kwargs)


def cached_call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a pure ``lib`` function once per distinct arguments (``st.cache_data``).

    For page-specific computations (model fits, curves) that do not deserve a
    wrapper of their own; the cache key is the function's qualified name and
    every argument.
    """
    result: T = _cached_call(f"{fn.__module__}.{fn.__qualname__}", fn, *args, **kwargs)
    return result


@st.cache_data(max_entries=8, show_spinner=False)
def dataset(
    n: int, ratio: int, sep: float, seed: int, shape: str
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Training data of the current settings."""
    return make_imbalanced(n, ratio, class_sep=sep, shape=shape, random_state=seed)


@st.cache_data(max_entries=8, show_spinner=False)
def test_dataset(
    n: int, ratio: int, sep: float, seed: int, shape: str
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """An independent test set from the same distribution (``lib.budgets.test_seed``)."""
    return make_imbalanced(
        n, ratio, class_sep=sep, shape=shape, random_state=budgets.test_seed(seed)
    )


@st.cache_data(max_entries=8, show_spinner=False)
def shown_points(
    n: int, ratio: int, sep: float, seed: int, shape: str, capped: bool = False
) -> NDArray[np.int64]:
    """Indices of the training points drawn in scatters (``lib.budgets.display_rows``).

    ``capped``: of the remedy pages' training data (``ui.strategy_data``).
    """
    _, y = (strategy_data if capped else dataset)(n, ratio, sep, seed, shape)
    return budgets.display_rows(y, random_state=seed)


@st.cache_data(max_entries=8, show_spinner=False)
def strategy_data(
    n: int, ratio: int, sep: float, seed: int, shape: str, test: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Training (or test) data of the current settings (``lib.budgets.strategy_rows``)."""
    X, y = (test_dataset if test else dataset)(n, ratio, sep, seed, shape)
    rows = budgets.strategy_rows(y, random_state=seed)
    return X[rows], y[rows]


@st.cache_data(max_entries=32, show_spinner=False)
def logistic(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> LinearModel:
    """The logistic model trained with (w0, w1) (``lib.models.fit_logistic``)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    model = fit_logistic(X, y, w0=w0, w1=w1)
    return LinearModel.of(model.coef_[0], model.intercept_[0])


@st.cache_data(max_entries=32, show_spinner=False)
def probabilities(
    model: LinearModel, x_range: tuple[float, float], y_range: tuple[float, float]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Probability grid of a fitted 2-D model for a boundary heatmap (100 x 100)."""
    return model.probability_grid(x_range, y_range, size=100)


@st.cache_data(max_entries=4, show_spinner=False)
def descent_rows(
    n: int, ratio: int, sep: float, seed: int, shape: str
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Rows and Horvitz-Thompson weights the gradient-descent runs train on."""
    _, y = dataset(n, ratio, sep, seed, shape)
    return budgets.descent_rows(y, random_state=seed)


@st.cache_data(max_entries=256, show_spinner=False)
def _descent_chunk(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    w0: float,
    w1: float,
    steps: int,
    init: tuple[float, ...] | None,
) -> pd.DataFrame:
    X, y = dataset(n, ratio, sep, seed, shape)
    rows, h = descent_rows(n, ratio, sep, seed, shape)
    if len(rows) == len(y):
        return gradient_descent(X, y, w0=w0, w1=w1, n_steps=steps, init=init)
    return gradient_descent(
        X[rows], y[rows], w0=w0, w1=w1, n_steps=steps, init=init, sample_weight=h
    )


def descent(
    n: int,
    ratio: int,
    sep: float,
    seed: int,
    shape: str,
    w0: float,
    w1: float,
    steps: int,
    progress: Callable[[float], None] | None = None,
) -> pd.DataFrame:
    """Gradient-descent run from zero on the training data, cached chunk by chunk.

    ``progress(fraction)`` is called after every chunk (``lib.budgets.descent_chunks``);
    on a cache hit the whole run returns at once.
    """
    chunks: list[pd.DataFrame] = []
    init: tuple[float, ...] | None = None
    done = 0
    for length in budgets.descent_chunks(steps):
        chunk = _descent_chunk(n, ratio, sep, seed, shape, w0, w1, length, init)
        chunks.append(chunk)
        init = budgets.chunk_end(chunk)
        done += length
        if progress is not None:
            progress(done / steps)
    return budgets.join_chunks(chunks)


@st.cache_data(max_entries=16, show_spinner=False)
def trained(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float, epochs: int
) -> TrainingResult:
    """Mini-batch SGD (softmax regression, k = 2) with class weights (w0, w1).

    The test set of the same settings serves as the validation set.
    """
    X, y = dataset(n, ratio, sep, seed, shape)
    X_val, y_val = test_dataset(n, ratio, sep, seed, shape)
    return train_binary_sgd(X, y, w0=w0, w1=w1, epochs=epochs, X_val=X_val, y_val=y_val)


@st.cache_data(max_entries=16, show_spinner=False)
def focal_model(
    n: int, ratio: int, sep: float, seed: int, shape: str, gamma: float, alpha: float | None
) -> LinearModel:
    """A linear model trained with focal loss (``lib.models.fit_focal_linear``)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    return fit_focal_linear(X, y, gamma=gamma, alpha=alpha)


@st.cache_data(max_entries=8, show_spinner=False)
def convergence(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> ConvergenceComparison:
    """Both gradient-descent runs followed to their own minimum (``compare_convergence``)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    plain = unweighted_convergence(n, ratio, sep, seed, shape)
    return compare_convergence(X, y, w0=w0, w1=w1, random_state=seed, unweighted=plain)


@st.cache_data(max_entries=8, show_spinner=False)
def unweighted_convergence(n: int, ratio: int, sep: float, seed: int, shape: str) -> ConvergenceRun:
    """The unweighted run to the minimum: the same for every weight, so computed once."""
    X, y = dataset(n, ratio, sep, seed, shape)
    return compare_convergence(X, y, w0=1.0, w1=1.0, random_state=seed).unweighted


@st.cache_data(max_entries=16, show_spinner=False)
def boundary_summary(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> BoundarySummary:
    """Shift, gap and per-class test metrics of the plain and the (w0, w1) logistic model."""
    X, _ = dataset(n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(n, ratio, sep, seed, shape)
    return summarise_boundaries(
        *both_models(n, ratio, sep, seed, shape, w0, w1), X, X_test, y_test, w0=w0, w1=w1
    )


def both_models(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float
) -> tuple[NDArray[np.float64], float, NDArray[np.float64], float]:
    """``(coef, intercept, coef_w, intercept_w)`` of the plain and the (w0, w1) logistic model."""
    plain = logistic(n, ratio, sep, seed, shape, 1.0, 1.0)
    weighted = logistic(n, ratio, sep, seed, shape, w0, w1)
    return plain.coef, plain.intercept, weighted.coef, weighted.intercept


@st.cache_data(max_entries=8, show_spinner=False)
def nonlinear(n: int, ratio: int, sep: float, seed: int, shape: str) -> NonlinearComparison:
    """Gradient-boosted trees without and with balanced weights (decision-boundaries page)."""
    X, y = dataset(n, ratio, sep, seed, shape)
    X_test, y_test = test_dataset(n, ratio, sep, seed, shape)
    x_range, y_range = plot_extent(X, y)
    return compare_nonlinear(
        X, y, X_test, y_test, x_range=x_range, y_range=y_range, random_state=seed
    )


@st.cache_data(max_entries=8, show_spinner=False)
def live_boundaries(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float
) -> BoundaryPath:
    """Logistic fits along the weight-ratio grid, on the gradient runs' row sample."""
    X, y = dataset(n, ratio, sep, seed, shape)
    rows, weights = descent_rows(n, ratio, sep, seed, shape)
    return boundary_path(X[rows], y[rows], w0=w0, ratios=ratio_grid(), sample_weight=weights)


@st.cache_data(max_entries=8, show_spinner=False)
def live_paths(
    n: int, ratio: int, sep: float, seed: int, shape: str, w0: float, w1: float, steps: int
) -> DescentPaths:
    """Gradient-descent paths of the one-feature model on its two loss surfaces."""
    rows, weights = descent_rows(n, ratio, sep, seed, shape)
    return descent_paths(
        n, ratio, sep, seed, shape, w0=w0, w1=w1, steps=steps, rows=rows, sample_weight=weights
    )
