"""Writing `score` results (SPEC §11) batch by batch: CSV, JSONL or Parquet, to a file renamed into
place when complete (never a partial file) or, for the text formats, to stdout."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from typing import IO, TYPE_CHECKING, Any

from gmvcli.errors import safe_text
from gmvcli.render.csv import cell
from gmvcli.score.columns import schema

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

#: formats that need a file (binary)
BINARY = ("parquet", "xlsx")
_SAFE_TEXT = r"^[A-Za-z0-9_.][^\x00-\x1f\x7f-\x9f]*$"


class _Target:
    """A file written through a temporary file beside it (renamed at the end), or stdout."""

    def __init__(self, output: str | None) -> None:
        self.output = output
        self.tmp: str | None = None
        if output is None:
            self.stream: IO[bytes] = sys.stdout.buffer
            return
        if os.path.exists(output) and not stat.S_ISREG(os.stat(output).st_mode):
            # a device or FIFO (/dev/stdout, a pipe): written directly, never replaced
            self.output = None
            self.stream = open(output, "wb")  # noqa: SIM115 - closed in commit/abort
            self._close = True
            return
        directory = os.path.dirname(os.path.abspath(output))
        fd, self.tmp = tempfile.mkstemp(prefix=".gmvcli-", suffix=".tmp", dir=directory)
        self.stream = os.fdopen(fd, "wb")

    _close = False

    def commit(self) -> None:
        self.stream.flush()
        if self._close:
            self.stream.close()
        if self.output is None or self.tmp is None:
            return
        self.stream.close()
        target = os.path.realpath(self.output)
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, target)
        self.tmp = None

    def abort(self) -> None:
        if self.tmp is not None:
            self.stream.close()
            os.unlink(self.tmp)
            self.tmp = None


class Writer:
    """Write output batches in one format; `close()` completes the file, `abort()` removes it."""

    def __init__(self, fmt: str, output: str | None, names: list[str]) -> None:
        self.fmt = fmt
        self.schema = schema(names)
        self.target = _Target(output)
        self._parquet: Any = None
        self._csv: Any = None
        if fmt == "parquet":
            import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

            self._parquet = pq.ParquetWriter(self.target.stream, self.schema)
        elif fmt == "csv":
            import pyarrow.csv as pcsv  # type: ignore[import-untyped,unused-ignore]

            self._csv = pcsv.CSVWriter(
                self.target.stream,
                self.schema,
                write_options=pcsv.WriteOptions(quoting_style="needed"),
            )

    def write(self, batch: pa.RecordBatch) -> None:
        if self.fmt == "parquet":
            self._parquet.write_batch(batch)
        elif self.fmt == "csv":
            self._csv.write_batch(_csv_safe(batch))
        else:
            lines = "".join(
                json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n"
                for row in batch.to_pylist()
            )
            self.target.stream.write(lines.encode("utf-8"))

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._csv is not None:
            self._csv.close()
        self.target.commit()

    def abort(self) -> None:
        try:
            if self._parquet is not None:
                self._parquet.close()
        finally:
            self.target.abort()


def _csv_safe(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Text cells that could run as a formula get a leading ' and control characters are made
    visible (SPEC §7); ids that are plainly safe pass untouched, numbers are never altered."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    columns = list(batch.columns)
    for name in ("id", "error"):
        i = batch.schema.names.index(name)
        column = columns[i]
        safe = pc.fill_null(pc.match_substring_regex(column, _SAFE_TEXT), True)
        risky = np.flatnonzero(~safe.to_numpy(zero_copy_only=False))
        if len(risky):
            values = column.to_pylist()
            for k in risky:
                values[k] = cell(safe_text(values[k]))
            columns[i] = pa.array(values, pa.string())
    return pa.RecordBatch.from_arrays(columns, schema=batch.schema)


class ErrorsFile:
    """`--errors FILE`: every problem as CSV `row,column,value,message`, streamed."""

    def __init__(self, output: str) -> None:
        import csv
        import io

        self.target = _Target(output)
        self.text = io.TextIOWrapper(self.target.stream, encoding="utf-8", newline="")
        self.csv = csv.writer(self.text)
        self.csv.writerow(["row", "column", "value", "message"])

    def write(self, row: int, column: str, value: str | None, message: str) -> None:
        self.csv.writerow([row, cell(column), cell(value), cell(message)])

    def close(self) -> None:
        self.text.flush()
        self.text.detach()
        self.target.commit()

    def abort(self) -> None:
        self.text.detach()
        self.target.abort()
