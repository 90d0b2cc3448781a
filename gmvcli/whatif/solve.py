"""`solve` (SPEC §8): the value of one input at which a target is met, by bracketed root finding."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.data import r2
from gmvcli.errors import UsageError, shown
from gmvcli.messages import Msg, listing, msg
from gmvcli.model import BOUNDS, Merchant, Scenario
from gmvcli.numbers import NumberError, parse_number
from gmvcli.rows import METRIC_ROWS

if TYPE_CHECKING:
    import numpy as np

from gmvcli.whatif.fields import (
    FieldRef,
    NoSolution,
    WhatIfError,
    _applies,
    _check_periods,
    _current,
    _scalar,
    evaluate_points,
    parse_field,
)

#: "breakeven", or (metric, X) with metric "gmv" or "contribution"
Target = str | tuple[str, float]
TARGET_METRICS = METRIC_ROWS


def parse_target(text: str) -> Target:
    """`breakeven`, `gmv=X` or `contribution=X` (X as in scenario files: 50万, 1.2亿, 1200)."""
    s = text.strip()
    # breakeven means content = shelf (与货架持平, alias parity); 保本 is contribution = 0
    if s.lower() in ("breakeven", "parity") or s == "与货架持平":
        return "breakeven"
    if s == "保本":
        return ("contribution", 0.0)
    name, eq, value = s.partition("=")
    name = name.strip().lower()
    if not eq or name not in TARGET_METRICS:
        raise UsageError(msg("target.syntax", text=shown(text)))
    try:
        return (name, parse_number(value))
    except NumberError as exc:
        raise UsageError(
            msg("target.number", text=shown(text), value=shown(value.strip()), problem=exc.message)
        ) from None


def target_text(target: Target) -> str:
    """The target as JSON shows it: breakeven, gmv=500000, contribution=-1000.5."""
    if isinstance(target, str):
        return target
    name, x = target
    return f"{name}={_short(x)}"


def _short(x: float) -> str:
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


def _bound(x: float, kind: str = "") -> str:
    """A bound as the no-solution message shows it, as its field is written: 0%, 100%, ¥0,
    1,000,000,000,000,000 — never a raw 1e-12."""
    if kind in ("rate", "growth"):
        return f"{x * 100:g}%"
    if kind == "positive" and 0 < x < 1e-6:
        return "0"  # shown with an open bracket: more than 0
    return f"{x:,.0f}" if x == int(x) else f"{x:,g}"


def _interval(kind: str, lo: float, hi: float) -> str:
    """`[0%, 100%]`, `(0, 1,000,000,000,000,000]`."""
    opening = "(" if kind == "positive" else "["
    return f"{opening}{_bound(lo, kind)}, {_bound(hi, kind)}]"


class Solution(NamedTuple):
    """The value that meets the target; `check` is the metric recomputed by the engine there."""

    value: float  # full precision
    check: float  # the metric at value (advantage, gmv or contribution)
    lo: float  # the interval searched (the field's valid range)
    hi: float
    metric: str  # advantage | gmv | contribution
    model: str | None  # the model of gmv/contribution; None for advantage
    goal: float  # the value the metric should take: 0 for breakeven, else X
    path: str  # content.aov


def pick_merchant(
    scenario: Scenario,
    path: str,
    target: Target,
    merchant_id: str | None = None,
    periods: int | None = None,
) -> int:
    """The merchant to solve for: `--merchant ID`, or the ID: of `--for ID:PATH`, or else the one
    merchant the solve applies to (several: a usage error naming them, never a silent pick)."""
    field = parse_field(path, "--for")
    if merchant_id and field.merchant and merchant_id != field.merchant:
        raise UsageError(msg("solve.merchants_differ", path=shown(path), id=shown(merchant_id)))
    wanted = merchant_id or field.merchant
    if wanted is not None:
        for i, m in enumerate(scenario.merchants):
            if m.id == wanted:
                return i
        ids = listing(m.id for m in scenario.merchants)
        raise WhatIfError(msg("solve.no_merchant", id=shown(wanted), ids=ids))
    problems = []
    candidates = []
    for i, m in enumerate(scenario.merchants):
        why = _cannot_solve(m, field, target, periods)
        if why is None:
            candidates.append(i)
        else:
            problems.append(why)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        ids = listing(scenario.merchants[i].id for i in candidates)
        raise UsageError(msg("solve.which_merchant", name=field.name, ids=ids))
    if len(problems) == 1:
        raise WhatIfError(problems[0], field.name)
    if target == "breakeven":
        raise WhatIfError(msg("solve.nobody_both"), field.name)
    raise WhatIfError(msg("solve.nobody_field", name=field.name), field.name)


def _cannot_solve(
    merchant: Merchant, field: FieldRef, target: Target, periods: int | None = None
) -> Msg | None:
    why = _applies(merchant, field, periods)
    if why is not None:
        return why
    if target == "breakeven":
        if merchant.shelf is None or merchant.content is None:
            return msg("solve.needs_both", id=merchant.id)
    elif getattr(merchant, field.model) is None:
        return msg("whatif.no_model", id=merchant.id, section=msg("word." + field.model))
    return None


def solve(
    scenario: Scenario,
    merchant_index: int,
    path: str,
    target: Target,
    periods: int | None = None,
) -> Solution:
    """The value of `path` (merchant-relative, `content.aov`) at which the target is met.

    `breakeven`: content contribution − shelf contribution = 0; (`gmv`|`contribution`, X): that
    metric of the model `path` belongs to (content for merchant-level fields) equals X. Searched
    over the field's valid range: a coarse vectorised scan for a sign change (the one nearest the
    field's current value when there are several), then Brent's method on scalars.
    """
    field = parse_field(path, "--for")
    _check_periods(field, "--for", periods)
    merchant = scenario.merchants[merchant_index]
    if field.merchant is not None and field.merchant != merchant.id:
        raise UsageError(msg("solve.for_merchant", path=shown(path), id=merchant.id))
    why = _cannot_solve(merchant, field, target, periods)
    if why is not None:
        raise WhatIfError(why, field.name)
    if isinstance(target, str):
        if target != "breakeven":
            raise UsageError(msg("target.short", text=shown(target)))
        name, model, goal = "advantage", None, 0.0
    else:
        name, goal = target
        model = field.model
        if name not in TARGET_METRICS:
            raise UsageError(msg("target.short", text=name))
    lo, hi = BOUNDS[field.kind]

    def at(value: Any) -> Any:
        from gmvcli.uncertainty import metric

        outcome = evaluate_points(scenario, merchant_index, [field], [value], periods)
        return metric(outcome, name, model or "")

    def f(value: float) -> float:
        return float(at(value)) - goal

    current = _current(merchant, field)
    if _scalar(current) and lo <= current <= hi and f(current) == 0:
        return Solution(float(current), float(at(current)), lo, hi, name, model, goal, field.name)

    import numpy as np

    xs = _scan_points(lo, hi, current if _scalar(current) else None)
    with np.errstate(all="ignore"):  # reach_rate 0 in a forecast: fans = private ÷ 0
        ys = np.broadcast_to(np.asarray(at(xs), dtype=float), xs.shape) - goal
    bracket = _bracket(xs, ys, current if _scalar(current) else None)
    what = _what(name, model)
    interval = msg("solve.no_solution", interval=_interval(field.kind, lo, hi))
    if bracket is None:
        first, end = float(ys[0] + goal), float(ys[-1] + goal)
        if np.all(ys == ys[0]):
            detail = msg("solve.flat", what=what, value=_money(first), field=field.name)
        else:
            low, high = float(np.min(ys) + goal), float(np.max(ys) + goal)
            detail = msg("solve.between", what=what, low=_money(low), high=_money(high))
            if first in (low, high) and end in (low, high):
                detail = msg("solve.goes", what=what, first=_money(first), end=_money(end))
        problem = msg("solve.never", interval=interval, detail=detail, goal=_money(goal))
        raise NoSolution(problem, field.name, lo, hi)
    a, b = bracket
    fa, fb = float(ys[a]), float(ys[b])
    value = (
        float(xs[a])
        if fa == 0
        else float(xs[b])
        if fb == 0
        else _brent(f, float(xs[a]), float(xs[b]), fa, fb)
    )
    check = float(at(value))
    scale = max(abs(goal), abs(fa + goal), abs(fb + goal), 1.0)
    if abs(check - goal) > 1e-6 * scale:
        # a jump (a bet's target met or not) rather than a crossing: no value gives the target
        problem = msg(
            "solve.jumps",
            interval=interval,
            what=what,
            goal=_money(goal),
            field=field.name,
            value=f"{value:.9g}",
        )
        raise NoSolution(problem, field.name, lo, hi)
    return Solution(value, check, lo, hi, name, model, goal, field.name)


def _what(name: str, model: str | None) -> Msg:
    if model is None:
        return msg("solve.what.advantage")
    return msg("solve.what", model=msg("word." + model), metric=msg("word." + name))


def _money(x: float) -> str:
    return f"{r2(x):,.2f}".rstrip("0").rstrip(".")


def _scan_points(lo: float, hi: float, current: float | None) -> np.ndarray:
    """A coarse grid over [lo, hi]: linear, plus logarithmic near 0 (for ranges up to 1e15)."""
    import numpy as np

    parts = [np.linspace(lo, hi, 1001)]
    tiny = 1e-12
    if hi > tiny:
        decades = math.log10(hi / max(lo, tiny))
        parts.append(np.geomspace(max(lo, tiny), hi, int(decades * 40) + 2))
    if lo < -tiny:
        decades = math.log10(-lo / tiny)
        parts.append(-np.geomspace(tiny, -lo, int(decades * 40) + 2))
    if current is not None:
        parts.append(np.array([current]))
    xs = np.unique(np.clip(np.concatenate(parts), lo, hi))
    return xs + 0.0


def _bracket(xs: np.ndarray, ys: np.ndarray, current: float | None) -> tuple[int, int] | None:
    """Neighbouring scan points (i, i+1) where the function is 0 or changes sign, nearest to the
    current value (else the first)."""
    import numpy as np

    finite = np.isfinite(ys)
    sign = np.sign(ys)
    crossing = (sign[:-1] * sign[1:] < 0) & finite[:-1] & finite[1:]
    zero = (ys == 0) & finite
    candidates = [(int(i), int(i) + 1) for i in np.nonzero(crossing)[0]]
    candidates += [(int(i), int(i)) for i in np.nonzero(zero)[0]]
    if not candidates:
        return None
    if current is None:
        return min(candidates)

    def distance(pair: tuple[int, int]) -> tuple[float, int]:
        a, b = float(xs[pair[0]]), float(xs[pair[1]])
        return (0.0 if a <= current <= b else min(abs(a - current), abs(b - current)), pair[0])

    return min(candidates, key=distance)


def _brent(
    f: Callable[[float], float],
    a: float,
    b: float,
    fa: float,
    fb: float,
    rtol: float = 1e-12,
    atol: float = 1e-300,
    max_iter: int = 500,
) -> float:
    """A root of f in [a, b], where fa and fb have opposite signs (Brent 1973, `zeroin`)."""
    eps = 2.220446049250313e-16
    c, fc = a, fa
    d = e = b - a
    for _ in range(max_iter):
        if (fb > 0 and fc > 0) or (fb < 0 and fc < 0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol = 2 * eps * abs(b) + 0.5 * max(rtol * abs(b), atol)
        m = 0.5 * (c - b)
        if abs(m) <= tol or fb == 0:
            return b
        if abs(e) >= tol and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:  # secant
                p, q = 2 * m * s, 1 - s
            else:  # inverse quadratic interpolation
                q, r = fa / fc, fb / fc
                p = s * (2 * m * q * (q - r) - (b - a) * (r - 1))
                q = (q - 1) * (r - 1) * (s - 1)
            if p > 0:
                q = -q
            else:
                p = -p
            if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)):
                e, d = d, p / q
            else:
                d = e = m
        else:
            d = e = m
        a, fa = b, fb
        b += d if abs(d) > tol else (tol if m > 0 else -tol)
        fb = f(b)
    return b  # pragma: no cover - the interval halves at least every other step


def solve_json(
    file: str, merchant_id: str, target: Target, solution: Solution, periods: int | None = None
) -> dict[str, Any]:
    """`{"file", "merchant", "for", "target", "value", "check", "periods"}`: value unrounded,
    check in cents, periods 1 or the forecast length used (SPEC §8)."""
    return {
        "file": file,
        "merchant": merchant_id,
        "for": solution.path,
        "target": target_text(target),
        "value": solution.value,
        "check": r2(solution.check),
        "periods": periods or 1,
    }
