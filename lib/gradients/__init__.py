"""Gradients of the weighted BCE: who contributes them, and where descent goes.

* :mod:`lib.gradients.contributions` — each class's share of the gradient
  (the masking effect): :func:`class_gradient_contributions`.
* :mod:`lib.gradients.descent` — full-batch gradient descent recorded step
  by step: :func:`gradient_descent`.
* :mod:`lib.gradients.convergence` — runs followed to the exact minimum of
  their loss: :func:`compare_convergence`.

Every public name is importable from ``lib.gradients`` itself.
"""

from lib.gradients.contributions import (
    GradientContributions,
    class_gradient_contributions,
    contribution_table,
    contributions_at,
    sample_counts,
)
from lib.gradients.convergence import (
    CONVERGENCE_MAX_ROWS,
    CONVERGENCE_STEPS,
    CONVERGENCE_STOP,
    ConvergenceComparison,
    ConvergenceRun,
    compare_convergence,
    descent_to_minimum,
    linearly_separable,
    logistic_minimum,
)
from lib.gradients.descent import gradient_descent

__all__ = [
    "CONVERGENCE_MAX_ROWS",
    "CONVERGENCE_STEPS",
    "CONVERGENCE_STOP",
    "ConvergenceComparison",
    "ConvergenceRun",
    "GradientContributions",
    "class_gradient_contributions",
    "compare_convergence",
    "contribution_table",
    "contributions_at",
    "descent_to_minimum",
    "gradient_descent",
    "linearly_separable",
    "logistic_minimum",
    "sample_counts",
]
