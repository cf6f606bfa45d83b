r"""Metrics and decisions when the deployment prevalence differs from training.

The prevalence page (issue 14, section 3) trains the plain logistic model at
the sidebar's ratio and deploys it where the positive rate is different.
Two questions:

* which test metrics move with the prevalence alone (precision, PR-AUC,
  MCC) and which do not (recall, ROC-AUC, balanced accuracy):
  :func:`metrics_by_prevalence` in :mod:`lib.prevalence.metrics`;
* how the probabilities, the Bayes threshold and the cost move under label
  shift, and how far the correction of Saerens, Latinne & Decaestecker
  (2002) repairs them, with the true deployment prior or one estimated by EM
  from unlabeled predictions: :func:`label_shift_study` and
  :func:`cost_by_prevalence` in :mod:`lib.prevalence.label_shift`.

:mod:`lib.prevalence.report` assembles both for the page
(:func:`deployment_report`).

Moving the prevalence by *reweighting the classes* of one labelled set keeps
every within-class rate (TPR, FPR, the ROC curve) exactly and changes only
the class mix: it is the label-shift assumption (:math:`p(x \mid y)` fixed)
applied to a finite sample.

Every public name is importable from ``lib.prevalence`` itself.
"""

from lib.prevalence.label_shift import (
    RULES,
    LabelShiftStudy,
    cost_by_prevalence,
    label_shift_study,
    uncorrected_threshold,
)
from lib.prevalence.metrics import (
    PREVALENCE_METRICS,
    PREVALENCE_RATIOS,
    metric_ranges,
    metrics_by_prevalence,
)
from lib.prevalence.report import (
    DEPLOY_SEED_OFFSET,
    EVAL_MAX_ROWS,
    DeploymentReport,
    deployment_data,
    deployment_report,
)

__all__ = [
    "DEPLOY_SEED_OFFSET",
    "EVAL_MAX_ROWS",
    "PREVALENCE_METRICS",
    "PREVALENCE_RATIOS",
    "RULES",
    "DeploymentReport",
    "LabelShiftStudy",
    "cost_by_prevalence",
    "deployment_data",
    "deployment_report",
    "label_shift_study",
    "metric_ranges",
    "metrics_by_prevalence",
    "uncorrected_threshold",
]
