r"""Real data sets bundled with scikit-learn, made as imbalanced as asked.

Both load from files shipped inside scikit-learn, so they work offline:

* ``"breast_cancer"`` — Wisconsin diagnostic breast cancer, 30 features;
  class 1 = malignant (212 of 569), the rest benign (357).
* ``"digits"`` — 8×8 images of handwritten digits, 64 features; class 1 =
  the digit 8 (174 of 1,797), class 0 = every other digit (1,623).

To reach a ratio of 1:r, every majority sample is kept and a random subset
of :math:`\max(5, \mathrm{round}(n_0 / r))` minority samples is drawn;
ratios with :math:`n_0 / r < 5` are refused, so that 5-fold stratified
cross-validation can test on every class in every fold.

References
----------
Street, Wolberg, Mangasarian (1993), "Nuclear feature extraction for breast
tumor diagnosis", IS&T/SPIE 1905 (breast cancer data).
Alpaydin & Kaynak (1998), UCI "Optical Recognition of Handwritten Digits".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.datasets import load_breast_cancer, load_digits

from lib._validation import check_finite_number, check_int
from lib.i18n import LabError

#: Fewest minority samples a reduced data set keeps (one per test fold of 5).
MIN_MINORITY = 5


def _breast_cancer() -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    data: Any = load_breast_cancer()
    # sklearn codes malignant as 0; the app's class 1 is the rare positive.
    return np.asarray(data.data, dtype=np.float64), (data.target == 0).astype(np.int64)


def _digits() -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    data: Any = load_digits()
    return np.asarray(data.data, dtype=np.float64), (data.target == 8).astype(np.int64)


@dataclass(frozen=True)
class RealDataset:
    """A bundled data set: its loader and the ratios it can offer."""

    name: str
    load: Callable[[], tuple[NDArray[np.float64], NDArray[np.int64]]]
    ratios: tuple[int, ...]


#: Bundled data sets and the imbalance ratios (majority per minority) offered.
REAL_DATASETS: dict[str, RealDataset] = {
    d.name: d
    for d in (
        RealDataset("breast_cancer", _breast_cancer, (10, 50)),
        RealDataset("digits", _digits, (10, 50, 200)),
    )
}


def load_real(
    name: str, ratio: float, *, random_state: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    r"""A bundled real data set, reduced to an imbalance of 1:``ratio``.

    Keeps all :math:`n_0` majority rows and
    :math:`\max(5, \mathrm{round}(n_0 / \mathit{ratio}))` minority rows drawn
    without replacement; rows keep their original order.

    Parameters
    ----------
    name : {"breast_cancer", "digits"}
        Which data set.
    ratio : float
        Majority per minority, >= 1 (e.g. 50 for 1:50). Ratios the data set
        cannot reach with five minority rows are refused.
    random_state : int, default=0
        Seed of the minority subset.

    Returns
    -------
    X : ndarray of shape (n, d)
    y : ndarray of int of shape (n,)
        1 for the minority class.

    Raises
    ------
    ValueError
        On an unknown name or an unreachable ratio.

    References
    ----------
    scikit-learn ``load_breast_cancer`` / ``load_digits`` (bundled files).
    """
    if name not in REAL_DATASETS:
        raise LabError(
            "error.arg.choice", name="name", choices=", ".join(REAL_DATASETS), value=repr(name)
        )
    r = check_finite_number("ratio", ratio, low=1.0)
    seed = check_int("random_state", random_state, low=0)
    X, y = REAL_DATASETS[name].load()
    n0, n1 = int(np.sum(y == 0)), int(np.sum(y == 1))
    keep1 = max(MIN_MINORITY, round(n0 / r))
    if keep1 > n1:
        raise LabError(
            "error.dataset.too_few_minority",
            name=name,
            n1=n1,
            ratio=f"{r:g}",
            need=keep1,
            lowest=int(np.ceil(n0 / n1)),
        )
    if n0 / r < MIN_MINORITY:
        raise LabError(
            "error.dataset.too_few_left",
            name=name,
            n0=n0,
            ratio=f"{r:g}",
            least=MIN_MINORITY,
            highest=n0 // MIN_MINORITY,
        )
    rng = np.random.default_rng(seed)
    minority = rng.choice(np.flatnonzero(y == 1), size=keep1, replace=False)
    rows = np.sort(np.concatenate([np.flatnonzero(y == 0), minority]))
    return X[rows], y[rows]


def example_csv() -> bytes:
    """The breast cancer data as a CSV file, for trying the upload page.

    Columns: the 30 features (names with spaces replaced by underscores), a
    text column ``clinic`` with three values (to show one-hot encoding) and
    the target ``diagnosis`` (``malignant`` / ``benign``).

    Returns
    -------
    bytes
        UTF-8 CSV with a header row.

    References
    ----------
    Street, Wolberg, Mangasarian (1993), IS&T/SPIE 1905.
    """
    data: Any = load_breast_cancer(as_frame=True)
    frame = data.data.copy()
    frame.columns = [str(c).replace(" ", "_") for c in frame.columns]
    rng = np.random.default_rng(0)
    frame["clinic"] = rng.choice(["north", "south", "east"], size=len(frame))
    frame["diagnosis"] = np.where(data.target == 0, "malignant", "benign")
    return str(frame.to_csv(index=False)).encode("utf-8")
