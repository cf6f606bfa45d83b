"""lib.studies.summary: what a data set holds (rows, features, the minority)."""

import numpy as np
import pytest

from lib.studies.summary import summarize_data


def test_a_summary_counts_rows_features_and_the_minority():
    X = np.zeros((10, 3))
    y = np.array([0] * 8 + [1] * 2)
    summary = summarize_data(X, y)
    assert (summary.rows, summary.features, summary.minority) == (10, 3, 2)
    assert summary.majority == 8
    assert summary.majority_per_minority == 4.0
    assert summarize_data(X, np.zeros(10)).majority_per_minority == float("inf")


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.zeros(4), np.zeros(4), "2-D"),
        (np.zeros((4, 2)), np.zeros(3), "same number"),
        (np.zeros((2, 2)), np.array([0, 2]), "0 and 1"),
    ],
)
def test_a_summary_refuses_bad_data(X, y, match):
    with pytest.raises(ValueError, match=match):
        summarize_data(X, y)
