"""Tests of lib.studies.training_loss: best epochs and scores of the training-loss page."""

import numpy as np
import pandas as pd
import pytest

from lib.data import make_imbalanced
from lib.metrics import evaluate_under_weights
from lib.models import train_binary_sgd
from lib.studies.training_loss import SCORE_COLUMNS, training_loss_study
from lib.weights import class_weights


@pytest.fixture(scope="module")
def runs():
    X, y = make_imbalanced(2000, 50, class_sep=2.0, random_state=0)
    X_val, y_val = make_imbalanced(2000, 50, class_sep=2.0, random_state=1)
    weighted = train_binary_sgd(X, y, w0=0.5, w1=25.0, epochs=10, X_val=X_val, y_val=y_val)
    plain = train_binary_sgd(X, y, epochs=10, X_val=X_val, y_val=y_val)
    return X_val, y_val, y, weighted, plain


def test_best_epochs_are_the_minima_of_the_validation_losses(runs):
    X_val, y_val, y, weighted, plain = runs
    study = training_loss_study(weighted, plain, X_val, y_val, y, w0=0.5, w1=25.0)
    h = weighted.history
    assert study.best_epoch == int(h["epoch"][h["val_loss"].idxmin()])
    assert study.best_epoch_weighted == int(h["epoch"][h["val_loss_weighted"].idxmin()])
    assert study.weighted is h
    assert study.plain is plain.history


def test_scores_are_one_set_of_predictions_under_four_weight_pairs(runs):
    X_val, y_val, y, weighted, plain = runs
    study = training_loss_study(weighted, plain, X_val, y_val, y, w0=0.5, w1=25.0, stricter=4.0)
    balanced = class_weights(y)
    pairs = [(1.0, 1.0), (0.5, 25.0), (balanced[0], balanced[1]), (0.5, 100.0)]
    expected = evaluate_under_weights(y_val, weighted.predict_proba(X_val)[:, 1], pairs)
    pd.testing.assert_frame_equal(study.scores, expected)
    # The plain columns do not depend on the weights: identical in every row.
    for column in ("loss", "accuracy", "precision", "recall", "balanced_accuracy"):
        values = study.scores[column].to_numpy()
        assert np.all(values == values[0])
    # Balanced weights turn the weighted accuracy into the balanced accuracy.
    row = study.scores.iloc[2]
    assert row["accuracy_sw"] == pytest.approx(row["balanced_accuracy"])


def test_the_score_table_renames_and_orders_the_columns(runs):
    X_val, y_val, y, weighted, plain = runs
    study = training_loss_study(weighted, plain, X_val, y_val, y, w0=1.0, w1=1.0)
    table = study.score_table({c: c.upper() for c in SCORE_COLUMNS})
    assert list(table.columns) == [c.upper() for c in SCORE_COLUMNS]
    np.testing.assert_array_equal(table["W1"], [1.0, 1.0, class_weights(y)[1], 10.0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"w0": -1.0, "w1": 1.0}, "w0"), ({"w0": 1.0, "w1": 1.0, "stricter": 0.0}, "stricter")],
)
def test_bad_arguments_raise_lab_errors(runs, kwargs, match):
    X_val, y_val, y, weighted, plain = runs
    with pytest.raises(ValueError, match=match):
        training_loss_study(weighted, plain, X_val, y_val, y, **kwargs)
