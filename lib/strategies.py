r"""One registry of remedies for class imbalance with a uniform interface.

Every strategy is built by :func:`make_strategy` as an *unfitted*
scikit-learn estimator or imbalanced-learn :class:`~imblearn.pipeline.Pipeline`
(so that cross-validation resamples inside each training fold only), and
fitted by :func:`fit_strategy`, which also reports what the strategy did to
the training set. The base model of the weighting, resampling and threshold
strategies is a logistic regression on standardised features
(:func:`linear_coefficients` maps it back to the original features); every
resampler and ensemble comes from imbalanced-learn.

References
----------
Chawla, Bowyer, Hall, Kegelmeyer (2002), "SMOTE: Synthetic Minority
Over-sampling Technique", JAIR 16.
He, Bai, Garcia, Li (2008), "ADASYN: Adaptive Synthetic Sampling Approach for
Imbalanced Learning", IJCNN.
Han, Wang, Mao (2005), "Borderline-SMOTE: A New Over-Sampling Method in
Imbalanced Data Sets Learning", ICIC.
Liu, Wu, Zhou (2009), "Exploratory Undersampling for Class-Imbalance
Learning", IEEE TSMC-B 39(2) (EasyEnsemble).
Chen, Liaw, Breiman (2004), "Using Random Forest to Learn Imbalanced Data",
UC Berkeley tech. report 666 (balanced random forest).
Seiffert, Khoshgoftaar, Van Hulse, Napolitano (2010), "RUSBoost: A Hybrid
Approach to Alleviating Class Imbalance", IEEE TSMC-A 40(1).
Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
Detection", ICCV.
Lemaître, Nogueira, Aridas (2017), "Imbalanced-learn", JMLR 18(17).
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from imblearn.ensemble import (
    BalancedBaggingClassifier,
    BalancedRandomForestClassifier,
    EasyEnsembleClassifier,
    RUSBoostClassifier,
)
from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE, RandomOverSampler
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import FixedThresholdClassifier
from sklearn.pipeline import Pipeline as SkPipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from lib._validation import as_float_array, check_finite_number, check_int, check_same_length
from lib.i18n import DEFAULT_LANGUAGE, LabError, Message, catalogue
from lib.training import train_softmax
from lib.weights import SCHEMES, class_weights


def _logistic_regression(C: float) -> LogisticRegression:
    return LogisticRegression(
        C=check_finite_number("C", C, low=0.0, low_inclusive=False), max_iter=1000
    )


def _logistic(C: float = 1.0) -> SkPipeline:
    # Standardised features: the L2 penalty then treats every feature alike and
    # lbfgs converges in a few dozen iterations even on raw real data (the
    # breast cancer features span five decades).
    return SkPipeline([("scale", StandardScaler()), ("model", _logistic_regression(C))])


def _fit_quietly(model: Any, X: Any, y: Any) -> Any:
    with warnings.catch_warnings():
        # lbfgs may need more iterations on nearly separable folds; the model
        # is still the best found (same policy as lib.models.fit_logistic).
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


class _DelegatingClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Shared ``predict_proba`` / ``predict`` of the wrappers: ask ``model_``."""

    model_: Any

    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]:
        """Class probabilities of the fitted inner model."""
        return np.asarray(self.model_.predict_proba(X), dtype=np.float64)

    def predict(self, X: ArrayLike) -> NDArray[Any]:
        """Labels of the fitted inner model (at its threshold)."""
        return np.asarray(self.model_.predict(X))


