"""`sweep` (SPEC §8): a grid of input values, evaluated vectorised, one row per point and merchant."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.data import r2, round_many
from gmvcli.errors import UsageError, shown
from gmvcli.messages import Msg, listing, msg
from gmvcli.model import KINDS, Invalid, Scenario
from gmvcli.numbers import NumberError, parse_number
from gmvcli.rows import METRIC_ROWS

if TYPE_CHECKING:
    import numpy as np

from gmvcli.whatif.fields import (
    _FORMAT,
    MAX_GRID,
    ON_GRID,
    SWEEP_METRICS,
    FieldRef,
    WhatIfError,
    _applies,
    _check_periods,
    _scalar,
    _unforecastable,
    evaluate_points,
    parse_field,
)


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
        raise UsageError(msg("vary.ids", ids=listing(sorted(ids))))


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
            existing = listing(m.id for m in scenario.merchants)
            raise WhatIfError(
                msg("vary.no_merchant", arg=shown(arg), id=shown(wanted), ids=existing)
            )
        for v in varies:
            why = _applies(scenario.merchants[chosen[0]], v.field, periods)
            if why is not None:
                raise WhatIfError(msg("vary.cannot", name=v.name, why=why), v.name)
        return chosen
    # a merchant that lacks a varied field still gets its rows, that column empty (SPEC §8):
    # see sweep_gaps; only a field that no merchant has is an error
    for v in varies:
        if all(_applies(m, v.field, periods) is not None for m in scenario.merchants):
            raise WhatIfError(msg("vary.nobody", names=v.name), v.name)
    return list(range(len(scenario.merchants)))


def sweep_gaps(
    scenario: Scenario, varies: Sequence[Vary], periods: int | None = None
) -> list[tuple[str, str, Msg]]:
    """(merchant id, field, why) for each varied field a swept merchant does not have: its rows
    hold null in that column (and a warning says why)."""
    ids = {v.field.merchant for v in varies if v.field.merchant is not None}
    gaps = []
    for m in scenario.merchants:
        if ids and m.id not in ids:
            continue
        for v in varies:
            why = _applies(m, v.field, periods)
            if why is not None:
                gaps.append((m.id, v.name, why))
    return gaps


class SweepChunk(NamedTuple):
    """Consecutive rows of one merchant, as columns (SPEC §8): `columns` holds one entry per varied
    field and then per SWEEP_METRICS, each a list of `n` values or one value (None or a number)
    that every row of the chunk shares."""

    merchant: str
    n: int
    columns: list[Any]


def sweep_rows(
    scenario: Scenario,
    varies: Sequence[Vary],
    chunk: int = 100_000,
    periods: int | None = None,
) -> Iterator[dict[str, Any]]:
    """One row per merchant and grid point (SPEC §8), merchant by merchant, the last --vary
    varying fastest: `sweep_chunks`, a dict per row. Every check happens on the call."""
    return chunk_rows(sweep_chunks(scenario, varies, chunk, periods), varies)


def chunk_rows(chunks: Iterable[SweepChunk], varies: Sequence[Vary]) -> Iterator[dict[str, Any]]:
    """The rows of these chunks, a dict each: {"merchant", each varied field, SWEEP_METRICS}."""
    keys = ["merchant", *(v.name for v in varies), *SWEEP_METRICS]
    for part in chunks:
        cells = [
            repeat(part.merchant, part.n),
            *(c if isinstance(c, list) else repeat(c, part.n) for c in part.columns),
        ]
        for values in zip(*cells, strict=True):
            yield dict(zip(keys, values, strict=True))


def sweep_chunks(
    scenario: Scenario,
    varies: Sequence[Vary],
    chunk: int = 100_000,
    periods: int | None = None,
) -> Iterator[SweepChunk]:
    """The sweep's rows (SPEC §8) as SweepChunks of at most `chunk` rows, merchant by merchant,
    the last --vary varying fastest; each chunk is evaluated as arrays.

    Every check (grid size, fields, merchants) happens here, before the first chunk is asked
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
    rows = grid_size(varies) * len(merchants)
    if rows > MAX_GRID:  # the limit is on rows: points × merchants (issue 11)
        raise UsageError(
            msg(
                "vary.too_many_rows",
                size=f"{grid_size(varies):,}",
                merchants=f"{len(merchants):,}",
                rows=f"{rows:,}",
                max=f"{MAX_GRID:,}",
            )
        )
    return _sweep(scenario, list(varies), merchants, chunk, periods)


def _sweep(
    scenario: Scenario,
    varies: list[Vary],
    merchants: list[int],
    chunk: int,
    periods: int | None,
) -> Iterator[SweepChunk]:
    import numpy as np

    from gmvcli.uncertainty.evaluate import advantage

    shape = tuple(v.size for v in varies)
    total = grid_size(varies)
    fields = [v.field for v in varies]
    for index in merchants:
        merchant = scenario.merchants[index]
        # the varied fields this merchant has; the others are null in its rows
        has = [_applies(merchant, f, periods) is None for f in fields]
        for first in range(0, total, chunk):
            last = min(total, first + chunk)
            n = last - first
            if periods is not None and _unforecastable(merchant):
                # cannot be forecast at all (SPEC §5): its rows stay, every number null
                yield SweepChunk(merchant.id, n, [None] * (len(varies) + len(SWEEP_METRICS)))
                continue
            # C order: the last axis varies fastest
            positions = np.unravel_index(np.arange(first, last), shape)
            columns = [v.at(p) for v, p in zip(varies, positions, strict=True)]
            outcome = evaluate_points(
                scenario,
                index,
                [f for f, ok in zip(fields, has, strict=True) if ok],
                [c for c, ok in zip(columns, has, strict=True) if ok],
                periods,
            )
            shelf, content = outcome.shelf, outcome.content
            adv = advantage(outcome)
            yield SweepChunk(
                merchant.id,
                n,
                [
                    *(c.tolist() if ok else None for c, ok in zip(columns, has, strict=True)),
                    *(_rounded(m and m[k], n) for k in METRIC_ROWS for m in (shelf, content)),
                    _rounded(adv, n),
                ],
            )


def _rounded(value: Any, n: int) -> list[float] | float | None:
    """Money values rounded as in JSON (data.r2): n of them from an array, or one number."""
    if value is None or _scalar(value):
        return None if value is None else r2(value)
    import numpy as np

    return round2(np.broadcast_to(np.asarray(value, dtype=float), (n,)))


def round2(values: np.ndarray) -> list[float]:
    """`[r2(v) for v in values]`, exactly, several times faster (`data.round_many`)."""
    return round_many(values.tolist(), 2)  # type: ignore[return-value]


def sweep_json(file: str, rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """`--format json` as one object: {"file", "rows": [...]} (the CLI streams the same text)."""
    return {"file": file, "rows": list(rows)}
