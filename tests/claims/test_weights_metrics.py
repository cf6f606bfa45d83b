"""Claims of the training-loss page, the sample-weights page and the metric texts (issue 14).

Each test computes, with ``lib`` (and the scikit-learn functions the texts
name), a number or a direction that a catalogue key states, so the sentence
cannot drift from what the app does. ``tests/claims/test_claims.py`` maps the keys
``trainloss.*``, ``sw.*``, ``lesson.validation.*`` and
``boundaries.metrics_*`` to these tests.

Sources: scikit-learn's ``balanced_accuracy_score`` ("equivalent to
accuracy_score with class-balanced sample weights"); Elkan (2001), "The
Foundations of Cost-Sensitive Learning", IJCAI (expected cost of a cost
matrix); Shimodaira (2000), J. Statist. Plann. Inference 90 (importance
weights); Aitken (1935) and the Gauss-Markov theorem (weighted least
squares); Kish (1965), sec. 11.7 (effective sample size).
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.special import expit
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    confusion_matrix,
    precision_score,
    recall_score,
)
from sklearn.utils.class_weight import compute_class_weight, compute_sample_weight

from lib.data import make_imbalanced
from lib.losses import weighted_bce
from lib.metrics import evaluate_under_weights, per_class_report
from lib.models import fit_logistic, predict_labels, train_binary_sgd
from lib.studies.class_vs_sample import (
    boundary_candidates,
    boundary_shifts,
    compare_class_and_sample_weights,
    point_weights,
    weight_table,
)
from lib.studies.lessons import LESSONS
from lib.studies.recency import (
    angle_between,
    effective_sample_size,
    fit_recency,
    make_drifting,
    recency_study,
)
from lib.studies.weighted_regression import (
    fit_line,
    inverse_variance_weights,
    line_error,
    make_heteroscedastic,
    regression_study,
    slope_standard_deviations,
)
from lib.viz import BoundaryLine, RegressionLine, errorbar_fit, weight_sizes, weighted_map
from lib.weights import class_weights, recency_weights

ROOT = Path(__file__).parents[2]


# ---------------------------------------------------------------- helpers
def _page_constants(script: str) -> dict[str, object]:
    """Module-level constants of a page script, read without running Streamlit."""
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets[0]
            names = (
                [t.id for t in targets.elts]
                if isinstance(targets, ast.Tuple)
                else [targets.id]
                if isinstance(targets, ast.Name)
                else []
            )
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                continue
            values = value if len(names) > 1 else (value,)
            found.update(zip(names, values, strict=True))
    return found


def _slider_default(script: str, param: str) -> object:
    """The default value of ``ui.slider_param(param, options, default, ...)`` in a page."""
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "slider_param"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == param
        ):
            return ast.literal_eval(node.args[2])
    raise AssertionError(f"no slider {param!r} in {script}")


# The sample-weights page's sections, each holding its own constants and sliders.
SW_PARTS = {
    part: f"views/sample_weights_parts/{part}.py"
    for part in ("picked_points", "recency", "regression")
}
SW = {k: v for script in SW_PARTS.values() for k, v in _page_constants(script).items()}


def _sw_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    # Part (a)'s data at the default sidebar (n = 20,000, 1:1000, sep 2), capped by the page.
    n, ratio = min(20_000, SW["N_A"]), min(1000, SW["RATIO_CAP"])
    return make_imbalanced(n, ratio, class_sep=2.0, random_state=seed)


def _margin(coef: np.ndarray, intercept: float, x: np.ndarray, label: int) -> float:
    """Signed margin: > 0 when the boundary classifies ``x`` as ``label``."""
    return float((2 * label - 1) * (x @ coef + intercept))


# ================================================================ metrics and weights
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 400), st.floats(0.02, 0.5))
def test_balanced_accuracy_is_accuracy_with_balanced_sample_weights(seed, n, rate):
    rng = np.random.default_rng(seed)
    y = (rng.uniform(size=n) < rate).astype(int)
    y[:2] = [0, 1]  # both classes present
    pred = rng.integers(0, 2, size=n)
    balanced = balanced_accuracy_score(y, pred)
    assert accuracy_score(
        y, pred, sample_weight=compute_sample_weight("balanced", y)
    ) == pytest.approx(balanced, abs=1e-12)
    w = class_weights(y)  # the lab's balanced weights n / (k n_c)
    assert accuracy_score(y, pred, sample_weight=np.where(y == 1, w[1], w[0])) == pytest.approx(
        balanced, abs=1e-12
    )


@pytest.fixture(scope="module")
def lab_predictions():
    """A balanced-weight model's test predictions on the lab's data at 1:100."""
    X, y = make_imbalanced(20_000, 100, class_sep=2.0, random_state=0)
    X_test, y_test = make_imbalanced(20_000, 100, class_sep=2.0, random_state=1)
    w = class_weights(y)
    model = fit_logistic(X, y, w0=w[0], w1=w[1])
    return y_test, model.predict_proba(X_test)[:, 1], w


def test_training_weights_do_not_enter_a_metrics_formula(lab_predictions):
    y, p, w = lab_predictions
    pairs = [(1.0, 1.0), (w[0], w[1]), (1.0, 1000.0), (7.0, 0.1)]
    frame = evaluate_under_weights(y, p, pairs)
    for column in ("loss", "accuracy", "precision", "recall", "balanced_accuracy"):
        assert frame[column].nunique() == 1, column
    assert frame["weighted_loss"].nunique() == len(pairs)
    # The plain metrics are counts of the predicted labels, with no weight anywhere.
    pred = (p > 0.5).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
    report = per_class_report(y, pred, labels=[0, 1])
    assert report.loc[1, "precision"] == pytest.approx(tp / (tp + fp), abs=1e-15)
    assert report.loc[1, "recall"] == pytest.approx(tp / (tp + fn), abs=1e-15)
    assert report.loc[0, "recall"] == pytest.approx(tn / (tn + fp), abs=1e-15)
    assert frame["accuracy"][0] == pytest.approx((tp + tn) / len(y), abs=1e-15)


def test_weighted_columns_are_the_sample_weighted_formulas(lab_predictions):
    y, p, w = lab_predictions
    pred = (p > 0.5).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
    n0, n1 = tn + fp, tp + fn
    frame = evaluate_under_weights(y, p, [(1.0, 1.0), (w[0], w[1]), (2.0, 30.0)])
    for _, row in frame.iterrows():
        a, b = row["w0"], row["w1"]
        assert row["accuracy_sw"] == pytest.approx(1 - (a * fp + b * fn) / (a * n0 + b * n1))
        assert row["precision_sw"] == pytest.approx(b * tp / (b * tp + a * fp))
        assert row["recall_sw"] == pytest.approx(row["recall"], rel=1e-12)
    # Balanced weights: weighted accuracy is balanced accuracy.
    assert frame["accuracy_sw"][1] == pytest.approx(frame["balanced_accuracy"][1], abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.01, 100.0), st.floats(0.01, 100.0))
def test_recall_ignores_class_weights_as_sample_weight(seed, w0, w1):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=200)
    y[:2] = [0, 1]
    pred = rng.integers(0, 2, size=200)
    sw = np.where(y == 1, w1, w0)
    assert recall_score(y, pred, sample_weight=sw, zero_division=0.0) == pytest.approx(
        recall_score(y, pred, zero_division=0.0), abs=1e-12
    )


def test_the_validation_set_has_the_training_sets_class_counts():
    for n, ratio in [(2000, 1000), (20_000, 1000), (20_000, 100), (200, 20), (5000, 3)]:
        _, y = make_imbalanced(n, ratio, class_sep=2.0, random_state=0)
        _, y_val = make_imbalanced(n, ratio, class_sep=2.0, random_state=1)
        assert np.array_equal(np.bincount(y), np.bincount(y_val))
        # so balanced weights of the training set are balanced weights of the validation set
        assert class_weights(y) == class_weights(y_val)


def test_cost_weighted_accuracy_ranks_models_like_expected_cost(lab_predictions):
    y, p, _ = lab_predictions
    c_fp, c_fn = 1.0, 25.0  # a false negative costs 25 times a false positive
    costs, accuracies = [], []
    for t in np.linspace(0.05, 0.95, 19):
        pred = (p > t).astype(int)
        tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
        cost = (c_fp * fp + c_fn * fn) / len(y)  # Elkan's expected cost per sample
        acc_w = accuracy_score(y, pred, sample_weight=np.where(y == 1, c_fn, c_fp))
        scale = (c_fp * np.sum(y == 0) + c_fn * np.sum(y == 1)) / len(y)
        assert 1 - acc_w == pytest.approx(cost / scale, rel=1e-12)  # proportional
        costs.append(cost)
        accuracies.append(acc_w)
    # The factor does not depend on the model, so both rank the 19 thresholds alike.
    assert len(set(np.round(costs, 12))) > 10
    best_by_cost, best_by_accuracy = int(np.argmin(costs)), int(np.argmax(accuracies))
    assert costs[best_by_accuracy] == pytest.approx(costs[best_by_cost], rel=1e-12)


def test_importance_weights_give_the_metrics_at_the_deployment_mix(lab_predictions):
    y, p, _ = lab_predictions
    pred = (p > 0.5).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
    tpr, fpr = tp / (tp + fn), fp / (fp + tn)
    rate = float(np.mean(y))
    for deploy in (0.001, 0.05, 0.5):
        w = np.where(y == 1, deploy / rate, (1 - deploy) / (1 - rate))
        expected = tpr * deploy / (tpr * deploy + fpr * (1 - deploy))
        assert precision_score(y, pred, sample_weight=w) == pytest.approx(expected, rel=1e-12)
        assert accuracy_score(y, pred, sample_weight=w) == pytest.approx(
            deploy * tpr + (1 - deploy) * (1 - fpr), rel=1e-12
        )
    # Check against a real deployment set: keep every positive, subsample the negatives.
    rng = np.random.default_rng(0)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    keep = np.concatenate([pos, rng.choice(neg, size=4 * len(pos), replace=False)])  # 20 %
    w = np.where(y == 1, 0.2 / rate, 0.8 / (1 - rate))
    assert precision_score(y[keep], pred[keep]) == pytest.approx(
        precision_score(y, pred, sample_weight=w), abs=0.05
    )
    assert precision_score(y[keep], pred[keep]) > 2 * precision_score(y, pred)


def test_zero_division_and_f05_favour_precision():
    y = np.array([0, 0, 1, 1, 1])
    never_1 = per_class_report(y, np.zeros(5, dtype=int), labels=[0, 1])
    assert never_1.loc[1, "precision"] == 0.0  # scikit-learn's zero_division=0
    report = per_class_report(
        np.array([1] * 10 + [0] * 90),
        np.array([1] * 2 + [0] * 8 + [1] * 1 + [0] * 89),
        labels=[0, 1],
    )
    p, r, f = report.loc[1, ["precision", "recall", "f_beta"]]
    assert p > r and abs(f - p) < abs(f - r)  # F0.5 lies nearer precision
    swapped = per_class_report(
        np.array([1] * 2 + [0] * 8 + [1] * 1 + [0] * 89),
        np.array([1] * 10 + [0] * 90),
        labels=[0, 1],
    )
    assert swapped.loc[1, "precision"] == pytest.approx(r)
    assert swapped.loc[1, "f_beta"] < f  # same P and R swapped: lower F0.5


# ================================================================ training-loss page
@pytest.fixture(scope="module")
def lesson_runs():
    """The training-loss page's two SGD runs at the lesson's preset (30 epochs, default)."""

    lesson = next(lesson for lesson in LESSONS if lesson.key == "validation")
    pre = lesson.preset
    n, ratio, sep, seed = int(pre["n"]), int(pre["ratio"]), float(pre["sep"]), int(pre["seed"])
    w0, w1 = float(pre["w0"]), float(pre["w1"])
    X, y = make_imbalanced(n, ratio, class_sep=sep, random_state=seed)
    X_val, y_val = make_imbalanced(n, ratio, class_sep=sep, random_state=seed + 1)
    epochs = _slider_default("views/training_loss.py", "epochs")
    assert epochs == 30
    runs = {
        name: train_binary_sgd(X, y, w0=a, w1=b, epochs=epochs, X_val=X_val, y_val=y_val)
        for name, (a, b) in (("weighted", (w0, w1)), ("plain", (1.0, 1.0)))
    }
    return runs, X_val, y_val, (w0, w1)


def test_weighted_validation_loss_rewards_the_training_device(lesson_runs):
    runs, X_val, y_val, (w0, w1) = lesson_runs
    p = {name: run.predict_proba(X_val)[:, 1] for name, run in runs.items()}
    plain_loss = {name: weighted_bce(y_val, q) for name, q in p.items()}
    weighted_loss = {name: weighted_bce(y_val, q, w0=w0, w1=w1) for name, q in p.items()}
    # The plain log-loss rates the weighted model far worse (more than ten times) ...
    assert plain_loss["weighted"] > 10 * plain_loss["plain"]
    # ... the loss weighted with the training weights rates it better.
    assert weighted_loss["weighted"] < weighted_loss["plain"]
    # and the two validation losses pick best epochs far apart
    h = runs["weighted"].history
    best_plain = int(h["epoch"][h["val_loss"].idxmin()])
    best_weighted = int(h["epoch"][h["val_loss_weighted"].idxmin()])
    assert abs(best_plain - best_weighted) >= 10
    # the page's curves are these numbers
    assert h["val_loss"].iloc[-1] == pytest.approx(plain_loss["weighted"], rel=1e-9)
    assert runs["plain"].history["val_loss"].iloc[-1] == pytest.approx(
        plain_loss["plain"], rel=1e-9
    )


@pytest.mark.parametrize("ratio", [10, 100, 1000])
def test_balanced_weights_raise_the_plain_validation_loss_at_other_settings(ratio):

    X, y = make_imbalanced(2000, ratio, class_sep=2.0, random_state=0)
    X_val, y_val = make_imbalanced(2000, ratio, class_sep=2.0, random_state=1)
    w = class_weights(y)
    runs = [
        train_binary_sgd(X, y, w0=a, w1=b, epochs=10, X_val=X_val, y_val=y_val)
        for a, b in ((w[0], w[1]), (1.0, 1.0))
    ]
    weighted, plain = (run.history["val_loss"].iloc[-1] for run in runs)
    assert weighted > plain


def test_two_class_softmax_is_logistic_regression(lesson_runs):
    runs, X_val, _, _ = lesson_runs
    run = runs["weighted"]
    logits = run.logits(X_val)
    assert run.predict_proba(X_val)[:, 1] == pytest.approx(
        expit(logits[:, 1] - logits[:, 0]), abs=1e-12
    )


def test_sgd_step_is_divided_by_the_mean_weight():

    X, y = make_imbalanced(2000, 100, class_sep=2.0, random_state=0)
    base = train_binary_sgd(X, y, w0=0.5, w1=50.0, epochs=3, l2=0.0)
    for c in (0.01, 10.0, 1000.0):
        scaled = train_binary_sgd(X, y, w0=0.5 * c, w1=50.0 * c, epochs=3, l2=0.0)
        assert scaled.coef == pytest.approx(base.coef, rel=1e-9, abs=1e-12)
        assert scaled.intercept == pytest.approx(base.intercept, rel=1e-9, abs=1e-12)
    # With the default L2 penalty the scale matters only through that small term.
    default = train_binary_sgd(X, y, w0=0.5, w1=50.0, epochs=3)
    big = train_binary_sgd(X, y, w0=50.0, w1=5000.0, epochs=3)
    assert big.coef == pytest.approx(default.coef, rel=1e-2, abs=1e-4)


def test_training_loss_page_table_shows_balanced_accuracy_in_the_balanced_row():
    from tests.app.helpers import open_page  # noqa: PLC0415

    at = open_page("training_loss", n="2000", w0="0.5", w1="50", epochs="10")
    [table] = at.dataframe
    frame = table.value
    assert len(frame) == 4
    for column in ("accuracy", "precision", "recall", "balanced accuracy", "log-loss"):
        assert frame[column].nunique() == 1, column
    assert frame["accuracy, weighted"].iloc[2] == pytest.approx(
        frame["balanced accuracy"].iloc[2], abs=1e-12
    )
    assert frame["accuracy, weighted"].iloc[0] == pytest.approx(frame["accuracy"].iloc[0])
    assert frame["recall, weighted"].nunique() == 1


def test_balanced_weights_inflate_probabilities_at_the_lesson_settings():
    X, y = make_imbalanced(20_000, 1000, class_sep=2.0, random_state=0)
    X_test, y_test = make_imbalanced(20_000, 1000, class_sep=2.0, random_state=1)
    w = class_weights(y)
    rate = float(np.mean(y_test))
    plain = fit_logistic(X, y).predict_proba(X_test)[:, 1]
    weighted = fit_logistic(X, y, w0=w[0], w1=w[1]).predict_proba(X_test)[:, 1]
    assert np.mean(weighted) > 10 * rate  # inflated for the real class ratio
    assert np.mean(plain) == pytest.approx(rate, rel=0.5)
    assert weighted_bce(y_test, weighted) > weighted_bce(y_test, plain)


# ================================================================ sample weights, part (a)
def test_part_a_draws_200_points_at_most_1_to_20():
    assert SW["N_A"] == 200 and SW["RATIO_CAP"] == 20
    _, y = _sw_data()
    assert len(y) == 200 and np.bincount(y).tolist() == [190, 10]


def test_cls1w_help_balanced_weights_and_ratio():
    _, y = _sw_data()
    w = class_weights(y)
    assert w[1] == pytest.approx(10.0, abs=1e-12)  # n / (2 n1) = 200 / 20
    assert f"{w[0]:.2f}" == "0.53"  # 200 / 380
    sk = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    assert sk == pytest.approx([w[0], w[1]])
    assert w[1] / w[0] == pytest.approx(19.0)  # n0 / n1
    options = SW["CLASS1"]
    assert min(options, key=lambda v: abs(v - 19.0)) == 20
    assert _slider_default(SW_PARTS["picked_points"], "cls1w") == 10


def test_class_weight_is_multiplied_into_sample_weight():
    X, y = _sw_data()
    s = np.random.default_rng(0).uniform(0.1, 3.0, size=len(y))
    w = 7.0
    a = LogisticRegression(class_weight={0: 1.0, 1: w}).fit(X, y, sample_weight=s)
    b = LogisticRegression().fit(X, y, sample_weight=s * np.where(y == 1, w, 1.0))
    assert a.coef_ == pytest.approx(b.coef_, rel=1e-6)
    assert a.intercept_ == pytest.approx(b.intercept_, rel=1e-6)


def test_class_weight_and_the_same_array_agree_to_rounding():
    X, y = _sw_data()
    for w in (10, 1000):
        fits = compare_class_and_sample_weights(X, y, w1=float(w))
        shifts = boundary_shifts(fits, X.mean(axis=0))
        assert shifts["identical"] < 1e-6
        assert abs(shifts["picked"]) < 1e-6  # no point picked: no extra shift


def test_candidates_are_the_12_points_nearest_the_unweighted_boundary():
    X, y = _sw_data()
    coef, intercept = fit_logistic(X, y).coef_[0], float(fit_logistic(X, y).intercept_[0])
    ids = boundary_candidates(X, coef, intercept)
    assert len(ids) == 12
    distance = np.abs(X @ coef + intercept)
    others = np.setdiff1d(np.arange(len(y)), ids)
    assert distance[ids].max() <= distance[others].min()


def test_class_weight_moves_the_boundary_into_class_0():
    X, y = _sw_data()
    positives = []
    for w in SW["CLASS1"]:
        coef, intercept = compare_class_and_sample_weights(X, y, w1=float(w)).class_weighted
        positives.append(int(np.sum(predict_labels(coef, intercept, X))))
    assert positives == sorted(positives) and positives[-1] > 10 * positives[0]
    # misclassifying a class-1 point costs w times as much
    p = np.full(4, 0.3)
    labels = np.array([1, 1, 0, 0])
    weighted = weighted_bce(labels, p, w1=10.0, reduction="none")
    plain = weighted_bce(labels, p, reduction="none")
    assert weighted == pytest.approx(plain * np.array([10, 10, 1, 1]))


def test_marker_size_grows_4px_per_decade_and_zero_weight_is_an_open_circle():
    assert weight_sizes(np.array([1.0, 10.0, 100.0, 1000.0])) == pytest.approx([6, 10, 14, 18])
    assert weight_sizes(np.array([0.0, 1e9])) == pytest.approx([3, 24])
    X, y = _sw_data()
    weights = point_weights(y, w1=10.0, picked=[0], factor=0.0)
    fig = weighted_map(
        X,
        y,
        weights,
        [BoundaryLine(np.array([1.0, 1.0]), 0.0, 0.5, "b", "#000000")],
        x_range=(-4, 4),
        y_range=(-4, 4),
        title="t",
    )
    symbols = {
        s
        for trace in fig.data
        if getattr(trace, "marker", None) is not None and isinstance(trace.marker.symbol, tuple)
        for s in trace.marker.symbol
    }
    assert "circle-open" in symbols


@pytest.fixture(scope="module")
def picked_study():
    """For every candidate misclassified by the class_weight fit: its margin at f = 1 and 100."""
    X, y = _sw_data()
    model = fit_logistic(X, y)
    ids = boundary_candidates(X, model.coef_[0], float(model.intercept_[0]))
    out = {}
    for w in (10.0, 100.0):
        coef, intercept = compare_class_and_sample_weights(X, y, w1=w).class_weighted
        for i in ids:
            before = _margin(coef, intercept, X[i], int(y[i]))
            if before >= 0:
                continue
            model = fit_logistic(
                X, y, sample_weight=point_weights(y, w1=w, picked=[i], factor=100.0)
            )
            after = _margin(model.coef_[0], float(model.intercept_[0]), X[i], int(y[i]))
            out[(w, int(i))] = (before, after)
    return out


def test_a_large_factor_pulls_the_boundary_towards_the_picked_point(picked_study):
    assert {w for w, _ in picked_study} == {10.0, 100.0}
    for before, after in picked_study.values():
        assert after > before  # always towards classifying it correctly
    # at the default w = 10 far enough to classify it correctly, at w = 100 often not
    assert all(after > 0 for (w, _), (_, after) in picked_study.items() if w == 10.0)
    at_100 = [after > 0 for (w, _), (_, after) in picked_study.items() if w == 100.0]
    assert sum(at_100) < len(at_100) / 2


def test_factor_0_deletes_the_point_and_factor_1_changes_nothing():
    X, y = _sw_data()
    model = fit_logistic(X, y)
    i = int(boundary_candidates(X, model.coef_[0], float(model.intercept_[0]))[0])
    zero = compare_class_and_sample_weights(X, y, w1=10.0, picked=[i], factor=0.0)
    keep = np.arange(len(y)) != i
    deleted = fit_logistic(X[keep], y[keep], w1=10.0)
    assert zero.sample_weighted.coef == pytest.approx(deleted.coef_[0], rel=1e-4, abs=1e-6)
    assert zero.sample_weighted.intercept == pytest.approx(float(deleted.intercept_[0]), rel=1e-4)
    one = compare_class_and_sample_weights(X, y, w1=10.0, picked=[i], factor=1.0)
    assert abs(boundary_shifts(one, X.mean(axis=0))["picked"]) < 1e-6


def test_table_lists_the_candidates_and_every_other_point_keeps_its_class_weight():
    X, y = _sw_data()
    model = fit_logistic(X, y)
    ids = boundary_candidates(X, model.coef_[0], float(model.intercept_[0]))
    table = weight_table(X, y, ids, w1=10.0, picked=[int(ids[0])], factor=5.0)
    assert len(table) == 12
    weights = point_weights(y, w1=10.0, picked=[int(ids[0])], factor=5.0)
    others = np.setdiff1d(np.arange(len(y)), [ids[0]])
    assert np.array_equal(weights[others], np.where(y[others] == 1, 10.0, 1.0))
    assert table["weight"].to_numpy() == pytest.approx(weights[ids])


# ================================================================ sample weights, part (b)
DRIFTS_TESTED, SEEDS = (0.0, 30.0, 90.0, 180.0), (0, 1, 2, 3)


@pytest.fixture(scope="module")
def recency_studies():
    """``recency_study`` at the page's sizes for a few drifts and seeds."""
    half_lives = SW["HALF_LIVES"]
    out = {}
    for drift in DRIFTS_TESTED:
        for seed in SEEDS:
            train = make_drifting(SW["N_DRIFT"], drift=drift, max_age=SW["DAYS"], random_state=seed)
            fresh = make_drifting(SW["N_FRESH"], drift=drift, max_age=0, random_state=seed + 1)
            out[(drift, seed)] = (train, fresh, recency_study(train, fresh, half_lives=half_lives))
    return out