class ClassWeightedLogisticRegression(_DelegatingClassifier):
    r"""Logistic regression with class weights computed from the training labels.

    At ``fit`` the weights :math:`w_c` come from
    :func:`lib.weights.class_weights` of the *training* labels (so inside
    cross-validation they follow each training fold) and are passed to
    :class:`~sklearn.linear_model.LogisticRegression` as ``class_weight``.

    Parameters
    ----------
    scheme : {"balanced", "ins", "isns", "ens"}, default="balanced"
        Weighting scheme.
    beta : float, default=0.999
        Hyper-parameter of ``"ens"``.
    C : float, default=1.0
        Inverse regularisation strength.

    Attributes
    ----------
    class_weight_ : dict of int to float
        The weights used, e.g. for :func:`lib.calibration.weight_correction`.
    model_ : Pipeline
        The fitted standardisation and logistic regression.
    classes_ : ndarray
        Class labels.
    """

    def __init__(self, scheme: str = "balanced", beta: float = 0.999, C: float = 1.0) -> None:
        self.scheme = scheme
        self.beta = beta
        self.C = C

    def fit(self, X: ArrayLike, y: ArrayLike) -> ClassWeightedLogisticRegression:
        """Compute the class weights from ``y`` and fit the logistic regression."""
        self.class_weight_ = class_weights(y, self.scheme, beta=self.beta)
        model = _logistic(self.C).set_params(model__class_weight=self.class_weight_)
        self.model_ = _fit_quietly(model, X, np.asarray(y))
        self.classes_ = self.model_.classes_
        return self


class FocalLossClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    r"""Softmax regression trained on the focal loss by :func:`lib.training.train_softmax`.

    .. math:: \ell_i = -(1 - p_{i y_i})^{\gamma} \log p_{i y_i}

    Parameters
    ----------
    gamma : float, default=2.0
        Focusing parameter, >= 0 (0 is cross-entropy).
    epochs : int, default=30
        SGD passes over the data.
    batch_size : int, default=64
        Mini-batch size.
    learning_rate : float, default=0.5
        SGD step size.
    random_state : int, default=0
        Seed of the batch order.

    Attributes
    ----------
    classes_ : ndarray
        Class labels, sorted.
    result_ : lib.training.TrainingResult
        The trained weights and history.

    References
    ----------
    Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV.
    """

    def __init__(
        self,
        gamma: float = 2.0,
        epochs: int = 30,
        batch_size: int = 64,
        learning_rate: float = 0.5,
        random_state: int = 0,
    ) -> None:
        self.gamma = gamma
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.random_state = random_state

    def fit(self, X: ArrayLike, y: ArrayLike) -> FocalLossClassifier:
        """Train on ``X``, ``y`` (any labels; mapped to indices 0..k-1)."""
        self.classes_, idx = np.unique(np.asarray(y), return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError("`y` must contain at least two classes to fit a classifier.")
        self.result_ = train_softmax(
            X,
            idx,
            n_classes=len(self.classes_),
            loss="focal",
            gamma=self.gamma,
            epochs=self.epochs,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            random_state=self.random_state,
        )
        return self

    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]:
        """Softmax probabilities, columns in the order of ``classes_``."""
        return self.result_.predict_proba(X)

    def predict(self, X: ArrayLike) -> NDArray[Any]:
        """Most probable class label."""
        return np.asarray(self.classes_[self.result_.predict(X)])


class PriorThresholdClassifier(_DelegatingClassifier):
    r"""Logistic regression whose decision threshold is moved (threshold moving).

    Predicts class 1 when :math:`p(1 \mid x) \ge t`, with :math:`t` the
    training prior :math:`\pi = n_1 / n` (``threshold="prior"``) or a given
    value. Wraps :class:`sklearn.model_selection.FixedThresholdClassifier`;
    the probabilities are the logistic model's, unchanged.

    Parameters
    ----------
    threshold : "prior" or float, default="prior"
        Probability cut-off in (0, 1), or the class-1 rate of the training labels.
    C : float, default=1.0
        Inverse regularisation strength.

    Attributes
    ----------
    threshold_ : float
        The cut-off used.
    model_ : FixedThresholdClassifier
        The fitted wrapper.
    classes_ : ndarray
        Class labels.

    References
    ----------
    Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI;
    Provost (2000), "Machine Learning from Imbalanced Data Sets 101", AAAI
    workshop.
    """

    def __init__(self, threshold: float | str = "prior", C: float = 1.0) -> None:
        self.threshold = threshold
        self.C = C

    def fit(self, X: ArrayLike, y: ArrayLike) -> PriorThresholdClassifier:
        """Fit the logistic regression and fix the threshold."""
        y_arr = np.asarray(y)
        if isinstance(self.threshold, str):
            if self.threshold != "prior":
                raise ValueError(
                    "`threshold` must be 'prior' or a number in (0, 1). "
                    f"Got {self.threshold!r} instead."
                )
            t = float(np.mean(y_arr == np.max(y_arr)))
        else:
            t = check_finite_number(
                "threshold", self.threshold, low=0.0, high=1.0, low_inclusive=False
            )
            if t >= 1.0:
                raise ValueError(f"`threshold` must be < 1. Got {t:g} instead.")
        self.threshold_ = t
        model = FixedThresholdClassifier(
            _logistic(self.C), threshold=t, response_method="predict_proba"
        )
        self.model_ = _fit_quietly(model, X, y_arr)
        self.classes_ = self.model_.classes_
        return self


