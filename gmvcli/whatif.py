"""SPEC §8 what-if: `sweep` (a grid of input values, evaluated vectorised) and `solve` (the value
of one input at which a target is met, by bracketed root finding).

Both put numbers or numpy arrays into a scenario with `uncertainty.with_value` and run the same
engine as `compare` (`uncertainty.evaluate`), so a sweep point is exactly `compare` with that
value `--set`. numpy is imported inside the functions, as in `uncertainty`.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.data import r2
from gmvcli.errors import Problem, UsageError, shown
from gmvcli.messages import Msg, msg
from gmvcli.model import BOUNDS, KINDS, SECTIONS, Forecast, Invalid, Merchant, Scenario
from gmvcli.numbers import NumberError, parse_number
from gmvcli.render.csv import cell

if TYPE_CHECKING:
    import numpy as np

    from gmvcli.uncertainty import Outcome

#: the largest grid `sweep` evaluates (SPEC §8); merchants multiply the rows, not the grid
MAX_GRID = 1_000_000
#: STOP belongs to the grid when it is this close (relative, in steps) to a grid point
ON_GRID = 1e-9
#: the columns of a sweep row after the varied paths
SWEEP_METRICS = (
    "shelf_gmv",
    "content_gmv",
    "shelf_contribution",
    "content_contribution",
    "advantage",
)
_FORMAT = "[MERCHANT_ID:]PATH=START:STOP:STEP or [MERCHANT_ID:]PATH=v1,v2,..."


class WhatIfError(Exception):
    """A sweep or solve that cannot be done for this file (exit 1, like an invalid input)."""

    def __init__(self, message: Msg, path: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.path = path

    def problem(self, file: str) -> Problem:
        """The error as a located problem: `FILE: path: message`."""
        return Problem(file, self.message, path=self.path)


class NoSolution(WhatIfError):
    """No value in the field's valid range [lo, hi] meets the target."""

    def __init__(self, message: Msg, path: str, lo: float, hi: float) -> None:
        super().__init__(message, path)
        self.lo = lo
        self.hi = hi


# --- fields --------------------------------------------------------------------------------------


class FieldRef(NamedTuple):
    """A merchant-relative numeric field, as in `--set`: `content.aov`, `weiwei:shelf.uv`."""

    merchant: str | None  # the ID: prefix, if any
    path: tuple[str, ...]  # ("content", "aov"), ("cogs_rate",)
    kind: str  # a key of model.BOUNDS

    @property
    def name(self) -> str:
        return ".".join(self.path)

    @property
    def section(self) -> str | None:
        """shelf, content or forecast; None for a merchant-level field such as cogs_rate."""
        return self.path[0] if len(self.path) > 1 else None

    @property
    def model(self) -> str:
        """The model the field belongs to: merchant-level and forecast fields count as content."""
        return "shelf" if self.section == "shelf" else "content"


def numeric_paths() -> list[str]:
    """Every merchant-relative path that can be varied or solved for."""
    paths = [f.name for f in SECTIONS["merchant"] if f.kind in BOUNDS]
    for section in ("shelf", "content", "forecast"):
        paths += [f"{section}.{f.name}" for f in SECTIONS[section] if f.kind in BOUNDS]
    return paths


def _kinds() -> dict[str, str]:
    kinds = {f.name: f.kind for f in SECTIONS["merchant"]}
    for section in ("shelf", "content", "forecast"):
        kinds.update({f"{section}.{f.name}": f.kind for f in SECTIONS[section]})
    return kinds


def parse_field(text: str, option: str, arg: str | None = None) -> FieldRef:
    """`[MERCHANT_ID:]PATH` → FieldRef; UsageError naming the valid fields when PATH is not one."""
    arg = text if arg is None else arg
    merchant, colon, path = text.strip().rpartition(":")
    path = path.strip()
    valid = numeric_paths()
    kind = _kinds().get(path)
    if kind not in BOUNDS:
        if kind is None:
            match = difflib.get_close_matches(path, valid, n=1, cutoff=0.6)
            hint: Msg | str = msg("hint.did_you_mean_short", word=match[0]) if match else ""
            raise UsageError(
                msg(
                    "field.unknown",
                    option=option,
                    arg=shown(arg),
                    path=shown(path),
                    hint=hint,
                    valid=", ".join(valid),
                )
            )
        raise UsageError(
            msg(
                "field.not_numeric",
                option=option,
                arg=shown(arg),
                path=path,
                valid=", ".join(valid),
            )
        )
    if colon and not merchant.strip():
        raise UsageError(msg("set.empty_id", option=option, arg=shown(arg)))
    return FieldRef(merchant.strip() if colon else None, tuple(path.split(".")), kind)


