"""lib.gradients.convergence: runs to the minimum, with and without weights (issue 14).

The ``lesson_runs`` fixture (tests/lib/conftest.py) holds the lessons' and the
page's default data with its unweighted and balanced runs.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from lib.bayes import true_log_odds
from lib.calibration import expected_calibration_error
from lib.data import majority_sample, make_imbalanced
from lib.gradients import (
    compare_convergence,
    descent_to_minimum,
    gradient_descent,
    linearly_separable,
    logistic_minimum,
)
from lib.weights import class_weights


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_descent_to_minimum_takes_gradient_descents_steps():
    X, y = make_imbalanced(3000, 30, class_sep=2.0, random_state=4)
    run = descent_to_minimum(X, y, w0=0.6, w1=9.0, n_steps=150)
    reference = gradient_descent(X, y, w0=0.6, w1=9.0, n_steps=150)
    # Step 0 is the start of training, all parameters zero.
    assert (reference[["coef_0", "coef_1", "intercept"]].iloc[0] == 0).all()
    steps = run.history["step"].to_numpy()
    np.testing.assert_allclose(run.history["loss"], reference["loss"].to_numpy()[steps], rtol=1e-9)
    theta = reference[["coef_0", "coef_1", "intercept"]].to_numpy()[steps]
    np.testing.assert_allclose(
        run.history["distance"], np.linalg.norm(theta - run.optimum, axis=1), rtol=1e-6
    )
    z = X @ theta[:, :2].T + theta[:, 2]
    np.testing.assert_allclose(run.history["recall1"], np.mean(z[y == 1] > 0, axis=0))


def test_minimum_matches_an_independent_solver(lesson_runs):
    X, y, runs = lesson_runs
    w = class_weights(y)
    for run, (w0, w1) in ((runs.unweighted, (1.0, 1.0)), (runs.weighted, (w[0], w[1]))):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lbfgs = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(
                X, y, sample_weight=np.where(y == 1, w1, w0)
            )
        np.testing.assert_allclose(
            run.optimum, np.append(lbfgs.coef_[0], lbfgs.intercept_), rtol=1e-5, atol=1e-6
        )


def test_both_runs_converge_to_their_own_minimum(lesson_runs):
    _, _, runs = lesson_runs
    for run in (runs.unweighted, runs.weighted):
        assert run.last_distance < 1e-4 * np.linalg.norm(run.optimum)
        assert run.steps_to_optimum is not None
    # Different losses, different minima: weights change where a run ends.
    assert np.linalg.norm(runs.unweighted.optimum - runs.weighted.optimum) > 1.0


def test_masking_slows_the_unweighted_run_down(lesson_runs):
    _, _, runs = lesson_runs
    ratio = runs.unweighted.steps_to_optimum / runs.weighted.steps_to_optimum
    assert ratio > 50  # measured 150 (4,802 against 32 steps)
    assert runs.unweighted.conditioning > 50 * runs.weighted.conditioning


def test_near_the_minimum_each_step_removes_a_share_mu_over_lambda(lesson_runs):
    _, _, runs = lesson_runs
    h = runs.unweighted.history
    late = h[(h["step"] >= 8000) & (h["distance"] > 0)]
    per_step = -np.log(late["distance"].iloc[-1] / late["distance"].iloc[0]) / (
        late["step"].iloc[-1] - late["step"].iloc[0]
    )
    assert per_step == pytest.approx(1.0 / runs.unweighted.conditioning, rel=0.1)


def test_every_step_lowers_the_runs_loss(lesson_runs):
    X, y, runs = lesson_runs
    for run in (runs.unweighted, runs.weighted):
        assert np.all(np.diff(run.history["loss"].to_numpy()) <= 1e-12)
    w = class_weights(y)
    for w0, w1 in ((1.0, 1.0), (w[0], w[1])):
        losses = gradient_descent(X, y, w0=w0, w1=w1, n_steps=500)["loss"].to_numpy()
        assert np.all(np.diff(losses) <= 1e-12)


def test_unweighted_recall_peaks_early_and_falls_to_zero_at_the_minimum(lesson_runs):
    _, _, runs = lesson_runs
    h = runs.unweighted.history
    early = h[h["step"] <= 10]["recall1"]
    assert early.max() > 0.2 and early.max() == h["recall1"].max()
    assert h["recall1"].iloc[-1] == 0.0 and runs.unweighted.optimum_recall1 == 0.0
    # Weights move the 0.5 rule: the balanced minimum finds most of class 1.
    assert runs.weighted.optimum_recall1 > 0.5


def test_unweighted_minimum_is_calibrated_in_the_large(lesson_runs):
    _, _, runs = lesson_runs
    # The score equation of the intercept: at the maximum-likelihood fit the
    # mean predicted probability equals the positive rate (any data).
    assert runs.unweighted.optimum_mean_p == pytest.approx(runs.unweighted.positive_rate, rel=1e-6)
    assert runs.weighted.optimum_mean_p > 100 * runs.weighted.positive_rate


def test_unweighted_minimum_is_calibrated_on_fresh_well_specified_data(lesson_runs):
    _, _, runs = lesson_runs
    X, y = make_imbalanced(1_000_000, 1000, class_sep=2.0, random_state=7)
    p = _sigmoid(X @ runs.unweighted.optimum[:2] + runs.unweighted.optimum[2])
    assert np.mean(p) == pytest.approx(np.mean(y), rel=0.1)
    ece = expected_calibration_error(y, p)
    assert ece < 0.1 * np.mean(y)
    p_w = _sigmoid(X @ runs.weighted.optimum[:2] + runs.weighted.optimum[2])
    assert expected_calibration_error(y, p_w) > 100 * ece


def test_unweighted_rule_is_close_to_the_most_accurate_rule(lesson_runs):
    _, _, runs = lesson_runs
    X, y = make_imbalanced(1_000_000, 1000, class_sep=2.0, random_state=8)
    fitted = X @ runs.unweighted.optimum[:2] + runs.unweighted.optimum[2] > 0
    bayes = true_log_odds(X, ratio=1000, class_sep=2.0) > 0
    assert abs(np.mean(fitted == y) - np.mean(bayes == y)) < 1e-4
    assert np.mean(bayes) < 1e-4  # the Bayes rule, too, predicts class 0 almost everywhere


def test_almost_every_point_has_p_near_zero_at_the_unweighted_minimum(lesson_runs):
    X, _, runs = lesson_runs
    p = _sigmoid(X @ runs.unweighted.optimum[:2] + runs.unweighted.optimum[2])
    assert np.mean(p < 0.01) > 0.95


def test_a_short_run_is_still_on_its_way(lesson_runs):
    X, y, runs = lesson_runs
    last = gradient_descent(X, y, n_steps=500).iloc[-1]
    theta = last[["coef_0", "coef_1", "intercept"]].to_numpy(dtype=float)
    start = np.linalg.norm(runs.unweighted.optimum)
    assert np.linalg.norm(theta - runs.unweighted.optimum) > 0.1 * start
    p = _sigmoid(X @ theta[:2] + theta[2])
    assert np.mean(p) > 1.5 * np.mean(y)  # probabilities not yet those of the minimum


def test_unweighted_is_slower_than_balanced_at_high_imbalance():
    for ratio in (100, 1000):
        X, y = make_imbalanced(5000, ratio, class_sep=2.0, random_state=1)
        w = class_weights(y)
        runs = compare_convergence(X, y, w0=w[0], w1=w[1], n_steps=20_000)
        assert runs.unweighted.steps_to_optimum > 5 * runs.weighted.steps_to_optimum


def _separable():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(-3, 0.5, size=(40, 2)), rng.normal(3, 0.5, size=(5, 2))])
    y = np.r_[np.zeros(40, int), np.ones(5, int)]
    return X, y


def test_separable_classes_have_no_minimum():
    X, y = _separable()
    assert linearly_separable(X, y)
    assert logistic_minimum(X, y) is None
    run = descent_to_minimum(X, y, n_steps=300)
    assert run.optimum is None and run.steps_to_optimum is None
    assert run.history["distance"].isna().all()
    # The loss keeps falling while the parameters grow without bound.
    path = gradient_descent(X, y, n_steps=300)
    assert np.all(np.diff(path["loss"].to_numpy()) < 0)
    norms = np.linalg.norm(path[["coef_0", "coef_1", "intercept"]].to_numpy(), axis=1)
    assert np.all(np.diff(norms[1:]) > 0)
    runs = compare_convergence(X, y, w0=1.0, w1=8.0, n_steps=50)
    assert runs.separable and runs.weighted.optimum is None


def test_overlapping_classes_are_not_separable():
    X, y = make_imbalanced(2000, 10, class_sep=2.0, random_state=0)
    assert not linearly_separable(X, y)
    assert logistic_minimum(X, y) is not None


def test_compare_convergence_uses_a_capped_sample_and_its_own_minimum():
    X, y = make_imbalanced(4000, 1, class_sep=1.0, random_state=3)
    runs = compare_convergence(X, y, w0=1.0, w1=2.0, max_rows=500, n_steps=3000)
    assert runs.rows == (500, 500) and runs.counts == (2000, 2000)
    rows0, h0 = majority_sample(y, 500, random_state=0)
    keep, h1 = majority_sample(1 - y[rows0], 500, random_state=0)
    rows, h = rows0[keep], h0[keep] * h1
    expected = logistic_minimum(X[rows], y[rows], w0=1.0, w1=2.0, sample_weight=h)
    np.testing.assert_allclose(runs.weighted.optimum, expected, rtol=1e-9)
    assert runs.weighted.last_distance < 1e-6
    summary = runs.summary()
    assert list(summary.columns) == ["unweighted", "weighted"]
    assert summary.loc["positive_rate", "unweighted"] == pytest.approx(0.5)


def test_runs_stop_once_at_the_minimum():
    X, y = make_imbalanced(2000, 3, class_sep=2.0, random_state=2)
    run = descent_to_minimum(X, y, n_steps=5000)
    assert run.last_step < 5000
    assert run.last_distance <= 1e-8 * max(1.0, np.linalg.norm(run.optimum))
    assert run.history["step"].iloc[-1] == run.last_step
    first = run.history[run.history["distance"] <= 0.01 * np.linalg.norm(run.optimum)]
    assert first["step"].iloc[0] >= run.steps_to_optimum


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_steps": 0}, "n_steps"),
        ({"tol": 1.5}, "tol"),
        ({"w0": 0.0}, "both be > 0"),
    ],
)
def test_descent_to_minimum_refuses_bad_input(kwargs, message):
    X, y = make_imbalanced(200, 3, random_state=0)
    with pytest.raises(ValueError, match=message):
        descent_to_minimum(X, y, **kwargs)


def test_minimum_needs_both_classes():
    with pytest.raises(ValueError, match="both classes"):
        logistic_minimum(np.ones((4, 1)), [0, 0, 0, 0])


def test_noisy_mini_batches_stop_short_of_the_minimum(lesson_runs):
    # Plain mini-batch SGD (256 rows, the full-batch step 1/λ) on the unweighted
    # loss: most batches hold no class-1 point, and after as many steps as the
    # full-batch run it still wanders around the minimum.
    X, y, runs = lesson_runs
    Xt = np.hstack([X, np.ones((len(y), 1))])
    lam = 0.25 * np.linalg.eigvalsh(Xt.T @ Xt / len(y))[-1]
    rng = np.random.default_rng(0)
    theta = np.zeros(3)
    for _ in range(runs.unweighted.last_step):
        rows = rng.integers(0, len(y), 256)
        theta -= Xt[rows].T @ (_sigmoid(Xt[rows] @ theta) - y[rows]) / (256 * lam)
    assert np.linalg.norm(theta - runs.unweighted.optimum) > 100 * runs.unweighted.last_distance


def test_a_reused_unweighted_run_gives_the_same_comparison():
    # ui.cache keeps the unweighted run once per data set (it does not depend on the weights)
    X, y = make_imbalanced(3000, 100, class_sep=2.0, random_state=4)
    plain = compare_convergence(X, y, w0=1.0, w1=1.0, n_steps=3000).unweighted
    fresh = compare_convergence(X, y, w0=0.5, w1=50.0, n_steps=3000)
    reused = compare_convergence(X, y, w0=0.5, w1=50.0, n_steps=3000, unweighted=plain)
    assert reused.unweighted is plain
    pd.testing.assert_frame_equal(reused.summary(), fresh.summary())
    np.testing.assert_array_equal(reused.weighted.optimum, fresh.weighted.optimum)
