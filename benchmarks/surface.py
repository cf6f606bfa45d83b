"""Benchmark: fast versus exact loss surface, measured in one run.

100 x 100 (slope, bias) grid, N = 100,000 samples at 1:1000, balanced
weights. Prints both timings, the speed-up ratio and the largest relative
error. Run with ``make bench`` or ``.venv/bin/python -m benchmarks.surface``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from lib.data import make_imbalanced, project_1d
from lib.surface import loss_surface, surface_grid
from lib.weights import class_weights

N, RATIO, GRID, FAST_REPEATS = 100_000, 1000, 100, 21


def main() -> None:
    X, y = make_imbalanced(N, RATIO, class_sep=2.0, random_state=0)
    x = project_1d(X, y)
    w = class_weights(y)
    grid = surface_grid(x, y, [(1.0, 1.0), (w[0], w[1])], size=GRID)
    args = (x, y, grid.slopes, grid.biases)
    kwargs = {"w0": w[0], "w1": w[1]}

    loss_surface(*args, **kwargs)  # warm-up: first-call overheads are not the method
    fast_times = []
    for _ in range(FAST_REPEATS):
        start = time.perf_counter()
        fast = loss_surface(*args, **kwargs, method="fast")
        fast_times.append(time.perf_counter() - start)
    start = time.perf_counter()
    exact = loss_surface(*args, **kwargs, method="exact")
    exact_time = time.perf_counter() - start

    fast_time = statistics.median(fast_times)
    rel_error = float(np.max(np.abs(fast - exact) / exact))
    print(f"loss surface {GRID}x{GRID}, N={N:,}, ratio 1:{RATIO}, w0={w[0]:.4g}, w1={w[1]:.4g}")
    print(f"exact: {exact_time:.3f} s (one run)")
    print(f"fast:  {fast_time * 1e3:.2f} ms (median of {FAST_REPEATS})")
    print(f"speed-up: {exact_time / fast_time:.0f}x (goal >= 500x)")
    print(f"max relative error: {rel_error:.2e} (goal <= 1e-4)")


if __name__ == "__main__":
    main()
