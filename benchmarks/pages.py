"""Benchmark: server-side recomputation of every page after a control moves.

For each page, at default settings, the script opens a fresh AppTest
session, moves the page's main control to a value not seen before (a cache
miss: what a student waits for) and back (a cache hit), and prints the
script run times. Browser rendering is not included; the goal of issue 4 is
<= 1 s for the recomputation. Run: ``.venv/bin/python -m benchmarks.pages``.

``--large`` does the same for the data, loss-surface, gradient and boundary
pages on 1,000,000 samples at 1:10000 (issue 6), moving ``w1`` from 1 to 5000.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
#: page script -> (widget type, widget key, new value, old value)
MOVES = {
    "views/overview.py": ("number_input", "sb_w1", 7.0, 1.0),
    "views/loss_surface.py": ("number_input", "sb_w1", 7.0, 1.0),
    "views/gradients.py": ("number_input", "sb_w1", 7.0, 1.0),
    "views/boundaries.py": ("number_input", "sb_w1", 7.0, 1.0),
    "views/weight_schemes.py": ("select_slider", "page_beta", "0.99", "0.999"),
    "views/training_loss.py": ("number_input", "sb_w1", 7.0, 1.0),
    "views/focal_loss.py": ("select_slider", "page_gamma", "1", "2"),
    "views/class_balanced.py": ("select_slider", "page_beta", "0.99", "0.999"),
    "views/sample_weights.py": ("select_slider", "page_half", 20, 10),
    "views/resampling.py": ("select_slider", "page_k", 3, 5),
    "views/probabilities.py": ("select_slider", "sb_ratio", 100, 1000),
    "views/ensembles.py": ("select_slider", "page_trees", 25, 10),
    "views/thresholds.py": ("select_slider", "page_t", "0.2", "0.5"),
}
REPEATS = 3
LARGE = {"n": "1000000", "ratio": "10000"}
LARGE_MOVES = {
    script: ("number_input", "sb_w1", 5000.0, 1.0)
    for script in (
        "views/overview.py",
        "views/loss_surface.py",
        "views/gradients.py",
        "views/boundaries.py",
    )
}


def timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed


def main() -> None:
    large = "--large" in sys.argv[1:]
    moves, params = (LARGE_MOVES, LARGE) if large else (MOVES, {})
    if large:
        print("n = 1,000,000 at 1:10000; the move is w1 1 -> 5000 (a new model)")
    print(
        f"{'page':28} {'open app':>9} {'first load':>11} {'move (miss)':>12} "
        f"{'back (hit)':>11}  goal <= 1 s"
    )
    for script, (kind, key, new, old) in moves.items():
        opens, loads, misses, hits = [], [], [], []
        for repeat in range(REPEATS):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            at.query_params.update(params)
            at.query_params["seed"] = str(1000 + repeat)  # new data: nothing cached
            opens.append(timed_run(at))  # the overview, making the data set
            at.switch_page(script)
            loads.append(timed_run(at))
            getattr(at, kind)(key=key).set_value(new)
            misses.append(timed_run(at))
            getattr(at, kind)(key=key).set_value(old)
            hits.append(timed_run(at))
        name = Path(script).stem
        print(
            f"{name:28} {statistics.median(opens):8.2f}s {statistics.median(loads):10.2f}s "
            f"{statistics.median(misses):11.2f}s {statistics.median(hits):10.2f}s"
        )
    print(
        f"(median of {REPEATS} fresh sessions; seeds 1000+ so every first load computes; "
        "open app = the overview with new data, before switching to the page)"
    )


if __name__ == "__main__":
    main()
