"""lib.studies.class_vs_sample: class weights versus per-sample weights (sample weights, a)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.data import make_imbalanced
from lib.models import fit_logistic, probability_grid
from lib.studies.class_vs_sample import (
    boundary_candidates,
    boundary_shifts,
    compare_class_and_sample_weights,
    pickable_data,
    picked_points_section,
    point_weights,
    weight_table,
)


def small_data(seed=0):
    return make_imbalanced(200, 20, class_sep=2.0, random_state=seed)


def test_comparison_without_picks_is_identical_and_picks_move_the_boundary():
    X, y = small_data()
    fits = compare_class_and_sample_weights(X, y, w1=10.0)
    for a, b in (
        (fits.class_weighted, fits.class_as_sample),
        (fits.class_weighted, fits.sample_weighted),
    ):
        np.testing.assert_allclose(a.coef, b.coef, rtol=1e-9, atol=1e-12)
        assert a.intercept == pytest.approx(b.intercept, rel=1e-9, abs=1e-12)
    assert not np.allclose(fits.unweighted.coef, fits.class_weighted.coef)
    # factor 1 changes nothing; a large factor on a misclassified point moves the fit
    same = compare_class_and_sample_weights(X, y, w1=10.0, picked=[0, 1, 2], factor=1.0)
    np.testing.assert_allclose(same.sample_weighted.coef, fits.class_weighted.coef, rtol=1e-9)
    coef, b = fits.class_weighted
    wrong = np.flatnonzero((X @ coef + b > 0).astype(int) != y)
    assert len(wrong) > 0
    moved = compare_class_and_sample_weights(X, y, w1=10.0, picked=wrong[:1], factor=1000.0)
    assert not np.allclose(moved.sample_weighted.coef, fits.class_weighted.coef)
    i = wrong[0]
    margin = lambda fit: (X[i] @ fit.coef + fit.intercept) * (1 if y[i] == 1 else -1)  # noqa: E731
    assert margin(moved.sample_weighted) > margin(fits.class_weighted)


@given(
    st.lists(st.integers(0, 1), min_size=2, max_size=50),
    st.floats(0.0, 1e4),
    st.floats(0.0, 100.0),
    st.data(),
)
def test_point_weights_are_class_weights_times_factor(labels, w1, factor, data):
    y = np.array(labels)
    picked = data.draw(st.lists(st.integers(0, len(y) - 1), max_size=5))
    s = point_weights(y, w1=w1, picked=picked, factor=factor)
    expected = np.where(y == 1, w1, 1.0)
    expected[sorted(set(picked))] *= factor
    np.testing.assert_allclose(s, expected)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"w1": -1.0}, "`w1` must be >= 0"),
        ({"factor": float("nan")}, "`factor` must be a finite number"),
        ({"picked": [5]}, "`picked[0]` must be <= 3"),
        ({"picked": [-1]}, "`picked[0]` must be >= 0"),
        ({"picked": [0.5]}, "must be an integer"),
    ],
)
def test_point_weights_validation(kwargs, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        point_weights([0, 1, 0, 1], **kwargs)


def test_point_weights_rejects_bad_labels():
    with pytest.raises(ValueError, match="labels 0 and 1"):
        point_weights([0, 2])


def test_boundary_candidates_are_the_nearest_points():
    X = np.array([[0.0, 5.0], [0.0, 0.1], [0.0, -0.2], [0.0, 3.0], [0.0, -0.05]])
    ids = boundary_candidates(X, [0.0, 1.0], 0.0, k=3)
    assert ids.tolist() == [1, 2, 4]
    assert boundary_candidates(X, [0.0, 0.0], 0.0, k=2).tolist() == [0, 1]
    assert len(boundary_candidates(X, [0.0, 1.0], 0.0, k=99)) == 5
    with pytest.raises(ValueError, match="2 features but `coef` has 3"):
        boundary_candidates(X, [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="`k` must be >= 1"):
        boundary_candidates(X, [1.0, 2.0], 0.0, k=0)


def test_weight_table_lists_the_array():
    X, y = small_data()
    ids = [3, 0, 7]
    table = weight_table(X, y, ids, w1=5.0, picked=[0], factor=20.0)
    assert table["point"].tolist() == ids
    full = point_weights(y, w1=5.0, picked=[0], factor=20.0)
    np.testing.assert_allclose(table["weight"], full[ids])
    np.testing.assert_allclose(table["weight"], table["class_weight"] * table["factor"])
    assert table["factor"].tolist() == [1.0, 20.0, 1.0]
    with pytest.raises(ValueError, match=r"`ids\[0\]` must be <= 199"):
        weight_table(X, y, [200], w1=1.0)


def test_boundary_shifts():
    X, y = small_data()
    plain = compare_class_and_sample_weights(X, y, w1=1.0)
    shifts = boundary_shifts(plain, X.mean(axis=0))
    assert shifts == {"class": 0.0, "picked": 0.0, "identical": 0.0}
    heavy = compare_class_and_sample_weights(X, y, w1=50.0)
    shifts = boundary_shifts(heavy, X.mean(axis=0))
    assert shifts["class"] < 0 and shifts["picked"] == 0.0 and shifts["identical"] < 1e-12


# ---------------------------------------------------------------- the page's sections
def test_pickable_data_caps_the_data_and_offers_the_points_nearest_the_unweighted_fit():
    data = pickable_data(
        20_000, 1000, class_sep=2.0, shape="gaussian", random_state=0, max_samples=200, max_ratio=20
    )
    X, y = make_imbalanced(200, 20, class_sep=2.0, random_state=0)
    np.testing.assert_array_equal(data.X, X)
    np.testing.assert_array_equal(data.y, y)
    model = fit_logistic(X, y)
    ids = boundary_candidates(X, model.coef_[0], float(model.intercept_[0]))
    assert list(data.candidates) == ids.tolist()
    assert data.candidates == {int(i): int(y[i]) for i in ids}
    small = pickable_data(
        100, 5, class_sep=1.0, shape="gaussian", random_state=1, max_samples=200, max_ratio=20, k=3
    )
    assert len(small.y) == 100 and np.sum(small.y) == round(100 / 6) and len(small.candidates) == 3


def test_picked_points_section_composes_the_study():
    data = pickable_data(
        500, 20, class_sep=2.0, shape="gaussian", random_state=0, max_samples=200, max_ratio=20
    )
    picked = tuple(list(data.candidates)[:2])
    view = picked_points_section(data, w1=10.0, picked=picked, factor=100.0)
    fits = compare_class_and_sample_weights(data.X, data.y, w1=10.0, picked=picked, factor=100.0)
    for name in ("unweighted", "class_weighted", "class_as_sample", "sample_weighted"):
        assert getattr(view.fits, name) == getattr(fits, name)
    np.testing.assert_array_equal(view.class_weights, point_weights(data.y, w1=10.0))
    assert view.total_weight == pytest.approx(fits.weights.sum())
    assert view.shifts == boundary_shifts(fits, data.X.mean(axis=0))
    table = weight_table(data.X, data.y, list(data.candidates), w1=10.0, picked=picked, factor=100)
    assert view.table.equals(table)
    for name, fit in (("class", fits.class_weighted), ("sample", fits.sample_weighted)):
        gx, gy, prob = view.grids[name]
        expected = probability_grid(*fit, view.x_range, view.y_range, size=100)
        np.testing.assert_allclose(prob, expected[2])
        assert len(gx) == len(gy) == 100
    assert view.shifts["picked"] != 0.0
