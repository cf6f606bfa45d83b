"""lib.remedies.registry: the strategies, their parameters and their estimators."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from lib.remedies import STRATEGIES, fit_strategy, make_strategy
from tests.lib.remedies.helpers import SMALL


@pytest.mark.parametrize(
    "value, match",
    [
        (0.0, "sampling_strategy` must be > 0"),
        (-0.5, "sampling_strategy` must be > 0"),
        (1.5, "sampling_strategy` must be <= 1"),
        (float("nan"), "sampling_strategy` must be a finite"),
        ("minority", "'auto' or a number"),
    ],
)
@pytest.mark.parametrize(
    "name", ["random_over", "random_under", "smote", "adasyn", "borderline_smote"]
)
def test_bad_sampling_strategies_are_refused(name, value, match):
    with pytest.raises(ValueError, match=match):
        make_strategy(name, sampling_strategy=value)


def test_sampling_strategy_is_only_a_resampler_parameter():
    with pytest.raises(ValueError, match="does not take sampling_strategy"):
        make_strategy("none", sampling_strategy=0.5)


def test_rusboost_max_depth_parameter():
    model = make_strategy("rusboost", max_depth=2, n_estimators=7)
    assert model.estimator.max_depth == 2
    assert model.n_estimators == 7
    # at most two majority rows per minority row, whatever the data's ratio
    target = model.sampling_strategy(np.array([0] * 100 + [1] * 10))
    assert target == {0: 20, 1: 10}
    assert model.sampling_strategy(np.array([0] * 10 + [1] * 10)) == {0: 10, 1: 10}
    with pytest.raises(ValueError, match="max_depth"):
        make_strategy("rusboost", max_depth=0)


def test_registry_lists_every_strategy_of_the_issue():
    assert list(STRATEGIES) == [
        "none",
        "class_weight",
        "random_over",
        "random_under",
        "smote",
        "adasyn",
        "borderline_smote",
        "easy_ensemble",
        "balanced_bagging",
        "balanced_random_forest",
        "rusboost",
        "focal",
        "threshold",
    ]
    for name, spec in STRATEGIES.items():
        assert spec.name == name
        assert spec.description == f"strategy.{name}"


def test_make_strategy_returns_an_unfitted_estimator():
    for name in STRATEGIES:
        model = make_strategy(name, **SMALL.get(name, {}))
        with pytest.raises(NotFittedError):
            check_is_fitted(model)
        clone(model)  # scikit-learn compatible parameters


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda X, y: make_strategy("smoteish"), "must be one of"),
        (lambda X, y: make_strategy("smote", n_estimators=3), "does not take n_estimators"),
        (lambda X, y: make_strategy("class_weight", scheme="sqrt"), "scheme"),
        (lambda X, y: make_strategy("threshold", threshold="median"), "threshold"),
        (lambda X, y: make_strategy("none", random_state=-1), "random_state"),
        (lambda X, y: make_strategy("smote", k_neighbors=0), "k_neighbors"),
        (lambda X, y: fit_strategy("none", X, np.zeros(len(y))), "two classes"),
        (lambda X, y: fit_strategy("none", X, y[:-1]), "same number"),
        (lambda X, y: fit_strategy("none", X, y + 0.5), "integer"),
        (lambda X, y: fit_strategy("threshold", X, y, threshold=1.0), "threshold"),
    ],
)
def test_bad_inputs_raise_value_error(call, match, data):
    X, y = data
    with pytest.raises(ValueError, match=match):
        call(X, y)
