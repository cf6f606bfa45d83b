"""Class-weight schemes for imbalanced classification."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_float_array,
    check_beta,
    check_choice,
    check_finite_number,
)
from lib.i18n import LabError

SCHEMES = ("balanced", "ins", "isns", "ens")


def class_weights(
    y: ArrayLike, scheme: str = "balanced", *, beta: float = 0.999
) -> dict[int, float]:
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
    arr = _integer_labels(y)
    labels, counts = np.unique(arr, return_counts=True)
    weights = weights_from_counts(counts, scheme, beta=beta)
    return {int(label): float(w) for label, w in zip(labels, weights, strict=True)}


def _integer_labels(y: ArrayLike) -> NDArray[np.int64]:
    arr = np.asarray(y)
    if arr.ndim != 1 or arr.size == 0:
        raise LabError("error.arg.labels_1d", name="y")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise LabError("error.arg.integer_labels", name="y")
    elif arr.dtype.kind not in "iub":
        raise LabError("error.arg.integer_labels", name="y")
    return arr.astype(np.int64)


def effective_number(counts: ArrayLike, *, beta: float = 0.999) -> NDArray[np.float64]:
    r"""Effective number of samples of each class, Cui et al. (2019).

    .. math:: E_{n_c} = \frac{1 - \beta^{n_c}}{1 - \beta}

    It grows like :math:`n_c` for small counts and saturates at
    :math:`1/(1-\beta)`: extra samples of a frequent class add less and less
    new information.

    Parameters
    ----------
    counts : array_like of shape (k,)
        Samples per class, >= 0.
    beta : float, default=0.999
        In [0, 1); ``beta = 0`` gives 1 for every non-empty class.

    Returns
    -------
    ndarray of shape (k,)

    References
    ----------
    Cui, Jia, Lin, Song, Belongie (2019), "Class-Balanced Loss Based on
    Effective Number of Samples", CVPR, eq. (3).
    """
    b = check_beta(beta)
    n = as_float_array("counts", counts)
    if np.any(n < 0):
        raise LabError("error.arg.nonnegative", name="counts")
    if b == 0.0:
        return (n > 0).astype(np.float64)
    # -expm1(n log beta) = 1 - beta**n without cancellation for beta near 1.
    return np.asarray(-np.expm1(n * np.log(b)) / -np.expm1(np.log(b)), dtype=np.float64)


def weights_from_counts(
    counts: ArrayLike, scheme: str = "balanced", *, beta: float = 0.999
) -> NDArray[np.float64]:
    r"""Per-class weights from class counts (the formulas of :func:`class_weights`).

    Parameters
    ----------
    counts : array_like of shape (k,)
        Samples per class, all > 0.
    scheme : {"balanced", "ins", "isns", "ens"}, default="balanced"
        ``"balanced"``: :math:`n / (k n_c)`; ``"ins"``: :math:`\propto 1/n_c`;
        ``"isns"``: :math:`\propto 1/\sqrt{n_c}`; ``"ens"``:
        :math:`\propto 1/E_{n_c}` (:func:`effective_number`). The last three
        are normalised to sum to ``k``.
    beta : float, default=0.999
        Hyper-parameter of ``"ens"``, in [0, 1).

    Returns
    -------
    ndarray of shape (k,)

    References
    ----------
    Cui et al. (2019), CVPR, sec. 4 (normalisation to sum k).
    """
    check_choice("scheme", scheme, SCHEMES)
    b = check_beta(beta)
    n = as_float_array("counts", counts)
    if np.any(n <= 0):
        raise LabError("error.weights.counts_positive")
    k = len(n)
    if scheme == "balanced":
        return np.asarray(n.sum() / (k * n), dtype=np.float64)
    if scheme == "ins":
        raw = 1.0 / n
    elif scheme == "isns":
        raw = 1.0 / np.sqrt(n)
    else:
        raw = 1.0 / effective_number(n, beta=b)
    return np.asarray(raw * k / raw.sum(), dtype=np.float64)


def sample_weights(
    y: ArrayLike, class_weight: Mapping[int, float] | str | None = None, *, beta: float = 0.999
) -> NDArray[np.float64]:
    r"""Expand per-class weights into one weight per sample (Keras ``sample_weight``).

    .. math:: s_i = w_{y_i}

    The Keras idiom ``w = np.ones(len(y)); w[y == 3] = 1.5`` is
    ``sample_weights(y, {3: 1.5})``: classes missing from the mapping keep
    weight 1.

    Parameters
    ----------
    y : array_like of shape (n,)
        Integer class labels.
    class_weight : mapping of int to float, str or None, default=None
        Per-class weights, or a scheme name for :func:`class_weights`;
        ``None`` gives all ones.
    beta : float, default=0.999
        Passed to :func:`class_weights` for ``"ens"``.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Keras documentation, ``Model.fit`` (``class_weight`` and
    ``sample_weight`` arguments).
    """
    arr = _integer_labels(y)
    out = np.ones(len(arr))
    if class_weight is None:
        return out
    mapping = (
        class_weights(arr, class_weight, beta=beta)
        if isinstance(class_weight, str)
        else dict(class_weight)
    )
    for label, weight in mapping.items():
        w = check_finite_number(f"class_weight[{label}]", weight, low=0.0)
        out[arr == label] = w
    return out


def multilabel_sample_weights(Y: ArrayLike, class_weight: ArrayLike) -> NDArray[np.float64]:
    r"""One weight per sample of multi-label data: the sum of its labels' class weights.

    .. math:: s_i = \sum_c Y_{ic}\, w_c

    This is how the GumGum Tech post applies INS, ISNS or ENS to a mini-batch:
    the class weights :math:`w_c` are computed once from the label counts of
    the whole training set and every sample of a batch looks its weight up
    from its labels, summing over them when it has several. With exactly one
    label per row it equals :func:`sample_weights` (:math:`s_i = w_{y_i}`).

    Parameters
    ----------
    Y : array_like of shape (n, k)
        Label indicator matrix, entries 0 or 1.
    class_weight : array_like of shape (k,)
        Class weights >= 0, e.g. :func:`weights_from_counts` of ``Y.sum(axis=0)``.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    GumGum Tech (2020), "Handling Class Imbalance by Introducing Sample
    Weighting in the Loss Function", Medium (weights looked up per sample in
    every batch, summed over a sample's labels).
    """
    labels = as_float_array("Y", Y, ndim=2)
    w = as_float_array("class_weight", class_weight)
    if not np.all((labels == 0) | (labels == 1)):
        raise LabError("error.weights.indicator")
    if labels.shape[1] != len(w):
        raise LabError("error.weights.per_column", columns=labels.shape[1], got=len(w))
    if np.any(w < 0):
        raise LabError("error.arg.nonnegative_all", name="class_weight")
    return np.asarray(labels @ w, dtype=np.float64)


def recency_weights(age: ArrayLike, *, half_life: float) -> NDArray[np.float64]:
    r"""Exponential-decay weights by sample age: newer samples matter more.

    .. math:: s_i = 2^{-a_i / h}

    A sample one half-life old counts half as much as a new one; old samples
    are down-weighted, never ignored.

    Parameters
    ----------
    age : array_like of shape (n,)
        Age of every sample (0 = newest), >= 0, in any time unit.
    half_life : float
        Half-life ``h`` in the same unit, > 0.

    Returns
    -------
    ndarray of shape (n,)
        Weights in (0, 1], never below the smallest positive double.

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), *The Elements of Statistical
    Learning*, sec. 6.1.1 (locally weighted fitting); exponential forgetting
    as in Gama et al. (2014), "A Survey on Concept Drift Adaptation", ACM
    Computing Surveys 46(4), sec. 3.2.
    """
    a = as_float_array("age", age)
    if np.any(a < 0):
        raise LabError("error.weights.age")
    h = check_finite_number("half_life", half_life, low=0.0, low_inclusive=False)
    # Clamped at the smallest positive double: a very old sample is
    # down-weighted as far as floating point allows, but never to exactly 0.
    return np.asarray(np.maximum(np.exp2(-a / h), np.finfo(np.float64).tiny), dtype=np.float64)
