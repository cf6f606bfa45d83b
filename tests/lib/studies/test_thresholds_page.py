"""Tests of lib.studies.thresholds_page: the thresholds page's slider choices."""

from lib.settings import choice_param
from lib.studies.thresholds_page import THRESHOLD_CHOICES


def test_threshold_choices_are_increasing_probabilities_with_the_default():
    values = [float(t) for t in THRESHOLD_CHOICES]
    assert values == sorted(values)
    assert all(0.0 < t < 1.0 for t in values)
    assert "0.5" in THRESHOLD_CHOICES  # the page's default
    assert choice_param(THRESHOLD_CHOICES)("0.01") == "0.01"