def _mean_accuracy(studies, drift):
    return np.mean([studies[(drift, s)][2]["accuracy"].to_numpy() for s in SEEDS], axis=0)


def test_recency_weight_halves_every_half_life():
    assert recency_weights(np.array([0.0, 10.0, 100.0]), half_life=10.0) == pytest.approx(
        [1.0, 0.5, 1 / 1024], rel=1e-12
    )
    tiny = float(recency_weights(np.array([100.0]), half_life=1.0)[0])
    assert tiny == pytest.approx(2.0**-100) and 1e-31 < tiny < 1e-29  # about 10^-30
    ages = np.linspace(0, 100, 101)
    for h in SW["HALF_LIVES"]:
        w = recency_weights(ages, half_life=float(h))
        assert np.all(w > 0) and np.all(np.diff(w) < 0)  # the older, the less


def test_short_half_lives_keep_few_effective_samples_and_fit_noisily(recency_studies):
    for seed in SEEDS:
        study = recency_studies[(0.0, seed)][2]
        assert study["n_eff"].iloc[0] / SW["N_DRIFT"] < 0.05  # h = 1 day
        assert study["n_eff"].iloc[-1] == SW["N_DRIFT"]  # unweighted
    angles = np.array([recency_studies[(0.0, s)][2]["angle_error"].to_numpy() for s in SEEDS])
    h100 = SW["HALF_LIVES"].index(100)
    assert angles[:, 0].std() > 2 * angles[:, h100].std()
    assert angles[:, 0].mean() > 3 * angles[:, h100].mean()