def _file_path(index: int, field: FieldRef) -> tuple[str | int, ...]:
    return ("merchants", index, *field.path)


def _current(merchant: Merchant, field: FieldRef) -> Any:
    record: Any = merchant
    for part in field.path:
        if record is None:
            return None
        record = getattr(record, part)
    return record


def _applies(merchant: Merchant, field: FieldRef, periods: int | None = None) -> Msg | None:
    """Why `field` cannot be changed on this merchant (None when it can)."""
    if (
        periods is not None
        and _unforecastable(merchant)
        and field.path != ("content", "reach_rate")
    ):
        return msg("whatif.unforecastable", id=merchant.id)
    section = field.section
    if section in ("shelf", "content") and getattr(merchant, section) is None:
        return msg("whatif.no_model", id=merchant.id, section=msg("word." + section))
    content = merchant.content
    if field.path == ("content", "fans") and content is not None:
        if content.private_uv is not None:
            return msg("whatif.fans_unused_private", id=merchant.id)
        if content.reach_rate is None:
            return msg("whatif.fans_unused_reach", id=merchant.id)
    if field.path == ("content", "private_uv") and content is not None and content.fans is not None:
        return msg("whatif.private_unused", id=merchant.id)
    return None


def _unforecastable(merchant: Merchant) -> bool:
    """SPEC §5: private visitors without a reach_rate cannot be forecast."""
    from gmvcli.engine import private_uv

    content = merchant.content
    return content is not None and not content.reach_rate and private_uv(content) > 0


def _put(
    scenario: Scenario, index: int, fields: Sequence[FieldRef], values: Sequence[Any]
) -> Scenario:
    """The scenario with each field of merchant `index` set to its value (numbers or arrays)."""
    from gmvcli.uncertainty import with_value

    merchant = scenario.merchants[index]
    if any(f.section == "forecast" for f in fields) and merchant.forecast is None:
        # with_value leaves a missing section alone: give the merchant an empty forecast section
        merchants = list(scenario.merchants)
        merchants[index] = merchant._replace(forecast=Forecast())
        scenario = scenario._replace(merchants=tuple(merchants))
    for field, value in zip(fields, values, strict=True):
        scenario = with_value(scenario, _file_path(index, field), value)
    content = scenario.merchants[index].content
    if (
        content is not None
        and content.private_uv is None
        and content.fans is not None
        and content.reach_rate is not None
        and not (_scalar(content.fans) and _scalar(content.reach_rate))
    ):
        # engine.private_uv turns fans × reach_rate into one float, which an array is not: give
        # the engine the same product, computed the same way (`fans * reach_rate`). Forecasts
        # still start from `fans`, as they do when the file gives fans.
        merchants = list(scenario.merchants)
        content = content._replace(private_uv=content.fans * content.reach_rate)
        merchants[index] = merchants[index]._replace(content=content)
        scenario = scenario._replace(merchants=tuple(merchants))
    return scenario


def evaluate_points(
    scenario: Scenario,
    index: int,
    fields: Sequence[FieldRef],
    values: Sequence[Any],
    periods: int | None = None,
) -> Outcome:
    """uncertainty.evaluate of merchant `index` with each field set to its value: numbers, or
    arrays of the same length (evaluated as arrays; point by point where the engine cannot)."""
    from gmvcli.uncertainty import Outcome, evaluate

    trial = _put(scenario, index, fields, values)
    if all(_scalar(v) for v in values):
        return evaluate(trial, trial.merchants[index], periods)
    try:
        return evaluate(trial, trial.merchants[index], periods)
    except (TypeError, ValueError):
        # a piece of the engine that tests a number with `if`/`or` (forecast.py reads
        # `content.reach_rate or 0.0`) cannot take an array: the slow way, one point at a time
        import numpy as np

        n = len(values[0])
        points = [
            evaluate_points(scenario, index, fields, [float(v[j]) for v in values], periods)
            for j in range(n)
        ]

        def stack(model: str) -> dict[str, Any] | None:
            first = getattr(points[0], model)
            if first is None:
                return None
            return {k: np.array([getattr(p, model)[k] for p in points]) for k in first}

        return Outcome(stack("shelf"), stack("content"))


def _scalar(value: Any) -> bool:
    return isinstance(value, int | float)


