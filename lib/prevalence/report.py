r"""Everything the prevalence page shows, from one training and two test sets.

:func:`deployment_report` trains the plain logistic model at the sidebar's
ratio and deploys it on a fresh set (:func:`deployment_data`) at another
positive rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from sklearn.metrics import roc_auc_score

from lib._validation import check_int
from lib.data import make_imbalanced
from lib.metrics import bootstrap_intervals, label_shift_correction, prevalence_metrics
from lib.models import fit_logistic
from lib.prevalence.label_shift import LabelShiftStudy, cost_by_prevalence, label_shift_study
from lib.prevalence.metrics import metric_ranges, metrics_by_prevalence
from lib.thresholds import bayes_threshold

#: The deployment set's seed is the training seed plus this (the sidebar's
#: test set uses seed + 1), so the three sets are independent draws.
DEPLOY_SEED_OFFSET = 2
#: Largest test and deployment set of :func:`deployment_report`: the training
#: set follows the sidebar, but 2 x 500 bootstrap replicates over a million
#: rows would keep the page waiting for tens of seconds.
EVAL_MAX_ROWS = 200_000


def deployment_data(
    n_samples: int,
    deploy_ratio: float,
    *,
    class_sep: float = 1.0,
    shape: str = "gaussian",
    random_state: int = 0,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    r"""A fresh labelled set drawn where the model is deployed.

    Same shape and separation as the training data, so the class-conditional
    densities :math:`p(x \mid y)` are the same and only the positive rate
    :math:`\pi_t = n_1 / n` differs (pure label shift):
    ``make_imbalanced(n_samples, deploy_ratio, ..., random_state=random_state
    + DEPLOY_SEED_OFFSET)``.

    Parameters
    ----------
    n_samples : int
        Number of samples (see :func:`lib.data.make_imbalanced`).
    deploy_ratio : float
        Majority per minority sample at deployment, >= 1.
    class_sep : float, default=1.0
        Separation of the classes, as in training.
    shape : str, default="gaussian"
        One of :data:`lib.data.SHAPES`, as in training.
    random_state : int, default=0
        The *training* seed; the set uses ``random_state + 2``.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)

    References
    ----------
    Moreno-Torres et al. (2012), "A unifying view on dataset shift in
    classification", Pattern Recognition 45(1) (prior probability shift).
    """
    seed = check_int("random_state", random_state, low=0)
    return make_imbalanced(
        n_samples,
        deploy_ratio,
        class_sep=class_sep,
        shape=shape,
        random_state=seed + DEPLOY_SEED_OFFSET,
    )


@dataclass(frozen=True)
class DeploymentReport:
    r"""Everything the prevalence page shows, from one training and two test sets.

    Attributes
    ----------
    threshold : float
        The rule of the metrics section: :math:`p \ge t^*` on the
        uncorrected probabilities (the Bayes threshold as if the training
        prior held).
    n_deploy, n1_deploy : int
        Size and positives of the deployment set.
    n1_test : int
        Positives of the test set at the training ratio (same size).
    by_prevalence : DataFrame
        :func:`metrics_by_prevalence` of the deployment set.
    ranges : DataFrame
        :func:`metric_ranges` of ``by_prevalence``.
    current : dict
        The row of ``by_prevalence`` metrics on the deployment set as drawn.
    intervals, intervals_test : DataFrame
        :func:`lib.metrics.bootstrap_intervals` on the deployment set and on
        the test set at the training ratio, indexed by metric.
    study : LabelShiftStudy
    costs : DataFrame
        :func:`cost_by_prevalence` of the deployment set.
    auc_uncorrected, auc_corrected : float
        ROC-AUC of the probabilities before and after the correction to the
        true deployment prior (equal: the correction keeps the order).
    """

    threshold: float
    n_deploy: int
    n1_deploy: int
    n1_test: int
    by_prevalence: pd.DataFrame
    ranges: pd.DataFrame
    current: dict[str, float]
    intervals: pd.DataFrame
    intervals_test: pd.DataFrame
    study: LabelShiftStudy
    costs: pd.DataFrame
    auc_uncorrected: float
    auc_corrected: float


def deployment_report(
    n_samples: int,
    ratio: float,
    deploy_ratio: float,
    *,
    class_sep: float = 1.0,
    shape: str = "gaussian",
    seed: int = 0,
    cost_fp: float = 1.0,
    cost_fn: float = 100.0,
    n_boot: int = 500,
) -> DeploymentReport:
    r"""Train the plain logistic model at ``ratio`` and deploy it at ``deploy_ratio``.

    Training data: ``make_imbalanced(n_samples, ratio, seed)``; the model is
    :func:`lib.models.fit_logistic` without weights (maximum likelihood, so
    its mean probability on the training set equals the training rate
    :math:`\pi_s`). Deployment data: :func:`deployment_data` (seed + 2). The
    test set at the training ratio (seed + 1) gives the bootstrap intervals
    with few positives for comparison. Decisions use
    :math:`t^* = c_{FP}/(c_{FP} + c_{FN})` on the uncorrected probabilities
    (metrics) and the rules of :func:`label_shift_study` (costs).

    Parameters
    ----------
    n_samples : int
        Size of the training set; the test and deployment sets have
        ``min(n_samples, EVAL_MAX_ROWS)`` samples.
    ratio, deploy_ratio : float
        Majority per minority in training and at deployment, >= 1.
    class_sep : float, default=1.0
    shape : str, default="gaussian"
    seed : int, default=0
        Training seed; also the bootstrap's seed.
    cost_fp, cost_fn : float, default=1.0, 100.0
    n_boot : int, default=500
        Bootstrap replicates per interval.

    Returns
    -------
    DeploymentReport

    References
    ----------
    Saerens, Latinne, Decaestecker (2002), Neural Computation 14(1); Saito &
    Rehmsmeier (2015), PLOS ONE 10(3); Efron & Tibshirani (1993), ch. 13.
    """
    s = check_int("seed", seed, low=0)
    X, y = make_imbalanced(n_samples, ratio, class_sep=class_sep, shape=shape, random_state=s)
    model = fit_logistic(X, y)
    n_eval = min(n_samples, EVAL_MAX_ROWS)
    X_test, y_test = make_imbalanced(
        n_eval, ratio, class_sep=class_sep, shape=shape, random_state=s + 1
    )
    X_dep, y_dep = deployment_data(
        n_eval, deploy_ratio, class_sep=class_sep, shape=shape, random_state=s
    )
    p_dep = model.predict_proba(X_dep)[:, 1]
    p_test = model.predict_proba(X_test)[:, 1]
    train_prior = float(np.mean(y))
    t = min(max(bayes_threshold(cost_fp, cost_fn), 1e-12), 1.0 - 1e-12)
    table = metrics_by_prevalence(y_dep, p_dep, threshold=t)
    current = prevalence_metrics(y_dep, p_dep, threshold=t).as_dict()
    study = label_shift_study(
        y_dep, p_dep, train_prior=train_prior, cost_fp=cost_fp, cost_fn=cost_fn
    )
    corrected = label_shift_correction(
        p_dep, train_prior=train_prior, deploy_prior=study.deploy_prior
    )
    return DeploymentReport(
        threshold=t,
        n_deploy=len(y_dep),
        n1_deploy=int(y_dep.sum()),
        n1_test=int(y_test.sum()),
        by_prevalence=table,
        ranges=metric_ranges(table),
        current=current,
        intervals=bootstrap_intervals(y_dep, p_dep, threshold=t, n_boot=n_boot, random_state=s)
        .set_index("metric")
        .rename_axis(None),
        intervals_test=bootstrap_intervals(
            y_test, p_test, threshold=t, n_boot=n_boot, random_state=s
        )
        .set_index("metric")
        .rename_axis(None),
        study=study,
        costs=cost_by_prevalence(
            y_dep, p_dep, train_prior=train_prior, cost_fp=cost_fp, cost_fn=cost_fn
        ),
        auc_uncorrected=float(roc_auc_score(y_dep, p_dep)),
        auc_corrected=float(roc_auc_score(y_dep, corrected)),
    )
