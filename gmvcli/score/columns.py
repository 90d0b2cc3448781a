"""The output columns of `score` (SPEC §11): `id`, the §4 JSON of `compare` flattened with dots,
the forecast totals with `--periods`, and `error`.

Each column says how the compare/forecast JSON rounds it (2 decimals for money and counts, 6 for
ratios), so a score column equals the JSON number of the same merchant exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

MONEY, RATIO = 2, 6


class Column(NamedTuple):
    name: str
    digits: int  # decimals, as in the JSON
    model: str  # shelf | content | comparison | forecast


#: the §4 rows of one model as JSON keys (in the JSON's order) → decimals; content adds three first
_MODEL_KEYS: tuple[tuple[str, int], ...] = (
    ("uv", MONEY),
    ("conversion", RATIO),
    ("orders", MONEY),
    ("gmv", MONEY),
    ("refunds", MONEY),
    ("net_gmv", MONEY),
    ("costs.traffic", MONEY),
    ("costs.commission", MONEY),
    ("costs.promotion", MONEY),
    ("costs.content", MONEY),
    ("costs.goods", MONEY),
    ("costs.total", MONEY),
    ("rebate", MONEY),
    ("contribution", MONEY),
    ("roi", RATIO),
)
_CONTENT_FIRST = (("private_uv", MONEY), ("public_uv", MONEY), ("bonus_uv", MONEY))
_COMPARISON = (
    ("gmv_delta", MONEY),
    ("gmv_ratio", RATIO),
    ("net_gmv_delta", MONEY),
    ("contribution_delta", MONEY),
    ("drivers.uv", RATIO),
    ("drivers.conversion", RATIO),
    ("drivers.aov", RATIO),
    ("drivers.repurchase", RATIO),
)

RESULT_COLUMNS: tuple[Column, ...] = (
    *(Column(f"shelf.{k}", d, "shelf") for k, d in _MODEL_KEYS),
    *(Column(f"content.{k}", d, "content") for k, d in _CONTENT_FIRST + _MODEL_KEYS),
    *(Column(f"comparison.{k}", d, "comparison") for k, d in _COMPARISON),
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
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    def kind(name: str) -> pa.DataType:
        if name in ("id", "error"):
            return pa.string()
        if name == "forecast.crossover":
            return pa.int64()
        return pa.float64()

    return pa.schema([(n, kind(n)) for n in names])
