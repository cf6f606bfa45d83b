r"""Probabilities, decisions and costs of a model deployed at another prevalence.

:func:`label_shift_study` corrects a model's probabilities to the deployment
prior (Saerens, Latinne & Decaestecker 2002), with the true prior or one
estimated by EM, and compares the decision rules' costs;
:func:`cost_by_prevalence` does the same over a range of prevalences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from lib._validation import check_finite_number, check_threshold, labels_and_scores
from lib.metrics import estimate_prior_em, label_shift_correction
from lib.prevalence.metrics import PREVALENCE_RATIOS, _check_ratios
from lib.thresholds import bayes_threshold

#: The decision rules of :func:`label_shift_study`.
RULES = ("half", "bayes_uncorrected", "bayes_corrected", "bayes_em")


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
    :math:`\pi = 1/(1+r)` (see :func:`lib.prevalence.metrics_by_prevalence`), the mean cost
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
