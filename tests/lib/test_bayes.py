"""lib.bayes: the Bayes rule on the Gaussian data (issue 14, "Blaming the loss")
and the Bayes log-odds and posterior of every data shape (issue 14, section 2).

``lib.bayes.true_log_odds`` is checked against the class densities computed
independently with scipy, against the drawn data (the posterior averages to the
positive rate only if every normalising constant is right), and for the
geometry the sidebar's help states: linear log-odds only for "gaussian", a
circular Bayes boundary for "unequal_var".
"""

import math

import numpy as np
import pytest
from scipy.special import expit
from scipy.stats import multivariate_normal

from lib.bayes import bayes_recall, true_log_odds, true_posterior
from lib.data import MINORITY_SPREAD, SHAPES, make_imbalanced
from lib.models import fit_logistic


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


def _log_odds_from_densities(X, ratio, sep, shape):
    """Log-odds from scipy's Gaussian densities: an independent check of the formulas."""
    d = X.shape[1]
    u = np.full(d, 1.0 / np.sqrt(d))
    if shape == "gaussian":
        log1 = multivariate_normal(0.5 * sep * u, np.eye(d)).logpdf(X)
        log0 = multivariate_normal(-0.5 * sep * u, np.eye(d)).logpdf(X)
    elif shape == "unequal_var":
        log1 = multivariate_normal(0.5 * sep * u, MINORITY_SPREAD**2 * np.eye(d)).logpdf(X)
        log0 = multivariate_normal(-0.5 * sep * u, np.eye(d)).logpdf(X)
    else:
        log1 = np.logaddexp(
            multivariate_normal(sep * u, np.eye(d)).logpdf(X),
            multivariate_normal(-sep * u, np.eye(d)).logpdf(X),
        ) - np.log(2)
        log0 = multivariate_normal(np.zeros(d), np.eye(d)).logpdf(X)
    return log1 - log0 - np.log(ratio)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(
    ("d", "sep", "ratio"), [(1, 2.0, 100), (2, 0.0, 3), (2, 3.5, 1000), (4, 1.0, 1)]
)
def test_true_log_odds_match_the_class_densities(shape, d, sep, ratio):
    X = np.random.default_rng(0).normal(scale=3.0, size=(500, d))
    got = true_log_odds(X, ratio=ratio, class_sep=sep, shape=shape)
    np.testing.assert_allclose(
        got, _log_odds_from_densities(X, ratio, sep, shape), rtol=1e-9, atol=1e-9
    )
    p = true_posterior(X, ratio=ratio, class_sep=sep, shape=shape)
    np.testing.assert_allclose(p, expit(got), rtol=1e-12, atol=1e-300)
    assert np.all((p >= 0.0) & (p <= 1.0))


@pytest.mark.parametrize("shape", SHAPES)
def test_true_posterior_averages_to_the_positive_rate(shape):
    # E[P(y=1|x)] = P(y=1): holds only if every normalising constant is right
    X, y = make_imbalanced(400_000, 10, class_sep=2.0, shape=shape, random_state=3)
    p = true_posterior(X, ratio=10, class_sep=2.0, shape=shape)
    assert p.mean() == pytest.approx(y.mean(), rel=0.02)
    assert p[y == 1].mean() > p[y == 0].mean()


def test_only_gaussian_has_linear_log_odds_and_unequal_var_a_circular_boundary():
    # sidebar.shape_help: "the true log-odds are linear" (gaussian); "the true
    # boundary is a circle, not a line" (unequal_var); "only Gaussian is well specified"
    X = np.random.default_rng(1).normal(scale=2.0, size=(2000, 2))
    design = np.column_stack([X, np.ones(len(X))])
    r2 = {}
    for shape in SHAPES:
        z = true_log_odds(X, ratio=100, class_sep=2.0, shape=shape)
        resid = z - design @ np.linalg.lstsq(design, z, rcond=None)[0]
        r2[shape] = 1.0 - resid.var() / z.var()
    assert r2["gaussian"] == pytest.approx(1.0, abs=1e-12)
    assert r2["unequal_var"] < 0.9 and r2["two_clusters"] < 0.5, r2
    # unequal_var: the log-odds depend only on the distance from one centre, so
    # every level set (the Bayes boundary for any threshold) is a circle around it
    s, sigma = 2.0, MINORITY_SPREAD
    m1, m0 = np.full(2, 0.5 * s / np.sqrt(2)), np.full(2, -0.5 * s / np.sqrt(2))
    centre = (m1 / sigma**2 - m0) / (1.0 / sigma**2 - 1.0)
    angles = np.linspace(0.0, 2.0 * np.pi, 37)
    for radius in (0.3, 1.0, 2.5):
        ring = centre + radius * np.column_stack([np.cos(angles), np.sin(angles)])
        z = true_log_odds(ring, ratio=100, class_sep=s, shape="unequal_var")
        np.testing.assert_allclose(z, z[0], atol=1e-9)


def test_logistic_regression_recovers_the_gaussian_log_odds():
    # well specified: a nearly unregularised fit converges to the true coefficients
    X, y = make_imbalanced(200_000, 10, class_sep=2.0, random_state=5)
    model = fit_logistic(X, y, C=1e6)
    np.testing.assert_allclose(model.coef_[0], [2.0 / np.sqrt(2)] * 2, atol=0.03)
    assert model.intercept_[0] == pytest.approx(-np.log(10), abs=0.03)
