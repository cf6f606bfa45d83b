"""Models the lab trains, and what they predict.

* :mod:`lib.models.logistic` — class- and sample-weighted logistic
  regression (:func:`fit_logistic`) and the predictions of a linear model
  given as ``(coef, intercept)`` (:func:`predict_proba_linear`,
  :func:`predict_labels`, :func:`boundary_offset`, :func:`probability_grid`;
  see :class:`lib.linear.LinearModel`).
* :mod:`lib.models.weighting_vs_threshold` — a class-weighted model against
  the plain one at a moved threshold (:func:`compare_weighting_and_threshold`).
* :mod:`lib.models.sgd` — mini-batch SGD with class weights
  (:func:`train_binary_sgd`) and on the focal loss (:func:`fit_focal_linear`).
* :mod:`lib.models.nonlinear` — gradient-boosted trees (:func:`fit_nonlinear`)
  and decision maps of any classifier (:func:`model_probability_grid`,
  :func:`boundary_cells`).

Every public name is importable from ``lib.models`` itself.
"""

from lib.models.logistic import (
    boundary_offset,
    fit_logistic,
    predict_labels,
    predict_proba_linear,
    probability_grid,
)
from lib.models.nonlinear import (
    NONLINEAR_PARAMS,
    boundary_cells,
    fit_nonlinear,
    model_probability_grid,
)
from lib.models.sgd import FOCAL_EPOCHS, fit_focal_linear, train_binary_sgd
from lib.models.weighting_vs_threshold import WeightingVsThreshold, compare_weighting_and_threshold

__all__ = [
    "FOCAL_EPOCHS",
    "NONLINEAR_PARAMS",
    "WeightingVsThreshold",
    "boundary_cells",
    "boundary_offset",
    "compare_weighting_and_threshold",
    "fit_focal_linear",
    "fit_logistic",
    "fit_nonlinear",
    "model_probability_grid",
    "predict_labels",
    "predict_proba_linear",
    "probability_grid",
    "train_binary_sgd",
]
