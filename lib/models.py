"""Models trained with class and sample weights (scikit-learn)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from lib._validation import (
    as_binary_labels,
    as_coefficients,
    as_float_array,
    check_class_weights,
    check_finite_number,
    check_int,
    check_same_length,
    check_threshold,
)
from lib.i18n import LabError
from lib.losses import logit, sigmoid
from lib.training import TrainingResult, train_softmax


def fit_logistic(
    X: ArrayLike,
    y: ArrayLike,
    *,
    w0: float = 1.0,
    w1: float = 1.0,
    sample_weight: ArrayLike | None = None,
    C: float = 1.0,
) -> LogisticRegression:
    r"""Fit a logistic regression with class weights (and sample weights).

    scikit-learn minimises

    .. math::

        \frac{1}{2}\lVert\beta\rVert^2 + C \sum_i s_i\, w_{y_i}
        \bigl[-y_i \log p_i - (1 - y_i)\log(1 - p_i)\bigr],

    where :math:`w_{y_i}` is the class weight (``{0: w0, 1: w1}``) and
    :math:`s_i` the optional per-sample weight; the two multiply.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1; both classes must be present.
    w0, w1 : float, default=1.0
        Class weights; finite, >= 0, not both zero.
    sample_weight : array_like of shape (n,) or None, default=None
        Extra per-sample weights, finite and >= 0.
    C : float, default=1.0
        Inverse regularisation strength, > 0.

    Returns
    -------
    sklearn.linear_model.LogisticRegression
        The fitted model (``coef_`` of shape (1, d), ``intercept_`` (1,)).

    References
    ----------
    scikit-learn User Guide, "Logistic regression", sec. 1.1.11 (objective
    with sample weights); King & Zeng (2001) on weighting rare events.
    """
    w0, w1 = check_class_weights(w0, w1)
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y)
    check_same_length(X=X_arr, y=y_arr)
    if y_arr.min() == y_arr.max():
        raise LabError("error.model.one_class", cls=int(y_arr[0]))
    C = check_finite_number("C", C, low=0.0, low_inclusive=False)
    sw: NDArray[np.float64] | None = None
    if sample_weight is not None:
        sw = as_float_array("sample_weight", sample_weight)
        check_same_length(X=X_arr, sample_weight=sw)
        if np.any(sw < 0):
            raise ValueError("`sample_weight` must be >= 0 everywhere.")
    model = LogisticRegression(C=C, class_weight={0: w0, 1: w1}, max_iter=1000)
    with warnings.catch_warnings():
        # Heavily weighted or nearly separable data can need more lbfgs
        # iterations than the cap; the result is still the best found and the
        # app must not flood the console for it.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X_arr, y_arr.astype(np.int64), sample_weight=sw)
    return model


def boundary_offset(
    coef: ArrayLike, intercept: float, point: ArrayLike, *, threshold: float = 0.5
) -> float:
    r"""Signed distance from ``point`` to the line where ``p = threshold``.

    For :math:`p = \sigma(\beta^\top x + \beta_0)` the set
    :math:`p = t` is the hyperplane :math:`\beta^\top x + \beta_0 =
    \mathrm{logit}(t)`, whose signed distance from :math:`x_0` is

    .. math:: d = \frac{\mathrm{logit}(t) - \beta^\top x_0 - \beta_0}{\lVert\beta\rVert}.

    Positive means the boundary lies on the positive side of the point, in the
    direction of :math:`\beta`.

    Parameters
    ----------
    coef : array_like of shape (d,)
        Coefficients.
    intercept : float
        Intercept.
    point : array_like of shape (d,)
        Reference point.
    threshold : float, default=0.5
        Probability threshold in (0, 1).

    Returns
    -------
    float
        The signed distance, or ``inf`` if ``coef`` is zero.
    """
    beta = as_coefficients(coef)
    x0 = as_float_array("point", point)
    logit_t = logit(check_threshold("threshold", threshold))
    b = check_finite_number("intercept", intercept)
    norm = float(np.linalg.norm(beta))
    if norm == 0.0:
        return float("inf")
    return (logit_t - float(beta @ x0) - b) / norm


def probability_grid(
    coef: ArrayLike,
    intercept: float,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    size: int = 100,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Probability of class 1 of a 2-D linear model on a regular grid.

    .. math:: P_{ij} = \sigma(\beta_1 g^x_j + \beta_2 g^y_i + \beta_0)

    Parameters
    ----------
    coef : array_like of shape (2,)
        Coefficients :math:`(\beta_1, \beta_2)`.
    intercept : float
        Intercept :math:`\beta_0`.
    x_range, y_range : (float, float)
        Extent of the grid.
    size : int, default=100
        Points per axis (2 to 400); 100 keeps a heatmap light in the browser.

    Returns
    -------
    grid_x : ndarray of shape (size,)
    grid_y : ndarray of shape (size,)
    prob : ndarray of shape (size, size)
        Rows follow ``grid_y``, columns ``grid_x``.
    """
    beta = as_coefficients(coef)
    if len(beta) != 2:
        raise ValueError(f"`coef` must have 2 entries. Got {len(beta)} instead.")
    b = check_finite_number("intercept", intercept)
    m = check_int("size", size, low=2, high=400)
    gx = np.linspace(float(x_range[0]), float(x_range[1]), m)
    gy = np.linspace(float(y_range[0]), float(y_range[1]), m)
    prob = sigmoid(beta[0] * gx[None, :] + beta[1] * gy[:, None] + b)
    return gx, gy, prob


