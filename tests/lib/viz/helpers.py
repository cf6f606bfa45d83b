"""Data shared by the tests of lib.viz."""

from lib.data import display_subsample, make_imbalanced


def data():
    X, y = make_imbalanced(2000, 20, class_sep=2.0, random_state=0)
    return X, y, display_subsample(y, max_points=400)


def figure_data():
    X, y = make_imbalanced(3000, 100, class_sep=2.0, random_state=0)
    return X, y, display_subsample(y, max_points=500)