def linear_coefficients(model: Any) -> tuple[NDArray[np.float64], float]:
    r"""Coefficients of a fitted logistic strategy in the original feature space.

    The logistic strategies standardise features, :math:`z_j = (x_j - \mu_j)
    / \sigma_j`, before the logistic regression :math:`\theta^\top z + b`.
    In terms of :math:`x` the same model is

    .. math:: \beta_j = \theta_j / \sigma_j,\qquad
              \beta_0 = b - \sum_j \theta_j \mu_j / \sigma_j .

    Parameters
    ----------
    model : fitted estimator
        From :func:`fit_strategy` with ``"none"``, ``"class_weight"``, a
        resampling strategy or ``"threshold"``.

    Returns
    -------
    (ndarray, float)
        :math:`\beta` and :math:`\beta_0` of class 1.

    Raises
    ------
    ValueError
        For a strategy whose model is not a (standardised) logistic regression.

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), "The Elements of Statistical
    Learning", 2nd ed., sec. 3.4.1 (standardised inputs).
    """
    inner = model
    while True:
        if isinstance(inner, FixedThresholdClassifier):
            inner = inner.estimator_
        elif isinstance(inner, _DelegatingClassifier):
            inner = inner.model_
        else:
            break
    steps = getattr(inner, "named_steps", {})
    lr, scaler = steps.get("model"), steps.get("scale")
    if not isinstance(lr, LogisticRegression) or not isinstance(scaler, StandardScaler):
        raise ValueError(
            "`model` must be a fitted logistic strategy (none, class_weight, a "
            "resampler or threshold), not an ensemble or focal model."
        )
    theta = np.asarray(lr.coef_[0], dtype=np.float64)
    scale = np.asarray(scaler.scale_, dtype=np.float64)
    mean = np.asarray(scaler.mean_, dtype=np.float64)
    beta = theta / scale
    return beta, float(lr.intercept_[0] - np.sum(beta * mean))


@dataclass(frozen=True)
class StrategySpec:
    """One registered strategy.

    Attributes
    ----------
    name : str
        Registry key.
    build : callable
        ``build(random_state, **params)`` returning an unfitted estimator.
    description : str
        Translation key of a one-line description (``"strategy.<name>"``).
    kind : str
        ``"baseline"``, ``"weighting"``, ``"resampling"`` (a sampler in a
        pipeline), ``"ensemble"`` (resamples inside every member), ``"loss"``
        or ``"threshold"``.
    params : tuple of str
        The keyword parameters ``build`` accepts.
    """

    name: str
    build: Callable[..., Any]
    description: str
    kind: str
    params: tuple[str, ...] = ()


def _none(random_state: int, C: float = 1.0) -> Any:
    return _logistic(C)


def _class_weight(
    random_state: int, scheme: str = "balanced", beta: float = 0.999, C: float = 1.0
) -> Any:
    if scheme not in SCHEMES:
        raise ValueError(f"`scheme` must be one of {', '.join(SCHEMES)}. Got {scheme!r} instead.")
    return ClassWeightedLogisticRegression(scheme=scheme, beta=beta, C=C)


def _sampler_pipeline(sampler: Any, C: float) -> Pipeline:
    return Pipeline(
        [("sampler", sampler), ("scale", StandardScaler()), ("model", _logistic_regression(C))]
    )


def _ratio(sampling_strategy: float | str) -> float | str:
    # imbalanced-learn's binary float: minority / majority after resampling.
    if isinstance(sampling_strategy, str):
        if sampling_strategy != "auto":
            raise ValueError(
                "`sampling_strategy` must be 'auto' or a number in (0, 1]. "
                f"Got {sampling_strategy!r} instead."
            )
        return sampling_strategy
    return check_finite_number(
        "sampling_strategy", sampling_strategy, low=0.0, high=1.0, low_inclusive=False
    )


