"""Class-balanced strategies on long-tailed multi-class data (lib.strategies_multiclass)
and their figure builders (lib.figures_multiclass)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import fbeta_score

import lib.strategies_multiclass as sm
from lib.data import long_tail_counts, make_long_tailed
from lib.figures_multiclass import STRATEGY_COLORS, change_bars, class_bars
from lib.metrics import per_class_report
from lib.weights import weights_from_counts

#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None, max_examples=30)
SLOW = settings(derandomize=True, deadline=None, max_examples=4)
FAST = {"epochs": 8, "batch_size": 128}


@pytest.fixture(scope="module")
def tail():
    """A clear 7-class long tail (400 ... 4 samples) and a balanced test set."""
    counts = long_tail_counts(400, 100)
    X, y = make_long_tailed(counts, class_sep=3.0, random_state=0)
    X_test, y_test = make_long_tailed(
        sm.evaluation_counts(counts, per_class=200), class_sep=3.0, random_state=1
    )
    return counts, X, y, X_test, y_test


@pytest.fixture(scope="module")
def models(tail):
    counts, X, y, _, _ = tail
    return sm.train_all(X, y, n_classes=len(counts), **FAST)


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


# ---------------------------------------------------------------- relevant_params
@DET
@given(
    st.sampled_from(sm.STRATEGIES),
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
    assert list(models) == list(sm.STRATEGIES)
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
    assert list(dict.fromkeys(table["strategy"])) == list(sm.STRATEGIES)
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
    assert list(scores.index) == list(sm.STRATEGIES)
    np.testing.assert_allclose(scores["macro_f"], scores["weighted_f"])
    pred = models["ins"].predict(X_test)
    assert scores.loc["ins", "macro_f"] == pytest.approx(
        fbeta_score(y_test, pred, beta=0.5, average="macro")
    )


# ---------------------------------------------------------------- per-batch weights
def test_one_batch_holding_everything_gives_the_global_weights(tail):
    counts, _, y, _, _ = tail
    spread = sm.batch_weight_spread(y, "ins", batch_size=len(y), epochs=3)
    np.testing.assert_allclose(spread["batch_min"], spread["global"])
    np.testing.assert_allclose(spread["batch_max"], spread["global"])
    assert spread["missing"].tolist() == [0.0] * 7
    assert spread.index.tolist() == list(range(7))  # already most to least frequent


@DET
@given(st.sampled_from(["ins", "isns", "ens"]), st.integers(4, 64), st.integers(0, 50))
def test_per_batch_weights(scheme, batch_size, seed):
    y = make_long_tailed(long_tail_counts(100, 50), random_state=seed)[1]
    spread = sm.batch_weight_spread(y, scheme, batch_size=batch_size, random_state=seed)
    n_batches = -(-len(y) // batch_size)
    assert np.all(spread["missing"].between(0.0, 1.0 - 1.0 / n_batches))
    assert np.all(spread["batch_min"] <= spread["batch_median"])
    assert np.all(spread["batch_median"] <= spread["batch_max"])
    # The rarest class (2 samples) is missing from most small batches.
    if batch_size <= 8:
        assert spread["missing"].iloc[-1] > 0.5


# ---------------------------------------------------------------- figures
def test_class_bars_draw_the_table_in_order():
    table = pd.DataFrame({"none": [0.9, 0.1], "INS": [0.8, 0.7]}, index=["head", "tail"])
    fig = class_bars(
        table,
        colors=[STRATEGY_COLORS["none"], STRATEGY_COLORS["ins"]],
        title="t",
        xtitle="x",
        ytitle="y",
    )
    assert [t.name for t in fig.data] == ["none", "INS"]
    assert list(fig.data[1].x) == ["head", "tail"] and list(fig.data[1].y) == [0.8, 0.7]
    assert fig.data[0].marker.color == STRATEGY_COLORS["none"]
    assert tuple(fig.layout.yaxis.range) == (0.0, 1.0)
    with pytest.raises(ValueError, match="one colour per column"):
        class_bars(table, colors=["#000000"], title="t", xtitle="x", ytitle="y")


def test_change_bars_cap_infinite_changes_with_a_label():
    change = pd.DataFrame({"INS": [-10.0, np.inf], "ENS": [20.0, 50.0]}, index=["a", "b"])
    fig = change_bars(
        change, colors=["#E69F00", "#0072B2"], title="t", xtitle="x", ytitle="y", inf_text="from 0"
    )
    ins = fig.data[0]
    assert list(ins.y) == [-10.0, pytest.approx(1.15 * 50.0)]
    assert list(ins.marker.pattern.shape) == ["", "/"]
    assert list(ins.customdata) == ["-10.0 %", "from 0"]
    assert list(fig.data[1].y) == [20.0, 50.0]
    [label] = fig.layout.annotations
    assert (label.x, label.y, label.text) == ("b", pytest.approx(57.5), "from 0")
    assert fig.layout.yaxis.range[1] > 57.5  # the label stays inside the plot
    only_inf = pd.DataFrame({"INS": [np.inf, -np.inf]}, index=["a", "b"])
    fig = change_bars(
        only_inf, colors=["#E69F00"], title="t", xtitle="x", ytitle="y", inf_text="from 0"
    )
    assert list(fig.data[0].y) == [100.0, -100.0]
    assert [a.y for a in fig.layout.annotations] == [100.0, -100.0]
    finite = change_bars(
        change.iloc[:1],
        colors=["#E69F00", "#0072B2"],
        title="t",
        xtitle="x",
        ytitle="y",
        inf_text="from 0",
    )
    assert finite.layout.annotations == () and finite.layout.yaxis.range is None
