"""Claims of the core pages' explanations, measured with lib.

One test per statement that a text on the overview, loss-surface,
decision-boundary, threshold, focal-loss and ensemble pages (and the
sidebar's help) makes about a number or a direction. Each computes the
number with the same lib functions the page uses, at the page's defaults
(n = 20,000, 1:1000, separation 2, seed 0) unless the text names others.
The registry that maps catalogue keys to these tests is tests/claims/test_claims.py.
"""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.ensemble import BalancedRandomForestClassifier, RUSBoostClassifier
from scipy.stats import norm, spearmanr
from sklearn.ensemble import AdaBoostClassifier, RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils.class_weight import compute_class_weight

from lib.calibration import expected_calibration_error
from lib.data import make_imbalanced, minority_count, project_1d
from lib.gradients import class_gradient_contributions, compare_convergence
from lib.losses import focal_loss_grad, focal_loss_shares, logit, weighted_bce
from lib.metrics import per_class_report, weighted_threshold
from lib.models import (
    FOCAL_EPOCHS,
    boundary_offset,
    fit_focal_linear,
    fit_logistic,
    predict_labels,
    train_binary_sgd,
)
from lib.remedies import fit_strategy
from lib.settings import GAMMA_CHOICES, Settings
from lib.surface import loss_surface, surface_grid
from lib.thresholds import bayes_threshold, expected_cost, optimal_threshold, threshold_curves
from lib.weights import class_weights

DEFAULTS = Settings()


def _data(n=DEFAULTS.n, ratio=DEFAULTS.ratio, seed=DEFAULTS.seed, sep=DEFAULTS.sep):
    return make_imbalanced(n, ratio, class_sep=sep, random_state=seed)


@pytest.fixture(scope="module")
def default_models():
    X, y = _data()
    X_test, y_test = _data(seed=DEFAULTS.seed + 1)
    w = class_weights(y)
    return {
        "X": X,
        "y": y,
        "X_test": X_test,
        "y_test": y_test,
        "w": w,
        "plain": fit_logistic(X, y),
        "weighted": fit_logistic(X, y, w0=w[0], w1=w[1]),
    }


def _coef(model):
    return model.coef_[0], float(model.intercept_[0])


# ------------------------------------------------------------------ focal loss
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_alpha_below_half_predicts_fewer_positives_and_above_more(seed):
    """focal.alpha_help, focal.look_for: at 1:100 α = 0.25 predicts fewer positives
    than no α, α = 0.75 more, and α = 0.5 the same (it only halves the loss)."""
    X, y = _data(ratio=100, seed=seed)
    X_test, _ = _data(ratio=100, seed=seed + 1)
    positives = {
        alpha: int(predict_labels(*fit_focal_linear(X, y, gamma=2.0, alpha=alpha), X_test).sum())
        for alpha in (None, 0.25, 0.5, 0.75)
    }
    assert positives[0.25] < positives[None] < positives[0.75]
    assert positives[0.75] >= 3 * max(positives[None], 1)
    assert positives[0.5] == positives[None]


def test_focal_loss_alone_predicts_far_fewer_positives_than_balanced_weights():
    """focal.look_for: it rebalances easy versus hard, not the classes."""
    for ratio in (100, 1000):
        X, y = _data(ratio=ratio)
        X_test, _ = _data(ratio=ratio, seed=1)
        w = class_weights(y)
        focal = predict_labels(*fit_focal_linear(X, y, gamma=2.0), X_test).sum()
        weighted = fit_logistic(X, y, w0=w[0], w1=w[1]).predict(X_test).sum()
        assert weighted > 20 * max(focal, 1)


