r"""Class-weight schemes on a long-tailed, multi-class distribution (the schemes page).

:func:`weight_schemes` computes everything the page shows: the class counts,
the weight of every class under each scheme of :mod:`lib.weights`, the
effective numbers of samples and the ENS weights as :math:`\beta` moves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from lib._validation import check_int, check_same_length
from lib.data import long_tail_counts
from lib.weights import effective_number, weights_from_counts

#: The schemes the page compares, in display order.
SCHEMES: tuple[str, ...] = ("balanced", "ins", "isns", "ens")
#: Smallest :math:`1 - \beta` of the ENS sweep (its axis runs from here to 1).
MIN_ONE_MINUS_BETA = 1e-5


@dataclass(frozen=True)
class WeightSchemes:
    r"""Counts, weights and effective numbers of a long-tailed distribution.

    Attributes
    ----------
    counts : ndarray of int of shape (k,)
        Samples per class, head first.
    beta : float
        The ENS hyper-parameter the weights and effective numbers use.
    weights : dict of str to ndarray of shape (k,)
        Per-class weights of every scheme in :data:`SCHEMES`.
    effective : ndarray of shape (k,)
        Effective numbers of samples :math:`E_{n_c}` at ``beta``.
    one_minus_beta : ndarray of shape (m,)
        The sweep of :math:`1 - \beta`, log-spaced from
        :data:`MIN_ONE_MINUS_BETA` to 1.
    ens_sweep : ndarray of shape (m, k)
        ENS weights of every class at each ``1 - one_minus_beta``.
    beta_mark : float
        Where the current ``beta`` lies on the sweep's axis
        (:math:`1 - \beta`, at least :data:`MIN_ONE_MINUS_BETA`).
    """

    counts: NDArray[np.int64]
    beta: float
    weights: dict[str, NDArray[np.float64]]
    effective: NDArray[np.float64]
    one_minus_beta: NDArray[np.float64]
    ens_sweep: NDArray[np.float64]
    beta_mark: float

    @property
    def n_classes(self) -> int:
        """Number of classes ``k``."""
        return len(self.counts)

    @property
    def n_samples(self) -> int:
        """Total number of samples."""
        return int(self.counts.sum())

    def weight_table(self, labels: Mapping[str, str], classes: Sequence[str]) -> pd.DataFrame:
        """The weights as a table: one row per class, one column per scheme.

        Parameters
        ----------
        labels : mapping of str to str
            Column label of each scheme in :data:`SCHEMES`.
        classes : sequence of str
            Row label of each class.

        Returns
        -------
        DataFrame
        """
        return pd.DataFrame(
            {labels[scheme]: self.weights[scheme] for scheme in SCHEMES},
            index=_check_labels(classes, self.counts),
        )

    def count_table(self, count: str, effective: str, classes: Sequence[str]) -> pd.DataFrame:
        """Counts and effective numbers: one row per class, columns ``count``, ``effective``."""
        return pd.DataFrame(
            {count: self.counts, effective: self.effective},
            index=_check_labels(classes, self.counts),
        )


def _check_labels(classes: Sequence[str], counts: NDArray[np.int64]) -> list[str]:
    check_same_length(classes=np.asarray(classes), counts=counts)
    return list(classes)


def weight_schemes(
    head: int, tail: float, *, beta: float = 0.999, n_betas: int = 60, n_classes: int = 7
) -> WeightSchemes:
    r"""Weights of every scheme on the long-tailed counts of :func:`lib.data.long_tail_counts`.

    Counts :math:`n_c = \max(1, \mathrm{round}(n_{\max} \rho^{-c/(k-1)}))`;
    weights :math:`w^{\text{bal}}_c = n/(k n_c)`, :math:`w^{\text{INS}}_c \propto
    1/n_c`, :math:`w^{\text{ISNS}}_c \propto 1/\sqrt{n_c}`, :math:`w^{\text{ENS}}_c
    \propto (1-\beta)/(1-\beta^{n_c})` (the last three sum to ``k``), see
    :func:`lib.weights.weights_from_counts`.

    Parameters
    ----------
    head : int
        Samples of the most frequent class.
    tail : float
        Ratio of the largest to the smallest count.
    beta : float, default=0.999
        ENS hyper-parameter, in [0, 1).
    n_betas : int, default=60
        Points of the :math:`1 - \beta` sweep, 2 to 1,000.
    n_classes : int, default=7
        Number of classes ``k``.

    Returns
    -------
    WeightSchemes

    References
    ----------
    Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on
    Effective Number of Samples", CVPR, eq. (3) and sec. 5.1.
    """
    m = check_int("n_betas", n_betas, low=2, high=1000)
    counts = long_tail_counts(head, tail, n_classes=n_classes)
    weights = {scheme: weights_from_counts(counts, scheme, beta=beta) for scheme in SCHEMES}
    one_minus = np.logspace(np.log10(MIN_ONE_MINUS_BETA), 0, m)
    sweep = np.array([weights_from_counts(counts, "ens", beta=1.0 - b) for b in one_minus])
    return WeightSchemes(
        counts=counts,
        beta=float(beta),
        weights=weights,
        effective=effective_number(counts, beta=beta),
        one_minus_beta=one_minus,
        ens_sweep=sweep,
        beta_mark=max(1.0 - float(beta), MIN_ONE_MINUS_BETA),
    )
