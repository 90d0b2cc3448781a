"""`simulate --samples FILE`: every draw written out, so any run can be audited and recomputed.

One row per run: `run` (1-based), the seed (a `seed` column in CSV and JSON Lines; file metadata
in Parquet), one column per drawn input (`MERCHANT:PATH`, or `PATH` for a file-level one) and one
per output (`MERCHANT.MODEL.METRIC`). Floats are written at full precision (Python's shortest
round-trip repr; float64 in Parquet), never rounded. Rows are written chunk by chunk as simulate
makes them, through `output.open_output` (a temporary file renamed onto FILE when complete).
"""

from __future__ import annotations

import json
import os
from typing import IO, TYPE_CHECKING, Any

from gmvcli.loader import PathPart
from gmvcli.model import Scenario
from gmvcli.rows import TOTALS

if TYPE_CHECKING:
    import numpy as np

    from gmvcli.uncertainty import Chunk

KINDS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}


def kind_of(path: str) -> str | None:
    """csv, jsonl or parquet from the file name; None for any other."""
    return KINDS.get(os.path.splitext(path)[1].lower())


def input_columns(scenario: Scenario) -> list[tuple[tuple[PathPart, ...], str]]:
    """(path, column name) of every drawn input, in file order."""
    from gmvcli.correlations import ref_of
    from gmvcli.uncertainty import supported

    ids = [m.id for m in scenario.merchants]
    return [(p, ref_of(p, ids)) for p, _ in scenario.uncertain if supported(p)]


def output_columns(scenario: Scenario) -> list[tuple[int, str, str, str]]:
    """(merchant index, model, metric, column name) of every output."""
    out = []
    for i, m in enumerate(scenario.merchants):
        for model in ("shelf", "content"):
            if getattr(m, model) is not None:
                out += [(i, model, k, f"{m.id}.{model}.{k}") for k in TOTALS]
    return out


class SamplesWriter:
    """Writes the chunks of a simulation to a binary file object; `finish()` after the last."""

    def __init__(
        self, out: IO[bytes], kind: str, scenario: Scenario, seed: int, runs: int, source: str
    ) -> None:
        self.kind = kind
        self.out = out
        self.seed = seed
        self.inputs = input_columns(scenario)
        self.outputs = output_columns(scenario)
        self.names = [name for _, name in self.inputs] + [o[3] for o in self.outputs]
        self._parquet: Any = None
        if kind == "parquet":
            import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
            import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

            self._schema = pa.schema(
                [pa.field("run", pa.int64())] + [pa.field(n, pa.float64()) for n in self.names],
                metadata={
                    "gmvcli.seed": str(seed),
                    "gmvcli.runs": str(runs),
                    "gmvcli.file": source,
                },
            )
            self._parquet = pq.ParquetWriter(out, self._schema)
        elif kind == "csv":
            from gmvcli.render.csv import cell

            head = ",".join(cell(n) for n in ["run", "seed", *self.names]) + "\n"
            out.write(head.encode("utf-8"))
        else:
            self._keys = [json.dumps(n, ensure_ascii=False) for n in ["run", "seed", *self.names]]

    @property
    def columns(self) -> int:
        return len(self.names) + (1 if self.kind == "parquet" else 2)

    def _arrays(self, chunk: Chunk) -> list[np.ndarray]:
        import numpy as np

        arrays = [chunk.inputs[p] for p, _ in self.inputs]
        for i, model, metric, _ in self.outputs:
            values = getattr(chunk.outcomes[i], model)[metric]
            arrays.append(np.broadcast_to(np.asarray(values, dtype=float), (chunk.size,)))
        return arrays

    def __call__(self, chunk: Chunk) -> None:
        import numpy as np

        arrays = self._arrays(chunk)
        runs = np.arange(chunk.start + 1, chunk.start + chunk.size + 1)
        if self._parquet is not None:
            import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]

            table = pa.Table.from_arrays(
                [pa.array(runs, pa.int64()), *(pa.array(a, pa.float64()) for a in arrays)],
                schema=self._schema,
            )
            self._parquet.write_table(table)
            return
        seed = str(self.seed)
        # repr(float) is the shortest text that reads back as the same float: full precision
        columns = [map(repr, a.tolist()) for a in arrays]
        rows = zip(runs.tolist(), zip(*columns, strict=True), strict=True)
        if self.kind == "csv":
            lines = [f"{run},{seed}," + ",".join(row) + "\n" for run, row in rows]
        else:
            keys = self._keys
            head = f"{keys[0]}: {{}}, {keys[1]}: {seed}, "
            pairs = [f"{k}: " for k in keys[2:]]
            lines = [
                "{"
                + head.format(run)
                + ", ".join(k + v for k, v in zip(pairs, row, strict=True))
                + "}\n"
                for run, row in rows
            ]
        self.out.write("".join(lines).encode("utf-8"))

    def finish(self) -> None:
        if self._parquet is not None:
            self._parquet.close()


def problem(path: str) -> str | None:
    """Why --samples FILE cannot be written, as a catalogue code: a name of no known kind."""
    return "unc.samples_ext" if kind_of(path) is None else None