def test_focal_gradients_fall_far_below_cross_entropy_for_confident_samples():
    """focal.look_for, focal.curves_caption: |∂FL/∂z| at p_t = 0.9 is 0.1 for
    cross-entropy and about 0.003 (thirty-odd times less) for γ = 2; the ratio
    shrinks as p_t approaches 1."""
    p_t = np.array([0.5, 0.9, 0.99, 0.999])
    z = np.array([logit(p) for p in p_t])
    ce = np.abs(focal_loss_grad(np.ones(4), z, gamma=0.0))
    fl = np.abs(focal_loss_grad(np.ones(4), z, gamma=2.0))
    assert ce[1] == pytest.approx(0.1)
    assert fl[1] == pytest.approx(0.003, abs=5e-4)
    assert 25 < ce[1] / fl[1] < 40
    assert np.all(np.diff(fl / ce) < 0)
    # α scales a class-1 sample's curve by α.
    assert np.allclose(focal_loss_grad(np.ones(4), z, gamma=2.0, alpha=0.25), 0.25 * fl * -1)


@pytest.mark.parametrize("ratio", [1, 10, 1000])
def test_without_alpha_the_easy_majoritys_share_drops_for_every_gamma(ratio):
    """focal.share_text: with α = none or 0.5 the easy majority's share is lower
    under focal loss than under cross-entropy for every γ > 0 the page offers;
    a small α can weight it up again. Row "count" counts the groups."""
    X, y = _data(ratio=ratio, sep=0.5 if ratio == 10 else 2.0)
    p = fit_logistic(X, y).predict_proba(X)[:, 1]
    for gamma in (float(g) for g in GAMMA_CHOICES if float(g) > 0):
        for alpha in (None, 0.5):
            shares = focal_loss_shares(y, p, gamma=gamma, alpha=alpha)
            assert shares.loc["focal", "easy_majority"] < shares.loc["bce", "easy_majority"]
    shares = focal_loss_shares(y, p, gamma=2.0)
    counts = shares.loc["count"]
    assert counts["easy_majority"] + counts["hard_majority"] == np.sum(y == 0)
    assert counts["total"] == len(y)


def test_a_small_alpha_can_raise_the_easy_majoritys_share():
    X, y = _data(ratio=10, sep=0.5)
    p = fit_logistic(X, y).predict_proba(X)[:, 1]
    shares = focal_loss_shares(y, p, gamma=0.5, alpha=0.1)
    assert shares.loc["focal", "easy_majority"] > shares.loc["bce", "easy_majority"]


def test_focal_intro_thousands_of_easy_majority_points_contribute_almost_nothing():
    """focal.intro: at 1:1000 thousands of easy majority points; under γ = 2
    they carry under 1 % of the loss."""
    X, y = _data()
    p = fit_logistic(X, y).predict_proba(X)[:, 1]
    shares = focal_loss_shares(y, p, gamma=2.0)
    assert shares.loc["count", "easy_majority"] > 1000
    assert shares.loc["focal", "easy_majority"] < 0.01


def test_focal_model_is_trained_as_the_caption_says():
    """focal.metrics_caption: softmax regression, two classes, 30 epochs of SGD."""
    assert inspect.signature(fit_focal_linear).parameters["epochs"].default == FOCAL_EPOCHS == 30
    X, y = _data(n=2000, ratio=10)
    result = train_binary_sgd(X, y, epochs=2)
    assert result.coef.shape == (2, 2)


# ------------------------------------------------------------ weights vs threshold
def test_weighted_and_moved_operating_points_land_close_on_default_data(default_models):
    """thresholds.intro, thresholds.look_for, boundaries.look_for: with balanced
    weights the weighted model at 0.5 and the plain model at w0/(w0+w1) have
    similar class-1 recall and precision on the well-specified default data."""
    m = default_models
    t = weighted_threshold(m["w"][0], m["w"][1])
    moved = predict_labels(*_coef(m["plain"]), m["X_test"], threshold=t)
    weighted = m["weighted"].predict(m["X_test"])
    a = per_class_report(m["y_test"], moved, labels=[0, 1])
    b = per_class_report(m["y_test"], weighted, labels=[0, 1])
    assert abs(a.loc[1, "recall"] - b.loc[1, "recall"]) < 0.1
    assert abs(a.loc[1, "precision"] - b.loc[1, "precision"]) < 0.01


