r"""How a mini-batch's weighted per-sample losses become one number.

Every loss in :mod:`lib.losses` with ``reduction="mean"`` divides by the
number of samples, like PyTorch's ``BCELoss(weight=...)`` and Keras' default
``"sum_over_batch_size"``; PyTorch's ``CrossEntropyLoss`` / ``NLLLoss`` with
``weight`` and ``reduction="mean"`` divide by the sum of the batch's weights
instead. :func:`batch_loss` computes both.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lib._validation import as_float_array, check_choice, check_same_length
from lib.i18n import LabError

#: Reductions of :func:`batch_loss`: divide by the batch size, or by the sum of
#: the batch's weights (PyTorch's ``CrossEntropyLoss(weight=...)``).
REDUCTIONS = ("mean", "weighted_mean")


def batch_loss(losses: ArrayLike, weights: ArrayLike, *, reduction: str = "mean") -> float:
    r"""One mini-batch's weighted loss under the two common reductions.

    .. math:: J^{\text{mean}}_B = \frac{1}{|B|}\sum_{i\in B} w_i\,\ell_i,\qquad
              J^{\text{weighted\_mean}}_B = \frac{\sum_{i\in B} w_i\,\ell_i}
              {\sum_{i\in B} w_i}

    ``"mean"`` is what :func:`lib.training.train_softmax` minimises and what PyTorch's
    ``BCELoss`` / ``BCEWithLogitsLoss`` (``weight=``) and Keras (default
    reduction) compute; ``"weighted_mean"`` is PyTorch's
    ``CrossEntropyLoss`` / ``NLLLoss`` with ``weight=`` and
    ``reduction="mean"``, where :math:`w_i = \text{weight}[y_i]`. The two
    differ by the factor :math:`\bar w_B = \frac{1}{|B|}\sum_{i\in B} w_i`,
    which changes from batch to batch with the batch's class mix.

    Parameters
    ----------
    losses : array_like of shape (m,)
        Per-sample losses :math:`\ell_i`.
    weights : array_like of shape (m,)
        Per-sample weights :math:`w_i` >= 0 (e.g. class weights looked up by label).
    reduction : {"mean", "weighted_mean"}, default="mean"
        Divide by :math:`|B|` or by :math:`\sum_i w_i`.

    Returns
    -------
    float

    References
    ----------
    PyTorch documentation, ``torch.nn.NLLLoss`` and ``torch.nn.CrossEntropyLoss``
    (``reduction="mean"`` with ``weight``: :math:`\sum_n l_n / \sum_n w_{y_n}`);
    ``torch.nn.BCELoss``; Keras ``Loss`` (``"sum_over_batch_size"``).
    """
    ell = as_float_array("losses", losses)
    w = as_float_array("weights", weights)
    check_same_length(losses=ell, weights=w)
    if np.any(w < 0):
        raise LabError("error.training.negative", name="weights")
    check_choice("reduction", reduction, REDUCTIONS)
    total = float(np.sum(w * ell))
    if reduction == "mean":
        return total / len(ell)
    if np.sum(w) == 0:
        raise LabError("error.training.weights_all_zero")
    return total / float(np.sum(w))
