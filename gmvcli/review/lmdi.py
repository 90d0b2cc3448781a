"""Additive LMDI-I (Ang 2005, "The LMDI approach to decomposition analysis: a practical guide").

V = Π x_k. The effect of factor k on V_1 − V_0 is L(V_1, V_0) · ln(x_k,1 ÷ x_k,0), with the logarithmic
mean L(a, b) = (a − b) ÷ (ln a − ln b) and L(a, a) = a. The effects add up to V_1 − V_0 exactly.

Zero values take the analytical limit (Ang & Liu 2007): when V is 0 on one side, the factors that are
0 there share the whole change equally and the others move nothing; never a small-number substitute.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def log_mean(a: float, b: float) -> float:
    """L(a, b) = (a − b) ÷ (ln a − ln b); L(a, a) = a; L(a, 0) = 0 (its limit)."""
    if a <= 0 or b <= 0:
        return 0.0
    if a == b:
        return a
    # (a − b) ÷ ln(a ÷ b) is better conditioned than the difference of two logarithms
    ratio = a / b
    if abs(ratio - 1) < 1e-6:
        # L = b · (r − 1) ÷ ln r, expanded around r = 1 to avoid cancellation
        x = ratio - 1
        return b * (1 + x / 2 - x * x / 12)
    return (a - b) / math.log(ratio)


def product(values: Sequence[float]) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


def effects(
    factors: Sequence[str], before: Mapping[str, float], after: Mapping[str, float]
) -> dict[str, float]:
    """The additive LMDI-I effect of each factor on Π after − Π before (factors ≥ 0)."""
    v0 = product([before[k] for k in factors])
    v1 = product([after[k] for k in factors])
    out = dict.fromkeys(factors, 0.0)
    if v0 == v1 == 0:
        return out
    if v0 == 0 or v1 == 0:
        side = before if v0 == 0 else after
        zero = [k for k in factors if side[k] == 0]
        share = (v1 - v0) / len(zero)
        for k in zero:
            out[k] = share
        return out
    weight = log_mean(v1, v0)
    for k in factors:
        out[k] = weight * math.log(after[k] / before[k])
    # the effects add up to the change exactly in real numbers; put the float error where it is
    # smallest in relative terms, so the sum is exact as printed
    gap = (v1 - v0) - sum(out.values())
    if gap and factors:
        biggest = max(factors, key=lambda k: abs(out[k]))
        out[biggest] += gap
    return out


def round_to_sum(values: Mapping[str, float], total: float, decimals: int = 2) -> dict[str, float]:
    """Round each value to `decimals` so that the rounded values add up to round(total, decimals)
    (largest remainder): a table's effects then sum to its delta, cent for cent."""
    scale = 10**decimals
    exact = {k: v * scale for k, v in values.items()}
    floors = {k: math.floor(v) for k, v in exact.items()}
    want = round(round(total, decimals) * scale)  # the total as printed (r2), in cents
    short = want - sum(floors.values())
    order = sorted(exact, key=lambda k: exact[k] - floors[k], reverse=True)
    if short < 0:
        order = sorted(exact, key=lambda k: exact[k] - floors[k])
    out = dict(floors)
    for k in order[: abs(short)]:
        out[k] += 1 if short > 0 else -1
    if abs(short) > len(order):  # the values do not add up to total: plain rounding
        return {k: round(v, decimals) + 0.0 for k, v in values.items()}
    return {k: round(v / scale, decimals) + 0.0 for k, v in out.items()}