def _random_over(random_state: int, sampling_strategy: float | str = "auto", C: float = 1.0) -> Any:
    return _sampler_pipeline(
        RandomOverSampler(sampling_strategy=_ratio(sampling_strategy), random_state=random_state), C
    )


def _random_under(
    random_state: int, sampling_strategy: float | str = "auto", C: float = 1.0
) -> Any:
    return _sampler_pipeline(
        RandomUnderSampler(sampling_strategy=_ratio(sampling_strategy), random_state=random_state),
        C,
    )


def _smote(
    random_state: int, k_neighbors: int = 5, sampling_strategy: float | str = "auto", C: float = 1.0
) -> Any:
    k = check_int("k_neighbors", k_neighbors, low=1)
    return _sampler_pipeline(
        SMOTE(
            k_neighbors=k, sampling_strategy=_ratio(sampling_strategy), random_state=random_state
        ),
        C,
    )


def _adasyn(
    random_state: int, n_neighbors: int = 5, sampling_strategy: float | str = "auto", C: float = 1.0
) -> Any:
    k = check_int("n_neighbors", n_neighbors, low=1)
    return _sampler_pipeline(
        ADASYN(
            n_neighbors=k, sampling_strategy=_ratio(sampling_strategy), random_state=random_state
        ),
        C,
    )


def _borderline(
    random_state: int,
    k_neighbors: int = 5,
    kind: str = "borderline-1",
    sampling_strategy: float | str = "auto",
    C: float = 1.0,
) -> Any:
    k = check_int("k_neighbors", k_neighbors, low=1)
    if kind not in ("borderline-1", "borderline-2"):
        raise ValueError(f"`kind` must be 'borderline-1' or 'borderline-2'. Got {kind!r}.")
    return _sampler_pipeline(
        BorderlineSMOTE(
            k_neighbors=k,
            kind=kind,
            sampling_strategy=_ratio(sampling_strategy),
            random_state=random_state,
        ),
        C,
    )


def _easy_ensemble(random_state: int, n_estimators: int = 10) -> Any:
    n = check_int("n_estimators", n_estimators, low=1)
    return EasyEnsembleClassifier(n_estimators=n, random_state=random_state)


def _balanced_bagging(random_state: int, n_estimators: int = 10) -> Any:
    n = check_int("n_estimators", n_estimators, low=1)
    return BalancedBaggingClassifier(n_estimators=n, random_state=random_state)


def _balanced_random_forest(random_state: int, n_estimators: int = 100) -> Any:
    n = check_int("n_estimators", n_estimators, low=1)
    return BalancedRandomForestClassifier(
        n_estimators=n,
        sampling_strategy="all",
        replacement=True,
        bootstrap=False,
        random_state=random_state,
    )


def _two_to_one(y: NDArray[Any]) -> dict[int, int]:
    """RUSBoost's sampling target: keep at most two majority rows per minority row."""
    labels, counts = np.unique(y, return_counts=True)
    n_min = int(counts.min())
    return {int(c): min(int(n), 2 * n_min) for c, n in zip(labels, counts, strict=True)}


def _rusboost(random_state: int, n_estimators: int = 50, max_depth: int = 3) -> Any:
    n = check_int("n_estimators", n_estimators, low=1)
    depth = check_int("max_depth", max_depth, low=1)
    # Seiffert et al. boost C4.5 trees on samples with about 35 % minority;
    # with imbalanced-learn's default stumps and a 1:1 sample, the first tree
    # often misclassifies over half of an overlapping majority class and
    # discrete boosting aborts ("worse than random"). Shallow trees and at most
    # two majority rows per minority row (33 % minority) follow the paper and
    # fit reliably; boosting may still stop early (see ``estimators_``).
    return RUSBoostClassifier(
        estimator=DecisionTreeClassifier(max_depth=depth),
        n_estimators=n,
        sampling_strategy=_two_to_one,
        random_state=random_state,
    )


