"""The output columns of `score` (SPEC §11): `id`, the §4 JSON of `compare` flattened with dots,
the forecast totals with `--periods`, and `error`.

The columns come from the row registry (`gmvcli.rows`), with the decimals the JSON rounds them to,
so a score column equals the JSON number of the same merchant exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from gmvcli.rows import COMPARISON, DRIVERS, JSON_ROWS, MODELS, decimals

if TYPE_CHECKING:
    import pyarrow as pa

MONEY = 2


class Column(NamedTuple):
    name: str
    digits: int  # decimals, as in the JSON
    model: str  # shelf | content | comparison | forecast


#: the §4 JSON of compare, flattened: each model's rows as the row registry places and rounds
#: them, then the comparison and its drivers
RESULT_COLUMNS: tuple[Column, ...] = (
    *(
        Column(f"{model}.{q.json}", q.decimals, model)
        for model in MODELS
        for q in JSON_ROWS
        if model in q.models
    ),
    *(Column(f"comparison.{key}", decimals(kind), "comparison") for key, kind in COMPARISON),
    *(Column(f"comparison.drivers.{key}", decimals("ratio"), "comparison") for key, _ in DRIVERS),
)
#: with --periods: the crossover period (an integer) and the contribution totals over the periods
FORECAST_COLUMNS: tuple[Column, ...] = (
    Column("forecast.crossover", 0, "forecast"),
    Column("forecast.shelf.contribution", MONEY, "forecast"),
    Column("forecast.content.contribution", MONEY, "forecast"),
)


def output_names(periods: int | None) -> list[str]:
    """Every output column in order."""
    names = ["id", *(c.name for c in RESULT_COLUMNS)]
    if periods is not None:
        names += [c.name for c in FORECAST_COLUMNS]
    return [*names, "error"]


def schema(names: list[str]) -> pa.Schema:
    """The Arrow schema of the output: text for id and error, the crossover a whole number."""
    import pyarrow as pa

    def kind(name: str) -> pa.DataType:
        if name in ("id", "error"):
            return pa.string()
        if name == "forecast.crossover":
            return pa.int64()
        return pa.float64()

    return pa.schema([(n, kind(n)) for n in names])
