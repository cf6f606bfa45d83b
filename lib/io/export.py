"""Take it home: code that reproduces the lab's weighted model outside the app.

Each function returns a self-contained Python snippet for the current
settings. The scikit-learn one regenerates the lab's data with NumPy alone
(the algorithm of :func:`lib.data.make_imbalanced`, written out), trains the
same ``LogisticRegression`` and prints the per-class metrics the decision-
boundary page shows; ``tests/lib/io/test_export.py`` executes it and compares. The
PyTorch and Keras snippets show where the same weights go in those
libraries (they are not executed here: neither library is installed).
"""

from __future__ import annotations

from lib._validation import check_class_weights, check_finite_number, check_int
from lib.data import MAX_RATIO, MAX_SAMPLES, MINORITY_SPREAD, check_shape
from lib.i18n import LabError


def _number(value: float) -> str:
    """A weight as short as it can be written without changing its value."""
    return (
        repr(float(value)).removesuffix(".0") if float(value).is_integer() else repr(float(value))
    )


def pos_weight(w0: float, w1: float) -> float:
    r"""PyTorch's ``pos_weight`` for the lab's class weights.

    ``BCEWithLogitsLoss(pos_weight=q)`` computes
    :math:`-q\,y\log p - (1-y)\log(1-p)`; with :math:`q = w_1/w_0` this is the
    lab's :math:`L = -w_1 y\log p - w_0(1-y)\log(1-p)` divided by :math:`w_0`:
    the same minimiser, gradients scaled by :math:`1/w_0`.

    Parameters
    ----------
    w0, w1 : float
        Class weights; finite, >= 0, ``w0`` > 0.

    Returns
    -------
    float
        :math:`w_1 / w_0`.

    References
    ----------
    PyTorch documentation, ``torch.nn.BCEWithLogitsLoss`` (``pos_weight``).
    """
    w0, w1 = check_class_weights(w0, w1)
    if w0 == 0:
        raise LabError("error.export.w0_zero")
    return w1 / w0


_DIRECTION = "np.full(2, 1.0 / np.sqrt(2))"
#: Per data shape: make_data's docstring and the lines that place the classes
#: (the same operations as lib.data.make_imbalanced, so the data are equal).
_MAKE_DATA = {
    "gaussian": (
        "Imbalance Lab's data: two unit Gaussians, means at -sep/2 and +sep/2 along "
        "(1, 1)/sqrt(2).",
        f"    X += np.where(y[:, None] == 1, 0.5 * sep, -0.5 * sep) * {_DIRECTION}",
    ),
    "unequal_var": (
        f"Imbalance Lab's 'unequal_var' data: unit Gaussian majority at -sep/2, minority "
        f"with spread {MINORITY_SPREAD!r} at +sep/2, along (1, 1)/sqrt(2).",
        f"    X[:n1] *= {MINORITY_SPREAD!r}  # the minority's smaller spread\n"
        f"    X += np.where(y[:, None] == 1, 0.5 * sep, -0.5 * sep) * {_DIRECTION}",
    ),
    "two_clusters": (
        "Imbalance Lab's 'two_clusters' data: unit Gaussian majority at 0, minority in "
        "two unit Gaussians at +sep and -sep along (1, 1)/sqrt(2).",
        "    side = np.where(np.arange(n1) % 2 == 0, 1.0, -1.0)  # alternate sides\n"
        f"    X[:n1] += (sep * side)[:, None] * {_DIRECTION}",
    ),
}


