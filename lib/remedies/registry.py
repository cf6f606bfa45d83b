r"""The registry of remedies: one :class:`StrategySpec` per strategy, by name.

:data:`STRATEGIES` lists every strategy in the order a page shows them;
:func:`make_strategy` builds one as an *unfitted* scikit-learn estimator or
imbalanced-learn :class:`~imblearn.pipeline.Pipeline` (so cross-validation
resamples inside each training fold only). Each private ``_<name>`` builder
validates its own parameters.

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

from collections.abc import Callable
from dataclasses import dataclass
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
from numpy.typing import NDArray
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from lib._validation import check_finite_number, check_int
from lib.i18n import DEFAULT_LANGUAGE, LabError, Message, catalogue
from lib.remedies.estimators import (
    ClassWeightedLogisticRegression,
    FocalLossClassifier,
    PriorThresholdClassifier,
    _logistic,
    _logistic_regression,
)
from lib.weights import SCHEMES


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
        raise LabError(
            "error.arg.choice", name="scheme", choices=", ".join(SCHEMES), value=repr(scheme)
        )
    return ClassWeightedLogisticRegression(scheme=scheme, beta=beta, C=C)


def _sampler_pipeline(sampler: Any, C: float) -> Pipeline:
    return Pipeline(
        [("sampler", sampler), ("scale", StandardScaler()), ("model", _logistic_regression(C))]
    )


def _ratio(sampling_strategy: float | str) -> float | str:
    # imbalanced-learn's binary float: minority / majority after resampling.
    if isinstance(sampling_strategy, str):
        if sampling_strategy != "auto":
            raise LabError("error.strategy.sampling_strategy", value=repr(sampling_strategy))
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
        raise LabError("error.strategy.borderline_kind", value=repr(kind))
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
        raise LabError("error.strategy.threshold", value=repr(threshold))
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
        raise LabError(
            "error.arg.choice", name="name", choices=", ".join(STRATEGIES), value=repr(name)
        )
    spec = STRATEGIES[name]
    unknown = sorted(set(params) - set(spec.params))
    if unknown:
        allowed = ", ".join(spec.params) or "none"
        raise LabError(
            "error.strategy.unknown_params",
            name=repr(name),
            unknown=", ".join(unknown),
            allowed=allowed,
        )
    seed = check_int("random_state", random_state, low=0)
    return spec.build(seed, **params)


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
