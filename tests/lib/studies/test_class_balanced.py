"""lib.studies.class_balanced: class-balanced strategies on long-tailed multi-class data,
their parameters, their training and the class-balanced page's study
(``class_balanced_study``)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lib.studies.class_balanced as cb
import lib.studies.class_balanced as sm
from lib.data import long_tail_counts, make_long_tailed
from lib.studies.class_balanced_batches import batch_weights_on_long_tail
from lib.weights import weights_from_counts
from tests.lib.studies.helpers import FAST

#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None, max_examples=30)
SLOW = settings(derandomize=True, deadline=None, max_examples=4)


# ---------------------------------------------------------------- relevant_params
@DET
@given(
    st.sampled_from(sm.MULTICLASS_STRATEGIES),
    st.sampled_from(sm.SOURCES),
    st.floats(0.0, 0.9999),
    st.floats(0.0, 5.0),
)
def test_relevant_params_name_only_what_a_strategy_uses(strategy, source, beta, gamma):
    params = sm.relevant_params(strategy, source=source, beta=beta, gamma=gamma)
    expected = {
        "none": set(),
        "ins": {"source"},
        "isns": {"source"},
        "ens": {"source", "beta"},
        "cb_focal": {"source", "beta", "gamma"},
    }[strategy]
    assert set(params) == expected
    # Moving beta or gamma never changes the cache key of a strategy that ignores it.
    other = sm.relevant_params(strategy, source=source, beta=0.5, gamma=1.0)
    assert ("beta" in expected) or params.get("beta") == other.get("beta")
    assert ("gamma" in expected) or params.get("gamma") == other.get("gamma")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"strategy": "focal"}, "`strategy` must be one of none, ins"),
        ({"strategy": "ins", "source": "epoch"}, "`source` must be one of global, batch"),
        ({"strategy": "ens", "beta": 1.0}, "`beta` must be < 1"),
        ({"strategy": "ens", "beta": -0.1}, "`beta` must be >= 0"),
        ({"strategy": "cb_focal", "gamma": float("nan")}, "`gamma` must be a finite number"),
    ],
)
def test_relevant_params_rejects_bad_input(kwargs, message):
    strategy = kwargs.pop("strategy")
    with pytest.raises(ValueError, match=message):
        sm.relevant_params(strategy, **kwargs)


# ---------------------------------------------------------------- training
@SLOW
@given(st.sampled_from([0.0, 1e-12, 1e-9]), st.sampled_from(sm.SOURCES), st.integers(0, 3))
def test_ens_with_beta_to_zero_trains_the_unweighted_model(beta, source, seed):
    counts = long_tail_counts(200, 50)
    X, y = make_long_tailed(counts, class_sep=3.0, random_state=seed)
    plain = sm.train_strategy(X, y, "none", random_state=seed, **FAST)
    ens = sm.train_strategy(X, y, "ens", beta=beta, source=source, random_state=seed, **FAST)
    np.testing.assert_allclose(ens.coef, plain.coef, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(ens.intercept, plain.intercept, rtol=1e-6, atol=1e-9)


def test_cb_focal_with_gamma_zero_is_ens(tail):
    _, X, y, _, _ = tail
    ens = sm.train_strategy(X, y, "ens", beta=0.99, **FAST)
    cbf = sm.train_strategy(X, y, "cb_focal", beta=0.99, gamma=0.0, **FAST)
    np.testing.assert_allclose(cbf.coef, ens.coef, rtol=1e-9)


def test_same_seed_same_model_and_train_all_order(tail, models):
    counts, X, y, _, _ = tail
    assert list(models) == list(sm.MULTICLASS_STRATEGIES)
    again = sm.train_strategy(X, y, "isns", n_classes=len(counts), **FAST)
    np.testing.assert_array_equal(again.coef, models["isns"].coef)
    seen = []
    sm.train_all(
        X, y, strategies=("none", "ins"), progress=lambda d, t: seen.append((d, t)), **FAST
    )
    assert seen == [(1, 2), (2, 2)]


def test_step_size_is_divided_by_the_mean_sample_weight(tail, monkeypatch):
    counts, X, y, _, _ = tail
    seen = {}

    def fake(X, y, **kwargs):
        seen.update(kwargs)
        return None

    monkeypatch.setattr(sm, "train_softmax", fake)
    sm.train_strategy(X, y, "ins", learning_rate=0.5)
    mean_w = np.mean(weights_from_counts(counts, "ins")[y])
    assert seen["learning_rate"] == pytest.approx(0.5 / mean_w)
    assert seen["weighting"] == "global" and seen["scheme"] == "ins" and seen["loss"] == "ce"
    sm.train_strategy(X, y, "cb_focal", source="batch", gamma=1.5)
    assert (seen["weighting"], seen["scheme"], seen["loss"], seen["gamma"]) == (
        "batch",
        "ens",
        "focal",
        1.5,
    )


def test_ins_raises_rare_class_recall_on_a_clear_long_tail():
    """Averaged over seeds, INS finds more of the two rarest classes than no weights."""
    counts = long_tail_counts(400, 100)
    gains = []
    for seed in range(3):
        X, y = make_long_tailed(counts, class_sep=3.0, random_state=seed)
        X_t, y_t = make_long_tailed(
            sm.evaluation_counts(counts, per_class=300), class_sep=3.0, random_state=seed + 100
        )
        fitted = sm.train_all(X, y, strategies=("none", "ins"), random_state=seed, **FAST)
        table = sm.compare_strategies(fitted, X_t, y_t, counts=counts)
        recall = sm.metric_by_class(table, "recall")
        gains.append(recall["ins"].iloc[-2:].to_numpy() - recall["none"].iloc[-2:].to_numpy())
    assert np.mean(gains) > 0.2, gains


SMALL = {"imbalance": 10, "n_max": 200, "seed": 3, "batch_size": 64}


class Memo:
    """A memoising ``cache(fn, *args, **kwargs)`` that counts the calls it really makes."""

    def __init__(self):
        self.store, self.calls = {}, []

    def __call__(self, fn, *args, **kwargs):
        key = (fn.__name__, args, tuple(sorted(kwargs.items())))
        if key not in self.store:
            self.calls.append(key)
            self.store[key] = fn(*args, **kwargs)
        return self.store[key]


@pytest.fixture(scope="module")
def memo():
    return Memo()


@pytest.fixture(scope="module")
def study(memo):
    seen = []
    result = cb.class_balanced_study(
        **SMALL, cache=memo, progress=lambda d, t, n: seen.append((d, t, n))
    )
    return result, seen


def test_progress_counts_the_chosen_models_in_order(study):
    _, seen = study
    names = cb.MULTICLASS_STRATEGIES
    assert seen == [(i + 1, len(names), n) for i, n in enumerate(names)]


def test_the_study_holds_what_its_parts_compute(study):
    result, _ = study
    counts = long_tail_counts(SMALL["n_max"], SMALL["imbalance"])
    np.testing.assert_array_equal(result.counts, counts)
    np.testing.assert_array_equal(result.order, cb.frequency_order(counts))
    test_counts = cb.evaluation_counts(counts, "balanced", per_class=cb.PER_CLASS)
    np.testing.assert_array_equal(result.test_counts, test_counts)
    assert (result.test_total, result.test_rarest) == (test_counts.sum(), test_counts.min())
    key = tuple(int(c) for c in counts)
    models = {
        n: cb.fit_long_tail(key, SMALL["seed"], n, batch_size=64, **cb.relevant_params(n))
        for n in cb.MULTICLASS_STRATEGIES
    }
    X_test, y_test = make_long_tailed(
        tuple(int(c) for c in test_counts), class_sep=cb.CLASS_SEP, random_state=SMALL["seed"] + 1
    )
    table = cb.compare_strategies(models, X_test, y_test, counts=counts)
    pd.testing.assert_frame_equal(result.table, table)
    for metric in cb.METRICS:
        pd.testing.assert_frame_equal(result.by_class[metric], cb.metric_by_class(table, metric))
        pd.testing.assert_frame_equal(result.change[metric], cb.change_vs_baseline(table, metric))
    assert result.sources == ("global",)
    overall = cb.overall_scores(models, X_test, y_test, n_classes=len(counts))
    pd.testing.assert_frame_equal(result.scores["global"], overall)
    assert list(result.reports) == list(cb.MULTICLASS_STRATEGIES)
    for name, report in result.reports.items():
        part = table[table["strategy"] == name]
        assert list(report.columns) == [*cb.METRICS, "support"]
        np.testing.assert_array_equal(report.index, part["class"])
        np.testing.assert_array_equal(report["recall"], part["recall"])
    assert result.n_batches == cb.EPOCHS * math.ceil(counts.sum() / 64)


def test_the_batch_numbers_are_those_of_the_training_labels(study):
    result, _ = study
    counts = long_tail_counts(SMALL["n_max"], SMALL["imbalance"])
    _, y = make_long_tailed(counts, class_sep=cb.CLASS_SEP, random_state=SMALL["seed"])
    kwargs = {"batch_size": 64, "epochs": cb.EPOCHS, "random_state": SMALL["seed"]}
    pd.testing.assert_frame_equal(result.spread, cb.batch_weight_spread(y, "ins", **kwargs))
    pd.testing.assert_series_equal(
        result.divisor_ratio, cb.pytorch_divisor_ratio(y, "ins", **kwargs)
    )
    spread, again = batch_weights_on_long_tail(
        tuple(counts), SMALL["seed"], batch_size=64, epochs=cb.EPOCHS, class_sep=cb.CLASS_SEP
    )
    pd.testing.assert_frame_equal(spread, result.spread)
    pd.testing.assert_series_equal(again, result.divisor_ratio)
    assert list(result.effect.index) == list(cb.SOURCES)


def test_a_moved_setting_refits_only_the_models_that_depend_on_it(study, memo):
    fits = [call for call in memo.calls if call[0] == "fit_long_tail"]
    assert len(fits) == len(cb.MULTICLASS_STRATEGIES) + 1  # and INS with per-batch weights
    before = len(memo.calls)
    cb.class_balanced_study(**SMALL, beta=0.99, cache=memo)
    refit = [call[1][2] for call in memo.calls[before:]]
    assert sorted(refit) == ["cb_focal", "ens"]
    before = len(memo.calls)
    cb.class_balanced_study(**SMALL, beta=0.99, gamma=1.0, test="longtail", cache=memo)
    assert [call[1][2] for call in memo.calls[before:]] == ["cb_focal"]


def test_per_batch_weights_train_both_sources(memo):
    result = cb.class_balanced_study(**SMALL, source="batch", cache=memo)
    assert result.sources == ("global", "batch")
    assert list(result.scores.columns.get_level_values(0).unique()) == ["global", "batch"]
    assert result.scores.shape == (len(cb.MULTICLASS_STRATEGIES), 6)


def test_without_a_cache_the_numbers_are_the_same(study):
    result, _ = study
    direct = cb.class_balanced_study(**SMALL)
    pd.testing.assert_frame_equal(direct.table, result.table)
    pd.testing.assert_frame_equal(direct.scores, result.scores)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": "epoch"}, "`source` must be one of global, batch"),
        ({"test": "x"}, "`kind` must be one of balanced, longtail"),
        ({"batch_size": 0}, "`batch_size` must be >= 1"),
    ],
)
def test_bad_settings_raise_lab_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cb.class_balanced_study(**(SMALL | kwargs))
