"""Settings shared by the tests of lib.remedies."""

# Few ensemble members keep the module fast; the behaviour does not depend on it.
SMALL = {
    "easy_ensemble": {"n_estimators": 3},
    "balanced_bagging": {"n_estimators": 3},
    "balanced_random_forest": {"n_estimators": 10},
    "rusboost": {"n_estimators": 5},
    "focal": {"epochs": 10},
}
