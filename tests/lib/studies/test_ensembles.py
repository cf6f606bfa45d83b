"""Tests of lib.studies.ensembles: the ensembles page's panels and score table."""

import numpy as np
import pytest
from sklearn.metrics import average_precision_score

from lib.data import make_imbalanced, plot_extent
from lib.models import boundary_cells, model_probability_grid
from lib.remedies import fit_strategy, linear_coefficients
from lib.studies.ensembles import ENSEMBLES, ensemble_panel, ensemble_params, scores_table


@pytest.fixture(scope="module")
def data():
    X, y = make_imbalanced(2000, 20, class_sep=2.0, random_state=0)
    X_test, y_test = make_imbalanced(2000, 20, class_sep=2.0, random_state=1)
    return X, y, X_test, y_test


def _panel(data, name, params):
    X, y, X_test, y_test = data
    fit = fit_strategy(name, X, y, random_state=0, **dict(params))
    grid = model_probability_grid(fit.model, *plot_extent(X, y), size=30)
    p_test = fit.model.predict_proba(X_test)[:, 1]
    return fit, ensemble_panel(fit, y_test, p_test, fit.model.predict(X_test), grid)


def test_params_put_the_weighted_model_first():
    params = ensemble_params(25)
    assert list(params) == ["class_weight", *ENSEMBLES]
    assert params["class_weight"] == ()
    assert params["rusboost"] == (("n_estimators", 25),)
    with pytest.raises(ValueError, match="trees"):
        ensemble_params(0)


def test_a_weighted_panel_has_its_line_and_one_member(data):
    X, y, X_test, y_test = data
    fit, panel = _panel(data, "class_weight", ())
    assert panel.model == linear_coefficients(fit.model)
    assert panel.members == 1
    p_test = fit.model.predict_proba(X_test)[:, 1]
    assert panel.pr_auc == pytest.approx(average_precision_score(y_test, p_test))
    assert panel.fit_seconds == fit.fit_seconds
    xs, ys = boundary_cells(*panel.grid)
    np.testing.assert_array_equal(panel.boundary[0], xs)
    np.testing.assert_array_equal(panel.boundary[1], ys)


def test_an_ensemble_panel_counts_its_members(data):
    _, panel = _panel(data, "balanced_random_forest", (("n_estimators", 5),))
    assert panel.model is None
    assert panel.members == 5
    assert 0.0 <= panel.pr_auc <= 1.0
    assert list(panel.report.index) == [0, 1]
    table = scores_table({"BRF": panel}, tr=lambda key, **_: key)
    assert list(table.columns) == [
        "ensembles.col.model",
        "arena.col.pr_auc",
        "ensembles.col.members",
        "ensembles.col.fit",
    ]
    assert table.iloc[0].tolist() == ["BRF", panel.pr_auc, 5, panel.fit_seconds]


def test_mismatched_test_arrays_raise_a_lab_error(data):
    X, y, X_test, y_test = data
    fit = fit_strategy("class_weight", X, y)
    grid = model_probability_grid(fit.model, *plot_extent(X, y), size=10)
    with pytest.raises(ValueError, match="same number"):
        ensemble_panel(fit, y_test[:10], fit.model.predict_proba(X_test)[:, 1], y_test, grid)
