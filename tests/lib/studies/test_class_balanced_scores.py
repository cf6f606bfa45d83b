"""lib.studies.class_balanced_scores: test sets, class order and the scores of the strategies."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import fbeta_score

import lib.studies.class_balanced as sm
from lib.metrics import per_class_report

#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None, max_examples=30)


def fake_table(values):
    """A compare_strategies-like table from {strategy: per-class metric values}."""
    rows = []
    for name, column in values.items():
        for c, v in enumerate(column):
            rows.append(
                {
                    "strategy": name,
                    "class": c,
                    "train_count": 100 - c,
                    "precision": v,
                    "recall": v,
                    "f_beta": v,
                    "support": 10,
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- test sets and order
@DET
@given(arrays(np.int64, st.integers(2, 12), elements=st.integers(1, 5000)), st.integers(1, 2000))
def test_evaluation_counts(counts, per_class):
    balanced = sm.evaluation_counts(counts, "balanced", per_class=per_class)
    assert balanced.tolist() == [per_class] * len(counts)
    longtail = sm.evaluation_counts(counts, "longtail", per_class=per_class)
    assert longtail.min() >= 1 and len(longtail) == len(counts)
    # Same order as the training counts, about the same total as the balanced set.
    assert np.all(np.diff(longtail[np.argsort(-counts, kind="stable")]) <= 0)
    assert abs(longtail.sum() - balanced.sum()) <= len(counts)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sm.evaluation_counts([5], "balanced"), "at least two whole numbers >= 1"),
        (lambda: sm.evaluation_counts([5, 0], "balanced"), "at least two whole numbers >= 1"),
        (lambda: sm.evaluation_counts([5, 2], "uniform"), "`kind` must be one of balanced"),
        (lambda: sm.evaluation_counts([5, 2], per_class=0), "`per_class` must be >= 1"),
    ],
)
def test_evaluation_counts_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@DET
@given(st.permutations([500, 200, 80, 30, 12, 5, 2]))
def test_frequency_order_runs_from_most_to_least_frequent(counts):
    order = sm.frequency_order(counts)
    assert [counts[c] for c in order] == sorted(counts, reverse=True)


def test_compare_strategies_orders_classes_by_training_count(tail, models):
    counts, _, _, X_test, y_test = tail
    shuffled = counts[[3, 0, 6, 1, 5, 2, 4]]  # pretend the classes had these counts
    table = sm.compare_strategies(models, X_test, y_test, counts=shuffled)
    assert list(table.columns) == [
        "strategy",
        "class",
        "train_count",
        "precision",
        "recall",
        "f_beta",
        "support",
    ]
    assert list(dict.fromkeys(table["strategy"])) == list(sm.MULTICLASS_STRATEGIES)
    for _, part in table.groupby("strategy"):
        assert part["train_count"].tolist() == sorted(shuffled, reverse=True)
        assert part["class"].tolist() == sm.frequency_order(shuffled).tolist()
        assert part["support"].tolist() == [200] * 7


def test_compare_strategies_matches_per_class_report(tail, models):
    counts, _, _, X_test, y_test = tail
    table = sm.compare_strategies(models, X_test, y_test, counts=counts)
    wide = sm.metric_by_class(table, "f_beta")
    for name, model in models.items():
        report = per_class_report(y_test, model.predict(X_test), labels=np.arange(7))
        np.testing.assert_allclose(wide[name].to_numpy(), report["f_beta"].to_numpy())


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m, X, y, c: sm.compare_strategies({}, X, y, counts=c), "at least one trained"),
        (lambda m, X, y, c: sm.compare_strategies(m, X, y, counts=c[:3]), "class indices below 3"),
        (lambda m, X, y, c: sm.compare_strategies(m, X[:5], y, counts=c), "same number of samples"),
        (
            lambda m, X, y, c: sm.metric_by_class(sm.compare_strategies(m, X, y, counts=c), "auc"),
            "`metric` must be one of precision",
        ),
        (
            lambda m, X, y, c: sm.change_vs_baseline(
                sm.compare_strategies(m, X, y, counts=c), "recall", baseline="plain"
            ),
            "`baseline`",
        ),
    ],
)
def test_evaluation_rejects_bad_input(tail, models, call, message):
    counts, _, _, X_test, y_test = tail
    with pytest.raises(ValueError, match=message):
        call(models, X_test, y_test, counts)


# ---------------------------------------------------------------- percent change
@DET
@given(arrays(np.float64, st.integers(2, 8), elements=st.floats(0.0, 1.0)))
def test_percent_change_of_the_baseline_against_itself_is_zero(values):
    table = fake_table({"none": values, "copy": values.copy()})
    change = sm.change_vs_baseline(table, "f_beta")
    assert list(change.columns) == ["copy"]
    assert change["copy"].tolist() == [0.0] * len(values)


@DET
@given(
    arrays(np.float64, 5, elements=st.floats(0.01, 1.0)),
    arrays(np.float64, 5, elements=st.floats(0.0, 1.0)),
)
def test_percent_change_formula(before, after):
    change = sm.change_vs_baseline(fake_table({"none": before, "ins": after}), "recall")
    np.testing.assert_allclose(change["ins"], 100 * (after - before) / before)


def test_change_from_zero_is_infinite():
    change = sm.change_vs_baseline(
        fake_table({"none": [0.0, 0.0, 0.5], "ins": [0.4, 0.0, 0.25]}), "precision"
    )
    assert change["ins"].tolist() == [np.inf, 0.0, -50.0]


# ---------------------------------------------------------------- overall scores
@DET
@given(st.integers(0, 10_000), st.integers(3, 7))
def test_macro_f_is_the_mean_and_weighted_f_the_support_weighted_mean(seed, k):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, k, 60)
    y_pred = np.where(rng.random(60) < 0.6, y_true, rng.integers(0, k, 60))

    class Fixed:
        def predict(self, X):
            return y_pred

    scores = sm.overall_scores({"m": Fixed()}, np.zeros((60, 2)), y_true, n_classes=k)
    report = per_class_report(y_true, y_pred, labels=np.arange(k))
    assert scores.loc["m", "macro_f"] == pytest.approx(report["f_beta"].mean())
    support = report["support"].to_numpy()
    assert scores.loc["m", "weighted_f"] == pytest.approx(
        np.sum(report["f_beta"] * support) / support.sum()
    )
    assert scores.loc["m", "accuracy"] == pytest.approx(np.mean(y_true == y_pred))


def test_macro_equals_weighted_on_a_balanced_test_set(tail, models):
    counts, _, _, X_test, y_test = tail
    scores = sm.overall_scores(models, X_test, y_test, n_classes=len(counts))
    assert list(scores.index) == list(sm.MULTICLASS_STRATEGIES)
    np.testing.assert_allclose(scores["macro_f"], scores["weighted_f"])
    pred = models["ins"].predict(X_test)
    assert scores.loc["ins", "macro_f"] == pytest.approx(
        fbeta_score(y_test, pred, beta=0.5, average="macro")
    )