def test_balanced_weights_raise_minority_recall_at_the_price_of_precision(default_models):
    """boundaries.look_for: unweighted recall near 0, balanced recall jumps, and
    most predicted positives are false alarms; boundaries.shift_help: the boundary moves towards the
    majority (negative shift) and more points are predicted as class 1."""
    m = default_models
    plain = per_class_report(m["y_test"], m["plain"].predict(m["X_test"]), labels=[0, 1])
    weighted = per_class_report(m["y_test"], m["weighted"].predict(m["X_test"]), labels=[0, 1])
    assert plain.loc[1, "recall"] < 0.1 < 0.8 < weighted.loc[1, "recall"]
    assert weighted.loc[1, "precision"] < 0.5
    center = m["X"].mean(axis=0)
    shift = boundary_offset(*_coef(m["weighted"]), center) - boundary_offset(
        *_coef(m["plain"]), center
    )
    assert shift < 0
    assert m["weighted"].predict(m["X_test"]).sum() > m["plain"].predict(m["X_test"]).sum()


@settings(max_examples=30, deadline=None)
@given(st.floats(0.2, 3), st.floats(-3, 3), st.floats(-5, 5), st.floats(1e-2, 1e3))
def test_threshold_gap_is_zero_for_exact_threshold_moving(a1, a2, b, ratio):
    """boundaries.threshold_gap_help: zero when the weighted line is the moved one."""
    coef, center = np.array([a1, a2]), np.zeros(2)
    weighted = boundary_offset(coef, b + np.log(ratio), center)
    moved = boundary_offset(coef, b, center, threshold=weighted_threshold(1.0, ratio))
    assert weighted - moved == pytest.approx(0.0, abs=1e-9)


def test_default_logistic_regression_has_c_one():
    """boundaries.intro: scikit-learn's default L2 penalty, C = 1."""
    assert inspect.signature(fit_logistic).parameters["C"].default == 1.0
    X, y = _data(n=2000, ratio=10)
    assert fit_logistic(X, y).C == 1.0


# ---------------------------------------------------------------- loss surface
@pytest.fixture(scope="module")
def surface_optima():
    out = {}
    for n in (DEFAULTS.n, 10 * DEFAULTS.n):
        X, y = _data(n=n)
        w = class_weights(y)
        grid = surface_grid(project_1d(X, y), y, [(1.0, 1.0), (w[0], w[1])], size=20)
        out[n] = (grid.optima, float(np.log(w[1] / w[0])))
    return out


def test_balanced_weights_move_the_surface_minimum_up_by_about_log_ratio(surface_optima):
    """surface.look_for, surface.log_ratio_help: very negative unweighted bias;
    Δb close to log(w1/w0); the slope moves less the more minority samples."""
    ((a_u, b_u), (a_w, b_w)), log_ratio = surface_optima[DEFAULTS.n]
    ((a_u2, _), (a_w2, _)), _ = surface_optima[10 * DEFAULTS.n]
    assert b_u < -5
    assert 0.85 < (b_w - b_u) / log_ratio < 1.05
    assert abs(a_w2 / a_u2 - 1) < abs(a_w / a_u - 1)


@settings(max_examples=20, deadline=None)
@given(st.floats(1e-3, 1e3), st.integers(0, 1000))
def test_equal_weights_scale_the_surface_and_keep_its_minimum(c, seed):
    """surface.equal_weights: w0 = w1 = c scales the loss by c."""
    X, y = make_imbalanced(300, 10, random_state=seed)
    x = project_1d(X, y)
    slopes, biases = np.linspace(-2, 4, 7), np.linspace(-5, 2, 6)
    Z1 = loss_surface(x, y, slopes, biases)
    Zc = loss_surface(x, y, slopes, biases, w0=c, w1=c)
    assert np.allclose(Zc, c * Z1, rtol=1e-4)
    assert np.argmin(Zc) == np.argmin(Z1)