def test_unweighted_fit_lands_between_and_recency_leans_towards_today():
    default_drift = float(_slider_default(SW_PARTS["recency"], "drift"))
    default_half = float(_slider_default(SW_PARTS["recency"], "half"))
    assert (default_drift, default_half) == (90.0, 10.0)
    for seed in SEEDS:
        train = make_drifting(
            SW["N_DRIFT"], drift=default_drift, max_age=SW["DAYS"], random_state=seed
        )
        coef, _ = fit_recency(train, half_life=None)
        to_today = angle_between(coef, train.coef)
        to_oldest = angle_between(coef, train.coef_oldest)
        assert to_today + to_oldest == pytest.approx(default_drift, abs=5.0)  # in between
        assert 25.0 < to_today < 65.0  # about the middle: the average past
        recent, _ = fit_recency(train, half_life=default_half)
        assert angle_between(recent, train.coef) < to_today / 2


def test_the_true_boundary_is_best_on_average_but_under_90_percent(recency_studies):
    # Expected accuracy of the true rule: E max(p, 1 - p) with logit k z, z ~ N(0, 1), k = 4.
    z = np.linspace(-8, 8, 20001)
    expected = float(np.trapezoid(expit(4 * np.abs(z)) * stats.norm.pdf(z), z))
    assert 0.85 < expected < 0.9
    lucky = 0
    for train, fresh, study in recency_studies.values():
        assert study.attrs["bayes_accuracy"] < 0.9
        p_today = expit(fresh.X @ fresh.coef + fresh.intercept)  # true P(y = 1 | x) today
        truth = predict_labels(fresh.coef, fresh.intercept, fresh.X)  # the green line
        bayes_expected = np.mean(np.where(truth == 1, p_today, 1 - p_today))
        assert bayes_expected == pytest.approx(np.mean(np.maximum(p_today, 1 - p_today)))
        for h in [*SW["HALF_LIVES"], None]:
            coef, intercept = fit_recency(train, half_life=None if h is None else float(h))
            pred = predict_labels(coef, intercept, fresh.X)
            assert np.mean(np.where(pred == 1, p_today, 1 - p_today)) <= bayes_expected + 1e-12
        lucky += int(study["accuracy"].max() > study.attrs["bayes_accuracy"])
        assert study["accuracy"].max() < study.attrs["bayes_accuracy"] + 0.01
    assert lucky >= 1  # on one set of fresh points a fit can score slightly higher


