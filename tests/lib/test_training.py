"""The NumPy mini-batch SGD trainer in lib.training."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import make_imbalanced
from lib.training import (
    batch_class_weights,
    mean_sample_weight,
    minibatches,
    per_sample_loss,
    train_softmax,
)
from lib.weights import weights_from_counts

#: Hypothesis runs the same examples every time (no flaky CI), without a deadline.
DET = settings(derandomize=True, deadline=None)


def random_logits(seed, n=25, k=3, scale=3.0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, k, size=n), scale * rng.standard_normal((n, k))


def numeric_grad(y, z, loss, gamma, h=1e-6):
    grad = np.empty_like(z)
    for j in range(z.shape[1]):
        step = np.zeros_like(z)
        step[:, j] = h
        plus, _ = per_sample_loss(y, z + step, loss=loss, gamma=gamma)
        minus, _ = per_sample_loss(y, z - step, loss=loss, gamma=gamma)
        grad[:, j] = (plus - minus) / (2 * h)
    return grad


@pytest.fixture(scope="module")
def easy():
    """Fairly separable 1:2 binary data with a separate validation set."""
    X, y = make_imbalanced(300, 2.0, class_sep=3.0, random_state=3)
    X_val, y_val = make_imbalanced(200, 2.0, class_sep=3.0, random_state=4)
    return X, y, X_val, y_val


@pytest.fixture(scope="module")
def skewed():
    """A 1:20 binary training set (30 minority samples) and a 1:20 validation set."""
    X, y = make_imbalanced(630, 20.0, class_sep=2.0, random_state=0)
    X_val, y_val = make_imbalanced(1050, 20.0, class_sep=2.0, random_state=2)
    return X, y, X_val, y_val


# --------------------------------------------------------------------------- per_sample_loss


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("k", [2, 4])
@pytest.mark.parametrize(
    ("loss", "gamma"),
    [
        ("ce", 2.0),
        ("focal", 0.0),
        ("focal", 0.5),
        ("focal", 1.0),
        ("focal", 2.0),
        ("focal", 3.5),
    ],
)
def test_per_sample_grad_matches_central_finite_differences(seed, k, loss, gamma):
    y, z = random_logits(seed, k=k)
    losses, grad = per_sample_loss(y, z, loss=loss, gamma=gamma)
    assert losses.shape == (len(y),)
    assert grad.shape == z.shape
    np.testing.assert_allclose(grad, numeric_grad(y, z, loss, gamma), rtol=1e-5, atol=1e-7)


@DET
@given(st.integers(0, 10**6), st.integers(2, 5), st.floats(0.0, 5.0))
def test_per_sample_focal_grad_finite_differences_any_gamma(seed, k, gamma):
    y, z = random_logits(seed, n=10, k=k, scale=2.0)
    _, grad = per_sample_loss(y, z, loss="focal", gamma=gamma)
    np.testing.assert_allclose(grad, numeric_grad(y, z, "focal", gamma), rtol=1e-5, atol=1e-7)


def test_per_sample_ce_hand_value():
    # z = (0, log 3): p = (1/4, 3/4); true class 0 -> loss log 4, grad p - e_0
    losses, grad = per_sample_loss(np.array([0]), np.array([[0.0, math.log(3.0)]]))
    assert losses[0] == pytest.approx(math.log(4.0))
    np.testing.assert_allclose(grad, [[0.25 - 1.0, 0.75]])
    # focal, gamma = 2: loss (3/4)^2 log 4
    losses, _ = per_sample_loss(
        np.array([0]), np.array([[0.0, math.log(3.0)]]), loss="focal", gamma=2.0
    )
    assert losses[0] == pytest.approx(0.75**2 * math.log(4.0))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_focal_gamma_zero_equals_ce(seed):
    y, z = random_logits(seed, n=40, k=4)
    ce_loss, ce_grad = per_sample_loss(y, z, loss="ce")
    fl_loss, fl_grad = per_sample_loss(y, z, loss="focal", gamma=0.0)
    np.testing.assert_array_equal(fl_loss, ce_loss)
    np.testing.assert_array_equal(fl_grad, ce_grad)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0])
def test_per_sample_loss_confident_predictions_are_finite(gamma):
    y = np.array([0, 1, 0])
    z = np.array([[60.0, 0.0], [0.0, 60.0], [0.0, 60.0]])  # right, right, badly wrong
    losses, grad = per_sample_loss(y, z, loss="focal", gamma=gamma)
    assert np.all(np.isfinite(losses)) and np.all(np.isfinite(grad))
    np.testing.assert_allclose(losses[:2], 0.0, atol=1e-20)
    np.testing.assert_allclose(losses[2], 60.0, rtol=1e-12)
    np.testing.assert_allclose(grad[2], [-1.0, 1.0], rtol=1e-12)


def test_per_sample_loss_rejects_unknown_loss():
    y, z = random_logits(0)
    with pytest.raises(ValueError, match="`loss`"):
        per_sample_loss(y, z, loss="foo")


# --------------------------------------------------------------------------- train_softmax


def test_training_is_reproducible(easy):
    X, y, X_val, y_val = easy
    kwargs = {
        "epochs": 4,
        "batch_size": 32,
        "X_val": X_val,
        "y_val": y_val,
        "weighting": "global",
        "scheme": "balanced",
    }
    a = train_softmax(X, y, random_state=7, **kwargs)
    b = train_softmax(X, y, random_state=7, **kwargs)
    np.testing.assert_array_equal(a.coef, b.coef)
    np.testing.assert_array_equal(a.intercept, b.intercept)
    pd.testing.assert_frame_equal(a.history, b.history)
    c = train_softmax(X, y, random_state=8, **kwargs)
    assert not np.array_equal(a.coef, c.coef)


def test_history_has_one_row_per_epoch(easy):
    X, y, X_val, y_val = easy
    epochs = 5
    calls = []
    result = train_softmax(
        X,
        y,
        epochs=epochs,
        batch_size=50,
        X_val=X_val,
        y_val=y_val,
        callback=lambda e, total: calls.append((e, total)),
    )
    h = result.history
    assert h["epoch"].tolist() == list(range(epochs + 1))
    assert calls == [(e, epochs) for e in range(1, epochs + 1)]
    for column in (
        "objective",
        "train_loss_weighted",
        "train_loss",
        "val_loss",
        "accuracy",
        "precision_0",
        "recall_1",
        "f_beta_1",
    ):
        assert column in h.columns
    assert math.isnan(h["objective"].iloc[0])
    assert h["objective"].iloc[1:].notna().all()
    assert result.coef.shape == (X.shape[1], 2)
    assert result.intercept.shape == (2,)
    # epoch 0 is the all-zero model: every loss is log k
    assert h["train_loss"].iloc[0] == pytest.approx(math.log(2))
    assert h["val_loss"].iloc[0] == pytest.approx(math.log(2))
    # the history's accuracy is the final model's accuracy on the validation set
    assert h["accuracy"].iloc[-1] == pytest.approx(np.mean(result.predict(X_val) == y_val))
    np.testing.assert_allclose(result.predict_proba(X_val).sum(axis=1), 1.0)


@pytest.mark.parametrize(
    ("loss", "weighting"),
    [
        ("ce", "none"),
        ("ce", "global"),
        ("focal", "global"),
        ("ce", "batch"),
    ],
)
def test_training_objective_decreases(easy, loss, weighting):
    X, y, X_val, y_val = easy
    h = train_softmax(
        X,
        y,
        loss=loss,
        weighting=weighting,
        scheme="balanced",
        epochs=6,
        batch_size=32,
        X_val=X_val,
        y_val=y_val,
    ).history
    first, last = h["train_loss_weighted"].iloc[0], h["train_loss_weighted"].iloc[-1]
    assert last < 0.5 * first
    assert h["objective"].iloc[-1] < h["objective"].iloc[1]
    assert h["accuracy"].iloc[-1] > 0.9


@pytest.mark.parametrize("loss", ["ce", "focal"])
def test_global_class_weight_equals_sample_weight(easy, loss):
    X, y, X_val, y_val = easy
    c = np.array([0.4, 3.0])
    common = {
        "loss": loss,
        "epochs": 4,
        "batch_size": 40,
        "random_state": 5,
        "X_val": X_val,
        "y_val": y_val,
    }
    by_class = train_softmax(X, y, weighting="global", class_weight=c, **common)
    by_sample = train_softmax(X, y, weighting="none", sample_weight=c[y], **common)
    np.testing.assert_allclose(by_class.coef, by_sample.coef, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(by_class.intercept, by_sample.intercept, rtol=1e-12, atol=1e-14)
    columns = ["objective", "train_loss_weighted", "train_loss", "val_loss", "accuracy"]
    pd.testing.assert_frame_equal(by_class.history[columns], by_sample.history[columns], rtol=1e-12)


def test_global_scheme_weights_equal_explicit_class_weight(easy):
    X, y, _, _ = easy
    cw = weights_from_counts(np.bincount(y), "isns")
    implicit = train_softmax(X, y, weighting="global", scheme="isns", epochs=3)
    explicit = train_softmax(X, y, weighting="global", class_weight=cw, epochs=3)
    np.testing.assert_allclose(implicit.coef, explicit.coef, rtol=1e-12)


@pytest.mark.parametrize("c", [0.25, 3.0, 1000.0])
def test_scaling_sample_weights_scales_only_the_weighted_loss(easy, c):
    X, y, X_val, y_val = easy
    s = np.random.default_rng(1).uniform(0.5, 2.0, size=len(y))
    common = {
        "epochs": 2,
        "batch_size": 64,
        "X_val": X_val,
        "y_val": y_val,
        "weighting": "global",
        "scheme": "balanced",
    }
    base = train_softmax(X, y, sample_weight=s, **common).history.iloc[0]
    scaled = train_softmax(X, y, sample_weight=c * s, **common).history.iloc[0]
    assert scaled["train_loss_weighted"] == pytest.approx(
        c * base["train_loss_weighted"], rel=1e-12
    )
    assert scaled["train_loss"] == base["train_loss"]
    assert scaled["val_loss"] == base["val_loss"]


def test_minority_weighting_raises_minority_recall(skewed):
    X, y, X_val, y_val = skewed
    assert np.bincount(y).tolist() == [600, 30]
    common = {"epochs": 15, "batch_size": 32, "X_val": X_val, "y_val": y_val}
    plain = train_softmax(X, y, weighting="none", **common).history
    weighted = train_softmax(X, y, weighting="global", scheme="balanced", **common).history
    recall_plain = plain["recall_1"].iloc[-1]
    recall_weighted = weighted["recall_1"].iloc[-1]
    # observed: about 0.3 without and about 0.9 with weights
    assert recall_weighted > recall_plain + 0.25
    # ... paid for with majority recall: weights move the boundary, they add no information
    assert weighted["recall_0"].iloc[-1] < plain["recall_0"].iloc[-1]
    # weighting changes the objective, not the unweighted training loss it is judged by
    assert weighted["train_loss"].iloc[-1] > plain["train_loss"].iloc[-1]


def test_batch_weighting_runs_and_differs_from_global(skewed):
    X, y, X_val, y_val = skewed
    common = {
        "epochs": 3,
        "batch_size": 32,
        "X_val": X_val,
        "y_val": y_val,
        "scheme": "ins",
        "random_state": 0,
    }
    batch = train_softmax(X, y, weighting="batch", **common)
    glob = train_softmax(X, y, weighting="global", **common)
    assert np.all(np.isfinite(batch.coef))
    assert batch.history["objective"].iloc[1:].notna().all()
    assert not np.allclose(batch.coef, glob.coef)
    assert not np.allclose(batch.history["objective"].iloc[1:], glob.history["objective"].iloc[1:])


@pytest.mark.parametrize("scheme", ["balanced", "ins", "isns", "ens"])
def test_batch_weighting_in_pairs_changes_nothing(skewed, scheme):
    # Every batch of two holds one sample of each of its classes, so its per-batch
    # weights are all 1 under every scheme: the run must equal weighting="none".
    # (Global weights from the 600:30 counts would not be 1.)
    X, y, X_val, y_val = skewed
    common = {
        "epochs": 1,
        "batch_size": 2,
        "X_val": X_val,
        "y_val": y_val,
        "scheme": scheme,
        "random_state": 1,
        "learning_rate": 0.05,
    }
    batch = train_softmax(X, y, weighting="batch", **common)
    plain = train_softmax(X, y, weighting="none", **common)
    np.testing.assert_array_equal(batch.coef, plain.coef)
    np.testing.assert_array_equal(batch.intercept, plain.intercept)
    np.testing.assert_array_equal(batch.history["objective"], plain.history["objective"])


@pytest.mark.parametrize("scheme", ["balanced", "ins", "isns", "ens"])
def test_batch_weighting_with_one_full_batch_equals_global(skewed, scheme):
    X, y, X_val, y_val = skewed
    common = {
        "epochs": 3,
        "batch_size": len(y),
        "X_val": X_val,
        "y_val": y_val,
        "scheme": scheme,
        "beta": 0.99,
        "random_state": 3,
    }
    batch = train_softmax(X, y, weighting="batch", **common)
    glob = train_softmax(X, y, weighting="global", **common)
    np.testing.assert_array_equal(batch.coef, glob.coef)
    np.testing.assert_array_equal(batch.intercept, glob.intercept)
    pd.testing.assert_frame_equal(batch.history, glob.history, check_exact=True)


def test_l2_shrinks_the_weights(easy):
    X, y, _, _ = easy
    free = train_softmax(X, y, epochs=4, batch_size=32, l2=0.0)
    shrunk = train_softmax(X, y, epochs=4, batch_size=32, l2=0.05)
    assert np.linalg.norm(shrunk.coef) < 0.8 * np.linalg.norm(free.coef)


def test_explicit_n_classes_adds_columns_for_absent_classes(easy):
    X, y, _, _ = easy
    result = train_softmax(X, y, n_classes=3, epochs=2)
    assert result.coef.shape == (X.shape[1], 3)
    assert {"recall_2", "precision_2"} <= set(result.history.columns)
    assert set(np.unique(result.predict(X))) <= {0, 1}


SMALL_X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.2]])
SMALL_Y = np.array([0, 1, 0, 1])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"loss": "hinge"}, r"`loss` must be one of ce, focal\. Got 'hinge'"),
        ({"weighting": "local"}, r"`weighting` must be one of none, global, batch\. Got 'local'"),
        ({"weighting": "global", "scheme": "magic"}, r"`scheme` must be one of .*'magic'"),
        ({"class_weight": [1.0, 2.0]}, r"`class_weight` is used only with weighting='global'"),
        ({"weighting": "batch", "class_weight": [1.0, 2.0]}, r"only with weighting='global'"),
        ({"weighting": "global", "class_weight": [1.0, 2.0, 3.0]}, r"must hold 2 weights >= 0"),
        ({"weighting": "global", "class_weight": [1.0, -2.0]}, r"must hold 2 weights >= 0"),
        ({"sample_weight": [1.0, -1.0, 1.0, 1.0]}, r"`sample_weight` must be >= 0"),
        ({"sample_weight": [1.0, 1.0]}, r"same number of samples"),
        ({"sample_weight": [1.0, np.nan, 1.0, 1.0]}, r"`sample_weight` must contain finite"),
        ({"n_classes": 1}, r"`n_classes` must be >= 2"),
        ({"y": [0, 1, 2, 1], "n_classes": 2}, r"class indices below n_classes=2"),
        ({"y": [0, 1, -1, 1]}, r"`y` must contain class indices"),
        ({"y": [0, 1, 0.5, 1]}, r"`y` must contain class indices"),
        ({"y": [0, 1, 0]}, r"same number of samples"),
        ({"epochs": 0}, r"`epochs` must be >= 1"),
        ({"batch_size": 0}, r"`batch_size` must be >= 1"),
        ({"learning_rate": 0.0}, r"`learning_rate` must be > 0"),
        ({"l2": -1.0}, r"`l2` must be >= 0"),
        ({"gamma": -0.5, "loss": "focal"}, r"`gamma` must be >= 0"),
        ({"X": [0.0, 1.0, 2.0, 3.0]}, r"`X` must be a 2-D array"),
    ],
)
def test_bad_input_raises_helpful_value_error(kwargs, message):
    args = {"X": SMALL_X, "y": SMALL_Y, "epochs": 1} | kwargs
    with pytest.raises(ValueError, match=message):
        train_softmax(args.pop("X"), args.pop("y"), **args)


def test_validation_labels_beyond_n_classes_raise_value_error():
    with pytest.raises(ValueError, match="y_val"):
        train_softmax(SMALL_X, SMALL_Y, epochs=1, X_val=SMALL_X, y_val=[0, 1, 2, 1])


def test_validation_data_needs_both_x_and_y():
    with pytest.raises(ValueError, match="X_val"):
        train_softmax(SMALL_X, SMALL_Y, epochs=1, X_val=SMALL_X[:2])


def test_the_trainer_divides_by_the_batch_size_not_by_the_sum_of_weights(skewed):
    """cb.reduction_text: the mean is over |B|, unlike CrossEntropyLoss(weight=...)."""
    X, y, _, _ = skewed
    c = np.array([0.5, 4.0])
    w = c[y]
    lr = 0.1
    model = train_softmax(
        X,
        y,
        weighting="global",
        class_weight=c,
        epochs=1,
        batch_size=len(y),
        learning_rate=lr,
        l2=0.0,
    )
    # One full batch from W = 0: every loss is log k = log 2 and p = 1/2.
    objective = model.history["objective"].iloc[1]
    assert objective == pytest.approx(math.log(2) * np.mean(w))
    assert objective != pytest.approx(math.log(2))  # PyTorch's weighted mean would give log 2
    p_minus_delta = np.full((len(y), 2), 0.5)
    p_minus_delta[np.arange(len(y)), y] -= 1.0
    expected_b = -lr * (w[:, None] * p_minus_delta).sum(axis=0) / len(y)
    np.testing.assert_allclose(model.intercept, expected_b, rtol=1e-12)


def test_minibatches_cover_every_sample_once_per_epoch_in_a_seeded_order():
    epochs = list(minibatches(10, batch_size=4, epochs=3, random_state=5))
    assert len(epochs) == 3
    for batches in epochs:
        assert [len(b) for b in batches] == [4, 4, 2]
        assert sorted(np.concatenate(batches).tolist()) == list(range(10))
    rng = np.random.default_rng(5)
    for batches in epochs:  # the same permutations as a fresh generator draws
        np.testing.assert_array_equal(np.concatenate(batches), rng.permutation(10))
    again = list(minibatches(10, batch_size=4, epochs=3, random_state=5))
    assert all(
        np.array_equal(a, b)
        for e1, e2 in zip(epochs, again, strict=True)
        for a, b in zip(e1, e2, strict=True)
    )


def test_batch_class_weights_count_inside_the_batch():
    yb = np.array([0, 0, 0, 1, 2, 2])
    w = batch_class_weights(yb, 4, "ins")
    assert np.isnan(w[3])  # class 3 is absent from the batch
    np.testing.assert_allclose(w[:3], weights_from_counts([3, 1, 2], "ins"))
    assert np.nansum(w) == pytest.approx(3)  # k_B = 3 classes present
    with pytest.raises(ValueError, match="below n_classes"):
        batch_class_weights(yb, 2)


def test_mean_sample_weight_replays_the_batches_of_training(skewed):
    """cb.formula_caption: the step is divided by the mean weight over all batches' samples."""
    _, y, _, _ = skewed
    k = 2
    rng = np.random.default_rng(7)
    total = 0.0
    for _ in range(3):
        order = rng.permutation(len(y))
        for start in range(0, len(y), 32):
            yb = y[order[start : start + 32]]
            counts = np.bincount(yb, minlength=k)
            present = counts > 0
            c = np.zeros(k)
            c[present] = weights_from_counts(counts[present], "isns")
            total += c[yb].sum()
    batch_mean = mean_sample_weight(
        y, weighting="batch", scheme="isns", batch_size=32, epochs=3, random_state=7
    )
    assert batch_mean == pytest.approx(total / (3 * len(y)))
    global_mean = mean_sample_weight(y, weighting="global", scheme="isns")
    assert global_mean == pytest.approx(np.mean(weights_from_counts(np.bincount(y), "isns")[y]))
    assert mean_sample_weight(y, weighting="none") == 1.0