def _check_periods(field: FieldRef, option: str, periods: int | None) -> None:
    if field.section == "forecast" and periods is None:
        raise UsageError(msg("field.forecast_only", option=option, name=field.name))


# --- sweep ---------------------------------------------------------------------------------------


class Vary(NamedTuple):
    """One `--vary`: a field and its values, a range START:STOP:STEP or a list v1,v2,..."""

    arg: str
    field: FieldRef
    size: int  # number of values
    start: float = 0.0  # range: start + i × step, i = 0..size-1 (the last is STOP when on the grid)
    step: float = 0.0
    stop: float | None = None  # STOP when it is on the grid (then it is the last value exactly)
    items: tuple[float, ...] | None = None  # list

    @property
    def name(self) -> str:
        return self.field.name

    def at(self, indices: np.ndarray) -> np.ndarray:
        """The values at these positions (an array of ints), without building the whole axis."""
        import numpy as np

        if self.items is not None:
            picked: np.ndarray = np.asarray(self.items, dtype=float)[indices]
            return picked
        values = self.start + indices.astype(float) * self.step
        places = max(_places(self.start), _places(self.step))
        biggest = max(abs(self.start), abs(self.start + (self.size - 1) * self.step))
        if places <= 15 and biggest * 10.0**places < 2.0**52:
            # 0.1 + 2 × 0.1 is 0.30000000000000004: round back to the digits the user wrote
            values = np.round(values, places)
        if self.stop is not None:
            values = np.where(indices == self.size - 1, self.stop, values)
        return values + 0.0  # no -0.0

    def lowest(self) -> float:
        return min(self.items) if self.items is not None else self.start

    def values(self) -> list[float]:
        """Every value (for a grid that passed check_grid)."""
        import numpy as np

        return [float(v) for v in self.at(np.arange(self.size)).tolist()]


