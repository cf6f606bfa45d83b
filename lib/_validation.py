"""Input checks shared by the public functions of :mod:`lib`.

Every check raises :class:`ValueError` with a message a student can act on,
in the form "`name` must be ... Got ... instead.", so that bad input never
turns into a silent NaN further down.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_finite_number(name: str, value: Any, *, low: float | None = None,
                        high: float | None = None,
                        low_inclusive: bool = True) -> float:
    """Return ``value`` as a float after checking it is finite and in range."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"`{name}` must be a number. Got {_show(value)} instead."
        ) from None
    if not math.isfinite(number):
        raise ValueError(
            f"`{name}` must be a finite number. Got {_show(value)} instead."
        )
    if low is not None:
        too_low = number < low if low_inclusive else number <= low
        if too_low:
            op = ">=" if low_inclusive else ">"
            raise ValueError(f"`{name}` must be {op} {low:g}. Got {number:g} instead.")
    if high is not None and number > high:
        raise ValueError(f"`{name}` must be <= {high:g}. Got {number:g} instead.")
    return number


def check_int(name: str, value: Any, *, low: int | None = None,
              high: int | None = None) -> int:
    """Return ``value`` as an int after checking it is an integer in range."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(
                f"`{name}` must be an integer. Got {_show(value)} instead."
            )
    number = int(value)
    if low is not None and number < low:
        raise ValueError(f"`{name}` must be >= {low}. Got {number} instead.")
    if high is not None and number > high:
        raise ValueError(f"`{name}` must be <= {high}. Got {number} instead.")
    return number


def check_threshold(name: str, value: Any) -> float:
    """Check a probability threshold strictly between 0 and 1."""
    t = check_finite_number(name, value, low=0.0, low_inclusive=False, high=1.0)
    if t >= 1.0:
        raise ValueError(f"`{name}` must be < 1. Got {t:g} instead.")
    return t


def check_class_weights(w0: Any, w1: Any) -> tuple[float, float]:
    """Check a pair of class weights: finite, >= 0 and not both zero."""
    a = check_finite_number("w0", w0, low=0.0)
    b = check_finite_number("w1", w1, low=0.0)
    if a == 0.0 and b == 0.0:
        raise ValueError(
            "At least one of `w0` and `w1` must be positive. Got w0=0 and w1=0 "
            "instead; the loss would be zero everywhere."
        )
    return a, b


def as_float_array(name: str, values: ArrayLike, *, ndim: int = 1,
                   allow_empty: bool = False) -> NDArray[np.float64]:
    """Convert to a float64 array of the given rank, rejecting NaN and inf."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"`{name}` must contain numbers only.") from None
    if arr.ndim != ndim:
        raise ValueError(
            f"`{name}` must be a {ndim}-D array. Got an array with shape "
            f"{arr.shape} instead."
        )
    if not allow_empty and arr.size == 0:
        raise ValueError(f"`{name}` must not be empty.")
    if not np.all(np.isfinite(arr)):
        bad = int(np.count_nonzero(~np.isfinite(arr)))
        raise ValueError(
            f"`{name}` must contain finite numbers only. Found {bad} NaN or "
            "infinite value(s)."
        )
    return arr


def as_probabilities(name: str, values: ArrayLike, *,
                     allow_empty: bool = False) -> NDArray[np.float64]:
    """Convert to a 1-D float array of probabilities in [0, 1]."""
    arr = as_float_array(name, values, allow_empty=allow_empty)
    outside = (arr < 0.0) | (arr > 1.0)
    if np.any(outside):
        raise ValueError(
            f"`{name}` must contain probabilities between 0 and 1. Found "
            f"{arr[outside][:5].tolist()!r} instead."
        )
    return arr


def check_beta(beta: Any) -> float:
    """Check the effective-number hyper-parameter: 0 <= beta < 1."""
    b = check_finite_number("beta", beta, low=0.0)
    if b >= 1.0:
        raise ValueError(f"`beta` must be < 1 (try 0.999). Got {b:g} instead.")
    return b


def as_coefficients(values: ArrayLike) -> NDArray[np.float64]:
    """Model coefficients as a flat float array (sklearn's ``coef_`` is 2-D)."""
    try:
        flat = np.ravel(np.asarray(values, dtype=np.float64))
    except (TypeError, ValueError):
        raise ValueError("`coef` must contain numbers only.") from None
    return as_float_array("coef", flat)


def as_class_indices(name: str, values: ArrayLike) -> NDArray[np.int64]:
    """Convert labels to an int array of class indices 0, 1, 2, ..."""
    arr = as_float_array(name, values)
    if not np.all((arr == np.round(arr)) & (arr >= 0)):
        raise ValueError(f"`{name}` must contain class indices 0, 1, 2, ...")
    return arr.astype(np.int64)


def as_binary_labels(name: str, values: ArrayLike) -> NDArray[np.float64]:
    """Convert labels to a float array of 0.0 and 1.0, rejecting anything else."""
    arr = as_float_array(name, values)
    if not np.all((arr == 0.0) | (arr == 1.0)):
        found = np.unique(arr[(arr != 0.0) & (arr != 1.0)])[:5]
        raise ValueError(
            f"`{name}` must contain only the class labels 0 and 1. Found "
            f"{_show(found.tolist())} instead."
        )
    return arr


def check_same_length(**arrays: NDArray[Any]) -> int:
    """Check that all arrays have the same first dimension and return it."""
    lengths = {name: len(arr) for name, arr in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(
            f"The inputs must have the same number of samples; {described}."
        )
    return next(iter(lengths.values()))


def check_reduction(reduction: str) -> str:
    """Check the ``reduction`` argument of a loss."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(
            "`reduction` must be 'mean', 'sum' or 'none'. Got "
            f"{_show(reduction)} instead."
        )
    return reduction


def reduce(losses: NDArray[np.float64], reduction: str) -> float | NDArray[np.float64]:
    """Apply a loss reduction; "mean" divides by the number of samples."""
    if reduction == "none":
        return losses
    if reduction == "sum":
        return float(np.sum(losses))
    return float(np.mean(losses))
