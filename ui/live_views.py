"""The live views' payloads: what each page's live figure is sent (see :mod:`ui.live`).

One function per live figure — the sidebar's weight-ratio slider, the loss
surface, the gradient bars, the decision boundary and the descent path —
each gathering cached arrays from :mod:`lib.studies.live` and the
catalogue's words, then mounting :func:`ui.live.live_view`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import streamlit as st
from numpy.typing import NDArray

from lib.data import plot_extent
from lib.gradients import GradientContributions, class_gradient_contributions
from lib.linear import LinearModel
from lib.settings import Settings, parse_query, to_query, weights_for_ratio
from lib.studies.lessons import Lesson
from lib.studies.live import live_surface
from lib.weights import class_weights
from ui.cache import cached_call, dataset, live_boundaries, live_paths, logistic, shown_points
from ui.live import live_view, log_ratio, numbers, ratio_slider, step_slider
from ui.state import current_settings, data_key, tr

Commit = Callable[[float], None]
#: Placeholders the browser fills in while the slider moves.
LIVE_WEIGHTS = {"w0": "{w0}", "w1": "{w1}"}


def _note(drawn: str, commit: Commit | None, *, params: str | None = None, **values: Any) -> str:
    # How the view is drawn, then what letting go does (on a page or in a lesson).
    # (the gradient page's ``params`` text already says that letting go reruns the descent).
    parts = [tr(drawn, **values)] + ([tr(params)] if params else [])
    if commit is not None:
        parts.append(tr("live.commit_lesson"))
    elif params is None:
        parts.append(tr("live.commit_page"))
    return " ".join(parts)


def balanced_ratio(s: Settings) -> float:
    """:math:`w_1 / w_0` of scikit-learn's "balanced" weights on the current data (n0 / n1)."""
    w = class_weights(dataset(*data_key(s))[1], "balanced")
    return float(w[1] / w[0])


def ratio_control(s: Settings) -> None:
    """The sidebar's log-scale weight-ratio slider, kept in step with w0 and w1."""
    live_view(
        "ratio",
        "live_ratio_sidebar",
        {"slider": ratio_slider(s.w0, s.w1, balanced_ratio(s)), "labels": {}},
    )


def surface_view(
    s: Settings, panels: list[str], *, key: str = "live_surface", commit: Commit | None = None
) -> None:
    """Loss surfaces (``"unweighted"``, ``"weighted"``); the weighted one follows the slider."""
    parts = cached_call(live_surface, *data_key(s))
    fixed = {"title": tr("surface.title_unweighted"), "weights": [1.0, 1.0], "live": False}
    data = {
        "slider": ratio_slider(s.w0, s.w1, balanced_ratio(s)),
        "w0": s.w0,
        "slopes": numbers(parts.slopes),
        "biases": numbers(parts.biases),
        "z0": numbers(parts.class0.ravel()),
        "z1": numbers(parts.class1.ravel()),
        "panels": [fixed if name == "unweighted" else {"live": True} for name in panels],
        "labels": {
            "weighted_title": tr("surface.title_weighted", **LIVE_WEIGHTS),
            "lowest": tr("live.lowest", a="{a}", b="{b}"),
            "note": _note("live.surface_drawn", commit),
            "slope": tr("fig.slope"),
            "bias": tr("fig.bias"),
        },
    }
    live_view("surface", key, data, commit=commit)


def shares_view(
    s: Settings,
    contributions: Mapping[str, GradientContributions],
    weights: Mapping[str, tuple[float, float]],
    live: str,
    *,
    key: str = "live_shares",
    commit: Commit | None = None,
) -> None:
    """Each run's per-class gradient norms at one step; run ``live`` rescaled by the slider."""
    groups = [
        {
            "label": label,
            "norm0": c.norm0,
            "norm1": c.norm1,
            "share1": c.share1,
            "w0": weights[label][0],
            "w1": weights[label][1],
            "live": label == live,
        }
        for label, c in contributions.items()
    ]
    data = {
        "slider": ratio_slider(s.w0, s.w1, balanced_ratio(s)),
        "w0": s.w0,
        "groups": groups,
        "panels": [{}],
        "labels": {
            "title": tr("fig.grad.title"),
            "class0": tr("fig.grad.class_norm", cls=0),
            "class1": tr("fig.grad.class_norm", cls=1),
            "share": tr("live.share", share="{share}"),
            "share_short": tr("fig.grad.share", share="{share}"),
            "note": _note(
                "live.shares_drawn",
                commit,
                params="live.shares_params_page" if commit is None else "live.shares_params_lesson",
            ),
        },
    }
    live_view("shares", key, data, commit=commit)


