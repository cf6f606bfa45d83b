"""Tests of lib.studies.overview: the overview page's class counts and weight share."""

import numpy as np
import pytest

from lib.data import make_imbalanced
from lib.i18n import LabError
from lib.studies.overview import class_balance
from lib.weights import class_weights


def test_counts_and_the_majority_baseline():
    y = np.array([0] * 9 + [1])
    b = class_balance(y)
    assert (b.n0, b.n1, b.n) == (9, 1, 10)
    assert b.baseline == pytest.approx(0.9)
    assert b.weight_share1 == pytest.approx(0.1)  # unit weights: the class share


def test_weight_share_follows_the_weights():
    y = np.array([0] * 99 + [1])
    assert class_balance(y, w0=1.0, w1=99.0).weight_share1 == pytest.approx(0.5)
    assert class_balance(y, w0=1.0, w1=9.0).weight_share1 == pytest.approx(9 / 108)


def test_balanced_weights_give_each_class_half_of_the_weight():
    _, y = make_imbalanced(3000, 100, random_state=1)
    w = class_weights(y)
    b = class_balance(y, w0=w[0], w1=w[1])
    assert b.weight_share1 == pytest.approx(0.5)
    assert b.n1 == int(np.sum(y == 1))


@pytest.mark.parametrize(
    ("y", "w0", "w1"),
    [([0, 2, 1], 1.0, 1.0), ([], 1.0, 1.0), ([0, 1], 0.0, 0.0), ([0, 1], -1.0, 1.0)],
)
def test_invalid_inputs_raise_lab_errors(y, w0, w1):
    with pytest.raises(LabError):
        class_balance(y, w0=w0, w1=w1)