def _focal(
    random_state: int, gamma: float = 2.0, epochs: int = 30, learning_rate: float = 0.5
) -> Any:
    g = check_finite_number("gamma", gamma, low=0.0)
    e = check_int("epochs", epochs, low=1, high=1000)
    lr = check_finite_number("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    return Pipeline(
        [
            ("scale", StandardScaler()),
            (
                "model",
                FocalLossClassifier(gamma=g, epochs=e, learning_rate=lr, random_state=random_state),
            ),
        ]
    )


def _threshold(random_state: int, threshold: float | str = "prior", C: float = 1.0) -> Any:
    if isinstance(threshold, str) and threshold != "prior":
        raise ValueError(
            f"`threshold` must be 'prior' or a number in (0, 1). Got {threshold!r} instead."
        )
    return PriorThresholdClassifier(threshold=threshold, C=C)


def _spec(name: str, build: Callable[..., Any], kind: str, *params: str) -> StrategySpec:
    return StrategySpec(
        name=name, build=build, description=f"strategy.{name}", kind=kind, params=params
    )


#: Every strategy, by name, in the order a page lists them (the baseline first).
STRATEGIES: dict[str, StrategySpec] = {
    s.name: s
    for s in (
        _spec("none", _none, "baseline", "C"),
        _spec("class_weight", _class_weight, "weighting", "scheme", "beta", "C"),
        _spec("random_over", _random_over, "resampling", "sampling_strategy", "C"),
        _spec("random_under", _random_under, "resampling", "sampling_strategy", "C"),
        _spec("smote", _smote, "resampling", "k_neighbors", "sampling_strategy", "C"),
        _spec("adasyn", _adasyn, "resampling", "n_neighbors", "sampling_strategy", "C"),
        _spec(
            "borderline_smote",
            _borderline,
            "resampling",
            "k_neighbors",
            "kind",
            "sampling_strategy",
            "C",
        ),
        _spec("easy_ensemble", _easy_ensemble, "ensemble", "n_estimators"),
        _spec("balanced_bagging", _balanced_bagging, "ensemble", "n_estimators"),
        _spec("balanced_random_forest", _balanced_random_forest, "ensemble", "n_estimators"),
        _spec("rusboost", _rusboost, "ensemble", "n_estimators", "max_depth"),
        _spec("focal", _focal, "loss", "gamma", "epochs", "learning_rate"),
        _spec("threshold", _threshold, "threshold", "threshold", "C"),
    )
}

#: Resamplers that append synthetic (interpolated) rows after the originals.
_SYNTHETIC = ("smote", "adasyn", "borderline_smote")


def make_strategy(name: str, *, random_state: int = 0, **params: Any) -> Any:
    """Build an unfitted estimator (or imbalanced-learn pipeline) for a strategy.

    Resamplers are the first step of an :class:`imblearn.pipeline.Pipeline`,
    which resamples only while fitting: cross-validating the pipeline
    resamples inside every training fold and never touches a test fold.

    Parameters
    ----------
    name : str
        A key of :data:`STRATEGIES`.
    random_state : int, default=0
        Seed of the sampler, ensemble or SGD; the same seed gives the same model.
    **params
        Strategy parameters, listed in ``STRATEGIES[name].params`` (e.g.
        ``scheme="ens"`` for ``"class_weight"``, ``threshold=0.2`` for
        ``"threshold"``, ``n_estimators=5`` for the ensembles).

    Returns
    -------
    estimator
        A scikit-learn compatible classifier, not fitted.

    Raises
    ------
    ValueError
        On an unknown name, an unknown parameter or a bad parameter value.

    References
    ----------
    Lemaître, Nogueira, Aridas (2017), "Imbalanced-learn", JMLR 18(17)
    (samplers inside pipelines).
    """
    if name not in STRATEGIES:
        raise ValueError(f"`name` must be one of {', '.join(STRATEGIES)}. Got {name!r} instead.")
    spec = STRATEGIES[name]
    unknown = sorted(set(params) - set(spec.params))
    if unknown:
        allowed = ", ".join(spec.params) or "none"
        raise ValueError(
            f"Strategy {name!r} does not take {', '.join(unknown)}; its parameters are: {allowed}."
        )
    seed = check_int("random_state", random_state, low=0)
    return spec.build(seed, **params)


