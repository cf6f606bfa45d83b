"""Distributions: overlaid histograms of estimates, probability histograms per class.

:func:`estimate_histograms` overlays the spread of several estimators over
repetitions (:class:`Sample`) with the true value; :func:`probability_panels`
draws, per model, the share of each class in each probability bin
(:func:`lib.calibration.probability_histogram`) on a log axis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from numpy.typing import NDArray
from plotly.subplots import make_subplots

from lib.i18n import Translator
from lib.viz.base import EN, apply_layout, legend_below, log_axis, new_figure
from lib.viz.palette import CLASS_COLORS, THRESHOLD_COLOR


@dataclass(frozen=True)
class Sample:
    """Values of one estimator over repetitions, to draw as a histogram."""

    label: str
    values: NDArray[np.float64]
    color: str


def estimate_histograms(
    samples: Sequence[Sample],
    *,
    truth: float,
    truth_label: str,
    title: str,
    xtitle: str,
    ytitle: str,
    truth_color: str = THRESHOLD_COLOR,
) -> go.Figure:
    """Overlaid histograms of estimates with a vertical line at the true value.

    All histograms share one set of bins so their widths compare directly.

    Parameters
    ----------
    samples : sequence of Sample
        One histogram per estimator.
    truth : float
        The true value.
    truth_label : str
        Already translated legend text of the true value.
    title, xtitle, ytitle : str
        Already translated texts.
    truth_color : str, default=THRESHOLD_COLOR
        Colour of the true value's line.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    values = np.concatenate(
        [np.asarray(s.values, dtype=np.float64) for s in samples] + [np.array([truth])]
    )
    lo, hi = float(values.min()), float(values.max())
    size = (hi - lo) / 60 if hi > lo else 1.0
    fig = new_figure()
    for sample in samples:
        fig.add_trace(
            go.Histogram(
                x=np.asarray(sample.values, dtype=np.float64),
                name=sample.label,
                marker_color=sample.color,
                opacity=0.6,
                xbins={"start": lo, "end": hi + size, "size": size},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[truth, truth],
            y=[0, 1],
            yaxis="y2",
            mode="lines",
            name=truth_label,
            line={"color": truth_color, "dash": "dash", "width": 2.5},
        )
    )
    apply_layout(fig, title, xtitle, ytitle, height=500)
    fig.update_layout(
        barmode="overlay",
        bargap=0.0,
        yaxis2={"overlaying": "y", "range": [0, 1], "visible": False},
    )
    legend_below(fig, -0.14)
    return fig


def probability_panels(
    histograms: Mapping[str, pd.DataFrame],
    *,
    marks: Mapping[str, Sequence[tuple[float, str, str]]],
    title: str,
    xtitle: str,
    ytitle: str,
    tr: Translator = EN,
) -> go.Figure:
    """Small multiples: the distribution of predicted probabilities per class.

    Parameters
    ----------
    histograms : mapping of str to DataFrame
        Panel title -> :func:`lib.calibration.probability_histogram` table
        (``left``, ``right``, ``share_0``, ``share_1``).
    marks : mapping of str to sequence of (float, str, str)
        Panel title -> vertical lines (x, colour, dash), e.g. the mean
        predicted probability and the true positive rate.
    title, xtitle, ytitle : str
        Already translated texts.
    tr : callable
        Translation function (legend of the two classes).

    Returns
    -------
    plotly.graph_objects.Figure
        Log-scaled probability axis, one panel per model.
    """
    names = list(histograms)
    fig = make_subplots(
        rows=1,
        cols=len(names),
        shared_yaxes=True,
        subplot_titles=names,
        horizontal_spacing=0.03,
        figure=new_figure(),
    )
    for col, name in enumerate(names, start=1):
        table = histograms[name]
        centers = np.sqrt(table["left"].to_numpy() * table["right"].to_numpy())
        for cls in (0, 1):
            fig.add_trace(
                go.Scatter(
                    x=centers.astype(np.float32),
                    y=table[f"share_{cls}"].to_numpy(dtype=np.float32),
                    mode="lines",
                    line={"color": CLASS_COLORS[cls], "width": 2.5, "shape": "hvh"},
                    name=tr("fig.class", cls=cls),
                    legendgroup=str(cls),
                    showlegend=col == 1,
                    hovertemplate="p≈%{x:.2g}: %{y:.1%}<extra></extra>",
                ),
                row=1,
                col=col,
            )
        for x, color, dash in marks.get(name, ()):
            fig.add_vline(
                x=float(x), row=1, col=col, line={"color": color, "dash": dash, "width": 2}
            )
    apply_layout(fig, title, "", "", height=380)
    low = float(min(t["left"].iloc[0] for t in histograms.values()))
    log_axis(fig, "x", range=[np.log10(low), 0.0])
    fig.update_xaxes(title_text=xtitle, row=1, col=(len(names) + 1) // 2)
    fig.update_yaxes(tickformat=".0%")
    fig.update_yaxes(title_text=ytitle, row=1, col=1)
    legend_below(fig, -0.3)
    fig.update_layout(margin={"t": 80})
    return fig