def test_forgetting_without_drift_and_the_best_half_life_shrinks_with_drift(recency_studies):
    half_lives = [*SW["HALF_LIVES"], math.inf]
    at_0 = _mean_accuracy(recency_studies, 0.0)
    assert at_0[:-1].max() <= at_0[-1] + 0.002  # no half-life beats the unweighted fit
    assert at_0[0] < at_0[-1] - 0.02  # short half-lives lose accuracy
    assert at_0[-2] == pytest.approx(at_0[-1], abs=0.002)  # long ones match it
    best = [half_lives[int(np.argmax(_mean_accuracy(recency_studies, d)))] for d in DRIFTS_TESTED]
    assert best == sorted(best, reverse=True) and best[0] > best[-1]
    at_180 = _mean_accuracy(recency_studies, 180.0)
    assert at_180[-1] < 0.55  # no better than a coin
    few_days = [SW["HALF_LIVES"].index(h) for h in (1, 2, 5)]
    long = [SW["HALF_LIVES"].index(h) for h in (50, 100, 1000)]
    assert at_180[few_days].min() > 0.8 and at_180[long].max() < 0.65


def test_opacity_grows_with_recency_weight_so_faint_points_are_old():
    train = make_drifting(SW["N_DRIFT"], drift=90.0, max_age=SW["DAYS"], random_state=0)
    w = recency_weights(train.age, half_life=10.0)
    fig = weighted_map(
        train.X, train.y, w, [], x_range=(-3, 3), y_range=(-3, 3), encoding="opacity", title="t"
    )
    ages, opacities = [], []
    for trace in fig.data:
        ids = np.asarray(trace.customdata)[:, 0].astype(int)
        ages.append(train.age[ids])
        opacities.append(np.asarray(trace.marker.opacity))
    age, opacity = np.concatenate(ages), np.concatenate(opacities)
    assert len(age) == SW["N_DRIFT"]
    assert np.all(np.diff(opacity[np.argsort(age)]) <= 0)  # the older, the fainter
    assert opacity.max() == pytest.approx(1.0)  # the newest point is opaque


