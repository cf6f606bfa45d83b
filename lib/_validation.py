"""Input checks shared by the public functions of :mod:`lib`.

Every check raises :class:`ValueError` (a :class:`lib.i18n.LabError`, so
pages can show it in the reader's language) with a message a student can act
on, in the form "`name` must be ... Got ... instead.", so that bad input
never turns into a silent NaN further down.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lib.i18n import LabError


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_finite_number(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
) -> float:
    """Return ``value`` as a float after checking it is finite and in range."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise LabError("error.arg.not_number", name=name, value=_show(value)) from None
    if not math.isfinite(number):
        raise LabError("error.arg.not_finite", name=name, value=_show(value))
    if low is not None:
        too_low = number < low if low_inclusive else number <= low
        if too_low:
            raise LabError(
                "error.arg.at_least" if low_inclusive else "error.arg.above",
                name=name,
                low=f"{low:g}",
                value=f"{number:g}",
            )
    if high is not None and number > high:
        raise LabError("error.arg.at_most", name=name, high=f"{high:g}", value=f"{number:g}")
    return number


def check_int(name: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int after checking it is an integer in range."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise LabError("error.arg.not_integer", name=name, value=_show(value))
    number = int(value)
    if low is not None and number < low:
        raise LabError("error.arg.at_least", name=name, low=low, value=number)
    if high is not None and number > high:
        raise LabError("error.arg.at_most", name=name, high=high, value=number)
    return number


def check_threshold(name: str, value: Any) -> float:
    """Check a probability threshold strictly between 0 and 1."""
    t = check_finite_number(name, value, low=0.0, low_inclusive=False, high=1.0)
    if t >= 1.0:
        raise LabError("error.arg.below", name=name, high="1", value=f"{t:g}")
    return t


def check_class_weights(w0: Any, w1: Any) -> tuple[float, float]:
    """Check a pair of class weights: finite, >= 0 and not both zero."""
    a = check_finite_number("w0", w0, low=0.0)
    b = check_finite_number("w1", w1, low=0.0)
    if a == 0.0 and b == 0.0:
        raise LabError("error.arg.weights_zero")
    return a, b


def as_float_array(
    name: str, values: ArrayLike, *, ndim: int = 1, allow_empty: bool = False
) -> NDArray[np.float64]:
    """Convert to a float64 array of the given rank, rejecting NaN and inf."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise LabError("error.arg.numbers_only", name=name) from None
    if arr.ndim != ndim:
        raise LabError("error.arg.ndim", name=name, ndim=ndim, shape=str(arr.shape))
    if not allow_empty and arr.size == 0:
        raise LabError("error.arg.empty", name=name)
    if not np.all(np.isfinite(arr)):
        bad = int(np.count_nonzero(~np.isfinite(arr)))
        raise LabError("error.arg.non_finite", name=name, bad=bad)
    return arr


def as_probabilities(
    name: str, values: ArrayLike, *, allow_empty: bool = False
) -> NDArray[np.float64]:
    """Convert to a 1-D float array of probabilities in [0, 1]."""
    arr = as_float_array(name, values, allow_empty=allow_empty)
    outside = (arr < 0.0) | (arr > 1.0)
    if np.any(outside):
        raise LabError(
            "error.arg.not_probabilities", name=name, found=repr(arr[outside][:5].tolist())
        )
    return arr


def check_beta(beta: Any) -> float:
    """Check the effective-number hyper-parameter: 0 <= beta < 1."""
    b = check_finite_number("beta", beta, low=0.0)
    if b >= 1.0:
        raise LabError("error.arg.beta", value=f"{b:g}")
    return b


def as_coefficients(values: ArrayLike) -> NDArray[np.float64]:
    """Model coefficients as a flat float array (sklearn's ``coef_`` is 2-D)."""
    try:
        flat = np.ravel(np.asarray(values, dtype=np.float64))
    except (TypeError, ValueError):
        raise LabError("error.arg.numbers_only", name="coef") from None
    return as_float_array("coef", flat)


def as_class_indices(name: str, values: ArrayLike) -> NDArray[np.int64]:
    """Convert labels to an int array of class indices 0, 1, 2, ..."""
    arr = as_float_array(name, values)
    if not np.all((arr == np.round(arr)) & (arr >= 0)):
        raise LabError("error.arg.class_indices", name=name)
    return arr.astype(np.int64)


def as_binary_labels(name: str, values: ArrayLike) -> NDArray[np.float64]:
    """Convert labels to a float array of 0.0 and 1.0, rejecting anything else."""
    arr = as_float_array(name, values)
    if not np.all((arr == 0.0) | (arr == 1.0)):
        found = np.unique(arr[(arr != 0.0) & (arr != 1.0)])[:5]
        raise LabError("error.arg.binary_labels", name=name, found=_show(found.tolist()))
    return arr


def check_same_length(**arrays: NDArray[Any]) -> int:
    """Check that all arrays have the same first dimension and return it."""
    lengths = {name: len(arr) for name, arr in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"`{name}`: {n}" for name, n in lengths.items())
        raise LabError("error.arg.lengths", described=described)
    return next(iter(lengths.values()))


def check_choice(name: str, value: Any, choices: Sequence[str]) -> str:
    """Return ``value`` after checking it is one of ``choices``.

    The message lists the choices as plain words: "`name` must be one of a,
    b. Got 'c' instead."
    """
    if not isinstance(value, str) or value not in choices:
        raise LabError(
            "error.arg.choice", name=name, choices=", ".join(choices), value=_show(value)
        )
    return value


def check_either(name: str, value: Any, first: str, second: str) -> str:
    """Return ``value`` after checking it is ``first`` or ``second``.

    The message quotes both: "`name` must be 'a' or 'b'. Got 'c' instead."
    """
    if not isinstance(value, str) or value not in (first, second):
        raise LabError(
            "error.arg.either",
            name=name,
            first=repr(first),
            second=repr(second),
            value=_show(value),
        )
    return value


def check_reduction(reduction: str) -> str:
    """Check the ``reduction`` argument of a loss."""
    if reduction not in ("mean", "sum", "none"):
        raise LabError("error.arg.reduction", value=_show(reduction))
    return reduction


def reduce(losses: NDArray[np.float64], reduction: str) -> float | NDArray[np.float64]:
    """Apply a loss reduction; "mean" divides by the number of samples."""
    if reduction == "none":
        return losses
    if reduction == "sum":
        return float(np.sum(losses))
    return float(np.mean(losses))


def labels_and_scores(
    y_true: ArrayLike, p: ArrayLike
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Labels 0/1 with both classes present, and probabilities of the same length."""
    y = as_binary_labels("y_true", y_true).astype(np.int64)
    prob = as_probabilities("p", p)
    check_same_length(y_true=y, p=prob)
    if np.unique(y).size < 2:
        raise LabError("error.arg.one_class", name="y_true", cls=int(y[0]))
    return y, prob