# ------------------------------------------------------------------ thresholds
def test_cost_claims_of_the_threshold_page(default_models):
    """thresholds.look_for, thresholds.cost_caption: 1/101 for a miss costing 100
    false alarms, its test cost well below t = 0.5's; 1/1001 for 1000; 0.5 for
    equal costs; class weights w0 = c_FP, w1 = c_FN imply the same threshold."""
    m = default_models
    p = m["plain"].predict_proba(m["X_test"])[:, 1]
    assert bayes_threshold(1.0, 100.0) == pytest.approx(1 / 101)
    assert bayes_threshold(1.0, 1000.0) == pytest.approx(1 / 1001)
    assert bayes_threshold(1.0, 1.0) == 0.5
    costs = expected_cost(m["y_test"], p, cost_fp=1.0, cost_fn=100.0, thresholds=[1 / 101, 0.5])[
        "cost"
    ].to_numpy()
    assert costs[0] < 0.8 * costs[1]
    for c_fp, c_fn in ((1.0, 100.0), (3.0, 7.0), (0.01, 5.0)):
        assert bayes_threshold(c_fp, c_fn) == pytest.approx(weighted_threshold(c_fp, c_fn))


@settings(max_examples=25, deadline=None)
@given(st.floats(0.01, 100), st.floats(0.01, 100), st.floats(0.01, 1000))
def test_only_the_cost_ratio_matters(c_fp, c_fn, scale):
    """thresholds.cost_help."""
    assert bayes_threshold(scale * c_fp, scale * c_fn) == pytest.approx(bayes_threshold(c_fp, c_fn))
    y = np.array([0, 0, 0, 1, 0, 1, 1, 0])
    p = np.array([0.1, 0.3, 0.35, 0.4, 0.6, 0.7, 0.9, 0.2])
    assert (
        optimal_threshold(y, p, cost_fp=scale * c_fp, cost_fn=scale * c_fn)[0]
        == optimal_threshold(y, p, cost_fp=c_fp, cost_fn=c_fn)[0]
    )


def test_plain_model_is_close_to_calibrated_on_well_specified_data(default_models):
    """thresholds.bayes_help: close to calibrated here; after resampling it is not."""
    m = default_models
    p = m["plain"].predict_proba(m["X_test"])[:, 1]
    X, y = _data(ratio=100)
    X_test, y_test = _data(ratio=100, seed=1)
    plain = fit_logistic(X, y).predict_proba(X_test)[:, 1]
    under = fit_strategy("random_under", X, y).model.predict_proba(X_test)[:, 1]
    assert abs(p.mean() - m["y_test"].mean()) < 0.5 * m["y_test"].mean()
    assert expected_calibration_error(y_test, plain) < 0.01
    assert expected_calibration_error(y_test, under) > 10 * expected_calibration_error(
        y_test, plain
    )


def test_a_threshold_tuned_on_training_predictions_is_optimistic_badly_for_forests():
    """thresholds.best_help: mildly for the linear model, badly for a forest."""
    X, y = _data(ratio=100)
    X_test, y_test = _data(ratio=100, seed=1)
    ratios = {}
    for name, model in (
        ("linear", fit_logistic(X, y)),
        ("forest", RandomForestClassifier(n_estimators=50, random_state=0, n_jobs=1).fit(X, y)),
    ):
        p_train, p_test = model.predict_proba(X)[:, 1], model.predict_proba(X_test)[:, 1]
        t, train_cost = optimal_threshold(y, p_train, cost_fp=1.0, cost_fn=100.0)
        test_cost = float(
            expected_cost(y_test, p_test, cost_fp=1.0, cost_fn=100.0, thresholds=[min(t, 1.0)])[
                "cost"
            ].iloc[0]
        )
        ratios[name] = train_cost / test_cost
    assert 0.6 < ratios["linear"] <= 1.1
    assert ratios["forest"] < 0.3


def test_roc_looks_good_while_most_alarms_are_false(default_models):
    """thresholds.curves_caption: at 1:1000 ROC-AUC is high while precision at
    half the positives found is low."""
    m = default_models
    curves = threshold_curves(m["y_test"], m["plain"].predict_proba(m["X_test"])[:, 1])
    assert curves.roc_auc > 0.9
    at_half_recall = curves.precision[curves.recall >= 0.5].max()
    assert at_half_recall < 0.5


