"""Benchmark: the strategy arena's cross-validation run (issue 5).

Ten strategies x 5 folds x 3 repeats on 10,000 synthetic rows at 1:100,
every strategy with its registry defaults, timed with one job and with joblib on every
core, in the same run. Goal: under 60 s on 2 cores.
Run: ``.venv/bin/python -m benchmarks.arena`` (also part of ``make bench``).
"""

from __future__ import annotations

import os
import time

from lib.data import make_imbalanced
from lib.remedies import cross_validate_strategies

STRATEGIES = (
    "none",
    "class_weight",
    "random_over",
    "random_under",
    "smote",
    "adasyn",
    "easy_ensemble",
    "balanced_bagging",
    "balanced_random_forest",
    "rusboost",
)
GOAL_S = 60.0


def main() -> None:
    X, y = make_imbalanced(10_000, 100, random_state=0)
    cores = os.cpu_count() or 1
    print(
        f"{len(STRATEGIES)} strategies x 5 folds x 3 repeats, {len(y):,} rows at 1:100 "
        f"({int(y.sum())} minority), {cores} cores"
    )
    times = {}
    for jobs in (-1, 1):
        start = time.perf_counter()
        result = cross_validate_strategies(
            X, y, STRATEGIES, n_splits=5, n_repeats=3, random_state=0, n_jobs=jobs
        )
        times[jobs] = time.perf_counter() - start
        label = "all cores (n_jobs=-1)" if jobs == -1 else "one job (n_jobs=1)"
        print(f"{label:24} {times[jobs]:7.1f} s  ({len(result.folds)} fitted folds)")
    per = result.folds.groupby("strategy", sort=False)["fit_seconds"].sum()
    print(
        "fit time per strategy, one job (s): " + ", ".join(f"{k} {v:.1f}" for k, v in per.items())
    )
    print(
        f"speed-up from joblib: {times[1] / times[-1]:.2f}x; "
        f"goal < {GOAL_S:.0f} s on 2 cores: {'met' if times[-1] < GOAL_S else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
