"""Rounding whole columns exactly as `round(x, n) + 0.0` rounds one number (SPEC §7: money and
counts to 2 decimals, ratios to 6), so a score column, a forecast's or a sweep's columns and the
compare/forecast JSON agree bit for bit. The one implementation: data.round_many, round_columns,
the sweep, score and the column forecast's JSON all call `round_exact`.

numpy's `np.round(x, n)` computes `rint(x·10ⁿ) / 10ⁿ`; Python's `round` rounds the exact binary value
of x half-to-even and returns the double nearest that decimal. The two agree unless x·10ⁿ, as a float,
lies within its own rounding error of a half-integer (or is too large for rint to matter): those few
elements are rounded by Python itself. The margin, |x·10ⁿ|·10⁻¹⁵, is more than 4 ulp of x·10ⁿ (the
product's own error is at most half an ulp), so no element whose rounding is in doubt escapes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: beyond this x·10ⁿ has no fractional bits worth trusting; let Python round
_LARGE = 2.0**50


def round_exact(x: np.ndarray, digits: int) -> np.ndarray:
    """`round(v, digits) + 0.0` for every element of `x`, of any shape (NaN stays NaN)."""
    import numpy as np

    scale = 10.0**digits
    with np.errstate(invalid="ignore", over="ignore"):
        y = x * scale
        k = np.rint(y)
        out = k / scale + 0.0
        near_half = np.abs(np.abs(y - np.trunc(y)) - 0.5) <= np.abs(y) * 1e-15 + 1e-300
        doubtful = near_half | (np.abs(y) >= _LARGE)
    doubtful &= np.isfinite(x)
    if doubtful.any():
        idx = np.nonzero(doubtful)  # any shape: a column, or rows of columns
        out[idx] = [round(float(v), digits) + 0.0 for v in x[idx]]
    return out


def at_least_in_cents(a: Any, b: Any) -> Any:
    """a ≥ b compared in cents, as printed, so a tie stays a tie whatever the float rounding (the
    crossover of SPEC §5: cumulative content contribution ≥ shelf's): for numbers, or
    element-wise for arrays (rounded as `round` rounds, by round_exact)."""
    if isinstance(a, int | float):
        return round(a, 2) >= round(b, 2)
    return round_exact(a, 2) >= round_exact(b, 2)
