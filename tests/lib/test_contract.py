"""The public lib API of ../shared/DESIGN.md keeps its import paths and names."""

import importlib
import inspect

import pytest

CONTRACT = {
    "lib.data": ("SHAPES", "make_imbalanced"),
    "lib.losses": ("weighted_bce", "weighted_bce_with_logits", "focal_loss"),
    "lib.weights": ("class_weights",),
    "lib.gradients": ("class_gradient_contributions",),
    "lib.surface": ("loss_surface",),
    "lib.models": ("fit_logistic",),
    "lib.metrics": (
        "per_class_report",
        "percent_change",
        "prior_correction",
        "weighted_threshold",
        "label_shift_correction",
        "estimate_prior_em",
    ),
}
#: Keyword names the contract fixes, per function.
KEYWORDS = {
    ("lib.data", "make_imbalanced"): {"n_features", "class_sep", "shape", "random_state"},
    ("lib.losses", "weighted_bce"): {"w0", "w1", "reduction"},
    ("lib.losses", "weighted_bce_with_logits"): {"w0", "w1", "reduction"},
    ("lib.losses", "focal_loss"): {"gamma", "alpha", "reduction"},
    ("lib.weights", "class_weights"): {"beta"},
    ("lib.gradients", "class_gradient_contributions"): {"w0", "w1"},
    ("lib.surface", "loss_surface"): {"w0", "w1", "method"},
    ("lib.models", "fit_logistic"): {"w0", "w1", "sample_weight", "C"},
    ("lib.metrics", "label_shift_correction"): {"train_prior", "deploy_prior"},
    ("lib.metrics", "estimate_prior_em"): {"train_prior", "tol", "max_iter"},
}


@pytest.mark.parametrize(("module", "names"), CONTRACT.items())
def test_contract_names_import_from_their_documented_module(module, names):
    mod = importlib.import_module(module)
    for name in names:
        assert hasattr(mod, name), f"{module}.{name}"


@pytest.mark.parametrize(
    ("where", "keywords"),
    KEYWORDS.items(),
    ids=lambda v: str(sorted(v)) if isinstance(v, set) else str(v),
)
def test_contract_keywords_are_keyword_only(where, keywords):
    fn = getattr(importlib.import_module(where[0]), where[1])
    params = inspect.signature(fn).parameters
    kinds = {name: params[name].kind for name in keywords}
    assert all(kind is inspect.Parameter.KEYWORD_ONLY for kind in kinds.values()), kinds
