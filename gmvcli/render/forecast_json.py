"""A forecast merchant's JSON text, written column-wise (issue 16): the periods of a merchant share
one shape, so their values are rounded a column at a time and poured into one template, instead of
a dict per period and model for json.dumps to walk. The columns come from the merchant's period
records (rounded by data.round_columns) or, for a block forecast, straight from its arrays
(`forecast.ColumnPeriods`, rounded by score.rounding.round_exact). The text is byte for byte
`json_dumps(forecast_merchant_data(m), indent=...)`: a float as its repr, NaN or ±inf as null."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from gmvcli.data import _PLAN, _shape, forecast_merchant_data, round_columns
from gmvcli.forecast import ColumnPeriods
from gmvcli.textsafe import json_dumps

_HOLE = re.compile(r'"@(\d+)@"')
_NOT_JSON = {"nan", "inf", "-inf"}
#: what a content period adds to the model's rows (SPEC §5), rounded as money
_FANS = ("fans_start", "fans_end")


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


@lru_cache(maxsize=8)
def _template(models: tuple[str, ...], pretty: bool) -> tuple[str, tuple[int, ...]]:
    """One period's JSON with a `%s` per value, and which column fills each (0: the period)."""
    sample: dict[str, Any] = {"period": "@0@", "shelf": None, "content": None}
    first = 1
    for model in models:
        plan = _PLAN[model]
        count = len(plan) + (len(_FANS) if model == "content" else 0)
        holes = [f"@{first + i}@" for i in range(count)]
        shaped = _shape(model, holes[: len(plan)])  # type: ignore[arg-type]
        if model == "content":
            shaped.update(zip(_FANS, holes[len(plan) :], strict=True))
        sample[model] = shaped
        first += count
    text = json_dumps(sample, indent=2 if pretty else None)
    if pretty:
        text = text.replace("\n", "\n    ")
    pieces = _HOLE.split(text)
    template = "%s".join(p.replace("%", "%%") for p in pieces[0::2])
    return template, tuple(int(i) for i in pieces[1::2])


def _decimals(models: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    for model in models:
        out += [n for *_, n in _PLAN[model]]
        out += [2] * len(_FANS) if model == "content" else []
    return out


def _record_columns(periods: Any, models: tuple[str, ...]) -> list[list[Any]]:
    """The rounded columns of a merchant's period records, in the order of `_template`'s holes."""
    values: list[list[Any]] = []
    for model in models:
        results = [getattr(p, model) for p in periods]
        values += [[get(r) for r in results] for _, _, get, _ in _PLAN[model]]
        if model == "content":
            values += [[getattr(p, f) or 0.0 for p in periods] for f in _FANS]
    return round_columns(values, _decimals(models))


def _array_columns(periods: ColumnPeriods, models: tuple[str, ...]) -> list[list[Any]]:
    """The same from a block forecast's arrays: every column of one number of decimals rounded
    in one operation (round_exact: `round(v, n) + 0.0` of each, NaN kept for null)."""
    import numpy as np

    from gmvcli.score.rounding import round_exact

    values: list[Any] = []
    for model in models:
        result = getattr(periods, model)
        values += [get(result) for _, _, get, _ in _PLAN[model]]
        values += list(periods.fans) if model == "content" else []
    array = np.array(values, dtype=float)
    decimals = np.array(_decimals(models))
    for places in set(decimals.tolist()):
        rows = decimals == places
        array[rows] = round_exact(array[rows].ravel(), places).reshape(-1, len(periods))
    out: list[list[Any]] = array.tolist()
    return out


def merchant_json(m: Any, ascii: bool = False, pretty: bool = False) -> str:
    """`json_dumps(forecast_merchant_data(m), ascii=ascii, indent=2 if pretty else None)`."""
    indent = 2 if pretty else None
    periods = m.periods
    if isinstance(periods, ColumnPeriods):
        present = [periods.shelf is not None, periods.content is not None]
    else:
        shapes = {(p.shelf is not None, p.content is not None) for p in periods}
        if len(shapes) != 1:
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
    sep = "," + prefix[prefix.rfind("[") + 1 :] if pretty else ", "
    template, order = _template(models, pretty)
    if isinstance(periods, ColumnPeriods):
        numbers: Any = range(1, len(periods) + 1)
        columns = _array_columns(periods, models)
    else:
        numbers = [p.period for p in periods]
        columns = _record_columns(periods, models)
    cells = [list(map(str, numbers)), *map(_texts, columns)]
    rows = zip(*(cells[i] for i in order), strict=True)
    return prefix + sep.join([template % row for row in rows]) + suffix
