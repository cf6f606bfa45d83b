"""Losses for imbalanced classification: weighted BCE, focal loss, class-balanced losses.

Class 1 is the positive (minority) class of the binary losses;
``reduction="mean"`` always divides by the number of samples, not by the sum
of the weights, like PyTorch's ``BCELoss(weight=...)`` and Keras' default
reduction (see ``shared/DESIGN.md``). Every public name is importable from
``lib.losses`` (the DESIGN.md contract); the modules split them by concept:

* :mod:`lib.losses.binary` -- weighted binary cross-entropy from
  probabilities and from logits, and the stable helpers ``softplus``,
  ``sigmoid``, ``logit``;
* :mod:`lib.losses.focal` -- the binary focal loss of Lin et al. (2017), its
  gradient, where the loss comes from, and its curves;
* :mod:`lib.losses.multiclass` -- softmax cross-entropy and focal loss (with
  the gradient the mini-batch trainer descends) and the class-balanced
  losses of Cui et al. (2019);
* :mod:`lib.losses.reduction` -- a mini-batch's weighted loss divided by the
  batch size or by the sum of its weights (PyTorch's weighted mean).
"""

from lib.losses.binary import (
    LOG_CLAMP,
    logit,
    sigmoid,
    softplus,
    weighted_bce,
    weighted_bce_with_logits,
)
from lib.losses.focal import (
    FocalCurves,
    focal_curves,
    focal_loss,
    focal_loss_grad,
    focal_loss_shares,
)
from lib.losses.multiclass import (
    cb_focal_loss,
    cb_sigmoid_cross_entropy,
    cb_softmax_cross_entropy,
    softmax_cross_entropy,
    softmax_focal_loss,
    softmax_focal_loss_with_grad,
)
from lib.losses.reduction import REDUCTIONS, batch_loss

__all__ = [
    "LOG_CLAMP",
    "REDUCTIONS",
    "FocalCurves",
    "batch_loss",
    "cb_focal_loss",
    "cb_sigmoid_cross_entropy",
    "cb_softmax_cross_entropy",
    "focal_curves",
    "focal_loss",
    "focal_loss_grad",
    "focal_loss_shares",
    "logit",
    "sigmoid",
    "softmax_cross_entropy",
    "softmax_focal_loss",
    "softmax_focal_loss_with_grad",
    "softplus",
    "weighted_bce",
    "weighted_bce_with_logits",
]
