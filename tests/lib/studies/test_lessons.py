"""lib.studies.lessons: the numbers a lesson's answer quotes tell its story.

``lesson.threshold.*`` and ``lesson.surface.*`` say that weighting equals
threshold moving only in the limit, that plain agreement hides the gap, and how
far the weights move the bias and the slope; ``evidence`` measures each.
"""

import numpy as np
import pytest

from lib.data import make_imbalanced
from lib.weights import class_weights

RATIO, SEP = 1000, 2.0


def test_lesson_threshold_numbers_tell_the_corrected_story():
    """lesson.threshold.explain: high agreement, lower Jaccard, gap kept at C = 1e6."""
    from lib.studies.lessons import evidence

    e = evidence("threshold")
    assert e["agree"] > 0.95 and e["agree_free"] > 0.95
    assert e["jaccard"] < 0.9 and e["jaccard_free"] < 0.9
    assert abs(e["jaccard"] - e["jaccard_free"]) < 0.05


def test_lesson_surface_numbers_tell_the_corrected_story():
    """lesson.surface.opt0/explain: the bias moves by about log(w1/w0); the slope
    changes by about 13 % with 20 positives and less with 200; balanced
    weights give the positives half of the total weight."""
    from lib.studies.lessons import N, evidence

    e = evidence("surface")
    assert 0.8 < e["bias_shift"] / e["log_ratio"] < 1.1
    assert 0.05 < e["slope_change"] < 0.2
    assert e["slope_change_large"] < e["slope_change"] / 2
    assert (e["n1"], e["n1_large"]) == (20, 200)
    _, y = make_imbalanced(N, RATIO, class_sep=SEP, random_state=0)
    w = class_weights(y)
    assert w[1] * np.sum(y == 1) == pytest.approx(w[0] * np.sum(y == 0))
    assert w[1] / w[0] == pytest.approx(999)
