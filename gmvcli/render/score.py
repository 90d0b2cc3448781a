"""Writing `score` results (SPEC §11) batch by batch: CSV, JSONL or Parquet, to a file renamed into
place when complete (never a partial file) or, for the text formats, to stdout."""

from __future__ import annotations

import errno
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

_SAFE_TEXT = r"^[A-Za-z0-9_.][^\x00-\x1f\x7f-\x9f]*$"


class _Target:
    """A file written through a temporary file beside it (renamed at the end), or stdout."""

    def __init__(self, output: str | None) -> None:
        self.output = output
        self.tmp: str | None = None
        if output is None:
            if sys.stdout is None:  # started with stdout closed (>&-)
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            self.stream: IO[bytes] = sys.stdout.buffer
            return
        special = os.path.abspath(output).startswith(("/dev/", "/proc/"))
        if special or (os.path.exists(output) and not stat.S_ISREG(os.stat(output).st_mode)):
            # a device or FIFO (/dev/stdout, a pipe): written directly, never replaced
            self.output = None
            self.stream = open(output, "wb")  # noqa: SIM115 - closed in commit/abort
            self._close = True
            return
        # beside the file itself (a symlink's target), so that the rename stays on its device
        directory = os.path.dirname(os.path.realpath(output))
        fd, self.tmp = tempfile.mkstemp(prefix=".gmvcli-", suffix=".tmp", dir=directory)
        self.stream = os.fdopen(fd, "wb")  # (XlsxWriter writes to the path itself)

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

    def __init__(self, fmt: str, output: str | None, names: list[str], lang: str = "en") -> None:
        self.fmt = fmt
        self.schema = schema(names)
        self.target = _Target(output)
        self._parquet: Any = None
        self._csv: Any = None
        self._xlsx: _Xlsx | None = None
        if fmt == "xlsx":
            assert self.target.tmp is not None  # xlsx needs -o (checked by the command)
            self._xlsx = _Xlsx(self.target.tmp, names, lang)
        elif fmt == "parquet":
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
        if self._xlsx is not None:
            self._xlsx.write(batch)
        elif self.fmt == "parquet":
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
        if self._xlsx is not None:
            self._xlsx.close()
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


def _kind(name: str) -> str:
    """How an output column is shown in a workbook (render.xlsx's kinds)."""
    from gmvcli.rows import BY_KEY

    if name in ("id", "error"):
        return "text"
    if name == "forecast.crossover":
        return "int"
    key = name.rsplit(".", 1)[-1]
    if name.startswith("comparison."):
        return "money" if key.endswith("_delta") else "plain"
    if name.startswith("forecast."):
        return "money"
    json_path = name.split(".", 1)[1]
    quantity = next((q for q in BY_KEY.values() if q.json == json_path), None)
    kind = quantity.kind if quantity is not None else "plain"
    return {"rate": "percent", "ratio": "plain"}.get(kind, kind)


def _header(name: str, lang: str) -> str:
    """A column's header in the run's language: `Shelf · GMV`, `GMV Δ`, `Error`."""
    from gmvcli.i18n import label
    from gmvcli.messages import text
    from gmvcli.render import xlsx

    if name == "id":
        return text("xlsx.col.merchant", lang)
    if name == "error":
        return text("score.col.error", lang)
    if name == "forecast.crossover":
        return text("xlsx.col.crossover", lang)
    section, rest = name.split(".", 1)
    if section == "forecast":
        model, _ = rest.split(".", 1)
        return text(f"xlsx.col.{model}_contribution", lang) + text("score.col.total", lang)
    if section == "comparison":
        key = rest.replace("drivers.", "driver.")
        return text(f"xlsx.col.{key}", lang)
    return f"{label(section, lang)} · {xlsx.row_header(rest, lang)}"


class _Xlsx:
    """One sheet of results, written row by row in XlsxWriter's constant-memory mode, with the
    number formats, header and widths of `render.xlsx`."""

    def __init__(self, path: str, names: list[str], lang: str) -> None:
        import xlsxwriter  # type: ignore[import-untyped,unused-ignore]

        from gmvcli.messages import text
        from gmvcli.render import xlsx

        self.book = xlsxwriter.Workbook(
            path, {"constant_memory": True, "strings_to_formulas": False}
        )
        self.sheet = self.book.add_worksheet(xlsx.sheet_name(text("score.sheet", lang), set()))
        self.sheet.freeze_panes(1, 0)
        bold = self.book.add_format({"bold": True, "bottom": 1})
        self.kinds = [_kind(n) for n in names]
        self.formats: list[Any] = []
        for c, (name, kind) in enumerate(zip(names, self.kinds, strict=True)):
            header = _header(name, lang)
            self.sheet.set_column(c, c, xlsx.column_width(header))
            self.sheet.write_string(0, c, header, bold)
            pattern = xlsx.number_format(kind, "CNY")
            self.formats.append(self.book.add_format({"num_format": pattern}) if pattern else None)
        self.row = 0
        self.width = len(names)

    def write(self, batch: pa.RecordBatch) -> None:
        from gmvcli.render import xlsx

        if self.row + batch.num_rows > xlsx.MAX_ROWS:
            raise xlsx.TooManyRows(self.row + batch.num_rows)
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for values in zip(*columns, strict=True):
            self.row += 1
            for c, value in enumerate(values):
                if value is None:
                    continue
                if self.kinds[c] == "text":
                    self.sheet.write_string(self.row, c, safe_text(str(value)))
                else:
                    self.sheet.write_number(self.row, c, value, self.formats[c])

    def close(self) -> None:
        if self.row:
            self.sheet.autofilter(0, 0, self.row, self.width - 1)
        self.book.close()


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
