"""lib.thresholds.costs: the Bayes threshold, the expected cost and the optimal threshold,
and the errors every threshold function shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from lib.data import make_imbalanced
from lib.i18n import LabError
from lib.metrics import weighted_threshold
from lib.thresholds import (
    average_cost,
    bayes_threshold,
    confusion_at,
    cost_scorer,
    expected_cost,
    optimal_threshold,
    threshold_curves,
)
from tests.lib.thresholds.helpers import any_probs, coarse_probs, labelled, thresholds

costs = st.floats(0.0, 100.0, allow_nan=False, allow_infinity=False)
positive_costs = st.floats(1e-3, 100.0, allow_nan=False, allow_infinity=False)


def brute_cost(y, p, t, c_fp, c_fn):
    fp = fn = 0
    for yi, pi in zip(y, p, strict=True):
        pred = pi >= t
        fp += int(pred and yi == 0)
        fn += int((not pred) and yi == 1)
    return (c_fp * fp + c_fn * fn) / len(y), fp, fn


# --- bayes_threshold -------------------------------------------------------------------


@given(costs, costs)
def test_bayes_threshold_formula_and_class_weight_equivalence(c_fp, c_fn):
    if c_fp + c_fn == 0:
        with pytest.raises(ValueError, match="both be 0"):
            bayes_threshold(c_fp, c_fn)
        return
    t = bayes_threshold(c_fp, c_fn)
    assert t == pytest.approx(c_fp / (c_fp + c_fn))
    assert t == pytest.approx(weighted_threshold(w0=c_fp, w1=c_fn))
    assert 0.0 <= t <= 1.0


@given(positive_costs, positive_costs, st.floats(0.0, 1.0, allow_nan=False))
def test_bayes_threshold_minimises_the_expected_cost_of_one_decision(c_fp, c_fn, p):
    t = bayes_threshold(c_fp, c_fn)
    cost_pos, cost_neg = (1 - p) * c_fp, p * c_fn
    if p > t * (1 + 1e-9):
        assert cost_pos <= cost_neg * (1 + 1e-9)
    elif p < t * (1 - 1e-9):
        assert cost_neg <= cost_pos * (1 + 1e-9)


def test_bayes_threshold_hand_values():
    assert bayes_threshold(1, 1) == 0.5
    assert bayes_threshold(1, 9) == pytest.approx(0.1)
    assert bayes_threshold(3, 1) == pytest.approx(0.75)
    assert bayes_threshold(0, 5) == 0.0
    assert bayes_threshold(5, 0) == 1.0


@pytest.mark.parametrize(
    "c_fp, c_fn, match",
    [
        (0, 0, "both be 0"),
        (0.0, 0.0, "both be 0"),
        (-1, 1, "cost_fp` must be >= 0"),
        (1, -0.5, "cost_fn` must be >= 0"),
        (float("nan"), 1, "cost_fp` must be a finite"),
        (1, float("nan"), "cost_fn` must be a finite"),
        (float("inf"), 1, "cost_fp` must be a finite"),
        ("cheap", 1, "cost_fp` must be a number"),
    ],
)
def test_bayes_threshold_refuses_bad_costs(c_fp, c_fn, match):
    with pytest.raises(ValueError, match=match):
        bayes_threshold(c_fp, c_fn)


# --- expected_cost ---------------------------------------------------------------------


@given(
    labelled(st.one_of(coarse_probs, any_probs), max_size=40),
    costs,
    costs,
    st.lists(st.one_of(coarse_probs.filter(lambda t: t > 0), thresholds), min_size=1, max_size=8),
)
def test_expected_cost_equals_a_brute_force_loop(data, c_fp, c_fn, ts):
    y, p = data
    table = expected_cost(y, p, cost_fp=c_fp, cost_fn=c_fn, thresholds=ts)
    assert list(table.columns) == ["threshold", "fp", "fn", "cost"]
    np.testing.assert_array_equal(table["threshold"], np.sort(ts))
    for _, row in table.iterrows():
        cost, fp, fn = brute_cost(y, p, row["threshold"], c_fp, c_fn)
        assert row["fp"] == fp and row["fn"] == fn
        assert row["cost"] == pytest.approx(cost, rel=1e-12, abs=1e-12)


def test_expected_cost_default_thresholds():
    y = [0, 0, 1, 0, 1]
    p = [0.01, 0.2, 0.5, 0.7, 0.99]
    table = expected_cost(y, p, cost_fp=1.0, cost_fn=5.0)
    ts = table["threshold"].to_numpy()
    assert len(table) == 200
    assert np.all(np.diff(ts) > 0)
    assert np.all((ts > 0) & (ts < 1))
    assert ts[0] == pytest.approx(1e-4) and ts[-1] == pytest.approx(1 - 1e-4)
    # Evenly spaced in log-odds.
    z = np.log(ts / (1 - ts))
    np.testing.assert_allclose(np.diff(z), np.diff(z)[0], rtol=1e-9)
    assert table["fp"].dtype == np.int64 and table["fn"].dtype == np.int64
    for t, cost in zip(ts[::17], table["cost"].to_numpy()[::17], strict=True):
        assert cost == pytest.approx(brute_cost(y, p, t, 1.0, 5.0)[0])
    # Lowest threshold: everything positive, 3 false positives; highest: 2 misses.
    assert table["cost"].iloc[0] == pytest.approx(3 * 1.0 / 5)
    assert table["cost"].iloc[-1] == pytest.approx(2 * 5.0 / 5)


def test_expected_cost_hand_values():
    y = [0, 1, 0, 1]
    p = [0.2, 0.4, 0.6, 0.8]
    table = expected_cost(y, p, cost_fp=2.0, cost_fn=3.0, thresholds=[0.6, 0.1, 0.9, 0.4])
    np.testing.assert_array_equal(table["threshold"], [0.1, 0.4, 0.6, 0.9])
    np.testing.assert_array_equal(table["fp"], [2, 1, 1, 0])
    np.testing.assert_array_equal(table["fn"], [0, 0, 1, 2])
    np.testing.assert_allclose(table["cost"], [4 / 4, 2 / 4, 5 / 4, 6 / 4])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"thresholds": [0.5, 1.2]}, "between 0 and 1"),
        ({"thresholds": [0.5, float("nan")]}, "finite"),
        ({"cost_fp": -1.0}, "cost_fp` must be >= 0"),
        ({"cost_fn": float("inf")}, "cost_fn` must be a finite"),
    ],
)
def test_expected_cost_refuses_bad_arguments(kwargs, match):
    args = {"cost_fp": 1.0, "cost_fn": 1.0, **kwargs}
    with pytest.raises(ValueError, match=match):
        expected_cost([0, 1], [0.3, 0.6], **args)


# --- optimal_threshold -----------------------------------------------------------------


@given(labelled(st.one_of(coarse_probs, any_probs), max_size=40), costs, costs)
def test_optimal_threshold_is_the_brute_force_minimum(data, c_fp, c_fn):
    y, p = data
    t_hat, cost_hat = optimal_threshold(y, p, cost_fp=c_fp, cost_fn=c_fn)
    # Thresholds live in (0, 1]: every distinct positive probability and 1.0,
    # plus "never predict positive" (inf), which costs c_FN for every positive.
    candidates = sorted(set(p[p > 0].tolist()) | {1.0})
    brute = [brute_cost(y, p, t, c_fp, c_fn)[0] for t in candidates]
    never = c_fn * float(np.sum(y == 1)) / len(y)
    best = min(*brute, never)
    assert cost_hat == pytest.approx(best, rel=1e-12, abs=1e-12)
    if t_hat == float("inf"):
        assert never < min(brute)
        return
    assert t_hat in candidates
    assert brute_cost(y, p, t_hat, c_fp, c_fn)[0] == pytest.approx(cost_hat, abs=1e-12)
    # The smallest threshold among ties.
    assert t_hat == min(
        t for t, c in zip(candidates, brute, strict=True) if c <= best * (1 + 1e-14)
    )


@given(
    labelled(st.one_of(coarse_probs, any_probs), max_size=40),
    costs,
    costs,
    st.lists(st.floats(1e-9, 1.0, allow_nan=False), min_size=1, max_size=10),
)
def test_optimal_threshold_beats_every_other_threshold(data, c_fp, c_fn, ts):
    y, p = data
    _, cost_hat = optimal_threshold(y, p, cost_fp=c_fp, cost_fn=c_fn)
    others = expected_cost(y, p, cost_fp=c_fp, cost_fn=c_fn, thresholds=ts)["cost"]
    assert cost_hat <= others.min() + 1e-12


def test_optimal_threshold_hand_example():
    y = [0, 1, 0, 1]
    p = [0.2, 0.4, 0.6, 0.8]
    # Costs at 0.2, 0.4, 0.6, 0.8, 1.0: (2*2, 1*2, 1*2+3, 3, 2*3) / 4.
    assert optimal_threshold(y, p, cost_fp=2.0, cost_fn=3.0) == (0.4, pytest.approx(0.5))
    # Very expensive false positives: never predict positive.
    assert optimal_threshold(y, p, cost_fp=100.0, cost_fn=1.0) == (0.8, pytest.approx(0.25))
    t, cost = optimal_threshold([0, 1], [0.9, 0.1], cost_fp=100.0, cost_fn=1.0)
    assert (t, cost) == (1.0, pytest.approx(0.5))


@pytest.mark.parametrize("c_fp, c_fn", [(1.0, 1.0), (1.0, 9.0), (1.0, 19.0), (3.0, 1.0)])
def test_optimal_threshold_approaches_bayes_threshold_on_calibrated_data(c_fp, c_fn):
    rng = np.random.default_rng(0)
    n = 20_000
    p = rng.beta(0.5, 3.0, size=n)
    y = (rng.uniform(size=n) < p).astype(np.int64)  # p is calibrated by construction
    t_star = bayes_threshold(c_fp, c_fn)
    t_hat, cost_hat = optimal_threshold(y, p, cost_fp=c_fp, cost_fn=c_fn)
    cost_star = expected_cost(y, p, cost_fp=c_fp, cost_fn=c_fn, thresholds=[t_star])["cost"].iloc[0]
    assert cost_hat <= cost_star
    assert (cost_star - cost_hat) / cost_star < 0.03
    assert abs(t_hat - t_star) < 0.07
    # Far from t*, the cost is clearly worse: the comparison above has teeth.
    t_far = 0.5 if t_star < 0.3 else 0.2
    cost_far = expected_cost(y, p, cost_fp=c_fp, cost_fn=c_fn, thresholds=[t_far])["cost"].iloc[0]
    assert (cost_far - cost_hat) / cost_hat > 0.1


# --- errors shared by every function ---------------------------------------------------


CALLS = {
    "threshold_curves": lambda y, p: threshold_curves(y, p),
    "confusion_at": lambda y, p: confusion_at(y, p, 0.5),
    "expected_cost": lambda y, p: expected_cost(y, p, cost_fp=1.0, cost_fn=1.0),
    "optimal_threshold": lambda y, p: optimal_threshold(y, p, cost_fp=1.0, cost_fn=1.0),
}


@pytest.mark.parametrize("call", list(CALLS.values()), ids=list(CALLS))
@pytest.mark.parametrize(
    "y, p, match",
    [
        ([0, 0, 0], [0.1, 0.5, 0.9], "both classes"),
        ([1, 1], [0.1, 0.5], "both classes"),
        ([0, 1, 1], [0.1, 1.2, 0.5], "between 0 and 1"),
        ([0, 1, 1], [-0.1, 0.2, 0.5], "between 0 and 1"),
        ([0, 1, 1], [0.1, float("nan"), 0.5], "finite"),
        ([0, 1, 1], [0.1, 0.5], "same number of samples"),
        ([0, 1], [0.1, 0.5, 0.7], "same number of samples"),
        ([0, 2, 1], [0.1, 0.5, 0.7], "only the class labels 0 and 1"),
        ([], [], "empty"),
    ],
)
def test_bad_labels_and_probabilities_raise(call, y, p, match):
    with pytest.raises(ValueError, match=match):
        call(y, p)


def test_inputs_are_not_modified():
    y = np.array([1, 0, 1, 0, 0])
    p = np.array([0.9, 0.1, 0.4, 0.6, 0.3])
    y0, p0 = y.copy(), p.copy()
    threshold_curves(y, p)
    confusion_at(y, p, 0.5)
    expected_cost(y, p, cost_fp=1, cost_fn=2)
    optimal_threshold(y, p, cost_fp=1, cost_fn=2)
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(p, p0)
    assert isinstance(expected_cost(y, p, cost_fp=1, cost_fn=2), pd.DataFrame)


def test_never_predicting_positive_is_a_candidate():
    # p = 1 for a negative: every threshold <= 1 predicts it positive.
    t, cost = optimal_threshold([0, 0, 1, 1, 0], [0, 0, 1, 1, 1], cost_fp=100, cost_fn=1)
    assert t == float("inf") and cost == pytest.approx(0.4)
    t, cost = optimal_threshold([0, 0, 1, 1, 0], [0.1, 0.2, 0.8, 0.9, 0.3], cost_fp=1, cost_fn=1)
    assert t == pytest.approx(0.8) and cost == 0.0


# --- cost_scorer -----------------------------------------------------------------------
def test_cost_scorer_is_the_negative_average_cost():
    X, y = make_imbalanced(2000, 20, class_sep=2.0, random_state=0)
    model = LogisticRegression().fit(X, y)
    pred = model.predict(X)
    cost = average_cost(y, pred, cost_fp=1.0, cost_fn=20.0)
    fp = int(np.sum((pred == 1) & (y == 0)))
    fn = int(np.sum((pred == 0) & (y == 1)))
    assert cost == pytest.approx((fp + 20.0 * fn) / len(y))
    assert cost_scorer(cost_fp=1.0, cost_fn=20.0)(model, X, y) == pytest.approx(-cost)
    # the same count as expected_cost at threshold 0.5 (scikit-learn predicts p > 0.5,
    # expected_cost p >= 0.5; no probability here is exactly 0.5)
    p = model.predict_proba(X)[:, 1]
    assert not np.any(p == 0.5)
    table = expected_cost(y, p, cost_fp=1.0, cost_fn=20.0, thresholds=[0.5])
    assert table["cost"].iloc[0] == pytest.approx(cost)
    with pytest.raises(LabError, match="class labels 0 and 1"):
        average_cost([0, 1], [0, 2], cost_fp=1.0, cost_fn=1.0)
    with pytest.raises(LabError, match="same number of samples"):
        average_cost([0, 1], [0], cost_fp=1.0, cost_fn=1.0)
