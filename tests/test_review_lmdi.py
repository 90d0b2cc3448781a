"""LMDI-I (SPEC §10): hand-worked cases, the analytical limit at zero, and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gmvcli.review.lmdi import effects, log_mean, round_to_sum

F = ("uv", "minutes", "rate")


def test_log_mean_hand_worked() -> None:
    # L(4, 2) = (4 − 2) ÷ ln 2 = 2.885390…
    assert log_mean(4, 2) == pytest.approx(2 / math.log(2), rel=1e-15)
    assert log_mean(3, 3) == 3
    assert log_mean(5, 0) == 0
    # near-equal arguments: no cancellation (the series), continuous with the exact formula
    assert log_mean(1 + 1e-9, 1) == pytest.approx(1 + 0.5e-9, rel=1e-15)


def test_two_factors_hand_worked() -> None:
    # plan 100 visitors × ¥10 = ¥1,000; actual 200 × ¥5 = ¥1,000: no change, two equal and opposite
    # effects L(1000, 1000) · ln 2 = 1000 · 0.693147 = ¥693.15
    e = effects(("uv", "aov"), {"uv": 100, "aov": 10}, {"uv": 200, "aov": 5})
    assert e["uv"] == pytest.approx(1000 * math.log(2))
    assert e["aov"] == pytest.approx(-1000 * math.log(2))
    assert e["uv"] + e["aov"] == 0


def test_three_factors_hand_worked() -> None:
    # V0 = 100 × 4 × 0.01 = 4; V1 = 150 × 3 × 0.01 = 4.5; L(4.5, 4) = 0.5 ÷ ln 1.125 = 4.245…
    # uv: L · ln 1.5 = 1.7213, minutes: L · ln 0.75 = −1.2213, rate: 0
    before = {"uv": 100, "minutes": 4, "rate": 0.01}
    after = {"uv": 150, "minutes": 3, "rate": 0.01}
    e = effects(F, before, after)
    weight = 0.5 / math.log(1.125)
    assert e["uv"] == pytest.approx(weight * math.log(1.5))
    assert e["minutes"] == pytest.approx(weight * math.log(0.75))
    assert e["rate"] == 0
    assert sum(e.values()) == pytest.approx(0.5, abs=1e-15)


def test_zero_on_one_side_takes_the_whole_change() -> None:
    # no sessions at all (uv 0): visitors carry the whole −¥4, nothing else moves
    e = effects(F, {"uv": 100, "minutes": 4, "rate": 0.01}, {"uv": 0, "minutes": 5, "rate": 0.02})
    assert e == {"uv": -4.0, "minutes": 0.0, "rate": 0.0}
    # from nothing to something: the factor that was 0 carries it
    e = effects(F, {"uv": 100, "minutes": 4, "rate": 0}, {"uv": 120, "minutes": 4, "rate": 0.01})
    assert e == {"uv": 0.0, "minutes": 0.0, "rate": pytest.approx(4.8)}


def test_several_zero_factors_share_equally() -> None:
    e = effects(F, {"uv": 100, "minutes": 4, "rate": 0.01}, {"uv": 0, "minutes": 0, "rate": 0.01})
    assert e == {"uv": -2.0, "minutes": -2.0, "rate": 0.0}


def test_zero_on_both_sides_moves_nothing() -> None:
    e = effects(F, {"uv": 0, "minutes": 4, "rate": 0.01}, {"uv": 10, "minutes": 4, "rate": 0})
    assert e == dict.fromkeys(F, 0.0)


def test_round_to_sum_adds_up_to_the_rounded_total() -> None:
    values = {"a": 0.333333, "b": 0.333333, "c": 0.333334}
    out = round_to_sum(values, 1.0)
    assert round(sum(out.values()), 2) == 1.0
    assert all(abs(out[k] - values[k]) <= 0.01 for k in values)


positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
factor_values = st.fixed_dictionaries({k: positive for k in F})
with_zeros = st.fixed_dictionaries({k: st.one_of(st.just(0.0), positive) for k in F})


@given(factor_values, factor_values)
def test_effects_sum_to_the_change_exactly(
    before: dict[str, float], after: dict[str, float]
) -> None:
    e = effects(F, before, after)
    v0, v1 = math.prod(before.values()), math.prod(after.values())
    # exact up to the float precision of the values themselves
    assert sum(e.values()) == pytest.approx(v1 - v0, rel=1e-12, abs=1e-13 * max(v0, v1))


@given(with_zeros, with_zeros)
def test_time_reversal_negates_every_effect(
    before: dict[str, float], after: dict[str, float]
) -> None:
    forward = effects(F, before, after)
    backward = effects(F, after, before)
    scale = max(math.prod(before.values()), math.prod(after.values()), 1)
    for k in F:
        assert backward[k] == pytest.approx(-forward[k], rel=1e-9, abs=1e-12 * scale)


@given(with_zeros, with_zeros)
def test_zero_values_still_add_up(before: dict[str, float], after: dict[str, float]) -> None:
    e = effects(F, before, after)
    v0, v1 = math.prod(before.values()), math.prod(after.values())
    assert all(math.isfinite(v) for v in e.values())
    assert sum(e.values()) == pytest.approx(v1 - v0, rel=1e-9, abs=1e-13 * max(v0, v1, 1))


@given(st.dictionaries(st.sampled_from("abcdef"), st.floats(-1e7, 1e7), min_size=1))
def test_round_to_sum_property(values: dict[str, float]) -> None:
    total = sum(values.values())
    out = round_to_sum(values, total)
    assert round(sum(out.values()), 2) == pytest.approx(round(total, 2), abs=1e-6)
    assert all(abs(out[k] - values[k]) <= 0.0100001 * max(1, len(values)) for k in values)