def predict_labels(
    coef: ArrayLike, intercept: float, X: ArrayLike, *, threshold: float = 0.5
) -> NDArray[np.int64]:
    r"""Class labels of a linear model at a probability threshold.

    .. math:: \hat y_i = [\,\beta^\top x_i + \beta_0 > \mathrm{logit}(t)\,]

    Comparing logits instead of probabilities keeps thresholds near 0 or 1
    exact; at ``t = 0.5`` this is scikit-learn's ``predict``.

    Parameters
    ----------
    coef : array_like of shape (d,)
        Coefficients.
    intercept : float
        Intercept.
    X : array_like of shape (n, d)
        Features.
    threshold : float, default=0.5
        Probability threshold in (0, 1).

    Returns
    -------
    ndarray of int of shape (n,)
    """
    beta = as_coefficients(coef)
    X_arr = as_float_array("X", X, ndim=2)
    if X_arr.shape[1] != len(beta):
        raise ValueError(f"`X` has {X_arr.shape[1]} features but `coef` has {len(beta)} entries.")
    b = check_finite_number("intercept", intercept)
    logit_t = logit(check_threshold("threshold", threshold))
    return (X_arr @ beta + b > logit_t).astype(np.int64)


def model_probability_grid(
    model: Any, x_range: tuple[float, float], y_range: tuple[float, float], *, size: int = 100
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Probability of class 1 of any fitted 2-D classifier on a regular grid.

    .. math:: P_{ij} = \hat p(1 \mid g^x_j, g^y_i)

    For models without a closed-form boundary (trees, ensembles, resampling
    pipelines); the grid is passed to ``predict_proba`` in one call.

    Parameters
    ----------
    model : fitted classifier
        With ``predict_proba`` and ``classes_`` containing 1, trained on two
        features.
    x_range, y_range : (float, float)
        Extent of the grid.
    size : int, default=100
        Points per axis (2 to 400).

    Returns
    -------
    grid_x : ndarray of shape (size,)
    grid_y : ndarray of shape (size,)
    prob : ndarray of shape (size, size)
        Rows follow ``grid_y``, columns ``grid_x``.

    References
    ----------
    scikit-learn ``DecisionBoundaryDisplay`` (the same grid evaluation).
    """
    m = check_int("size", size, low=2, high=400)
    classes = list(getattr(model, "classes_", []))
    if 1 not in classes:
        raise ValueError("`model` must be a fitted classifier whose classes include 1.")
    gx = np.linspace(float(x_range[0]), float(x_range[1]), m)
    gy = np.linspace(float(y_range[0]), float(y_range[1]), m)
    xx, yy = np.meshgrid(gx, gy)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    prob = np.asarray(model.predict_proba(points), dtype=np.float64)[:, classes.index(1)]
    return gx, gy, prob.reshape(m, m)


def boundary_cells(
    grid_x: ArrayLike, grid_y: ArrayLike, prob: ArrayLike, *, threshold: float = 0.5
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Grid points on the decision boundary of any classifier.

    A point :math:`(i, j)` is on the boundary when its decision
    :math:`[P_{ij} > t]` differs from its right or upper neighbour's (strict,
    like scikit-learn's ``predict``, which breaks a tie at 0.5 towards class
    0 — frequent for tree ensembles that average votes); the
    returned point is the midpoint between the two. Drawing these as markers
    is cheap in a browser, unlike contour lines of a piecewise-constant
    (tree) probability.

    Parameters
    ----------
    grid_x, grid_y : array_like
        Grid axes, lengths m and k.
    prob : array_like of shape (k, m)
        Probability of class 1, rows following ``grid_y``.
    threshold : float, default=0.5
        Decision threshold in (0, 1).

    Returns
    -------
    xs, ys : ndarray
        Coordinates of the boundary points.

    References
    ----------
    scikit-learn ``DecisionBoundaryDisplay`` (``response_method="predict"``).
    """
    gx = as_float_array("grid_x", grid_x)
    gy = as_float_array("grid_y", grid_y)
    p = np.asarray(prob, dtype=np.float64)
    if p.shape != (len(gy), len(gx)):
        raise ValueError(f"`prob` must have shape ({len(gy)}, {len(gx)}). Got {p.shape}.")
    t = check_threshold("threshold", threshold)
    above = p > t
    right = np.argwhere(above[:, 1:] != above[:, :-1])
    up = np.argwhere(above[1:, :] != above[:-1, :])
    xs = np.concatenate([(gx[right[:, 1]] + gx[right[:, 1] + 1]) / 2, gx[up[:, 1]]])
    ys = np.concatenate([gy[right[:, 0]], (gy[up[:, 0]] + gy[up[:, 0] + 1]) / 2])
    return xs, ys


@dataclass(frozen=True)
class WeightingVsThreshold:
    r"""How far a class-weighted linear model is from threshold moving.

    Attributes
    ----------
    threshold : float
        The threshold the weights imply, :math:`t = w_0/(w_0 + w_1)`.
    agreement : float
        Share of the evaluation points on which the weighted model at 0.5
        and the plain model at ``t`` predict the same class.
    jaccard : float
        Agreement among the points either rule calls positive:
        :math:`|P_w \cap P_t| / |P_w \cup P_t|` (1 if neither predicts a
        positive). Unlike ``agreement`` it is not inflated by the many easy
        negatives both rules reject.
    n_positive_weighted, n_positive_moved : int
        Points each rule calls positive.
    slope_change : float
        Relative change of the coefficient vector's length,
        :math:`\lVert\beta_w\rVert / \lVert\beta\rVert - 1`.
    angle : float
        Angle between the two coefficient vectors in degrees (0 in 1-D
        unless the sign flips).
    intercept_shift : float
        :math:`\beta_{0,w} - \beta_0`.
    log_ratio : float
        :math:`\log(w_1/w_0)`, the shift that exact threshold moving implies.
    coef_change : float
        Relative change of the coefficient vector,
        :math:`\lVert\beta_w - \beta\rVert / \lVert\beta\rVert` (length
        and direction together; 0 if :math:`\beta = 0`).
    """

    threshold: float
    agreement: float
    jaccard: float
    n_positive_weighted: int
    n_positive_moved: int
    slope_change: float
    angle: float
    intercept_shift: float
    log_ratio: float
    coef_change: float = 0.0


def compare_weighting_and_threshold(
    coef: ArrayLike,
    intercept: float,
    coef_weighted: ArrayLike,
    intercept_weighted: float,
    X: ArrayLike,
    *,
    w0: float,
    w1: float,
) -> WeightingVsThreshold:
    r"""Compare a class-weighted linear model with the plain one at a moved threshold.

    If the weighted fit were exactly the plain fit with its odds multiplied
    by :math:`w_1/w_0` (Elkan 2001, Theorem 1), then

    .. math:: p_w = \tfrac12 \iff p = \frac{w_0}{w_0 + w_1},\qquad
              \beta_w = \beta,\quad \beta_{0,w} = \beta_0 + \log\frac{w_1}{w_0},

    and the two rules would make the same decisions everywhere. For a
    correctly specified model that holds in the limit of many samples; on a
    finite sample the weighted estimate is noisier (a few minority points
    carry most of the weight), and under misspecification the two estimate
    different lines. King & Zeng (2001) show that for a correctly specified
    model the unweighted fit with a moved threshold (prior correction) is the
    more efficient estimate, and that weighting is the robust choice when
    the model is misspecified.

    Parameters
    ----------
    coef, intercept : array_like of shape (d,), float
        The plain (unweighted) model.
    coef_weighted, intercept_weighted : array_like of shape (d,), float
        The model trained with class weights ``w0``, ``w1``.
    X : array_like of shape (n, d)
        Points on which decisions are compared (a test set).
    w0, w1 : float
        The class weights of the weighted model, > 0.

    Returns
    -------
    WeightingVsThreshold

    References
    ----------
    Elkan (2001), "The foundations of cost-sensitive learning", IJCAI;
    King & Zeng (2001), "Logistic regression in rare events data",
    Political Analysis 9(2), sec. 4.
    """
    w0 = check_finite_number("w0", w0, low=0.0, low_inclusive=False)
    w1 = check_finite_number("w1", w1, low=0.0, low_inclusive=False)
    beta, beta_w = as_coefficients(coef), as_coefficients(coef_weighted)
    if len(beta) != len(beta_w):
        raise ValueError("`coef` and `coef_weighted` must have the same length.")
    t = w0 / (w0 + w1)
    # Comparing logits keeps thresholds near 0 or 1 exact.
    weighted = predict_labels(beta_w, intercept_weighted, X) == 1
    X_arr = as_float_array("X", X, ndim=2)
    moved = X_arr @ beta + check_finite_number("intercept", intercept) > np.log(w0 / w1)
    union = int(np.sum(weighted | moved))
    norm, norm_w = float(np.linalg.norm(beta)), float(np.linalg.norm(beta_w))
    cosine = float(beta @ beta_w) / (norm * norm_w) if norm > 0 and norm_w > 0 else 1.0
    return WeightingVsThreshold(
        threshold=t,
        agreement=float(np.mean(weighted == moved)),
        jaccard=float(np.sum(weighted & moved)) / union if union else 1.0,
        n_positive_weighted=int(np.sum(weighted)),
        n_positive_moved=int(np.sum(moved)),
        slope_change=norm_w / norm - 1.0 if norm > 0 else 0.0,
        angle=float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))),
        intercept_shift=float(intercept_weighted) - float(intercept),
        log_ratio=float(np.log(w1 / w0)),
        coef_change=float(np.linalg.norm(beta_w - beta)) / norm if norm > 0 else 0.0,
    )


