"""What random over/under-sampling, SMOTE and ADASYN do to the training set (resampling page).

For every sampler the page fits (:func:`lib.remedies.fit_strategy`), a
:class:`ResampledPanel` holds what its map and tables show: the model's
boundary, which rows were removed, copied or synthesised, the class counts
before and after, and the per-class report on the untouched test set.
:func:`resampled_marks` turns a panel into the extra points of
:func:`lib.viz.strategy_map`, :func:`counts_table` the panels into the
page's table of class counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import check_choice, check_finite_number, check_int
from lib.linear import LinearModel
from lib.metrics import per_class_report
from lib.remedies import StrategyFit, linear_coefficients, resampling_view
from lib.viz.maps import Marked
from lib.viz.palette import REMOVED_COLOR, SYNTHETIC_COLOR

#: The samplers the page compares, in display order.
METHODS: tuple[str, ...] = ("random_over", "random_under", "smote", "adasyn")
#: The neighbour-count parameter of each sampler that has one.
_NEIGHBOUR_PARAM = {"smote": "k_neighbors", "adasyn": "n_neighbors"}
#: At most about this many removed or synthetic points are drawn per map.
MAX_MARKED = 3000


def resampler_params(method: str, *, k: int, ratio: float) -> tuple[tuple[str, Any], ...]:
    """Parameters of a sampler for :func:`lib.remedies.fit_strategy`, as sorted pairs.

    Parameters
    ----------
    method : {"random_over", "random_under", "smote", "adasyn"}
        The sampler.
    k : int
        Nearest neighbours of SMOTE (``k_neighbors``) and ADASYN
        (``n_neighbors``), >= 1; the random samplers ignore it.
    ratio : float
        imbalanced-learn's ``sampling_strategy``: minority / majority after
        resampling, in (0, 1].

    Returns
    -------
    tuple of (str, value)
    """
    check_choice("method", method, METHODS)
    r = check_finite_number("ratio", ratio, low=0.0, low_inclusive=False, high=1.0)
    if method not in _NEIGHBOUR_PARAM:
        return (("sampling_strategy", r),)
    return ((_NEIGHBOUR_PARAM[method], check_int("k", k, low=1)), ("sampling_strategy", r))


@dataclass(frozen=True)
class ResampledPanel:
    """One sampler's map and numbers.

    Attributes
    ----------
    name : str
        Strategy name.
    model : LinearModel
        The logistic model trained on the resampled set, in the original
        feature space (:func:`lib.remedies.linear_coefficients`).
    kept : ndarray of int
        The drawn rows (``shown``) that are still in the resampled set.
    removed : ndarray of shape (m, 2)
        Removed rows to draw, every ``max(1, n_removed // max_marked)``-th.
    n_removed : int
        Rows the sampler removed.
    copied : ndarray of shape (c, 2)
        Rows that appear more than once in the resampled set.
    copies : ndarray of int of shape (c,)
        How often each of them appears.
    synthetic : ndarray of shape (s, 2)
        Synthetic rows to draw, thinned like ``removed``.
    n_synthetic : int
        Synthetic rows the sampler added.
    counts_before, counts_after : dict of int to int
        Class counts of the training set and of the resampled set.
    report : DataFrame
        :func:`lib.metrics.per_class_report` on the test set (classes 0, 1).
    """

    name: str
    model: LinearModel
    kept: NDArray[np.int64]
    removed: NDArray[np.float64]
    n_removed: int
    copied: NDArray[np.float64]
    copies: NDArray[np.int64]
    synthetic: NDArray[np.float64]
    n_synthetic: int
    counts_before: dict[int, int]
    counts_after: dict[int, int]
    report: pd.DataFrame

    @property
    def mean_copies(self) -> float:
        """Mean number of appearances of a copied row (NaN when none was copied)."""
        return float(np.mean(self.copies)) if len(self.copies) else float("nan")


def _thinned(rows: NDArray[Any], max_marked: int) -> NDArray[Any]:
    return rows[:: max(1, len(rows) // max_marked)]


def resampled_panel(
    fit: StrategyFit,
    X: ArrayLike,
    shown: ArrayLike,
    y_test: ArrayLike,
    pred: ArrayLike,
    *,
    max_marked: int = MAX_MARKED,
) -> ResampledPanel:
    r"""Removed, copied and synthetic rows of a resampling fit, and its test report.

    Row :math:`i` appears :math:`c_i` times in the resampled set
    (:func:`lib.remedies.resampling_view`): removed when :math:`c_i = 0`,
    copied when :math:`c_i > 1`.

    Parameters
    ----------
    fit : StrategyFit
        A resampling strategy fitted on ``X``.
    X : array_like of shape (n, 2)
        The training features.
    shown : array_like of int
        Indices of the training points a map draws.
    y_test, pred : array_like of shape (m,)
        Test labels and the model's predicted labels.
    max_marked : int, default=3000
        About how many removed and synthetic points to draw at most, >= 1.

    Returns
    -------
    ResampledPanel
    """
    cap = check_int("max_marked", max_marked, low=1)
    X_arr = np.asarray(X, dtype=np.float64)
    rows = np.asarray(shown, dtype=np.int64)
    view = resampling_view(fit, len(X_arr))
    drop = _thinned(view.removed, cap)
    copied = np.flatnonzero(view.copies > 1)
    return ResampledPanel(
        name=fit.name,
        model=linear_coefficients(fit.model),
        kept=rows[view.copies[rows] > 0],
        removed=X_arr[drop],
        n_removed=len(view.removed),
        copied=X_arr[copied],
        copies=view.copies[copied],
        synthetic=_thinned(view.synthetic, cap),
        n_synthetic=fit.n_synthetic,
        counts_before=fit.counts_before,
        counts_after=fit.counts_after,
        report=per_class_report(y_test, pred, labels=[0, 1]),
    )


def resampled_marks(panel: ResampledPanel, *, tr: Callable[..., str]) -> list[Marked]:
    r"""The removed, copied and synthetic points of a panel as map markers.

    Removed rows are grey crosses under the data; copied rows orange rings
    of size :math:`6 + 2.5 \log_2 c_i`; synthetic rows orange diamonds.
    Kinds the sampler did not produce are left out.

    Parameters
    ----------
    panel : ResampledPanel
    tr : callable
        Translation function (catalogue keys ``resampling.removed``,
        ``resampling.copies``, ``resampling.synthetic``).

    Returns
    -------
    list of Marked
    """
    marked = []
    if panel.n_removed:
        label = tr("resampling.removed", n=f"{panel.n_removed:,}", shown=f"{len(panel.removed):,}")
        marked.append(
            Marked(
                panel.removed[:, 0],
                panel.removed[:, 1],
                label,
                REMOVED_COLOR,
                "x-thin-open",
                5.0,
                below=True,
            )
        )
    if len(panel.copies):
        marked.append(
            Marked(
                panel.copied[:, 0],
                panel.copied[:, 1],
                tr("resampling.copies", mean=f"{panel.mean_copies:.3g}"),
                SYNTHETIC_COLOR,
                "circle-open",
                6 + 2.5 * np.log2(panel.copies),
            )
        )
    if len(panel.synthetic):
        n, shown = f"{panel.n_synthetic:,}", f"{len(panel.synthetic):,}"
        marked.append(
            Marked(
                panel.synthetic[:, 0],
                panel.synthetic[:, 1],
                tr("resampling.synthetic", n=n, shown=shown),
                SYNTHETIC_COLOR,
                "diamond",
                5.0,
                opacity=0.6,
            )
        )
    return marked


def counts_table(panels: Mapping[str, ResampledPanel], *, tr: Callable[..., str]) -> pd.DataFrame:
    """Class counts before and after each sampler and its synthetic rows, one row per panel.

    Parameters
    ----------
    panels : mapping of str to ResampledPanel
        Panels by display name (the ``method`` column).
    tr : callable
        Translation function for the column names.

    Returns
    -------
    DataFrame
    """
    return pd.DataFrame(
        [
            {
                tr("resampling.method"): label,
                **{tr("resampling.before", cls=c): panel.counts_before[c] for c in (0, 1)},
                **{tr("resampling.after", cls=c): panel.counts_after[c] for c in (0, 1)},
                tr("resampling.n_synthetic"): panel.n_synthetic,
            }
            for label, panel in panels.items()
        ]
    )
