r"""Metrics and decisions when the deployment prevalence differs from training.

The prevalence page (issue 14, section 3) trains the plain logistic model at
the sidebar's ratio and deploys it where the positive rate is different.
Two questions:

* which test metrics move with the prevalence alone (precision, PR-AUC,
  MCC) and which do not (recall, ROC-AUC, balanced accuracy):
  :func:`metrics_by_prevalence`;
* how the probabilities, the Bayes threshold and the cost move under label
  shift, and how far the correction of Saerens, Latinne & Decaestecker
  (2002) repairs them, with the true deployment prior or one estimated by EM
  from unlabeled predictions: :func:`label_shift_study` and
  :func:`cost_by_prevalence`.

Moving the prevalence by *reweighting the classes* of one labelled set keeps
every within-class rate (TPR, FPR, the ROC curve) exactly and changes only
the class mix: it is the label-shift assumption (:math:`p(x \mid y)` fixed)
applied to a finite sample.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import average_precision_score, roc_auc_score

from lib._validation import check_finite_number, check_int, check_threshold, labels_and_scores
from lib.data import make_imbalanced
from lib.metrics import estimate_prior_em, label_shift_correction
from lib.thresholds import bayes_threshold

#: Deployment ratios (majority per minority) of the prevalence charts.
PREVALENCE_RATIOS: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
#: The deployment set's seed is the training seed plus this (the sidebar's
#: test set uses seed + 1), so the three sets are independent draws.
DEPLOY_SEED_OFFSET = 2
#: Largest test and deployment set of :func:`deployment_report`: the training
#: set follows the sidebar, but 2 x 500 bootstrap replicates over a million
#: rows would keep the page waiting for tens of seconds.
EVAL_MAX_ROWS = 200_000
#: Metrics of :func:`metrics_by_prevalence`, in column order.
PREVALENCE_METRICS = (
    "precision",
    "recall",
    "average_precision",
    "roc_auc",
    "balanced_accuracy",
    "mcc",
)
#: The decision rules of :func:`label_shift_study`.
RULES = ("half", "bayes_uncorrected", "bayes_corrected", "bayes_em")


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


def _check_ratios(ratios: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(ratios, dtype=np.float64).ravel()
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr < 1.0):
        raise ValueError(f"`ratios` must be finite numbers >= 1. Got {arr.tolist()} instead.")
    return arr


def _class_weights_for(y: NDArray[np.int64], prevalence: float) -> NDArray[np.float64]:
    # weights that turn the set's positive rate into `prevalence`, keeping n
    own = float(np.mean(y))
    return np.where(y == 1, prevalence / own, (1.0 - prevalence) / (1.0 - own))


def metrics_by_prevalence(
    y_true: ArrayLike,
    p: ArrayLike,
    ratios: ArrayLike = PREVALENCE_RATIOS,
    *,
    threshold: float = 0.5,
) -> pd.DataFrame:
    r"""The test metrics of fixed predictions at other prevalences (class reweighting).

    For a target prevalence :math:`\pi = 1 / (1 + r)` every positive gets the
    weight :math:`\pi / \hat\pi` and every negative
    :math:`(1 - \pi) / (1 - \hat\pi)`, :math:`\hat\pi` the set's own rate;
    the metrics of :func:`lib.metrics.prevalence_metrics` are computed with
    these sample weights (the thresholded ones from the weighted confusion
    matrix, as fractions of n: :math:`TP = \pi\,\mathrm{TPR}`,
    :math:`FP = (1 - \pi)\,\mathrm{FPR}`, ...; average precision with
    scikit-learn's ``sample_weight``). Rates within a class are unchanged, so

    .. math::

        \mathrm{precision}(\pi) =
        \frac{\pi\,\mathrm{TPR}}{\pi\,\mathrm{TPR} + (1 - \pi)\,\mathrm{FPR}},

    rises with :math:`\pi` (when TPR, FPR > 0), PR-AUC (average precision,
    chance level :math:`\pi`) and MCC move with it, while recall (TPR),
    ROC-AUC and balanced accuracy :math:`\tfrac12(\mathrm{TPR} + 1 -
    \mathrm{FPR})` are the same at every :math:`\pi`.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Labels 0/1, both present.
    p : array_like of shape (n,)
        Predicted probabilities of class 1.
    ratios : array_like, default=PREVALENCE_RATIOS
        Majority per minority of each target prevalence, >= 1.
    threshold : float, default=0.5
        Predict 1 when :math:`p \ge t`, :math:`t` in (0, 1).

    Returns
    -------
    DataFrame
        One row per ratio: ``ratio``, ``prevalence`` and the columns of
        :data:`PREVALENCE_METRICS`. At the set's own ratio the row equals
        :func:`lib.metrics.prevalence_metrics` (weights all 1).

    References
    ----------
    Saito & Rehmsmeier (2015), PLOS ONE 10(3) (precision and PR-AUC depend on
    the prevalence, ROC does not); Brodersen et al. (2010), ICPR (balanced
    accuracy); Chicco & Jurman (2020), BMC Genomics 21 (MCC).
    """
    y, prob = labels_and_scores(y_true, p)
    t = check_threshold("threshold", threshold)
    grid = _check_ratios(ratios)
    pred = prob >= t
    # within-class rates: the same at every prevalence
    tpr = float(np.mean(pred[y == 1]))
    fpr = float(np.mean(pred[y == 0]))
    auc = float(roc_auc_score(y, prob))
    rows = []
    for r in grid:
        pi = 1.0 / (1.0 + r)
        tp, fn, fp, tn = pi * tpr, pi * (1.0 - tpr), (1.0 - pi) * fpr, (1.0 - pi) * (1.0 - fpr)
        den = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)
        rows.append(
            {
                "ratio": float(r),
                "prevalence": pi,
                "precision": tp / (tp + fp) if tp + fp > 0 else 0.0,
                "recall": tpr,
                "average_precision": float(
                    average_precision_score(y, prob, sample_weight=_class_weights_for(y, pi))
                ),
                "roc_auc": auc,
                "balanced_accuracy": 0.5 * (tpr + 1.0 - fpr),
                "mcc": float((tp * tn - fp * fn) / np.sqrt(den)) if den > 0 else 0.0,
            }
        )
    return pd.DataFrame(rows)


def metric_ranges(table: pd.DataFrame) -> pd.DataFrame:
    """Lowest and highest value of each metric of :func:`metrics_by_prevalence`.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`metrics_by_prevalence`.

    Returns
    -------
    DataFrame
        Index :data:`PREVALENCE_METRICS`, columns ``low``, ``high``, ``spread``
        (high - low).
    """
    missing = [m for m in PREVALENCE_METRICS if m not in table.columns]
    if missing:
        raise ValueError(
            f"`table` lacks the columns {missing}; pass the output of metrics_by_prevalence."
        )
    low = table[list(PREVALENCE_METRICS)].min()
    high = table[list(PREVALENCE_METRICS)].max()
    return pd.DataFrame({"low": low, "high": high, "spread": high - low})


@dataclass(frozen=True)
class LabelShiftStudy:
    r"""Probabilities and decisions of one model at a deployment prior.

    Attributes
    ----------
    train_prior, deploy_prior : float
        Positive rate of the training data (:math:`\pi_s`) and of the labelled
        deployment set (:math:`\pi_t`).
    mean_p : float
        Mean predicted probability on the deployment set, uncorrected.
    mean_corrected : float
        Mean after :func:`lib.metrics.label_shift_correction` to
        :math:`\pi_t`.
    em_prior : float
        :func:`lib.metrics.estimate_prior_em` from the unlabeled predictions.
    mean_corrected_em : float
        Mean after correction to the EM estimate.
    bayes : float
        :math:`t^* = c_{FP} / (c_{FP} + c_{FN})`, meant for probabilities at
        the deployment prior.
    rules : DataFrame
        Index :data:`RULES`; columns ``threshold`` (on the *uncorrected*
        probabilities), ``cost`` (mean cost per sample), ``recall``,
        ``precision`` (NaN when nothing is predicted positive), ``positives``.
    """

    train_prior: float
    deploy_prior: float
    mean_p: float
    mean_corrected: float
    em_prior: float
    mean_corrected_em: float
    bayes: float
    rules: pd.DataFrame


def uncorrected_threshold(t: float, *, train_prior: float, deploy_prior: float) -> float:
    r"""The threshold on uncorrected probabilities equivalent to ``t`` on corrected ones.

    The correction :math:`p' = r_1 p / (r_1 p + r_0 (1 - p))` is increasing
    in :math:`p`, so :math:`p' \ge t` exactly when :math:`p \ge t_u` with
    :math:`t_u` the correction of :math:`t` back from :math:`\pi_t` to
    :math:`\pi_s`: :math:`\mathrm{odds}(t_u) = \mathrm{odds}(t)\, r_0 / r_1`.

    Parameters
    ----------
    t : float
        Threshold on probabilities at the deployment prior, in (0, 1).
    train_prior, deploy_prior : float
        :math:`\pi_s`, :math:`\pi_t` in (0, 1).

    Returns
    -------
    float

    References
    ----------
    Saerens, Latinne, Decaestecker (2002), Neural Computation 14(1), eq. (2.4);
    Elkan (2001), IJCAI, Theorem 1 (moving the threshold for a new base rate).
    """
    check_threshold("t", t)
    return float(
        label_shift_correction(np.array([t]), train_prior=deploy_prior, deploy_prior=train_prior)[0]
    )


def _decisions(
    y: NDArray[np.int64], prob: NDArray[np.float64], t: float, *, cost_fp: float, cost_fn: float
) -> dict[str, float]:
    pred = prob >= t
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    return {
        "threshold": t,
        "cost": (cost_fp * fp + cost_fn * fn) / len(y),
        "recall": tp / float(np.sum(y == 1)),
        "precision": tp / (tp + fp) if tp + fp > 0 else float("nan"),
        "positives": tp + fp,
    }


def label_shift_study(
    y_deploy: ArrayLike,
    p: ArrayLike,
    *,
    train_prior: float,
    cost_fp: float = 1.0,
    cost_fn: float = 100.0,
) -> LabelShiftStudy:
    r"""Correct a model's probabilities for a new prior and compare three decision rules.

    :math:`p` are the probabilities of a model calibrated at
    :math:`\pi_s` (``train_prior``) on a labelled deployment set whose rate
    is :math:`\pi_t`. The study reports the mean of :math:`p`, of
    :math:`p' =` :func:`lib.metrics.label_shift_correction` to
    :math:`\pi_t`, the EM estimate :math:`\hat\pi_t` of
    :func:`lib.metrics.estimate_prior_em` (labels unused) and the mean after
    correcting to it; and, with :math:`t^* = c_{FP}/(c_{FP} + c_{FN})`, the
    mean cost :math:`(c_{FP} FP + c_{FN} FN)/n`, recall and precision of

    * ``half``: :math:`p \ge 0.5` (uncorrected, the default rule),
    * ``bayes_uncorrected``: :math:`p \ge t^*` (Bayes threshold on
      probabilities at the wrong prior),
    * ``bayes_corrected``: :math:`p' \ge t^*` with the true :math:`\pi_t`,
    * ``bayes_em``: the same with :math:`\hat\pi_t`.

    The correction is exact when the model's probabilities equal the true
    posterior at :math:`\pi_s` (a well-specified, well-fitted model) and
    only the prior changes; otherwise it is approximate.

    Parameters
    ----------
    y_deploy : array_like of shape (n,)
        Deployment labels 0/1, both present.
    p : array_like of shape (n,)
        The model's probabilities of class 1 on the deployment set.
    train_prior : float
        Positive rate of the training data, in (0, 1).
    cost_fp, cost_fn : float, default=1.0, 100.0
        Costs of a false positive and a false negative, >= 0, not both 0.

    Returns
    -------
    LabelShiftStudy

    References
    ----------
    Saerens, Latinne, Decaestecker (2002), "Adjusting the Outputs of a
    Classifier to New a Priori Probabilities: A Simple Procedure", Neural
    Computation 14(1); Elkan (2001), "The Foundations of Cost-Sensitive
    Learning", IJCAI.
    """
    y, prob = labels_and_scores(y_deploy, p)
    src = check_threshold("train_prior", train_prior)
    cfp = check_finite_number("cost_fp", cost_fp, low=0.0)
    cfn = check_finite_number("cost_fn", cost_fn, low=0.0)
    t_star = bayes_threshold(cfp, cfn)
    dst = float(np.mean(y))
    em = estimate_prior_em(prob, train_prior=src)
    em_safe = min(max(em, 1e-12), 1.0 - 1e-12)
    corrected = label_shift_correction(prob, train_prior=src, deploy_prior=dst)
    corrected_em = label_shift_correction(prob, train_prior=src, deploy_prior=em_safe)
    t_clip = min(max(t_star, 1e-12), 1.0 - 1e-12)
    thresholds = {
        "half": 0.5,
        "bayes_uncorrected": t_star,
        "bayes_corrected": uncorrected_threshold(t_clip, train_prior=src, deploy_prior=dst),
        "bayes_em": uncorrected_threshold(t_clip, train_prior=src, deploy_prior=em_safe),
    }
    rules = pd.DataFrame(
        {
            name: _decisions(y, prob, thr, cost_fp=cfp, cost_fn=cfn)
            for name, thr in thresholds.items()
        }
    ).T
    return LabelShiftStudy(
        train_prior=src,
        deploy_prior=dst,
        mean_p=float(np.mean(prob)),
        mean_corrected=float(np.mean(corrected)),
        em_prior=em,
        mean_corrected_em=float(np.mean(corrected_em)),
        bayes=t_star,
        rules=rules,
    )


def cost_by_prevalence(
    y_true: ArrayLike,
    p: ArrayLike,
    ratios: ArrayLike = PREVALENCE_RATIOS,
    *,
    train_prior: float,
    cost_fp: float = 1.0,
    cost_fn: float = 100.0,
) -> pd.DataFrame:
    r"""Mean cost of the three decision rules at other deployment prevalences.

    With the classes of the labelled set reweighted to prevalence
    :math:`\pi = 1/(1+r)` (see :func:`metrics_by_prevalence`), the mean cost
    of the rule :math:`p \ge t` is

    .. math:: C(\pi, t) = \pi\,c_{FN}\,(1 - \mathrm{TPR}(t))
              + (1 - \pi)\,c_{FP}\,\mathrm{FPR}(t),

    for ``half`` (:math:`t = 0.5`), ``bayes_uncorrected``
    (:math:`t = t^*`) and ``bayes_corrected`` (:math:`t` =
    :func:`uncorrected_threshold` of :math:`t^*` at :math:`\pi`).

    Parameters
    ----------
    y_true, p : array_like of shape (n,)
        Labels 0/1 (both present) and the model's probabilities.
    ratios : array_like, default=PREVALENCE_RATIOS
        Majority per minority of each deployment prevalence, >= 1.
    train_prior : float
        Positive rate the model is calibrated at, in (0, 1).
    cost_fp, cost_fn : float
        Error costs, >= 0, not both 0.

    Returns
    -------
    DataFrame
        Columns ``ratio``, ``prevalence``, ``half``, ``bayes_uncorrected``,
        ``bayes_corrected``.

    References
    ----------
    Elkan (2001), IJCAI; Saerens, Latinne, Decaestecker (2002), Neural
    Computation 14(1).
    """
    y, prob = labels_and_scores(y_true, p)
    src = check_threshold("train_prior", train_prior)
    grid = _check_ratios(ratios)
    cfp = check_finite_number("cost_fp", cost_fp, low=0.0)
    cfn = check_finite_number("cost_fn", cost_fn, low=0.0)
    t_star = min(max(bayes_threshold(cfp, cfn), 1e-12), 1.0 - 1e-12)
    pos, neg = prob[y == 1], prob[y == 0]

    def cost(pi: float, t: float) -> float:
        return pi * cfn * float(np.mean(pos < t)) + (1.0 - pi) * cfp * float(np.mean(neg >= t))

    rows = []
    for r in grid:
        pi = 1.0 / (1.0 + r)
        rows.append(
            {
                "ratio": float(r),
                "prevalence": pi,
                "half": cost(pi, 0.5),
                "bayes_uncorrected": cost(pi, t_star),
                "bayes_corrected": cost(
                    pi, uncorrected_threshold(t_star, train_prior=src, deploy_prior=pi)
                ),
            }
        )
    return pd.DataFrame(rows)


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
    from lib.metrics import bootstrap_intervals, prevalence_metrics
    from lib.models import fit_logistic

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
