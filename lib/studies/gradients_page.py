r"""The gradient-masking page's numbers at the step a student picks.

The page runs plain gradient descent on the unweighted and the weighted
BCE (:func:`lib.gradients.gradient_descent`, cached chunk by chunk in the
Streamlit glue) and shows, at one step of both runs, how much of the
gradient each class contributes: :func:`contributions_at_step`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from numpy.typing import ArrayLike

from lib.gradients import GradientContributions, contribution_table, contributions_at
from lib.i18n import LabError

#: Steps of the two gradient-descent runs the page draws (its step slider's range).
STEPS = 500


@dataclass(frozen=True)
class StepContributions:
    """Per-class gradient contributions of several runs at one step.

    Attributes
    ----------
    step : int
        The step (row of every run).
    contributions : dict of str to GradientContributions
        One entry per run, keyed like the runs.
    table : DataFrame
        :func:`lib.gradients.contribution_table` of ``contributions``: rows
        ``norm0``, ``norm1``, ``share1`` (%), ``loss0``, ``loss1``,
        ``loss_share1`` (%), one column per run.
    """

    step: int
    contributions: dict[str, GradientContributions]
    table: pd.DataFrame


def contributions_at_step(
    X: ArrayLike,
    y: ArrayLike,
    runs: Mapping[str, pd.DataFrame],
    weights: Mapping[str, tuple[float, float]],
    *,
    step: int,
) -> StepContributions:
    r"""Split the gradient of each run's loss by class at one step.

    For run :math:`r` with class weights :math:`(w_0, w_1)` and parameters
    :math:`\theta_r(k)` after ``step`` :math:`= k` steps,

    .. math:: g_0 = \frac1n \sum_{y_i = 0} w_0\, p_i\, \tilde x_i,\qquad
              g_1 = \frac1n \sum_{y_i = 1} w_1\, (p_i - 1)\, \tilde x_i,\qquad
              \text{share}_1 = \frac{\lVert g_1\rVert}{\lVert g_0\rVert + \lVert g_1\rVert}

    (:func:`lib.gradients.contributions_at`).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features of the full training data.
    y : array_like of shape (n,)
        Labels 0/1.
    runs : mapping of str to DataFrame
        Gradient-descent runs (:func:`lib.gradients.gradient_descent`), e.g.
        keyed by their legend label.
    weights : mapping of str to (float, float)
        :math:`(w_0, w_1)` of each run's loss; same keys as ``runs``.
    step : int
        Row of every run, 0 to the shortest run's last row.

    Returns
    -------
    StepContributions

    Raises
    ------
    LabError
        If ``runs`` and ``weights`` have different keys, ``step`` is out of
        range or the data are invalid.

    References
    ----------
    Anand et al. (1993), "An improved algorithm for neural network
    classification of imbalanced training sets", IEEE Trans. Neural
    Networks 4(6) (the majority class dominates the gradient).
    """
    if set(runs) != set(weights):
        raise LabError("error.arg.same_keys", first="runs", second="weights")
    contributions = {
        label: contributions_at(X, y, run, step, w0=weights[label][0], w1=weights[label][1])
        for label, run in runs.items()
    }
    return StepContributions(int(step), contributions, contribution_table(contributions))