def test_batch_weighting_in_training_uses_the_replayed_batch_weights(skewed):
    """A per-batch run equals an unweighted run fed the same batches' weights one by one."""
    X, y, _, _ = skewed
    common = {"epochs": 1, "batch_size": len(y), "learning_rate": 0.2, "random_state": 3}
    [[idx]] = list(minibatches(len(y), batch_size=len(y), epochs=1, random_state=3))
    w = batch_class_weights(y[idx], 2, "ins")[y]
    batch = train_softmax(X, y, weighting="batch", scheme="ins", **common)
    by_sample = train_softmax(X, y, weighting="none", sample_weight=w, **common)
    np.testing.assert_allclose(batch.coef, by_sample.coef)


@pytest.mark.parametrize("gamma", [0.5, 1.0, 2.0, 5.0])
def test_larger_gamma_down_weights_confident_samples_most(gamma):
    """cb.gamma_help: (1 - p_y)^gamma shrinks with gamma, most for confident samples."""
    y = np.array([0, 0])
    z = np.log(np.array([[0.95, 0.05], [0.4, 0.6]]))  # confident, unsure
    ce, _ = per_sample_loss(y, z, loss="ce")
    smaller, _ = per_sample_loss(y, z, loss="focal", gamma=gamma)
    larger, _ = per_sample_loss(y, z, loss="focal", gamma=gamma + 1.0)
    assert np.all(larger < smaller) and np.all(smaller < ce)
    factor = larger / ce
    assert factor[0] < factor[1] / 10  # the confident sample keeps far less of its loss
