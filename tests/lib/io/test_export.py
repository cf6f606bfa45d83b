"""Code export: the scikit-learn snippet reproduces the app's model and metrics.

The snippet regenerates the data with NumPy alone and trains the same
``LogisticRegression``; executing it must give the coefficients and the
per-class metrics the decision-boundary page computes through ``lib``.
"""

import ast
import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import SHAPES, make_imbalanced
from lib.io import keras_snippet, pos_weight, pytorch_snippet, sklearn_snippet
from lib.metrics import per_class_report
from lib.models import fit_logistic, predict_labels
from lib.settings import RATIO_CHOICES


def run_snippet(code: str) -> dict:
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(code, "<sklearn snippet>", "exec"), namespace)  # noqa: S102 - our own code
    namespace["printed"] = out.getvalue()
    return namespace


@settings(deadline=None, max_examples=12)
@given(
    st.sampled_from([200, 1000, 5000]),
    st.sampled_from(RATIO_CHOICES[:12]),
    st.sampled_from([0.5, 1.0, 2.0, 3.5]),
    st.integers(0, 10_000),
    st.sampled_from([0.5005, 1.0, 0.1]),
    st.sampled_from([1.0, 7.5, 500.0, 0.25]),
)
def test_sklearn_snippet_reproduces_the_apps_model_and_metrics(n, ratio, sep, seed, w0, w1):
    ns = run_snippet(sklearn_snippet(n, ratio, sep, seed, w0, w1))
    X, y = make_imbalanced(n, ratio, class_sep=sep, random_state=seed)
    X_test, y_test = make_imbalanced(n, ratio, class_sep=sep, random_state=seed + 1)
    np.testing.assert_array_equal(ns["X"], X)
    np.testing.assert_array_equal(ns["y_test"], y_test)
    app = fit_logistic(X, y, w0=w0, w1=w1)
    np.testing.assert_allclose(ns["model"].coef_, app.coef_, rtol=1e-6, atol=1e-8)
    report = per_class_report(
        y_test,
        predict_labels(app.coef_[0], float(app.intercept_[0]), X_test),
        beta=0.5,
        labels=[0, 1],
    )
    np.testing.assert_allclose(ns["precision"], report["precision"], atol=1e-12)
    np.testing.assert_allclose(ns["recall"], report["recall"], atol=1e-12)
    np.testing.assert_allclose(ns["f05"], report["f_beta"], atol=1e-12)
    assert "class 1: precision" in ns["printed"]


def test_sample_weight_line_is_the_same_model():
    code = sklearn_snippet(3000, 100, 2.0, 4, 0.505, 50.5)
    ns = run_snippet(code)
    line = next(ln for ln in code.splitlines() if "sample_weight=" in ln).lstrip("# ")
    other = eval(line, ns)  # noqa: S307 - the snippet's own commented alternative
    np.testing.assert_allclose(other.coef_, ns["model"].coef_, rtol=1e-5)


@pytest.mark.parametrize("w0, w1", [(0.5005, 500.0), (1.0, 1.0), (2.0, 0.5)])
def test_every_snippet_is_valid_python_with_the_weights(w0, w1):
    for code in (
        sklearn_snippet(20000, 1000, 2.0, 0, w0, w1),
        pytorch_snippet(w0, w1),
        keras_snippet(w0, w1),
    ):
        ast.parse(code)
    assert f"pos_weight=torch.tensor([{w1 / w0!r}])" in pytorch_snippet(w0, w1)
    assert "class_weight={0: " in keras_snippet(w0, w1)


@settings(deadline=None, max_examples=50)
@given(st.floats(1e-3, 1e5), st.floats(0, 1e5))
def test_pos_weight_is_the_ratio_and_rescales_the_loss(w0, w1):
    q = pos_weight(w0, w1)
    assert q == pytest.approx(w1 / w0)
    # pos_weight's loss times w0 is the lab's weighted loss, for any p and y.
    p = np.array([0.1, 0.5, 0.9])
    for y in (0, 1):
        torch_style = -(q * y * np.log(p) + (1 - y) * np.log(1 - p))
        lab = -(w1 * y * np.log(p) + w0 * (1 - y) * np.log(1 - p))
        np.testing.assert_allclose(w0 * torch_style, lab, rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize(
    "bad", [dict(w0=0.0, w1=1.0), dict(w0=-1.0, w1=1.0), dict(w0=float("nan"), w1=1.0)]
)
def test_pos_weight_refuses_unusable_weights(bad):
    with pytest.raises(ValueError):
        pos_weight(**bad)


@pytest.mark.parametrize("shape", SHAPES)
def test_sklearn_snippet_draws_the_data_of_every_shape(shape):
    ns = run_snippet(sklearn_snippet(2000, 20, 1.5, 7, 1.0, 20.0, shape=shape))
    X, y = make_imbalanced(2000, 20, class_sep=1.5, shape=shape, random_state=7)
    X_test, y_test = make_imbalanced(2000, 20, class_sep=1.5, shape=shape, random_state=8)
    for name, expected in (("X", X), ("y", y), ("X_test", X_test), ("y_test", y_test)):
        np.testing.assert_array_equal(ns[name], expected)
    app = fit_logistic(X, y, w0=1.0, w1=20.0)
    np.testing.assert_allclose(ns["model"].coef_, app.coef_, rtol=1e-6, atol=1e-8)
    with pytest.raises(ValueError, match="`shape`"):
        sklearn_snippet(2000, 20, 1.5, 7, 1.0, 20.0, shape="xyz")
