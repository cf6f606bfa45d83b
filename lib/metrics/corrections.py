r"""Probability corrections for a changed class prior, and the threshold weights imply.

:func:`prior_correction` (undersampling, Dal Pozzolo et al. 2015),
:func:`label_shift_correction` and :func:`estimate_prior_em` (a new positive
rate, Saerens et al. 2002) and :func:`weighted_threshold` (Elkan 2001).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from lib._validation import (
    as_probabilities,
    check_class_weights,
    check_finite_number,
    check_int,
    check_threshold,
)
from lib.i18n import LabError


def prior_correction(p_s: ArrayLike, beta: float) -> NDArray[np.float64]:
    r"""Undo the probability shift caused by undersampling the majority class.

    .. math:: p = \frac{\beta p_s}{\beta p_s - p_s + 1}

    Parameters
    ----------
    p_s : array_like
        Probabilities of class 1 from a model trained on undersampled data.
    beta : float
        Fraction of the majority class kept by undersampling, in (0, 1].

    Returns
    -------
    ndarray
        Corrected probabilities, same shape as ``p_s``.

    References
    ----------
    Dal Pozzolo, Caelen, Johnson, Bontempi (2015), "Calibrating Probability
    with Undersampling for Unbalanced Classification", IEEE SSCI, eq. (4).
    """
    bt = check_finite_number("beta", beta, low=0.0, low_inclusive=False, high=1.0)
    arr = np.asarray(p_s, dtype=np.float64)
    as_probabilities("p_s", arr.ravel(), allow_empty=True)
    return bt * arr / (bt * arr - arr + 1.0)


def weighted_threshold(w0: float, w1: float) -> float:
    r"""Probability threshold that class weights imply, :math:`w_0 / (w_0 + w_1)`.

    Minimising the weighted BCE moves a well-specified model's probability to
    :math:`\mathrm{odds}_w = \tfrac{w_1}{w_0}\,\mathrm{odds}`; the weighted
    model's 0.5 cut-off therefore equals the unweighted model's cut-off at
    :math:`p = w_0 / (w_0 + w_1)`.

    Parameters
    ----------
    w0, w1 : float
        Class weights; finite, >= 0, not both zero.

    Returns
    -------
    float
        The threshold in [0, 1].

    References
    ----------
    Elkan (2001), "The Foundations of Cost-Sensitive Learning", IJCAI,
    theorem 1.
    """
    a, b = check_class_weights(w0, w1)
    return a / (a + b)


def _shift_prior(
    p: NDArray[np.float64], train_prior: float, deploy_prior: float
) -> NDArray[np.float64]:
    # Unchecked core of label_shift_correction, shared with the EM loop, whose
    # iterate may reach 0 or 1 exactly (all p equal to 0, say).
    r1 = deploy_prior / train_prior
    r0 = (1.0 - deploy_prior) / (1.0 - train_prior)
    num = r1 * p
    den = num + r0 * (1.0 - p)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0.0, num / np.where(den > 0.0, den, 1.0), p)
    return np.asarray(out, dtype=np.float64)


def label_shift_correction(
    p: ArrayLike, *, train_prior: float, deploy_prior: float
) -> NDArray[np.float64]:
    r"""Move calibrated probabilities from the training to the deployment prior.

    Under label shift the class-conditional densities :math:`p(x \mid y)`
    stay and only the positive rate changes from :math:`\pi_s`
    (``train_prior``) to :math:`\pi_t` (``deploy_prior``). Bayes' rule then
    rescales each class's posterior by the ratio of its priors:

    .. math::

        p' = \frac{r_1\, p}{r_1\, p + r_0\,(1 - p)},\qquad
        r_1 = \frac{\pi_t}{\pi_s},\quad r_0 = \frac{1 - \pi_t}{1 - \pi_s}.

    Undersampling is the special case where the training rate was raised
    artificially: keeping a fraction :math:`\beta` of the majority turns the
    true rate :math:`\pi` into :math:`\pi_s = \pi / (\pi + \beta (1 - \pi))`,
    and moving back to :math:`\pi_t = \pi` gives :func:`prior_correction`.

    Parameters
    ----------
    p : array_like
        Probabilities of class 1 from a model calibrated at ``train_prior``,
        in [0, 1].
    train_prior : float
        Positive rate of the data the probabilities are calibrated for, in
        (0, 1).
    deploy_prior : float
        Positive rate where the model is used, in (0, 1).

    Returns
    -------
    ndarray
        Corrected probabilities, same shape as ``p``; 0 and 1 stay 0 and 1.

    Raises
    ------
    ValueError
        If a prior is not strictly between 0 and 1, or ``p`` holds NaN or
        values outside [0, 1].

    References
    ----------
    Saerens, Latinne, Decaestecker (2002), "Adjusting the Outputs of a
    Classifier to New a Priori Probabilities: A Simple Procedure", Neural
    Computation 14(1), eq. (2.4).
    """
    src = check_threshold("train_prior", train_prior)
    dst = check_threshold("deploy_prior", deploy_prior)
    try:
        arr = np.asarray(p, dtype=np.float64)
    except (TypeError, ValueError):
        raise LabError("error.arg.numbers_only", name="p") from None
    flat = as_probabilities("p", arr.ravel(), allow_empty=True)
    return _shift_prior(flat, src, dst).reshape(arr.shape)


def estimate_prior_em(
    p: ArrayLike, *, train_prior: float, tol: float = 1e-8, max_iter: int = 1000
) -> float:
    r"""Estimate the positive rate of unlabeled data by expectation-maximisation.

    Starting from :math:`\hat\pi^{(0)} = \pi_s`, alternate the E-step (move
    every probability to the current prior estimate with
    :func:`label_shift_correction`) and the M-step (the new prior is their
    mean):

    .. math::

        \hat\pi^{(k+1)} = \frac{1}{n}\sum_{i=1}^{n}
        \frac{r_1^{(k)} p_i}{r_1^{(k)} p_i + r_0^{(k)} (1 - p_i)},\quad
        r_1^{(k)} = \frac{\hat\pi^{(k)}}{\pi_s},\;
        r_0^{(k)} = \frac{1 - \hat\pi^{(k)}}{1 - \pi_s},

    until :math:`|\hat\pi^{(k+1)} - \hat\pi^{(k)}| < \mathrm{tol}` or
    ``max_iter`` steps. Each step cannot lower the likelihood of the
    unlabeled data; the estimate is only as good as the calibration of
    ``p`` at :math:`\pi_s` and needs the class-conditional densities to be
    the same in both places (pure label shift).

    Parameters
    ----------
    p : array_like of shape (n,)
        Predicted probabilities of class 1 on the unlabeled deployment data,
        from a model calibrated at ``train_prior``, in [0, 1].
    train_prior : float
        Positive rate the model is calibrated for, in (0, 1).
    tol : float, default=1e-8
        Stop when the estimate moves by less than this, > 0.
    max_iter : int, default=1000
        Largest number of EM steps, 1 to 1,000,000; the last estimate is
        returned if it has not converged by then.

    Returns
    -------
    float
        The estimated positive rate of the deployment data, in [0, 1].

    Raises
    ------
    ValueError
        If ``train_prior`` is not strictly between 0 and 1, ``p`` is empty,
        not 1-D, holds NaN or values outside [0, 1], ``tol`` is not > 0 or
        ``max_iter`` is outside [1, 1,000,000].

    References
    ----------
    Saerens, Latinne, Decaestecker (2002), "Adjusting the Outputs of a
    Classifier to New a Priori Probabilities: A Simple Procedure", Neural
    Computation 14(1), sec. 2.3, eqs. (2.9)-(2.10).
    """
    src = check_threshold("train_prior", train_prior)
    eps = check_finite_number("tol", tol, low=0.0, low_inclusive=False)
    steps = check_int("max_iter", max_iter, low=1, high=1_000_000)
    prob = as_probabilities("p", p)
    prior = src
    for _ in range(steps):
        new = float(np.mean(_shift_prior(prob, src, prior)))
        if abs(new - prior) < eps:
            return new
        prior = new
    return prior
