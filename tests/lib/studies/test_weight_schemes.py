"""Tests of lib.studies.weight_schemes: the numbers of the class-weight schemes page."""

import numpy as np
import pytest

from lib.data import long_tail_counts
from lib.i18n import LabError
from lib.studies.weight_schemes import MIN_ONE_MINUS_BETA, SCHEMES, weight_schemes
from lib.weights import effective_number, weights_from_counts


def test_the_study_holds_the_lib_weights_of_every_scheme():
    study = weight_schemes(2000, 200, beta=0.99)
    counts = long_tail_counts(2000, 200)
    np.testing.assert_array_equal(study.counts, counts)
    assert study.n_classes == 7
    assert study.n_samples == int(counts.sum())
    assert tuple(study.weights) == SCHEMES
    for scheme in SCHEMES:
        np.testing.assert_array_equal(
            study.weights[scheme], weights_from_counts(counts, scheme, beta=0.99)
        )
    np.testing.assert_array_equal(study.effective, effective_number(counts, beta=0.99))


def test_normalised_schemes_sum_to_k_and_favour_the_tail():
    study = weight_schemes(5000, 1000, beta=0.999)
    for scheme in ("ins", "isns", "ens"):
        assert study.weights[scheme].sum() == pytest.approx(study.n_classes)
        assert np.all(np.diff(study.weights[scheme]) >= 0)


def test_the_ens_sweep_runs_from_ins_like_to_uniform():
    study = weight_schemes(2000, 200, beta=0.999, n_betas=40)
    assert study.one_minus_beta.shape == (40,)
    assert study.ens_sweep.shape == (40, 7)
    assert study.one_minus_beta[0] == pytest.approx(MIN_ONE_MINUS_BETA)
    assert study.one_minus_beta[-1] == pytest.approx(1.0)
    # 1 - beta = 1 (beta = 0): every class counts once, the weights are equal.
    np.testing.assert_allclose(study.ens_sweep[-1], np.ones(7))
    np.testing.assert_allclose(study.ens_sweep.sum(axis=1), 7.0)
    assert study.beta_mark == pytest.approx(1e-3)
    assert weight_schemes(2000, 200, beta=0.0).beta_mark == 1.0


def test_tables_carry_the_given_labels():
    study = weight_schemes(500, 10, beta=0.9)
    classes = [f"c{c}" for c in range(7)]
    weights = study.weight_table({s: s.upper() for s in SCHEMES}, classes)
    assert list(weights.columns) == ["BALANCED", "INS", "ISNS", "ENS"]
    assert list(weights.index) == classes
    np.testing.assert_array_equal(weights["ENS"], study.weights["ens"])
    counts = study.count_table("n", "E", classes)
    assert list(counts.columns) == ["n", "E"]
    np.testing.assert_array_equal(counts["n"], study.counts)
    with pytest.raises(LabError, match="same number"):
        study.count_table("n", "E", classes[:3])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"head": 1, "tail": 10}, "n_max"),
        ({"head": 100, "tail": 0.5}, "imbalance"),
        ({"head": 100, "tail": 10, "beta": 1.0}, "beta"),
        ({"head": 100, "tail": 10, "n_betas": 1}, "n_betas"),
    ],
)
def test_bad_arguments_raise_lab_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        weight_schemes(**kwargs)
