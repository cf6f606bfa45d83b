"""Benchmark: building and serialising the lab's figures, light vs named template.

Every figure builder in ``lib`` starts from :func:`lib.viz.new_figure`,
which carries the small prebuilt :data:`lib.viz.LIGHT_TEMPLATE`. Before,
builders set ``template="plotly_white"`` after adding their traces. This
script times both for three builders — build, then what ``st.plotly_chart``
does (``return_figure_from_figure_or_data`` and ``to_json``) — with
Streamlit's own plotly template registered as the default, as in the app,
and prints the median per figure, the ratio and the JSON size. Run:
``.venv/bin/python -m benchmarks.figures`` (``make bench``).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import streamlit.elements.plotly_chart  # noqa: F401  registers the app's default template

from lib.data import display_subsample, make_imbalanced, plot_extent
from lib.models import fit_logistic, probability_grid
from lib.viz import (
    BoundaryLine,
    Curve,
    boundary_map,
    data_scatter,
    line_chart,
)

REPEATS = 15


def serialised(fig: go.Figure) -> str:
    """What ``st.plotly_chart`` sends for ``fig``."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return str(pio.to_json(figure, validate=False))


def timed(build: Callable[[], go.Figure]) -> tuple[float, int]:
    serialised(build())
    times, size = [], 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        size = len(serialised(build()))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    X, y = make_imbalanced(20_000, 1000, random_state=0)
    shown = display_subsample(y, max_points=5000, random_state=0)
    model = fit_logistic(X, y)
    coef, intercept = model.coef_[0], float(model.intercept_[0])
    x_range, y_range = plot_extent(X, y)
    gx, gy, prob = probability_grid(coef, intercept, x_range, y_range, size=100)
    line = [BoundaryLine(coef, intercept, 0.5, "p = 0.5", "#000000")]
    steps = np.arange(501, dtype=float)
    curves = [
        Curve("a", steps, np.exp(-steps / 100), "#000000"),
        Curve("b", steps, np.exp(-steps / 50), "#CC79A7", "dot"),
    ]
    builders: dict[str, Callable[[], go.Figure]] = {
        "data scatter": lambda: data_scatter(X, y, shown),
        "boundary map": lambda: boundary_map(X, y, shown, gx, gy, prob, line, title="t"),
        "line chart": lambda: line_chart(curves, title="t", xtitle="x", ytitle="y"),
    }
    print(f"median of {REPEATS}: build + st.plotly_chart serialisation, per figure")
    print(f"{'figure':14} {'light':>9} {'plotly_white':>13} {'ratio':>6} {'bytes':>15}")
    for name, build in builders.items():
        light, light_size = timed(build)
        named, named_size = timed(lambda b=build: b().update_layout(template="plotly_white"))
        print(
            f"{name:14} {light * 1000:7.1f}ms {named * 1000:11.1f}ms "
            f"{named / light:5.1f}x {light_size:>7,}/{named_size:,}"
        )


if __name__ == "__main__":
    main()
