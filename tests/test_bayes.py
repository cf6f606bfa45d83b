"""The Bayes rule on the Gaussian data (issue 14, "Blaming the loss")."""

import math

import numpy as np
import pytest
from scipy.stats import multivariate_normal

from lib.bayes import bayes_recall, true_log_odds
from lib.data import make_imbalanced


@pytest.mark.parametrize("d", [1, 2, 5])
def test_true_log_odds_is_the_log_ratio_of_the_class_densities(d):
    ratio, sep = 50.0, 1.7
    rng = np.random.default_rng(d)
    X = rng.normal(size=(200, d))
    u = np.ones(d) / math.sqrt(d)
    log_p1 = multivariate_normal(mean=sep / 2 * u).logpdf(X) - math.log(1 + ratio)
    log_p0 = multivariate_normal(mean=-sep / 2 * u).logpdf(X) + math.log(ratio / (1 + ratio))
    np.testing.assert_allclose(
        true_log_odds(X, ratio=ratio, class_sep=sep), np.atleast_1d(log_p1 - log_p0), atol=1e-9
    )


@pytest.mark.parametrize(("ratio", "sep"), [(10, 2.0), (1000, 2.0), (1000, 4.0), (1, 1.0)])
def test_bayes_recall_matches_the_share_on_drawn_data(ratio, sep):
    X, y = make_imbalanced(1_000_000, ratio, class_sep=sep, random_state=11)
    above = true_log_odds(X[y == 1], ratio=ratio, class_sep=sep) > 0
    share = bayes_recall(ratio, sep)
    se = math.sqrt(share * (1 - share) / len(above))
    assert abs(np.mean(above) - share) < 4 * se + 1e-4


def test_at_1_to_1000_and_separation_2_under_one_percent_of_positives_are_above_half():
    assert bayes_recall(1000, 2.0) == pytest.approx(0.00707, abs=1e-5)
    assert bayes_recall(1000, 2.0) < 0.01
    # Separation alone does not make the rare class easy: at sep 4 the most
    # accurate rule still misses about 39 % of it.
    assert bayes_recall(1000, 4.0) == pytest.approx(0.608, abs=1e-3)


def test_bayes_rule_is_the_most_accurate_threshold():
    X, y = make_imbalanced(400_000, 100, class_sep=2.0, random_state=3)
    z = true_log_odds(X, ratio=100, class_sep=2.0)
    accuracy = {t: np.mean((z > t) == y) for t in (-1.0, -0.3, 0.0, 0.3, 1.0)}
    assert max(accuracy, key=accuracy.get) == 0.0


def test_no_separation_means_no_positive_above_half():
    assert bayes_recall(1000, 0.0) == 0.0
    assert bayes_recall(1, 0.0) == 0.0  # posterior exactly 0.5: not above it


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ratio": 0.5, "class_sep": 1.0}, "ratio"),
        ({"ratio": 10.0, "class_sep": -1.0}, "class_sep"),
        ({"ratio": float("nan"), "class_sep": 1.0}, "ratio"),
    ],
)
def test_bad_input_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bayes_recall(**kwargs)
    with pytest.raises(ValueError, match=message):
        true_log_odds(np.zeros((2, 2)), **kwargs)
