"""Ensembles from imbalanced-learn against one weighted model (the ensembles page).

For every model the page fits (:func:`lib.remedies.fit_strategy`), an
:class:`EnsemblePanel` holds what its map and tables show: the points of its
decision boundary, its per-class test report, its PR-AUC, how many members
it fitted and how long the fit took. :func:`scores_table` lays the panels
out as the page's score table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import average_precision_score

from lib._validation import as_binary_labels, as_probabilities, check_int, check_same_length
from lib.linear import LinearModel
from lib.metrics import per_class_report
from lib.models import boundary_cells
from lib.remedies import STRATEGIES, StrategyFit, linear_coefficients

#: The imbalanced-learn ensembles the page compares, in display order.
ENSEMBLES: tuple[str, ...] = (
    "easy_ensemble",
    "balanced_bagging",
    "balanced_random_forest",
    "rusboost",
)
#: Strategy kinds whose model is a standardised logistic regression.
_LINEAR_KINDS = ("baseline", "weighting", "resampling", "threshold")


def ensemble_params(trees: int) -> dict[str, tuple[tuple[str, Any], ...]]:
    """The page's models and their parameters: class weights, then every ensemble.

    Parameters
    ----------
    trees : int
        Members per ensemble (``n_estimators``), >= 1.

    Returns
    -------
    dict of str to tuple of (str, value)
        ``"class_weight"`` (no parameters) first, then :data:`ENSEMBLES`.
    """
    n = check_int("trees", trees, low=1)
    return {"class_weight": (), **{name: (("n_estimators", n),) for name in ENSEMBLES}}


@dataclass(frozen=True)
class EnsemblePanel:
    """One model's map and scores.

    Attributes
    ----------
    name : str
        Strategy name.
    model : LinearModel or None
        The logistic model in the original feature space, for a linear
        strategy (:func:`lib.remedies.linear_coefficients`); None for an
        ensemble.
    grid : (grid_x, grid_y, prob)
        Probability of class 1 on the map's grid.
    boundary : (xs, ys)
        Grid points on the decision boundary (:func:`lib.models.boundary_cells`).
    report : DataFrame
        :func:`lib.metrics.per_class_report` on the test set (classes 0, 1).
    pr_auc : float
        Average precision of the test probabilities.
    members : int
        Fitted members (``len(estimators_)``; 1 for a single model).
    fit_seconds : float
        Wall-clock time of the fit.
    """

    name: str
    model: LinearModel | None
    grid: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]
    boundary: tuple[NDArray[np.float64], NDArray[np.float64]]
    report: pd.DataFrame
    pr_auc: float
    members: int
    fit_seconds: float


def ensemble_panel(
    fit: StrategyFit,
    y_test: ArrayLike,
    p_test: ArrayLike,
    pred: ArrayLike,
    grid: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
) -> EnsemblePanel:
    r"""The boundary, test scores and size of one fitted model.

    PR-AUC is the average precision
    :math:`\mathrm{AP} = \sum_k (R_k - R_{k-1}) P_k` over the thresholds of
    ``p_test`` (scikit-learn's ``average_precision_score``).

    Parameters
    ----------
    fit : StrategyFit
        From :func:`lib.remedies.fit_strategy`.
    y_test : array_like of shape (m,)
        Test labels 0/1.
    p_test : array_like of shape (m,)
        The model's test probabilities of class 1.
    pred : array_like of shape (m,)
        Its predicted test labels.
    grid : (grid_x, grid_y, prob)
        Its probability of class 1 on a grid.

    Returns
    -------
    EnsemblePanel

    References
    ----------
    Zhu (2004), "Recall, precision and average precision", University of
    Waterloo; scikit-learn ``average_precision_score``.
    """
    y = as_binary_labels("y_test", y_test)
    p = as_probabilities("p_test", p_test)
    check_same_length(y_test=y, p_test=p)
    linear = STRATEGIES[fit.name].kind in _LINEAR_KINDS
    return EnsemblePanel(
        name=fit.name,
        model=linear_coefficients(fit.model) if linear else None,
        grid=grid,
        boundary=boundary_cells(*grid),
        report=per_class_report(y_test, pred, labels=[0, 1]),
        pr_auc=float(average_precision_score(y_test, p_test)),
        members=len(getattr(fit.model, "estimators_", [0])),
        fit_seconds=fit.fit_seconds,
    )


def scores_table(panels: Mapping[str, EnsemblePanel], *, tr: Callable[..., str]) -> pd.DataFrame:
    """Model, PR-AUC, fitted members and fit time, one row per panel.

    Parameters
    ----------
    panels : mapping of str to EnsemblePanel
        Panels by display name (the ``model`` column).
    tr : callable
        Translation function for the column names (``ensembles.col.model``,
        ``arena.col.pr_auc``, ``ensembles.col.members``, ``ensembles.col.fit``).

    Returns
    -------
    DataFrame
    """
    return pd.DataFrame(
        [
            {
                tr("ensembles.col.model"): label,
                tr("arena.col.pr_auc"): panel.pr_auc,
                tr("ensembles.col.members"): panel.members,
                tr("ensembles.col.fit"): panel.fit_seconds,
            }
            for label, panel in panels.items()
        ]
    )