def test_effective_sample_size_counts_equally_weighted_points():
    assert effective_sample_size(np.ones(7)) == pytest.approx(7.0)
    w = np.array([1.0, 1.0, 0.0, 0.0])
    assert effective_sample_size(w) == pytest.approx(2.0)
    w = np.random.default_rng(0).uniform(0, 1, 50)
    assert effective_sample_size(w) == pytest.approx(w.sum() ** 2 / np.sum(w**2))


# ================================================================ sample weights, part (c)
def test_noise_levels_are_log_uniform_between_1_over_sqrt_r_and_sqrt_r():
    for R in SW["SPREADS"]:
        data = make_heteroscedastic(SW["N_REG"], spread=float(R), random_state=0)
        assert data.sigma.min() >= 1 / math.sqrt(R) - 1e-12
        assert data.sigma.max() <= math.sqrt(R) + 1e-12
    big = make_heteroscedastic(20_000, spread=100.0, random_state=0)
    log_sigma = np.log(big.sigma)
    half = 0.5 * math.log(100.0)
    assert stats.kstest(log_sigma, stats.uniform(-half, 2 * half).cdf).pvalue > 0.01


def test_wls_trusts_precise_points_up_to_r_squared_times_more():
    sigma = np.array([0.1, 0.5, 1.0, 3.0])
    w = inverse_variance_weights(sigma)
    assert np.all(np.diff(w) < 0) and w == pytest.approx(1 / sigma**2)
    for R in SW["SPREADS"]:
        data = make_heteroscedastic(SW["N_REG"], spread=float(R), random_state=0)
        ratio = inverse_variance_weights(data.sigma)
        assert ratio.max() / ratio.min() <= R**2 * (1 + 1e-9)
    data = make_heteroscedastic(SW["N_REG"], spread=20.0, random_state=0)
    ratio = inverse_variance_weights(data.sigma)
    assert ratio.max() / ratio.min() > 0.5 * 20**2  # the default R = 20 comes close


