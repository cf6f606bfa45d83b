"""Metrics of a classifier's predictions, and corrections of its probabilities.

* :mod:`lib.metrics.classification` — per-class precision, recall and
  F-beta (:func:`per_class_report`), :func:`percent_change`,
  :func:`evaluate_under_weights`.
* :mod:`lib.metrics.corrections` — probabilities moved to another class
  prior (:func:`prior_correction`, :func:`label_shift_correction`,
  :func:`estimate_prior_em`) and the threshold class weights imply
  (:func:`weighted_threshold`).
* :mod:`lib.metrics.bootstrap` — test metrics beside the prevalence
  (:func:`prevalence_metrics`) and their bootstrap intervals
  (:func:`bootstrap_intervals`).

Every public name is importable from ``lib.metrics`` itself.
"""

from lib.metrics.bootstrap import (
    BOOTSTRAP_METRICS,
    PrevalenceMetrics,
    bootstrap_intervals,
    prevalence_metrics,
)
from lib.metrics.classification import evaluate_under_weights, per_class_report, percent_change
from lib.metrics.corrections import (
    estimate_prior_em,
    label_shift_correction,
    prior_correction,
    weighted_threshold,
)

__all__ = [
    "BOOTSTRAP_METRICS",
    "PrevalenceMetrics",
    "bootstrap_intervals",
    "estimate_prior_em",
    "evaluate_under_weights",
    "label_shift_correction",
    "per_class_report",
    "percent_change",
    "prevalence_metrics",
    "prior_correction",
    "weighted_threshold",
]
