"""Scores shared by the tests of lib.prevalence."""

from __future__ import annotations

from lib.data import make_imbalanced
from lib.models import fit_logistic


def _scores(seed: int = 0, n: int = 3000, ratio: int = 5):
    X, y = make_imbalanced(n, ratio, class_sep=1.5, random_state=seed)
    p = fit_logistic(X, y).predict_proba(X)[:, 1]
    return y, p
