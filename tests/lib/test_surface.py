import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import make_imbalanced, project_1d
from lib.gradients import logistic_minimum
from lib.losses import weighted_bce_with_logits
from lib.surface import loss_surface, surface_grid


def test_exact_matches_definition_cell_by_cell():
    rng = np.random.default_rng(0)
    x = rng.normal(size=50)
    y = (rng.random(50) < 0.2).astype(int)
    slopes = np.array([-1.0, 0.0, 2.5])
    biases = np.array([-3.0, 0.5])
    Z = loss_surface(x, y, slopes, biases, w0=0.7, w1=4.0, method="exact")
    assert Z.shape == (2, 3)
    for i, b in enumerate(biases):
        for j, s in enumerate(slopes):
            assert Z[i, j] == pytest.approx(
                weighted_bce_with_logits(y, s * x + b, w0=0.7, w1=4.0), rel=1e-12
            )


@settings(deadline=None, max_examples=30)
@given(
    st.integers(0, 10_000),
    st.integers(2, 3000),
    st.floats(0.1, 100),
    st.floats(0.1, 100),
    st.floats(0.5, 15),
)
def test_fast_matches_exact_on_random_data(seed, n, w0, w1, smax):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n) * rng.uniform(0.1, 5)
    y = (rng.random(n) < rng.uniform(0.001, 0.5)).astype(int)
    slopes = np.linspace(-smax, smax, 17)
    biases = np.linspace(-12, 6, 13)
    fast = loss_surface(x, y, slopes, biases, w0=w0, w1=w1)
    exact = loss_surface(x, y, slopes, biases, w0=w0, w1=w1, method="exact")
    assert np.max(np.abs(fast - exact) / exact) <= 1e-4


def test_fast_matches_exact_on_imbalanced_data_and_irregular_grid():
    X, y = make_imbalanced(30_000, 1000, class_sep=2.0, random_state=3)
    x = project_1d(X, y)
    slopes = np.sort(np.random.default_rng(1).uniform(-2, 8, 25))
    biases = np.sort(np.random.default_rng(2).uniform(-15, 5, 21))
    fast = loss_surface(x, y, slopes, biases, w0=0.5, w1=500)
    exact = loss_surface(x, y, slopes, biases, w0=0.5, w1=500, method="exact")
    assert np.max(np.abs(fast - exact) / exact) <= 1e-4


def test_all_zero_slopes_and_single_class_weight():
    x = np.linspace(-1, 1, 100)
    y = (x > 0.8).astype(int)
    for w0, w1 in [(1, 1), (0, 1), (1, 0)]:
        fast = loss_surface(x, y, [0.0], [-1.0, 2.0], w0=w0, w1=w1)
        exact = loss_surface(x, y, [0.0], [-1.0, 2.0], w0=w0, w1=w1, method="exact")
        np.testing.assert_allclose(fast, exact, rtol=1e-10)


def test_weights_move_the_minimum_by_log_ratio():
    X, y = make_imbalanced(20_000, 100, class_sep=2.0, random_state=0)
    x = project_1d(X, y)
    grid = surface_grid(x, y, [(1.0, 1.0), (1.0, 100.0)], size=60)
    (a_u, b_u), (a_w, b_w) = grid.optima
    assert b_w - b_u == pytest.approx(np.log(100), abs=0.3)
    assert a_w == pytest.approx(a_u, rel=0.15)
    for w1, (a, b) in [(1.0, grid.optima[0]), (100.0, grid.optima[1])]:
        assert grid.slopes[0] < a < grid.slopes[-1]
        assert grid.biases[0] < b < grid.biases[-1]
        Z = loss_surface(x, y, grid.slopes, grid.biases, w1=w1)
        i, j = np.unravel_index(np.argmin(Z), Z.shape)
        assert abs(grid.biases[i] - b) < 2 * (grid.biases[1] - grid.biases[0])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"x": [0.0, np.nan]}, "finite"),
        ({"y": [0, 2]}, "labels 0 and 1"),
        ({"x": [0.0]}, "same number of samples"),
        ({"slopes": []}, "empty"),
        ({"method": "slow"}, "`method`"),
        ({"w1": -2}, "`w1`"),
    ],
)
def test_bad_input(kwargs, message):
    args = {"x": [0.0, 1.0], "y": [0, 1], "slopes": [1.0], "biases": [0.0]} | kwargs
    with pytest.raises(ValueError, match=message):
        loss_surface(args.pop("x"), args.pop("y"), args.pop("slopes"), args.pop("biases"), **args)


@pytest.mark.parametrize("w1", [0.01, 1.0, 13.0, 1e4])
def test_surface_grid_optima_are_the_exact_minima(w1):
    # Newton's minimum, not scikit-learn's early-stopped lbfgs (4 bias units off at 1/100)
    X, y = make_imbalanced(20_000, 1000, class_sep=2.0, random_state=0)
    x = project_1d(X, y)
    [optimum] = surface_grid(x, y, [(1.0, w1)], size=10).optima
    np.testing.assert_allclose(optimum, logistic_minimum(x[:, None], y, w0=1.0, w1=w1))
    # the gradient of the mean weighted loss vanishes there
    a, b = optimum
    p = 1 / (1 + np.exp(-(a * x + b)))
    w = np.where(y == 1, w1, 1.0)
    grad = [np.mean(w * (p - y) * x), np.mean(w * (p - y))]
    np.testing.assert_allclose(grad, 0.0, atol=1e-8 * max(1.0, w1))
