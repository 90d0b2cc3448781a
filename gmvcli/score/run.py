"""Running the batch function over a whole table: locally, batch after batch, or on a Dask
cluster through `dask.dataframe` `map_partitions`; both hand the results to the caller in input
order, so the output is the same."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from gmvcli.score.batch import RowProblem, score_batch
from gmvcli.score.cells import valid_ids
from gmvcli.score.plan import Plan
from gmvcli.score.tables import SeenIds, Table, TableError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


class SchedulerError(Exception):
    """The Dask scheduler at --scheduler cannot be reached."""

    def __init__(self, address: str, cause: Exception) -> None:
        super().__init__(f"{address}: {cause}")
        self.address = address
        self.reason = str(cause).splitlines()[0] if str(cause) else type(cause).__name__


Results = Iterator[tuple["pa.RecordBatch", list[RowProblem]]]


def run_local(table: Table, plan: Plan) -> Results:
    """Score the table batch by batch: memory holds one batch (and 16 bytes per id seen)."""
    seen = SeenIds()
    for batch, rows in table.batches():
        ids, valid = valid_ids(batch)
        first = seen.check(ids, valid, rows)
        yield score_batch(batch, rows, first, plan)


# --- Dask ------------------------------------------------------------------------------------------


def _repeats(table: Table) -> dict[int, int]:
    """Row number → first row, for every repeated id: one pass over the id column at the client,
    since a repeat may sit in another partition."""
    import numpy as np

    seen = SeenIds()
    out: dict[int, int] = {}
    for batch, rows in table.batches(only=["id"] if table.format != "jsonl" else None):
        ids, valid = valid_ids(batch)
        first = seen.check(ids, valid, rows)
        for i in np.flatnonzero(first):
            out[int(rows[i])] = int(first[i])
    return out


def _frame_to_batch(frame: pd.DataFrame) -> pa.RecordBatch:
    """A pandas partition as the Arrow batch the local reader would have made."""
    import pyarrow as pa

    from gmvcli.score.tables import _jsonl_column

    arrays = []
    for name in frame.columns:
        series = frame[name]
        if series.dtype == object:
            arrays.append(
                _jsonl_column([None if v is None or v != v else v for v in series.tolist()])
            )
        else:
            arrays.append(pa.Array.from_pandas(series))
    return pa.RecordBatch.from_arrays(arrays, [str(c) for c in frame.columns])


def score_partition(
    frame: pd.DataFrame,
    plan: Plan,
    starts: list[Any],
    repeats: dict[int, int],
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """The batch function on one Dask partition; problems travel in a `__problems__` column."""
    import pickle

    import numpy as np
    import pyarrow as pa

    from gmvcli.score.tables import BATCH_ROWS

    number = partition_info["number"] if partition_info else 0
    whole = _frame_to_batch(frame)
    start = starts[number]
    if isinstance(start, list):  # the line of each row
        rows = np.array(start, dtype=np.int64)
    else:
        rows = np.arange(start, start + len(frame), dtype=np.int64)
    first = np.array([repeats.get(int(r), 0) for r in rows], dtype=np.int64)
    # a partition may be a whole row group: score it in batches, as the local engine does
    outputs, problems = [], []
    for at in range(0, max(len(frame), 1), BATCH_ROWS):
        end = at + BATCH_ROWS
        out, found = score_batch(whole.slice(at, BATCH_ROWS), rows[at:end], first[at:end], plan)
        outputs.append(out)
        problems += found
    out = pa.Table.from_batches(outputs)
    result = out.to_pandas()
    packed: list[bytes | None] = [None] * len(frame)
    by_row: dict[int, list[RowProblem]] = {}
    for p in problems:
        by_row.setdefault(p.row, []).append(p)
    for i, r in enumerate(rows):
        if int(r) in by_row:
            packed[i] = pickle.dumps(by_row[int(r)])
    result["__problems__"] = packed
    return result


def run_dask(table: Table, plan: Plan, scheduler: str | None, workers: int = 2) -> Results:
    """Score the table on a Dask cluster (a LocalCluster of `workers` processes, or `scheduler`)."""
    import pickle

    import distributed
    import numpy as np
    import pyarrow as pa

    from gmvcli.score.columns import output_names, schema
    from gmvcli.score.tables import BATCH_ROWS

    dist: Any = distributed
    cluster = None
    if scheduler is None:
        cluster = dist.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = dist.Client(cluster)
    else:
        try:
            client = dist.Client(scheduler, timeout="15s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise SchedulerError(scheduler, exc) from None
    try:
        repeats = _repeats(table)
        try:
            frame = _dask_frame(table)
            lengths = frame.map_partitions(len).compute().tolist()
        except (ValueError, OSError) as exc:  # pandas' reader refused the file
            raise TableError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        # R of each partition's first row: as the local reader numbers rows (a CSV whose records
        # are not one line each gets its line numbers from the same scan)
        first_row = 2 if table.format == "csv" else 1
        starts = np.cumsum([first_row, *lengths[:-1]]).tolist()
        if table.format != "parquet":
            from gmvcli.score.tables import record_lines

            lines = record_lines(table.path, jsonl=table.format == "jsonl")
            if lines is not None:
                offsets = np.cumsum([0, *lengths[:-1]])
                starts = [lines[o : o + n].tolist() for o, n in zip(offsets, lengths, strict=True)]
        names = output_names(plan.periods)
        meta = {n: ("object" if n in ("id", "error") else "f8") for n in names}
        if plan.periods is not None:
            meta["forecast.crossover"] = "Int64"
        meta["__problems__"] = "object"
        scored = frame.map_partitions(score_partition, plan, starts, repeats, meta=meta)
        out_schema = schema(names)
        parts = iter(scored.to_delayed())
        # a few partitions in flight per worker, gathered in input order
        window = max(1, len(client.scheduler_info().get("workers", {})) or workers) + 1
        pending = deque(client.compute(p) for p in islice(parts, window))
        while pending:
            result = pending.popleft().result()
            for p in islice(parts, 1):
                pending.append(client.compute(p))
            problems = [
                p
                for cell in result.pop("__problems__")
                if isinstance(cell, bytes)
                for p in pickle.loads(cell)  # our own workers' problems, never user input
            ]
            # handed on in batches, so a large partition is not copied whole once more
            for at in range(0, max(len(result), 1), BATCH_ROWS):
                part = result.iloc[at : at + BATCH_ROWS]
                batch = pa.RecordBatch.from_pandas(part, schema=out_schema, preserve_index=False)
                yield batch, problems if at == 0 else []
            del result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_frame(table: Table) -> Any:
    import dask.dataframe as dd

    if table.format == "parquet":
        return dd.read_parquet(table.path, split_row_groups=True)
    if table.format == "csv":
        return dd.read_csv(
            table.path,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8-sig",
            blocksize="16MB",
        )
    return dd.read_json(table.path, lines=True, blocksize=16 << 20, dtype=False)


Runner = Callable[[Table, Plan], Results]