def _places(x: float) -> int:
    """Decimal places of the shortest repr of x: 0.025 → 3, 1e15 → 0."""
    exponent = Decimal(repr(x)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _number(text: str, arg: str, field: FieldRef) -> float:
    if not text.strip():
        raise UsageError(msg("vary.missing", arg=shown(arg), format=_FORMAT))
    try:
        value = parse_number(text)
    except NumberError as exc:
        hint: Msg | str = msg("hint.vary_forms")
        if exc.message.code != "number.unreadable":
            hint = msg("hint.dash", hint=exc.hint) if exc.hint else ""
        raise UsageError(
            msg(
                "vary.number",
                arg=shown(arg),
                text=shown(text.strip()),
                problem=exc.message,
                hint=hint,
            )
        ) from None
    _in_range(value, text.strip(), arg, field)
    return value


def _in_range(value: float, text: str, arg: str, field: FieldRef) -> None:
    try:
        KINDS[field.kind][0](value)
    except Invalid as exc:
        hint: Msg | str = ""
        if field.kind == "rate" and 1 < value <= 100:
            hint = msg("hint.vary_percent", text=text)
        raise UsageError(
            msg(
                "vary.range",
                arg=shown(arg),
                text=text,
                problem=exc.message,
                name=field.name,
                hint=hint,
            )
        ) from None


def parse_vary(arg: str) -> Vary:
    """`[ID:]PATH=START:STOP:STEP` or `[ID:]PATH=v1,v2,...`, values as in scenario files (§2).

    Commas separate list values, so write thousands without separators (1200, 1.2万), not 1,200.
    """
    left, eq, text = arg.partition("=")
    if not eq or not left.strip() or not text.strip():
        raise UsageError(msg("vary.syntax", arg=shown(arg), format=_FORMAT))
    field = parse_field(left, "--vary", arg)
    if field.kind == "periods":  # pragma: no cover - parse_field accepts numeric kinds only
        raise UsageError(msg("vary.not_variable", arg=shown(arg), name=field.name))
    text = text.strip().replace("：", ":").replace("，", ",")
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise UsageError(msg("vary.range_syntax", arg=shown(arg)))
        start = _number(parts[0], arg, field)
        stop = _number(parts[1], arg, field)
        try:
            step = parse_number(parts[2])
        except NumberError as exc:
            raise UsageError(msg("vary.step", arg=shown(arg), problem=exc.message)) from None
        if step <= 0:
            raise UsageError(msg("vary.step_positive", arg=shown(arg)))
        if start > stop:
            raise UsageError(msg("vary.empty_range", arg=shown(arg)))
        steps = (stop - start) / step
        nearest = round(steps)
        if abs(steps - nearest) <= ON_GRID * max(1.0, abs(steps)):
            return Vary(arg, field, int(nearest) + 1, start, step, stop)
        return Vary(arg, field, math.floor(steps) + 1, start, step, None)
    items = tuple(_number(t, arg, field) for t in text.split(","))
    return Vary(arg, field, len(items), items=items)


def grid_size(varies: Sequence[Vary]) -> int:
    """Points in the grid: the product of the sizes (an exact int, however large)."""
    return math.prod(v.size for v in varies)


def check_grid(varies: Sequence[Vary]) -> None:
    """Refuse a grid of more than MAX_GRID points, and varies that cannot go together."""
    if not varies:
        raise UsageError(msg("vary.none"))
    size = grid_size(varies)
    if size > MAX_GRID:
        sizes = " × ".join(f"{v.size:,}" for v in varies)
        raise UsageError(msg("vary.too_big", size=f"{size:,}", max=f"{MAX_GRID:,}", sizes=sizes))
    seen: set[str] = set()
    for v in varies:
        if v.name in seen:
            raise UsageError(msg("vary.twice", arg=shown(v.arg), name=v.name))
        seen.add(v.name)
    ids = {v.field.merchant for v in varies if v.field.merchant is not None}
    if len(ids) > 1:
        raise UsageError(msg("vary.ids", ids=", ".join(sorted(ids))))


def sweep_merchants(
    scenario: Scenario, varies: Sequence[Vary], periods: int | None = None
) -> list[int]:
    """Indices of the merchants a sweep covers: those with every varied field (and the ID:).

    UsageError for an ID: that no merchant has; WhatIfError when no merchant is left.
    """
    ids = {v.field.merchant for v in varies if v.field.merchant is not None}
    if ids:
        (wanted,) = ids
        chosen = [i for i, m in enumerate(scenario.merchants) if m.id == wanted]
        if not chosen:
            arg = next(v.arg for v in varies if v.field.merchant == wanted)
            raise UsageError(msg("vary.no_merchant", arg=shown(arg), id=shown(wanted)))
        for v in varies:
            why = _applies(scenario.merchants[chosen[0]], v.field, periods)
            if why is not None:
                raise WhatIfError(msg("vary.cannot", name=v.name, why=why), v.name)
        return chosen
    chosen = [
        i
        for i, m in enumerate(scenario.merchants)
        if all(_applies(m, v.field, periods) is None for v in varies)
    ]
    if not chosen:
        names = ", ".join(v.name for v in varies)
        raise WhatIfError(msg("vary.nobody", names=names), varies[0].name)
    return chosen


def sweep_rows(
    scenario: Scenario,
    varies: Sequence[Vary],
    chunk: int = 100_000,
    periods: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """One row per merchant and grid point (SPEC §8), merchant by merchant, the last --vary
    varying fastest. The grid is evaluated `chunk` points at a time, as arrays.

    Every check (grid size, fields, merchants) happens here, before the first row is asked
    for; `periods` evaluates the totals of a forecast instead of one period.
    """
    check_grid(varies)
    for v in varies:
        _check_periods(v.field, "--vary", periods)
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    for v in varies:
        if periods is not None and v.field.path == ("content", "reach_rate") and v.lowest() <= 0:
            raise UsageError(msg("vary.reach", arg=shown(v.arg)))
    merchants = sweep_merchants(scenario, varies, periods)
    return _sweep(scenario, list(varies), merchants, chunk, periods, progress)


def _sweep(
    scenario: Scenario,
    varies: list[Vary],
    merchants: list[int],
    chunk: int,
    periods: int | None,
    progress: Callable[[int], None] | None,
) -> Iterator[dict[str, Any]]:
    import numpy as np

    shape = tuple(v.size for v in varies)
    total = grid_size(varies)
    fields = [v.field for v in varies]
    keys = ["merchant", *(v.name for v in varies), *SWEEP_METRICS]
    for index in merchants:
        merchant_id = scenario.merchants[index].id
        for first in range(0, total, chunk):
            last = min(total, first + chunk)
            n = last - first
            # C order: the last axis varies fastest
            positions = np.unravel_index(np.arange(first, last), shape)
            columns = [v.at(p) for v, p in zip(varies, positions, strict=True)]
            outcome = evaluate_points(scenario, index, fields, columns, periods)
            shelf, content = outcome.shelf, outcome.content
            adv = content["contribution"] - shelf["contribution"] if shelf and content else None
            cells: list[Iterable[Any]] = [
                repeat(merchant_id, n),
                *(c.tolist() for c in columns),
                _rounded(shelf and shelf["gmv"], n),
                _rounded(content and content["gmv"], n),
                _rounded(shelf and shelf["contribution"], n),
                _rounded(content and content["contribution"], n),
                _rounded(adv, n),
            ]
            for values in zip(*cells, strict=True):
                yield dict(zip(keys, values, strict=True))
            if progress is not None:
                progress(n)


def _rounded(value: Any, n: int) -> Iterable[Any]:
    """n money values rounded as in JSON (data.r2), from an array or one number."""
    if value is None or _scalar(value):
        return repeat(None if value is None else r2(value), n)
    import numpy as np

    return round2(np.broadcast_to(np.asarray(value, dtype=float), (n,)))


def round2(values: np.ndarray) -> list[float]:
    """`[r2(v) for v in values]`, exactly, several times faster.

    rint(100·v) / 100 is the float nearest to the rounded cents, as Python's round gives, except
    where 100·v lies within float error of half a cent (or is too large for whole cents to be
    exact): those few values go through r2 itself.
    """
    import numpy as np

    cents = values * 100.0
    out: list[float] = (np.rint(cents) / 100.0 + 0.0).tolist()
    near_half = np.abs(np.abs(cents - np.floor(cents)) - 0.5) <= 4 * np.spacing(np.abs(cents))
    for i in np.nonzero(near_half | ~(np.abs(cents) < 2.0**51))[0].tolist():
        out[i] = r2(float(values[i]))
    return out


def sweep_columns(header_paths: Sequence[str], file: bool = False) -> list[str]:
    return [*(["file"] if file else []), "merchant", *header_paths, *SWEEP_METRICS]


def render_sweep_csv(
    rows: Iterable[dict[str, Any]], header_paths: Sequence[str], file: str | None = None
) -> Iterator[str]:
    """CSV lines, header first: long format, one line per row; with `file`, a leading file column
    (SPEC §7). Text cells that a spreadsheet would run as a formula get a leading '."""
    columns = sweep_columns(header_paths, file is not None)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(cells: list[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    yield line(columns)
    for row in rows:
        full = row if file is None else {"file": file, **row}
        yield line([cell(full.get(c)) for c in columns])


def render_sweep_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line per row."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n"


def sweep_json(file: str, rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """`--format json`: {"file", "rows": [...]}."""
    return {"file": file, "rows": list(rows)}


# --- solve ---------------------------------------------------------------------------------------

#: "breakeven", or (metric, X) with metric "gmv" or "contribution"
Target = str | tuple[str, float]
TARGET_METRICS = ("gmv", "contribution")


def parse_target(text: str) -> Target:
    """`breakeven`, `gmv=X` or `contribution=X` (X as in scenario files: 50万, 1.2亿, 1200)."""
    s = text.strip()
    if s.lower() == "breakeven":
        return "breakeven"
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


def _bound(x: float) -> str:
    """A bound as the no-solution message shows it: 0, 1, 1e-12, 1e15."""
    return f"{x:g}".replace("e+", "e")


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
    """The merchant to solve for: `--merchant ID`, or the ID: of `--for ID:PATH`, or else the
    first merchant the solve applies to."""
    field = parse_field(path, "--for")
    if merchant_id and field.merchant and merchant_id != field.merchant:
        raise UsageError(msg("solve.merchants_differ", path=shown(path), id=shown(merchant_id)))
    wanted = merchant_id or field.merchant
    if wanted is not None:
        for i, m in enumerate(scenario.merchants):
            if m.id == wanted:
                return i
        raise WhatIfError(msg("solve.no_merchant", id=shown(wanted)))
    problems = []
    for i, m in enumerate(scenario.merchants):
        why = _cannot_solve(m, field, target, periods)
        if why is None:
            return i
        problems.append(why)
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
    interval = msg("solve.no_solution", lo=_bound(lo), hi=_bound(hi))
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
    if abs(x) >= 1e15:
        return f"{x:.6g}".replace("e+", "e")
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


def solve_json(file: str, merchant_id: str, target: Target, solution: Solution) -> dict[str, Any]:
    """`{"file", "merchant", "for", "target", "value", "check"}`: value unrounded, check in cents."""
    return {
        "file": file,
        "merchant": merchant_id,
        "for": solution.path,
        "target": target_text(target),
        "value": solution.value,
        "check": r2(solution.check),
    }
