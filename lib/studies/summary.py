"""The size and class balance of a labelled data set, as the pages report it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lib._validation import as_binary_labels
from lib.i18n import LabError


@dataclass(frozen=True)
class DataSummary:
    """Rows, features and class counts of a binary data set.

    Attributes
    ----------
    rows : int
        Number of samples ``n``.
    features : int
        Number of features ``d``.
    minority : int
        Samples of class 1, :math:`n_1`.
    """

    rows: int
    features: int
    minority: int

    @property
    def majority(self) -> int:
        """Samples of class 0, :math:`n_0 = n - n_1`."""
        return self.rows - self.minority

    @property
    def majority_per_minority(self) -> float:
        """The imbalance ratio :math:`n_0 / n_1` (``inf`` without class-1 samples)."""
        return self.majority / self.minority if self.minority else float("inf")


def summarize_data(X: ArrayLike, y: ArrayLike) -> DataSummary:
    """Count the rows, features and class-1 samples of ``(X, y)``.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.

    Returns
    -------
    DataSummary
    """
    # Only the shape of X matters here: no float copy of a large upload.
    shape = np.shape(X)
    if len(shape) != 2:
        raise LabError("error.arg.ndim", name="X", ndim=2, shape=str(shape))
    y_arr = as_binary_labels("y", y)
    if shape[0] != len(y_arr):
        raise LabError("error.arg.lengths", described=f"`X`: {shape[0]}, `y`: {len(y_arr)}")
    return DataSummary(rows=len(y_arr), features=shape[1], minority=int(np.sum(y_arr == 1)))
