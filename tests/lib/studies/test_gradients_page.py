"""Tests of lib.studies.gradients_page: per-class gradient contributions at one step."""

import numpy as np
import pandas as pd
import pytest

from lib.data import make_imbalanced
from lib.gradients import contribution_table, contributions_at, gradient_descent
from lib.i18n import LabError
from lib.studies.gradients_page import STEPS, contributions_at_step

WEIGHTS = {"plain": (1.0, 1.0), "weighted": (1.0, 30.0)}


@pytest.fixture(scope="module")
def runs():
    X, y = make_imbalanced(2000, 30, random_state=4)
    histories = {k: gradient_descent(X, y, w0=a, w1=b, n_steps=40) for k, (a, b) in WEIGHTS.items()}
    return X, y, histories


def test_the_step_view_holds_lib_contributions_and_their_table(runs):
    X, y, histories = runs
    view = contributions_at_step(X, y, histories, WEIGHTS, step=25)
    assert view.step == 25
    assert list(view.contributions) == list(WEIGHTS)
    for k, (w0, w1) in WEIGHTS.items():
        expected = contributions_at(X, y, histories[k], 25, w0=w0, w1=w1)
        np.testing.assert_array_equal(view.contributions[k].grad0, expected.grad0)
        np.testing.assert_array_equal(view.contributions[k].grad1, expected.grad1)
    pd.testing.assert_frame_equal(view.table, contribution_table(view.contributions))


def test_weighting_raises_the_minority_share_of_the_gradient(runs):
    X, y, histories = runs
    view = contributions_at_step(X, y, histories, WEIGHTS, step=0)
    assert view.contributions["weighted"].share1 > view.contributions["plain"].share1


def test_mismatched_runs_or_a_step_out_of_range_raise_lab_errors(runs):
    X, y, histories = runs
    with pytest.raises(LabError, match="same keys"):
        contributions_at_step(X, y, histories, {"plain": (1.0, 1.0)}, step=0)
    with pytest.raises(LabError):
        contributions_at_step(X, y, histories, WEIGHTS, step=41)


def test_the_page_runs_enough_steps_to_show_the_drift():
    assert STEPS >= 100