@dataclass(frozen=True)
class StrategyFit:
    """A fitted strategy and what it did to the training set.

    Attributes
    ----------
    name : str
        Strategy name.
    model : estimator
        The fitted estimator or pipeline.
    counts_before : dict of int to int
        Class counts of the training data.
    counts_after : dict of int to int
        Class counts the final model was trained on (equal to
        ``counts_before`` unless a pipeline resampled; ensembles resample
        inside every member and report ``counts_before``).
    synthetic : ndarray of bool
        One flag per row of the resampled training set, True for synthetic
        (interpolated) rows; empty when nothing was resampled.
    sample_indices : ndarray of int or None
        Rows of the original data behind each resampled row, for the random
        samplers (``sample_indices_``); None otherwise.
    fit_seconds : float
        Wall-clock time of ``fit``.
    params : dict
        The parameters passed to :func:`make_strategy`.
    X_resampled, y_resampled : ndarray or None
        The training set the final model saw, for the resampling strategies
        (original rows first, then synthetic ones); None otherwise.
    """

    name: str
    model: Any
    counts_before: dict[int, int]
    counts_after: dict[int, int]
    synthetic: NDArray[np.bool_]
    sample_indices: NDArray[np.int64] | None
    fit_seconds: float
    params: dict[str, Any] = field(default_factory=dict)
    X_resampled: NDArray[np.float64] | None = None
    y_resampled: NDArray[np.int64] | None = None

    @property
    def n_synthetic(self) -> int:
        """Number of synthetic rows added to the training set."""
        return int(np.count_nonzero(self.synthetic))


def _counts(y: NDArray[Any]) -> dict[int, int]:
    labels, counts = np.unique(y, return_counts=True)
    return {int(k): int(v) for k, v in zip(labels, counts, strict=True)}


#: Fewest minority samples BalancedBagging is fitted with.
_BAGGING_MIN = 5
#: Parameter that sets the neighbour count of each neighbour-based sampler.
_NEIGHBOURS = {"smote": "k_neighbors", "borderline_smote": "k_neighbors", "adasyn": "n_neighbors"}


def check_strategy_data(name: str, counts: dict[int, int], **params: Any) -> None:
    r"""Check that a strategy can be fitted on data with these class counts.

    Neighbour-based samplers interpolate between a minority point and one of
    its :math:`k` nearest minority neighbours, so they need at least
    :math:`k + 1` minority samples; the target ``sampling_strategy``
    (minority / majority after resampling, 1 for ``"auto"``) must not be below
    the current ratio, which would mean removing minority samples
    (over-sampling) or adding majority ones (under-sampling), and an
    over-sampler must add at least one row,
    :math:`\lfloor n_{maj} r - n_{min} \rfloor \ge 1` — the conditions of
    imbalanced-learn's float ``sampling_strategy``. BalancedBagging needs five
    minority samples so that its bootstrap samples hold both classes.

    Parameters
    ----------
    name : str
        A key of :data:`STRATEGIES`.
    counts : dict of int to int
        Class counts of the training data (e.g. the smallest training fold).
    **params
        The strategy's parameters, as for :func:`make_strategy`.

    Raises
    ------
    ValueError
        With what to change (fewer neighbours, a higher ratio, more data).

    References
    ----------
    Chawla et al. (2002), JAIR 16, sec. 4.2 (k nearest minority neighbours).
    """
    if name not in STRATEGIES:
        raise ValueError(f"`name` must be one of {', '.join(STRATEGIES)}. Got {name!r} instead.")
    n_min, n_maj = min(counts.values()), max(counts.values())
    label = strategy_name(name)
    if name in _NEIGHBOURS:
        key = _NEIGHBOURS[name]
        k = int(params.get(key, 5))
        if n_min < 2:  # no neighbour count can work: suggest only more data
            raise LabError("error.strategy.no_neighbour", name=label, have=n_min)
        if n_min < k + 1:
            raise LabError(
                "error.strategy.neighbours",
                name=label,
                k=k,
                key=key,
                need=k + 1,
                have=n_min,
                lower=n_min - 1,
            )
    if name == "balanced_bagging" and n_min < _BAGGING_MIN:
        raise LabError("error.strategy.bagging", name=label, have=n_min, need=_BAGGING_MIN)
    ratio = params.get("sampling_strategy", "auto")
    if STRATEGIES[name].kind != "resampling" or isinstance(ratio, str):
        return  # "auto" balances the classes; on balanced data it adds nothing
    current, target = n_min / n_maj, float(ratio)
    values = {"name": label, "current": f"{current:.4g}", "target": f"{target:g}"}
    # The conditions of imbalanced-learn's float sampling_strategy: an
    # over-sampler must add at least one row, int(n_maj * r) - n_min >= 1; an
    # under-sampler must keep no more majority rows than there are.
    if name != "random_under" and int(n_maj * target - n_min) <= 0:
        if target < current:
            raise LabError("error.strategy.ratio_below", **values)
        raise LabError(
            "error.strategy.balanced" if n_min == n_maj else "error.strategy.nothing_to_add",
            **values,
        )
    if name == "random_under" and int(n_min / target) > n_maj:
        raise LabError("error.strategy.under_ratio", **values)


