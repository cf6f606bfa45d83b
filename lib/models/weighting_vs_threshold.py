r"""How far a class-weighted linear model is from the plain one at a moved threshold.

Elkan (2001): exact class weighting equals moving the plain model's
threshold to :math:`w_0/(w_0 + w_1)`; :func:`compare_weighting_and_threshold`
measures how far two fitted models are from that ideal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lib._validation import check_finite_number
from lib.i18n import LabError
from lib.linear import LinearModel


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
    plain = LinearModel.of(coef, intercept)
    weighted_model = LinearModel.of(coef_weighted, intercept_weighted)
    beta, beta_w = plain.coef, weighted_model.coef
    if len(beta) != len(beta_w):
        raise LabError("error.model.coef_lengths")
    t = w0 / (w0 + w1)
    # Comparing logits keeps thresholds near 0 or 1 exact.
    weighted = weighted_model.predict(X) == 1
    moved = plain.decision(X) > np.log(w0 / w1)
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
        intercept_shift=weighted_model.intercept - plain.intercept,
        log_ratio=float(np.log(w1 / w0)),
        coef_change=float(np.linalg.norm(beta_w - beta)) / norm if norm > 0 else 0.0,
    )
