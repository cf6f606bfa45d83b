"""Tests of lib.studies.live: the arrays the live views redraw from without the server."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.budgets import DESCENT_MAX_MAJORITY, descent_rows
from lib.data import make_imbalanced, project_1d
from lib.gradients import class_gradient_contributions, gradient_descent, logistic_minimum
from lib.i18n import LabError
from lib.models import fit_logistic
from lib.settings import RATIO_LOG_MAX, RATIO_LOG_MIN
from lib.studies.live import (
    BoundaryPath,
    boundary_path,
    class_gradient_norms,
    descent_paths,
    live_surface,
    ratio_grid,
)
from lib.surface import loss_surface, surface_grid

EXTREMES = [(1.0, 10.0**RATIO_LOG_MIN), (1.0, 10.0**RATIO_LOG_MAX)]
SURFACE_ARGS = (2000, 100, 2.0, 0, "gaussian")
weights = st.floats(1e-3, 1e4)


def projected(n_samples, ratio, class_sep, seed, shape):
    X, y = make_imbalanced(n_samples, ratio, class_sep=class_sep, shape=shape, random_state=seed)
    return project_1d(X, y), y


def strictly_inside(parts, cell):
    a, b = cell
    return parts.slopes[0] < a < parts.slopes[-1] and parts.biases[0] < b < parts.biases[-1]


def direct_parts(x, y, h, slopes, biases):
    """Z_c[i, j] = sum_{y_k = c} h_k softplus(+-(slopes[j] x_k + biases[i])) / sum h, exactly."""
    out = np.empty((2, len(biases), len(slopes)))
    for i, b in enumerate(biases):
        z = np.multiply.outer(slopes, x) + b
        out[0, i] = np.logaddexp(0.0, z) @ (h * (y == 0))
        out[1, i] = np.logaddexp(0.0, -z) @ (h * (y == 1))
    return out / h.sum()


# --- live_surface --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def surface_data():
    return projected(*SURFACE_ARGS)


@pytest.fixture(scope="module")
def parts():
    return live_surface(*SURFACE_ARGS, size=16)


def test_live_surface_lies_on_the_lib_grid_of_the_extreme_ratios(parts, surface_data):
    x, y = surface_data
    grid = surface_grid(x, y, [(1.0, 1.0), *EXTREMES], size=16)
    # lib's grid, which holds the extremes' exact (Newton) minima
    np.testing.assert_array_equal(parts.slopes, grid.slopes)
    np.testing.assert_array_equal(parts.biases, grid.biases)
    for a, b in EXTREMES:
        theta = logistic_minimum(x[:, None], y, w0=a, w1=b)
        assert parts.slopes[0] < theta[0] < parts.slopes[-1]
        assert parts.biases[0] < theta[1] < parts.biases[-1]
    assert parts.class0.shape == parts.class1.shape == (16, 16)
    np.testing.assert_allclose(
        parts.class0, loss_surface(x, y, parts.slopes, parts.biases, w0=1.0, w1=0.0), rtol=1e-12
    )
    np.testing.assert_allclose(
        parts.class1, loss_surface(x, y, parts.slopes, parts.biases, w0=0.0, w1=1.0), rtol=1e-12
    )


@settings(deadline=None, max_examples=25)
@given(weights, weights)
def test_surface_is_the_weighted_loss_surface_for_any_weights(parts, surface_data, w0, w1):
    x, y = surface_data
    expected = loss_surface(x, y, parts.slopes, parts.biases, w0=w0, w1=w1)
    np.testing.assert_allclose(parts.surface(w0, w1), expected, rtol=1e-9)


@settings(deadline=None, max_examples=25)
@given(weights, weights)
def test_lowest_cell_is_the_argmin_cell(parts, w0, w1):
    Z = parts.surface(w0, w1)
    a, b = parts.lowest_cell(w0, w1)
    (j,) = np.flatnonzero(parts.slopes == a)
    (i,) = np.flatnonzero(parts.biases == b)
    assert Z[i, j] == Z.min()
    # Scaling both weights by a power of two scales Z exactly: same cell.
    assert parts.lowest_cell(4.0 * w0, 4.0 * w1) == (a, b)


@pytest.mark.parametrize("ratio", [100, 1000])
def test_grid_holds_the_extreme_ratios_minima_on_gaussian_data(ratio):
    args = (2000, ratio, 2.0, 0, "gaussian")
    parts = live_surface(*args, size=20)
    x, y = projected(*args)
    grid = surface_grid(x, y, [(1.0, 1.0), *EXTREMES], size=20)
    for a, b in grid.optima:
        assert parts.slopes[0] <= a <= parts.slopes[-1]
        assert parts.biases[0] <= b <= parts.biases[-1]
    for r in (1.0, 10.0**RATIO_LOG_MIN, 10.0**RATIO_LOG_MAX):
        assert strictly_inside(parts, parts.lowest_cell(1.0, r))


def test_grid_holds_the_low_extreme_minimum_with_two_minority_points():
    parts = live_surface(2000, 1000, 2.0, 1, "gaussian", size=20)
    assert strictly_inside(parts, parts.lowest_cell(1.0, 10.0**RATIO_LOG_MIN))


# --- class_gradient_norms ------------------------------------------------------------------


@pytest.fixture(scope="module")
def gradient_data():
    return make_imbalanced(500, 10, class_sep=2.0, random_state=2)


@settings(deadline=None, max_examples=25)
@given(
    st.floats(-4, 4),
    st.floats(-4, 4),
    st.floats(-8, 8),
    weights,
    weights,
    weights,
    weights,
)
def test_class_gradient_norms_match_a_recomputation(
    gradient_data, c0, c1, intercept, w0, w1, new_w0, new_w1
):
    X, y = gradient_data
    at = class_gradient_contributions(X, y, [c0, c1], intercept, w0=w0, w1=w1)
    ref = class_gradient_contributions(X, y, [c0, c1], intercept, w0=new_w0, w1=new_w1)
    got = class_gradient_norms(at.norm0, at.norm1, w0=w0, w1=w1, new_w0=new_w0, new_w1=new_w1)
    np.testing.assert_allclose(got, (ref.norm0, ref.norm1, ref.share1), rtol=1e-9)


def test_class_gradient_norms_zero_norms_and_zero_weights():
    assert class_gradient_norms(0.0, 0.0, w0=1.0, w1=2.0, new_w0=3.0, new_w1=4.0) == (
        0.0,
        0.0,
        0.5,
    )
    assert class_gradient_norms(1.0, 2.0, w0=1.0, w1=2.0, new_w0=0.0, new_w1=0.0)[2] == 0.5
    assert class_gradient_norms(1.0, 2.0, w0=1.0, w1=2.0, new_w0=0.0, new_w1=1.0) == (
        0.0,
        1.0,
        1.0,
    )
    assert class_gradient_norms(1.0, 2.0, w0=1.0, w1=2.0, new_w0=2.0, new_w1=4.0) == (
        2.0,
        4.0,
        pytest.approx(2 / 3),
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"w0": 0.0},
        {"w0": -1.0},
        {"w1": 0.0},
        {"w1": np.nan},
        {"w0": np.inf},
        {"new_w0": -1e-9},
        {"new_w1": np.nan},
        {"new_w1": np.inf},
        {"new_w0": "x"},
    ],
)
def test_class_gradient_norms_bad_weights_raise(bad):
    kwargs = {"w0": 1.0, "w1": 1.0, "new_w0": 1.0, "new_w1": 1.0, **bad}
    with pytest.raises(LabError):
        class_gradient_norms(1.0, 1.0, **kwargs)


# --- ratio_grid ----------------------------------------------------------------------------


@pytest.mark.parametrize("points", [2, 7, 25, 200])
def test_ratio_grid_is_log_spaced_over_the_slider(points):
    g = ratio_grid(points)
    assert g.shape == (points,) and g.dtype == np.float64
    assert g[0] == pytest.approx(10.0**RATIO_LOG_MIN, rel=1e-12)
    assert g[-1] == pytest.approx(10.0**RATIO_LOG_MAX, rel=1e-12)
    assert np.all(np.diff(g) > 0)
    steps = np.diff(np.log10(g))
    np.testing.assert_allclose(steps, (RATIO_LOG_MAX - RATIO_LOG_MIN) / (points - 1), rtol=1e-9)


def test_ratio_grid_default_has_two_points_per_decade():
    g = ratio_grid()
    assert len(g) == 13
    np.testing.assert_allclose(g[::2], 10.0 ** np.arange(-2, 5), rtol=1e-12)


@pytest.mark.parametrize("points", [1, 0, -3, 201, 2.5, True, "25", None])
def test_ratio_grid_bad_points_raise(points):
    with pytest.raises(LabError):
        ratio_grid(points)


# --- boundary_path -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def boundary():
    X, y = make_imbalanced(400, 10, class_sep=2.0, random_state=0)
    ratios = ratio_grid(7)
    return X, y, ratios, boundary_path(X, y, w0=0.5, ratios=ratios)


def test_boundary_path_holds_the_fit_at_every_grid_ratio(boundary):
    X, y, ratios, path = boundary
    np.testing.assert_array_equal(path.ratios, ratios)
    assert path.coefs.shape == (7, 2) and path.intercepts.shape == (7,)
    for k, r in enumerate(ratios):
        model = fit_logistic(X, y, w0=0.5, w1=0.5 * r)
        np.testing.assert_allclose(path.coefs[k], model.coef_[0], rtol=1e-6, atol=1e-9)
        assert path.intercepts[k] == pytest.approx(model.intercept_[0], rel=1e-6, abs=1e-9)
        coef, intercept = path.at(float(r))
        np.testing.assert_array_equal(coef, path.coefs[k])
        assert intercept == path.intercepts[k]
    # Raising the minority weight moves the intercept up.
    assert np.all(np.diff(path.intercepts) > 0)


@settings(deadline=None, max_examples=25)
@given(st.floats(RATIO_LOG_MIN, RATIO_LOG_MAX))
def test_boundary_path_interpolates_linearly_in_log_ratio(boundary, u):
    _, _, _, path = boundary
    t = np.log10(path.ratios)
    k = min(int(np.searchsorted(t, u, side="right")) - 1, len(t) - 2)
    s = (u - t[k]) / (t[k + 1] - t[k])
    coef, intercept = path.at(10.0**u)
    for got, lo, hi in [
        *zip(coef, path.coefs[k], path.coefs[k + 1], strict=True),
        (intercept, path.intercepts[k], path.intercepts[k + 1]),
    ]:
        assert min(lo, hi) - 1e-12 <= got <= max(lo, hi) + 1e-12
        assert got == pytest.approx((1 - s) * lo + s * hi, rel=1e-9, abs=1e-9)


def test_boundary_path_is_clipped_outside_the_grid(boundary):
    _, _, ratios, path = boundary
    for outside, end in [(1e-6, 0), (ratios[0] / 1.01, 0), (ratios[-1] * 1.01, -1), (1e9, -1)]:
        coef, intercept = path.at(outside)
        np.testing.assert_array_equal(coef, path.coefs[end])
        assert intercept == path.intercepts[end]


def test_boundary_path_passes_sample_weights_to_the_fit():
    X, y = make_imbalanced(300, 5, class_sep=2.0, random_state=1)
    h = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
    path = boundary_path(X, y, w0=1.0, ratios=[0.1, 10.0], sample_weight=h)
    for k, r in enumerate([0.1, 10.0]):
        model = fit_logistic(X, y, w0=1.0, w1=r, sample_weight=h)
        np.testing.assert_allclose(path.coefs[k], model.coef_[0], rtol=1e-6, atol=1e-9)
        assert path.intercepts[k] == pytest.approx(model.intercept_[0], rel=1e-6, abs=1e-9)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"w0": 0.0, "ratios": [1.0]},
        {"w0": np.nan, "ratios": [1.0]},
        {"w0": 1.0, "ratios": [1.0, 0.0]},
        {"w0": 1.0, "ratios": [-1.0]},
        {"w0": 1.0, "ratios": [np.inf]},
        {"w0": 1.0, "ratios": [1.0, np.nan]},
    ],
)
def test_boundary_path_bad_weights_raise(boundary, kwargs):
    X, y, _, _ = boundary
    with pytest.raises(LabError):
        boundary_path(X, y, **kwargs)


def test_boundary_path_at_on_a_hand_made_path():
    path = BoundaryPath(np.array([1.0, 10.0]), np.array([[1.0, 2.0], [3.0, 6.0]]), np.zeros(2))
    coef, intercept = path.at(10.0**0.5)
    np.testing.assert_allclose(coef, [2.0, 4.0])
    assert intercept == 0.0


# --- descent_paths -------------------------------------------------------------------------

DESCENT_ARGS = (2000, 20, 2.0, 0, "gaussian")


@pytest.fixture(scope="module")
def descent():
    return descent_paths(*DESCENT_ARGS, w0=1.0, w1=20.0, steps=30, size=12)


def test_descent_paths_are_lib_gradient_descent_on_the_projected_data(descent):
    x, y = projected(*DESCENT_ARGS)
    assert descent.weights == {"unweighted": (1.0, 1.0), "weighted": (1.0, 20.0)}
    assert list(descent.paths) == ["unweighted", "weighted"]
    for name, (w0, w1) in descent.weights.items():
        path = descent.paths[name]
        assert path.shape == (31, 2)
        np.testing.assert_array_equal(path[0], [0.0, 0.0])
        run = gradient_descent(x[:, None], y, w0=w0, w1=w1, n_steps=30)
        np.testing.assert_allclose(path, run[["coef_0", "intercept"]].to_numpy(), rtol=1e-12)
    # The weighted run climbs to a higher intercept than the unweighted one.
    assert descent.paths["weighted"][-1, 1] > descent.paths["unweighted"][-1, 1]


def test_descent_surface_spans_every_path_point(descent):
    s, b = descent.surface.slopes, descent.surface.biases
    assert len(s) == len(b) == 12
    assert np.all(np.diff(s) > 0) and np.all(np.diff(b) > 0)
    for path in descent.paths.values():
        assert np.all((s[0] <= path[:, 0]) & (path[:, 0] <= s[-1]))
        assert np.all((b[0] <= path[:, 1]) & (path[:, 1] <= b[-1]))


def test_descent_surface_parts_are_the_class_loss_surfaces(descent):
    x, y = projected(*DESCENT_ARGS)
    s, b = descent.surface.slopes, descent.surface.biases
    np.testing.assert_allclose(
        descent.surface.class0, loss_surface(x, y, s, b, w0=1.0, w1=0.0), rtol=1e-12
    )
    np.testing.assert_allclose(
        descent.surface.class1, loss_surface(x, y, s, b, w0=0.0, w1=1.0), rtol=1e-12
    )


@pytest.mark.parametrize("bad", [{"w0": 0.0}, {"w1": -1.0}, {"w0": np.nan}, {"w1": np.inf}])
def test_descent_paths_bad_weights_raise(bad):
    with pytest.raises(LabError):
        descent_paths(*DESCENT_ARGS, **{"w0": 1.0, "w1": 1.0, **bad}, steps=2, size=12)


BIG_ARGS = (300_000, 10, 2.0, 1, "gaussian")


@pytest.fixture(scope="module")
def sampled():
    X, y = make_imbalanced(300_000, 10, class_sep=2.0, shape="gaussian", random_state=1)
    rows, h = descent_rows(y, random_state=0)
    run = descent_paths(*BIG_ARGS, w0=1.0, w1=10.0, steps=4, rows=rows, sample_weight=h, size=12)
    x, y = project_1d(X, y)[rows], y[rows]
    refs = {
        name: gradient_descent(x[:, None], y, w0=w0, w1=w1, n_steps=4, sample_weight=h)
        for name, (w0, w1) in run.weights.items()
    }
    return x, y, h, run, refs


def test_sampled_descent_uses_the_horvitz_thompson_rows(sampled):
    x, y, h, run, refs = sampled
    n0 = 300_000 - round(300_000 / 11)
    assert np.sum(y == 0) == DESCENT_MAX_MAJORITY < n0  # the majority is sampled
    np.testing.assert_allclose(h[y == 0], n0 / DESCENT_MAX_MAJORITY)
    np.testing.assert_array_equal(h[y == 1], 1.0)
    for name, ref in refs.items():
        assert run.paths[name].shape == (5, 2)
        np.testing.assert_array_equal(run.paths[name][0], [0.0, 0.0])
        np.testing.assert_allclose(
            run.paths[name], ref[["coef_0", "intercept"]].to_numpy(), rtol=1e-12
        )


def test_sampled_descent_surface_is_the_horvitz_thompson_weighted_loss(sampled):
    x, y, h, run, refs = sampled
    parts = run.surface
    s, b = parts.slopes, parts.biases
    for path in run.paths.values():
        assert np.all((s[0] <= path[:, 0]) & (path[:, 0] <= s[-1]))
        assert np.all((b[0] <= path[:, 1]) & (path[:, 1] <= b[-1]))
    # Four rows and columns, corners included, summed exactly: loss_surface's fast method
    # is within 1e-4 of the exact sums.
    pick = [0, 4, 7, 11]
    z0, z1 = direct_parts(x, y, h, s[pick], b[pick])
    np.testing.assert_allclose(parts.class0[np.ix_(pick, pick)], z0, rtol=1e-4)
    np.testing.assert_allclose(parts.class1[np.ix_(pick, pick)], z1, rtol=1e-4)
    # The run's own loss along its path is the same weighted loss, exactly computed.
    for name, (w0, w1) in run.weights.items():
        for a, c, loss in refs[name][["coef_0", "intercept", "loss"]].to_numpy()[1::3]:
            p0, p1 = direct_parts(x, y, h, np.array([a]), np.array([c]))
            assert w0 * p0[0, 0] + w1 * p1[0, 0] == pytest.approx(loss, rel=1e-9)
