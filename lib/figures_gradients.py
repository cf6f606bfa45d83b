"""Figures of the gradient-masking page's convergence section (issue 14).

Like :mod:`lib.figures`, the builder draws what it is given
(:class:`lib.gradients.ConvergenceRun` results) and computes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.figures import UNWEIGHTED_COLOR, WEIGHTED_COLOR, _layout, new_figure
from lib.gradients import ConvergenceRun
from lib.i18n import Translator, translator

_EN = translator()
#: Panels from top to bottom: (history column, axis-title key, log axis).
PANELS = (
    ("loss", "fig.conv.loss", True),
    ("recall1", "fig.conv.recall", False),
    ("distance", "fig.conv.distance", True),
)


def convergence_chart(runs: Mapping[str, ConvergenceRun], *, tr: Translator = _EN) -> go.Figure:
    """Loss, class-1 recall and distance to the own minimum of each run, by step.

    Three stacked panels share a logarithmic step axis (from step 1; step 0
    is the common start at zero). A dotted vertical line in each run's colour
    marks the step at which it came within 1 % of its minimum.

    Parameters
    ----------
    runs : mapping of str to ConvergenceRun
        Run label -> result; the first run is drawn in black, the second in
        the weighted colour.
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = make_subplots(
        rows=len(PANELS), cols=1, shared_xaxes=True, vertical_spacing=0.05, figure=new_figure()
    )
    colors = (UNWEIGHTED_COLOR, WEIGHTED_COLOR)
    for k, (label, run) in enumerate(runs.items()):
        frame = run.history[run.history["step"] >= 1]
        color = colors[k % 2]
        for row, (column, _, log) in enumerate(PANELS, start=1):
            values = frame[column].to_numpy(dtype=np.float64)
            if log:
                values = np.where(values > 0, values, np.nan)
            fig.add_trace(
                go.Scatter(
                    x=frame["step"].to_numpy(dtype=np.float32),
                    y=values,
                    mode="lines",
                    name=label,
                    legendgroup=label,
                    showlegend=row == 1,
                    line={"color": color, "width": 2.5, "dash": "solid" if k == 0 else "dash"},
                    hovertemplate="%{x}: %{y:.4g}<extra>" + label + "</extra>",
                ),
                row=row,
                col=1,
            )
        if run.steps_to_optimum:
            fig.add_vline(
                x=float(run.steps_to_optimum), line={"color": color, "dash": "dot", "width": 1.5}
            )
    _layout(fig, tr("fig.conv.title"), "", "", height=720)
    fig.update_xaxes(type="log", dtick=1, exponentformat="power", showexponent="all")
    fig.update_xaxes(title_text=tr("fig.run.step"), row=len(PANELS), col=1)
    for row, (_, key, log) in enumerate(PANELS, start=1):
        fig.update_yaxes(title_text=tr(key), row=row, col=1)
        if log:
            # Distances span up to ten decades: one label every second decade.
            fig.update_yaxes(
                type="log",
                dtick=2 if row == len(PANELS) else 1,
                exponentformat="power",
                showexponent="all",
                row=row,
                col=1,
            )
    fig.update_yaxes(range=[-0.05, 1.05], row=2, col=1)
    fig.update_layout(legend={"y": -0.08, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    return fig
