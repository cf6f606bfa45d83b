"""Tests of lib.studies.loss_surface: both surfaces, their minima and the slices."""

import numpy as np
import pytest

from lib.data import make_imbalanced, project_1d
from lib.i18n import LabError
from lib.studies.loss_surface import DIRECTIONS, LOSSES, surface_study
from lib.surface import loss_surface, surface_grid

ARGS = (3000, 50, 1.0, 3, "gaussian")


@pytest.fixture(scope="module")
def study():
    return surface_study(*ARGS, w0=1.0, w1=25.0, size=20, slice_points=30)


@pytest.fixture(scope="module")
def data():
    X, y = make_imbalanced(3000, 50, class_sep=1.0, shape="gaussian", random_state=3)
    return project_1d(X, y), y


def test_the_surfaces_are_lib_loss_surfaces_on_lib_grid(study, data):
    x, y = data
    grid = surface_grid(x, y, [(1.0, 1.0), (1.0, 25.0)], size=20)
    np.testing.assert_array_equal(study.slopes, grid.slopes)
    np.testing.assert_array_equal(study.biases, grid.biases)
    assert [study.optima[k] for k in LOSSES] == grid.optima
    for name, (w0, w1) in (("unweighted", (1.0, 1.0)), ("weighted", (1.0, 25.0))):
        expected = loss_surface(x, y, grid.slopes, grid.biases, w0=w0, w1=w1)
        np.testing.assert_array_equal(study.surfaces[name], expected)
        assert study.weights[name] == (w0, w1)


def test_slices_span_the_grid_and_pass_through_the_minimum(study, data):
    x, y = data
    for direction in DIRECTIONS:
        axis_of = study.biases if direction == "bias" else study.slopes
        for name in LOSSES:
            cut = study.slices[direction][name]
            assert cut.axis.shape == cut.values.shape == (30,)
            assert cut.axis[0] == pytest.approx(axis_of.min())
            assert cut.axis[-1] == pytest.approx(axis_of.max())
            a, b = study.optima[name]
            assert cut.at == (b if direction == "bias" else a)
            w0, w1 = study.weights[name]
            at_min = loss_surface(x, y, [a], [b], w0=w0, w1=w1)[0, 0]
            # The minimum lies on the slice, so no slice point is lower (to grid resolution).
            assert cut.values.min() >= at_min - 1e-3 * at_min


def test_weighting_moves_the_bias_by_about_the_log_ratio(study):
    assert study.log_ratio == pytest.approx(np.log(25.0))
    assert study.bias_shift == pytest.approx(
        study.optima["weighted"][1] - study.optima["unweighted"][1]
    )
    # Well-specified Gaussian data: the shift is close to log(w1 / w0) (King & Zeng 2001).
    assert study.bias_shift == pytest.approx(study.log_ratio, rel=0.25)


@pytest.mark.parametrize(
    "kwargs",
    [{"w0": 0.0, "w1": 1.0}, {"w0": 1.0, "w1": -2.0}, {"w0": 1, "w1": 1, "slice_points": 1}],
)
def test_invalid_arguments_raise_lab_errors(kwargs):
    with pytest.raises(LabError):
        surface_study(*ARGS, **kwargs)
