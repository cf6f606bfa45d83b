"""Data in and code out: a user's CSV file, the bundled real data sets, code to take home.

Import the public names from here; the modules behind them:

``upload``
    :func:`read_csv` parses and checks an uploaded file (size, encoding,
    delimiter, header), :func:`class_counts` counts the target's values and
    :func:`prepare` turns a table into numeric features and a one-vs-rest
    binary target (:class:`PreparedData`); the limits ``MAX_*``.
``datasets``
    :data:`REAL_DATASETS` (breast cancer and digits, bundled with
    scikit-learn), :func:`load_real` at a chosen imbalance and
    :func:`example_csv`, a file to try the upload page with.
``export``
    :func:`sklearn_snippet`, :func:`pytorch_snippet` and
    :func:`keras_snippet`: code that reproduces the lab's weighted model
    outside the app, and :func:`pos_weight`, PyTorch's form of the weights.

Every refusal is a :class:`lib.i18n.LabError` with a catalogue key, so the
pages show it in the reader's language.
"""

from lib.io.datasets import MIN_MINORITY, REAL_DATASETS, RealDataset, example_csv, load_real
from lib.io.export import keras_snippet, pos_weight, pytorch_snippet, sklearn_snippet
from lib.io.upload import (
    MAX_BYTES,
    MAX_CATEGORIES,
    MAX_CLASSES,
    MAX_COLUMNS,
    MAX_ROWS,
    MISSING,
    PreparedData,
    class_counts,
    prepare,
    read_csv,
)

__all__ = [
    "MAX_BYTES",
    "MAX_CATEGORIES",
    "MAX_CLASSES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MIN_MINORITY",
    "MISSING",
    "REAL_DATASETS",
    "PreparedData",
    "RealDataset",
    "class_counts",
    "example_csv",
    "keras_snippet",
    "load_real",
    "pos_weight",
    "prepare",
    "pytorch_snippet",
    "read_csv",
    "sklearn_snippet",
]
