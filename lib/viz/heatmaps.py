"""Heatmaps of a function of two parameters: the loss surface over (slope, bias)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from numpy.typing import NDArray

from lib.i18n import Translator
from lib.viz.base import EN, apply_layout, legend_below, new_figure
from lib.viz.palette import CONTOUR_COLOR, HIGHLIGHT_COLOR, INK_COLOR, OUTLINE_COLOR


def surface_heatmap(
    slopes: NDArray[np.float64],
    biases: NDArray[np.float64],
    Z: NDArray[np.float64],
    *,
    optimum: tuple[float, float],
    title: str,
    tr: Translator = EN,
) -> go.Figure:
    """Heatmap of a loss surface (log10 colour scale) with contour lines.

    Parameters
    ----------
    slopes, biases : ndarray
        Grid axes (x = slope, y = bias).
    Z : ndarray of shape (len(biases), len(slopes))
        Loss values, > 0.
    optimum : (float, float)
        ``(slope, bias)`` of the loss minimum, drawn as a star; the grid's
        lowest cell is drawn as a cross.
    title : str
        Chart title (already translated).
    tr : callable
        Translation function.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    log_z = np.log10(np.maximum(Z, 1e-300)).astype(np.float32)
    i, j = np.unravel_index(int(np.argmin(Z)), Z.shape)
    fig = new_figure()
    fig.add_trace(
        go.Heatmap(
            x=slopes.astype(np.float32),
            y=biases.astype(np.float32),
            z=log_z,
            customdata=Z.astype(np.float32),
            colorscale="Viridis",
            colorbar={"title": {"text": tr("fig.surface.colorbar")}},
            hovertemplate=tr("fig.surface.hover") + "<extra></extra>",
        )
    )
    # The surface is smooth and at most 100x100, so contour lines are cheap here.
    fig.add_trace(
        go.Contour(
            x=slopes,
            y=biases,
            z=log_z,
            contours_coloring="lines",
            ncontours=16,
            line={"color": CONTOUR_COLOR, "width": 1},
            showscale=False,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    # The ring for the lowest cell is drawn first so the star stays visible
    # inside it when both coincide.
    fig.add_trace(
        go.Scatter(
            x=[slopes[j]],
            y=[biases[i]],
            mode="markers",
            marker={
                "symbol": "circle-open",
                "size": 22,
                "color": HIGHLIGHT_COLOR,
                "line": {"width": 3},
            },
            name=tr("fig.surface.grid_min"),
            hovertemplate=tr("fig.surface.optimum_hover") + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[optimum[0]],
            y=[optimum[1]],
            mode="markers",
            marker={
                "symbol": "star",
                "size": 15,
                "color": OUTLINE_COLOR,
                "line": {"color": INK_COLOR, "width": 1.5},
            },
            name=tr("fig.surface.optimum"),
            hovertemplate=tr("fig.surface.optimum_hover") + "<extra></extra>",
        )
    )
    apply_layout(fig, title, tr("fig.slope"), tr("fig.bias"), height=460)
    legend_below(fig, -0.25)
    fig.update_xaxes(range=[float(slopes[0]), float(slopes[-1])])
    fig.update_yaxes(range=[float(biases[0]), float(biases[-1])])
    return fig
