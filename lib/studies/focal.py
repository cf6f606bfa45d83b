r"""The focal-loss page's numbers: where the loss comes from and what focal training changes.

:func:`focal_comparison` computes the loss shares of easy and hard samples
under BCE and focal loss (:func:`lib.losses.focal_loss_shares`) and the
per-class test metrics of the weighted and the focal-loss model.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from numpy.typing import ArrayLike

from lib._validation import check_choice
from lib.linear import LinearModel
from lib.losses import focal_loss_shares
from lib.metrics import per_class_report

#: The page's alpha choices; ``"none"`` means no alpha term.
ALPHA_CHOICES: tuple[str, ...] = ("none", "0.1", "0.25", "0.5", "0.75", "0.9")


def alpha_value(choice: str) -> float | None:
    """The focal alpha of one of :data:`ALPHA_CHOICES` (``"none"``: ``None``).

    Parameters
    ----------
    choice : str
        An entry of :data:`ALPHA_CHOICES`.

    Returns
    -------
    float or None

    Raises
    ------
    LabError
        If ``choice`` is not in :data:`ALPHA_CHOICES`.
    """
    text = check_choice("alpha", choice, ALPHA_CHOICES)
    return None if text == "none" else float(text)


@dataclass(frozen=True)
class FocalComparison:
    """Loss shares under BCE and focal loss, and the test metrics of two models.

    Attributes
    ----------
    shares : DataFrame
        :func:`lib.losses.focal_loss_shares` of the plain model's training
        probabilities: rows ``bce``, ``focal``, ``count``; columns
        ``easy_majority``, ``hard_majority``, ``minority``, ``majority``,
        ``total``.
    reports : dict of str to DataFrame
        :func:`lib.metrics.per_class_report` on the test set of
        ``"weighted"`` and ``"focal"`` (each at 0.5).
    """

    shares: pd.DataFrame
    reports: dict[str, pd.DataFrame]

    def _cell(self, row: str, column: str) -> float:
        return float(self.shares.to_dict()[column][row])

    @property
    def n_majority(self) -> int:
        """Training samples of class 0."""
        return int(self._cell("count", "majority"))

    @property
    def n_easy(self) -> int:
        """Class-0 training samples the plain model already gets right with p_t >= 0.9."""
        return int(self._cell("count", "easy_majority"))

    @property
    def easy_bce(self) -> float:
        """Share of the summed BCE that the easy majority samples contribute."""
        return self._cell("bce", "easy_majority")

    @property
    def easy_focal(self) -> float:
        """Share of the summed focal loss that the easy majority samples contribute."""
        return self._cell("focal", "easy_majority")


def focal_comparison(
    X: ArrayLike,
    y: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    plain: LinearModel,
    weighted: LinearModel,
    focal: LinearModel,
    gamma: float,
    alpha: float | None,
) -> FocalComparison:
    r"""Loss shares of the plain model, and the weighted against the focal-loss model.

    The shares use the plain (unweighted) model's probabilities
    :math:`p_i = \sigma(\beta^\top x_i + \beta_0)` on the training data: the
    share of easy majority samples (:math:`p_t \ge 0.9`) in the summed BCE
    and in the summed focal loss
    :math:`-\alpha_t (1 - p_t)^\gamma \log p_t`. The metrics are
    precision, recall and :math:`F_{0.5}` per class on the test set.

    Parameters
    ----------
    X, y : array_like
        Training features and labels 0/1.
    X_test, y_test : array_like
        Test features and labels 0/1.
    plain, weighted, focal : LinearModel
        The unweighted, the class-weighted and the focal-loss model.
    gamma : float
        Focal focusing parameter, >= 0.
    alpha : float or None
        Focal alpha (weight of class 1); ``None``: no alpha term.

    Returns
    -------
    FocalComparison

    Raises
    ------
    LabError
        If the data, models or focal parameters are invalid.

    References
    ----------
    Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV,
    sec. 3.2 ("easy negatives comprise the majority of the loss").
    """
    shares = focal_loss_shares(y, plain.probability(X), gamma=gamma, alpha=alpha)
    reports = {
        name: per_class_report(y_test, model.predict(X_test), labels=[0, 1])
        for name, model in (("weighted", weighted), ("focal", focal))
    }
    return FocalComparison(shares=shares, reports=reports)
