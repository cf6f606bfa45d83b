r"""The overview page's numbers: class counts, the trivial baseline and the weight share.

:func:`class_balance` computes everything the overview's metric row and its
"weights now" sentence show.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lib._validation import as_binary_labels, check_class_weights


@dataclass(frozen=True)
class ClassBalance:
    r"""Class counts of a binary data set and what the class weights do to them.

    Attributes
    ----------
    n0, n1 : int
        Samples of class 0 (majority) and class 1 (minority).
    baseline : float
        Accuracy of always predicting class 0, :math:`n_0 / n`.
    weight_share1 : float
        Share of the total weight that class 1 carries,
        :math:`w_1 n_1 / (w_1 n_1 + w_0 n_0)`.
    """

    n0: int
    n1: int
    baseline: float
    weight_share1: float

    @property
    def n(self) -> int:
        """Number of samples."""
        return self.n0 + self.n1


def class_balance(y: ArrayLike, *, w0: float = 1.0, w1: float = 1.0) -> ClassBalance:
    r"""Class counts, the majority baseline and class 1's share of the total weight.

    .. math::

        \text{baseline} = \frac{n_0}{n},\qquad
        \text{share}_1 = \frac{w_1 n_1}{w_1 n_1 + w_0 n_0}

    With balanced weights :math:`w_c = n / (2 n_c)` the share is exactly 1/2:
    both classes carry the same total weight in the loss.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels 0/1, not empty.
    w0, w1 : float, default=1.0
        Class weights; finite, >= 0, not both zero.

    Returns
    -------
    ClassBalance

    Raises
    ------
    LabError
        If ``y`` holds anything but 0 and 1, is empty, or the weights are
        invalid.

    References
    ----------
    King & Zeng (2001), "Logistic regression in rare events data",
    Political Analysis 9(2), sec. 4.
    """
    w0, w1 = check_class_weights(w0, w1)
    y_arr = as_binary_labels("y", y)
    n1 = int(np.sum(y_arr == 1))
    n0 = len(y_arr) - n1
    return ClassBalance(
        n0=n0,
        n1=n1,
        baseline=n0 / len(y_arr),
        weight_share1=w1 * n1 / (w1 * n1 + w0 * n0),
    )
