"""lib.remedies.checks: whether a strategy can be fitted on the data, before fitting it."""

import numpy as np
import pytest
from sklearn.base import clone

from lib.remedies import check_strategy_data, make_strategy


@pytest.mark.parametrize(
    "name, key",
    [("smote", "k_neighbors"), ("borderline_smote", "k_neighbors"), ("adasyn", "n_neighbors")],
)
def test_check_strategy_data_needs_k_plus_one_minority_samples(name, key):
    with pytest.raises(
        ValueError,
        match=rf"\({key}=5\).*at least 6 minority samples.*"
        rf"only 3\. Lower {key} to 2",
    ):
        check_strategy_data(name, {0: 100, 1: 3}, **{key: 5})
    with pytest.raises(ValueError, match=rf"{key}=5"):
        check_strategy_data(name, {0: 100, 1: 3})  # default k is 5
    check_strategy_data(name, {0: 100, 1: 3}, **{key: 2})
    check_strategy_data(name, {0: 100, 1: 6}, **{key: 5})
    # one minority sample: no k can work, so the message does not suggest a lower one
    with pytest.raises(ValueError, match=r"at least 2 minority samples.*only 1\. Use more data"):
        check_strategy_data(name, {0: 100, 1: 1}, **{key: 1})


def test_check_strategy_data_uses_the_smaller_class_whatever_its_label():
    with pytest.raises(ValueError, match="only 3"):
        check_strategy_data("smote", {0: 3, 1: 100})


@pytest.mark.parametrize(
    "name", ["random_over", "random_under", "smote", "adasyn", "borderline_smote"]
)
def test_check_strategy_data_refuses_a_ratio_below_the_current_one(name):
    with pytest.raises(
        ValueError,
        match=r"minority/majority = 0\.1, above the sampling "
        r"ratio 0\.05.*(at least|above) 0\.1",
    ):
        check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.05)
    check_strategy_data(name, {0: 100, 1: 100}, sampling_strategy="auto")  # adds nothing
    if name == "random_under":
        check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.1)
    else:  # an over-sampler must have something to add (imbalanced-learn's condition)
        with pytest.raises(ValueError, match="no minority sample to add"):
            check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.1)
        with pytest.raises(ValueError, match=r"= 1 \(balanced\).*no minority sample to add"):
            check_strategy_data(name, {0: 100, 1: 100}, sampling_strategy=1.0)
        # 67 * 0.5 - 33 = 0.5: imbalanced-learn would add int(0.5) = 0 rows
        with pytest.raises(ValueError, match="no minority sample to add"):
            check_strategy_data(name, {0: 67, 1: 33}, sampling_strategy=0.5)
    check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy=0.5)
    check_strategy_data(name, {0: 100, 1: 10}, sampling_strategy="auto")


def test_check_strategy_data_ignores_other_strategies_and_refuses_unknown_names():
    for name in ("none", "class_weight", "easy_ensemble", "rusboost", "focal", "threshold"):
        check_strategy_data(name, {0: 100, 1: 1})
    with pytest.raises(ValueError, match="`name` must be one of"):
        check_strategy_data("tomek", {0: 100, 1: 10})


@pytest.mark.parametrize("name", ["random_over", "random_under", "smote"])
@pytest.mark.parametrize("counts", [(67, 33), (100, 10), (100, 49), (30, 29), (200, 3)])
@pytest.mark.parametrize("ratio", [0.05, 0.1, 0.25, 0.5, 0.75, 1.0])
def test_check_strategy_data_agrees_with_imbalanced_learn(name, counts, ratio):
    """check_strategy_data refuses exactly what imbalanced-learn refuses."""
    n0, n1 = counts
    X = np.random.default_rng(0).normal(size=(n0 + n1, 2))
    y = np.array([0] * n0 + [1] * n1)
    sampler = clone(
        make_strategy(name, sampling_strategy=ratio, k_neighbors=2)
        if name == "smote"
        else make_strategy(name, sampling_strategy=ratio)
    ).named_steps["sampler"]
    try:
        sampler.fit_resample(X, y)
        imblearn_ok = True
    except ValueError:
        imblearn_ok = False
    try:
        extra = {"k_neighbors": 2} if name == "smote" else {}
        check_strategy_data(name, {0: n0, 1: n1}, sampling_strategy=ratio, **extra)
        ours_ok = True
    except ValueError:
        ours_ok = False
    assert ours_ok == imblearn_ok


def test_balanced_bagging_needs_five_minority_samples():
    with pytest.raises(ValueError, match="BalancedBagging draws a bootstrap sample"):
        check_strategy_data("balanced_bagging", {0: 100, 1: 4})
    check_strategy_data("balanced_bagging", {0: 100, 1: 5})
