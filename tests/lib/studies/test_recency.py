"""lib.studies.recency: recency weights on drifting data (sample weights, b)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.studies.recency import (
    angle_between,
    effective_sample_size,
    fit_recency,
    make_drifting,
    recency_section,
    recency_study,
)


def test_drifting_shapes_and_true_boundary():
    d = make_drifting(300, drift=90.0, max_age=50.0, random_state=1)
    assert d.X.shape == (300, 2) and d.y.shape == d.age.shape == (300,)
    assert set(np.unique(d.y)) == {0, 1}
    assert d.age.min() >= 0 and d.age.max() <= 50
    assert angle_between(d.coef, d.coef_oldest) == pytest.approx(90.0)
    assert np.linalg.norm(d.coef) == pytest.approx(4.0)
    fresh = make_drifting(100, max_age=0.0, random_state=1)
    assert np.all(fresh.age == 0)
    again = make_drifting(300, drift=90.0, max_age=50.0, random_state=1)
    np.testing.assert_array_equal(again.X, d.X)


def test_old_labels_follow_the_old_boundary():
    d = make_drifting(20_000, drift=180.0, sharpness=20.0, random_state=0)
    new, old = d.age < 10, d.age > 90
    agree_now = (d.X @ d.coef > 0).astype(int) == d.y
    assert agree_now[new].mean() > 0.9 and agree_now[old].mean() < 0.1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 1}, "`n_samples` must be >= 2"),
        ({"n_samples": 10, "drift": 200.0}, "`drift` must be <= 180"),
        ({"n_samples": 10, "max_age": -1.0}, "`max_age` must be >= 0"),
        ({"n_samples": 10, "sharpness": 0.0}, "`sharpness` must be > 0"),
        ({"n_samples": 10, "random_state": -3}, "`random_state` must be >= 0"),
    ],
)
def test_make_drifting_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_drifting(**kwargs)


@pytest.mark.parametrize("seed", range(6))
def test_recency_weights_bring_the_fit_closer_to_todays_boundary(seed):
    train = make_drifting(500, drift=90.0, random_state=seed)
    recent = fit_recency(train, half_life=10.0)
    plain = fit_recency(train, half_life=None)
    assert angle_between(recent.coef, train.coef) < angle_between(plain.coef, train.coef)


def test_recency_study_scores_and_effective_sizes():
    train = make_drifting(500, drift=90.0, random_state=0)
    fresh = make_drifting(2000, drift=90.0, max_age=0.0, random_state=1)
    table = recency_study(train, fresh, half_lives=[5, 10, 1000])
    assert table["half_life"].tolist() == [5.0, 10.0, 1000.0, float("inf")]
    assert table["n_eff"].is_monotonic_increasing and table["n_eff"].iloc[-1] == 500
    assert table["accuracy"].iloc[1] > table["accuracy"].iloc[-1] + 0.05
    assert table["accuracy"].max() <= table.attrs["bayes_accuracy"] + 0.02
    assert table["accuracy"].iloc[2] == pytest.approx(table["accuracy"].iloc[3], abs=0.02)
    with pytest.raises(ValueError, match="at least one half-life"):
        recency_study(train, fresh, half_lives=[])


def test_without_drift_forgetting_does_not_help_on_average():
    gains = []
    for seed in range(5):
        train = make_drifting(500, drift=0.0, random_state=seed)
        fresh = make_drifting(2000, drift=0.0, max_age=0.0, random_state=seed + 100)
        table = recency_study(train, fresh, half_lives=[2])
        gains.append(table["accuracy"].iloc[0] - table["accuracy"].iloc[-1])
    assert np.mean(gains) < 0


@given(
    st.lists(st.floats(0.0, 1e6), min_size=1, max_size=30).filter(lambda v: max(v) >= 1e-6),
    st.floats(1e-6, 1e6),
)
def test_effective_sample_size_bounds_and_scale_invariance(weights, c):
    n_eff = effective_sample_size(weights)
    assert 1.0 - 1e-9 <= n_eff <= len(weights) + 1e-9
    assert effective_sample_size(np.array(weights) * c) == pytest.approx(n_eff, rel=1e-9)


def test_effective_sample_size_values_and_errors():
    assert effective_sample_size([1, 1, 1, 1]) == pytest.approx(4.0)
    assert effective_sample_size([1, 0, 0, 0]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="not all be zero"):
        effective_sample_size([0, 0])
    with pytest.raises(ValueError, match=">= 0"):
        effective_sample_size([1, -1])


def test_angle_between():
    assert angle_between([1, 0], [0, 2]) == pytest.approx(90.0)
    assert angle_between([1, 1], [-3, -3]) == pytest.approx(180.0)
    assert angle_between([1, 1], [2, 2]) == pytest.approx(0.0, abs=1e-6)
    assert np.isnan(angle_between([0, 0], [1, 0]))
    with pytest.raises(ValueError, match="2 entries but `coef_b` has 3"):
        angle_between([1, 0], [1, 0, 0])


def test_recency_section_picks_the_chosen_half_life_out_of_the_study():
    half_lives = (1, 10, 1000)
    view = recency_section(
        n_train=300,
        n_fresh=500,
        max_age=50,
        drift=90.0,
        half_lives=half_lives,
        half_life=10,
        random_state=3,
    )
    train = make_drifting(300, drift=90.0, max_age=50, random_state=3)
    fresh = make_drifting(500, drift=90.0, max_age=0, random_state=4)
    table = recency_study(train, fresh, half_lives=half_lives)
    np.testing.assert_array_equal(view.train.X, train.X)
    np.testing.assert_array_equal(view.half_lives, [1.0, 10.0, 1000.0])
    np.testing.assert_array_equal(view.accuracy, table["accuracy"].iloc[:-1])
    assert view.unweighted_accuracy.tolist() == [table["accuracy"].iloc[-1]] * 3
    assert view.bayes_accuracy.tolist() == [table.attrs["bayes_accuracy"]] * 3
    assert view.accuracy_change == (table["accuracy"].iloc[-1], table["accuracy"].iloc[1])
    assert view.angle_change == (table["angle_error"].iloc[-1], table["angle_error"].iloc[1])
    assert view.n_eff == table["n_eff"].iloc[1] == effective_sample_size(view.weights)
    assert view.recency == fit_recency(train, half_life=10.0)
    assert view.unweighted == fit_recency(train, half_life=None)
    with pytest.raises(ValueError, match="`half_life` must be one of 1, 10, 1000. Got 7"):
        recency_section(
            n_train=300,
            n_fresh=500,
            max_age=50,
            drift=90.0,
            half_lives=half_lives,
            half_life=7,
            random_state=3,
        )