def strategy_name(name: str) -> str:
    """A strategy's display name as a translatable message (its code name if it has none).

    Parameters
    ----------
    name : str
        A key of :data:`STRATEGIES`, e.g. ``"random_under"``.

    Returns
    -------
    str
        A :class:`lib.i18n.Message` reading e.g. "random under-sampling" in
        English, or ``name`` itself for an unknown name.
    """
    key = f"strategy.{name}.name"
    return Message(key) if key in catalogue(DEFAULT_LANGUAGE) else name


def _fit_detail(err: Exception) -> str:
    # The two failures this lab provokes on purpose get a translatable
    # explanation; any other library message is passed on as it is.
    text = str(err)
    # (imbalanced-learn spells it "neigbours"; accept the correct spellings too)
    if isinstance(err, RuntimeError) and re.search(r"neig\w*rs belong to the majority", text):
        return Message("error.strategy.adasyn_far")
    if "worse than random" in text:
        return Message("error.strategy.boosting_random")
    return text


def fit_model(name: str, model: Any, X: NDArray[np.float64], y: NDArray[np.int64]) -> Any:
    """Fit a strategy's estimator; a failure becomes a ``ValueError`` naming the strategy.

    ADASYN stops with a ``RuntimeError`` when no minority point has a
    majority neighbour (classes far apart): there is nothing to adapt to;
    boosting stops with a ``ValueError`` when its first tree is worse than
    chance. The message starts with the strategy's name, so a page showing
    several strategies says which one failed.

    Parameters
    ----------
    name : str
        Strategy name, for the message.
    model : estimator
        From :func:`make_strategy`.
    X, y : ndarray
        Training data.

    Returns
    -------
    estimator
        The fitted ``model``.

    Raises
    ------
    ValueError
        When the sampler or ensemble cannot be fitted on this data.

    References
    ----------
    He et al. (2008), IJCNN, step (c): ADASYN's density ratio needs majority
    neighbours.
    """
    try:
        return model.fit(X, y)
    except (RuntimeError, ValueError) as err:
        raise LabError(
            "error.strategy.cannot_fit", name=strategy_name(name), detail=_fit_detail(err)
        ) from None


