"""lib.losses.reduction: how a batch's per-sample losses become one number."""

import numpy as np
import pytest

from lib.i18n import LabError
from lib.losses import REDUCTIONS, batch_loss


def test_batch_loss_reductions_follow_their_formulas():
    losses = np.array([1.0, 2.0, 4.0])
    weights = np.array([0.5, 1.0, 3.0])
    # Keras / BCELoss: sum(w * l) / |B|; PyTorch CrossEntropyLoss(weight): sum(w * l) / sum(w).
    assert batch_loss(losses, weights) == pytest.approx((0.5 + 2.0 + 12.0) / 3)
    assert batch_loss(losses, weights, reduction="weighted_mean") == pytest.approx(
        (0.5 + 2.0 + 12.0) / 4.5
    )
    # They differ by the batch's mean weight.
    assert batch_loss(losses, weights) == pytest.approx(
        np.mean(weights) * batch_loss(losses, weights, reduction="weighted_mean")
    )
    for kwargs, message in [
        ({"reduction": "sum"}, "`reduction` must be one of"),
        ({"weights": [1.0, -1.0, 1.0]}, ">= 0"),
    ]:
        with pytest.raises(ValueError, match=message):
            batch_loss(losses, **{"weights": weights, **kwargs})
    with pytest.raises(ValueError, match="must not all be 0"):
        batch_loss(losses, np.zeros(3), reduction="weighted_mean")


def test_batch_loss_reductions_are_importable_from_lib_losses():
    assert REDUCTIONS == ("mean", "weighted_mean")
    assert batch_loss([1.0, 3.0], [1.0, 3.0], reduction="weighted_mean") == pytest.approx(2.5)
    with pytest.raises(LabError, match="must not all be 0"):
        batch_loss([1.0], [0.0], reduction="weighted_mean")
