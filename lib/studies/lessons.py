"""Guided lessons: ten steps, each a preset, a question and measured evidence.

Every step's explanation is filled with numbers that :func:`evidence`
computes here from the same ``lib`` functions the pages use, and
``tests/app/test_lessons.py`` asserts the claims the texts make (e.g. at 1:1000
without weights the rare class gives under 1 % of the gradient), so the
lesson cannot drift from what the app shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, log_loss

from lib._validation import check_choice
from lib.bayes import bayes_recall, true_log_odds
from lib.data import long_tail_counts, make_imbalanced, project_1d
from lib.gradients import (
    class_gradient_contributions,
    compare_convergence,
    logistic_minimum,
)
from lib.i18n import LabError
from lib.losses import focal_loss_shares
from lib.metrics import (
    estimate_prior_em,
    label_shift_correction,
    per_class_report,
    prevalence_metrics,
    weighted_threshold,
)
from lib.models import compare_weighting_and_threshold, fit_logistic
from lib.remedies import fit_strategy
from lib.weights import class_weights, weights_from_counts

#: The lessons' data: the app's defaults (n = 20,000, 1:1000, separation 2, seed 0,
#: the well-specified "gaussian" shape, which a step's preset restores).
N, RATIO, SEP, SEED = 20_000, 1000, 2.0, 0
BALANCED = {"w0": "0.5005", "w1": "500"}
#: Balanced weights at 1:100 (198 positives of 20,000): n / (2 n_c).
BALANCED_100 = {"w0": "0.505", "w1": "50.51"}
#: The label-shift step: trained at 1:100, deployed at 1:10.
DEPLOY_RATIO = 10
_BASE = {"ratio": str(RATIO), "n": str(N), "seed": str(SEED), "sep": "2", "shape": "gaussian"}


@dataclass(frozen=True)
class Lesson:
    """One step: texts under ``lesson.<key>.*``, the page to open and its preset.

    Attributes
    ----------
    key : str
        Catalogue prefix and :func:`evidence` key.
    page : str
        URL path of the page the step opens.
    preset : mapping of str to str
        Query parameters the page opens with.
    answer : int
        Index (0-2) of the correct option.
    """

    key: str
    page: str
    preset: Mapping[str, str] = field(default_factory=dict)
    answer: int = 0


LESSONS: tuple[Lesson, ...] = (
    Lesson("plain", "boundaries", {**_BASE, "w0": "1", "w1": "1"}, answer=1),
    Lesson("masking", "gradients", {**_BASE, "w0": "1", "w1": "1", "step": "0"}, answer=2),
    Lesson("surface", "loss-surface", {**_BASE, **BALANCED}, answer=0),
    Lesson("threshold", "thresholds", {**_BASE, **BALANCED}, answer=1),
    # The one step on a misspecified shape: weights are more than a moved threshold.
    Lesson(
        "misspecified",
        "boundaries",
        {**_BASE, "ratio": "100", "shape": "unequal_var", **BALANCED_100},
        answer=1,
    ),
    Lesson("focal", "focal-loss", {**_BASE, "w0": "1", "w1": "1", "gamma": "2"}, answer=0),
    # The page opens on the lesson's own distribution (5,000 ... 50 samples, 1:100).
    Lesson("schemes", "weight-schemes", {"beta": "0.999", "head": "5000", "tail": "100"}, answer=2),
    Lesson("smote", "probabilities", {**_BASE, "ratio": "100"}, answer=1),
    Lesson("validation", "training-loss", {**_BASE, **BALANCED}, answer=0),
    # The prevalence page's ``deploy``: majority per minority where the model is used.
    Lesson(
        "label_shift",
        "prevalence",
        {**_BASE, "ratio": "100", "deploy": str(DEPLOY_RATIO), "w0": "1", "w1": "1"},
        answer=1,
    ),
)


def _cell(table: pd.DataFrame, row: object, column: str) -> float:
    return float(table.to_dict()[column][row])


def _data(
    ratio: int = RATIO, seed: int = SEED, shape: str = "gaussian"
) -> tuple[np.ndarray, np.ndarray]:
    return make_imbalanced(N, ratio, class_sep=SEP, shape=shape, random_state=seed)


def evidence(key: str) -> dict[str, float]:
    r"""The measured numbers behind one lesson's explanation.

    ``plain``: test accuracy and class-1 recall of plain logistic regression
    at 1:1000, its mean predicted probability against the test positive rate,
    and the share of class-1 points whose true posterior exceeds 0.5
    (:func:`lib.bayes.bayes_recall`). ``masking``: class-1 share of the
    gradient at :math:`\theta = 0`, unweighted and balanced, and the steps
    each full-batch run needs to come within 1 % of its own minimum
    (:func:`lib.gradients.compare_convergence`). ``surface``: shift of the
    optimal bias of the 1-D model under balanced weights against
    :math:`\log(w_1/w_0)`, and the relative change of the slope.
    ``threshold``: share of test decisions on which the weighted model at 0.5
    and the plain one at :math:`w_0/(w_0+w_1)` agree. ``focal``: share of the
    training loss from easy majority samples (:math:`p_t > 0.9`) under BCE
    and focal loss (:math:`\gamma = 2`). ``schemes``: tail-to-head weight
    ratio of INS, ISNS and ENS (:math:`\beta = 0.999`) on a 1:100 long tail.
    ``smote``: mean predicted probability on a 1:100 test set with no remedy,
    SMOTE and balanced weights, and the true positive rate. ``validation``:
    unweighted validation log-loss and class-1 recall of the plain and the
    balanced model. ``misspecified`` (1:100, balanced weights): agreement,
    Jaccard index, slope change and coefficient change of the weighted model
    against the plain one at the moved threshold on "gaussian" (``_g``) and
    "unequal_var" (``_u``) data, and on "unequal_var" the balanced accuracy
    of the weighted model at 0.5, of the plain one at :math:`w_0/(w_0+w_1)`
    and of the Bayes rule for balanced accuracy (true log-odds above
    :math:`\log(n_1/n_0)`). ``label_shift``: the plain model trained at 1:100
    scored at 0.5 on a 1:100 and on a 1:10 test set (precision, recall,
    PR-AUC, ROC-AUC), its mean probability there before and after
    :func:`lib.metrics.label_shift_correction`, the raw threshold that the
    corrected 0.5 rule implies, accuracy and recall at 0.5 and at that
    threshold, and :func:`lib.metrics.estimate_prior_em`'s estimate of the
    deployment positive rate.

    Parameters
    ----------
    key : str
        A :class:`Lesson` key.

    Returns
    -------
    dict of str to float

    References
    ----------
    King and Zeng (2001), "Logistic regression in rare events data";
    Lin et al. (2017), focal loss; Cui et al. (2019), effective number of
    samples; Dal Pozzolo et al. (2015), resampling and calibration;
    Saerens, Latinne & Decaestecker (2002), label shift and EM.
    """
    check_choice("key", key, [lesson.key for lesson in LESSONS])
    return _EVIDENCE[key]()


def _recall1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return _cell(per_class_report(y_true, y_pred, labels=[0, 1]), 1, "recall")


def _plain() -> dict[str, float]:
    X, y = _data()
    X_test, y_test = _data(seed=SEED + 1)
    model = fit_logistic(X, y)
    pred = model.predict(X_test)
    return {
        "accuracy": float(np.mean(pred == y_test)),
        "recall1": _recall1(y_test, pred),
        "predicted1": float(np.sum(pred == 1)),
        "n1": float(np.sum(y_test == 1)),
        "mean_p": float(np.mean(model.predict_proba(X_test)[:, 1])),
        "rate": float(np.mean(y_test)),
        "bayes_share": bayes_recall(RATIO, SEP),
        "shrink_share": float(1 - np.linalg.norm(model.coef_[0]) / np.linalg.norm(_mle_coef(X, y))),
    }


def _mle_coef(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    optimum = logistic_minimum(X, y)
    if optimum is None:
        raise LabError("error.lesson.separable")
    return optimum[:-1]


def _masking() -> dict[str, float]:
    X, y = _data()
    w = class_weights(y)
    plain = class_gradient_contributions(X, y, np.zeros(2), 0.0)
    balanced = class_gradient_contributions(X, y, np.zeros(2), 0.0, w0=w[0], w1=w[1])
    runs = compare_convergence(X, y, w0=w[0], w1=w[1])
    steps_plain = float(runs.unweighted.steps_to_optimum or np.nan)
    steps_balanced = float(runs.weighted.steps_to_optimum or np.nan)
    return {
        "share_plain": plain.share1,
        "share_balanced": balanced.share1,
        "steps_plain": steps_plain,
        "steps_balanced": steps_balanced,
        "steps_ratio": steps_plain / steps_balanced,
        "distance_plain": runs.unweighted.last_distance,
    }


def _surface() -> dict[str, float]:
    out = {}
    for suffix, n in (("", N), ("_large", 10 * N)):
        X, y = make_imbalanced(n, RATIO, class_sep=SEP, random_state=SEED)
        w = class_weights(y)
        x = project_1d(X, y).reshape(-1, 1)
        # Almost no penalty: the loss surface page shows the plain minimum.
        a, b = fit_logistic(x, y, C=1e6), fit_logistic(x, y, w0=w[0], w1=w[1], C=1e6)
        out[f"slope_change{suffix}"] = float(abs(b.coef_[0, 0] / a.coef_[0, 0] - 1))
        out[f"n1{suffix}"] = float(np.sum(y == 1))
        if not suffix:
            out["bias_shift"] = float(b.intercept_[0] - a.intercept_[0])
            out["log_ratio"] = float(np.log(w[1] / w[0]))
    return out


def _threshold() -> dict[str, float]:
    X, y = _data()
    X_test, _ = _data(seed=SEED + 1)
    w = class_weights(y)
    out = {}
    for suffix, C in (("", 1.0), ("_free", 1e6)):
        plain, weighted = fit_logistic(X, y, C=C), fit_logistic(X, y, w0=w[0], w1=w[1], C=C)
        result = compare_weighting_and_threshold(
            plain.coef_[0],
            plain.intercept_[0],
            weighted.coef_[0],
            weighted.intercept_[0],
            X_test,
            w0=w[0],
            w1=w[1],
        )
        out[f"agree{suffix}"] = result.agreement
        out[f"jaccard{suffix}"] = result.jaccard
    out["t"] = weighted_threshold(w[0], w[1])
    return out


def _validation() -> dict[str, float]:
    X, y = _data()
    X_test, y_test = _data(seed=SEED + 1)
    w = class_weights(y)
    out = {}
    for name, model in (
        ("plain", fit_logistic(X, y)),
        ("weighted", fit_logistic(X, y, w0=w[0], w1=w[1])),
    ):
        out[f"{name}_logloss"] = float(log_loss(y_test, model.predict_proba(X_test)[:, 1]))
        out[f"{name}_recall1"] = _recall1(y_test, model.predict(X_test))
    return out


def _focal() -> dict[str, float]:
    X, y = _data()
    p = fit_logistic(X, y).predict_proba(X)[:, 1]
    shares = focal_loss_shares(y, p, gamma=2.0, alpha=None, easy=0.9)
    return {
        "easy_bce": _cell(shares, "bce", "easy_majority"),
        "easy_focal": _cell(shares, "focal", "easy_majority"),
        "minority_focal": _cell(shares, "focal", "minority"),
    }


def _schemes() -> dict[str, float]:
    counts = long_tail_counts(5000, 100)
    ratios = {}
    for scheme in ("ins", "isns", "ens"):
        w = weights_from_counts(counts, scheme, beta=0.999)
        ratios[f"{scheme}_ratio"] = float(w[-1] / w[0])
    return ratios


def _smote() -> dict[str, float]:
    X, y = _data(ratio=100)
    X_test, y_test = _data(ratio=100, seed=SEED + 1)
    means = {
        name: float(np.mean(fit_strategy(name, X, y).model.predict_proba(X_test)[:, 1]))
        for name in ("none", "smote", "class_weight")
    }
    return {
        "mean_none": means["none"],
        "mean_smote": means["smote"],
        "mean_weighted": means["class_weight"],
        "rate": float(np.mean(y_test)),
    }


def _misspecified() -> dict[str, float]:
    out: dict[str, float] = {}
    for suffix, shape in (("_g", "gaussian"), ("_u", "unequal_var")):
        X, y = _data(ratio=100, shape=shape)
        X_test, y_test = _data(ratio=100, seed=SEED + 1, shape=shape)
        w = class_weights(y)
        plain, weighted = fit_logistic(X, y), fit_logistic(X, y, w0=w[0], w1=w[1])
        gap = compare_weighting_and_threshold(
            plain.coef_[0],
            plain.intercept_[0],
            weighted.coef_[0],
            weighted.intercept_[0],
            X_test,
            w0=w[0],
            w1=w[1],
        )
        out.update(
            {
                f"agree{suffix}": gap.agreement,
                f"jaccard{suffix}": gap.jaccard,
                f"slope_change{suffix}": gap.slope_change,
                f"coef{suffix}": gap.coef_change,
            }
        )
    # on unequal_var (the last loop's data): three rules scored by balanced accuracy
    t = weighted_threshold(w[0], w[1])
    z = true_log_odds(X_test, ratio=100, class_sep=SEP, shape="unequal_var")
    rules = {
        "weighted": weighted.predict(X_test),
        "moved": (plain.predict_proba(X_test)[:, 1] > t).astype(np.int64),
        "bayes": (z > np.log(np.sum(y == 1) / np.sum(y == 0))).astype(np.int64),
    }
    for name, pred in rules.items():
        out[f"ba_{name}"] = float(balanced_accuracy_score(y_test, pred))
    return out


def _label_shift() -> dict[str, float]:
    X, y = _data(ratio=100)
    model = fit_logistic(X, y)
    train_prior = float(np.mean(y))
    out: dict[str, float] = {}
    for suffix, ratio in (("train", 100), ("deploy", DEPLOY_RATIO)):
        # ten times the usual test set: recall at 0.5 counts few positives at 1:100
        X_test, y_test = make_imbalanced(10 * N, ratio, class_sep=SEP, random_state=SEED + 1)
        p = model.predict_proba(X_test)[:, 1]
        m = prevalence_metrics(y_test, p)
        out.update(
            {
                f"prec_{suffix}": m.precision,
                f"recall_{suffix}": m.recall,
                f"ap_{suffix}": m.average_precision,
                f"auc_{suffix}": m.roc_auc,
                f"rate_{suffix}": m.prevalence,
                f"n1_{suffix}": float(np.sum(y_test)),
            }
        )
    deploy_prior = out["rate_deploy"]
    corrected = label_shift_correction(p, train_prior=train_prior, deploy_prior=deploy_prior)
    # p' > 1/2  <=>  r1 p > r0 (1 - p)  <=>  p > r0 / (r0 + r1)
    r1, r0 = deploy_prior / train_prior, (1 - deploy_prior) / (1 - train_prior)
    t_raw = r0 / (r0 + r1)
    out.update(
        {
            "mean_raw": float(np.mean(p)),
            "mean_corrected": float(np.mean(corrected)),
            "t_raw": t_raw,
            "accuracy_raw": float(np.mean((p >= 0.5) == (y_test == 1))),
            "accuracy_corrected": float(np.mean((corrected >= 0.5) == (y_test == 1))),
            "recall_corrected": prevalence_metrics(y_test, corrected).recall,
            "prec_corrected": prevalence_metrics(y_test, corrected).precision,
            "rate_em": estimate_prior_em(p, train_prior=train_prior),
        }
    )
    return out


_EVIDENCE = {
    "plain": _plain,
    "masking": _masking,
    "surface": _surface,
    "threshold": _threshold,
    "focal": _focal,
    "schemes": _schemes,
    "smote": _smote,
    "validation": _validation,
    "misspecified": _misspecified,
    "label_shift": _label_shift,
}


#: How each measured number is written in the explanations.
_PERCENT = (
    "accuracy",
    "recall1",
    "share",
    "slope_change",
    "agree",
    "easy",
    "minority",
    "mean",
    "rate",
)


def formatted(numbers: Mapping[str, float]) -> dict[str, str]:
    """The numbers of :func:`evidence` as the explanations show them.

    Shares and rates as percentages, ratios with ×, counts as integers,
    everything else to three significant digits.

    Parameters
    ----------
    numbers : mapping of str to float
        Output of :func:`evidence`.

    Returns
    -------
    dict of str to str
    """
    out = {}
    for name, value in numbers.items():
        if name.endswith("_ratio") and name != "log_ratio":
            out[name] = f"{value:.3g}×"
        elif name == "predicted1" or name.startswith(("n1", "steps_")):
            out[name] = f"{int(value):,}"
        elif (
            name in _PERCENT
            or any(part in _PERCENT for part in name.split("_"))
            or name.startswith(_PERCENT)
        ):
            out[name] = f"{100 * value:.3g} %"
        else:
            out[name] = f"{value:.3g}"
    return out