def train_binary_sgd(
    X: ArrayLike, y: ArrayLike, *, w0: float = 1.0, w1: float = 1.0, **kwargs: Any
) -> TrainingResult:
    r"""Two-class softmax regression by mini-batch SGD with class weights (w0, w1).

    The lab's mini-batch model (the training-loss and focal-loss pages):
    :func:`lib.training.train_softmax` with ``weighting="global"``, class
    weights ``[w0, w1]``, batches of 1024 and the step size

    .. math:: \eta = 0.05 \,/\, \bar w,\qquad
              \bar w = \frac{1}{n}\sum_i w_{y_i},

    so that runs with very different weights take comparable steps (the
    weighted mean loss scales with :math:`\bar w`). A softmax with two
    classes is a logistic model: its class-1 logit is
    :math:`x^\top (W_{:,1} - W_{:,0}) + (b_1 - b_0)`.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    w0, w1 : float, default=1.0
        Class weights, finite, >= 0, not both zero.
    **kwargs
        Passed to :func:`lib.training.train_softmax` (``loss``, ``gamma``,
        ``epochs``, ``X_val``, ``y_val``, ...).

    Returns
    -------
    lib.training.TrainingResult

    References
    ----------
    Bottou (2012), "Stochastic gradient descent tricks", in *Neural
    Networks: Tricks of the Trade* (step size against the loss scale).
    """
    w0, w1 = check_class_weights(w0, w1)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    mean_weight = float(np.mean(np.where(y_arr == 1, w1, w0)))
    if mean_weight <= 0:
        raise ValueError("The class weights of the samples present must not all be zero.")
    return train_softmax(
        X,
        y_arr,
        n_classes=2,
        weighting="global",
        class_weight=[w0, w1],
        batch_size=1024,
        learning_rate=0.05 / mean_weight,
        **kwargs,
    )