# -------------------------------------------------------------------- sidebar
def test_bayes_rule_misses_many_positives_at_1_to_1000_and_separation_4():
    """sidebar.sep_help: about 39 % of positives have a true posterior below 0.5."""
    r, s = 1000, 4.0
    # The true log-odds is s·uᵀx − log r (lib.data.make_imbalanced).
    analytic = norm.cdf(np.log(r) / s - s / 2)
    assert analytic == pytest.approx(0.39, abs=0.005)
    X, y = make_imbalanced(1_000_000, r, class_sep=s, random_state=0)
    true_logit = s * X[y == 1] @ (np.ones(2) / np.sqrt(2)) - np.log(r)
    assert np.mean(true_logit < 0) == pytest.approx(analytic, abs=0.04)


def test_ratio_means_majority_per_minority():
    """sidebar.ratio_help: 1:1000 is one positive per thousand negatives."""
    assert minority_count(1001 * 20, 1000) == 20


@given(st.integers(1, 500), st.integers(1, 5000))
def test_balanced_weights_give_both_classes_the_same_total_weight(n1, n0):
    """sidebar.balanced_help, overview.look_for (50 %)."""
    y = np.r_[np.zeros(n0, dtype=int), np.ones(n1, dtype=int)]
    w = class_weights(y)
    assert [w[0], w[1]] == pytest.approx(
        list(compute_class_weight("balanced", classes=np.array([0, 1]), y=y))
    )
    assert w[1] * n1 / (w[0] * n0 + w[1] * n1) == pytest.approx(0.5)


# ------------------------------------------------------------------- overview
def test_the_loss_is_a_mean_over_n_and_the_majority_dominates_by_numbers():
    """overview.loss_text: mean divides by n, not by the sum of the weights; with
    w0 = w1 = 1 the majority's share of the loss at θ = 0 is its share of samples.
    overview.baseline_help: never predicting class 1 scores the majority share."""
    y = np.array([0, 0, 0, 1])
    p = np.array([0.2, 0.4, 0.1, 0.7])
    total = weighted_bce(y, p, w0=2.0, w1=5.0, reduction="sum")
    assert weighted_bce(y, p, w0=2.0, w1=5.0) == pytest.approx(total / 4)
    X, y = _data()
    g = class_gradient_contributions(X, y, np.zeros(2), 0.0)
    losses = weighted_bce(y, np.full(len(y), 0.5), reduction="none")
    assert losses[y == 0].sum() / losses.sum() == pytest.approx(np.mean(y == 0))
    assert np.mean(y == 0) > 0.99 and g.share1 < 0.01
    assert np.mean(np.zeros_like(y) == y) == np.mean(y == 0)


def test_pos_weight_is_the_labs_loss_divided_by_w0():
    """export.pos_weight: BCEWithLogitsLoss(pos_weight = w1/w0) = lab loss / w0."""
    y = np.array([0, 1, 0, 1, 0])
    p = np.array([0.2, 0.6, 0.5, 0.9, 0.05])
    w0, w1 = 0.5005, 500.0
    assert weighted_bce(y, p, w0=1.0, w1=w1 / w0) == pytest.approx(
        weighted_bce(y, p, w0=w0, w1=w1) / w0
    )


def _adam_steps(grads, lr=0.05, beta1=0.9, beta2=0.999, eps=1e-8):
    """Kingma & Ba (2015), Algorithm 1, for a fixed sequence of gradients."""
    m = v = np.zeros_like(grads[0])
    steps = []
    for t, g in enumerate(grads, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        steps.append(lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps))
    return np.array(steps)