def test_sklearn_sample_weight_is_weighted_least_squares():
    data = make_heteroscedastic(SW["N_REG"], spread=20.0, random_state=3)
    w = inverse_variance_weights(data.sigma)
    A = np.column_stack([np.ones_like(data.x), data.x])
    closed = np.linalg.solve(A.T @ (w[:, None] * A), A.T @ (w * data.y))
    model = LinearRegression().fit(data.x[:, None], data.y, sample_weight=w)
    assert [model.intercept_, model.coef_[0]] == pytest.approx(closed, rel=1e-8)
    study = regression_study(data, n_reps=10, random_state=0)
    assert (study.fits.at["wls", "intercept"], study.fits.at["wls", "slope"]) == pytest.approx(
        tuple(closed), rel=1e-8
    )


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.floats(1.0, 100.0))
def test_wls_has_the_smallest_variance_among_weighted_linear_estimators(seed, R):
    data = make_heteroscedastic(SW["N_REG"], spread=R, random_state=seed)
    sd_ols, sd_wls = slope_standard_deviations(data.x, data.sigma)
    assert sd_wls <= sd_ols * (1 + 1e-12)
    rng = np.random.default_rng(seed)
    for _ in range(5):  # any other weights v give an unbiased line with a larger variance
        v = rng.uniform(0.01, 1.0, size=len(data.x))
        d = data.x - np.sum(v * data.x) / np.sum(v)
        var_v = np.sum(v**2 * d**2 * data.sigma**2) / np.sum(v * d**2) ** 2
        assert sd_wls**2 <= var_v * (1 + 1e-12)