#: Epochs of the focal-loss model on the focal-loss page.
FOCAL_EPOCHS = 30


def fit_focal_linear(
    X: ArrayLike,
    y: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = None,
    epochs: int = FOCAL_EPOCHS,
) -> tuple[NDArray[np.float64], float]:
    r"""A linear model trained with focal loss, as ``(coef, intercept)`` of class 1.

    Minimises the mean focal loss (Lin et al. 2017)

    .. math:: FL = -\alpha_t (1 - p_t)^\gamma \log p_t,\qquad
              \alpha_t = \alpha \text{ if } y = 1 \text{ else } 1 - \alpha,

    by :func:`train_binary_sgd` with class weights ``[1 - alpha, alpha]``
    (``alpha=None``: ``[1, 1]``). ``alpha > 0.5`` weights class 1 more than
    class 0, ``alpha < 0.5`` less; ``alpha = 0.5`` only halves the loss,
    which the step size normalisation cancels.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1.
    gamma : float, default=2.0
        Focusing parameter, >= 0.
    alpha : float or None, default=None
        Weight of class 1 in (0, 1), or None for no class weighting.
    epochs : int, default=30
        Passes over the training data.

    Returns
    -------
    coef : ndarray of shape (d,)
    intercept : float

    References
    ----------
    Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
    Detection", ICCV, eq. (5) and sec. 5.1.
    """
    if alpha is None:
        w0, w1 = 1.0, 1.0
    else:
        a = check_finite_number("alpha", alpha, low=0.0, high=1.0, low_inclusive=False)
        if a >= 1.0:
            raise ValueError(f"`alpha` must be < 1. Got {a!r} instead.")
        w0, w1 = 1.0 - a, a
    result = train_binary_sgd(X, y, w0=w0, w1=w1, loss="focal", gamma=gamma, epochs=epochs)
    return (result.coef[:, 1] - result.coef[:, 0], float(result.intercept[1] - result.intercept[0]))


