"""A fitted linear (logistic) model as one value: coefficients and intercept.

Pages, studies and figure builders pass a :class:`LinearModel` instead of a
bare ``(coef, intercept)`` tuple, so "the probability", "the decision value"
and "the boundary" of a model are one method each, computed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_coefficients,
    as_float_array,
    check_finite_number,
    check_int,
    check_threshold,
)
from lib.i18n import LabError
from lib.losses import logit, sigmoid


@dataclass(frozen=True, eq=False)
class LinearModel:
    r"""A linear model :math:`p(x) = \sigma(\beta^\top x + \beta_0)`.

    Parameters
    ----------
    coef : ndarray of shape (d,)
        Coefficients :math:`\beta`.
    intercept : float
        Intercept :math:`\beta_0`.

    References
    ----------
    Hastie, Tibshirani, Friedman (2009), *The Elements of Statistical
    Learning*, eq. (4.17).
    """

    coef: NDArray[np.float64]
    intercept: float

    def __post_init__(self) -> None:
        # Validated once here, so every method can trust its own fields.
        object.__setattr__(self, "coef", as_coefficients(self.coef))
        object.__setattr__(self, "intercept", check_finite_number("intercept", self.intercept))

    @classmethod
    def of(cls, coef: ArrayLike, intercept: float) -> LinearModel:
        """A model from any array-like coefficients and a number.

        Parameters
        ----------
        coef : array_like of shape (d,)
            Coefficients; a scikit-learn ``coef_`` of shape (1, d) is flattened.
        intercept : float
            Intercept.

        Returns
        -------
        LinearModel

        Raises
        ------
        LabError
            If ``coef`` is empty or holds anything but finite numbers, or
            ``intercept`` is not a finite number.
        """
        return cls(as_coefficients(coef), check_finite_number("intercept", intercept))

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, LinearModel):
            return NotImplemented
        return bool(np.array_equal(self.coef, other.coef)) and self.intercept == other.intercept

    def __hash__(self) -> int:
        return hash((tuple(self.coef.tolist()), self.intercept))

    def __iter__(self) -> Any:
        # ``coef, intercept = model`` keeps working where a tuple was expected.
        return iter((self.coef, self.intercept))

    @property
    def n_features(self) -> int:
        """Number of coefficients."""
        return len(self.coef)

    def _features(self, X: ArrayLike) -> NDArray[np.float64]:
        X_arr = as_float_array("X", X, ndim=2)
        if X_arr.shape[1] != self.n_features:
            raise LabError(
                "error.arg.features_mismatch", features=X_arr.shape[1], coef=self.n_features
            )
        return X_arr

    def decision(self, X: ArrayLike) -> NDArray[np.float64]:
        r"""Decision values (log-odds) :math:`z_i = \beta^\top x_i + \beta_0`.

        Parameters
        ----------
        X : array_like of shape (n, d)

        Returns
        -------
        ndarray of shape (n,)
        """
        return self._features(X) @ self.coef + self.intercept

    def probability(self, X: ArrayLike) -> NDArray[np.float64]:
        r"""Probability of class 1, :math:`p_i = \sigma(\beta^\top x_i + \beta_0)`.

        Parameters
        ----------
        X : array_like of shape (n, d)

        Returns
        -------
        ndarray of shape (n,)
        """
        return sigmoid(self.decision(X))

    def predict(self, X: ArrayLike, *, threshold: float = 0.5) -> NDArray[np.int64]:
        r"""Class labels at a probability threshold, :math:`[z_i > \mathrm{logit}(t)]`.

        Comparing logits instead of probabilities keeps thresholds near 0 or
        1 exact; at ``t = 0.5`` this is scikit-learn's ``predict``.

        Parameters
        ----------
        X : array_like of shape (n, d)
        threshold : float, default=0.5
            Probability threshold in (0, 1).

        Returns
        -------
        ndarray of int of shape (n,)
        """
        z = self.decision(X)
        return (z > logit(check_threshold("threshold", threshold))).astype(np.int64)

    def boundary_offset(self, point: ArrayLike, *, threshold: float = 0.5) -> float:
        r"""Signed distance from ``point`` to the line where ``p = threshold``.

        .. math:: d = \frac{\mathrm{logit}(t) - \beta^\top x_0 - \beta_0}{\lVert\beta\rVert}

        Positive means the boundary lies on the positive side of the point,
        in the direction of :math:`\beta`; ``inf`` when :math:`\beta = 0`.

        Parameters
        ----------
        point : array_like of shape (d,)
        threshold : float, default=0.5
            Probability threshold in (0, 1).

        Returns
        -------
        float
        """
        x0 = as_float_array("point", point)
        logit_t = logit(check_threshold("threshold", threshold))
        norm = float(np.linalg.norm(self.coef))
        if norm == 0.0:
            return float("inf")
        return (logit_t - float(self.coef @ x0) - self.intercept) / norm

    def probability_grid(
        self, x_range: tuple[float, float], y_range: tuple[float, float], *, size: int = 100
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        r"""Probability of class 1 of a 2-D model on a regular grid.

        .. math:: P_{ij} = \sigma(\beta_1 g^x_j + \beta_2 g^y_i + \beta_0)

        Parameters
        ----------
        x_range, y_range : (float, float)
            Extent of the grid.
        size : int, default=100
            Points per axis (2 to 400).

        Returns
        -------
        grid_x : ndarray of shape (size,)
        grid_y : ndarray of shape (size,)
        prob : ndarray of shape (size, size)
            Rows follow ``grid_y``, columns ``grid_x``.
        """
        if self.n_features != 2:
            raise LabError("error.arg.coef_not_2d", entries=self.n_features)
        m = check_int("size", size, low=2, high=400)
        gx = np.linspace(float(x_range[0]), float(x_range[1]), m)
        gy = np.linspace(float(y_range[0]), float(y_range[1]), m)
        prob = sigmoid(self.coef[0] * gx[None, :] + self.coef[1] * gy[:, None] + self.intercept)
        return gx, gy, prob