@settings(max_examples=25, deadline=None)
@given(st.floats(1e-3, 1e3), st.integers(0, 1000))
def test_adam_steps_barely_change_when_the_loss_is_scaled(scale, seed):
    """export.pos_weight: a constant factor on the loss (and so on every gradient)
    leaves Adam's steps almost unchanged; plain SGD's scale with it."""
    grads = np.random.default_rng(seed).normal(size=(50, 3))
    base, scaled = _adam_steps(grads), _adam_steps(scale * grads)
    assert np.allclose(base, scaled, rtol=1e-3, atol=1e-6)
    assert np.allclose(0.05 * scale * grads, scale * (0.05 * grads))


# ------------------------------------------------------------------ ensembles
@pytest.fixture(scope="module")
def ensemble_fits():
    X, y = _data(ratio=100)
    X_test, y_test = _data(ratio=100, seed=1)
    fits = {
        name: fit_strategy(name, X, y, n_estimators=10)
        for name in ("easy_ensemble", "balanced_bagging", "balanced_random_forest", "rusboost")
    }
    return fits, X, y, X_test, y_test


def test_ensembles_overestimate_the_minoritys_probability(ensemble_fits):
    """ensembles.side_text: trained on rebalanced samples, every ensemble's mean
    predicted probability of class 1 is well above the true rate."""
    fits, _, _, X_test, y_test = ensemble_fits
    for name, fit in fits.items():
        assert fit.model.predict_proba(X_test)[:, 1].mean() > 3 * y_test.mean(), name


def test_rusboost_keeps_two_majority_rows_per_minority_row(ensemble_fits):
    """ensembles.side_text: RUSBoost here samples 1:2, not 1:1."""
    fits, X, y, _, _ = ensemble_fits
    sampler = fits["rusboost"].model.samplers_[0]
    _, y_res = sampler.fit_resample(X, y)
    assert np.sum(y_res == 0) == 2 * np.sum(y_res == 1)


@pytest.fixture(scope="module")
def default_ensembles():
    X, y = _data()
    X_test, y_test = _data(seed=1)
    fits = {
        name: fit_strategy(name, X, y, **({} if name == "class_weight" else {"n_estimators": 10}))
        for name in (
            "class_weight",
            "easy_ensemble",
            "balanced_bagging",
            "balanced_random_forest",
            "rusboost",
        )
    }
    return fits, X_test, y_test


def test_weighted_logistic_regression_is_hard_to_beat_on_gaussian_data(default_ensembles):
    """ensembles.look_for at the defaults (1:1000, 10 members): the weighted
    logistic regression has the highest PR-AUC, and every ensemble's minority
    recall is within 2 of the 20 test positives of its recall; every model's
    minority recall is high and its precision low."""
    fits, X_test, y_test = default_ensembles
    scores = {}
    for name, fit in fits.items():
        p = fit.model.predict_proba(X_test)[:, 1]
        report = per_class_report(y_test, (p >= 0.5).astype(int), labels=[0, 1])
        scores[name] = (
            average_precision_score(y_test, p),
            report.loc[1, "recall"],
            report.loc[1, "precision"],
        )
    ap, recall, _ = scores.pop("class_weight")
    for name, (ap_e, recall_e, precision_e) in scores.items():
        assert np.sum(y_test == 1) == 20
        assert ap_e < ap and abs(recall_e - recall) <= 2 / 20 + 1e-9, name
        assert recall_e > 0.5 and precision_e < 0.05, name


def test_ensembles_are_built_as_the_intro_says(default_ensembles):
    """ensembles.intro; ensembles.metrics_caption: RUSBoost stops early on
    overlapping classes and fits far fewer members than asked."""
    fits, _, _ = default_ensembles
    assert isinstance(fits["easy_ensemble"].model.estimators_[0][-1], AdaBoostClassifier)
    assert isinstance(fits["balanced_bagging"].model.estimators_[0][-1], DecisionTreeClassifier)
    assert isinstance(fits["balanced_random_forest"].model, BalancedRandomForestClassifier)
    assert isinstance(fits["rusboost"].model, RUSBoostClassifier)
    assert len(fits["rusboost"].model.estimators_) < 10 / 2


