r"""Data checks: whether a strategy can be fitted on data with these class counts.

:func:`check_strategy_data` answers before any fitting, with a translatable
message that says what to change (fewer neighbours, a higher ratio, more
data); the cross-validation arena runs it on the smallest training fold.

References
----------
Chawla, Bowyer, Hall, Kegelmeyer (2002), "SMOTE: Synthetic Minority
Over-sampling Technique", JAIR 16, sec. 4.2.
Lemaître, Nogueira, Aridas (2017), "Imbalanced-learn", JMLR 18(17).
"""

from __future__ import annotations

from typing import Any

from lib.i18n import LabError
from lib.remedies.registry import STRATEGIES, strategy_name

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
        The strategy's parameters, as for :func:`lib.remedies.make_strategy`.

    Raises
    ------
    ValueError
        With what to change (fewer neighbours, a higher ratio, more data).

    References
    ----------
    Chawla et al. (2002), JAIR 16, sec. 4.2 (k nearest minority neighbours).
    """
    if name not in STRATEGIES:
        raise LabError(
            "error.arg.choice", name="name", choices=", ".join(STRATEGIES), value=repr(name)
        )
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
