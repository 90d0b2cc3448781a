"""The batch function of `score` (SPEC §11): one Arrow record batch of merchants in, one record
batch of results out, plus the problems of its bad rows.

It is a pure function of (batch, row numbers, repeated ids, plan), so the local engine, Dask's
`map_partitions` and Spark's `mapInArrow` can all call it on their own slices of a table.
It reads the cells (`score.cells`), completes each row's merchant from the template
(`score.merchants`), runs the engine's formulas on arrays (`score.forecast`) and writes the
output columns of `score.columns`, rounded as §7 says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gmvcli.messages import msg
from gmvcli.rounding import round_exact
from gmvcli.score import forecast as columnar
from gmvcli.score.cells import Cells, read_cells
from gmvcli.score.columns import FORECAST_COLUMNS, RESULT_COLUMNS, output_names
from gmvcli.score.merchants import eligibility, merchants
from gmvcli.score.plan import Plan
from gmvcli.score.problems import BatchProblems, RowProblem

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

__all__ = ["RowProblem", "score_batch"]

#: the forecast settings a row may give as a `forecast.<key>` column
_SETTINGS = ("follow_rate", "fan_churn_rate", "shelf_traffic_cost_growth", "public_cost_growth")


def score_batch(
    batch: pa.RecordBatch, rows: np.ndarray, first_seen: np.ndarray, plan: Plan
) -> tuple[pa.RecordBatch, list[RowProblem]]:
    """Score one batch. `rows[i]` is row i's number R for messages; `first_seen[i]` > 0 marks a
    repeated id (the R of its first row). Returns the output batch and the problems found."""
    import numpy as np
    import pyarrow as pa

    problems = BatchProblems(rows, batch.num_rows)
    cells = read_cells(batch, first_seen, problems)
    m = merchants(batch, cells, plan, problems)
    warnings = eligibility(m, batch, plan, rows)
    if plan.periods is not None:
        problems.fail_rows(
            columnar.cannot_forecast(m) & ~problems.bad,
            "content.reach_rate",
            msg("score.cannot_forecast"),
        )
    with np.errstate(all="ignore"):
        arrays = [cells.ids, *_results(m, cells, plan, ~problems.bad)]
    arrays.append(pa.array(problems.errors(), pa.string()))
    out = pa.RecordBatch.from_arrays(arrays, output_names(plan.periods))
    return out, problems.with_warnings(warnings)


def _results(m: columnar.Merchants, cells: Cells, plan: Plan, good: np.ndarray) -> list[pa.Array]:
    """The result columns of `score.columns`, empty where the row is bad or lacks the model."""
    import numpy as np
    import pyarrow as pa

    n = m.n
    shelf_result, content_result, comparison = columnar.one_period(m)
    results: dict[str, Any] = {
        "shelf": shelf_result,
        "content": content_result,
        "comparison": comparison,
    }
    valid = {
        "shelf": good & m.has_shelf,
        "content": good & m.has_content,
        "comparison": good & m.has_shelf & m.has_content,
        "forecast": good,
    }
    arrays: list[pa.Array] = []
    for col in RESULT_COLUMNS:
        value: Any = results[col.model]
        for part in col.name.split(".")[1:]:
            value = getattr(value, part)
        arrays.append(_rounded(value, col.digits, valid[col.model], n))
    if plan.periods is not None:
        none = np.zeros(n, bool)
        cfg = columnar.Settings(
            periods=plan.periods,
            **{
                key: np.where(
                    cells.present.get(f"forecast.{key}", none),
                    cells.values.get(f"forecast.{key}", 0.0),
                    getattr(plan.settings, key),
                )
                for key in _SETTINGS
            },
        )
        totals = columnar.totals(m, cfg)
        crossover = totals.crossover
        arrays.append(
            pa.array(crossover, pa.int64(), mask=~(valid["comparison"] & (crossover > 0)))
        )
        arrays.append(_rounded(totals.shelf_contribution, 2, valid["shelf"], n))
        arrays.append(_rounded(totals.content_contribution, 2, valid["content"], n))
        assert len(FORECAST_COLUMNS) == 3
    return arrays


def _rounded(value: Any, digits: int, valid: np.ndarray, n: int) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    column = np.broadcast_to(np.asarray(value, dtype=float), (n,))
    rounded = round_exact(np.array(column), digits)
    return pa.array(rounded, pa.float64(), mask=~valid | np.isnan(rounded))