def test_histograms_centre_on_the_truth_and_wls_is_narrower_when_noise_differs():
    ratios = {}
    for R in SW["SPREADS"]:
        data = make_heteroscedastic(SW["N_REG"], spread=float(R), random_state=0)
        study = regression_study(data, n_reps=SW["REPS"], random_state=0)
        reps = study.replicates
        for k in ("ols", "wls"):
            se = reps[f"{k}_slope"].std() / math.sqrt(SW["REPS"])
            assert abs(reps[f"{k}_slope"].mean() - data.slope) < 4 * se  # unbiased
        sd_ols, sd_wls = study.sd_theory
        if R == 1:
            assert sd_wls == pytest.approx(sd_ols, rel=1e-12)
            assert study.fits.at["wls", "slope"] == pytest.approx(
                study.fits.at["ols", "slope"], rel=1e-9
            )
        else:
            assert sd_wls < sd_ols
            assert reps["wls_slope"].std() < reps["ols_slope"].std()
        ratios[R] = sd_ols / sd_wls
    assert 6.0 < ratios[100] < 9.0  # about 7 times narrower at seed 0
    for seed in range(1, 5):
        data = make_heteroscedastic(SW["N_REG"], spread=100.0, random_state=seed)
        sd_ols, sd_wls = slope_standard_deviations(data.x, data.sigma)
        assert sd_ols / sd_wls > 3.0  # several times


