"""lib.settings.weights_for_ratio: class weights for a weight-ratio slider."""

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lib.i18n import LabError
from lib.settings import WEIGHT_MAX, WEIGHT_MIN, weights_for_ratio

w0s = st.floats(1e-3, 1e5)
ratios = st.floats(1e-8, 1e8)
#: Relative error of rounding to four significant digits (half a unit in the 4th digit).
FOUR_DIGITS = 5e-4


def four_digits(value: float) -> float:
    return float(f"{value:.4g}")


@settings(deadline=None, max_examples=200)
@given(w0s, ratios)
@example(1.0, 1e8)
@example(1.0, 1e-8)
@example(1e5, 1e8)
@example(1e-3, 1e-8)
@example(WEIGHT_MIN, WEIGHT_MIN / WEIGHT_MAX)
@example(3.0, 99_999.0 / 3.0)
def test_result_is_within_the_bounds_and_keeps_the_ratio(w0, r):
    new0, new1 = weights_for_ratio(w0, 1.0, r)
    assert WEIGHT_MIN <= new0 <= WEIGHT_MAX
    assert WEIGHT_MIN <= new1 <= WEIGHT_MAX
    if WEIGHT_MIN / WEIGHT_MAX <= r <= WEIGHT_MAX / WEIGHT_MIN:
        assert new1 / new0 == pytest.approx(r, rel=FOUR_DIGITS * (1 + 1e-9))


@settings(deadline=None, max_examples=200)
@given(w0s, ratios, st.floats())
@example(2.5, 3.0, 1.0)
@example(1e-3, 1.0, 1.0)
@example(1e5, 1.0, 1.0)
@example(0.5, 2e5, 1.0)
@example(0.5, 2e-3, 1.0)
def test_w0_is_kept_when_the_bounds_allow(w0, r, w1):
    # w1 is replaced whatever it was (even NaN).
    new0, new1 = weights_for_ratio(w0, w1, r)
    if WEIGHT_MIN <= w0 * r <= WEIGHT_MAX:
        # Up to the last bit when w0 * r rounds onto a bound
        # (test_w0_is_kept_exactly_when_w0_times_r_rounds_onto_a_bound).
        assert new0 == pytest.approx(w0, rel=1e-15, abs=0)
        assert new1 == four_digits(new0 * r)
    if WEIGHT_MIN * (1 + 1e-12) <= w0 * r <= WEIGHT_MAX * (1 - 1e-12):
        assert new0 == w0
        assert new1 == four_digits(w0 * r)


def test_w0_is_kept_exactly_when_w0_times_r_rounds_onto_a_bound():
    r = WEIGHT_MIN / 1.9
    assert 1.9 * r == WEIGHT_MIN
    assert weights_for_ratio(1.9, 1.0, r) == (1.9, WEIGHT_MIN)


@pytest.mark.parametrize(
    ("w0", "r", "expected"),
    [
        (1.0, 25.0, (1.0, 25.0)),
        (2.0, 1 / 3, (2.0, 0.6667)),
        (1.0, 12_345.678, (1.0, 12_350.0)),
        # Both weights move together when w1 would leave the bounds.
        (10.0, 1e5, (1.0, 1e5)),
        (1.0, 1e-4, (10.0, 1e-3)),
        # Beyond WEIGHT_MAX / WEIGHT_MIN the ratio itself is clipped.
        (1.0, 1e9, (WEIGHT_MIN, WEIGHT_MAX)),
        (1.0, 1e-9, (WEIGHT_MAX, WEIGHT_MIN)),
        # An out-of-bounds w0 is brought inside.
        (1e-6, 1.0, (WEIGHT_MIN, WEIGHT_MIN)),
        (1e7, 1.0, (WEIGHT_MAX, WEIGHT_MAX)),
    ],
)
def test_examples(w0, r, expected):
    new0, new1 = weights_for_ratio(w0, 1.0, r)
    assert new0 == pytest.approx(expected[0], rel=1e-12)
    assert new1 == pytest.approx(expected[1], rel=1e-12)


@settings(deadline=None, max_examples=50)
@given(w0s, st.floats(1e8, 1e300))
def test_ratios_beyond_the_bounds_are_clipped(w0, big):
    assert weights_for_ratio(w0, 1.0, big) == (WEIGHT_MIN, WEIGHT_MAX)
    small0, small1 = weights_for_ratio(w0, 1.0, 1.0 / big)
    assert small0 == pytest.approx(WEIGHT_MAX, rel=1e-12) and small1 == WEIGHT_MIN


BAD = [math.nan, math.inf, -math.inf, 0.0, -0.0, -1.0, -1e-300]


@pytest.mark.parametrize("bad", BAD)
def test_bad_ratio_raises(bad):
    with pytest.raises(LabError) as err:
        weights_for_ratio(1.0, 1.0, bad)
    assert err.value.key == "error.weights.ratio"


@pytest.mark.parametrize("bad", BAD)
def test_bad_w0_raises(bad):
    with pytest.raises(LabError):
        weights_for_ratio(bad, 1.0, 2.0)


@settings(deadline=None, max_examples=50)
@given(w0s, ratios)
def test_idempotent_on_its_own_output(w0, r):
    # Applying the same ratio to the result changes nothing beyond the rounding of w1.
    new0, new1 = weights_for_ratio(w0, 1.0, r)
    again0, again1 = weights_for_ratio(new0, new1, r)
    assert again0 == pytest.approx(new0, rel=1e-15)
    assert again1 == pytest.approx(new1, rel=1e-12)
