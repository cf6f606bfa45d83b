"""Fixtures shared by the tests of lib.studies."""

import pytest

import lib.studies.class_balanced as sm
from lib.data import long_tail_counts, make_long_tailed
from tests.lib.studies.helpers import FAST


@pytest.fixture(scope="module")
def tail():
    """A clear 7-class long tail (400 ... 4 samples) and a balanced test set."""
    counts = long_tail_counts(400, 100)
    X, y = make_long_tailed(counts, class_sep=3.0, random_state=0)
    X_test, y_test = make_long_tailed(
        sm.evaluation_counts(counts, per_class=200), class_sep=3.0, random_state=1
    )
    return counts, X, y, X_test, y_test


@pytest.fixture(scope="module")
def models(tail):
    counts, X, y, _, _ = tail
    return sm.train_all(X, y, n_classes=len(counts), **FAST)
