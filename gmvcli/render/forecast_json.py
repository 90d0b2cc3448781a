"""A forecast merchant's JSON text, written column-wise (issue 16): the periods of a merchant share
one shape, so their values are rounded a column at a time and poured into one template (a `%s` per
value of every period), instead of a dict per period and model for json.dumps to walk. The columns
come from the merchant's period records (rounded by data.round_columns) or, for a block forecast,
straight from its arrays (`forecast.ColumnPeriods`, rounded by rounding.round_exact). The
text is byte for byte `json_dumps(forecast_merchant_data(m), indent=...)`: a float as its repr,
NaN or ±inf as null."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from gmvcli.data import _PLAN, _shape, forecast_merchant_data, round_columns
from gmvcli.forecast import ColumnPeriods
from gmvcli.textsafe import json_dumps

if TYPE_CHECKING:
    import numpy as np

_HOLE = re.compile(r'"@(\d+)@"')
_NOT_JSON = {"nan", "inf", "-inf"}
#: what a content period adds to the model's rows (SPEC §5), rounded as money
_FANS = ("fans_start", "fans_end")
#: "." and the cents 0..99 as repr writes them: at least one digit, no trailing zero
_CENTS = ["." + (f"{c:02d}".rstrip("0") or "0") for c in range(100)]
#: below this many cents, repr(cents / 100) is the decimal itself (at most 15 digits, no exponent)
_EXACT_CENTS = 10**15


def _texts(column: list[Any]) -> list[str]:
    """A column of rounded numbers as JSON: repr, None/NaN/±inf null."""
    if None in column:
        return ["null" if v is None else _number(v) for v in column]
    if column and column.count(column[0]) == len(column):  # a rate or price that stays put
        return [_number(column[0])] * len(column)
    cells = list(map(float.__repr__, column))
    if not _NOT_JSON.isdisjoint(cells):
        cells = ["null" if c in _NOT_JSON else c for c in cells]
    return cells


def _number(v: float) -> str:
    text = float.__repr__(v)
    return "null" if text in _NOT_JSON else text


@lru_cache(maxsize=4)
def _periods_template(
    models: tuple[str, ...], pretty: bool, count: int, sep: str
) -> tuple[str, list[int]]:
    """Periods 1..count of a merchant's JSON, joined as its list writes them, with holes for the
    values (`%s`, or `%s%s` for money: its units and its cents); and which column fills each hole
    of one period (column 0, the period, is written in)."""
    sample: dict[str, Any] = {"period": "@0@", "shelf": None, "content": None}
    first = 1
    for model in models:
        plan = _PLAN[model]
        size = len(plan) + (len(_FANS) if model == "content" else 0)
        holes = [f"@{first + i}@" for i in range(size)]
        shaped = _shape(model, holes[: len(plan)])  # type: ignore[arg-type]
        if model == "content":
            shaped.update(zip(_FANS, holes[len(plan) :], strict=True))
        sample[model] = shaped
        first += size
    text = json_dumps(sample, indent=2 if pretty else None)
    if pretty:
        text = text.replace("\n", "\n    ")
    pieces = _HOLE.split(text.replace("%", "%%"))
    decimals = [0, *_decimals(models)]
    period = "".join(
        piece
        if i % 2 == 0
        else ("%s%s" if decimals[int(piece)] == 2 else "%s")
        if piece != "0"
        else "\0"
        for i, piece in enumerate(pieces)
    )
    head, _, tail = period.partition("\0")
    order = [int(i) for i in pieces[1::2] if i != "0"]
    return sep.join(f"{head}{t}{tail}" for t in range(1, count + 1)), order


def _decimals(models: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    for model in models:
        out += [n for *_, n in _PLAN[model]]
        out += [2] * len(_FANS) if model == "content" else []
    return out


def _record_columns(periods: Any, models: tuple[str, ...]) -> list[tuple[list[Any], ...]]:
    """The columns of a merchant's period records as JSON texts, each as the lists that fill its
    holes (money: the texts, and nothing for the cents)."""
    values: list[list[Any]] = []
    for model in models:
        results = [getattr(p, model) for p in periods]
        values += [[get(r) for r in results] for _, _, get, _ in _PLAN[model]]
        if model == "content":
            values += [[getattr(p, f) or 0.0 for p in periods] for f in _FANS]
    decimals = _decimals(models)
    nothing = [""] * len(periods)
    return [
        (_texts(column), nothing) if n == 2 else (_texts(column),)
        for column, n in zip(round_columns(values, decimals), decimals, strict=True)
    ]


def _array_columns(periods: ColumnPeriods, models: tuple[str, ...]) -> list[tuple[list[Any], ...]]:
    """The same from a block forecast's arrays: every column of one number of decimals rounded
    in one operation (round_exact: `round(v, n) + 0.0` of each, NaN kept for null), money that
    moves written as units and cents (`_cents_rows`)."""
    import numpy as np

    from gmvcli.rounding import round_exact

    values: list[Any] = []
    for model in models:
        result = getattr(periods, model)
        values += [get(result) for _, _, get, _ in _PLAN[model]]
        values += list(periods.fans) if model == "content" else []
    array = np.array(values, dtype=float)
    decimals = np.array(_decimals(models))
    out: list[tuple[list[Any], ...]] = [() for _ in values]
    count = len(periods)
    nothing = [""] * count
    for places in set(decimals.tolist()):
        money = places == 2
        rows = np.flatnonzero(decimals == places)
        rounded = round_exact(array[rows].ravel(), places).reshape(len(rows), -1)
        steady = (rounded == rounded[:, :1]).all(axis=1)  # a rate or price that stays put
        for i, value in zip(rows[steady].tolist(), rounded[steady, 0].tolist(), strict=True):
            out[i] = ([_number(value)] * count, nothing) if money else ([_number(value)] * count,)
        moving = rows[~steady].tolist()
        rounded = rounded[~steady]
        cents = _cents_rows(rounded) if money else {}
        for k, (i, row) in enumerate(zip(moving, rounded, strict=True)):
            if k in cents:
                out[i] = cents[k]
            else:
                texts = _texts(row.tolist())
                out[i] = (texts, nothing) if money else (texts,)
    return out


def _cents_rows(rounded: np.ndarray) -> dict[int, tuple[list[Any], list[str]]]:
    """Rows of numbers rounded to cents, each as its units (ints, "-0" for a negative number
    above −1) and the text of its cents: from whole cents k, str(units) + _CENTS[|k| % 100] is
    repr(k / 100) exactly when |k| < 10¹⁵ (the decimal has at most 15 digits, so no shorter one
    gives the same float, and repr writes no exponent), without a repr per number. Rows with a
    larger or non-finite value are left out."""
    import numpy as np

    count = rounded.shape[1]
    with np.errstate(all="ignore"):
        cents = np.rint(rounded * 100)
        fits = (np.abs(cents) < _EXACT_CENTS).all(axis=1)  # NaN compares False
    signed = cents[fits].astype(np.int64)
    whole = np.abs(signed)
    units: list[Any] = np.where(signed < 0, -(whole // 100), whole // 100).ravel().tolist()
    for i in np.flatnonzero((signed < 0) & (signed > -100)).tolist():
        units[i] = "-0"
    digits = list(map(_CENTS.__getitem__, (whole % 100).ravel().tolist()))
    return {
        r: (units[k * count : (k + 1) * count], digits[k * count : (k + 1) * count])
        for k, r in enumerate(np.flatnonzero(fits).tolist())
    }


def merchant_json(m: Any, ascii: bool = False, pretty: bool = False) -> str:
    """`json_dumps(forecast_merchant_data(m), ascii=ascii, indent=2 if pretty else None)`."""
    indent = 2 if pretty else None
    periods = m.periods
    if isinstance(periods, ColumnPeriods):
        present = [periods.shelf is not None, periods.content is not None]
    else:
        shapes = {(p.shelf is not None, p.content is not None) for p in periods}
        if len(shapes) != 1 or [p.period for p in periods] != list(range(1, len(periods) + 1)):
            return json_dumps(forecast_merchant_data(m), ascii=ascii, indent=indent)
        present = list(shapes.pop())
    models = tuple(model for model, has in zip(("shelf", "content"), present, strict=True) if has)
    # the merchant without its periods, and a slot where they go
    rest = forecast_merchant_data(m._replace(periods=()))
    slot = "@slot@"
    while slot in json_dumps(rest, ascii=ascii):
        slot += "@"
    rest["periods"] = [slot]
    skeleton = json_dumps(rest, ascii=ascii, indent=indent)
    at = skeleton.index(json_dumps(slot))
    prefix, suffix = skeleton[:at], skeleton[at + len(json_dumps(slot)) :]
    if isinstance(periods, ColumnPeriods):
        columns = _array_columns(periods, models)
    else:
        columns = _record_columns(periods, models)
    sep = "," + prefix[prefix.rfind("[") + 1 :] if pretty else ", "
    template, order = _periods_template(models, pretty, len(periods), sep.replace("%", "%%"))
    holes = [cells for i in order for cells in columns[i - 1]]
    cells = tuple(chain.from_iterable(zip(*holes, strict=True)))
    return prefix + template % cells + suffix
