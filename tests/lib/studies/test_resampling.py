"""Tests of lib.studies.resampling: the resampling page's panels, markers and counts."""

import numpy as np
import pytest

from lib.data import display_subsample, make_imbalanced
from lib.metrics import per_class_report
from lib.remedies import fit_strategy, linear_coefficients
from lib.studies.resampling import (
    METHODS,
    counts_table,
    resampled_marks,
    resampled_panel,
    resampler_params,
)
from lib.viz.palette import REMOVED_COLOR, SYNTHETIC_COLOR


def _en(key, **values):
    return f"{key}:" + ",".join(f"{k}={v}" for k, v in sorted(values.items()))


@pytest.fixture(scope="module")
def data():
    X, y = make_imbalanced(3000, 20, class_sep=2.0, random_state=0)
    X_test, y_test = make_imbalanced(3000, 20, class_sep=2.0, random_state=1)
    return X, y, X_test, y_test, display_subsample(y, max_points=500, random_state=0)


def _panel(data, name, **kwargs):
    X, y, X_test, y_test, shown = data
    fit = fit_strategy(name, X, y, random_state=0, **dict(resampler_params(name, k=5, ratio=1.0)))
    return fit, resampled_panel(fit, X, shown, y_test, fit.model.predict(X_test), **kwargs)


def test_params_name_each_samplers_neighbours():
    assert resampler_params("random_over", k=3, ratio=0.5) == (("sampling_strategy", 0.5),)
    assert resampler_params("random_under", k=3, ratio=1) == (("sampling_strategy", 1.0),)
    assert resampler_params("smote", k=3, ratio=0.25) == (
        ("k_neighbors", 3),
        ("sampling_strategy", 0.25),
    )
    assert resampler_params("adasyn", k=7, ratio=1.0)[0] == ("n_neighbors", 7)
    for bad, match in (({"method": "nearmiss"}, "method"), ({"ratio": 0.0}, "ratio")):
        args = {"method": "smote", "k": 3, "ratio": 0.5, **bad}
        with pytest.raises(ValueError, match=match):
            resampler_params(**args)


def test_under_sampling_removes_rows_and_thins_what_it_draws(data):
    X, y, X_test, y_test, shown = data
    fit, panel = _panel(data, "random_under", max_marked=100)
    n_removed = fit.counts_before[0] - fit.counts_after[0]
    assert panel.n_removed == n_removed > 100
    assert len(panel.removed) == len(range(0, n_removed, n_removed // 100))
    assert len(panel.copies) == 0 and len(panel.synthetic) == 0
    assert set(panel.kept) <= set(shown) and len(panel.kept) < len(shown)
    assert panel.model == linear_coefficients(fit.model)
    expected = per_class_report(y_test, fit.model.predict(X_test), labels=[0, 1])
    assert panel.report.equals(expected)
    [removed] = resampled_marks(panel, tr=_en)
    assert removed.below and removed.color == REMOVED_COLOR
    assert removed.label == f"resampling.removed:n={n_removed:,},shown={len(panel.removed):,}"


def test_over_sampling_copies_minority_rows(data):
    X, y, *_ = data
    fit, panel = _panel(data, "random_over")
    assert panel.n_removed == 0
    assert np.all(y[np.isin(X[:, 0], panel.copied[:, 0])] == 1)
    assert panel.copies.sum() + (fit.counts_before[1] - len(panel.copies)) == fit.counts_after[1]
    [copies] = resampled_marks(panel, tr=_en)
    np.testing.assert_allclose(copies.size, 6 + 2.5 * np.log2(panel.copies))
    assert copies.label == f"resampling.copies:mean={np.mean(panel.copies):.3g}"


def test_smote_adds_synthetic_rows_and_the_counts_table_lists_them(data):
    fit, panel = _panel(data, "smote")
    assert panel.n_synthetic == fit.n_synthetic == fit.counts_after[1] - fit.counts_before[1]
    assert panel.synthetic.shape == (panel.n_synthetic, 2)
    [synthetic] = resampled_marks(panel, tr=_en)
    assert synthetic.color == SYNTHETIC_COLOR and synthetic.symbol == "diamond"
    table = counts_table({"S": panel}, tr=_en)
    assert table.iloc[0].tolist() == [
        "S",
        fit.counts_before[0],
        fit.counts_before[1],
        fit.counts_after[0],
        fit.counts_after[1],
        fit.n_synthetic,
    ]
    assert list(table.columns)[1] == "resampling.before:cls=0"


def test_every_method_has_a_panel(data):
    for name in METHODS:
        _, panel = _panel(data, name)
        assert panel.name == name
        # ratio=1 balances the classes (ADASYN only about: its counts are adaptive).
        assert panel.counts_after[1] / panel.counts_after[0] == pytest.approx(1.0, abs=0.02)
