"""Long-format CSV (SPEC §7): one row per merchant per model (per period for a forecast).

Text cells that a spreadsheet would run as a formula are prefixed with ' ; numbers are never touched.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from gmvcli.data import forecast_merchant_data, merchant_data
from gmvcli.rows import JSON_ROWS
from gmvcli.textsafe import CsvWriter, csv_cell

#: one column per §4 row, named after its JSON path (the row registry)
METRICS = tuple(q.csv or "" for q in JSON_ROWS)
#: the columns that say whose row it is
WHO = ("file", "scenario", "merchant", "merchant_name", "role")
COMPARE_COLUMNS = (*WHO, "model", *METRICS)
FORECAST_COLUMNS = (*WHO, "period", "model", *METRICS, "fans_start", "fans_end")


def cell(value: Any) -> Any:
    """A CSV cell: None → empty; text that starts like a formula gets a leading ' (SPEC §7)."""
    return csv_cell(value)


def _flat(model: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in model.items() if k != "costs"}
    out.update({f"costs_{k}": v for k, v in model["costs"].items()})
    return out


def _write(columns: tuple[str, ...], rows: Iterable[dict[str, Any]], header: bool) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def _who(result: Any, m: Any) -> dict[str, Any]:
    """The cells of `WHO` for merchant `m` of a scenario's results."""
    return {
        "file": result.file,
        "scenario": result.name,
        "merchant": m.id,
        "merchant_name": m.name,
        "role": m.role,
    }


def compare_rows(result: Any) -> Iterable[dict[str, Any]]:
    for m in result.merchants:
        data = merchant_data(m)
        for model in ("shelf", "content"):
            if data[model] is not None:
                yield {**_who(result, m), "model": model, **_flat(data[model])}


def forecast_rows(result: Any) -> Iterable[dict[str, Any]]:
    for m in result.merchants:
        data = forecast_merchant_data(m)
        who = _who(result, m)
        for period in data["periods"]:
            for model in ("shelf", "content"):
                if period[model] is not None:
                    yield {
                        **who,
                        "period": period["period"],
                        "model": model,
                        **_flat(period[model]),
                    }


def render_compare(results: Iterable[Any], header: bool = True) -> str:
    return _write(COMPARE_COLUMNS, (r for res in results for r in compare_rows(res)), header)


def render_forecast(results: Iterable[Any], header: bool = True) -> str:
    return _write(FORECAST_COLUMNS, (r for res in results for r in forecast_rows(res)), header)
