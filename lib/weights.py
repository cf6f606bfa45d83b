"""Class-weight schemes for imbalanced classification."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lib._validation import check_finite_number

SCHEMES = ("balanced", "ins", "isns", "ens")


def class_weights(y: ArrayLike, scheme: str = "balanced", *,
                  beta: float = 0.999) -> dict[int, float]:
    r"""Per-class weights from the class counts of ``y``.

    With :math:`n` samples, :math:`k` classes present and :math:`n_c` samples
    of class :math:`c`:

    * ``"balanced"``: :math:`w_c = n / (k\, n_c)`, identical to scikit-learn's
      ``compute_class_weight("balanced", ...)``, so that
      :math:`\sum_c n_c w_c = n`;
    * ``"ins"`` (inverse number of samples): :math:`w_c \propto 1 / n_c`;
    * ``"isns"`` (inverse square root): :math:`w_c \propto 1 / \sqrt{n_c}`;
    * ``"ens"`` (effective number of samples):
      :math:`w_c \propto (1 - \beta) / (1 - \beta^{n_c})`.

    The last three are normalised so that :math:`\sum_c w_c = k`.

    Parameters
    ----------
    y : array_like of shape (n,)
        Integer class labels.
    scheme : {"balanced", "ins", "isns", "ens"}, default="balanced"
        Which formula to use.
    beta : float, default=0.999
        Hyper-parameter of ``"ens"``, in [0, 1). ``beta -> 1`` approaches
        ``"ins"``, ``beta = 0`` gives uniform weights.

    Returns
    -------
    dict of int to float
        ``{label: weight}`` for every class present in ``y``, sorted by label.

    Raises
    ------
    ValueError
        On an empty ``y``, non-integer labels, an unknown scheme or a ``beta``
        outside [0, 1).

    References
    ----------
    King & Zeng (2001), "Logistic Regression in Rare Events Data" (the
    "balanced" heuristic used by scikit-learn).
    Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on
    Effective Number of Samples", CVPR, eq. (3) and sec. 4.
    """
    if scheme not in SCHEMES:
        raise ValueError(
            f"`scheme` must be one of {', '.join(SCHEMES)}. Got {scheme!r} instead."
        )
    b = check_finite_number("beta", beta, low=0.0)
    if b >= 1.0:
        raise ValueError(f"`beta` must be < 1. Got {b:g} instead.")
    arr = np.asarray(y)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError("`y` must be a non-empty 1-D array of class labels.")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise ValueError("`y` must contain integer class labels.")
        arr = arr.astype(np.int64)
    elif arr.dtype.kind not in "iub":
        raise ValueError("`y` must contain integer class labels.")
    labels, counts_int = np.unique(arr, return_counts=True)
    counts = counts_int.astype(np.float64)
    k = len(labels)
    if scheme == "balanced":
        weights = counts.sum() / (k * counts)
    else:
        if scheme == "ins":
            raw = 1.0 / counts
        elif scheme == "isns":
            raw = 1.0 / np.sqrt(counts)
        elif b == 0.0:
            raw = np.ones(k)
        else:
            # -expm1(n log beta) = 1 - beta**n without cancellation for beta ~ 1.
            raw = -np.expm1(np.log(b)) / -np.expm1(counts * np.log(b))
        weights = raw * k / raw.sum()
    return {int(label): float(w) for label, w in zip(labels, weights, strict=True)}