# ------------------------------------------------------------------ strategies
def test_strategy_descriptions_match_what_the_strategies_do():
    """strategy.random_under: majority rows dropped until balanced;
    strategy.threshold: plain model, class 1 when p ≥ the training prior."""
    X, y = _data(n=5000, ratio=20)
    under = fit_strategy("random_under", X, y)
    assert under.counts_after[0] == under.counts_after[1] == under.counts_before[1]
    threshold = fit_strategy("threshold", X, y)
    assert threshold.model.threshold_ == pytest.approx(y.mean())
    p = threshold.model.model_.predict_proba(X)[:, 1]
    assert np.array_equal(threshold.model.predict(X), (p >= y.mean()).astype(int))


def test_adasyn_puts_more_synthetic_points_where_the_majority_surrounds_the_minority():
    """strategy.adasyn (He et al. 2008): the number of synthetic points drawn
    from a minority point grows with the majority share among its neighbours."""
    X, y = _data(n=5000, ratio=20, sep=1.5)
    fit = fit_strategy("adasyn", X, y)
    minority = X[y == 1]
    synthetic = fit.X_resampled[fit.synthetic]
    nearest = np.argmin(((synthetic[:, None, :] - minority[None, :, :]) ** 2).sum(-1), axis=1)
    drawn = np.bincount(nearest, minlength=len(minority))
    others = np.linalg.norm(X[:, None, :] - minority[None, :, :], axis=-1)
    k_nearest = np.argsort(others, axis=0)[1:6]
    hardness = (y[k_nearest] == 0).mean(axis=0)
    assert spearmanr(hardness, drawn).statistic > 0.5


# ---------------------------------------------------------------- data shapes
def test_two_clusters_make_the_one_d_view_noise():
    """surface.projection_note: on two minority clusters the class means almost
    coincide and the direction between them varies from sample to sample; on
    the Gaussian shape it is stable and the means are about sep apart."""
    u = np.ones(2) / np.sqrt(2)
    out = {}
    for shape in ("gaussian", "two_clusters"):
        norms, angles = [], []
        for seed in range(10):
            X, y = make_imbalanced(
                DEFAULTS.n, DEFAULTS.ratio, class_sep=DEFAULTS.sep, shape=shape, random_state=seed
            )
            v = X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0)
            norms.append(np.linalg.norm(v))
            angles.append(np.degrees(np.arccos(abs(v @ u) / np.linalg.norm(v))))
        out[shape] = (np.array(norms), np.array(angles))
    assert (
        out["two_clusters"][0].max()
        < 0.35 * DEFAULTS.sep
        < 0.7 * DEFAULTS.sep
        < out["gaussian"][0].min()
    )
    assert np.std(out["two_clusters"][1]) > 25 > 10 > np.std(out["gaussian"][1])
    # No slope along that axis separates the classes: the 1-D fit is no better than chance.
    X, y = make_imbalanced(
        DEFAULTS.n, 100, class_sep=DEFAULTS.sep, shape="two_clusters", random_state=0
    )
    x = project_1d(X, y).reshape(-1, 1)
    w = class_weights(y)
    pred = fit_logistic(x, y, w0=w[0], w1=w[1]).predict(x)
    report = per_class_report(y, pred, labels=[0, 1])
    assert (report.loc[0, "recall"] + report.loc[1, "recall"]) / 2 < 0.6


@pytest.mark.parametrize("shape", ["unequal_var", "two_clusters"])
def test_on_misspecified_shapes_both_runs_still_reach_their_own_minimum(shape):
    """grad.converge_misspecified: masking still only slows the descent; both runs
    end at the minimum of their own loss, and the two minima differ."""
    X, y = make_imbalanced(DEFAULTS.n, 100, class_sep=DEFAULTS.sep, shape=shape, random_state=0)
    w = class_weights(y)
    result = compare_convergence(X, y, w0=w[0], w1=w[1])
    for run in (result.unweighted, result.weighted):
        assert run.steps_to_optimum is not None
        assert run.last_distance < 1e-3 * max(1.0, np.linalg.norm(run.optimum))
    assert np.linalg.norm(result.unweighted.optimum - result.weighted.optimum) > 0.5
