"""Fixtures shared by the unit tests of more than one lib module."""

import pytest
from sklearn.linear_model import LogisticRegression

from lib.data import make_imbalanced
from lib.gradients import compare_convergence
from lib.weights import class_weights


@pytest.fixture(scope="session")
def lesson_runs():
    """The lessons' and the page's default data, unweighted and balanced runs."""
    X, y = make_imbalanced(20_000, 1000, class_sep=2.0, random_state=0)
    w = class_weights(y)
    return X, y, compare_convergence(X, y, w0=w[0], w1=w[1])


@pytest.fixture(scope="module")
def logistic():
    """A logistic regression fitted on small two-feature data."""
    X, y = make_imbalanced(400, 4, class_sep=2.0, random_state=1)
    return LogisticRegression().fit(X, y)