def boundary_view(
    s: Settings,
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    shown: NDArray[np.int64],
    plain: LinearModel,
    *,
    key: str = "live_boundary",
    commit: Commit | None = None,
) -> None:
    """The weighted model's boundary over the shown points, refitted along the ratio grid."""
    path = live_boundaries(*data_key(s), s.w0)
    exact = logistic(*data_key(s), s.w0, s.w1)
    x_range, y_range = plot_extent(X, y)
    data: dict[str, Any] = {
        "slider": ratio_slider(s.w0, s.w1, balanced_ratio(s)),
        "w0": s.w0,
        "path": {
            "log_ratios": numbers(np.log10(path.ratios)),
            "coefs": numbers(path.coefs),
            "intercepts": numbers(path.intercepts),
        },
        "plain": {"coef": numbers(plain.coef), "intercept": float(plain.intercept)},
        # The committed weights' own fit, drawn while the slider rests on them.
        "exact": {
            "log_ratio": log_ratio(s.w0, s.w1),
            "coef": numbers(exact.coef),
            "intercept": float(exact.intercept),
        },
        "points": {
            "x": numbers(X[shown, 0]),
            "y": numbers(X[shown, 1]),
            "cls": [int(v) for v in y[shown]],
        },
        "x_range": list(x_range),
        "y_range": list(y_range),
        "panels": [{}],
        "labels": {
            "weighted_title": tr("boundaries.title_weighted", **LIVE_WEIGHTS),
            "line_weighted": tr("boundaries.line_05"),
            "line_plain": tr("boundaries.line_unweighted_ref"),
            "line_at": tr("live.line_at", c0="{c0}", c1="{c1}", b="{b}"),
            "note": _note("live.boundary_drawn", commit, points=len(path.ratios)),
            "x": tr("fig.feature", i=1),
            "y": tr("fig.feature", i=2),
        },
    }
    live_view("boundary", key, data, commit=commit)


def path_view(s: Settings, step: int, steps: int) -> None:
    """Both descent paths on their loss surfaces, drawn up to the step on the slider."""
    paths = live_paths(*data_key(s), s.w0, s.w1, steps)
    titles = {
        "unweighted": tr("surface.title_unweighted"),
        "weighted": tr("surface.title_weighted", w0=f"{s.w0:.4g}", w1=f"{s.w1:.4g}"),
    }
    data = {
        "slider": step_slider(step, steps),
        "slopes": numbers(paths.surface.slopes),
        "biases": numbers(paths.surface.biases),
        "z0": numbers(paths.surface.class0.ravel()),
        "z1": numbers(paths.surface.class1.ravel()),
        "panels": [
            {"title": titles[name], "weights": list(paths.weights[name]), "path": numbers(path)}
            for name, path in paths.paths.items()
        ],
        "labels": {
            "at_step": tr("live.at_step", step="{step}", a="{a}", b="{b}"),
            "note": tr("live.path_note", steps=steps),
            "slope": tr("fig.slope"),
            "bias": tr("fig.bias"),
        },
    }
    live_view("path", "live_path", data)


def lesson_view(lesson: Lesson) -> None:
    """A lesson step's live view on the lesson's own data, inline after the reveal.

    The step's preset gives the data and the starting weights; a committed
    ratio is kept for the step only (the sidebar keeps its settings until the
    student opens the page). The loss-surface and masking steps show their
    page's view; the other steps on the lab's data show the boundary; the
    weight-scheme step (its own seven-class counts) has none.
    """
    s, _ = parse_query({**to_query(current_settings()), **lesson.preset})
    kept = f"lesson_ratio_{lesson.key}"
    if kept in st.session_state:
        w0, w1 = weights_for_ratio(s.w0, s.w1, 10.0 ** st.session_state[kept])
        s = replace(s, w0=w0, w1=w1)

    def commit(value: float) -> None:
        st.session_state[kept] = value

    key = f"live_lesson_{lesson.key}"
    X, y = dataset(*data_key(s))
    if lesson.page == "loss-surface":
        surface_view(s, ["unweighted", "weighted"], key=key, commit=commit)
    elif lesson.page == "gradients":
        weights = {tr("grad.unweighted"): (1.0, 1.0), tr("grad.weighted"): (s.w0, s.w1)}
        zero = np.zeros(X.shape[1])
        contributions = {
            label: class_gradient_contributions(X, y, zero, 0.0, w0=a, w1=b)
            for label, (a, b) in weights.items()
        }
        shares_view(s, contributions, weights, tr("grad.weighted"), key=key, commit=commit)
    elif "ratio" in lesson.preset:  # every step on the lab's data
        plain = logistic(*data_key(s), 1.0, 1.0)
        boundary_view(s, X, y, shown_points(*data_key(s)), plain, key=key, commit=commit)
