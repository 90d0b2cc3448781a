"""A forecast merchant's JSON text, written column-wise (issue 16): the periods of a merchant share
one shape, so their values are rounded a column at a time (data.round_columns) and poured into one
template, instead of a dict per period and model for json.dumps to walk. The text is byte for byte
`json_dumps(forecast_merchant_data(m), indent=...)`: a float as its repr, NaN or ±inf as null."""

from __future__ import annotations

import re
from typing import Any

from gmvcli.data import _PLAN, _shape, forecast_merchant_data, round_columns
from gmvcli.textsafe import json_dumps

_HOLE = re.compile(r'"@(\d+)@"')
_NOT_JSON = {"nan", "inf", "-inf"}


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


def merchant_json(m: Any, ascii: bool = False, pretty: bool = False) -> str:
    """`json_dumps(forecast_merchant_data(m), ascii=ascii, indent=2 if pretty else None)`."""
    indent = 2 if pretty else None
    periods = m.periods
    has_shelf = [p.shelf is not None for p in periods]
    has_content = [p.content is not None for p in periods]
    if not periods or len(set(has_shelf)) > 1 or len(set(has_content)) > 1:
        return json_dumps(forecast_merchant_data(m), ascii=ascii, indent=indent)
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
    # one period's shape with numbered holes, and the columns that fill them
    columns: list[list[Any]] = [[p.period for p in periods]]
    sample: dict[str, Any] = {"period": "@0@", "shelf": None, "content": None}
    for model, present in (("shelf", has_shelf[0]), ("content", has_content[0])):
        if not present:
            continue
        plan = _PLAN[model]
        results = [getattr(p, model) for p in periods]
        first = len(columns)
        values = [[get(r) for r in results] for _, _, get, _ in plan]
        decimals = [n for *_, n in plan]
        if model == "content":
            values += [[p.fans_start or 0.0 for p in periods], [p.fans_end or 0.0 for p in periods]]
            decimals += [2, 2]
        columns += round_columns(values, decimals)
        holes = [f"@{first + i}@" for i in range(len(values))]
        shaped = _shape(model, holes[: len(plan)])  # type: ignore[arg-type]
        if model == "content":
            shaped["fans_start"], shaped["fans_end"] = holes[len(plan) :]
        sample[model] = shaped
    text = json_dumps(sample, indent=indent)
    if pretty:
        text = text.replace("\n", "\n    ")
    pieces = _HOLE.split(text)
    order = [int(i) for i in pieces[1::2]]
    template = "%s".join(p.replace("%", "%%") for p in pieces[0::2])
    cells = [list(map(str, columns[0])), *(_texts(c) for c in columns[1:])]
    rows = zip(*(cells[i] for i in order), strict=True)
    return prefix + sep.join([template % row for row in rows]) + suffix
