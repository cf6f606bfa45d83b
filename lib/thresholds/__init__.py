r"""Threshold moving and misclassification costs for a binary classifier.

A probabilistic classifier predicts class 1 when :math:`p(1 \mid x) \ge t`.
Moving :math:`t` trades recall for precision along the PR and ROC curves;
with costs :math:`c_{FP}` and :math:`c_{FN}` the threshold that minimises the
expected cost of calibrated probabilities is
:math:`t^* = c_{FP} / (c_{FP} + c_{FN})` (Elkan 2001), the same as the
threshold class weights imply with :math:`w_0 = c_{FP}`, :math:`w_1 = c_{FN}`.
Without calibrated probabilities, :func:`tune_threshold_cv` chooses the
threshold by cross-validated cost (scikit-learn's
``TunedThresholdClassifierCV``) instead of on the training predictions, where
the choice is optimistic.

* :mod:`lib.thresholds.curves` — PR and ROC curves, confusion counts at a
  threshold.
* :mod:`lib.thresholds.costs` — the Bayes threshold, costs per threshold,
  the cheapest threshold on a labelled set, a cost scorer.
* :mod:`lib.thresholds.tuning` — the threshold chosen by cross-validation.
* :mod:`lib.thresholds.report` — everything the thresholds page shows.

Every public name is importable from ``lib.thresholds`` itself.

References
----------
Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI.
Davis & Goadrich (2006), "The Relationship Between Precision-Recall and ROC
Curves", ICML.
Saito & Rehmsmeier (2015), "The Precision-Recall Plot Is More Informative than
the ROC Plot When Evaluating Binary Classifiers on Imbalanced Datasets", PLOS ONE.
"""

from lib.thresholds.costs import (
    average_cost,
    bayes_threshold,
    cost_scorer,
    expected_cost,
    optimal_threshold,
)
from lib.thresholds.curves import ThresholdCurves, confusion_at, threshold_curves
from lib.thresholds.report import ThresholdReport, threshold_report, weighting_gap_row
from lib.thresholds.tuning import TunedThreshold, tune_plain_threshold, tune_threshold_cv

__all__ = [
    "ThresholdCurves",
    "ThresholdReport",
    "TunedThreshold",
    "average_cost",
    "bayes_threshold",
    "confusion_at",
    "cost_scorer",
    "expected_cost",
    "optimal_threshold",
    "threshold_curves",
    "threshold_report",
    "tune_plain_threshold",
    "tune_threshold_cv",
    "weighting_gap_row",
]
