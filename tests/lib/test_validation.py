"""lib._validation: the argument checks every lib function shares, in every language."""

from __future__ import annotations

import numpy as np
import pytest

from lib._validation import check_finite_number, check_int, check_same_length
from tests.lib.helpers import _assert_translated, _error


@pytest.mark.parametrize(
    "call",
    [
        lambda: check_finite_number("w1", float("nan")),
        lambda: check_finite_number("w1", "abc"),
        lambda: check_finite_number("w1", -1.0, low=0.0),
        lambda: check_finite_number("w1", 0.0, low=0.0, low_inclusive=False),
        lambda: check_int("n", 2.5),
        lambda: check_int("n", 20, high=10),
        lambda: check_same_length(X=np.ones(3), y=np.ones(4)),
    ],
)
def test_argument_checks_are_translated(call):
    _assert_translated(_error(call))
