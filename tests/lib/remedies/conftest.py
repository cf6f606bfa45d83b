"""Fixtures shared by the tests of lib.remedies."""

import pytest

from lib.data import make_imbalanced


@pytest.fixture(scope="module")
def data():
    return make_imbalanced(300, 10, random_state=0)  # 273 of class 0, 27 of class 1