def fit_strategy(
    name: str, X: ArrayLike, y: ArrayLike, *, random_state: int = 0, **params: Any
) -> StrategyFit:
    """Fit a strategy and report class counts before and after resampling.

    For the resampling strategies the pipeline's sampler is re-run with
    ``fit_resample`` on the same data and seed (identical output), which
    yields the counts after resampling and, for SMOTE, ADASYN and
    Borderline-SMOTE, which rows are synthetic: imbalanced-learn appends them
    after the ``n`` original rows.

    Parameters
    ----------
    name : str
        A key of :data:`STRATEGIES`.
    X : array_like of shape (n, d)
        Training features.
    y : array_like of shape (n,)
        Integer training labels with at least two classes.
    random_state : int, default=0
        Seed, see :func:`make_strategy`.
    **params
        Strategy parameters, see :func:`make_strategy`.

    Returns
    -------
    StrategyFit

    Raises
    ------
    ValueError
        On bad inputs or parameters, or fewer than two classes.

    References
    ----------
    Chawla et al. (2002), JAIR 16 (SMOTE appends synthetic samples); see the
    module references for every strategy.
    """
    model = make_strategy(name, random_state=random_state, **params)
    X_arr = as_float_array("X", X, ndim=2)
    y_arr = as_float_array("y", y)
    check_same_length(X=X_arr, y=y_arr)
    if not np.all(y_arr == np.round(y_arr)):
        raise ValueError("`y` must contain integer class labels.")
    labels = y_arr.astype(np.int64)
    before = _counts(labels)
    if len(before) < 2:
        raise ValueError(
            "`y` must contain at least two classes to fit a classifier; it has "
            f"only class {next(iter(before))}."
        )
    check_strategy_data(name, before, **params)
    start = time.perf_counter()
    fit_model(name, model, X_arr, labels)
    seconds = time.perf_counter() - start
    after = dict(before)
    synthetic = np.zeros(0, dtype=bool)
    indices: NDArray[np.int64] | None = None
    X_res: NDArray[np.float64] | None = None
    y_res: NDArray[np.int64] | None = None
    if STRATEGIES[name].kind == "resampling":
        sampler = clone(model.named_steps["sampler"])
        X_out, y_out = sampler.fit_resample(X_arr, labels)
        X_res = np.asarray(X_out, dtype=np.float64)
        y_res = np.asarray(y_out, dtype=np.int64)
        after = _counts(y_res)
        synthetic = np.zeros(len(y_res), dtype=bool)
        if name in _SYNTHETIC:
            synthetic[len(labels) :] = True
        if hasattr(sampler, "sample_indices_"):
            indices = np.asarray(sampler.sample_indices_, dtype=np.int64)
    return StrategyFit(
        name=name,
        model=model,
        counts_before=before,
        counts_after=after,
        synthetic=synthetic,
        sample_indices=indices,
        fit_seconds=seconds,
        params=dict(params),
        X_resampled=X_res,
        y_resampled=y_res,
    )


@dataclass(frozen=True)
class ResamplingView:
    """What a resampler did to each row, for drawing.

    Attributes
    ----------
    removed : ndarray of int
        Original rows left out of the resampled set (under-sampling).
    copies : ndarray of int of shape (n,)
        How often each original row appears in the resampled set (1 for
        untouched rows, 0 for removed ones, more for duplicated ones).
    synthetic : ndarray of shape (m, d)
        The synthetic rows (SMOTE, ADASYN, Borderline-SMOTE).
    """

    removed: NDArray[np.int64]
    copies: NDArray[np.int64]
    synthetic: NDArray[np.float64]


def resampling_view(fit: StrategyFit, n_rows: int) -> ResamplingView:
    r"""Split a resampling fit into removed, duplicated and synthetic rows.

    With the sampler's ``sample_indices_`` :math:`s`, row :math:`i` appears
    :math:`c_i = |\{j : s_j = i\}|` times; without them (SMOTE-like samplers
    keep every original row once and append the synthetic ones),
    :math:`c_i = 1`.

    Parameters
    ----------
    fit : StrategyFit
        From :func:`fit_strategy` on ``n_rows`` rows.
    n_rows : int
        Number of original training rows.

    Returns
    -------
    ResamplingView

    References
    ----------
    imbalanced-learn ``RandomUnderSampler.sample_indices_`` /
    ``RandomOverSampler.sample_indices_``.
    """
    n = check_int("n_rows", n_rows, low=1)
    if fit.sample_indices is not None:
        copies = np.bincount(fit.sample_indices, minlength=n).astype(np.int64)
    else:
        copies = np.ones(n, dtype=np.int64)
    if len(copies) != n:
        raise ValueError(f"`n_rows` ({n}) does not match the fit's training set.")
    synthetic = fit.X_resampled[fit.synthetic] if fit.X_resampled is not None else np.zeros((0, 2))
    return ResamplingView(
        removed=np.flatnonzero(copies == 0).astype(np.int64),
        copies=copies,
        synthetic=np.asarray(synthetic, dtype=np.float64),
    )
