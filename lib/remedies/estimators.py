r"""The classifiers this package adds to those of scikit-learn and imbalanced-learn.

A logistic regression with class weights computed per training set, a
softmax regression trained on the focal loss, and a logistic regression with
a moved decision threshold.

The two logistic wrappers share :class:`_DelegatingClassifier`, the one base
class of this family: it answers ``predict_proba`` and ``predict`` from the
fitted inner model ``model_``, so a wrapper only decides *how* to fit.
Every logistic model standardises its features first
(:func:`lib.remedies.fitting.linear_coefficients` maps it back).

References
----------
Lin, Goyal, Girshick, He, Dollár (2017), "Focal Loss for Dense Object
Detection", ICCV.
Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import FixedThresholdClassifier
from sklearn.pipeline import Pipeline as SkPipeline
from sklearn.preprocessing import StandardScaler

from lib._validation import check_finite_number, check_threshold
from lib.i18n import LabError
from lib.training import train_softmax
from lib.weights import class_weights


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
            raise LabError("error.strategy.two_classes")
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
                raise LabError("error.strategy.threshold", value=repr(self.threshold))
            t = float(np.mean(y_arr == np.max(y_arr)))
        else:
            t = check_threshold("threshold", self.threshold)
        self.threshold_ = t
        model = FixedThresholdClassifier(
            _logistic(self.C), threshold=t, response_method="predict_proba"
        )
        self.model_ = _fit_quietly(model, X, y_arr)
        self.classes_ = self.model_.classes_
        return self