def sklearn_snippet(
    n: int,
    ratio: float,
    sep: float,
    seed: int,
    w0: float,
    w1: float,
    *,
    C: float = 1.0,
    shape: str = "gaussian",
) -> str:
    r"""scikit-learn code that trains the decision-boundary page's weighted model.

    The model is ``LogisticRegression(C=C, class_weight={0: w0, 1: w1})``,
    which minimises :math:`\tfrac12\lVert\beta\rVert^2 + C\sum_i w_{y_i}\,
    \ell(y_i, p_i)`; the snippet also shows the equivalent ``sample_weight``
    and prints precision, recall and F0.5 per class on the test set (seed + 1).
    Its ``make_data`` draws the data of the given ``shape``.

    Parameters
    ----------
    n : int
        Number of samples (training and test set each).
    ratio : float
        Majority per minority sample (1000 means 1:1000).
    sep : float
        Distance between the class means in standard deviations.
    seed : int
        Seed of the training data; the test data uses ``seed + 1``.
    w0, w1 : float
        Class weights.
    C : float, default=1.0
        Inverse regularisation strength, as in the app.
    shape : str, default="gaussian"
        Data shape, one of :data:`lib.data.SHAPES`.

    Returns
    -------
    str
        Python source.

    References
    ----------
    scikit-learn User Guide, "Logistic regression" (class_weight and
    sample_weight multiply the per-sample loss).
    """
    n = check_int("n", n, low=2, high=MAX_SAMPLES)
    ratio = check_finite_number("ratio", ratio, low=1.0, high=MAX_RATIO)
    sep = check_finite_number("sep", sep, low=0.0, high=100.0)
    seed = check_int("seed", seed, low=0)
    w0, w1 = check_class_weights(w0, w1)
    C = check_finite_number("C", C, low=0.0, low_inclusive=False)
    about, place = _MAKE_DATA[check_shape(shape)]
    a, b = _number(w0), _number(w1)
    return f'''import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support


def make_data(n, ratio, sep, seed):
    """{about}"""
    n1 = int(min(n - 1, max(1, round(n / (1.0 + ratio)))))  # minority (class 1) count
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    y = np.zeros(n, dtype=np.int64)
    y[:n1] = 1
{place}
    order = rng.permutation(n)
    return X[order], y[order]


X, y = make_data({n}, {ratio!r}, {sep!r}, seed={seed})
X_test, y_test = make_data({n}, {ratio!r}, {sep!r}, seed={seed + 1})

# class_weight multiplies each sample's loss by the weight of its class ...
model = LogisticRegression(C={C!r}, class_weight={{0: {a}, 1: {b}}}, max_iter=1000)
model.fit(X, y)
# ... so this is the same model:
# LogisticRegression(C={C!r}, max_iter=1000).fit(X, y, sample_weight=np.where(y == 1, {b}, {a}))

# The training weights change the model, not the metric: every test sample counts once here.
# (Weight a metric only with deployment's costs or class mix, e.g. sample_weight=costs[y_test].)
precision, recall, f05, support = precision_recall_fscore_support(
    y_test, model.predict(X_test), beta=0.5, labels=[0, 1], zero_division=0)
for c in (0, 1):
    print(f"class {{c}}: precision {{precision[c]:.3f}}  recall {{recall[c]:.3f}}  "
          f"F0.5 {{f05[c]:.3f}}  support {{support[c]}}")
'''


def pytorch_snippet(w0: float, w1: float) -> str:
    r"""PyTorch code with the lab's class weights, as ``pos_weight`` and per sample.

    Parameters
    ----------
    w0, w1 : float
        Class weights, ``w0`` > 0.

    Returns
    -------
    str
        Python source (needs ``torch``; a training loop on ``X``, ``y``).

    References
    ----------
    PyTorch documentation, ``torch.nn.BCEWithLogitsLoss`` (``pos_weight``,
    ``weight``).
    """
    q = pos_weight(w0, w1)
    a, b = _number(w0), _number(w1)
    return f"""import torch
from torch import nn

# X, y: the training data (e.g. make_data from the scikit-learn tab).
X_t = torch.tensor(X, dtype=torch.float32)
y_t = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
model = nn.Linear(X_t.shape[1], 1)  # logistic regression: a linear layer + sigmoid in the loss

# Class weights, way 1: pos_weight = w1 / w0 = {q:.6g}.
# BCEWithLogitsLoss(pos_weight=q) = -q*y*log(p) - (1-y)*log(1-p): the lab's
# -w1*y*log(p) - w0*(1-y)*log(1-p) divided by w0 = {a} -- same minimum, gradients
# scaled by 1/w0. Plain SGD: multiply the learning rate by w0 = {a} for the same
# steps. Adam (below) divides each step by a running gradient scale, so a
# constant factor on the loss leaves its steps almost unchanged.
loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([{q!r}]))

# Class weights, way 2: one weight per sample (also the way for recency or
# 1/sigma^2 weights): reduction="none", multiply, then average.
per_sample = nn.BCEWithLogitsLoss(reduction="none")
w = torch.where(y_t == 1, {b}, {a})

optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
for step in range(500):
    optimizer.zero_grad()
    loss = (w * per_sample(model(X_t), y_t)).mean()   # or: loss_fn(model(X_t), y_t)
    loss.backward()
    optimizer.step()
# scikit-learn's LogisticRegression minimises 0.5*|beta|^2 + C * (summed loss), an
# L2 penalty this loop leaves out, so its coefficients differ slightly.
"""


def keras_snippet(w0: float, w1: float) -> str:
    r"""Keras code with the lab's class weights (``class_weight`` or ``sample_weight``).

    Parameters
    ----------
    w0, w1 : float
        Class weights.

    Returns
    -------
    str
        Python source (needs ``keras``; trains on ``X``, ``y``).

    References
    ----------
    Keras documentation, ``Model.fit`` (``class_weight``, ``sample_weight``).
    """
    w0, w1 = check_class_weights(w0, w1)
    a, b = _number(w0), _number(w1)
    return f"""import numpy as np
import keras

# X, y: the training data (e.g. make_data from the scikit-learn tab).
model = keras.Sequential([keras.Input(shape=(X.shape[1],)),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy",
              metrics=[keras.metrics.Precision(), keras.metrics.Recall()])

# class_weight multiplies each sample's loss by its class's weight (training only:
# the validation loss and the metrics stay unweighted) ...
model.fit(X, y, class_weight={{0: {a}, 1: {b}}}, epochs=20, batch_size=256)
# ... the same as one weight per sample (the way for recency or 1/sigma^2 weights):
# model.fit(X, y, sample_weight=np.where(y == 1, {b}, {a}), epochs=20, batch_size=256)
"""
