import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import (
    average_precision_score,
    confusion_matrix,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

from lib.metrics import weighted_threshold
from lib.thresholds import (
    ThresholdCurves,
    bayes_threshold,
    confusion_at,
    expected_cost,
    optimal_threshold,
    threshold_curves,
)

#: Probabilities on a coarse grid, so that ties (which matter for thresholds) are common.
coarse_probs = st.integers(0, 20).map(lambda k: k / 20)
any_probs = st.floats(0.0, 1.0, allow_nan=False)
costs = st.floats(0.0, 100.0, allow_nan=False, allow_infinity=False)
positive_costs = st.floats(1e-3, 100.0, allow_nan=False, allow_infinity=False)
thresholds = st.floats(1e-6, 1 - 1e-6, allow_nan=False)


@st.composite
def labelled(draw, probs=any_probs, min_size=2, max_size=60):
    """Labels with both classes and probabilities of the same length."""
    n = draw(st.integers(min_size, max_size))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    i, j = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    y[i], y[j] = 0, 1
    p = draw(arrays(np.float64, n, elements=probs))
    return y, p


def brute_cost(y, p, t, c_fp, c_fn):
    fp = fn = 0
    for yi, pi in zip(y, p, strict=True):
        pred = pi >= t
        fp += int(pred and yi == 0)
        fn += int((not pred) and yi == 1)
    return (c_fp * fp + c_fn * fn) / len(y), fp, fn


# --- threshold_curves ------------------------------------------------------------------


@given(labelled(st.one_of(coarse_probs, any_probs)))
def test_threshold_curves_match_sklearn(data):
    y, p = data
    curves = threshold_curves(y, p)
    assert isinstance(curves, ThresholdCurves)
    precision, recall, _ = precision_recall_curve(y, p)
    fpr, tpr, _ = roc_curve(y, p)
    np.testing.assert_allclose(curves.precision, precision)
    np.testing.assert_allclose(curves.recall, recall)
    np.testing.assert_allclose(curves.fpr, fpr)
    np.testing.assert_allclose(curves.tpr, tpr)
    assert curves.average_precision == pytest.approx(average_precision_score(y, p))
    assert curves.roc_auc == pytest.approx(roc_auc_score(y, p))
    assert curves.prevalence == pytest.approx(np.mean(y))
    for arr in (curves.precision, curves.recall, curves.fpr, curves.tpr):
        assert arr.dtype == np.float64


def test_threshold_curves_hand_values():
    y = [0, 0, 1, 1, 0, 0, 0, 0]
    p = [0.1, 0.4, 0.35, 0.8, 0.2, 0.2, 0.05, 0.3]
    curves = threshold_curves(y, p)
    assert curves.prevalence == pytest.approx(0.25)
    # Positive scores 0.35 and 0.8 beat 5 and 6 of the 6 negatives.
    assert curves.roc_auc == pytest.approx(11 / 12)
    # Ranking: 0.8 (pos), 0.4 (neg), 0.35 (pos): AP = (1/1 + 2/3) / 2.
    assert curves.average_precision == pytest.approx((1 + 2 / 3) / 2)


def test_threshold_curves_of_a_perfect_ranking():
    curves = threshold_curves([0, 0, 0, 1], [0.1, 0.2, 0.3, 0.9])
    assert curves.roc_auc == 1.0
    assert curves.average_precision == 1.0
    assert curves.prevalence == 0.25


# --- confusion_at ----------------------------------------------------------------------


def test_confusion_at_hand_example():
    y = [0, 0, 1, 1, 1, 0]
    p = [0.1, 0.6, 0.4, 0.8, 0.6, 0.3]
    out = confusion_at(y, p, 0.5)
    assert {k: out[k] for k in ("tp", "fp", "fn", "tn")} == {"tp": 2, "fp": 1, "fn": 1, "tn": 2}
    assert out["precision"] == pytest.approx(2 / 3)
    assert out["recall"] == pytest.approx(2 / 3)
    assert out["tpr"] == pytest.approx(2 / 3)
    assert out["fpr"] == pytest.approx(1 / 3)
    # p >= t: a probability equal to the threshold is predicted positive.
    assert confusion_at(y, p, 0.6)["tp"] == 2 and confusion_at(y, p, 0.6)["fp"] == 1
    above = confusion_at(y, p, 0.61)
    assert (above["tp"], above["fp"], above["fn"], above["tn"]) == (1, 0, 2, 3)
    assert above["precision"] == 1.0
    assert above["recall"] == pytest.approx(1 / 3)
    assert above["fpr"] == 0.0


def test_confusion_at_precision_is_one_when_nothing_is_predicted_positive():
    out = confusion_at([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], 0.9)
    assert out["tp"] == out["fp"] == 0
    assert out["fn"] == 2 and out["tn"] == 2
    assert out["precision"] == 1.0
    assert out["recall"] == 0.0 and out["fpr"] == 0.0


@given(labelled(st.one_of(coarse_probs, any_probs)), thresholds)
def test_confusion_at_agrees_with_sklearn(data, t):
    y, p = data
    out = confusion_at(y, p, t)
    tn, fp, fn, tp = confusion_matrix(y, (p >= t).astype(int), labels=[0, 1]).ravel()
    assert (out["tp"], out["fp"], out["fn"], out["tn"]) == (tp, fp, fn, tn)
    assert out["tp"] + out["fp"] + out["fn"] + out["tn"] == len(y)
    assert out["tp"] + out["fn"] == int(np.sum(y == 1))
    assert out["recall"] == pytest.approx(tp / (tp + fn))
    assert out["fpr"] == pytest.approx(fp / (fp + tn))
    assert out["precision"] == pytest.approx(tp / (tp + fp) if tp + fp else 1.0)
    assert all(0.0 <= out[k] <= 1.0 for k in ("precision", "recall", "tpr", "fpr"))


@pytest.mark.parametrize("t", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_confusion_at_refuses_thresholds_outside_the_open_interval(t):
    with pytest.raises(ValueError, match="threshold"):
        confusion_at([0, 1], [0.2, 0.7], t)


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