def test_ols_comes_out_closer_for_3_of_50_seeds_at_r_20():
    wins = 0
    for seed in range(50):
        data = make_heteroscedastic(SW["N_REG"], spread=20.0, random_state=seed)
        errors = [
            line_error(
                *fit, true_intercept=data.intercept, true_slope=data.slope, x_range=data.x_range
            )
            for fit in (
                fit_line(data.x, data.y),
                fit_line(data.x, data.y, sample_weight=inverse_variance_weights(data.sigma)),
            )
        ]
        wins += errors[0] < errors[1]
    assert wins == 3


def test_distance_is_averaged_over_0_to_10_and_error_bars_are_1_sigma():
    data = make_heteroscedastic(SW["N_REG"], spread=20.0, random_state=0)
    assert data.x_range == (0.0, 10.0)
    a, b = fit_line(data.x, data.y)
    grid = np.linspace(0.0, 10.0, 100_001)
    numeric = math.sqrt(
        np.trapezoid((a + b * grid - data.intercept - data.slope * grid) ** 2, grid) / 10.0
    )
    assert line_error(
        a, b, true_intercept=data.intercept, true_slope=data.slope, x_range=data.x_range
    ) == pytest.approx(numeric, rel=1e-6)
    weights = inverse_variance_weights(data.sigma)
    fig = errorbar_fit(
        data.x,
        data.y,
        data.sigma,
        [RegressionLine(a, b, "ols", "#000000")],
        x_range=data.x_range,
        weights=weights,
        title="t",
    )
    points = fig.data[0]
    assert np.asarray(points.error_y.array) == pytest.approx(data.sigma)
    opacity = np.asarray(points.marker.opacity)
    assert np.all(np.diff(opacity[np.argsort(weights)]) >= 0)  # opacity grows with the weight