#: Settings of the non-linear model on the decision-boundaries page: small and
#: fast (100 trees of at most 15 leaves, no early stopping, so the number of
#: trees does not depend on a validation split).
NONLINEAR_PARAMS: dict[str, Any] = {
    "max_iter": 100,
    "max_leaf_nodes": 15,
    "learning_rate": 0.1,
    "early_stopping": False,
}


def fit_nonlinear(
    X: ArrayLike, y: ArrayLike, *, w0: float = 1.0, w1: float = 1.0, random_state: int = 0
) -> HistGradientBoostingClassifier:
    r"""Gradient-boosted trees trained with class weights as sample weights.

    scikit-learn's ``HistGradientBoostingClassifier`` (:data:`NONLINEAR_PARAMS`)
    adds regression trees :math:`f_m` to the log-odds,
    :math:`F(x) = \sum_m f_m(x)`, each fitted to the gradient of the weighted
    log-loss

    .. math:: L = \sum_i w_{y_i}\bigl[-y_i \log p_i - (1 - y_i)\log(1 - p_i)\bigr],
              \qquad p_i = \sigma(F(x_i)),

    with :math:`w_{y_i} = w_0` or :math:`w_1` passed as ``sample_weight``.
    Its boundary :math:`F(x) = 0` is piecewise and can be curved or split
    into several regions, which no line can.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Features.
    y : array_like of shape (n,)
        Labels 0/1; both classes must be present.
    w0, w1 : float, default=1.0
        Class weights; finite, >= 0, not both zero.
    random_state : int, default=0
        Seed of the model (>= 0).

    Returns
    -------
    sklearn.ensemble.HistGradientBoostingClassifier
        The fitted model.

    References
    ----------
    Friedman (2001), "Greedy function approximation: a gradient boosting
    machine", Annals of Statistics 29(5); Ke et al. (2017), "LightGBM",
    NeurIPS (histogram-based splits); scikit-learn User Guide, sec. 1.11.1
    (histogram-based gradient boosting, ``sample_weight``).
    """
    w0, w1 = check_class_weights(w0, w1)
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_binary_labels("y", y).astype(np.int64)
    check_same_length(X=X_arr, y=y_arr)
    if y_arr.min() == y_arr.max():
        raise LabError("error.model.one_class", cls=int(y_arr[0]))
    seed = check_int("random_state", random_state, low=0)
    model = HistGradientBoostingClassifier(**NONLINEAR_PARAMS, random_state=seed)
    model.fit(X_arr, y_arr, sample_weight=np.where(y_arr == 1, w1, w0))
    return model


def predict_proba_linear(coef: ArrayLike, intercept: float, X: ArrayLike) -> NDArray[np.float64]:
    r"""Probability of class 1 under a linear (logistic) model.

    .. math:: p_i = \sigma(\beta^\top x_i + \beta_0)

    Parameters
    ----------
    coef : array_like of shape (d,)
        Coefficients.
    intercept : float
        Intercept.
    X : array_like of shape (n, d)
        Features.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), *The Elements of Statistical
    Learning*, eq. (4.17).
    """
    beta = as_coefficients(coef)
    X_arr = as_float_array("X", X, ndim=2)
    if X_arr.shape[1] != len(beta):
        raise ValueError(f"`X` has {X_arr.shape[1]} features but `coef` has {len(beta)} entries.")
    return sigmoid(X_arr @ beta + check_finite_number("intercept", intercept))
