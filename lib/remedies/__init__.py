"""Remedies for class imbalance behind one interface: build, check, fit, cross-validate.

Every remedy (no remedy, class weights, random over/under-sampling, SMOTE,
ADASYN, Borderline-SMOTE, four imbalanced-learn ensembles, focal loss, a moved
threshold) is a *strategy* with a name. Import the public names from here;
the modules behind them are split by concept:

``estimators``
    The scikit-learn estimators this package adds:
    :class:`ClassWeightedLogisticRegression`, :class:`PriorThresholdClassifier`
    (both on the shared delegating base class) and :class:`FocalLossClassifier`.
``registry``
    :data:`STRATEGIES` (name -> :class:`StrategySpec`), the per-strategy
    builders with their parameter validation, :func:`make_strategy` and
    :func:`strategy_name`.
``checks``
    :func:`check_strategy_data`: can a strategy be fitted on these class counts?
``fitting``
    :func:`fit_strategy` (:class:`StrategyFit`), :func:`fit_model`,
    :func:`resampling_view` (:class:`ResamplingView`) and
    :func:`linear_coefficients` (a :class:`~lib.linear.LinearModel`).
``cross_validation``
    The arena: :func:`cross_validate_strategies`
    (:class:`CrossValidationResult`), :func:`summarize_folds`,
    :func:`summary_wide` and the fold-level :data:`SCORES`.

References
----------
Lemaître, Nogueira, Aridas (2017), "Imbalanced-learn: A Python Toolbox to
Tackle the Curse of Imbalanced Datasets in Machine Learning", JMLR 18(17).
"""

from lib.remedies.checks import check_strategy_data
from lib.remedies.cross_validation import (
    SCORES,
    CrossValidationResult,
    cross_validate_strategies,
    summarize_folds,
    summary_wide,
)
from lib.remedies.estimators import (
    ClassWeightedLogisticRegression,
    FocalLossClassifier,
    PriorThresholdClassifier,
)
from lib.remedies.fitting import (
    RemedyOutputs,
    ResamplingView,
    StrategyFit,
    fit_model,
    fit_strategy,
    linear_coefficients,
    remedy_outputs,
    resampling_view,
)
from lib.remedies.registry import STRATEGIES, StrategySpec, make_strategy, strategy_name

__all__ = [
    "SCORES",
    "STRATEGIES",
    "ClassWeightedLogisticRegression",
    "CrossValidationResult",
    "FocalLossClassifier",
    "PriorThresholdClassifier",
    "RemedyOutputs",
    "ResamplingView",
    "StrategyFit",
    "StrategySpec",
    "check_strategy_data",
    "cross_validate_strategies",
    "fit_model",
    "fit_strategy",
    "linear_coefficients",
    "make_strategy",
    "remedy_outputs",
    "resampling_view",
    "strategy_name",
    "summarize_folds",
    "summary_wide",
]
