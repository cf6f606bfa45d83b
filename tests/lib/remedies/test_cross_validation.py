"""lib.remedies.cross_validation: resampling inside the training folds, summaries,
and strategies that cannot be fitted."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from scipy import stats
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold

import lib.remedies.cross_validation as evaluation
from lib.data import make_imbalanced
from lib.i18n import Message
from lib.remedies import STRATEGIES, cross_validate_strategies, summarize_folds
from tests.lib.helpers import OTHER, _assert_translated

TIMING = ["fit_seconds", "predict_seconds"]

#: What the recording estimator saw: ("fit", counts) and ("predict", rows).
SEEN: list[tuple[str, object]] = []


class Recorder(ClassifierMixin, BaseEstimator):
    """A logistic regression that records the data it is given."""

    def fit(self, X, y):
        SEEN.append(("fit", tuple(np.bincount(y, minlength=2))))
        self.model_ = LogisticRegression().fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X):
        SEEN.append(("predict", np.asarray(X).copy()))
        return self.model_.predict_proba(X)

    def predict(self, X):
        return self.model_.predict(X)


def test_resampling_happens_in_training_folds_only(data, monkeypatch):
    X, y = data
    SEEN.clear()
    monkeypatch.setattr(
        evaluation,
        "make_strategy",
        lambda name, random_state=0, **params: Pipeline(
            [("sampler", SMOTE(random_state=random_state)), ("model", Recorder())]
        ),
    )
    result = cross_validate_strategies(X, y, ["smote"], n_splits=3, n_repeats=2, random_state=5)
    cv = RepeatedStratifiedKFold(n_splits=3, n_repeats=2, random_state=5)
    splits = list(cv.split(X, y))
    fits = [counts for kind, counts in SEEN if kind == "fit"]
    seen_test = [rows for kind, rows in SEEN if kind == "predict"]
    assert len(fits) == len(seen_test) == len(splits) == len(result.folds)
    for (train, test), fit_counts, rows, (_, row) in zip(
        splits, fits, seen_test, result.folds.iterrows(), strict=True
    ):
        n0, n1 = np.bincount(y[train], minlength=2)
        assert fit_counts == (n0, n0)  # SMOTE balanced the training fold
        # the test fold reaches the model untouched: same rows, same class counts
        np.testing.assert_array_equal(rows, X[test])
        assert (row["test_count_0"], row["test_count_1"]) == tuple(
            np.bincount(y[test], minlength=2)
        )
        assert row["n_test"] == len(test) and row["n_train"] == len(train)


def test_folds_and_summary_have_the_promised_columns(data):
    X, y = data
    result = cross_validate_strategies(X, y, ["none", "random_under"], n_splits=3, n_repeats=1)
    folds, summary = result.folds, result.summary
    assert len(folds) == 6
    for column in [
        "precision_0",
        "precision_1",
        "recall_0",
        "recall_1",
        "f_beta_0",
        "f_beta_1",
        "pr_auc",
        "roc_auc",
        "brier",
        *TIMING,
    ]:
        assert column in folds.columns
        assert folds[column].notna().all()
    assert set(summary["strategy"]) == {"none", "random_under"}
    assert (summary["ci_low"] <= summary["mean"]).all()
    assert (summary["mean"] <= summary["ci_high"]).all()
    # undersampling trades precision for recall of the minority class
    rec = summary.set_index(["strategy", "metric"])["mean"]
    assert rec[("random_under", "recall_1")] > rec[("none", "recall_1")]


def test_results_are_reproducible_and_parallel_runs_agree(data):
    X, y = data
    names = {"smote": {}, "balanced_random_forest": {"n_estimators": 10}}
    a = cross_validate_strategies(X, y, names, n_splits=3, n_repeats=1, random_state=7)
    b = cross_validate_strategies(X, y, names, n_splits=3, n_repeats=1, random_state=7)
    c = cross_validate_strategies(X, y, names, n_splits=3, n_repeats=1, random_state=7, n_jobs=2)
    pd.testing.assert_frame_equal(a.folds.drop(columns=TIMING), b.folds.drop(columns=TIMING))
    pd.testing.assert_frame_equal(a.folds.drop(columns=TIMING), c.folds.drop(columns=TIMING))
    d = cross_validate_strategies(X, y, names, n_splits=3, n_repeats=1, random_state=8)
    assert not a.folds["roc_auc"].equals(d.folds["roc_auc"])


def test_callback_reports_progress(data):
    X, y = data
    calls = []
    cross_validate_strategies(
        X,
        y,
        ["none", "threshold"],
        n_splits=3,
        n_repeats=2,
        callback=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(i, 12) for i in range(1, 13)]


def test_summary_is_a_t_interval_by_hand():
    folds = pd.DataFrame(
        {
            "strategy": ["s"] * 4,
            "precision_1": [0.1, 0.2, 0.3, 0.4],
            **{m: [1.0, 1.0, 1.0, 1.0] for m in evaluation.SCORES},
        }
    )
    row = summarize_folds(folds).set_index("metric").loc["precision_1"]
    half = stats.t.ppf(0.975, 3) * np.std([0.1, 0.2, 0.3, 0.4], ddof=1) / 2
    assert row["mean"] == pytest.approx(0.25)
    assert row["ci_low"] == pytest.approx(0.25 - half)
    assert row["ci_high"] == pytest.approx(0.25 + half)
    assert row["n_folds"] == 4
    single = summarize_folds(folds.iloc[:1])
    assert single["ci_low"].isna().all()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"strategies": ["nope"]}, "must be one of"),
        ({"strategies": "none"}, "list of strategy names"),
        ({"strategies": []}, "at least one"),
        ({"strategies": {"smote": {"n_estimators": 2}}}, "does not take"),
        ({"strategies": ["none"], "n_splits": 1}, "n_splits"),
        ({"strategies": ["none"], "n_repeats": 0}, "n_repeats"),
        ({"strategies": ["none"], "n_jobs": 0}, "n_jobs"),
        ({"strategies": ["none"], "beta": 0}, "beta"),
        ({"strategies": ["none"], "n_splits": 30}, "at least n_splits=30"),
    ],
)
def test_bad_inputs_raise_value_error(kwargs, match, data):
    X, y = data
    with pytest.raises(ValueError, match=match):
        cross_validate_strategies(X, y, **kwargs)


def test_bad_data_raises_value_error(data):
    X, y = data
    with pytest.raises(ValueError, match="0 and 1"):
        cross_validate_strategies(X, y + 1, ["none"])
    with pytest.raises(ValueError, match="same number"):
        cross_validate_strategies(X[:-1], y, ["none"])
    with pytest.raises(ValueError, match="confidence"):
        summarize_folds(pd.DataFrame({"strategy": []}), confidence=1.0)


def test_every_registered_strategy_cross_validates_without_warnings(data):
    X, y = data
    small = {
        n: ({"n_estimators": 3} if spec.kind == "ensemble" else {})
        for n, spec in STRATEGIES.items()
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = cross_validate_strategies(X, y, small, n_splits=3, n_repeats=1)
    assert list(result.folds["strategy"].unique()) == list(STRATEGIES)
    assert result.folds[["pr_auc", "roc_auc", "brier"]].notna().all().all()


# --- lib.remedies.cross_validate_strategies(errors=...) --------------------------------


@pytest.fixture(scope="module")
def five_minority():
    X, y = make_imbalanced(100, 19, random_state=0)
    assert int(np.sum(y == 1)) == 5  # 4 in every training fold of 5
    return X, y


def test_cv_skips_a_strategy_that_cannot_be_fitted(five_minority):
    X, y = five_minority
    result = cross_validate_strategies(
        X, y, {"none": {}, "smote": {"k_neighbors": 5}}, n_splits=5, n_repeats=1, errors="skip"
    )
    assert set(result.errors) == {"smote"}
    assert "k_neighbors" in result.errors["smote"]
    assert "only 4" in result.errors["smote"]
    assert set(result.folds["strategy"]) == {"none"}
    assert set(result.summary["strategy"]) == {"none"}
    assert len(result.folds) == 5
    assert result.folds["pr_auc"].notna().all()


def test_cv_raises_by_default_when_a_strategy_cannot_be_fitted(five_minority):
    X, y = five_minority
    for kwargs in ({}, {"errors": "raise"}):
        with pytest.raises(ValueError, match="k_neighbors=5.*only 4"):
            cross_validate_strategies(X, y, ["none", "smote"], n_splits=5, n_repeats=1, **kwargs)


def test_cv_without_failures_reports_no_errors(five_minority):
    X, y = five_minority
    result = cross_validate_strategies(
        X, y, {"none": {}, "smote": {"k_neighbors": 3}}, n_splits=5, n_repeats=1, errors="skip"
    )
    assert result.errors == {}
    assert set(result.folds["strategy"]) == {"none", "smote"}


@pytest.mark.parametrize("value", ["bogus", "ignore", None])
def test_cv_refuses_unknown_error_modes(five_minority, value):
    X, y = five_minority
    with pytest.raises(ValueError, match="`errors` must be 'raise' or 'skip'"):
        cross_validate_strategies(X, y, ["none"], n_splits=5, n_repeats=1, errors=value)


def test_cv_raises_when_every_strategy_fails(five_minority):
    X, y = five_minority
    with pytest.raises(
        ValueError,
        match=r"No strategy can be fitted on this data: SMOTE: "
        r".*ADASYN: ",
    ):
        cross_validate_strategies(X, y, ["smote", "adasyn"], n_splits=5, n_repeats=1, errors="skip")


def test_cv_skips_a_strategy_that_fails_while_fitting():
    # Classes 30 standard deviations apart: no minority point has a majority
    # neighbour, and ADASYN stops with a RuntimeError in every fold.
    X, y = make_imbalanced(300, 10, class_sep=30.0, random_state=0)
    result = cross_validate_strategies(
        X, y, ["none", "adasyn"], n_splits=3, n_repeats=1, errors="skip"
    )
    assert set(result.errors) == {"adasyn"}
    assert result.errors["adasyn"].startswith("failed on 3 of 3 folds")
    assert "ADASYN cannot be fitted on this data" in result.errors["adasyn"]
    assert set(result.folds["strategy"]) == {"none"}
    assert "error" not in result.folds.columns
    with pytest.raises(ValueError, match="ADASYN cannot be fitted on this data"):
        cross_validate_strategies(X, y, ["none", "adasyn"], n_splits=3, n_repeats=1)
    with pytest.raises(ValueError, match="No strategy can be fitted.*ADASYN: failed on 3"):
        cross_validate_strategies(X, y, ["adasyn"], n_splits=3, n_repeats=1, errors="skip")


def test_cv_leaves_out_a_strategy_that_fails_on_some_folds_only(five_minority, monkeypatch):
    X, y = five_minority
    calls = {"smote": 0}
    real_fit = evaluation.fit_model

    def flaky(name, model, X_train, y_train):
        if name == "smote":
            calls["smote"] += 1
            if calls["smote"] == 2:
                raise ValueError("boom")
        return real_fit(name, model, X_train, y_train)

    monkeypatch.setattr(evaluation, "fit_model", flaky)
    result = cross_validate_strategies(
        X, y, {"none": {}, "smote": {"k_neighbors": 3}}, n_splits=5, n_repeats=1, errors="skip"
    )
    assert calls["smote"] == 5
    assert result.errors == {
        "smote": "failed on 1 of 5 folds, so it is left out of the comparison: boom"
    }
    # The four folds smote did fit are dropped too: every strategy shown shares folds.
    assert set(result.folds["strategy"]) == {"none"}
    assert len(result.folds) == 5
    calls["smote"] = 0
    with pytest.raises(ValueError, match="boom"):
        cross_validate_strategies(
            X, y, {"none": {}, "smote": {"k_neighbors": 3}}, n_splits=5, n_repeats=1
        )


# ---------------------------------------------------------------- across processes
def test_cross_validation_reasons_are_translatable_from_worker_processes():
    # Classes far apart: ADASYN fails in every fold (in a worker with n_jobs=2), and
    # SMOTE's k_neighbors cannot be met (checked before fitting).
    X, y = make_imbalanced(300, 10, class_sep=30.0, random_state=0)
    result = cross_validate_strategies(
        X,
        y,
        {"none": {}, "adasyn": {}, "smote": {"k_neighbors": 25}},
        n_splits=3,
        n_repeats=1,
        errors="skip",
        n_jobs=2,
    )
    assert set(result.errors) == {"adasyn", "smote"}
    for why in result.errors.values():
        assert isinstance(why, Message)
        _assert_translated(why)
    adasyn = result.errors["adasyn"]
    assert adasyn.key == "error.cv.failed_folds"
    for lang in OTHER:  # the reason inside the reason is translated too
        assert Message("error.strategy.adasyn_far").text(lang) in adasyn.text(lang)
